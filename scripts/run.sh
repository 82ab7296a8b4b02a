#!/usr/bin/env bash
# Sets up and runs the Keyslot app in demo mode: the reference license server
# runs inside the app on 127.0.0.1 with demo licenses ("Try a demo key").
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"

(cd ui && npm ci --no-audit --no-fund && npm run build)
cargo build --release --locked -p keyslot-app
exec target/release/keyslot-app --demo
