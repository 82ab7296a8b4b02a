#!/usr/bin/env bash
# Sets up (idempotently) and runs every test: the UI's type check, tests and
# build (the app embeds ui/dist), then formatting, lints and the whole
# workspace's tests (unit, oneshot, real listener, real binary, the Python
# client written from docs/protocol.md alone, the real keychain, the app's shell),
# then the .deb installed on this machine (scripts/test-package.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"

echo "== ui: npm ci, check, test, build"
(cd ui && npm ci --no-audit --no-fund && npm run check && npm test && npm run build)
echo "== cargo fmt --check"
cargo fmt --all --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== cargo test"
cargo test --workspace --locked
echo "== the installed package"
bash scripts/test-package.sh
