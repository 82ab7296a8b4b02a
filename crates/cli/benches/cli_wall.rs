//! Start-up probe: wall time of `keyslot --version` (a process start: the
//! floor), `keyslot check` (the lease alone: no network, no keychain) and
//! `keyslot status` (keychain read, fingerprint, one signed call to the
//! reference server on loopback), run in turn in the same loop, with the
//! real keychain in a private session.
//!
//! `cargo bench -p keyslot-cli --bench cli_wall` prints the figures and
//! writes `target/bench-results/keyslot-wall.json`. `WALL_RUNS` sets the
//! number of timed runs of each (default 30).

#[path = "../tests/cli/keychain.rs"]
#[allow(dead_code, reason = "shared with the tests, which use all of it")]
mod keychain;

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use keyslot_server::serve::Server;
use keyslot_server::{Limits, Secret};

const BIN: &str = env!("CARGO_BIN_EXE_keyslot");
const SECRET: &str = "status-probe-secret";

fn results_path() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../target")));
    target.join("bench-results").join("keyslot-wall.json")
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        println!("cli_wall: run with `cargo bench -p keyslot-cli --bench cli_wall`");
        return;
    }
    let runs: usize = std::env::var("WALL_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let dir = tempfile::tempdir().expect("tempdir");
    let (server, key) = runtime.block_on(async {
        let limits = Limits {
            key_rate: 100_000,
            ip_rate: 100_000,
            ..Limits::default()
        };
        let addr = "127.0.0.1:0".parse().expect("addr");
        let server = Server::open(
            addr,
            &dir.path().join("licenses.db"),
            Secret::new(SECRET),
            limits,
        )
        .await
        .expect("serves");
        let key = keyslot_server::store::create_license(
            server.db(),
            keyslot_server::keys::generate(),
            3,
            None,
            0,
        )
        .await
        .expect("license");
        (server, key)
    });
    let session = keychain::Session::start();
    let data = tempfile::tempdir().expect("tempdir");
    let keyslot = |args: &[&str]| {
        Command::new(BIN)
            .args(args)
            .envs(session.env())
            .env("KEYSLOT_SERVER", format!("http://{}", server.addr))
            .env("KEYSLOT_API_SECRET", SECRET)
            .env("KEYSLOT_DATA_DIR", data.path())
            .output()
            .expect("runs")
    };
    assert!(keyslot(&["activate", &key]).status.success(), "activates");

    let commands: [&[&str]; 3] = [&["--version"], &["check"], &["status"]];
    let mut millis: [Vec<f64>; 3] = Default::default();
    for round in 0..runs + 3 {
        for (n, args) in commands.iter().enumerate() {
            let started = Instant::now();
            let output = keyslot(args);
            let took = started.elapsed().as_secs_f64() * 1000.0;
            assert!(
                output.status.success(),
                "{args:?}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            if round >= 3 {
                millis[n].push(took); // after warming the page cache
            }
        }
    }
    let figures_of = |mut millis: Vec<f64>| {
        millis.sort_by(f64::total_cmp);
        let at = |q: f64| millis[((millis.len() - 1) as f64 * q).round() as usize];
        serde_json::json!({
            "min_ms": millis[0],
            "median_ms": at(0.5),
            "p95_ms": at(0.95),
            "max_ms": millis[millis.len() - 1],
        })
    };
    let [version, check, status] = millis;
    let figures = serde_json::json!({
        "runs": runs,
        "version": figures_of(version),
        "check": figures_of(check),
        "status": figures_of(status),
    });
    println!("keyslot wall times over {runs} runs each: {figures}");
    let path = results_path();
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(&path, serde_json::to_string_pretty(&figures).expect("json")).expect("write");
    println!("wrote {}", path.display());
    runtime.block_on(server.stop()).expect("stops");
}
