//! Soak: the load bench's signed `/status` calls at full rate against the
//! real `keyslot-server` binary (with leases, replay protection and rate
//! limiting on) for a long time, sampling every second the server's RSS
//! (VmRSS) and the requests/s and errors of that second. The replay cache
//! keeps every nonce for `NONCE_RETENTION_SECS` (10 minutes), so the memory
//! should stop growing after that and stay flat.
//!
//! `cargo bench -p keyslot-server --bench soak` (or `scripts/soak.sh`) prints
//! progress every 30 s and a summary, and writes
//! `target/bench-results/server-soak.json` and `server-soak.svg`. Settings via
//! env: `SOAK_SECS` (default 900), `SOAK_CONNECTIONS` (default 16),
//! `SOAK_SETTLE_SECS` (default 600: RSS flatness is measured after it).

#[path = "../common/mod.rs"]
mod common;
mod plot;

use std::collections::BTreeMap;
use std::process::ExitStatus;
use std::time::{Duration, Instant};

use common::{Load, Server, env_or, rss_kib, stop};
use keyslot_protocol::NONCE_RETENTION_SECS;

const TARGET: &str = "keyslot-server /status + lease";
/// Seconds between progress lines.
const PROGRESS_SECS: f64 = 30.0;

/// One second of the run.
#[derive(Debug, Clone, serde::Serialize)]
struct Sample {
    /// Seconds since the load started.
    t: f64,
    /// Answers per second over this sample's interval.
    rps: f64,
    /// The server's VmRSS at `t`, if it still runs.
    rss_mib: Option<f64>,
    /// Of which anonymous memory (RssAnon: the heap and stacks).
    anon_mib: Option<f64>,
    /// Errors counted in this sample's interval.
    errors: u64,
}

/// What the run measured, as the load ran.
struct Run {
    seconds: f64,
    requests: u64,
    errors: BTreeMap<String, u64>,
    latencies_us: hdrhistogram::Histogram<u64>,
    samples: Vec<Sample>,
    /// Set when the server exited before the end.
    server_exit: Option<ExitStatus>,
}

fn round(x: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    (x * scale).round() / scale
}

fn mib(kib: u64) -> f64 {
    round(kib as f64 / 1024.0, 3)
}

/// Drives the load for `secs`, one sample a second, a progress line every
/// [`PROGRESS_SECS`]; ends early if the server exits.
async fn soak(server: &mut Server, secs: u64, connections: u64) -> Run {
    let pid = server.child.id();
    let load = Load::start(server.addr, server.status_body.clone(), connections);
    load.record(true);
    let started = Instant::now();
    let mut ticks = tokio::time::interval(Duration::from_secs(1));
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    ticks.tick().await;

    let mut samples: Vec<Sample> = Vec::new();
    let (mut last_t, mut last_answers, mut last_errors) = (0.0, 0, 0);
    let (mut progress_t, mut progress_answers) = (0.0, 0);
    let mut server_exit = None;
    for _ in 0..secs {
        ticks.tick().await;
        let t = started.elapsed().as_secs_f64();
        let answers = load.answers();
        let errors: u64 = load.errors().values().sum();
        let sample = Sample {
            t: round(t, 3),
            rps: round((answers - last_answers) as f64 / (t - last_t), 1),
            rss_mib: rss_kib(pid, "VmRSS:").map(mib),
            anon_mib: rss_kib(pid, "RssAnon:").map(mib),
            errors: errors - last_errors,
        };
        if t - progress_t >= PROGRESS_SECS - 0.5 {
            println!(
                "t {:>5.0} s  {:>8.0} req/s (last {:.0} s)  RSS {:>6.1} MiB (anon {:>6.1})  errors {errors}",
                t,
                (answers - progress_answers) as f64 / (t - progress_t),
                t - progress_t,
                sample.rss_mib.unwrap_or(f64::NAN),
                sample.anon_mib.unwrap_or(f64::NAN),
            );
            (progress_t, progress_answers) = (t, answers);
        }
        samples.push(sample);
        (last_t, last_answers, last_errors) = (t, answers, errors);
        if let Some(status) = server.child.try_wait().expect("try_wait") {
            println!("soak: the server exited early at {t:.0} s: {status}");
            server_exit = Some(status);
            break;
        }
    }
    load.record(false);
    let seconds = started.elapsed().as_secs_f64();
    let (requests, errors) = (load.answers(), load.errors());
    Run {
        seconds,
        requests,
        errors,
        latencies_us: load.finish().await,
        samples,
        server_exit,
    }
}

