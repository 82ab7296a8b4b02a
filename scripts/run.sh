#!/usr/bin/env bash
# Sets up and runs Keyslot in demo mode: the reference license server on
# 127.0.0.1 with a fresh database, a generated secret and demo licenses.
# (The desktop app's demo mode will embed this same server.)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"

cargo build --release --locked -p keyslot-server
bin=target/release/keyslot-server
demo=$(mktemp -d)
db="$demo/demo.db"
secret=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')

free=$("$bin" license create --db "$db" --seats 3 | tail -n1)
single=$("$bin" license create --db "$db" --seats 1 | tail -n1)
suspended=$("$bin" license create --db "$db" --seats 3 | tail -n1)
revoked=$("$bin" license create --db "$db" --seats 3 | tail -n1)
expired=$("$bin" license create --db "$db" --seats 3 --expires 2025-01-01T00:00:00Z | tail -n1)
"$bin" license state --db "$db" "$suspended" SUSPENDED 2>/dev/null
"$bin" license state --db "$db" "$revoked" REVOKED 2>/dev/null

cat <<MSG
Keyslot demo server
  database   $db
  secret     $secret   (demo only; clients sign with it)
  demo keys  $free  (3 seats, free)
             $single  (1 seat)
             $suspended  (suspended)
             $revoked  (revoked)
             $expired  (expired)
  admin      $bin license list --db $db
Stop with Ctrl-C.
MSG
LICENSE_API_SECRET="$secret" exec "$bin" serve --addr 127.0.0.1:8787 --db "$db"
