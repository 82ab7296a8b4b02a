#!/usr/bin/env bash
# A soak run of the reference server: signed `/status` calls at full rate
# (16 keep-alive connections, closed loop) against the real `keyslot-server`
# binary for SECS seconds (default: $SOAK_SECS, else 900 = 15 minutes),
# sampling every second the server's RSS and the requests/s and errors of that
# second, with a progress line every 30 s and a summary at the end. The replay
# cache keeps nonces 10 minutes: RSS should be flat after 600 s.
#
#   scripts/soak.sh [SECS]
#
# Writes target/bench-results/server-soak.json (settings, totals, errors by
# code, per-second samples) and server-soak.svg (req/s and RSS over time).
# SOAK_CONNECTIONS, SOAK_SETTLE_SECS and KEYSLOT_SERVER_BIN (another build of
# the server to soak instead) pass through to the bench.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"

secs="${1:-${SOAK_SECS:-900}}"
case "$secs" in '' | *[!0-9]*) echo "SECS must be a number, not '$secs'" >&2; exit 2 ;; esac

SOAK_SECS="$secs" exec cargo bench --locked -p keyslot-server --bench soak
