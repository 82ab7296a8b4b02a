#!/usr/bin/env bash
# Builds the UI, the release app and the release hello-world window, then runs
# the start-up probe (first paint, memory, Activate → License, binary size).
# Writes target/bench-results/app-startup.json: English, German and Japanese,
# each run against the same hello-world launch.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"

(cd ui && npm ci --no-audit --no-fund && npm run build)
cargo build --release --locked -p keyslot-app -p keyslot-hello
cargo bench --locked -p keyslot-e2e --bench startup
