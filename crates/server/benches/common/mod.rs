//! What the `load` and `soak` benches share: the real `keyslot-server` started
//! as a child on a fresh database with one activated machine, and the
//! closed-loop generator of signed `/status` calls, whose workers count every
//! answer and every error (by code) while they run.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use hdrhistogram::Histogram;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::SendRequest;
use hyper::{Request, StatusCode};
use keyslot_protocol::{headers, paths, sign_request};

/// The server binary: this build's, or `KEYSLOT_SERVER_BIN` (another
/// build to compare with, e.g. the commit before a change).
fn server_bin() -> PathBuf {
    std::env::var_os("KEYSLOT_SERVER_BIN").map_or_else(
        || env!("CARGO_BIN_EXE_keyslot-server").into(),
        PathBuf::from,
    )
}
const SECRET: &str = "load-test-secret";
const FINGERPRINT: &str = "5f0c6e8a2b1d4f3e9a7c0b2d4e6f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d2f";

/// The error key of an answer the server never gave: the connection failed.
const CONNECTION_ERROR: &str = "connection";

/// The number in env `name`, else `default`.
pub(crate) fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A memory figure of process `pid` in KiB: `field` is a line of
/// `/proc/PID/status` such as `VmRSS:` (now) or `VmHWM:` (peak).
pub(crate) fn rss_kib(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// `target/bench-results/NAME` (under `CARGO_TARGET_DIR` when set), its
/// directory created.
pub(crate) fn results_path(name: &str) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../target")));
    let dir = target.join("bench-results");
    std::fs::create_dir_all(&dir).expect("mkdir bench-results");
    dir.join(name)
}

/// Starts a child that prints `listening on http://ADDR` first.
pub(crate) fn spawn(mut command: Command) -> (Child, SocketAddr) {
    let mut child = command.stdout(Stdio::piped()).spawn().expect("spawns");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line).expect("reads");
    let addr = line
        .trim()
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("unexpected {line:?}"))
        .parse()
        .expect("addr");
    (child, addr)
}

/// Asks the child to shut down (SIGTERM), unless it has exited, and waits for it.
pub(crate) fn stop(child: &mut Child) {
    if let Ok(Some(_)) = child.try_wait() {
        return;
    }
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
}

fn signed_request(addr: SocketAddr, path: &str, body: &[u8]) -> Request<Full<Bytes>> {
    let timestamp = time::OffsetDateTime::now_utc().unix_timestamp();
    let nonce = hex::encode(rand::random::<[u8; 16]>());
    let signature = sign_request("POST", path, timestamp, &nonce, body, SECRET.as_bytes());
    Request::post(path)
        .header("host", addr.to_string())
        .header("content-type", "application/json")
        .header(headers::TIMESTAMP, timestamp.to_string())
        .header(headers::NONCE, nonce)
        .header(headers::SIGNATURE, signature)
        .body(Full::new(Bytes::copy_from_slice(body)))
        .expect("request")
}

/// A keep-alive HTTP/1.1 connection to `addr`.
async fn connect(addr: SocketAddr) -> anyhow::Result<SendRequest<Full<Bytes>>> {
    let stream = tokio::net::TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let (sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await?;
    tokio::spawn(connection);
    Ok(sender)
}

/// Sends `request` and reads the whole answer.
async fn exchange(
    sender: &mut SendRequest<Full<Bytes>>,
    request: Request<Full<Bytes>>,
) -> hyper::Result<(StatusCode, Bytes)> {
    let response = sender.send_request(request).await?;
    let status = response.status();
    Ok((status, response.into_body().collect().await?.to_bytes()))
}

/// How an error answer is counted: the `error.code` of the protocol's
/// envelope, else the HTTP status (`http-503`).
fn error_key(status: StatusCode, body: &[u8]) -> String {
    serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|answer| answer["error"]["code"].as_u64())
        .map_or_else(|| format!("http-{}", status.as_u16()), |c| c.to_string())
}

/// The real `keyslot-server serve` on a fresh database with one activated
/// machine, replay protection and both rate limiters on (the limits set so
/// high that they never trip).
pub(crate) struct Server {
    pub(crate) child: Child,
    pub(crate) addr: SocketAddr,
    /// A `/status` body for the activated machine.
    pub(crate) status_body: Vec<u8>,
}

impl Server {
    /// Creates a one-seat license in `dir/NAME.db`, serves it (log in
    /// `dir/NAME.log`) with the `extra` flags of `serve`, and activates the machine.
    pub(crate) fn start(
        runtime: &tokio::runtime::Runtime,
        dir: &Path,
        name: &str,
        extra: &[&str],
    ) -> Server {
        let db = dir.join(format!("{name}.db"));
        let db = db.to_str().expect("a UTF-8 path");
        let key = create_license(db);
        let server = Server::serve(db, &key, &dir.join(format!("{name}.log")), extra);
        server.activate(runtime, &key, !extra.contains(&"--no-leases"));
        server
    }

    /// Serves the database `db` (a file or a URL) with the `extra` flags
    /// of `serve`, logging to `log`; its `/status` body asks about the load
    /// generator's machine on the license `key`, once it is activated
    /// ([`Server::activate`], at this server or another on `db`).
    pub(crate) fn serve(db: &str, key: &str, log: &Path, extra: &[&str]) -> Server {
        let mut serve = Command::new(server_bin());
        serve
            .args([
                "serve",
                "--addr",
                "127.0.0.1:0",
                "--key-rate",
                "100000000",
                "--ip-rate",
                "100000000",
                "--db",
                db,
            ])
            .env("LICENSE_API_SECRET", SECRET)
            .args(extra)
            .stderr(std::fs::File::create(log).expect("log"));
        let (child, addr) = spawn(serve);
        Server {
            child,
            addr,
            status_body: serde_json::json!({"license_key": key, "fingerprint": FINGERPRINT})
                .to_string()
                .into_bytes(),
        }
    }

