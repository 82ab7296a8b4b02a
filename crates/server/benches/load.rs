//! Load generator: signed `/status` calls against the real `keyslot-server`
//! binary (replay protection and rate limiting on), once answering with leases
//! (v1.1, the default) and once without (`--no-leases`, a v1 server), each on
//! a fresh database, alternating for `LOAD_ROUNDS` rounds; then the same load
//! against a bare axum handler, all in the same run on the same machine.
//!
//! `cargo bench -p keyslot-server --bench load` prints a table and writes
//! `target/bench-results/server-load.json`. Settings via env:
//! `LOAD_SECS` (default 10), `LOAD_CONNECTIONS` (default 16), `LOAD_WARMUP_SECS`
//! (default 2), `LOAD_ROUNDS` (default 2).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use hdrhistogram::Histogram;
use http_body_util::{BodyExt, Full};
use hyper::Request;
use keyslot_protocol::{headers, paths, sign_request};

const SERVER: &str = env!("CARGO_BIN_EXE_keyslot-server");
const SECRET: &str = "load-test-secret";
const FINGERPRINT: &str = "5f0c6e8a2b1d4f3e9a7c0b2d4e6f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d2f";

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// What one run measured.
#[derive(Debug, Clone, serde::Serialize)]
struct Figures {
    target: &'static str,
    connections: u64,
    seconds: f64,
    requests: u64,
    errors: u64,
    requests_per_sec: f64,
    p50_ms: f64,
    p90_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    peak_rss_mib: Option<f64>,
}

