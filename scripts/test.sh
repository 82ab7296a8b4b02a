#!/usr/bin/env bash
# Sets up (idempotently) and runs every test: formatting, lints, and the
# whole workspace's tests (unit, oneshot, real listener, real binary, and the
# Python client written from PROTOCOL.md alone).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"

echo "== cargo fmt --check"
cargo fmt --all --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== cargo test"
cargo test --workspace --locked