    /// Activates the load generator's machine on `key`, which then is
    /// what `/status` asks about; `leases` says whether an answer has one.
    pub(crate) fn activate(&self, runtime: &tokio::runtime::Runtime, key: &str, leases: bool) {
        let addr = self.addr;
        runtime.block_on(async {
            let activate = serde_json::json!({
                "license_key": key,
                "machine": {"fingerprint": FINGERPRINT, "name": "load generator", "platform": "linux-x86_64"}
            });
            let request = signed_request(addr, paths::ACTIVATE, activate.to_string().as_bytes());
            let mut sender = connect(addr).await.expect("handshake");
            let (status, body) = exchange(&mut sender, request).await.expect("activates");
            assert_eq!(status, 200);
            let answer: serde_json::Value = serde_json::from_slice(&body).expect("json");
            assert_eq!(answer["lease"].is_string(), leases, "{answer}");
        });
    }
}

/// Creates a one-seat license in the database `db` (a file or a URL) with
/// the admin command; its key.
pub(crate) fn create_license(db: &str) -> String {
    let created = Command::new(server_bin())
        .args(["license", "create", "--seats", "1", "--db", db])
        .output()
        .expect("creates");
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    String::from_utf8(created.stdout)
        .expect("utf-8")
        .lines()
        .last()
        .expect("key")
        .to_owned()
}

/// What the workers count, readable at any moment.
#[derive(Default)]
struct Counters {
    recording: AtomicBool,
    done: AtomicBool,
    /// Answers read while recording.
    answers: AtomicU64,
    /// Failures while recording: non-200 answers by [`error_key`], and
    /// connections that failed ([`CONNECTION_ERROR`]).
    errors: Mutex<BTreeMap<String, u64>>,
}

impl Counters {
    fn count_error(&self, key: String) {
        *self.errors.lock().expect("errors").entry(key).or_default() += 1;
    }
}

/// Closed-loop load: `connections` keep-alive connections, each sending the
/// next signed request as soon as the previous answer is read. Counts (and
/// times, into one histogram per connection) only while recording; a
/// connection that fails is counted and opened again.
pub(crate) struct Load {
    counters: Arc<Counters>,
    workers: Vec<tokio::task::JoinHandle<Histogram<u64>>>,
}

impl Load {
    /// Starts the workers, not recording yet. Runs on the current tokio runtime.
    pub(crate) fn start(addr: SocketAddr, body: Vec<u8>, connections: u64) -> Load {
        let counters = Arc::new(Counters::default());
        let body = Arc::new(body);
        let workers = (0..connections)
            .map(|_| tokio::spawn(worker(addr, body.clone(), counters.clone())))
            .collect();
        Load { counters, workers }
    }

    /// Starts or stops counting.
    pub(crate) fn record(&self, on: bool) {
        self.counters.recording.store(on, Ordering::Relaxed);
    }

    /// Answers read while recording so far (errors included).
    pub(crate) fn answers(&self) -> u64 {
        self.counters.answers.load(Ordering::Relaxed)
    }

    /// Errors counted so far, by key: an envelope's code (`1700`), an HTTP
    /// status (`http-503`) or `connection`.
    pub(crate) fn errors(&self) -> BTreeMap<String, u64> {
        self.counters.errors.lock().expect("errors").clone()
    }

    /// Stops the workers; the latencies (µs) of every recorded answer.
    pub(crate) async fn finish(self) -> Histogram<u64> {
        self.counters.done.store(true, Ordering::Relaxed);
        let mut all = new_histogram();
        for worker in self.workers {
            all.add(worker.await.expect("worker")).expect("merge");
        }
        all
    }
}

fn new_histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, 60_000_000, 3).expect("histogram")
}

async fn worker(addr: SocketAddr, body: Arc<Vec<u8>>, counters: Arc<Counters>) -> Histogram<u64> {
    let mut histogram = new_histogram();
    let mut sender = None;
    while !counters.done.load(Ordering::Relaxed) {
        let connection = match sender.as_mut() {
            Some(connection) => connection,
            None => match connect(addr).await {
                Ok(connection) => sender.insert(connection),
                Err(_) => {
                    if counters.recording.load(Ordering::Relaxed) {
                        counters.count_error(CONNECTION_ERROR.to_owned());
                    }
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
        };
        let request = signed_request(addr, paths::STATUS, &body);
        let started = Instant::now();
        let outcome = exchange(connection, request).await;
        let recording = counters.recording.load(Ordering::Relaxed);
        match outcome {
            Ok((status, answer)) if recording => {
                histogram
                    .record(started.elapsed().as_micros() as u64)
                    .expect("record");
                counters.answers.fetch_add(1, Ordering::Relaxed);
                if status != StatusCode::OK {
                    counters.count_error(error_key(status, &answer));
                }
            }
            Ok(_) => {}
            Err(_) => {
                if recording {
                    counters.count_error(CONNECTION_ERROR.to_owned());
                }
                sender = None;
            }
        }
    }
    histogram
}
