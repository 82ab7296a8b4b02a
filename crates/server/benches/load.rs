//! Load generator: signed `/status` calls against the real `keyslot-server`
//! binary (replay protection and rate limiting on), as it runs by default
//! (leases and the request log on), without leases (`--no-leases`, a v1
//! server) and without the request log (`--request-log-days 0`), each on a
//! fresh database, in a rotating order for `LOAD_ROUNDS` rounds; then the
//! same load against a bare axum handler, all in the same run on the same
//! machine.
//!
//! `cargo bench -p keyslot-server --bench load` prints a table and writes
//! `target/bench-results/server-load.json`. Settings via env:
//! `LOAD_SECS` (default 10), `LOAD_CONNECTIONS` (default 16), `LOAD_WARMUP_SECS`
//! (default 2), `LOAD_ROUNDS` (default 2); `KEYSLOT_SERVER_BIN` measures another
//! build of the server instead (the baseline of a change, built from its parent).

#[path = "common/bare.rs"]
mod bare;
mod common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use common::{Load, Server, env_or, rss_kib, stop};

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

/// Warms up, then measures the shared closed-loop load against `addr`,
/// sampling the RSS of process `pid` every 100 ms.
async fn generate(target: &'static str, addr: SocketAddr, body: Vec<u8>, pid: u32) -> Figures {
    let connections = env_or("LOAD_CONNECTIONS", 16);
    let warmup = Duration::from_secs(env_or("LOAD_WARMUP_SECS", 2));
    let measure = Duration::from_secs(env_or("LOAD_SECS", 10));
    let load = Load::start(addr, body, connections);

    tokio::time::sleep(warmup).await;
    load.record(true);
    let started = Instant::now();
    let mut peak_rss = 0;
    while started.elapsed() < measure {
        tokio::time::sleep(Duration::from_millis(100)).await;
        peak_rss = peak_rss.max(rss_kib(pid, "VmRSS:").unwrap_or(0));
    }
    load.record(false);
    let seconds = started.elapsed().as_secs_f64();
    let (requests, errors) = (load.answers(), load.errors().values().sum());

    let all = load.finish().await;
    let ms = |q: f64| all.value_at_quantile(q) as f64 / 1000.0;
    Figures {
        target,
        connections,
        seconds,
        requests,
        errors,
        requests_per_sec: requests as f64 / seconds,
        p50_ms: ms(0.50),
        p90_ms: ms(0.90),
        p99_ms: ms(0.99),
        max_ms: all.max() as f64 / 1000.0,
        peak_rss_mib: (peak_rss > 0).then(|| peak_rss as f64 / 1024.0),
    }
}

/// A way of running the real server, measured against the default.
struct Variant {
    target: &'static str,
    flags: &'static [&'static str],
}

/// The default first; the others each turn one thing off.
const VARIANTS: [Variant; 3] = [
    Variant {
        target: "keyslot-server /status + lease",
        flags: &[],
    },
    Variant {
        target: "keyslot-server /status, no lease",
        flags: &["--no-leases"],
    },
    Variant {
        target: "keyslot-server /status, no request log",
        flags: &["--request-log-days", "0"],
    },
];

/// One measured run of the real server as `variant` runs it, on a fresh
/// database in `dir`. Returns the figures and the server's peak RSS (VmHWM).
fn measure_server(
    runtime: &tokio::runtime::Runtime,
    dir: &std::path::Path,
    variant: &Variant,
    name: &str,
) -> (Figures, Option<f64>) {
    let mut server = Server::start(runtime, dir, name, variant.flags);
    let figures = runtime.block_on(generate(
        variant.target,
        server.addr,
        server.status_body.clone(),
        server.child.id(),
    ));
    let peak_hwm = rss_kib(server.child.id(), "VmHWM:").map(|k| k as f64 / 1024.0);
    stop(&mut server.child);
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
    if std::env::args().any(|a| a == bare::FLAG) {
        return bare::serve();
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
    let rounds = env_or("LOAD_ROUNDS", 2).max(1) as usize;
    let mut runs: [Vec<Figures>; 3] = Default::default();
    let mut peak_hwm: Option<f64> = None;
    for round in 0..rounds {
        // Rotate the order, so none always runs on a warmer machine.
        for turn in 0..VARIANTS.len() {
            let which = (round + turn) % VARIANTS.len();
            let name = format!("load-{round}-{which}");
            let (figures, hwm) = measure_server(&runtime, dir.path(), &VARIANTS[which], &name);
            println!(
                "round {round}: {:<40} {:>8.0} req/s, p99 {:.2} ms",
                figures.target, figures.requests_per_sec, figures.p99_ms
            );
            if which == 0 {
                peak_hwm = [peak_hwm, hwm].into_iter().flatten().reduce(f64::max);
            }
            runs[which].push(figures);
        }
    }
    let [keyslot, no_leases, no_log] = [&runs[0], &runs[1], &runs[2]].map(|r| mean(r));

    let (mut bare_child, bare_addr) = bare::spawn();
    let baseline = runtime.block_on(generate(
        "bare axum handler",
        bare_addr,
        b"{}".to_vec(),
        bare_child.id(),
    ));
    stop(&mut bare_child);

    let ratio = keyslot.requests_per_sec / baseline.requests_per_sec;
    let lease_ratio = keyslot.requests_per_sec / no_leases.requests_per_sec;
    let log_ratio = keyslot.requests_per_sec / no_log.requests_per_sec;
    println!(
        "{:<40} {:>6} {:>10} {:>8} {:>8} {:>8} {:>8} {:>9}",
        "target (mean of rounds)",
        "conns",
        "req/s",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "max ms",
        "RSS MiB"
    );
    for f in [&keyslot, &no_leases, &no_log, &baseline] {
        println!(
            "{:<40} {:>6} {:>10.0} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>9.1}",
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
        "with leases / without: {lease_ratio:.3} (requirement >= 0.85); \
         with the request log / without: {log_ratio:.3} (requirement >= 0.90); \
         keyslot / bare: {ratio:.2}; keyslot-server VmHWM {peak_hwm:?} MiB; errors {} / {} / {}",
        keyslot.errors, no_leases.errors, no_log.errors
    );

    let path = common::results_path("server-load.json");
    let json = serde_json::json!({
        "keyslot": keyslot,
        "keyslot_without_leases": no_leases,
        "keyslot_without_request_log": no_log,
        "bare": baseline,
        "rounds": {"default": runs[0], "without_leases": runs[1], "without_request_log": runs[2]},
        "lease_throughput_ratio": lease_ratio,
        "request_log_throughput_ratio": log_ratio,
        "throughput_ratio": ratio,
        "keyslot_vm_hwm_mib": peak_hwm,
        "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
    });
    std::fs::write(&path, serde_json::to_string_pretty(&json).expect("json")).expect("write");
    println!("wrote {}", path.display());
}
