#!/usr/bin/env bash
# A long fuzz run: every `fuzz_` test (property-based, proptest) of
# keyslot-protocol, keyslot-core and keyslot-server, each with CASES cases
# instead of the normal suite's 256. Each target prints how many it ran.
#
#   scripts/fuzz.sh [CASES]        (default: $KEYSLOT_FUZZ_CASES, else 20000)
#
# A failure is shrunk to a minimal input, printed, and its seed kept in a
# proptest-regressions/ directory beside the target's sources (never in
# src/); every later run replays it first. Fix the decoder, then commit the
# seed file with the fix.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"

cases="${1:-${KEYSLOT_FUZZ_CASES:-20000}}"
case "$cases" in '' | *[!0-9]*) echo "CASES must be a number, not '$cases'" >&2; exit 2 ;; esac

echo "== fuzz: $cases cases per target"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
started=$SECONDS
set +e
PROPTEST_CASES="$cases" cargo test --locked -p keyslot-protocol -p keyslot-core -p keyslot-server \
    --tests fuzz_ -- --nocapture 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
echo "== fuzz: cases run per target ($((SECONDS - started)) s in all)"
grep -E '^[a-z_:]*fuzz_[a-z_]*: ' "$log" | sort || true
if [ "$status" -ne 0 ]; then
    echo "fuzz: a target failed; its seed is kept in a proptest-regressions/ directory (see git status)" >&2
fi
exit "$status"
