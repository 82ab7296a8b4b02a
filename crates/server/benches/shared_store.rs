//! The shared store's cost per check: `check_ip`, `check_nonce`, `check_key`
//! and `ping` of a `SharedStore` against a real `redis-server` this bench
//! starts on loopback, next to a raw Redis `PING` on a plain connection (the
//! floor: one round trip) in the same run.
//!
//! Each is timed over `SHARED_STORE_CALLS` calls (default 20,000) one after
//! another (median and p99 latency), then over as many calls from
//! `SHARED_STORE_CONCURRENCY` tasks at once (default 16; requests/s).
//!
//! `cargo bench -p keyslot-server --bench shared_store` prints a table and
//! writes `target/bench-results/shared-store.json`.

#[expect(dead_code, reason = "the bench only writes its results")]
mod common;
#[expect(dead_code, reason = "the bench only starts Redis")]
#[path = "../tests/server/redis.rs"]
mod redis_server;

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::env_or;
use hdrhistogram::Histogram;
use keyslot_server::Limits;
use keyslot_server::shared_store::{SharedStore, connect};

/// What one operation measured.
#[derive(Debug, serde::Serialize)]
struct Figures {
    operation: &'static str,
    sequential_p50_us: f64,
    sequential_p99_us: f64,
    concurrent_requests_per_sec: f64,
    concurrent_p50_us: f64,
    concurrent_p99_us: f64,
}

/// The operations measured: the raw `PING` baseline and the store's four calls.
#[derive(Clone, Copy)]
enum Operation {
    RawPing,
    Ping,
    CheckIp,
    CheckNonce,
    CheckKey,
}

impl Operation {
    const ALL: [Operation; 5] = [
        Operation::RawPing,
        Operation::Ping,
        Operation::CheckIp,
        Operation::CheckNonce,
        Operation::CheckKey,
    ];

    fn name(self) -> &'static str {
        match self {
            Operation::RawPing => "raw Redis PING (baseline)",
            Operation::Ping => "ping",
            Operation::CheckIp => "check_ip",
            Operation::CheckNonce => "check_nonce",
            Operation::CheckKey => "check_key",
        }
    }
}

/// A raw connection and a store on the same Redis.
struct Target {
    raw: redis::aio::MultiplexedConnection,
    store: SharedStore,
}

impl Target {
    /// One call of `operation`, which must succeed.
    async fn call(&self, operation: Operation) {
        let outcome = match operation {
            Operation::RawPing => {
                let mut raw = self.raw.clone();
                let pong: String = redis::cmd("PING")
                    .query_async(&mut raw)
                    .await
                    .expect("raw PING");
                assert_eq!(pong, "PONG");
                Ok(())
            }
            Operation::Ping => self.store.ping().await.map(drop),
            Operation::CheckIp => {
                let ip = IpAddr::V4(Ipv4Addr::from_bits(rand::random::<u32>() % 1024));
                self.store.check_ip(ip).await
            }
            Operation::CheckNonce => {
                let nonce = hex::encode(rand::random::<[u8; 16]>());
                self.store.check_nonce(&nonce).await
            }
            Operation::CheckKey => self.store.check_key("KS-BENCH-KEY").await,
        };
        outcome.unwrap_or_else(|refusal| panic!("{} refused: {refusal:?}", operation.name()));
    }
}

fn new_histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, 60_000_000_000, 3).expect("histogram")
}

/// `calls` calls of `operation`, each timed (ns).
async fn run(target: &Target, operation: Operation, calls: u64) -> Histogram<u64> {
    let mut histogram = new_histogram();
    for _ in 0..calls {
        let started = Instant::now();
        target.call(operation).await;
        histogram
            .record(started.elapsed().as_nanos() as u64)
            .expect("record");
    }
    histogram
}

fn us(histogram: &Histogram<u64>, quantile: f64) -> f64 {
    histogram.value_at_quantile(quantile) as f64 / 1000.0
}

/// `calls` calls of `operation` one after another, then from `tasks` tasks at once.
async fn measure(target: &Arc<Target>, operation: Operation, calls: u64, tasks: u64) -> Figures {
    run(target, operation, calls / 10).await;
    let sequential = run(target, operation, calls).await;

    let started = Instant::now();
    let workers: Vec<_> = (0..tasks)
        .map(|_| {
            let target = target.clone();
            tokio::spawn(async move { run(&target, operation, calls / tasks).await })
        })
        .collect();
    let mut concurrent = new_histogram();
    for worker in workers {
        concurrent
            .add(worker.await.expect("worker"))
            .expect("merge");
    }
    let seconds = started.elapsed().as_secs_f64();

    Figures {
        operation: operation.name(),
        sequential_p50_us: us(&sequential, 0.50),
        sequential_p99_us: us(&sequential, 0.99),
        concurrent_requests_per_sec: concurrent.len() as f64 / seconds,
        concurrent_p50_us: us(&concurrent, 0.50),
        concurrent_p99_us: us(&concurrent, 0.99),
    }
}

fn main() {
    let calls = env_or("SHARED_STORE_CALLS", 20_000);
    let tasks = env_or("SHARED_STORE_CONCURRENCY", 16);
    let redis = redis_server::Redis::start();
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let figures = runtime.block_on(async {
        // Rates that never trip: the bench measures the round trip, not refusals.
        let limits = Limits {
            key_rate: u32::MAX,
            ip_rate: u32::MAX,
            ..Limits::default()
        };
        let store = connect(&redis.url(), &limits, [7; 32])
            .await
            .expect("connects");
        let raw = redis::Client::open(redis.url())
            .expect("a URL")
            .get_multiplexed_async_connection()
            .await
            .expect("connects");
        let target = Arc::new(Target { raw, store });
        let mut figures = Vec::new();
        for operation in Operation::ALL {
            figures.push(measure(&target, operation, calls, tasks).await);
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        figures
    });

    println!(
        "{:<28} {:>10} {:>10} {:>12} {:>10} {:>10}",
        "operation",
        "p50 µs",
        "p99 µs",
        format!("{tasks}× req/s"),
        format!("{tasks}× p50"),
        format!("{tasks}× p99"),
    );
    for f in &figures {
        println!(
            "{:<28} {:>10.1} {:>10.1} {:>12.0} {:>10.1} {:>10.1}",
            f.operation,
            f.sequential_p50_us,
            f.sequential_p99_us,
            f.concurrent_requests_per_sec,
            f.concurrent_p50_us,
            f.concurrent_p99_us
        );
    }
    let version = std::process::Command::new("redis-server")
        .arg("--version")
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned())
        .unwrap_or_default();
    let json = serde_json::json!({
        "redis": version,
        "calls": calls,
        "concurrency": tasks,
        "operations": figures,
    });
    let path = common::results_path("shared-store.json");
    std::fs::write(&path, serde_json::to_string_pretty(&json).expect("json")).expect("writes");
    println!("wrote {}", path.display());
}
