"""Schemathesis hooks for the Keyslot license API (crates/server/tests/server/api_fuzz.rs).

Every call to a license endpoint is signed as docs/protocol.md says: the
`timestamp`, `nonce` and `signature` security schemes of the OpenAPI document
are filled in with a fresh timestamp and nonce and the HMAC-SHA256 of the exact
body bytes sent. The secret comes from KEYSLOT_FUZZ_SECRET.

In half of the signed cases whose license key is a string, the key is replaced
with KEYSLOT_FUZZ_KEY, a real license on the server under test, so that
generated requests reach past the key lookup and the stateful phase can walk a
seat from activation on. Schemathesis checks a case edited by `before_call`
anew against the schema, so a case is judged by what was sent.
"""

import hashlib
import hmac
import os
import secrets
import time
from urllib.parse import urlsplit

import schemathesis
from schemathesis.core import NOT_SET
from requests.compat import json as requests_json

SECRET = os.environ["KEYSLOT_FUZZ_SECRET"].encode()
# The signing headers, named as the document's security schemes name them.
TIMESTAMP, NONCE, SIGNATURE = "x-license-timestamp", "x-license-nonce", "x-license-signature"
KEY = os.environ["KEYSLOT_FUZZ_KEY"]


def body_bytes(body):
    """The bytes `requests` sends for a JSON body (its own serializer)."""
    if body is None:
        return b"null"
    if isinstance(body, bytes):
        return body
    return requests_json.dumps(body, allow_nan=False).encode("utf-8")


# The signing headers this file set, by nonce: (timestamp, signature).
SIGNED = {}


def sign(case):
    """Sets the three signing headers of `case` for its body as it will be sent."""
    timestamp = str(int(time.time()))
    nonce = secrets.token_hex(16)
    body = body_bytes(case.body) if case.body is not NOT_SET else b""
    path = urlsplit(case.formatted_path).path
    message = "\n".join(
        [case.method.upper(), path, timestamp, nonce, hashlib.sha256(body).hexdigest()]
    ).encode()
    case.headers = case.headers or {}
    case.headers[TIMESTAMP] = timestamp
    case.headers[NONCE] = nonce
    case.headers[SIGNATURE] = hmac.new(SECRET, message, hashlib.sha256).hexdigest()
    SIGNED[nonce] = (timestamp, case.headers[SIGNATURE])


def signed_here(case):
    """Whether `case` still carries the three headers `sign` set: not a case
    meant to lack one or to carry a generated one."""
    headers = case.headers or {}
    sent = (headers.get(TIMESTAMP), headers.get(SIGNATURE))
    return SIGNED.get(headers.get(NONCE)) == sent


@schemathesis.auth()
class Signature:
    """The security schemes, filled in when a case is generated: Schemathesis
    then knows the credentials are meant, and probes without them."""

    def get(self, case, ctx):
        return SECRET

    def set(self, case, data, ctx):
        sign(case)


@schemathesis.hook
def before_call(ctx, case, kwargs):
    """The real key (half of the time), then the signature of the case as sent;
    a case without this file's signature is left as it is."""
    if not signed_here(case):
        return
    if isinstance(case.body, dict) and isinstance(case.body.get("license_key"), str):
        if secrets.randbelow(2):
            case.body["license_key"] = KEY
    sign(case)
