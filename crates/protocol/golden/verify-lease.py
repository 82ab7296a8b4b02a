#!/usr/bin/env python3
"""An independent lease verifier, written from the lease section of
docs/protocol.md ("Leases (v1.1)") alone, with Python's `cryptography`
(Debian: python3-cryptography) for Ed25519 and the standard library for the
rest. It shares no code with keyslot-protocol.

Usage:
    python3 verify-lease.py
        checks the golden vectors beside this script: the kid derivation, the
        JWK Set, the golden lease (verified, and re-signed from the RFC 8032
        seed to the same bytes), its claims, and every vector's outcome.
    python3 verify-lease.py --lease FILE --keys FILE [--license-key KEY]
                            [--fingerprint FPR] [--now UNIX]
        verifies one lease (e.g. from a running server) against a JWK Set and
        prints its claims and stage as JSON on the last line.

One line per check (`PASS name` / `FAIL name: why`); the last line of the
golden mode is `N passed, M failed`. Exit status 1 if anything failed.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import hashlib
import json
import re
import sys
from pathlib import Path

try:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        PublicFormat,
        load_pem_private_key,
        load_pem_public_key,
    )
except ImportError:
    sys.exit("verify-lease.py needs Python's cryptography (apt-get install python3-cryptography)")

HERE = Path(__file__).resolve().parent
TYP = "keyslot-lease+jwt"
ALGS = ("EdDSA", "Ed25519")
B64URL = re.compile(r"^[A-Za-z0-9_-]*$")


class Rejected(Exception):
    """The outcome of a failed verification: malformed or tampered."""

    def __init__(self, outcome: str, why: str):
        super().__init__(f"{outcome}: {why}")
        self.outcome = outcome


def b64url_decode(part: str) -> bytes:
    """base64url without padding; anything else is malformed."""
    if not B64URL.match(part) or len(part) % 4 == 1:
        raise Rejected("malformed", f"not base64url without padding: {part[:20]!r}")
    padded = part + "=" * (-len(part) % 4)
    try:
        raw = base64.urlsafe_b64decode(padded)
    except (binascii.Error, ValueError) as e:
        raise Rejected("malformed", str(e)) from e
    # Canonical only: the unused low bits of the last character must be zero.
    if b64url_encode(raw) != part:
        raise Rejected("malformed", "non-canonical base64url")
    return raw


def b64url_encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def kid_of(raw_public: bytes) -> str:
    """"ks1-" + the first 16 lowercase hex characters of SHA-256 of the raw key."""
    return "ks1-" + hashlib.sha256(raw_public).hexdigest()[:16]


def pinned_keys(jwks: dict) -> dict[str, Ed25519PublicKey]:
    """The usable keys of a JWK Set, by kid: OKP/Ed25519 with a 32-byte x."""
    keys = {}
    for jwk in jwks.get("keys", []):
        if not isinstance(jwk, dict) or jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519":
            continue
        try:
            raw = b64url_decode(jwk.get("x", ""))
            key = Ed25519PublicKey.from_public_bytes(raw)
        except (Rejected, ValueError):
            continue
        keys[jwk.get("kid")] = key
    return keys


def json_object(raw: bytes, what: str) -> dict:
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise Rejected("malformed", f"{what} is not JSON") from e
    if not isinstance(value, dict):
        raise Rejected("malformed", f"{what} is not a JSON object")
    return value


def verify(lease: str, keys: dict[str, Ed25519PublicKey]) -> dict:
    """Steps 1 and 2 of "Verifying a lease"; returns the payload."""
    # 1. malformed
    parts = lease.split(".")
    if len(parts) != 3:
        raise Rejected("malformed", f"{len(parts)} parts")
    raw_header, raw_payload, signature = (b64url_decode(p) for p in parts)
    header = json_object(raw_header, "header")
    payload = json_object(raw_payload, "payload")
    # 2. tampered
    if header.get("alg") not in ALGS:
        raise Rejected("tampered", f"alg {header.get('alg')!r}")
    if header.get("typ") != TYP:
        raise Rejected("tampered", f"typ {header.get('typ')!r}")
    kid = header.get("kid")
    if not isinstance(kid, str) or kid not in keys:
        raise Rejected("tampered", f"kid {kid!r} is not pinned")
    try:
        keys[kid].verify(signature, f"{parts[0]}.{parts[1]}".encode("ascii"))
    except InvalidSignature as e:
        raise Rejected("tampered", "signature does not verify") from e
    return payload


def stage(claims: dict, now: int) -> str:
    """Step 5."""
    if now < claims["exp"]:
        return "valid"
    if now < claims["exp"] + claims["grace"]:
        return "grace"
    return "expired"


def key_hash(sub: str, license_key: str) -> str:
    return hashlib.sha256(f"{sub}\n{license_key}".encode("utf-8")).hexdigest()


def unix(rfc3339: str) -> int:
    from datetime import datetime

    return int(datetime.fromisoformat(rfc3339.replace("Z", "+00:00")).timestamp())


CLAIM_TYPES = {
    "iss": str, "sub": str, "jti": str, "key_hash": str, "fpr": str,
    "iat": int, "rnw": int, "exp": int, "grace": int, "license": dict,
}


def claim_problems(claims: dict) -> list[str]:
    """What a lease's claims break of the claim table's rules."""
    problems = []
    for name, kind in CLAIM_TYPES.items():
        value = claims.get(name)
        if not isinstance(value, kind) or isinstance(value, bool):
            problems.append(f"{name} is {value!r}, not {kind.__name__}")
    if problems:
        return problems
    if not re.fullmatch(r"[0-9a-f]{64}", claims["key_hash"]):
        problems.append("key_hash is not 64 lowercase hex")
    if not re.fullmatch(r"[0-9a-f]{64}", claims["fpr"]):
        problems.append("fpr is not 64 lowercase hex")
    # rnw = iat + renew may fall after exp when the license ends first.
    if not (claims["iat"] < claims["rnw"] and claims["iat"] < claims["exp"]):
        problems.append("not iat < rnw and iat < exp")
    if claims["grace"] < 0:
        problems.append("grace is negative")
    expires = claims["license"].get("expires_at")
    if expires is not None:
        end = unix(expires)
        if claims["exp"] > end:
            problems.append("exp is past the license's expires_at")
        if claims["exp"] + claims["grace"] > end:
            problems.append("exp + grace is past the license's expires_at")
        if claims["exp"] == end and claims["grace"] != 0:
            problems.append("exp is the license's expires_at but grace is not 0")
    if claims["license"].get("state") != "ACTIVE":
        problems.append("a lease for a license that is not ACTIVE")
    return problems


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name: str, ok: bool, why: str = ""):
        if ok:
            self.passed += 1
            print(f"PASS {name}")
        else:
            self.failed += 1
            print(f"FAIL {name}: {why}")


def outcome_of(lease: str, keys) -> str:
    try:
        verify(lease, keys)
        return "valid"
    except Rejected as r:
        return r.outcome


def golden() -> int:
    c = Checks()
    inputs = json.loads((HERE / "lease-inputs.json").read_text())
    jwks = json.loads((HERE / "lease-keys.json").read_text())
    lease = (HERE / "lease.jwt").read_text().strip()
    expected = json.loads((HERE / "lease-claims.json").read_text())
    vectors = json.loads((HERE / "lease-vectors.json").read_text())

    # The key: the seed, the PEM file and the JWK Set name the same key.
    seed = bytes.fromhex(inputs["seed"])
    private = Ed25519PrivateKey.from_private_bytes(seed)
    raw_public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    c.check("rfc8032 public key", raw_public.hex()
            == "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", raw_public.hex())
    pem = load_pem_private_key((HERE / "lease-key.pem").read_bytes(), password=None)
    c.check("the PEM private key is the seed's",
            pem.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw) == raw_public)
    public_pem = load_pem_public_key((HERE / "lease-public.pem").read_bytes())
    c.check("the PEM public key is the seed's",
            public_pem.public_bytes(Encoding.Raw, PublicFormat.Raw) == raw_public)

    # The JWK Set shape and the kid derivation.
    expected_kid = "ks1-" + hashlib.sha256(raw_public).hexdigest()[:16]
    c.check("jwk set shape", list(jwks) == ["keys"] and len(jwks["keys"]) == 1, json.dumps(jwks))
    jwk = jwks["keys"][0]
    c.check("jwk members", jwk == {"kty": "OKP", "crv": "Ed25519", "alg": "EdDSA", "use": "sig",
                                   "kid": expected_kid, "x": b64url_encode(raw_public)}, json.dumps(jwk))
    c.check("kid derivation", kid_of(b64url_decode(jwk["x"])) == jwk["kid"] == expected_kid, jwk["kid"])
    c.check("kid shape", re.fullmatch(r"ks1-[0-9a-f]{16}", jwk["kid"]) is not None, jwk["kid"])
    keys = pinned_keys(jwks)

    # The golden lease.
    try:
        claims = verify(lease, keys)
        c.check("golden lease verifies", True)
    except Rejected as r:
        c.check("golden lease verifies", False, str(r))
        claims = {}
    header = json.loads(b64url_decode(lease.split(".")[0]))
    c.check("golden header", header == {"alg": "EdDSA", "typ": TYP, "kid": expected_kid}, json.dumps(header))
    c.check("golden claims are lease-claims.json", claims == expected, json.dumps(claims))
    c.check("claim rules", not claim_problems(claims), "; ".join(claim_problems(claims)))
    c.check("key_hash = sha256(sub \\n license_key)",
            claims.get("key_hash") == key_hash(claims.get("sub", ""), inputs["license_key"]))
    c.check("exp = min(iat + ttl, expires_at)",
            claims.get("exp") == min(claims["iat"] + inputs["ttl"], unix(claims["license"]["expires_at"])))
    c.check("rnw = iat + renew", claims.get("rnw") == claims["iat"] + inputs["renew"])
    c.check("grace", claims.get("grace") == inputs["grace"])
    signing_input, _, signature = lease.rpartition(".")
    c.check("Ed25519 is deterministic: the seed signs the same bytes",
            b64url_encode(private.sign(signing_input.encode("ascii"))) == signature)

    # The stage boundaries.
    exp, grace = claims["exp"], claims["grace"]
    for now, want in [(claims["iat"], "valid"), (exp - 1, "valid"), (exp, "grace"),
                      (exp + grace - 1, "grace"), (exp + grace, "expired")]:
        c.check(f"stage at exp{now - exp:+d}", stage(claims, now) == want, stage(claims, now))

    # Every vector's outcome.
    for vector in vectors["valid"] + vectors["invalid"]:
        got = outcome_of(vector["lease"], keys)
        c.check(f"vector {vector['name']}", got == vector["outcome"], f"{got}, want {vector['outcome']}")

    # Keys that must never be used: not OKP/Ed25519, or a bad x.
    for name, bad in [
        ("rsa", {"kty": "RSA", "kid": expected_kid, "n": "AQAB", "e": "AQAB"}),
        ("x25519", dict(jwk, crv="X25519")),
        ("short x", dict(jwk, x=jwk["x"][:-2])),
        ("padded x", dict(jwk, x=jwk["x"] + "=")),
    ]:
        got = outcome_of(lease, pinned_keys({"keys": [bad]}))
        c.check(f"a {name} jwk is never used", got == "tampered", got)

    # Every single-character change of the lease is refused.
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    accepted = []
    for i, ch in enumerate(lease):
        changed = lease[:i] + alphabet[(alphabet.find(ch) + 1) % 64] + lease[i + 1:] if ch != "." else None
        if changed and outcome_of(changed, keys) == "valid":
            accepted.append(i)
    c.check("no single-character change verifies", not accepted, f"positions {accepted}")

    print(f"{c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


def one(args) -> int:
    c = Checks()
    keys = pinned_keys(json.loads(Path(args.keys).read_text()))
    c.check("the JWK Set has a usable key", bool(keys))
    for kid, key in keys.items():
        raw = key.public_bytes(Encoding.Raw, PublicFormat.Raw)
        c.check(f"kid {kid} is derived from its key", kid == kid_of(raw), kid_of(raw))
    lease = Path(args.lease).read_text().strip()
    try:
        claims = verify(lease, keys)
    except Rejected as r:
        c.check("lease verifies", False, str(r))
        print(json.dumps({"outcome": r.outcome}))
        return 1
    c.check("lease verifies", True)
    problems = claim_problems(claims)
    c.check("claim rules", not problems, "; ".join(problems))
    if args.license_key is not None:
        c.check("key_hash", claims["key_hash"] == key_hash(claims["sub"], args.license_key))
    if args.fingerprint is not None:
        c.check("fpr", claims["fpr"] == args.fingerprint, claims["fpr"])
    now = args.now if args.now is not None else claims["iat"]
    print(f"{c.passed} passed, {c.failed} failed")
    print(json.dumps({"outcome": "valid", "stage": stage(claims, now), "claims": claims}))
    return 1 if c.failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lease")
    parser.add_argument("--keys")
    parser.add_argument("--license-key")
    parser.add_argument("--fingerprint")
    parser.add_argument("--now", type=int)
    args = parser.parse_args()
    if (args.lease is None) != (args.keys is None):
        parser.error("--lease and --keys go together")
    return one(args) if args.lease else golden()


if __name__ == "__main__":
    sys.exit(main())
