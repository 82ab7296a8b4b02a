//! Replicas under load: signed `/status` calls against `keyslot-server` on
//! PostgreSQL with Redis as the shared store, as one server and as two
//! (the load split evenly between them), beside one server on SQLite and
//! a bare axum handler, all in the same run. PostgreSQL (a throwaway
//! cluster without fsync: `/status` only reads) and Redis run on this
//! machine too, as does the load generator: every figure shares the same
//! cores, so a second replica adds no CPU; what it shows is the cost of
//! the shared parts.
//!
//! `cargo bench -p keyslot-server --bench replicas` prints a table and writes
//! `target/bench-results/server-replicas.json`. Settings via env as in the
//! `load` bench: `LOAD_SECS` (default 10), `LOAD_CONNECTIONS` (default 16,
//! split between the servers), `LOAD_WARMUP_SECS` (default 2),
//! `LOAD_ROUNDS` (default 2).

#[path = "common/bare.rs"]
mod bare;
mod common;
// The test harnesses' throwaway PostgreSQL cluster and redis-server; the
// bench uses only part of each.
#[allow(dead_code)]
#[path = "../tests/server/pg.rs"]
mod pg;
#[allow(dead_code)]
#[path = "../tests/server/redis.rs"]
mod redis;

use std::net::SocketAddr;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{Load, Server, create_license, env_or, rss_kib, stop};

/// What one run measured.
#[derive(Debug, Clone, serde::Serialize)]
struct Figures {
    target: &'static str,
    servers: usize,
    connections: u64,
    seconds: f64,
    requests: u64,
    errors: u64,
    requests_per_sec: f64,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    /// The servers' peak resident memory, summed (MiB).
    servers_vm_hwm_mib: f64,
}

/// Warms up, then measures the closed-loop load, its connections spread
/// evenly over `addrs`.
async fn generate(target: &'static str, addrs: &[SocketAddr], body: &[u8]) -> Figures {
    let connections = env_or("LOAD_CONNECTIONS", 16);
    let warmup = Duration::from_secs(env_or("LOAD_WARMUP_SECS", 2));
    let measure = Duration::from_secs(env_or("LOAD_SECS", 10));
    let share = (connections / addrs.len() as u64).max(1);
    let loads: Vec<Load> = addrs
        .iter()
        .map(|addr| Load::start(*addr, body.to_vec(), share))
        .collect();
    tokio::time::sleep(warmup).await;
    loads.iter().for_each(|load| load.record(true));
    let started = Instant::now();
    tokio::time::sleep(measure).await;
    loads.iter().for_each(|load| load.record(false));
    let seconds = started.elapsed().as_secs_f64();
    let requests = loads.iter().map(Load::answers).sum();
    let errors = loads
        .iter()
        .map(|load| load.errors().values().sum::<u64>())
        .sum();
    let mut all: Option<hdrhistogram::Histogram<u64>> = None;
    for load in loads {
        let histogram = load.finish().await;
        all = Some(match all {
            None => histogram,
            Some(mut all) => {
                all.add(histogram).expect("merge");
                all
            }
        });
    }
    let all = all.expect("a load");
    let ms = |q: f64| all.value_at_quantile(q) as f64 / 1000.0;
    Figures {
        target,
        servers: addrs.len(),
        connections: share * addrs.len() as u64,
        seconds,
        requests,
        errors,
        requests_per_sec: requests as f64 / seconds,
        p50_ms: ms(0.50),
        p99_ms: ms(0.99),
        max_ms: all.max() as f64 / 1000.0,
        servers_vm_hwm_mib: 0.0,
    }
}

/// The shared parts: one PostgreSQL cluster, one Redis, one lease key.
struct Shared {
    pg: pg::Postgres,
    redis: redis::Redis,
    lease_key: String,
}

/// The ways of serving measured, the reference (SQLite) first.
const TARGETS: [&str; 3] = [
    "SQLite, one server",
    "PostgreSQL + Redis, one server",
    "PostgreSQL + Redis, two servers",
];

/// One measured run of target `which` on fresh data named `name`.
fn measure(
    runtime: &tokio::runtime::Runtime,
    dir: &Path,
    shared: &Shared,
    which: usize,
    name: &str,
) -> Figures {
    let mut servers = if which == 0 {
        vec![Server::start(runtime, dir, name, &[])]
    } else {
        let db = shared.pg.create_database(name);
        let key = create_license(&db);
        let servers: Vec<Server> = (0..which)
            .map(|n| {
                let log = dir.join(format!("{name}-{n}.requests"));
                let flags = [
                    "--shared-store",
                    &shared.redis.url(),
                    "--lease-key",
                    &shared.lease_key,
                    "--request-log",
                    log.to_str().expect("a UTF-8 path"),
                ]
                .map(str::to_owned);
                let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
                Server::serve(&db, &key, &dir.join(format!("{name}-{n}.log")), &flags)
            })
            .collect();
        servers[0].activate(runtime, &key, true);
        servers
    };
    let body = servers[0].status_body.clone();
    let addrs: Vec<SocketAddr> = servers.iter().map(|s| s.addr).collect();
    let mut figures = runtime.block_on(generate(TARGETS[which], &addrs, &body));
    for server in &mut servers {
        let hwm = rss_kib(server.child.id(), "VmHWM:").unwrap_or(0);
        figures.servers_vm_hwm_mib += hwm as f64 / 1024.0;
        stop(&mut server.child);
    }
    figures
}

