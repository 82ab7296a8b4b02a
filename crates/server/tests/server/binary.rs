//! The real `keyslot-server` binary: its command line, signals, restarts,
//! logs, hostile input, its lease key file and flags, and a client and a
//! lease verifier written from the protocol document alone.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use keyslot_protocol::lease::{JwkSet, verify_lease};
use keyslot_protocol::paths;
use serde_json::json;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use crate::support::{Signed, activation, fingerprint, http, nonce, status_expecting_continue};

const BIN: &str = env!("CARGO_BIN_EXE_keyslot-server");
pub(crate) const SECRET: &str = "binary-test-secret-6f1d2c";

pub(crate) fn admin(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("runs")
}

/// `license create --db DB --seats 1` plus `extra`.
fn create_with(db: &str, extra: &[&str]) -> Output {
    admin(&[&["license", "create", "--db", db, "--seats", "1"], extra].concat())
}

fn create(db: &Path, extra: &[&str]) -> String {
    let db = db.to_str().expect("utf-8 path");
    let out = admin(&[&["license", "create", "--db", db, "--seats", "2"], extra].concat());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    stdout.lines().last().expect("a line").to_owned()
}

pub(crate) struct Running {
    child: tokio::process::Child,
    pub(crate) addr: SocketAddr,
    log: PathBuf,
}

pub(crate) async fn serve(dir: &Path, secret: Option<&str>, extra: &[&str]) -> Running {
    start(tokio::process::Command::new(BIN), dir, secret, extra).await
}

/// [`serve`] with the secret, started by `sh` under `umask`.
async fn serve_under_umask(dir: &Path, umask: &str) -> Running {
    let mut sh = tokio::process::Command::new("sh");
    sh.args(["-c", &format!("umask {umask} && exec \"$0\" \"$@\""), BIN]);
    start(sh, dir, Some(SECRET), &[]).await
}

/// Runs `command` (the binary, or what execs it) with `serve` and its flags,
/// and waits until it listens.
async fn start(
    mut command: tokio::process::Command,
    dir: &Path,
    secret: Option<&str>,
    extra: &[&str],
) -> Running {
    let log = dir.join(format!("server-{}.log", nonce()));
    command
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(dir.join("licenses.db"))
        .args(extra)
        .env_remove("LICENSE_API_SECRET")
        .env("RUST_LOG", "debug")
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log).expect("log file"))
        .kill_on_drop(true);
    if let Some(secret) = secret {
        command.env("LICENSE_API_SECRET", secret);
    }
    let mut child = command.spawn().expect("spawns");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let line = tokio::time::timeout(Duration::from_secs(20), lines.next_line())
        .await
        .expect("prints its address in time")
        .expect("reads")
        .expect("a line");
    let addr = line
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .parse()
        .expect("an address");
    Running { child, addr, log }
}

impl Running {
    fn request(&self, path: &str, body: &serde_json::Value) -> Signed {
        Signed::now(path, body, SECRET.as_bytes())
    }

    pub(crate) async fn post(&self, path: &str, body: serde_json::Value) -> crate::support::Reply {
        http(
            self.addr,
            self.request(path, &body),
            Some(SECRET.as_bytes()),
        )
        .await
    }

    /// `GET path` with no signing headers: the status and the body.
    async fn get(&self, path: &str) -> (u16, Vec<u8>) {
        let (status, _, body) = crate::support::http_get(self.addr, path).await;
        (status, body)
    }

    /// The JWK Set it serves, as its exact bytes.
    async fn key_set_bytes(&self) -> Vec<u8> {
        let (status, body) = self.get(paths::KEYS).await;
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
        body
    }

    async fn key_set(&self) -> JwkSet {
        serde_json::from_slice(&self.key_set_bytes().await).expect("a JWK Set")
    }

    /// Kills it with SIGKILL, as a crash would, and waits for it to go.
    pub(crate) async fn crash(mut self) {
        self.child.kill().await.expect("killed");
    }