fn rss_kib(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Starts a child that prints `listening on http://ADDR` first.
fn spawn(mut command: Command) -> (std::process::Child, SocketAddr) {
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

fn stop(child: &mut std::process::Child) {
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

/// Closed-loop load: `connections` keep-alive connections, each sending the
/// next request as soon as the previous answer is read.
async fn generate(target: &'static str, addr: SocketAddr, body: Vec<u8>, pid: u32) -> Figures {
    let connections = env_or("LOAD_CONNECTIONS", 16);
    let warmup = Duration::from_secs(env_or("LOAD_WARMUP_SECS", 2));
    let measure = Duration::from_secs(env_or("LOAD_SECS", 10));
    let recording = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicBool::new(false));
    let errors = Arc::new(AtomicU64::new(0));
    let body = Arc::new(body);

    let mut workers = Vec::new();
    for _ in 0..connections {
        let (recording, done, errors, body) = (
            recording.clone(),
            done.clone(),
            errors.clone(),
            body.clone(),
        );
        workers.push(tokio::spawn(async move {
            let mut histogram =
                Histogram::<u64>::new_with_bounds(1, 60_000_000, 3).expect("histogram");
            let stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
            stream.set_nodelay(true).expect("nodelay");
            let (mut sender, connection) =
                hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
                    .await
                    .expect("handshake");
            tokio::spawn(connection);
            while !done.load(Ordering::Relaxed) {
                let request = signed_request(addr, paths::STATUS, &body);
                let started = Instant::now();
                let response = sender.send_request(request).await.expect("response");
                let ok = response.status() == 200;
                let _ = response.into_body().collect().await.expect("body");
                if recording.load(Ordering::Relaxed) {
                    histogram
                        .record(started.elapsed().as_micros() as u64)
                        .expect("record");
                    if !ok {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
            histogram
        }));
    }

    tokio::time::sleep(warmup).await;
    recording.store(true, Ordering::Relaxed);
    let started = Instant::now();
    let mut peak_rss = 0;
    while started.elapsed() < measure {
        tokio::time::sleep(Duration::from_millis(100)).await;
        peak_rss = peak_rss.max(rss_kib(pid, "VmRSS:").unwrap_or(0));
    }
    recording.store(false, Ordering::Relaxed);
    let seconds = started.elapsed().as_secs_f64();
    done.store(true, Ordering::Relaxed);

    let mut all = Histogram::<u64>::new_with_bounds(1, 60_000_000, 3).expect("histogram");
    for worker in workers {
        all.add(worker.await.expect("worker")).expect("merge");
    }
    let ms = |q: f64| all.value_at_quantile(q) as f64 / 1000.0;
    Figures {
        target,
        connections,
        seconds,
        requests: all.len(),
        errors: errors.load(Ordering::Relaxed),
        requests_per_sec: all.len() as f64 / seconds,
        p50_ms: ms(0.50),
        p90_ms: ms(0.90),
        p99_ms: ms(0.99),
        max_ms: all.max() as f64 / 1000.0,
        peak_rss_mib: (peak_rss > 0).then(|| peak_rss as f64 / 1024.0),
    }
}

/// The baseline: one axum handler answering `/status` with a body of the same
/// size, no signing, no database.
fn bare_server() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let body = r#"{"license":{"state":"ACTIVE","max_activations":1,"used_activations":1,"expires_at":null},"activation":{"id":"act_01M8A0000000000000000000000","fingerprint":"5f0c6e8a2b1d4f3e9a7c0b2d4e6f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d2f","name":"load generator","platform":"linux-x86_64","created_at":"2026-11-25T00:00:00Z","last_seen_at":"2026-11-25T00:00:00Z"}}"#;
        let app = axum::Router::new().route(
            paths::STATUS,
            axum::routing::post(move || async move { ([("content-type", "application/json")], body) }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        println!("listening on http://{}", listener.local_addr().expect("addr"));
        axum::serve(listener, app).await.expect("serves");
    });
}

fn results_path() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../target")));
    target.join("bench-results").join("server-load.json")
}

/// One measured run of the real server, with or without leases, on a fresh
/// database in `dir`. Returns the figures and the server's peak RSS (VmHWM).
fn measure_server(
    runtime: &tokio::runtime::Runtime,
    dir: &std::path::Path,
    leases: bool,
    round: u64,
) -> (Figures, Option<f64>) {
    let target = if leases {
        "keyslot-server /status + lease"
    } else {
        "keyslot-server /status, no lease"
    };
    let db = dir.join(format!("load-{round}-{leases}.db"));
    let created = Command::new(SERVER)
        .args(["license", "create", "--seats", "1", "--db"])
        .arg(&db)
        .output()
        .expect("creates");
    let key = String::from_utf8(created.stdout)
        .expect("utf-8")
        .lines()
        .last()
        .expect("key")
        .to_owned();

    let mut serve = Command::new(SERVER);
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
        ])
        .arg(&db)
        .env("LICENSE_API_SECRET", SECRET)
        .stderr(
            std::fs::File::create(dir.join(format!("server-{round}-{leases}.log"))).expect("log"),
        );
    if !leases {
        serve.arg("--no-leases");
    }
    let (mut server, addr) = spawn(serve);

    let figures = runtime.block_on(async {
        // Activate the one machine whose status is then polled.
        let activate = serde_json::json!({
            "license_key": key,
            "machine": {"fingerprint": FINGERPRINT, "name": "load generator", "platform": "linux-x86_64"}
        });
        let request = signed_request(addr, paths::ACTIVATE, activate.to_string().as_bytes());
        let stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
        let (mut sender, connection) = hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .expect("handshake");
        tokio::spawn(connection);
        let response = sender.send_request(request).await.expect("activates");
        assert_eq!(response.status(), 200);
        let body = response.into_body().collect().await.expect("body").to_bytes();
        let answer: serde_json::Value = serde_json::from_slice(&body).expect("json");
        assert_eq!(answer["lease"].is_string(), leases, "{answer}");

        let status = serde_json::json!({"license_key": key, "fingerprint": FINGERPRINT}).to_string();
        generate(target, addr, status.into_bytes(), server.id()).await
    });
    let peak_hwm = rss_kib(server.id(), "VmHWM:").map(|k| k as f64 / 1024.0);
    stop(&mut server);
    (figures, peak_hwm)
}

/// The mean of several runs of one target: requests and errors summed,
/// rates and latencies averaged, the peaks the highest.
fn mean(runs: &[Figures]) -> Figures {
    let n = runs.len() as f64;
    let avg = |f: fn(&Figures) -> f64| runs.iter().map(f).sum::<f64>() / n;
    Figures {
        target: runs[0].target,
        connections: runs[0].connections,
        seconds: runs.iter().map(|r| r.seconds).sum(),
        requests: runs.iter().map(|r| r.requests).sum(),
        errors: runs.iter().map(|r| r.errors).sum(),
        requests_per_sec: avg(|r| r.requests_per_sec),
        p50_ms: avg(|r| r.p50_ms),
        p90_ms: avg(|r| r.p90_ms),
        p99_ms: avg(|r| r.p99_ms),
        max_ms: runs.iter().map(|r| r.max_ms).fold(0.0, f64::max),
        peak_rss_mib: runs.iter().filter_map(|r| r.peak_rss_mib).reduce(f64::max),
    }
}

fn main() {
    if std::env::args().any(|a| a == "--bare-server") {
        return bare_server();
    }
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing: skip the long run there.
    if !std::env::args().any(|a| a == "--bench") {
        println!("load: run with `cargo bench -p keyslot-server --bench load`");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let rounds = env_or("LOAD_ROUNDS", 2).max(1);
    let (mut with, mut without) = (Vec::new(), Vec::new());
    let mut peak_hwm: Option<f64> = None;
    for round in 0..rounds {
        // Alternate which goes first, so neither always runs on a warmer machine.
        for leases in [round % 2 == 1, round % 2 == 0] {
            let (figures, hwm) = measure_server(&runtime, dir.path(), leases, round);
            println!(
                "round {round}: {:<34} {:>8.0} req/s, p99 {:.2} ms",
                figures.target, figures.requests_per_sec, figures.p99_ms
            );
            if leases {
                peak_hwm = [peak_hwm, hwm].into_iter().flatten().reduce(f64::max);
                with.push(figures);
            } else {
                without.push(figures);
            }
        }
    }
    let keyslot = mean(&with);
    let no_leases = mean(&without);

    let mut bare = Command::new(std::env::current_exe().expect("exe"));
    bare.arg("--bare-server");
    let (mut bare_child, bare_addr) = spawn(bare);
    let baseline = runtime.block_on(generate(
        "bare axum handler",
        bare_addr,
        b"{}".to_vec(),
        bare_child.id(),
    ));
    stop(&mut bare_child);

    let ratio = keyslot.requests_per_sec / baseline.requests_per_sec;
    let lease_ratio = keyslot.requests_per_sec / no_leases.requests_per_sec;
    println!(
        "{:<34} {:>6} {:>10} {:>8} {:>8} {:>8} {:>8} {:>9}",
        "target (mean of rounds)",
        "conns",
        "req/s",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "max ms",
        "RSS MiB"
    );
    for f in [&keyslot, &no_leases, &baseline] {
        println!(
            "{:<34} {:>6} {:>10.0} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>9.1}",
            f.target,
            f.connections,
            f.requests_per_sec,
            f.p50_ms,
            f.p90_ms,
            f.p99_ms,
            f.max_ms,
            f.peak_rss_mib.unwrap_or(0.0)
        );
    }
    println!(
        "with leases / without: {lease_ratio:.3} (requirement >= 0.85); keyslot / bare: {ratio:.2}; \
         keyslot-server VmHWM {peak_hwm:?} MiB; errors {} / {}",
        keyslot.errors, no_leases.errors
    );

    let path = results_path();
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    let json = serde_json::json!({
        "keyslot": keyslot,
        "keyslot_without_leases": no_leases,
        "bare": baseline,
        "rounds": {"with_leases": with, "without_leases": without},
        "lease_throughput_ratio": lease_ratio,
        "throughput_ratio": ratio,
        "keyslot_vm_hwm_mib": peak_hwm,
        "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
    });
    std::fs::write(&path, serde_json::to_string_pretty(&json).expect("json")).expect("write");
    println!("wrote {}", path.display());
}
