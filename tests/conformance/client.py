#!/usr/bin/env python3
"""Independent conformance client for the native License API protocol (v1).

Written from the protocol document alone (no server source was read); that
document is now docs/protocol.md in this repository.
Standard library only (Python 3.11).

Usage:
    python3 tests/conformance/client.py --server-bin /path/to/keyslot-server [--verbose] [--keep-tmp]
        [--postgres postgres://USER@HOST:PORT/]

It starts its own server instances (each with a private temporary SQLite
file, or with --postgres a fresh database on that PostgreSQL server), creates
licenses through the admin CLI, signs every request itself and
checks the answers against the protocol. One line per check is printed
(`PASS name` / `FAIL name: why`), `INFO ...` lines report observations on
points the protocol leaves open, and the last line is `N passed, M failed`.
Exit status: 0 when nothing failed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone

# --------------------------------------------------------------------------
# Protocol constants (docs/protocol.md)
# --------------------------------------------------------------------------

CODES = {
    1700: ("LICENSE_API_BAD_SIGNATURE", 401),
    1701: ("LICENSE_API_STALE_TIMESTAMP", 401),
    1702: ("LICENSE_API_MALFORMED", 400),
    1703: ("LICENSE_API_NOT_FOUND", 404),
    1704: ("LICENSE_API_INACTIVE", 403),
    1705: ("LICENSE_API_LIMIT_REACHED", 409),
    1706: ("LICENSE_API_RATE_LIMITED", 429),
    1707: ("LICENSE_API_SECRET_NOT_SET", 500),
    1708: ("LICENSE_API_REVOKED", 403),
    1709: ("LICENSE_API_MACHINE_NOT_ACTIVATED", 404),
    1710: ("LICENSE_API_DEACTIVATION_LIMIT", 429),
}

ACTIVATE = "/api/v1/license/activate"
STATUS = "/api/v1/license/status"
DEVICES = "/api/v1/license/devices"
DEACTIVATE = "/api/v1/license/deactivate"

H_TS = "X-License-Timestamp"
H_NONCE = "X-License-Nonce"
H_SIG = "X-License-Signature"

NONCE_RE = re.compile(r"[A-Za-z0-9_-]{16,64}")
NONCE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
HEX64_RE = re.compile(r"[0-9a-f]{64}")
STATES = {"ACTIVE", "SUSPENDED", "EXPIRED", "REVOKED"}
ANSI_RE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
LISTEN_RE = re.compile(r"listening on (http://[A-Za-z0-9.\-\[\]:]+)")
RFC3339_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"
)

SECRET = "conformance-secret-" + secrets.token_hex(16)

# Rates large enough that the limiter never interferes with ordinary checks.
HIGH_RATE = "100000"


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def hmac_hex(secret: str, msg: str) -> str:
    return hmac.new(secret.encode("utf-8"), msg.encode("utf-8"), hashlib.sha256).hexdigest()


def canonical(method: str, path: str, ts: str, nonce: str, body: bytes) -> str:
    return "\n".join([method, path, ts, nonce, sha256_hex(body)])


def response_sig(secret: str, nonce: str, status: int, body: bytes) -> str:
    return hmac_hex(secret, f"{nonce}\n{status}\n{sha256_hex(body)}")


def new_nonce(length: int = 32) -> str:
    return "".join(secrets.choice(NONCE_ALPHABET) for _ in range(length))


def new_fp() -> str:
    return secrets.token_hex(32)  # 64 lowercase hex


def now_s() -> int:
    return int(time.time())


def parse_rfc3339(value):
    if not isinstance(value, str):
        return None
    m = RFC3339_RE.match(value)
    if not m:
        return None
    y, mo, d, h, mi, s = (int(g) for g in m.groups()[:6])
    frac = m.group(7)
    us = int((frac[1:] + "000000")[:6]) if frac else 0
    tz = m.group(8)
    if tz in ("Z", "z"):
        off = timedelta(0)
    else:
        sign = 1 if tz[0] == "+" else -1
        off = sign * timedelta(hours=int(tz[1:3]), minutes=int(tz[4:6]))
    try:
        return datetime(y, mo, d, h, mi, min(s, 59), us, tzinfo=timezone(off))
    except ValueError:
        return None


def one_line(text) -> str:
    return " ".join(str(text).split())


def is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def field_matches(field, want: str) -> bool:
    """Accept `machine.fingerprint`, `machine/fingerprint`, `/machine/fingerprint`,
    `machine[fingerprint]` or the bare leaf name `fingerprint`."""
    if not isinstance(field, str):
        return False
    norm = ".".join(p for p in re.split(r"[^A-Za-z0-9_]+", field) if p)
    want_leaf = want.split(".")[-1]
    return norm == want or norm == want_leaf or norm.endswith("." + want_leaf)


# --------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------


class Results:
    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0
        self.lock = threading.Lock()

    def ok(self, name: str) -> None:
        with self.lock:
            self.passed += 1
            print(f"PASS {name}", flush=True)

    def fail(self, name: str, why) -> None:
        with self.lock:
            self.failed += 1
            print(f"FAIL {name}: {one_line(why)}", flush=True)

    def expect(self, name: str, problems) -> bool:
        problems = [p for p in problems if p]
        if problems:
            self.fail(name, "; ".join(problems))
            return False
        self.ok(name)
        return True

    def info(self, name: str, text) -> None:
        print(f"INFO {name}: {one_line(text)}", flush=True)


# --------------------------------------------------------------------------
# HTTP
# --------------------------------------------------------------------------


class Request:
    def __init__(self, method, target, headers, body, nonce):
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.nonce = nonce  # value of X-License-Nonce as sent, or None when not sent

    def brief(self) -> str:
        hdrs = {k: v for k, v in self.headers.items() if k.lower().startswith("x-license")}
        body = self.body[:200].decode("utf-8", "replace")
        return f"{self.method} {self.target} {hdrs} body={body!r}"


class Response:
    def __init__(self, status, headers, body: bytes, req: Request, server_secret, server_name):
        self.status = status
        self.headers = {}
        for k, v in headers:
            self.headers.setdefault(k.lower(), v)
        self.body = body
        self.req = req
        self.server_secret = server_secret  # secret the server was started with (None = unset)
        self.server_name = server_name
        try:
            self.json = json.loads(body.decode("utf-8"))
        except Exception:
            self.json = None

    def header(self, name: str):
        return self.headers.get(name.lower())

    @property
    def code(self):
        if isinstance(self.json, dict) and isinstance(self.json.get("error"), dict):
            return self.json["error"].get("code")
        return None

    def brief(self) -> str:
        extra = ""
        ra = self.header("retry-after")
        if ra is not None:
            extra = f" Retry-After={ra}"
        return f"HTTP {self.status}{extra} {self.body[:300].decode('utf-8', 'replace')}"


class Ledger:
    """Every response seen, for the cross-cutting checks at the end."""

    def __init__(self) -> None:
        self.responses: list[Response] = []
        self.lock = threading.Lock()

    def add(self, r: Response) -> None:
        with self.lock:
            self.responses.append(r)


class Client:
    def __init__(self, server: "Server", ledger: Ledger, verbose: bool):
        u = urllib.parse.urlsplit(server.url)
        self.host = u.hostname
        self.port = u.port or 80
        self.server = server
        self.server_secret = server.secret
        self.sign_secret = server.secret if server.secret else SECRET
        self.ledger = ledger
        self.verbose = verbose

    def raw(self, method: str, target: str, body: bytes, headers: dict, nonce, api: bool = True) -> Response:
        """One exchange; `api=False` keeps it out of the API's cross-cutting
        checks (the offline page answers HTML for people)."""
        req = Request(method, target, headers, body, nonce)
        conn = http.client.HTTPConnection(self.host, self.port, timeout=15)
        try:
            conn.request(method, target, body=body, headers=headers)
            r = conn.getresponse()
            data = r.read()
            resp = Response(r.status, r.getheaders(), data, req, self.server_secret, self.server.name)
        finally:
            conn.close()
        if api:
            self.ledger.add(resp)
        if self.verbose:
            print(f"  >> [{self.server.name}] {req.brief()}", file=sys.stderr)
            print(f"  << {resp.brief()} headers={resp.headers}", file=sys.stderr)
        return resp

    def call(
        self,
        path: str,
        payload=None,
        *,
        body: bytes | None = None,
        ts=None,
        nonce: str | None = None,
        secret: str | None = None,
        sign_method: str = "POST",
        sign_path: str | None = None,
        sign_body: bytes | None = None,
        sign_ts: str | None = None,
        signature: str | None = None,
        omit=(),
        signed: bool = True,
        query: str = "",
    ) -> Response:
        if body is None:
            body = b"" if payload is None else json.dumps(payload, ensure_ascii=False).encode("utf-8")
        ts = str(now_s()) if ts is None else str(ts)
        nonce = new_nonce() if nonce is None else nonce
        if signature is None:
            signature = hmac_hex(
                secret if secret is not None else self.sign_secret,
                canonical(
                    sign_method,
                    sign_path if sign_path is not None else path,
                    sign_ts if sign_ts is not None else ts,
                    nonce,
                    sign_body if sign_body is not None else body,
                ),
            )
        headers = {"Content-Type": "application/json"}
        if signed:
            headers[H_TS] = ts
            headers[H_NONCE] = nonce
            headers[H_SIG] = signature
            for h in omit:
                headers.pop(h, None)
        sent_nonce = headers.get(H_NONCE)
        return self.raw("POST", path + query, body, headers, sent_nonce)


# --------------------------------------------------------------------------
# Server processes
# --------------------------------------------------------------------------


class Postgres:
    """A PostgreSQL server (`--postgres URL`) that gives each server instance
    a fresh database, made and dropped with psql."""

    def __init__(self, url: str):
        self.url = url
        self.run_id = secrets.token_hex(4)
        self.made: list[str] = []

    def db_url(self, name: str) -> str:
        return urllib.parse.urlunsplit(urllib.parse.urlsplit(self.url)._replace(path="/" + name))

    def psql(self, sql: str) -> None:
        cmd = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.db_url("postgres"), "-c", sql]
        cp = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
        if cp.returncode != 0:
            raise RuntimeError(f"psql {sql!r} failed rc={cp.returncode} stderr={cp.stderr[-400:]!r}")

    def create(self, n: int) -> str:
        """A new empty database for server number `n`; its URL."""
        name = f"keyslot_conformance_{self.run_id}_{n}"
        self.psql(f'CREATE DATABASE "{name}"')
        self.made.append(name)
        return self.db_url(name)

    def drop_all(self) -> None:
        for name in self.made:
            self.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Server:
    def __init__(self, binary: str, workdir: str, name: str, secret: str | None, args=(),
                 pg: Postgres | None = None, n: int = 0):
        self.binary = binary
        self.name = name
        self.secret = secret
        self.args = list(args)
        self.workdir = workdir
        self.pg = pg
        self.n = n
        # With PostgreSQL, `start` makes the database and names these files.
        self.db = os.path.join(workdir, f"{name}.sqlite3")
        self.lease_key: str | None = None
        self.request_log: str | None = None
        self.log_path = os.path.join(workdir, f"{name}.stderr.log")
        self.stdout_lines: list[str] = []
        self.url: str | None = None
        self.proc: subprocess.Popen | None = None
        self.env = dict(os.environ)
        self.env.pop("LICENSE_API_SECRET", None)
        if secret is not None:
            self.env["LICENSE_API_SECRET"] = secret

    def store_args(self, command: str) -> list[str]:
        """Where this server's data is, as `command` (serve, license or
        request) takes it."""
        args = ["--db", self.db]
        if self.request_log is not None and command in ("serve", "request"):
            args += ["--request-log", self.request_log]
        if self.lease_key is not None and command == "serve":
            args += ["--lease-key", self.lease_key]
        return args

    def use_postgres(self) -> None:
        """A fresh database, a lease key file and a request log path."""
        assert self.pg is not None
        self.db = self.pg.create(self.n)
        self.lease_key = os.path.join(self.workdir, f"lease-key-{self.n}.pem")
        if not os.path.exists(self.lease_key):
            subprocess.run(
                ["openssl", "genpkey", "-algorithm", "ed25519", "-out", self.lease_key],
                stdin=subprocess.DEVNULL, capture_output=True, check=True, timeout=30,
            )
        self.request_log = os.path.join(self.workdir, f"requests-{self.n}.db")

    def start(self, timeout: float = 20.0) -> None:
        if self.pg is not None:
            self.use_postgres()
        cmd = [self.binary, "serve", "--addr", "127.0.0.1:0", *self.store_args("serve"), *self.args]
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=self._log, env=self.env
        )
        found = threading.Event()

        def reader() -> None:
            assert self.proc is not None and self.proc.stdout is not None
            for raw in self.proc.stdout:
                line = ANSI_RE.sub("", raw.decode("utf-8", "replace")).rstrip("\n")
                self.stdout_lines.append(line)
                if self.url is None:
                    m = LISTEN_RE.search(line)
                    if m:
                        self.url = m.group(1).rstrip("/")
                        found.set()
            found.set()  # EOF: stop waiting

        threading.Thread(target=reader, daemon=True).start()
        found.wait(timeout)
        if self.url is None:
            rc = self.proc.poll()
            what = f"exited with rc={rc} before printing" if rc is not None else f"did not print within {timeout}s"
            raise RuntimeError(
                f"server {self.name} {what} 'listening on http://...' "
                f"(cmd={' '.join(cmd)}, rc={rc}, stdout={self.stdout_lines[-5:]!r}, "
                f"stderr tail={self.stderr_tail()!r})"
            )

    def stderr_tail(self, n: int = 600) -> str:
        try:
            with open(self.log_path, "rb") as f:
                return f.read()[-n:].decode("utf-8", "replace")
        except OSError:
            return ""

    def stop(self) -> int | None:
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            try:
                self.proc.send_signal(signal.SIGTERM)
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        try:
            self._log.close()
        except Exception:
            pass
        return self.proc.returncode

    # ---- admin CLI -------------------------------------------------------

    def admin(self, command: str, sub: str, *args: str) -> subprocess.CompletedProcess:
        """`keyslot-server COMMAND SUB` on this server's data, with `args`."""
        return subprocess.run(
            [self.binary, command, sub, *self.store_args(command), *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=30,
            env=self.env,
        )

    def create_license(self, seats: int, expires: str | None = None, key: str | None = None) -> str:
        args = ["--seats", str(seats)]
        if expires is not None:
            args += ["--expires", expires]
        if key is not None:
            args += ["--key", key]
        cp = self.admin("license", "create", *args)
        lines = [ANSI_RE.sub("", l).strip() for l in cp.stdout.splitlines() if l.strip()]
        if cp.returncode != 0 or not lines:
            raise RuntimeError(
                f"`license create {' '.join(args)}` failed rc={cp.returncode} stdout={cp.stdout!r} stderr={cp.stderr[-400:]!r}"
            )
        return lines[-1]

    def set_state(self, key: str, state: str) -> None:
        cp = self.admin("license", "state", key, state)
        if cp.returncode != 0:
            raise RuntimeError(
                f"`license state {key} {state}` failed rc={cp.returncode} stderr={cp.stderr[-400:]!r}"
            )


# --------------------------------------------------------------------------
# Shape checks
# --------------------------------------------------------------------------


def envelope_problems(resp: Response, code: int | None = None) -> list[str]:
    p: list[str] = []
    ct = resp.header("content-type") or ""
    if not ct.lower().startswith("application/json"):
        p.append(f"Content-Type is {ct!r}, want application/json")
    j = resp.json
    if not isinstance(j, dict):
        p.append("body is not a JSON object")
        return p
    err = j.get("error")
    if not isinstance(err, dict):
        p.append("no `error` object")
    else:
        c = err.get("code")
        if not is_int(c):
            p.append(f"error.code is not an integer ({c!r})")
        elif code is not None and c != code:
            p.append(f"error.code {c}, want {code}")
        want_name = CODES.get(code if code is not None else c, (None,))[0]
        if want_name is not None and err.get("name") != want_name:
            p.append(f"error.name {err.get('name')!r}, want {want_name!r}")
        msg = err.get("message")
        if not isinstance(msg, str) or not msg.strip():
            p.append(f"error.message missing/empty ({msg!r})")
        if "details" in err and err["details"] is not None:
            d = err["details"]
            if not isinstance(d, list):
                p.append(f"error.details is not a list ({d!r})")
            else:
                for item in d:
                    if not (
                        isinstance(item, dict)
                        and isinstance(item.get("field"), str)
                        and isinstance(item.get("message"), str)
                    ):
                        p.append(f"error.details item is not {{field, message}} strings: {item!r}")
    rid = j.get("request_id")
    hdr = resp.header("x-request-id")
    if not isinstance(rid, str) or not rid:
        p.append(f"top-level request_id missing ({rid!r})")
    elif rid != hdr:
        p.append(f"request_id {rid!r} != x-request-id header {hdr!r}")
    return p


def details_of(resp: Response) -> list:
    if isinstance(resp.json, dict) and isinstance(resp.json.get("error"), dict):
        d = resp.json["error"].get("details")
        if isinstance(d, list):
            return d
    return []


def retry_after_problems(resp: Response, max_value: int | None = None) -> list[str]:
    ra = resp.header("retry-after")
    if ra is None:
        return ["no Retry-After header"]
    if not re.fullmatch(r"[0-9]+", ra.strip()):
        return [f"Retry-After {ra!r} is not an integer number of seconds"]
    v = int(ra.strip())
    if v < 1:
        return [f"Retry-After {v} < 1"]
    if max_value is not None and v > max_value:
        return [f"Retry-After {v} > {max_value}"]
    return []


def err_problems(
    resp: Response,
    code: int,
    *,
    details=None,
    field: str | None = None,
    retry_after: bool = False,
    retry_max: int | None = None,
) -> list[str]:
    name, http_status = CODES[code]
    p: list[str] = []
    if resp.status != http_status:
        p.append(f"HTTP {resp.status}, want {http_status}")
    p += envelope_problems(resp, code)
    for f, m in details or []:
        if not any(isinstance(d, dict) and d.get("field") == f and d.get("message") == m for d in details_of(resp)):
            p.append(f'details lacks {{"field": "{f}", "message": "{m}"}}')
    if field is not None:
        if not any(isinstance(d, dict) and field_matches(d.get("field"), field) for d in details_of(resp)):
            p.append(f"details does not name field {field!r}")
    if retry_after:
        p += retry_after_problems(resp, retry_max)
    if p:
        p.append(f"got {resp.brief()}")
        p.append(f"request {resp.req.brief()}")
    return p


def ok_problems(resp: Response, status: int = 200) -> list[str]:
    p = []
    if resp.status != status or not isinstance(resp.json, dict):
        p.append(f"want HTTP {status} with a JSON object, got {resp.brief()}")
        p.append(f"request {resp.req.brief()}")
    return p


def jget(resp: Response, key: str):
    if isinstance(resp.json, dict):
        return resp.json.get(key)
    return None


def summary_problems(s, *, state=None, max_=None, used=None, expires="any", where="license") -> list[str]:
    p: list[str] = []
    if not isinstance(s, dict):
        return [f"{where} summary missing or not an object ({s!r})"]
    for k in ("state", "max_activations", "used_activations", "expires_at"):
        if k not in s:
            p.append(f"{where}.{k} missing")
    if "state" in s and s["state"] not in STATES:
        p.append(f"{where}.state {s['state']!r} not one of {sorted(STATES)}")
    if state is not None and s.get("state") != state:
        p.append(f"{where}.state {s.get('state')!r}, want {state!r}")
    for k in ("max_activations", "used_activations"):
        if k in s and not is_int(s[k]):
            p.append(f"{where}.{k} not an integer ({s[k]!r})")
    if max_ is not None and s.get("max_activations") != max_:
        p.append(f"{where}.max_activations {s.get('max_activations')!r}, want {max_}")
    if used is not None and s.get("used_activations") != used:
        p.append(f"{where}.used_activations {s.get('used_activations')!r}, want {used}")
    if "expires_at" in s:
        e = s["expires_at"]
        if e is not None and parse_rfc3339(e) is None:
            p.append(f"{where}.expires_at {e!r} is neither null nor RFC 3339")
        if expires is None and e is not None:
            p.append(f"{where}.expires_at {e!r}, want null")
        elif expires not in (None, "any"):
            want = parse_rfc3339(expires)
            if parse_rfc3339(e) != want:
                p.append(f"{where}.expires_at {e!r}, want the instant {expires}")
    return p


def device_problems(d, *, fp=None, name=None, platform=None, where="device") -> list[str]:
    p: list[str] = []
    if not isinstance(d, dict):
        return [f"{where} missing or not an object ({d!r})"]
    for k in ("id", "fingerprint", "name", "platform", "created_at", "last_seen_at"):
        if k not in d:
            p.append(f"{where}.{k} missing")
    if "id" in d and (not isinstance(d["id"], str) or not d["id"]):
        p.append(f"{where}.id is not a non-empty string ({d['id']!r})")
    for k in ("fingerprint", "name", "platform"):
        if k in d and not isinstance(d[k], str):
            p.append(f"{where}.{k} is not a string ({d[k]!r})")
    if fp is not None and d.get("fingerprint") != fp:
        p.append(f"{where}.fingerprint {d.get('fingerprint')!r}, want {fp!r}")
    if name is not None and d.get("name") != name:
        p.append(f"{where}.name {d.get('name')!r}, want {name!r}")
    if platform is not None and d.get("platform") != platform:
        p.append(f"{where}.platform {d.get('platform')!r}, want {platform!r}")
    ca = parse_rfc3339(d.get("created_at"))
    ls = parse_rfc3339(d.get("last_seen_at"))
    if "created_at" in d and ca is None:
        p.append(f"{where}.created_at {d.get('created_at')!r} is not RFC 3339")
    if "last_seen_at" in d and ls is None:
        p.append(f"{where}.last_seen_at {d.get('last_seen_at')!r} is not RFC 3339")
    if ca and ls and ls < ca:
        p.append(f"{where}.last_seen_at {d['last_seen_at']} earlier than created_at {d['created_at']}")
    if ca:
        skew = abs((ca - datetime.now(timezone.utc)).total_seconds())
        if skew > 600:
            p.append(f"{where}.created_at {d['created_at']} is {skew:.0f}s away from now")
    return p


def activate_body(key: str, fp: str, name: str = "conformance box", platform: str = "linux-x86_64") -> dict:
    return {"license_key": key, "machine": {"fingerprint": fp, "name": name, "platform": platform}}


# --------------------------------------------------------------------------
# The suite
# --------------------------------------------------------------------------


class Suite:
    def __init__(self, binary: str, workdir: str, verbose: bool, pg: Postgres | None = None):
        self.binary = binary
        self.workdir = workdir
        self.verbose = verbose
        self.pg = pg
        self.R = Results()
        self.ledger = Ledger()
        self.servers: list[Server] = []
        self.deadline_start = time.monotonic()

    # ---- plumbing ---------------------------------------------------------

    def start_server(self, name: str, secret: str | None, args=()) -> tuple[Server, Client] | tuple[None, None]:
        srv = Server(self.binary, self.workdir, name, secret, args, self.pg, len(self.servers) + 1)
        self.servers.append(srv)
        try:
            srv.start()
        except Exception as e:  # noqa: BLE001
            self.R.fail(f"server [{name}] starts and prints its URL", e)
            return None, None
        self.R.ok(f"server [{name}] starts and prints its URL ({srv.url})")
        return srv, Client(srv, self.ledger, self.verbose)

    def group(self, name: str, fn, *args) -> None:
        try:
            fn(*args)
        except Exception as e:  # noqa: BLE001
            tb = traceback.extract_tb(e.__traceback__)[-1]
            self.R.fail(f"{name} (aborted)", f"{type(e).__name__}: {e} at line {tb.lineno}")

    def stop_all(self) -> None:
        for srv in self.servers:
            try:
                srv.stop()
            except Exception:  # noqa: BLE001
                pass

    # ---- run ----------------------------------------------------------------

    def run(self) -> None:
        srv, c = self.start_server(
            "main",
            SECRET,
            [
                "--key-rate", HIGH_RATE,
                "--ip-rate", HIGH_RATE,
                "--deactivation-budget", "1000",
                "--deactivation-window", "3600",
            ],
        )
        if srv is not None:
            self.group("admin CLI", self.t_admin, srv)
            self.group("happy journey", self.t_journey, srv, c)
            self.group("request log", self.t_request_log, srv, c)
            self.group("1700 signature checks", self.t_1700, srv, c)
            self.group("1701 timestamp checks", self.t_1701, srv, c)
            self.group("1702 body schema checks", self.t_1702, srv, c)
            self.group("1703 not found checks", self.t_1703, srv, c)
            self.group("1704 inactive checks", self.t_1704, srv, c)
            self.group("1705 cap checks", self.t_1705, srv, c)
            self.group("concurrency checks", self.t_concurrency, srv, c)
            self.group("1708 revoked checks", self.t_1708, srv, c)
            self.group("1709 checks", self.t_1709, srv, c)
            self.group("cross-license deactivate", self.t_cross_license, srv, c)
            self.group("extra probes", self.t_extra, srv, c)
            self.group("offline request codes", self.t_offline, srv, c)
            srv.stop()

        srv, c = self.start_server(
            "key-rate-3", SECRET, ["--key-rate", "3", "--ip-rate", HIGH_RATE]
        )
        if srv is not None:
            self.group("1706 per-key rate limit", self.t_1706_key, srv, c)
            srv.stop()

        srv, c = self.start_server(
            "ip-rate-3", SECRET, ["--key-rate", HIGH_RATE, "--ip-rate", "3"]
        )
        if srv is not None:
            self.group("1706 per-IP rate limit", self.t_1706_ip, srv, c)
            srv.stop()

        srv, c = self.start_server(
            "deact-budget-1",
            SECRET,
            [
                "--key-rate", HIGH_RATE,
                "--ip-rate", HIGH_RATE,
                "--deactivation-budget", "1",
                "--deactivation-window", "3600",
            ],
        )
        if srv is not None:
            self.group("1710 deactivation budget", self.t_1710, srv, c)
            srv.stop()

        srv, c = self.start_server("no-secret", None, ["--key-rate", HIGH_RATE, "--ip-rate", HIGH_RATE])
        if srv is not None:
            self.group("1707 secret not set", self.t_1707, srv, c)
            srv.stop()

        srv, c = self.start_server("empty-secret", "", ["--key-rate", HIGH_RATE, "--ip-rate", HIGH_RATE])
        if srv is not None:
            self.group("empty secret", self.t_empty_secret, srv, c)
            srv.stop()

        self.group("cross-cutting checks", self.t_cross_cutting)

    # ---- tests: offline request codes (docs/protocol.md, "Offline requests") --

    @staticmethod
    def offline_code(secret: str, kind: int, key: str, fp: str, issued_at: int | None = None,
                     name: str = "air-gapped box", platform: str = "linux-x86_64") -> str:
        """A request code, built from the table of the protocol text."""
        import base64
        body = bytes([kind])
        body += (now_s() if issued_at is None else issued_at).to_bytes(8, "big", signed=True)
        body += secrets.token_bytes(16)
        body += hashlib.sha256(key.encode()).digest()
        body += bytes.fromhex(fp)
        for text in (name, platform):
            raw = text.encode()
            body += bytes([len(raw)]) + raw
        tag = hmac.new(secret.encode(), b"keyslot-offline-request\n" + body, hashlib.sha256).digest()[:16]
        return "KSR1." + base64.urlsafe_b64encode(body + tag).decode().rstrip("=")

    def t_offline(self, srv: Server, c: Client) -> None:
        import base64
        R = self.R
        key = srv.create_license(2)
        fp = new_fp()

        def post(code: str, download: bool = True) -> Response:
            form = {"code": code}
            if download:
                form["download"] = "1"
            body = urllib.parse.urlencode(form).encode()
            return c.raw("POST", "/offline/activate", body,
                         {"Content-Type": "application/x-www-form-urlencoded"}, None, api=False)

        code = self.offline_code(SECRET, 1, key, fp)
        first = post(code)
        lease = first.body.decode(errors="replace").strip()
        problems = [] if first.status == 200 else [first.brief()]
        parts = lease.split(".")
        claims = {}
        if len(parts) == 3:
            try:
                claims = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
            except ValueError as e:
                problems.append(f"payload: {e}")
        else:
            problems.append(f"not a compact JWS: {lease[:80]!r}")
        if claims:
            if claims.get("fpr") != fp:
                problems.append(f"fpr {claims.get('fpr')!r}, want the code's")
            want_hash = sha256_hex(f"{claims.get('sub')}\n{key}".encode())
            if claims.get("key_hash") != want_hash:
                problems.append("key_hash is not SHA-256(sub + newline + key)")
        R.expect("offline: a code built from the protocol text is answered with a lease for its machine and key", problems)
        disposition = first.header("content-disposition") or ""
        R.expect("offline: download=1 answers keyslot.lease as an attachment",
                 [] if "attachment" in disposition and "keyslot.lease" in disposition else [disposition])
        again = post(code)
        R.expect("offline: the same code again answers the same lease byte for byte",
                 [] if again.status == 200 and again.body == first.body else [again.brief()])
        page = post(code, download=False)
        csp = page.header("content-security-policy") or ""
        R.expect("offline: the answer page is HTML under a strict CSP",
                 [] if page.status == 200 and "default-src 'none'" in csp else [page.brief(), csp])
        for name, bad, status in [
            ("a truncated code is 400", code[:-5], 400),
            ("another secret's code is 401", self.offline_code("not the secret", 1, key, fp), 401),
            ("a code 8 days old is 401", self.offline_code(SECRET, 1, key, fp, now_s() - 8 * 86400), 401),
            ("an unknown key's code is 404", self.offline_code(SECRET, 1, key + "X", fp), 404),
            ("renewing a seat not held is 404", self.offline_code(SECRET, 2, key, new_fp()), 404),
        ]:
            r = post(bad)
            R.expect(f"offline: {name}", [] if r.status == status else [r.brief()])
        freed = post(self.offline_code(SECRET, 3, key, fp))
        R.expect("offline: a deactivation code frees the seat",
                 [] if freed.status == 200 else [freed.brief()])

    # ---- tests: admin CLI ---------------------------------------------------

    def t_admin(self, srv: Server) -> None:
        R = self.R
        want = "CONF-" + secrets.token_hex(8).upper()
        got = srv.create_license(2, key=want)
        R.expect("admin: `license create --key K` prints K as the last stdout line",
                 [] if got == want else [f"last line {got!r}, want {want!r}"])
        cp = srv.admin("license", "show", want)
        R.expect("admin: `license show --db DB KEY` exits 0",
                 [] if cp.returncode == 0 else [f"rc={cp.returncode} stderr={cp.stderr[-300:]!r}"])
        cp = srv.admin("license", "list")
        R.expect("admin: `license list --db DB` lists the new license",
                 [] if cp.returncode == 0 and want in cp.stdout
                 else [f"rc={cp.returncode} stdout={cp.stdout[-300:]!r} stderr={cp.stderr[-300:]!r}"])

    def t_request_log(self, srv: Server, c: Client) -> None:
        """The admin CLI finds a call in the server's request log, which the
        server writes within a few seconds."""
        R = self.R
        key = srv.create_license(1)
        r = c.call(ACTIVATE, activate_body(key, new_fp()))
        rid = r.header("x-request-id")
        if not rid:
            R.fail("admin: `request show ID` finds a call by its x-request-id", f"no x-request-id: {r.brief()}")
            return
        deadline = time.monotonic() + 10
        while True:
            cp = srv.admin("request", "show", rid)
            if (cp.returncode == 0 and rid in cp.stdout) or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        R.expect("admin: `request show ID` finds a call by its x-request-id",
                 [] if cp.returncode == 0 and rid in cp.stdout
                 else [f"rc={cp.returncode} stdout={cp.stdout[-300:]!r} stderr={cp.stderr[-300:]!r}"])
        cp = srv.admin("request", "list", "--key", key)
        R.expect("admin: `request list --key K` lists the license's calls",
                 [] if cp.returncode == 0 and rid in cp.stdout
                 else [f"rc={cp.returncode} stdout={cp.stdout[-300:]!r} stderr={cp.stderr[-300:]!r}"])

    # ---- tests: happy journey -------------------------------------------------

    def t_journey(self, srv: Server, c: Client) -> None:
        R = self.R
        expires = "2030-01-01T00:00:00Z"
        key = srv.create_license(3, expires=expires)
        fp_a = new_fp()
        name_a = "Ada\u2019s laptop \u2615"  # Ada’s laptop ☕ (sent as raw UTF-8)
        body_a = activate_body(key, fp_a, name_a, "linux-x86_64")

        r = c.call(ACTIVATE, body_a)
        act = jget(r, "activation")
        p = ok_problems(r)
        if not p:
            p += device_problems(act, fp=fp_a, name=name_a, platform="linux-x86_64", where="activation")
            p += summary_problems(jget(r, "license"), state="ACTIVE", max_=3, used=1, expires=expires)
        R.expect("activate: 200 {activation: device, license: summary} with unicode name round-tripped", p)
        if r.status != 200 or not isinstance(act, dict):
            raise RuntimeError("activation failed; rest of the journey skipped")
        id_a = act["id"]

        r = c.call(ACTIVATE, body_a)
        p = ok_problems(r)
        if not p:
            a2 = jget(r, "activation") or {}
            if a2.get("id") != id_a:
                p.append(f"activation id {a2.get('id')!r}, want the existing {id_a!r}")
            if a2.get("created_at") != act.get("created_at"):
                p.append(f"created_at changed {act.get('created_at')!r} -> {a2.get('created_at')!r}")
            p += summary_problems(jget(r, "license"), used=1)
        R.expect("activate: same fingerprint again is idempotent (same id, no extra seat)", p)

        time.sleep(1.1)  # so that last_seen_at can move even at 1 s precision
        r = c.call(STATUS, {"license_key": key, "fingerprint": fp_a})
        p = ok_problems(r)
        st_act = jget(r, "activation") or {}
        if not p:
            p += summary_problems(jget(r, "license"), state="ACTIVE", max_=3, used=1, expires=expires)
            p += device_problems(st_act, fp=fp_a, name=name_a, platform="linux-x86_64", where="activation")
            if st_act.get("id") != id_a:
                p.append(f"activation.id {st_act.get('id')!r}, want {id_a!r}")
            if st_act.get("created_at") != act.get("created_at"):
                p.append(f"created_at changed {act.get('created_at')!r} -> {st_act.get('created_at')!r}")
        R.expect("status: 200 {license: summary, activation: device}", p)
        before = parse_rfc3339(act.get("last_seen_at"))
        after = parse_rfc3339(st_act.get("last_seen_at"))
        R.expect(
            "status: the returned activation shows last_seen_at updated",
            [] if (before and after and after > before)
            else [f"last_seen_at before={act.get('last_seen_at')!r} after status={st_act.get('last_seen_at')!r}"],
        )

        r = c.call(DEVICES, {"license_key": key})
        p = ok_problems(r)
        devs = jget(r, "devices")
        if not p:
            p += summary_problems(jget(r, "license"), state="ACTIVE", max_=3, used=1, expires=expires)
            if not isinstance(devs, list) or len(devs) != 1:
                p.append(f"devices should be a list of exactly 1, got {devs!r}")
            else:
                p += device_problems(devs[0], fp=fp_a, name=name_a, platform="linux-x86_64", where="devices[0]")
                if devs[0].get("id") != id_a:
                    p.append(f"devices[0].id {devs[0].get('id')!r}, want {id_a!r}")
        R.expect("devices: 200 {license, devices:[device]} lists the activation", p)
        if isinstance(devs, list) and devs and isinstance(devs[0], dict):
            stored = parse_rfc3339(devs[0].get("last_seen_at"))
            R.expect(
                "devices: last_seen_at persisted by status",
                [] if (before and stored and stored > before)
                else [f"last_seen_at at activate={act.get('last_seen_at')!r}, in devices={devs[0].get('last_seen_at')!r}"],
            )

        # Second machine: name with characters outside the BMP, sent \u-escaped.
        fp_b = new_fp()
        name_b = "Zo\u00eb\u2019s \U0001F5A5 desk"
        body_b = json.dumps(activate_body(key, fp_b, name_b, "windows-x86_64"), ensure_ascii=True).encode()
        r = c.call(ACTIVATE, body=body_b)
        p = ok_problems(r)
        act_b = jget(r, "activation") or {}
        if not p:
            p += device_problems(act_b, fp=fp_b, name=name_b, platform="windows-x86_64", where="activation")
            p += summary_problems(jget(r, "license"), used=2)
            if act_b.get("id") == id_a:
                p.append("second machine got the first machine's activation id")
        R.expect("activate: second machine takes a second seat (\\u-escaped astral-plane name)", p)

        r = c.call(DEVICES, {"license_key": key})
        devs = jget(r, "devices")
        p = ok_problems(r)
        if not p:
            ids = sorted(d.get("id") for d in devs if isinstance(d, dict)) if isinstance(devs, list) else None
            if ids != sorted([id_a, act_b.get("id")]):
                p.append(f"device ids {ids!r}, want {sorted([id_a, act_b.get('id')])!r}")
            p += summary_problems(jget(r, "license"), used=2)
        R.expect("devices: lists both machines", p)

        r = c.call(DEACTIVATE, {"license_key": key, "activation_id": id_a})
        p = ok_problems(r)
        if not p:
            freed = jget(r, "freed")
            p += device_problems(freed, fp=fp_a, name=name_a, platform="linux-x86_64", where="freed")
            if isinstance(freed, dict) and freed.get("id") != id_a:
                p.append(f"freed.id {freed.get('id')!r}, want {id_a!r}")
            p += summary_problems(jget(r, "license"), state="ACTIVE", max_=3, used=1, expires=expires)
        R.expect("deactivate: 200 {license, freed: device}, used_activations drops to 1", p)

        r = c.call(DEVICES, {"license_key": key})
        devs = jget(r, "devices")
        p = ok_problems(r)
        if not p:
            ids = [d.get("id") for d in devs if isinstance(d, dict)] if isinstance(devs, list) else None
            if ids != [act_b.get("id")]:
                p.append(f"device ids {ids!r}, want only {act_b.get('id')!r}")
            p += summary_problems(jget(r, "license"), used=1)
        R.expect("devices: freed machine no longer listed", p)

        r = c.call(STATUS, {"license_key": key, "fingerprint": fp_a})
        R.expect("1709: status for a fingerprint whose activation was freed", err_problems(r, 1709))

        r = c.call(ACTIVATE, body_a)
        p = ok_problems(r)
        if not p:
            p += summary_problems(jget(r, "license"), used=2)
        R.expect("activate: a freed machine can activate again (seat reusable)", p)
        new_id = (jget(r, "activation") or {}).get("id")
        R.info("re-activation after free", "new activation id" if new_id != id_a else "same activation id reused")

        r = c.call(DEACTIVATE, {"license_key": key, "activation_id": id_a if new_id != id_a else "no-such-activation"})
        R.info("deactivate an already-freed / unknown activation id (unspecified)", r.brief())

        r = c.call(DEVICES, {"license_key": key}, query="?probe=1&x=y")
        R.expect("signing: PATH in the canonical string excludes the query string", ok_problems(r))

        key_ne = srv.create_license(1)
        r = c.call(DEVICES, {"license_key": key_ne})
        p = ok_problems(r)
        if not p:
            p += summary_problems(jget(r, "license"), state="ACTIVE", max_=1, used=0, expires=None)
            if jget(r, "devices") != []:
                p.append(f"devices {jget(r, 'devices')!r}, want []")
        R.expect("devices: license without expiry has expires_at null and devices []", p)

    # ---- tests: 1700 ------------------------------------------------------------

    def t_1700(self, srv: Server, c: Client) -> None:
        R = self.R
        key = srv.create_license(3)
        body = {"license_key": key}
        other_key = srv.create_license(3)

        for h in (H_TS, H_NONCE, H_SIG):
            r = c.call(DEVICES, body, omit=[h])
            R.expect(f"1700: missing {h} header", err_problems(r, 1700))
        r = c.call(DEVICES, body, signed=False)
        R.expect("1700: no signing headers at all", err_problems(r, 1700))
        r = c.call(DEVICES, body, signature="")
        R.expect("1700: empty X-License-Signature", err_problems(r, 1700))

        n = now_s()
        for label, ts in (("letters", "abc"), ("fractional", f"{n}.5"), ("empty", ""), ("hex", hex(n))):
            r = c.call(DEVICES, body, ts=ts)
            R.expect(f"1700: non-integer timestamp ({label}: {ts!r})", err_problems(r, 1700))

        bad_nonces = [
            ("15 chars, too short", new_nonce(15)),
            ("65 chars, too long", new_nonce(65)),
            ("'.' not in alphabet", "abcdefgh.ijklmnop"),
            ("'+/=' not in alphabet", "abcdefgh+ijkl/mn="),
            ("space not in alphabet", "abcdefgh ijklmnop"),
            ("empty", ""),
        ]
        for label, nonce in bad_nonces:
            r = c.call(DEVICES, body, nonce=nonce)
            R.expect(f"1700: malformed nonce ({label})", err_problems(r, 1700))

        for label, nonce in (("16 chars", new_nonce(16)), ("64 chars", new_nonce(64)),
                             ("with '-' and '_'", "-_" + new_nonce(20) + "_-")):
            r = c.call(DEVICES, body, nonce=nonce)
            R.expect(f"nonce accepted at the boundary ({label})", ok_problems(r))

        r = c.call(DEVICES, body, signature=secrets.token_hex(32))
        R.expect("1700: wrong HMAC (random hex)", err_problems(r, 1700))
        r = c.call(DEVICES, body, secret="not-the-" + SECRET)
        R.expect("1700: HMAC with the wrong secret", err_problems(r, 1700))
        r = c.call(DEVICES, body, sign_body=json.dumps({"license_key": other_key}).encode())
        R.expect("1700: body tampered after signing", err_problems(r, 1700))
        r = c.call(DEVICES, body, sign_path=STATUS)
        R.expect("1700: signature made for another path", err_problems(r, 1700))
        r = c.call(DEVICES, body, sign_method="GET")
        R.expect("1700: signature made for another method", err_problems(r, 1700))
        r = c.call(DEVICES, body, sign_ts=str(now_s() - 1))
        R.expect("1700: signature made for another timestamp", err_problems(r, 1700))

        # Uppercase hex signature: the spec says lowercase; acceptance is unspecified.
        ts = str(now_s())
        nonce = new_nonce()
        raw = json.dumps(body).encode()
        up = hmac_hex(SECRET, canonical("POST", DEVICES, ts, nonce, raw)).upper()
        r = c.call(DEVICES, body=raw, ts=ts, nonce=nonce, signature=up)
        R.info("uppercase-hex request signature (unspecified)", r.brief())

        nonce = new_nonce()
        r1 = c.call(DEVICES, body, nonce=nonce)
        r2 = c.call(DEVICES, body, nonce=nonce)
        p = ok_problems(r1) + err_problems(r2, 1700)
        R.expect("1700: replayed nonce (same request sent twice)", p)
        time.sleep(0.05)
        r3 = c.call(STATUS, {"license_key": key, "fingerprint": new_fp()}, nonce=nonce, ts=now_s() + 1)
        R.expect("1700: replayed nonce on another endpoint with a fresh timestamp", err_problems(r3, 1700))

        # The same signed request fired 8 times at once: the nonce may be accepted only once.
        raw = json.dumps(body).encode()
        ts, nonce8 = str(now_s()), new_nonce()
        sig = hmac_hex(SECRET, canonical("POST", DEVICES, ts, nonce8, raw))
        res = self._parallel(lambda i: c.call(DEVICES, body=raw, ts=ts, nonce=nonce8, signature=sig), 8)
        st = Counter((r.status, r.code) if isinstance(r, Response) else repr(r) for r in res)
        R.expect("1700: 8 simultaneous copies of one signed request -> exactly one accepted",
                 [] if st.get((200, None)) == 1 and st.get((401, 1700)) == 7 else [f"got {dict(st)}"])

        r = c.call(DEVICES, body, ts=now_s() - 1000, signature=secrets.token_hex(32))
        R.expect("order: bad HMAC (step 3) wins over stale timestamp (step 4)", err_problems(r, 1700))
        r = c.call(DEVICES, body=b"not json{", omit=[H_NONCE])
        R.expect("order: missing header (step 2) wins over bad body (step 8)", err_problems(r, 1700))
        r = c.call(ACTIVATE, {"license_key": "NO-SUCH-" + secrets.token_hex(6)}, signature=secrets.token_hex(32))
        R.expect("order: bad HMAC wins over unknown key / bad body", err_problems(r, 1700))

        self.replayed_nonce = nonce  # used by the 1701 ordering check

    # ---- tests: 1701 ------------------------------------------------------------

    def t_1701(self, srv: Server, c: Client) -> None:
        R = self.R
        key = srv.create_license(3)
        body = {"license_key": key}
        r = c.call(DEVICES, body, ts=now_s() - 400)
        R.expect("1701: timestamp 400 s in the past", err_problems(r, 1701))
        R.expect("1701: response carries a Date header (client clock-fix policy)",
                 [] if r.header("date") else [f"no Date header; headers={r.headers}"])
        r = c.call(DEVICES, body, ts=now_s() + 400)
        R.expect("1701: timestamp 400 s in the future", err_problems(r, 1701))
        r = c.call(DEVICES, body, ts=now_s() - 302)
        R.expect("1701: timestamp 302 s in the past (just outside the window)", err_problems(r, 1701))
        r = c.call(DEVICES, body, ts=now_s() + 302)
        R.expect("1701: timestamp 302 s in the future (just outside the window)", err_problems(r, 1701))
        # The server reads its clock after we read ours, so server_now - ts is
        # in [299, 300] and [-300, -299] here even across a second boundary.
        r = c.call(DEVICES, body, ts=now_s() - 299)
        R.expect("timestamp 299 s in the past is accepted", ok_problems(r))
        r = c.call(DEVICES, body, ts=now_s() + 300)
        R.expect("timestamp 300 s in the future is accepted (|diff| > 300 is the rule)", ok_problems(r))
        r = c.call(DEVICES, body, ts="+" + str(now_s()))
        R.info("timestamp with a leading '+' (unspecified)", r.brief())
        nonce = getattr(self, "replayed_nonce", None)
        if nonce is None:
            nonce = new_nonce()
            c.call(DEVICES, body, nonce=nonce)
        r = c.call(DEVICES, body, ts=now_s() - 400, nonce=nonce)
        R.expect("order: stale timestamp (step 4) wins over replayed nonce (step 6)", err_problems(r, 1701))
        r = c.call(ACTIVATE, body=b"not json{", ts=now_s() + 1000)
        R.expect("order: stale timestamp wins over bad body", err_problems(r, 1701))

    # ---- tests: 1702 ------------------------------------------------------------

    def t_1702(self, srv: Server, c: Client) -> None:
        R = self.R
        key = srv.create_license(3)
        fp = new_fp()
        r = c.call(ACTIVATE, body=b"this is not json{")
        R.expect("1702: activate body is not JSON", err_problems(r, 1702))
        R.info("1702 details for a non-JSON body", json.dumps(details_of(r), ensure_ascii=False))
        r = c.call(ACTIVATE, body=b"")
        R.expect("1702: activate with an empty body", err_problems(r, 1702))
        r = c.call(ACTIVATE, body=b"[1, 2, 3]")
        R.expect("1702: activate body is a JSON array", err_problems(r, 1702))
        r = c.call(ACTIVATE, {"machine": {"fingerprint": fp, "name": "x", "platform": "linux-x86_64"}})
        R.expect("1702: activate missing license_key (details names license_key)",
                 err_problems(r, 1702, field="license_key"))
        r = c.call(ACTIVATE, {"license_key": key, "machine": {"name": "x", "platform": "linux-x86_64"}})
        R.expect("1702: activate missing machine.fingerprint (details names it)",
                 err_problems(r, 1702, field="machine.fingerprint"))
        r = c.call(ACTIVATE, {"license_key": key})
        R.expect("1702: activate missing machine (details names it)", err_problems(r, 1702, field="machine"))
        r = c.call(ACTIVATE, {"license_key": 12345, "machine": {"fingerprint": fp, "name": "x", "platform": "p"}})
        R.expect("1702: activate license_key of wrong type (number)", err_problems(r, 1702, field="license_key"))
        r = c.call(ACTIVATE, {"license_key": key, "machine": "my laptop"})
        R.expect("1702: activate machine of wrong type (string)", err_problems(r, 1702, field="machine"))
        r = c.call(ACTIVATE, {"license_key": key, "machine": {"fingerprint": fp, "name": 7, "platform": "p"}})
        R.expect("1702: activate machine.name of wrong type (number)", err_problems(r, 1702, field="machine.name"))
        r = c.call(ACTIVATE, activate_body(key, "not-a-hex-fingerprint"))
        R.expect("1702: activate fingerprint that is not 64 hex", err_problems(r, 1702, field="machine.fingerprint"))
        r = c.call(STATUS, {"license_key": key})
        R.expect("1702: status missing fingerprint", err_problems(r, 1702, field="fingerprint"))
        r = c.call(STATUS, {"license_key": key, "fingerprint": 42})
        R.expect("1702: status fingerprint of wrong type", err_problems(r, 1702, field="fingerprint"))
        r = c.call(DEVICES, {})
        R.expect("1702: devices missing license_key", err_problems(r, 1702, field="license_key"))
        r = c.call(DEVICES, {"license_key": None})
        R.expect("1702: devices license_key null", err_problems(r, 1702, field="license_key"))
        r = c.call(DEACTIVATE, {"license_key": key})
        R.expect("1702: deactivate missing activation_id", err_problems(r, 1702, field="activation_id"))
        r = c.call(DEACTIVATE, {"license_key": key, "activation_id": ["x"]})
        R.expect("1702: deactivate activation_id of wrong type", err_problems(r, 1702, field="activation_id"))
        r = c.call(ACTIVATE, {"license_key": "NO-SUCH-" + secrets.token_hex(6)})
        R.expect("order: body schema (step 8) wins over unknown key (step 9)", err_problems(r, 1702))
        # uppercase hex fingerprint: spec says "<64 hex>"; lowercase expected but not stated
        r = c.call(ACTIVATE, activate_body(key, new_fp().upper()))
        R.info("activate with an UPPERCASE 64-hex fingerprint (unspecified)", r.brief())

    # ---- tests: 1703 ------------------------------------------------------------

    def t_1703(self, srv: Server, c: Client) -> None:
        R = self.R
        unknown = "NO-SUCH-" + secrets.token_hex(8).upper()
        fp = new_fp()
        r = c.call(ACTIVATE, activate_body(unknown, fp))
        R.expect("1703: activate with an unknown key", err_problems(r, 1703))
        r = c.call(STATUS, {"license_key": unknown, "fingerprint": fp})
        R.expect("1703: status with an unknown key", err_problems(r, 1703))
        r = c.call(DEVICES, {"license_key": unknown})
        R.expect("1703: devices with an unknown key", err_problems(r, 1703))
        r = c.call(DEACTIVATE, {"license_key": unknown, "activation_id": "whatever"})
        R.expect("1703: deactivate with an unknown key", err_problems(r, 1703))

        key = srv.create_license(3)
        r0 = c.call(ACTIVATE, activate_body(key, fp))
        act_id = (jget(r0, "activation") or {}).get("id", "x")
        srv.set_state(key, "DELETED")
        r = c.call(ACTIVATE, activate_body(key, new_fp()))
        R.expect("1703: activate on a soft-deleted key", ok_problems(r0) + err_problems(r, 1703))
        r = c.call(STATUS, {"license_key": key, "fingerprint": fp})
        R.expect("1703: status on a soft-deleted key (previously activated machine)", err_problems(r, 1703))
        r = c.call(DEVICES, {"license_key": key})
        R.expect("1703: devices on a soft-deleted key", err_problems(r, 1703))
        r = c.call(DEACTIVATE, {"license_key": key, "activation_id": act_id})
        R.expect("1703: deactivate on a soft-deleted key", err_problems(r, 1703))

    # ---- tests: 1704 ------------------------------------------------------------

    def t_1704(self, srv: Server, c: Client) -> None:
        R = self.R
        key = srv.create_license(3)
        fp = new_fp()
        r0 = c.call(ACTIVATE, activate_body(key, fp))
        srv.set_state(key, "SUSPENDED")
        r = c.call(ACTIVATE, activate_body(key, new_fp()))
        R.expect("1704: activate on a SUSPENDED license, details state=SUSPENDED",
                 ok_problems(r0) + err_problems(r, 1704, details=[("state", "SUSPENDED")]))
        r = c.call(ACTIVATE, activate_body(key, fp))
        R.expect("1704: re-activate an already active machine on a SUSPENDED license",
                 err_problems(r, 1704, details=[("state", "SUSPENDED")]))
        r = c.call(STATUS, {"license_key": key, "fingerprint": fp})
        R.expect("1704: status of an activated machine on a SUSPENDED license",
                 err_problems(r, 1704, details=[("state", "SUSPENDED")]))
        r = c.call(STATUS, {"license_key": key, "fingerprint": new_fp()})
        R.expect("1704: status of an unknown machine on a SUSPENDED license (license checked before machine)",
                 err_problems(r, 1704, details=[("state", "SUSPENDED")]))
        r = c.call(DEVICES, {"license_key": key})
        R.info("devices on a SUSPENDED license (unspecified)", r.brief())
        srv.set_state(key, "ACTIVE")
        r = c.call(STATUS, {"license_key": key, "fingerprint": fp})
        p = ok_problems(r)
        if not p:
            p += summary_problems(jget(r, "license"), state="ACTIVE", used=1)
        R.expect("state change back to ACTIVE is picked up by the running server", p)

        key2 = srv.create_license(2)
        fp2 = new_fp()
        r0 = c.call(ACTIVATE, activate_body(key2, fp2))
        srv.set_state(key2, "EXPIRED")
        r = c.call(ACTIVATE, activate_body(key2, new_fp()))
        R.expect("1704: activate on an EXPIRED license, details state=EXPIRED",
                 ok_problems(r0) + err_problems(r, 1704, details=[("state", "EXPIRED")]))
        r = c.call(STATUS, {"license_key": key2, "fingerprint": fp2})
        R.expect("1704: status on an EXPIRED license, details state=EXPIRED",
                 err_problems(r, 1704, details=[("state", "EXPIRED")]))

        key3 = srv.create_license(2, expires="2020-01-01T00:00:00Z")
        r = c.call(ACTIVATE, activate_body(key3, new_fp()))
        R.expect("1704: activate on a license whose --expires is in the past, details state=EXPIRED",
                 err_problems(r, 1704, details=[("state", "EXPIRED")]))
        r = c.call(STATUS, {"license_key": key3, "fingerprint": new_fp()})
        R.expect("1704: status on a license whose --expires is in the past",
                 err_problems(r, 1704, details=[("state", "EXPIRED")]))
        r = c.call(DEVICES, {"license_key": key3})
        R.info("devices on a license past its expires_at (unspecified)", r.brief())

    # ---- tests: 1705 ------------------------------------------------------------

    def t_1705(self, srv: Server, c: Client) -> None:
        R = self.R
        key = srv.create_license(1)
        fp_a, fp_b = new_fp(), new_fp()
        ra = c.call(ACTIVATE, activate_body(key, fp_a))
        rb = c.call(ACTIVATE, activate_body(key, fp_b))
        R.expect("1705: second machine on a 1-seat license", ok_problems(ra) + err_problems(rb, 1705))
        err = rb.json.get("error") if isinstance(rb.json, dict) else None
        R.info("1705 message", err.get("message") if isinstance(err, dict) else rb.brief())
        r = c.call(ACTIVATE, activate_body(key, fp_a))
        p = ok_problems(r)
        if not p:
            if (jget(r, "activation") or {}).get("id") != (jget(ra, "activation") or {}).get("id"):
                p.append("different activation id on idempotent re-activation")
            p += summary_problems(jget(r, "license"), max_=1, used=1)
        R.expect("activate: idempotent re-activation still succeeds when the license is at its cap", p)
        r = c.call(DEVICES, {"license_key": key})
        devs = jget(r, "devices")
        R.expect("1705: refused machine was not added",
                 ok_problems(r) + ([] if isinstance(devs, list) and len(devs) == 1 else [f"devices {devs!r}"]))

    # ---- tests: concurrency -------------------------------------------------------

    def _parallel(self, fn, n: int) -> list:
        out: list = [None] * n
        barrier = threading.Barrier(n)

        def worker(i: int) -> None:
            try:
                barrier.wait(timeout=10)
                out[i] = fn(i)
            except Exception as e:  # noqa: BLE001
                out[i] = e

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
        return out

    def t_concurrency(self, srv: Server, c: Client) -> None:
        R = self.R
        key = srv.create_license(3)
        fps = [new_fp() for _ in range(10)]
        res = self._parallel(lambda i: c.call(ACTIVATE, activate_body(key, fps[i])), 10)
        statuses = Counter(r.status if isinstance(r, Response) else repr(r) for r in res)
        codes = Counter(r.code for r in res if isinstance(r, Response) and r.status != 200)
        p = []
        if statuses.get(200) != 3 or statuses.get(409) != 7 or set(codes) - {1705}:
            p.append(f"want 3x200 + 7x409/1705, got statuses {dict(statuses)} codes {dict(codes)}")
        r = c.call(DEVICES, {"license_key": key})
        devs = jget(r, "devices")
        if not isinstance(devs, list) or len(devs) != 3:
            p.append(f"devices afterwards: {r.brief()}")
        p += summary_problems(jget(r, "license"), used=3, max_=3)
        R.expect("concurrency: 10 simultaneous activations on a 3-seat license never exceed the cap", p)

        key2 = srv.create_license(2)
        fp = new_fp()
        res = self._parallel(lambda i: c.call(ACTIVATE, activate_body(key2, fp)), 6)
        p = []
        ids = set()
        for r in res:
            if not isinstance(r, Response) or r.status != 200:
                p.append(f"non-200: {r.brief() if isinstance(r, Response) else r!r}")
            else:
                ids.add((jget(r, "activation") or {}).get("id"))
        if len(ids) > 1:
            p.append(f"{len(ids)} different activation ids: {sorted(map(str, ids))}")
        r = c.call(DEVICES, {"license_key": key2})
        p += summary_problems(jget(r, "license"), used=1)
        R.expect("concurrency: 6 simultaneous activations of one fingerprint -> one activation, one seat", p[:4])

    # ---- tests: 1708 ------------------------------------------------------------

    def t_1708(self, srv: Server, c: Client) -> None:
        R = self.R
        key = srv.create_license(3)
        fp = new_fp()
        r0 = c.call(ACTIVATE, activate_body(key, fp))
        srv.set_state(key, "REVOKED")
        r = c.call(ACTIVATE, activate_body(key, new_fp()))
        R.expect("1708: activate on a REVOKED license", ok_problems(r0) + err_problems(r, 1708))
        r = c.call(STATUS, {"license_key": key, "fingerprint": fp})
        R.expect("1708: status of an activated machine on a REVOKED license", err_problems(r, 1708))
        r = c.call(DEVICES, {"license_key": key})
        R.info("devices on a REVOKED license (unspecified)", r.brief())

    # ---- tests: 1709 ------------------------------------------------------------

    def t_1709(self, srv: Server, c: Client) -> None:
        R = self.R
        key = srv.create_license(3)
        r = c.call(STATUS, {"license_key": key, "fingerprint": new_fp()})
        R.expect("1709: status for a fingerprint never activated", err_problems(r, 1709))
        key2 = srv.create_license(3)
        fp = new_fp()
        c.call(ACTIVATE, activate_body(key2, fp))
        r = c.call(STATUS, {"license_key": key, "fingerprint": fp})
        R.expect("1709: status for a fingerprint activated only on another license", err_problems(r, 1709))
        r = c.call(DEACTIVATE, {"license_key": key, "activation_id": "no-such-activation-" + secrets.token_hex(4)})
        R.info("deactivate with an unknown activation_id (unspecified)", r.brief())

    def t_cross_license(self, srv: Server, c: Client) -> None:
        R = self.R
        k1 = srv.create_license(2)
        k2 = srv.create_license(2)
        fp = new_fp()
        r0 = c.call(ACTIVATE, activate_body(k1, fp))
        a_id = (jget(r0, "activation") or {}).get("id", "x")
        r = c.call(DEACTIVATE, {"license_key": k2, "activation_id": a_id})
        R.info("deactivate another license's activation id -> ", r.brief())
        r2 = c.call(STATUS, {"license_key": k1, "fingerprint": fp})
        p = ok_problems(r0)
        if r.status == 200:
            p.append(f"deactivate via license B freed license A's device: {r.brief()}")
        p += ok_problems(r2)
        R.expect("deactivate: an activation id of another license is not freed", p)

    # ---- tests: extra probes ------------------------------------------------------

    def t_extra(self, srv: Server, c: Client) -> None:
        R = self.R
        key = srv.create_license(3)
        fp = new_fp()

        # A nonce passes step 6 and is recorded even if the request then fails at step 9.
        nonce = new_nonce()
        r1 = c.call(ACTIVATE, activate_body("NO-SUCH-" + secrets.token_hex(6), fp), nonce=nonce)
        r2 = c.call(DEVICES, {"license_key": key}, nonce=nonce)
        R.expect("1700: a nonce is consumed even when its request failed later (1703)",
                 err_problems(r1, 1703) + err_problems(r2, 1700))
        nonce = new_nonce()
        c.call(DEVICES, {"license_key": key}, nonce=nonce, signature=secrets.token_hex(32))
        r = c.call(DEVICES, {"license_key": key}, nonce=nonce)
        R.info("reusing a nonce first sent with a bad HMAC (unspecified)", r.brief())

        # Idempotent activation with a different name/platform.
        r0 = c.call(ACTIVATE, activate_body(key, fp, "first name", "linux-x86_64"))
        r = c.call(ACTIVATE, activate_body(key, fp, "second name", "macos-aarch64"))
        p = ok_problems(r0) + ok_problems(r)
        a0, a1 = jget(r0, "activation") or {}, jget(r, "activation") or {}
        if not p:
            if a0.get("id") != a1.get("id"):
                p.append(f"ids differ {a0.get('id')!r} vs {a1.get('id')!r}")
            p += summary_problems(jget(r, "license"), used=1)
        R.expect("activate: same fingerprint with another name/platform is still idempotent", p)
        R.info("idempotent re-activation with a different name/platform returns",
               f"name={a1.get('name')!r} platform={a1.get('platform')!r}")

        r = c.call(STATUS, {"license_key": key, "fingerprint": "not-hex"})
        R.info("status with a fingerprint that is not 64 hex (unspecified)", r.brief())
        r = c.call(ACTIVATE, activate_body(key, new_fp(), "", ""))
        R.info("activate with empty name and platform (unspecified)", r.brief())
        r = c.call(DEVICES, {"license_key": key, "unexpected": True})
        R.info("unknown extra body field (unspecified)", r.brief())

        # Not the happy path: every response still carries x-request-id (checked at the end).
        r = c.raw("GET", ACTIVATE, b"", {}, None)
        R.info("GET on an API endpoint (unspecified)", r.brief())
        r = c.raw("POST", "/api/v1/license/no-such-endpoint", b"{}", {"Content-Type": "application/json"}, None)
        R.info("POST to an unknown /api/v1/license/ path (unspecified)", r.brief())
        raw = json.dumps({"license_key": key}).encode()
        ts, n = str(now_s()), new_nonce()
        sig = hmac_hex(SECRET, canonical("POST", DEVICES, ts, n, raw))
        r = c.raw("POST", DEVICES, raw, {H_TS: ts, H_NONCE: n, H_SIG: sig}, n)
        R.info("signed request without Content-Type (unspecified)", r.brief())

        # Soft delete then restore.
        srv.set_state(key, "DELETED")
        r_del = c.call(DEVICES, {"license_key": key})
        srv.set_state(key, "ACTIVE")
        r = c.call(DEVICES, {"license_key": key})
        R.expect("a soft-deleted license restored to ACTIVE answers again",
                 err_problems(r_del, 1703) + ok_problems(r))
        R.info("devices after DELETED -> ACTIVE", f"{len(jget(r, 'devices') or [])} device(s) kept")

        # Deactivate on inactive licenses (unspecified whether the budget/state rule applies).
        k2 = srv.create_license(2)
        r0 = c.call(ACTIVATE, activate_body(k2, new_fp()))
        aid = (jget(r0, "activation") or {}).get("id", "x")
        srv.set_state(k2, "SUSPENDED")
        r = c.call(DEACTIVATE, {"license_key": k2, "activation_id": aid})
        R.info("deactivate on a SUSPENDED license (unspecified)", r.brief())
        srv.set_state(k2, "REVOKED")
        r = c.call(DEACTIVATE, {"license_key": k2, "activation_id": aid})
        R.info("deactivate on a REVOKED license (unspecified)", r.brief())

    # ---- tests: 1706 ------------------------------------------------------------

    def t_1706_key(self, srv: Server, c: Client) -> None:
        R = self.R
        k1 = srv.create_license(2)
        k2 = srv.create_license(2)
        first = [c.call(DEVICES, {"license_key": k1}) for _ in range(3)]
        p = []
        for i, r in enumerate(first):
            if r.status != 200:
                p.append(f"request {i + 1} of 3 (within --key-rate 3) got {r.brief()}")
        r4 = c.call(DEVICES, {"license_key": k1})
        p += err_problems(r4, 1706, retry_after=True)
        R.expect("1706: per-key bucket trips on the 4th request with --key-rate 3; Retry-After >= 1", p)
        if r4.header("retry-after"):
            R.info("1706 per-key Retry-After", r4.header("retry-after"))
        r = c.call(DEVICES, {"license_key": k2})
        R.expect("1706: per-key bucket is per key (another key is still served)", ok_problems(r))
        r = c.call(STATUS, {"license_key": k1, "fingerprint": new_fp()})
        R.expect("1706: per-key limit applies across endpoints (status on the tripped key)",
                 err_problems(r, 1706, retry_after=True))
        r = c.call(DEVICES, {"license_key": k1}, signature=secrets.token_hex(32))
        R.expect("order: bad HMAC (step 3) wins over a tripped key bucket (step 7)", err_problems(r, 1700))

    def t_1706_ip(self, srv: Server, c: Client) -> None:
        R = self.R
        keys = [srv.create_license(2) for _ in range(4)]
        bad = [c.call(DEVICES, {"license_key": keys[0]}, signature=secrets.token_hex(32)) for _ in range(5)]
        p = []
        for r in bad:
            p += err_problems(r, 1700)[:1]
        first = [c.call(DEVICES, {"license_key": k}) for k in keys[:3]]
        for i, r in enumerate(first):
            if r.status != 200:
                p.append(f"valid request {i + 1} of 3 after 5 bad-signature requests got {r.brief()}")
        R.expect("rate limit: requests rejected at the signature step do not consume the IP bucket", p)
        r4 = c.call(DEVICES, {"license_key": keys[3]})
        R.expect("1706: per-IP bucket trips on the 4th request with --ip-rate 3 (different keys); Retry-After >= 1",
                 err_problems(r4, 1706, retry_after=True))
        if r4.header("retry-after"):
            R.info("1706 per-IP Retry-After", r4.header("retry-after"))
        r = c.call(ACTIVATE, body=b"not json{")
        R.expect("order: IP rate limit (step 5) wins over body schema (step 8)", err_problems(r, 1706, retry_after=True))
        r = c.call(DEVICES, {"license_key": keys[0]}, signature=secrets.token_hex(32))
        R.expect("order: bad HMAC (step 3) wins over a tripped IP bucket (step 5)", err_problems(r, 1700))
        r = c.call(DEVICES, {"license_key": keys[0]}, ts=now_s() - 400)
        R.expect("order: stale timestamp (step 4) wins over a tripped IP bucket (step 5)", err_problems(r, 1701))

    # ---- tests: 1710 ------------------------------------------------------------

    def t_1710(self, srv: Server, c: Client) -> None:
        R = self.R
        key = srv.create_license(3)
        fa, fb = new_fp(), new_fp()
        ra = c.call(ACTIVATE, activate_body(key, fa))
        rb = c.call(ACTIVATE, activate_body(key, fb))
        ida = (jget(ra, "activation") or {}).get("id", "x")
        idb = (jget(rb, "activation") or {}).get("id", "y")
        d1 = c.call(DEACTIVATE, {"license_key": key, "activation_id": ida})
        p = ok_problems(ra) + ok_problems(rb) + ok_problems(d1)
        if not p:
            p += summary_problems(jget(d1, "license"), used=1)
        R.expect("1710: first deactivation within --deactivation-budget 1 succeeds", p)
        d2 = c.call(DEACTIVATE, {"license_key": key, "activation_id": idb})
        R.expect("1710: second deactivation in the window -> 429 1710 with Retry-After in [1, 3600]",
                 err_problems(d2, 1710, retry_after=True, retry_max=3600))
        if d2.header("retry-after"):
            R.info("1710 Retry-After (window 3600 s)", d2.header("retry-after"))
        r = c.call(DEVICES, {"license_key": key})
        devs = jget(r, "devices")
        ids = [d.get("id") for d in devs if isinstance(d, dict)] if isinstance(devs, list) else None
        p = ok_problems(r)
        if ids != [idb]:
            p.append(f"device ids {ids!r}, want [{idb!r}]")
        p += summary_problems(jget(r, "license"), used=1)
        R.expect("1710: refused deactivation did not free the seat", p)
        r = c.call(STATUS, {"license_key": key, "fingerprint": fb})
        R.expect("1710: machine whose deactivation was refused still has status 200", ok_problems(r))

        key2 = srv.create_license(2)
        r0 = c.call(ACTIVATE, activate_body(key2, new_fp()))
        i2 = (jget(r0, "activation") or {}).get("id", "z")
        r = c.call(DEACTIVATE, {"license_key": key2, "activation_id": i2})
        R.expect("1710: the budget is per license (another license can still deactivate)",
                 ok_problems(r0) + ok_problems(r))

        key3 = srv.create_license(4)
        ids = []
        for _ in range(4):
            ids.append((jget(c.call(ACTIVATE, activate_body(key3, new_fp())), "activation") or {}).get("id", "?"))
        res = self._parallel(lambda i: c.call(DEACTIVATE, {"license_key": key3, "activation_id": ids[i]}), 4)
        st = Counter((r.status, r.code) if isinstance(r, Response) else repr(r) for r in res)
        r = c.call(DEVICES, {"license_key": key3})
        p = []
        if st.get((200, None)) != 1 or st.get((429, 1710)) != 3:
            p.append(f"want 1x200 + 3x429/1710, got {dict(st)}")
        p += summary_problems(jget(r, "license"), used=3)
        R.expect("1710: 4 simultaneous deactivations with budget 1 -> exactly one succeeds", p)

        key4 = srv.create_license(2)
        r0 = c.call(ACTIVATE, activate_body(key4, new_fp()))
        i4 = (jget(r0, "activation") or {}).get("id", "z")
        rbad = c.call(DEACTIVATE, {"license_key": key4, "activation_id": "no-such-activation-id"})
        r = c.call(DEACTIVATE, {"license_key": key4, "activation_id": i4})
        R.info("deactivate of an unknown id, then a real one, with budget 1 (unspecified whether the "
               "failed one uses the budget)", f"{rbad.status}/{rbad.code} then {r.status}/{r.code}")

    # ---- tests: 1707 ------------------------------------------------------------

    def t_1707(self, srv: Server, c: Client) -> None:
        R = self.R
        r = c.call(DEVICES, {"license_key": "ANY-KEY"}, signed=False)
        R.expect("1707: unsigned request to a server without LICENSE_API_SECRET", err_problems(r, 1707))
        r = c.call(ACTIVATE, activate_body("ANY-KEY", new_fp()))
        R.expect("1707: signed activate to a server without LICENSE_API_SECRET", err_problems(r, 1707))
        R.info("1707 response signature header",
               f"X-License-Signature={r.header('x-license-signature')!r}")
        r = c.call(STATUS, body=b"not json{", ts=now_s() - 5000)
        R.expect("order: secret not configured (step 1) wins over everything", err_problems(r, 1707))

    def t_empty_secret(self, srv: Server, c: Client) -> None:
        r = c.call(DEVICES, {"license_key": "ANY-KEY"})
        self.R.info("server started with LICENSE_API_SECRET='' (unspecified; 1707 expected by analogy)",
                    r.brief())

    # ---- cross-cutting ----------------------------------------------------------

    def t_cross_cutting(self) -> None:
        R = self.R
        rs = self.ledger.responses
        missing = [r for r in rs if not r.header("x-request-id")]
        R.expect(f"x-request-id present on every response ({len(rs)} responses)",
                 [f"{len(missing)} without it, e.g. {missing[0].req.brief()} -> {missing[0].brief()}"] if missing else [])
        ids = Counter(r.header("x-request-id") for r in rs if r.header("x-request-id"))
        dups = {k: v for k, v in ids.items() if v > 1}
        R.expect("x-request-id unique across all requests",
                 [f"{len(dups)} duplicated, e.g. {list(dups.items())[:3]}"] if dups else [])
        bad_ct = [r for r in rs if r.body and not (r.header("content-type") or "").lower().startswith("application/json")]
        R.expect("every response body is served as application/json",
                 [f"{len(bad_ct)} not JSON, e.g. {bad_ct[0].header('content-type')!r}: {bad_ct[0].brief()}"] if bad_ct else [])

        # Response signatures, grouped by outcome.
        groups: dict[str, list[Response]] = defaultdict(list)
        loose: list[Response] = []
        nosecret: list[Response] = []
        for r in rs:
            if not r.server_secret:  # server without (or with an empty) secret
                nosecret.append(r)
                continue
            sent = {k.lower() for k in r.req.headers}
            if (
                not {H_TS.lower(), H_NONCE.lower(), H_SIG.lower()} <= sent
                or not NONCE_RE.fullmatch(r.req.nonce or "")
            ):
                loose.append(r)
                continue
            label = f"{r.status}/{r.code}" if r.code is not None else str(r.status)
            groups[label].append(r)
        for label in sorted(groups):
            probs = []
            for r in groups[label]:
                got = r.header("x-license-signature")
                want = response_sig(r.server_secret, r.req.nonce, r.status, r.body)
                if got is None:
                    probs.append(f"missing on {r.req.brief()} -> {r.brief()}")
                elif got != want:
                    probs.append(f"mismatch (got {got!r}, want {want!r}) on {r.req.brief()} -> {r.brief()}")
            n = len(groups[label])
            R.expect(f"response signature valid on every {label} response to a signed request ({n} responses)",
                     ([f"{len(probs)} of {n} bad, e.g."] + probs[:1]) if probs else [])

        # Requests with no / malformed nonce: the spec does not say what REQUEST_NONCE is.
        for r in loose:
            got = r.header("x-license-signature")
            if got is None:
                verdict = "no response signature"
            else:
                cands = {"sent nonce": r.req.nonce or "", "empty nonce": ""}
                hits = [k for k, v in cands.items() if response_sig(r.server_secret, v, r.status, r.body) == got]
                verdict = f"signed; verifies with {hits}" if hits else "signed; verifies with neither the sent nor an empty nonce"
            missing = [h for h in (H_TS, H_NONCE, H_SIG) if h not in r.req.headers]
            R.info("response signature when a signing header is missing or the nonce malformed",
                   f"missing={missing} nonce={r.req.nonce!r} -> {verdict} ({r.status}/{r.code})")
        with_sig = [r for r in nosecret if r.header("x-license-signature")]
        R.info("response signatures from servers without a secret",
               f"{len(with_sig)} of {len(nosecret)} responses carried X-License-Signature")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--server-bin", required=True, help="path to the keyslot-server binary")
    ap.add_argument("--verbose", action="store_true", help="dump every exchange to stderr")
    ap.add_argument("--keep-tmp", action="store_true",
                    help="keep the temporary directory (DBs, server logs) and the PostgreSQL databases")
    ap.add_argument("--postgres", metavar="URL",
                    help="a PostgreSQL server (postgres://USER@HOST:PORT/) to give each server a fresh database on")
    args = ap.parse_args()

    binary = os.path.abspath(args.server_bin)
    workdir = tempfile.mkdtemp(prefix="keyslot-conformance-")

    def on_term(signum, frame):  # make SIGTERM run the cleanup in `finally`
        raise SystemExit(1)

    signal.signal(signal.SIGTERM, on_term)
    pg = Postgres(args.postgres) if args.postgres else None
    suite = Suite(binary, workdir, args.verbose, pg)
    started = time.monotonic()
    try:
        if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
            suite.R.fail("server binary is executable", binary)
        else:
            suite.run()
    except KeyboardInterrupt:
        suite.R.fail("run", "interrupted")
    except Exception as e:  # noqa: BLE001
        suite.R.fail("run (aborted)", f"{type(e).__name__}: {e}")
    finally:
        suite.stop_all()
        if args.keep_tmp:
            print(f"INFO temporary directory kept: {workdir}", flush=True)
            if pg is not None:
                print(f"INFO PostgreSQL databases kept: {' '.join(pg.made)}", flush=True)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
            if pg is not None:
                try:
                    pg.drop_all()
                except Exception as e:  # noqa: BLE001
                    suite.R.fail("drop the PostgreSQL databases", e)
    print(f"INFO elapsed: {time.monotonic() - started:.1f}s", flush=True)
    print(f"{suite.R.passed} passed, {suite.R.failed} failed", flush=True)
    return 1 if suite.R.failed else 0


if __name__ == "__main__":
    sys.exit(main())