/// The mean of several runs of one target.
fn mean(runs: &[Figures]) -> Figures {
    let n = runs.len() as f64;
    let avg = |f: fn(&Figures) -> f64| runs.iter().map(f).sum::<f64>() / n;
    Figures {
        seconds: runs.iter().map(|r| r.seconds).sum(),
        requests: runs.iter().map(|r| r.requests).sum(),
        errors: runs.iter().map(|r| r.errors).sum(),
        requests_per_sec: avg(|r| r.requests_per_sec),
        p50_ms: avg(|r| r.p50_ms),
        p99_ms: avg(|r| r.p99_ms),
        max_ms: runs.iter().map(|r| r.max_ms).fold(0.0, f64::max),
        servers_vm_hwm_mib: runs
            .iter()
            .map(|r| r.servers_vm_hwm_mib)
            .fold(0.0, f64::max),
        ..runs[0].clone()
    }
}

fn main() {
    if std::env::args().any(|a| a == bare::FLAG) {
        return bare::serve();
    }
    if !std::env::args().any(|a| a == "--bench") {
        println!("replicas: run with `cargo bench -p keyslot-server --bench replicas`");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let lease_key = dir.path().join("lease-key.pem");
    let made = Command::new("openssl")
        .args(["genpkey", "-algorithm", "ed25519", "-out"])
        .arg(&lease_key)
        .status()
        .expect("openssl runs");
    assert!(made.success(), "openssl made the lease key");
    let shared = Shared {
        pg: pg::Postgres::start(),
        redis: redis::Redis::start(),
        lease_key: lease_key.to_str().expect("a UTF-8 path").to_owned(),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let rounds = env_or("LOAD_ROUNDS", 2).max(1) as usize;
    let mut runs: [Vec<Figures>; 3] = Default::default();
    for round in 0..rounds {
        // Rotate the order, so none always runs on a warmer machine.
        for turn in 0..TARGETS.len() {
            let which = (round + turn) % TARGETS.len();
            let name = format!("replicas_{round}_{which}");
            let figures = measure(&runtime, dir.path(), &shared, which, &name);
            println!(
                "round {round}: {:<36} {:>8.0} req/s, p99 {:.2} ms, errors {}",
                figures.target, figures.requests_per_sec, figures.p99_ms, figures.errors
            );
            runs[which].push(figures);
        }
    }
    let [sqlite, one, two] = [&runs[0], &runs[1], &runs[2]].map(|r| mean(r));

    let (mut bare_child, bare_addr) = bare::spawn();
    let baseline = runtime.block_on(generate("bare axum handler", &[bare_addr], b"{}"));
    stop(&mut bare_child);

    println!(
        "{:<36} {:>7} {:>6} {:>10} {:>8} {:>8} {:>8} {:>8}",
        "target (mean of rounds)",
        "servers",
        "conns",
        "req/s",
        "p50 ms",
        "p99 ms",
        "max ms",
        "HWM MiB"
    );
    for f in [&sqlite, &one, &two, &baseline] {
        println!(
            "{:<36} {:>7} {:>6} {:>10.0} {:>8.2} {:>8.2} {:>8.2} {:>8.1}",
            f.target,
            f.servers,
            f.connections,
            f.requests_per_sec,
            f.p50_ms,
            f.p99_ms,
            f.max_ms,
            f.servers_vm_hwm_mib
        );
    }
    let of_sqlite = |f: &Figures| f.requests_per_sec / sqlite.requests_per_sec;
    println!(
        "PostgreSQL + Redis / SQLite: one server {:.2}, two {:.2}; errors {} / {} / {}",
        of_sqlite(&one),
        of_sqlite(&two),
        sqlite.errors,
        one.errors,
        two.errors
    );

    let path = common::results_path("server-replicas.json");
    let json = serde_json::json!({
        "sqlite": sqlite,
        "postgres_redis_one": one,
        "postgres_redis_two": two,
        "bare": baseline,
        "rounds": {"sqlite": runs[0], "postgres_redis_one": runs[1], "postgres_redis_two": runs[2]},
        "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
    });
    std::fs::write(&path, serde_json::to_string_pretty(&json).expect("json")).expect("write");
    println!("wrote {}", path.display());
}