    /// Sends SIGTERM and waits for a clean exit; returns the log.
    pub(crate) async fn terminate(mut self) -> String {
        let pid = self.child.id().expect("running").to_string();
        let killed = Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill");
        assert!(killed.success());
        let status = tokio::time::timeout(Duration::from_secs(15), self.child.wait())
            .await
            .expect("exits after SIGTERM")
            .expect("status");
        let log = std::fs::read_to_string(&self.log).expect("log");
        assert!(status.success(), "graceful exit, got {status}; log:\n{log}");
        log
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serves_until_sigterm_and_keeps_everything_across_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("licenses.db");
    let db_arg = db.to_str().expect("utf-8");
    let key = create(&db, &[]);
    assert_eq!(key.len(), 26, "{key}");
    assert!(key.starts_with("KS-"));

    let server = serve(dir.path(), Some(SECRET), &[]).await;
    // The lease key was created beside the database, readable by its owner only.
    let key_file = dir.path().join("licenses.db.lease-key.pem");
    assert_eq!(file_mode(&key_file), 0o600);
    let pinned = server.key_set().await;
    assert_eq!(pinned.keys.len(), 1);
    let activated = server.post(paths::ACTIVATE, activation(&key, 1)).await.ok();
    let seat = activated["activation"]["id"].clone();
    verify_lease(activated["lease"].as_str().expect("lease"), &pinned).expect("verifies");
    let status = json!({"license_key": key, "fingerprint": fingerprint(1)});
    server.post(paths::STATUS, status.clone()).await.ok();
    server
        .post(
            paths::STATUS,
            json!({"license_key": "KS-WRONG-WRONG-WRONG-WRONG"}),
        )
        .await
        .error(1702);
    server
        .post(
            paths::DEVICES,
            json!({"license_key": "KS-WRONG-WRONG-WRONG-WRONG"}),
        )
        .await
        .error(1703);

    // Admin commands work while the server runs on the same file.
    assert!(
        admin(&["license", "state", "--db", db_arg, &key, "SUSPENDED"])
            .status
            .success()
    );
    server.post(paths::STATUS, status.clone()).await.error(1704);
    assert!(
        admin(&["license", "state", "--db", db_arg, &key, "ACTIVE"])
            .status
            .success()
    );
    let used_once = server.request(paths::STATUS, &status);
    let last = http(server.addr, used_once.clone(), Some(SECRET.as_bytes()))
        .await
        .ok();

    let log = server.terminate().await;
    assert!(log.contains("stopped"), "{log}");
    // When the seat was last seen, written behind, was written at the stop.
    let seen_at = time::OffsetDateTime::parse(
        last["activation"]["last_seen_at"].as_str().expect("a time"),
        &time::format_description::well_known::Rfc3339,
    )
    .expect("RFC 3339")
    .unix_timestamp();
    let stored = keyslot_server::Db::open_existing(&keyslot_server::db::Location::sqlite(&db))
        .await
        .expect("db");
    let written: i64 = sqlx::query_scalar("SELECT last_seen_at FROM activations WHERE id = ?")
        .bind(seat.as_str().expect("an id"))
        .fetch_one(&stored.as_sqlite().expect("SQLite").read)
        .await
        .expect("the seat");
    stored.close().await;
    assert_eq!(written, seen_at);

    // After a restart: the license, the seat, the replay cache and the lease
    // key are all still there.
    let server = serve(dir.path(), Some(SECRET), &[]).await;
    let again = server.post(paths::STATUS, status.clone()).await.ok();
    assert_eq!(again["activation"]["id"], seat);
    assert_eq!(
        server.key_set().await,
        pinned,
        "the same kid after a restart"
    );
    verify_lease(again["lease"].as_str().expect("lease"), &pinned).expect("verifies");
    assert_eq!(file_mode(&key_file), 0o600);
    http(server.addr, used_once, Some(SECRET.as_bytes()))
        .await
        .error(1700);
    let show = admin(&["license", "show", "--db", db_arg, &key]);
    let shown = String::from_utf8_lossy(&show.stdout);
    assert!(
        shown.contains("1 of 2 used") && shown.contains("Machine 1"),
        "{shown}"
    );
    let log2 = server.terminate().await;

    // Secrets never reach the logs; keys appear only masked.
    let private = private_key_texts(&key_file);
    for text in [&log, &log2] {
        assert!(text.contains(&pinned.keys[0].kid), "the kid is logged");
        for private in &private {
            assert!(!text.contains(private.as_str()), "private key in log");
        }
        assert!(!text.contains(SECRET), "secret in log");
        assert!(!text.contains(&key), "full key in log");
        assert!(
            !text.contains("KS-WRONG-WRONG-WRONG-WRONG"),
            "full key in log"
        );
        assert!(text.contains(&key[key.len() - 4..]), "masked key is logged");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_server_per_database_and_the_admin_commands_beside_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("licenses.db");
    let db_arg = db.to_str().expect("utf-8");
    let server = serve(dir.path(), Some(SECRET), &[]).await;

    // A second server on the same database refuses to start, and says why.
    let second = tokio::process::Command::new(BIN)
        .args(["serve", "--addr", "127.0.0.1:0", "--db", db_arg])
        .env("LICENSE_API_SECRET", SECRET)
        .kill_on_drop(true)
        .output();
    let second = tokio::time::timeout(Duration::from_secs(20), second)
        .await
        .expect("refuses at once instead of serving")
        .expect("runs");
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(!second.status.success(), "{stderr}");
    assert!(second.stdout.is_empty(), "it never listened");
    let lock = keyslot_server::lock::path(&db).expect("a lock path");
    assert!(
        stderr.contains(&format!(
            "another keyslot-server is already serving {db_arg} (it holds {})",
            lock.display()
        )),
        "{stderr}"
    );

    // Every admin command works beside the running server.
    let key = create(&db, &[]);
    for args in [
        &["license", "state", "--db", db_arg, &key, "SUSPENDED"][..],
        &["license", "state", "--db", db_arg, &key, "ACTIVE"],
        &["license", "list", "--db", db_arg],
        &["license", "show", "--db", db_arg, &key],
        &["lease-key", "show", "--db", db_arg],
    ] {
        let out = admin(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let devices = json!({"license_key": key});
    server.post(paths::DEVICES, devices.clone()).await.ok();
    server.terminate().await;

    // The lock went with it: a new server starts on the database.
    let server = serve(dir.path(), Some(SECRET), &[]).await;
    server.post(paths::DEVICES, devices).await.ok();
    server.terminate().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trusted_proxies_name_the_client_for_the_per_ip_rate() {
    let dir = tempfile::tempdir().expect("tempdir");
    let unused = dir.path().join("unused.db");
    for bad in ["10.0.0.0/33", "proxy.example", ""] {
        let out = admin(&[
            "serve",
            "--db",
            unused.to_str().expect("utf-8"),
            "--trusted-proxy",
            bad,
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{bad:?} accepted");
        assert!(
            stderr.contains("not a CIDR network or an IP address"),
            "{stderr}"
        );
    }
    assert!(!unused.exists());
    let key = create(&dir.path().join("licenses.db"), &[]);
    let server = serve(
        dir.path(),
        Some(SECRET),
        &[
            "--ip-rate",
            "1",
            "--trusted-proxy",
            "fd00::/8",
            "--trusted-proxy",
            "127.0.0.1",
        ],
    )
    .await;
    let from = |client: &str| {
        let mut req = server.request(paths::DEVICES, &json!({"license_key": key}));
        req.forwarded_for = Some(client.to_owned());
        http(server.addr, req, Some(SECRET.as_bytes()))
    };
    from("198.51.100.1").await.ok();
    from("198.51.100.1").await.error(1706);
    from("198.51.100.2").await.ok();
    server.terminate().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_its_request_log_and_their_wal_files_are_private_whatever_the_umask() {
    // 000 would leave SQLite's own default (0644) open to everyone; 277
    // would take the owner's write bit and lock the server out of its files.
    for umask in ["000", "277"] {
        let dir = tempfile::tempdir().expect("tempdir");
        let server = serve_under_umask(dir.path(), umask).await;
        let key = create(&dir.path().join("licenses.db"), &[]);
        server
            .post(paths::DEVICES, json!({"license_key": key}))
            .await
            .ok();
        // The request log's file comes with its first write, within a second.
        tokio::time::sleep(Duration::from_millis(1_500)).await;
        // While it serves, the WALs and their indexes are there beside the files.
        for suffix in [
            "",
            "-wal",
            "-shm",
            ".serve.lock",
            ".lease-key.pem",
            ".requests",
            ".requests-wal",
            ".requests-shm",
        ] {
            let path = dir.path().join(format!("licenses.db{suffix}"));
            assert_eq!(file_mode(&path), 0o600, "umask {umask}: {}", path.display());
        }
        server.terminate().await;
    }
}

fn file_mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

/// Every way the private key in `path` could be spelled in a log: the PEM's
/// base64 body, and the 32-byte seed in hex, base64 and base64url.
fn private_key_texts(path: &Path) -> Vec<String> {
    use base64::Engine as _;
    use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD};
    use ed25519_dalek::pkcs8::DecodePrivateKey as _;
    let pem = std::fs::read_to_string(path).expect("key file");
    let seed = ed25519_dalek::SigningKey::from_pkcs8_pem(&pem)
        .expect("PKCS#8")
        .to_bytes();
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    vec![
        body,
        hex::encode(seed),
        STANDARD_NO_PAD.encode(seed),
        URL_SAFE_NO_PAD.encode(seed),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_secret_it_warns_and_answers_1707() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = serve(dir.path(), None, &[]).await;
    let mut req = server.request(paths::DEVICES, &json!({"license_key": "x"}));
    req.secret = b"anything";
    let reply = http(server.addr, req, None).await;
    reply.error(1707);
    let log = server.terminate().await;
    assert!(log.contains("LICENSE_API_SECRET is not set"), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_input_never_crashes_it_or_corrupts_the_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("licenses.db");
    let key = create(&db, &[]);
    let server = serve(
        dir.path(),
        Some(SECRET),
        &["--ip-rate", "100000", "--key-rate", "100000"],
    )
    .await;

    // Signed garbage of every kind reaches the schema check and is refused there.
    for n in 0..50 {
        let len = [0, 1, 7, 100, 4096][n % 5];
        let mut req = server.request(paths::ACTIVATE, &json!(null));
        req.body = (0..len).map(|_| rand::random::<u8>()).collect();
        let reply = http(server.addr, req, Some(SECRET.as_bytes())).await;
        reply.error(1702);
    }
    let machine =
        |name: &str| json!({"fingerprint": fingerprint(1), "name": name, "platform": "x"});
    for (body, field) in [
        (
            json!({"license_key": key, "machine": machine("\u{0}")}),
            "machine.name",
        ),
        (
            json!({"license_key": key, "machine": machine("Ada\u{202e}gpj.exe")}),
            "machine.name",
        ),
        (
            json!({"license_key": key, "machine": machine(&"😀".repeat(129))}),
            "machine.name",
        ),
        (
            json!({"license_key": "\u{202e}evil", "machine": machine("ok")}),
            "license_key",
        ),
        (
            json!({"license_key": [key], "machine": machine("ok")}),
            "license_key",
        ),
        (
            json!({"license_key": key, "machine": {"name": {"a": [1, 2, {"b": null}]}}}),
            "machine.fingerprint",
        ),
    ] {
        let reply = server.post(paths::ACTIVATE, body).await;
        reply.error(1702);
        assert_eq!(reply.detail_fields()[0], field);
    }
    let mut deep = server.request(paths::DEVICES, &json!(null));
    deep.body = format!("{}{}", "[".repeat(5000), "]".repeat(5000)).into_bytes();
    http(server.addr, deep, Some(SECRET.as_bytes()))
        .await
        .error(1702);
    let mut huge = server.request(paths::DEVICES, &json!(null));
    huge.body = vec![b' '; 2 * 1024 * 1024];
    assert_eq!(status_expecting_continue(server.addr, huge).await, 413);

    // Not even HTTP.
    let mut raw = tokio::net::TcpStream::connect(server.addr)
        .await
        .expect("connect");
    let _ = raw
        .write_all(b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage\r\n\r\n")
        .await;
    drop(raw);

    // Still serving, and the data is intact.
    server.post(paths::ACTIVATE, activation(&key, 3)).await.ok();
    let integrity = admin(&["license", "list", "--db", db.to_str().expect("utf-8")]);
    assert!(integrity.status.success());
    server.terminate().await;
    let pool = keyslot_server::Db::open(&keyslot_server::db::Location::sqlite(&db))
        .await
        .expect("reopens");
    let (check,): (String,) = sqlx::query_as("PRAGMA integrity_check")
        .fetch_one(&pool.as_sqlite().expect("SQLite").read)
        .await
        .expect("check");
    assert_eq!(check, "ok");
}

#[test]
fn admin_commands_explain_their_failures() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("licenses.db");
    let db_arg = db.to_str().expect("utf-8");

    let key = create(
        &db,
        &[
            "--key",
            "DEMO-KEY-0001",
            "--expires",
            "2030-01-01T00:00:00Z",
        ],
    );
    assert_eq!(key, "DEMO-KEY-0001");
    let duplicate = create_with(db_arg, &["--key", "DEMO-KEY-0001"]);
    assert!(!duplicate.status.success());
    assert!(String::from_utf8_lossy(&duplicate.stderr).contains("already exists"));

    let bad_key = create_with(db_arg, &["--key", "no spaces"]);
    assert!(!bad_key.status.success());
    let bad_date = create_with(db_arg, &["--expires", "tomorrow"]);
    assert!(!bad_date.status.success());
    assert!(String::from_utf8_lossy(&bad_date.stderr).contains("RFC 3339"));

    let far = create_with(db_arg, &["--expires", "9999-12-31T23:59:59-05:00"]);
    assert!(!far.status.success(), "year 10000 in UTC is refused");
    let missing = dir.path().join("typo.db");
    let typo = admin(&["license", "list", "--db", missing.to_str().expect("utf-8")]);
    assert!(!typo.status.success());
    assert!(String::from_utf8_lossy(&typo.stderr).contains("no database"));
    assert!(
        !missing.exists(),
        "reading commands never create a database"
    );

    let unknown = admin(&["license", "state", "--db", db_arg, "NOPE-0000", "REVOKED"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no license"));

    assert!(
        admin(&[
            "license",
            "state",
            "--db",
            db_arg,
            "DEMO-KEY-0001",
            "DELETED"
        ])
        .status
        .success()
    );
    let list = admin(&["license", "list", "--db", db_arg]);
    let listed = String::from_utf8_lossy(&list.stdout);
    assert!(
        listed.contains("DEMO-KEY-0001") && listed.contains("DELETED"),
        "{listed}"
    );
    assert!(listed.contains("2030-01-01T00:00:00Z"), "{listed}");
}

#[test]
fn a_python_client_written_from_the_protocol_alone_passes() {
    conformance_client_passes(&[]);
}

#[test]
fn a_python_client_written_from_the_protocol_alone_passes_against_postgres() {
    let pg = crate::pg::Postgres::start();
    conformance_client_passes(&["--postgres", &pg.url()]);
}

/// Runs tests/conformance/client.py with `args`: it exits 0 and its last
/// line counts no failure.
fn conformance_client_passes(args: &[&str]) {
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/conformance/client.py"
    );
    let out = Command::new("python3")
        .arg(script)
        .args(["--server-bin", BIN])
        .args(args)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout
            .lines()
            .last()
            .is_some_and(|l| l.ends_with(" 0 failed")),
        "{stdout}"
    );
}

const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../protocol/golden");

/// `lease-key show` with `args` after `--db DB`: its standard output.
fn show(db: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new(BIN)
        .args(["lease-key", "show", "--db"])
        .arg(db)
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lease_key_show_prints_what_the_server_serves() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("licenses.db");
    // Before the first start: show creates the key the server will then use.
    let shown = show(&db, &[]);
    assert_eq!(
        file_mode(&dir.path().join("licenses.db.lease-key.pem")),
        0o600
    );
    let server = serve(dir.path(), Some(SECRET), &[]).await;
    let served = server.key_set_bytes().await;
    assert_eq!(shown, [served.as_slice(), b"\n"].concat());
    server.terminate().await;

    // --lease-key (as OpenSSL writes it) and --lease-public-key, the same flags for both.
    let other = dir.path().join("other.pem");
    let (private, _) =
        keyslot_server::lease::LeaseKey::read_or_create(&other).expect("another key");
    let other_public = dir.path().join("other-public.pem");
    {
        use ed25519_dalek::pkcs8::EncodePublicKey as _;
        let pem = private
            .verifying_key()
            .to_public_key_pem(ed25519_dalek::pkcs8::spki::der::pem::LineEnding::LF)
            .expect("pem");
        std::fs::write(&other_public, pem).expect("write");
    }
    let flags = [
        "--lease-key",
        &format!("{GOLDEN}/lease-key.pem"),
        "--lease-public-key",
        other_public.to_str().expect("utf-8"),
        "--lease-public-key",
        &format!("{GOLDEN}/lease-public.pem"),
    ];
    let shown = show(&db, &flags);
    let server = serve(dir.path(), Some(SECRET), &flags).await;
    let served = server.key_set_bytes().await;
    assert_eq!(shown, [served.as_slice(), b"\n"].concat());
    let set: JwkSet = serde_json::from_slice(&served).expect("set");
    let golden: JwkSet = serde_json::from_str(
        &std::fs::read_to_string(format!("{GOLDEN}/lease-keys.json")).expect("golden"),
    )
    .expect("golden set");
    let kids: Vec<&str> = set.keys.iter().map(|k| k.kid.as_str()).collect();
    assert_eq!(
        kids,
        [golden.keys[0].kid.as_str(), private.kid().as_str()],
        "signing key first, each once"
    );
    assert_eq!(set.keys[0], golden.keys[0]);
    let key = create(&db, &[]);
    let answer = server.post(paths::ACTIVATE, activation(&key, 1)).await.ok();
    verify_lease(answer["lease"].as_str().expect("lease"), &golden)
        .expect("signed with --lease-key");
    server.terminate().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_lease_flags_are_refused_before_anything_is_created() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("licenses.db");
    let refused = |args: &[&str]| {
        let out = Command::new(BIN)
            .args(["serve", "--addr", "127.0.0.1:0", "--db"])
            .arg(&db)
            .args(args)
            .env("LICENSE_API_SECRET", SECRET)
            .output()
            .expect("runs");
        assert!(!out.status.success(), "{args:?} accepted");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let renew = refused(&["--lease-ttl", "600", "--lease-renew", "601"]);
    assert!(
        renew.contains("--lease-renew (601 s) must not be longer than --lease-ttl (600 s)"),
        "{renew}"
    );
    for (flag, value) in [
        ("--lease-ttl", "0"),
        ("--lease-renew", "0"),
        ("--lease-grace", "0"),
        ("--lease-ttl", "-5"),
    ] {
        let message = refused(&[&format!("{flag}={value}")]);
        assert!(message.contains(flag), "{message}");
    }
    assert!(refused(&["--issuer", ""]).contains("--issuer"));
    let missing = refused(&["--lease-key", "/nonexistent/lease.pem"]);
    assert!(
        missing.contains("cannot read lease key /nonexistent/lease.pem"),
        "{missing}"
    );
    let not_a_key = refused(&["--lease-key", &format!("{GOLDEN}/lease-public.pem")]);
    assert!(not_a_key.contains("PKCS#8"), "{not_a_key}");
    let not_public = refused(&["--lease-public-key", &format!("{GOLDEN}/lease-key.pem")]);
    assert!(not_public.contains("public key"), "{not_public}");
    assert!(
        !dir.path().join("licenses.db.lease-key.pem").exists(),
        "no key file made for a refused flag"
    );
    assert!(!db.exists(), "no database made for a refused setting");
    // The smallest settings are fine.
    let server = serve(
        dir.path(),
        Some(SECRET),
        &[
            "--lease-ttl",
            "1",
            "--lease-renew",
            "1",
            "--lease-grace",
            "1",
            "--issuer",
            "x",
        ],
    )
    .await;
    server.terminate().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_independent_python_verifier_accepts_a_live_lease() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("licenses.db");
    let key = create(&db, &["--expires", "2099-01-01T00:00:00Z"]);
    let server = serve(dir.path(), Some(SECRET), &["--issuer", "python-check"]).await;
    let answer = server.post(paths::ACTIVATE, activation(&key, 7)).await.ok();
    let lease_file = dir.path().join("lease.jwt");
    let keys_file = dir.path().join("keys.json");
    std::fs::write(&lease_file, answer["lease"].as_str().expect("lease")).expect("write");
    std::fs::write(&keys_file, server.key_set_bytes().await).expect("write");
    server.terminate().await;

    let out = Command::new("python3")
        .arg(format!("{GOLDEN}/verify-lease.py"))
        .arg("--lease")
        .arg(&lease_file)
        .arg("--keys")
        .arg(&keys_file)
        .args(["--license-key", &key, "--fingerprint", &fingerprint(7)])
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let last: serde_json::Value =
        serde_json::from_str(stdout.lines().last().expect("a line")).expect("json");
    assert_eq!(last["stage"], "valid");
    assert_eq!(last["claims"]["iss"], "python-check");
    assert_eq!(last["claims"]["sub"], answer["activation"]["id"]);

    // The key file the server wrote is a PKCS#8 PEM that Python's cryptography reads.
    let script = "import sys,base64\n\
from cryptography.hazmat.primitives.serialization import load_pem_private_key, Encoding, PublicFormat\n\
k = load_pem_private_key(open(sys.argv[1],'rb').read(), password=None)\n\
raw = k.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)\n\
print(base64.urlsafe_b64encode(raw).rstrip(b'=').decode())";
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(dir.path().join("licenses.db.lease-key.pem"))
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let keys: JwkSet =
        serde_json::from_slice(&std::fs::read(&keys_file).expect("keys")).expect("set");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), keys.keys[0].x);
}

#[test]
fn a_database_url_that_does_not_parse_is_refused_without_its_password() {
    let url = "postgres://keyslot:se/cret-pw@db.internal/keyslot";
    let by_env = Command::new(BIN)
        .args(["license", "list"])
        .env("KEYSLOT_DB", url)
        .output()
        .expect("runs");
    let by_flag = Command::new(BIN)
        .args(["license", "list", "--db", url])
        .env_remove("KEYSLOT_DB")
        .output()
        .expect("runs");
    for out in [by_env, by_flag] {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(stderr.contains("invalid --db"), "{stderr}");
        assert!(!stderr.contains("cret-pw"), "{stderr}");
    }
}
