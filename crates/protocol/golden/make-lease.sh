#!/usr/bin/env bash
# Makes the golden lease vectors with OpenSSL and coreutils, tools independent
# of this crate, straight from the lease section of docs/protocol.md
# ("Leases (v1.1)"). The Rust tests check that `keyslot_protocol::lease`
# signs the same bytes and gives every invalid vector its outcome;
# verify-lease.py (Python `cryptography`) checks them all a second time.
#
#   usage: bash make-lease.sh        (writes the lease* files beside it)
#
# The key is the secret key of RFC 8032's first Ed25519 test vector, public
# knowledge: a TEST key, never a vendor's. The second key (RFC 8032's second
# vector) stands for "another server".
set -euo pipefail
cd "$(dirname "$0")"

seed=9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60
other_seed=4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb
license_key='KS-TEST'
sub='act_01J8X3W4Y5Z6A7B8C9D0EFGHJK'

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# PKCS#8 DER of an Ed25519 private key = this fixed prefix + the 32-byte seed (RFC 8410).
pem_of_seed() { printf '302e020100300506032b657004220420%s' "$1" | xxd -r -p | openssl pkey -inform DER -outform PEM; }
pem_of_seed "$seed" > lease-key.pem
pem_of_seed "$other_seed" > "$tmp/other.pem"
openssl pkey -in lease-key.pem -pubout -out lease-public.pem

b64url() { basenc --base64url -w0 | tr -d '='; }
raw_public() { openssl pkey -in "$1" -pubout -outform DER | tail -c 32; }
# kid = "ks1-" + the first 16 lowercase hex of SHA-256(raw 32-byte public key).
kid_of() { printf 'ks1-%s' "$(raw_public "$1" | openssl dgst -sha256 -r | cut -c1-16)"; }

kid=$(kid_of lease-key.pem)
other_kid=$(kid_of "$tmp/other.pem")
x=$(raw_public lease-key.pem | b64url)
printf '{"keys":[{"kty":"OKP","crv":"Ed25519","alg":"EdDSA","use":"sig","kid":"%s","x":"%s"}]}\n' \
  "$kid" "$x" > lease-keys.json

key_hash=$(printf '%s\n%s' "$sub" "$license_key" | openssl dgst -sha256 -r | cut -d' ' -f1)
iat=1767225600                  # 2026-01-01T00:00:00Z
rnw=$((iat + 86400))            # --lease-renew default
exp=$((iat + 604800))           # --lease-ttl default; the license expires later
grace=259200                    # --lease-grace default; exp + grace is before the expiry
claims=$(printf '{"iss":"keyslot","sub":"%s","jti":"01KDXJ3R00ABCDEFGHJKMNPQRS","key_hash":"%s","fpr":"%s","iat":%s,"rnw":%s,"exp":%s,"grace":%s,"license":{"state":"ACTIVE","max_activations":3,"used_activations":1,"expires_at":"2027-01-01T00:00:00Z"}}' \
  "$sub" "$key_hash" 5f0c6e8a2b1d4f3e9a7c0b2d4e6f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d2f "$iat" "$rnw" "$exp" "$grace")
printf '%s\n' "$claims" | python3 -m json.tool --indent 2 > lease-claims.json

header() { printf '{"alg":"%s","typ":"%s","kid":"%s"}' "$1" "$2" "$3"; }
# A compact JWS of header text $1 and payload text $2, signed with key file $3.
jws() {
  local input
  input="$(printf '%s' "$1" | b64url).$(printf '%s' "$2" | b64url)"
  printf '%s' "$input" > "$tmp/input"
  printf '%s.%s' "$input" "$(openssl pkeyutl -sign -inkey "$3" -rawin -in "$tmp/input" | b64url)"
}