/// The run's figures, as written to the JSON's `totals`.
#[derive(Debug, serde::Serialize)]
struct Totals {
    seconds: f64,
    requests: u64,
    requests_per_sec: f64,
    errors: u64,
    errors_by_code: BTreeMap<String, u64>,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    /// The server's VmHWM at the end.
    peak_rss_mib: Option<f64>,
    /// The first sample at or after the settle time.
    rss_mib_at_settle: Option<f64>,
    rss_mib_at_end: Option<f64>,
    /// Max minus min RSS over the samples after the settle time.
    rss_flatness_mib: Option<f64>,
    server_exit: Option<String>,
}

impl Totals {
    fn new(run: &Run, settle: f64, peak_rss_mib: Option<f64>) -> Totals {
        let ms = |us: u64| us as f64 / 1000.0;
        let settled: Vec<f64> = run
            .samples
            .iter()
            .filter(|s| s.t >= settle)
            .filter_map(|s| s.rss_mib)
            .collect();
        let flatness = settled
            .iter()
            .copied()
            .reduce(f64::max)
            .zip(settled.iter().copied().reduce(f64::min))
            .map(|(max, min)| round(max - min, 3));
        Totals {
            seconds: round(run.seconds, 3),
            requests: run.requests,
            requests_per_sec: round(run.requests as f64 / run.seconds, 1),
            errors: run.errors.values().sum(),
            errors_by_code: run.errors.clone(),
            p50_ms: ms(run.latencies_us.value_at_quantile(0.50)),
            p99_ms: ms(run.latencies_us.value_at_quantile(0.99)),
            max_ms: ms(run.latencies_us.max()),
            peak_rss_mib,
            rss_mib_at_settle: settled.first().copied(),
            rss_mib_at_end: run.samples.last().and_then(|s| s.rss_mib),
            rss_flatness_mib: flatness,
            server_exit: run.server_exit.map(|status| status.to_string()),
        }
    }

    fn print(&self, settle: u64) {
        let show = |v: Option<f64>| v.map_or_else(|| "-".to_owned(), |v| format!("{v:.1} MiB"));
        let errors = if self.errors_by_code.is_empty() {
            String::new()
        } else {
            format!(" {:?}", self.errors_by_code)
        };
        println!("{TARGET}: soak summary");
        println!("  {:<28} {:.0} s", "duration", self.seconds);
        println!("  {:<28} {}", "requests", self.requests);
        println!("  {:<28} {:.0}", "requests/s", self.requests_per_sec);
        println!(
            "  {:<28} p50 {:.2} ms, p99 {:.2} ms, max {:.1} ms",
            "latency", self.p50_ms, self.p99_ms, self.max_ms
        );
        println!("  {:<28} {}{errors}", "errors", self.errors);
        println!("  {:<28} {}", "peak RSS (VmHWM)", show(self.peak_rss_mib));
        println!(
            "  {:<28} {}",
            format!("RSS at {settle} s"),
            show(self.rss_mib_at_settle)
        );
        println!("  {:<28} {}", "RSS at the end", show(self.rss_mib_at_end));
        println!(
            "  {:<28} {}",
            format!("RSS max - min after {settle} s"),
            show(self.rss_flatness_mib)
        );
    }
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing: skip the long run there.
    if !std::env::args().any(|a| a == "--bench") {
        println!("soak: run with `cargo bench -p keyslot-server --bench soak` (scripts/soak.sh)");
        return;
    }
    let secs = env_or("SOAK_SECS", 900);
    let connections = env_or("SOAK_CONNECTIONS", 16);
    let settle = env_or("SOAK_SETTLE_SECS", NONCE_RETENTION_SECS as u64);
    println!("soak: {TARGET}, {connections} connections, {secs} s, RSS flatness after {settle} s");

    let dir = tempfile::tempdir().expect("tempdir");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let mut server = Server::start(&runtime, dir.path(), "soak", &[]);
    let run = runtime.block_on(soak(&mut server, secs, connections));
    let peak = rss_kib(server.child.id(), "VmHWM:").map(mib);
    stop(&mut server.child);

    let totals = Totals::new(&run, settle as f64, peak);
    totals.print(settle);
    let json = serde_json::json!({
        "settings": {
            "target": TARGET,
            "seconds": secs,
            "connections": connections,
            "settle_secs": settle,
            "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
        },
        "totals": totals,
        "samples": run.samples,
    });
    let path = common::results_path("server-soak.json");
    std::fs::write(&path, serde_json::to_string_pretty(&json).expect("json")).expect("write");
    println!("wrote {}", path.display());
    let svg = common::results_path("server-soak.svg");
    plot::svg(&svg, &run.samples, connections, settle as f64).expect("plot");
    println!("wrote {}", svg.display());
    if run.server_exit.is_some() {
        std::process::exit(1);
    }
}
