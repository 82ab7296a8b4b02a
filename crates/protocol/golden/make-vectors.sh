#!/usr/bin/env bash
# Recomputes signing-vectors.json with OpenSSL, a tool independent of this
# crate, straight from the recipe in docs/protocol.md. The Rust tests check
# `sign_request`/`sign_response` against the committed output.
#   usage: bash make-vectors.sh > signing-vectors.json
set -euo pipefail
secret='keyslot-golden-secret'
sha() { printf '%s' "$1" | openssl dgst -sha256 -r | cut -d' ' -f1; }
hmac() { printf '%s' "$1" | openssl dgst -sha256 -hmac "$secret" -r | cut -d' ' -f1; }

request() { # method path timestamp nonce body
  local canonical
  canonical="$1"$'\n'"$2"$'\n'"$3"$'\n'"$4"$'\n'"$(sha "$5")"
  printf '    {"method": "%s", "path": "%s", "timestamp": %s, "nonce": "%s", "body": %s, "signature": "%s"}' \
    "$1" "$2" "$3" "$4" "$(printf '%s' "$5" | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()))')" "$(hmac "$canonical")"
}
response() { # nonce status body
  local canonical
  canonical="$1"$'\n'"$2"$'\n'"$(sha "$3")"
  printf '    {"nonce": "%s", "status": %s, "body": %s, "signature": "%s"}' \
    "$1" "$2" "$(printf '%s' "$3" | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()))')" "$(hmac "$canonical")"
}

echo '{'
echo "  \"secret\": \"$secret\","
echo '  "requests": ['
request POST /api/v1/license/activate 1767225600 n0nce-0123456789ABCDEF '{"license_key":"KS-TEST"}'; echo ','
request POST /api/v1/license/devices 1767225600 AAAAAAAAAAAAAAAA ''; echo ','
request POST /api/v1/license/status 1800000000 "_-$(printf 'z%.0s' {1..62})" '{"license_key":"KS-TEST","fingerprint":"é☕"}'; echo
echo '  ],'
echo '  "responses": ['
response n0nce-0123456789ABCDEF 409 '{"error":{"code":1705,"name":"LICENSE_API_LIMIT_REACHED","message":"activation limit reached (3 of 3 seats used)"},"request_id":"01J8X3W4Y5Z6A7B8C9D0EFGHJK"}'; echo ','
response AAAAAAAAAAAAAAAA 200 ''; echo
echo '  ]'
echo '}'