good_header=$(header EdDSA keyslot-lease+jwt "$kid")
lease=$(jws "$good_header" "$claims" lease-key.pem)
printf '%s\n' "$lease" > lease.jwt
IFS=. read -r h p s <<< "$lease"
# The header's byte 50 is the "1" of "ks1-" (the kid becomes unknown); the
# payload's is the last digit of iat (still JSON, no longer what was signed).
before_iat=${claims%%\"iat\":*}
iat_last_digit=$((${#before_iat} + 6 + 9))

# One byte of a part's decoded bytes changed, re-encoded: $1 part, $2 byte offset.
flip() { printf '%s' "$1" | basenc --base64url -d 2>/dev/null | python3 -c "
import sys
b = bytearray(sys.stdin.buffer.read()); b[$2] ^= 0x01; sys.stdout.buffer.write(b)" | b64url; }

hs256_header=$(printf '{"alg":"HS256","typ":"keyslot-lease+jwt","kid":"%s"}' "$kid" | b64url)
hs256_input="$hs256_header.$p"
# The classic confusion: an HMAC keyed with the public key's bytes.
hs256_sig=$(printf '%s' "$hs256_input" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$(raw_public lease-key.pem | xxd -p -c 64)" -binary | b64url)

vector() { printf '    {"name": "%s", "outcome": "%s", "lease": "%s"}' "$1" "$2" "$3"; }
{
  echo '{'
  echo '  "valid": ['
  vector ed25519_alias valid "$(jws "$(header Ed25519 keyslot-lease+jwt "$kid")" "$claims" lease-key.pem)"; echo
  echo '  ],'
  echo '  "invalid": ['
  vector alg_none_unsigned tampered "$(printf '%s' "$(header none keyslot-lease+jwt "$kid")" | b64url).$p."; echo ','
  vector alg_none_signed tampered "$(jws "$(header none keyslot-lease+jwt "$kid")" "$claims" lease-key.pem)"; echo ','
  vector alg_hs256 tampered "$hs256_input.$hs256_sig"; echo ','
  vector typ_jwt tampered "$(jws "$(header EdDSA JWT "$kid")" "$claims" lease-key.pem)"; echo ','
  vector typ_missing tampered "$(jws "$(printf '{"alg":"EdDSA","kid":"%s"}' "$kid")" "$claims" lease-key.pem)"; echo ','
  vector kid_unknown tampered "$(jws "$(header EdDSA keyslot-lease+jwt ks1-0000000000000000)" "$claims" lease-key.pem)"; echo ','
  vector kid_missing tampered "$(jws '{"alg":"EdDSA","typ":"keyslot-lease+jwt"}' "$claims" lease-key.pem)"; echo ','
  vector other_server_key tampered "$(jws "$(header EdDSA keyslot-lease+jwt "$other_kid")" "$claims" "$tmp/other.pem")"; echo ','
  vector other_key_pinned_kid tampered "$(jws "$good_header" "$claims" "$tmp/other.pem")"; echo ','
  vector flipped_header tampered "$(flip "$h" 50).$p.$s"; echo ','
  vector flipped_payload tampered "$h.$(flip "$p" "$iat_last_digit").$s"; echo ','
  vector flipped_signature tampered "$h.$p.$(flip "$s" 0)"; echo ','
  vector signature_empty tampered "$h.$p."; echo ','
  vector signature_short tampered "$h.$p.${s:0:84}"; echo ','
  vector payload_not_json malformed "$(jws "$good_header" 'not json' lease-key.pem)"; echo ','
  vector payload_array malformed "$(jws "$good_header" '[1,2,3]' lease-key.pem)"; echo ','
  vector payload_string malformed "$(jws "$good_header" '"lease"' lease-key.pem)"; echo ','
  vector header_not_json malformed "$(jws 'EdDSA' "$claims" lease-key.pem)"; echo ','
  vector two_parts malformed "$h.$p"; echo ','
  vector four_parts malformed "$lease.$s"; echo ','
  vector padded_signature malformed "$h.$p.$s=="; echo ','
  vector padded_header malformed "$h=.$p.$s"; echo ','
  vector not_base64url malformed "$h.$p.${s:0:40}*${s:41}"; echo ','
  vector empty malformed ""; echo
  echo '  ]'
  echo '}'
} > lease-vectors.json

printf '{\n  "seed": "%s",\n  "license_key": "%s",\n  "ttl": 604800,\n  "renew": 86400,\n  "grace": 259200\n}\n' \
  "$seed" "$license_key" > lease-inputs.json
