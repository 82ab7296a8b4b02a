//! Replicas, as docs/deploy.md runs them: two `keyslot-server` processes on
//! one PostgreSQL database and one Redis, both started here (a throwaway
//! cluster and a `redis-server` on free ports).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use keyslot_protocol::paths;
use keyslot_server::Db;
use keyslot_server::db::Location;
use keyslot_server::store;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt as _, BufReader};

use crate::pg::Postgres;
use crate::redis::Redis;
use crate::support::{Reply, SECRET, Signed, activation, http, try_http};

const BIN: &str = env!("CARGO_BIN_EXE_keyslot-server");

/// A database and a Redis for replicas, and what they share besides.
struct Cluster {
    _pg: Postgres,
    redis: Redis,
    /// The database's URL.
    db: String,
    lease_key: PathBuf,
    dir: tempfile::TempDir,
}

impl Cluster {
    fn start(name: &str) -> Self {
        let pg = Postgres::start();
        let db = pg.create_database(name);
        let dir = tempfile::tempdir().expect("tempdir");
        let lease_key = dir.path().join("lease-key.pem");
        let made = std::process::Command::new("openssl")
            .args(["genpkey", "-algorithm", "ed25519", "-out"])
            .arg(&lease_key)
            .status()
            .expect("openssl runs");
        assert!(made.success(), "openssl made the lease key");
        Self {
            _pg: pg,
            redis: Redis::start(),
            db,
            lease_key,
            dir,
        }
    }

    /// `serve`'s flags for replica `n`, sharing the store, and `extra`.
    fn args(&self, n: usize, extra: &[&str]) -> Vec<String> {
        let log = self.dir.path().join(format!("requests-{n}.db"));
        let mut args: Vec<String> = vec![
            "serve".into(),
            "--addr".into(),
            "127.0.0.1:0".into(),
            "--db".into(),
            self.db.clone(),
            "--lease-key".into(),
            path(&self.lease_key),
            "--request-log".into(),
            path(&log),
        ];
        args.extend(extra.iter().map(|&a| a.to_owned()));
        args
    }

    /// Replica `n` with the shared store and `extra` flags.
    async fn replica(&self, n: usize, extra: &[&str]) -> Replica {
        let mut args = self.args(n, extra);
        args.extend(["--shared-store".to_owned(), self.redis.url()]);
        Replica::start(&args, &self.dir.path().join(format!("server-{n}.log")))
            .await
            .expect("the replica starts")
    }

    async fn db(&self) -> Db {
        Db::open(&Location::Postgres(self.db.clone()))
            .await
            .expect("the database opens")
    }

    async fn license(&self, seats: u32) -> String {
        let db = self.db().await;
        let key = keyslot_server::keys::generate();
        let key = store::create_license(&db, key, seats, None, 0)
            .await
            .expect("created");
        db.close().await;
        key
    }

    /// The live seats of `key`, as the database has them.
    async fn live_seats(&self, key: &str) -> Vec<keyslot_protocol::Device> {
        let db = self.db().await;
        let (_, devices) = store::show_license(&db, key).await.expect("shown");
        db.close().await;
        devices
    }
}

fn path(path: &Path) -> String {
    path.to_str().expect("a UTF-8 path").to_owned()
}

/// A `keyslot-server serve` process; killed on drop.
struct Replica {
    child: tokio::process::Child,
    addr: SocketAddr,
}

impl Replica {
    /// Starts the binary with `args` and waits until it listens; `Err` is
    /// what it said on standard error when it exits instead.
    async fn start(args: &[String], log: &Path) -> Result<Self, String> {
        let mut child = tokio::process::Command::new(BIN)
            .args(args)
            .env(
                "LICENSE_API_SECRET",
                std::str::from_utf8(SECRET).expect("text"),
            )
            .env_remove("KEYSLOT_DB")
            .env_remove("KEYSLOT_SHARED_STORE")
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(log).expect("log file"))
            .kill_on_drop(true)
            .spawn()
            .expect("spawns");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let line = tokio::time::timeout(Duration::from_secs(30), lines.next_line())
            .await
            .expect("starts or exits in time")
            .expect("reads");
        let Some(addr) = line
            .as_deref()
            .and_then(|l| l.strip_prefix("listening on http://"))
        else {
            let _ = child.wait().await;
            return Err(std::fs::read_to_string(log).unwrap_or_default());
        };
        Ok(Self {
            addr: addr.parse().expect("an address"),
            child,
        })
    }

    async fn post(&self, path: &str, body: &Value) -> Reply {
        http(self.addr, Signed::now(path, body, SECRET), Some(SECRET)).await
    }

    async fn healthz(&self) -> (u16, Value) {
        let (status, _, body) = crate::support::http_get(self.addr, "/healthz").await;
        (status, serde_json::from_slice(&body).expect("JSON"))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forty_activations_over_two_replicas_hold_a_three_seat_cap() {
    let cluster = Cluster::start("cap");
    let roomy = ["--key-rate", "100000", "--ip-rate", "100000"];
    let replicas = [
        cluster.replica(0, &roomy).await,
        cluster.replica(1, &roomy).await,
    ];
    // Three rounds, three licenses: without the row lock, two replicas
    // counting the same seats at once overshoot the cap in most runs.
    for _ in 0..3 {
        let key = cluster.license(3).await;
        let mut granted = activate_forty(&key, [replicas[0].addr, replicas[1].addr]).await;
        assert_eq!(granted.len(), 3, "exactly the cap was granted");
        let mut live: Vec<String> = cluster
            .live_seats(&key)
            .await
            .into_iter()
            .map(|d| d.id)
            .collect();
        live.sort();
        granted.sort();
        assert_eq!(live, granted, "the seats granted are the seats held");
        for replica in &replicas {
            let devices = replica
                .post(paths::DEVICES, &json!({"license_key": key}))
                .await
                .ok();
            assert_eq!(devices["license"]["used_activations"], 3);
        }
    }
}

/// Forty machines activate `key` at once, each at one of `addrs` in turn;
/// the ids of the seats granted (every other answer must be `1705`).
async fn activate_forty(key: &str, addrs: [SocketAddr; 2]) -> Vec<String> {
    let tasks: Vec<_> = (0..40u32)
        .map(|n| {
            let (key, addr) = (key.to_owned(), addrs[n as usize % 2]);
            tokio::spawn(async move {
                let signed = Signed::now(paths::ACTIVATE, &activation(&key, n), SECRET);
                http(addr, signed, Some(SECRET)).await
            })
        })
        .collect();
    let mut granted = Vec::new();
    for task in tasks {
        let reply = task.await.expect("task");
        if reply.status.as_u16() == 200 {
            let id = reply.ok()["activation"]["id"]
                .as_str()
                .expect("id")
                .to_owned();
            granted.push(id);
        } else {
            reply.error(1705);
        }
    }
    granted
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_nonce_used_at_one_replica_is_refused_at_the_other() {
    let cluster = Cluster::start("nonces");
    let [one, other] = [cluster.replica(0, &[]).await, cluster.replica(1, &[]).await];
    let key = cluster.license(3).await;

    let signed = Signed::now(paths::ACTIVATE, &activation(&key, 1), SECRET);
    http(one.addr, signed.clone(), Some(SECRET)).await.ok();
    let replayed = http(other.addr, signed, Some(SECRET)).await;
    let error = replayed.error(1700);
    assert!(
        error["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("nonce")),
        "{error}"
    );
    // A fresh request is still welcome there.
    other.post(paths::ACTIVATE, &activation(&key, 1)).await.ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_license_keys_budget_is_one_budget_across_replicas() {
    let cluster = Cluster::start("budget");
    let rates = ["--key-rate", "4", "--ip-rate", "1000"];
    let replicas = [
        cluster.replica(0, &rates).await,
        cluster.replica(1, &rates).await,
    ];
    let key = cluster.license(3).await;
    let devices = json!({"license_key": key});

    for n in 0..4 {
        replicas[n % 2].post(paths::DEVICES, &devices).await.ok();
    }
    for replica in &replicas {
        let limited = replica.post(paths::DEVICES, &devices).await;
        limited.error(1706);
        assert!(limited.retry_after() >= 1);
    }
    // Another key's budget is its own.
    let other = cluster.license(1).await;
    replicas[1]
        .post(paths::DEVICES, &json!({"license_key": other}))
        .await
        .ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_redis_every_replica_fails_closed_with_1711_then_resumes_by_itself() {
    let mut cluster = Cluster::start("redis_down");
    let replicas = [cluster.replica(0, &[]).await, cluster.replica(1, &[]).await];
    let key = cluster.license(3).await;
    replicas[0]
        .post(paths::ACTIVATE, &activation(&key, 1))
        .await
        .ok();
    let healthy = replicas[1].healthz().await;
    assert_eq!(
        healthy,
        (
            200,
            json!({"status": "ok", "database": "ok", "shared_store": "ok"})
        )
    );

    cluster.redis.stop();
    for replica in &replicas {
        let started = Instant::now();
        let refused = replica.post(paths::STATUS, &status(&key, 1)).await;
        refused.error(1711);
        assert!(refused.retry_after() >= 1);
        assert!(started.elapsed() < Duration::from_secs(2), "fails fast");
        let (code, health) = replica.healthz().await;
        assert_eq!(code, 503);
        assert_eq!(
            health,
            json!({"status": "unavailable", "database": "ok", "shared_store": "unavailable"})
        );
    }

    cluster.redis.start_again();
    for replica in &replicas {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let reply = replica.post(paths::STATUS, &status(&key, 1)).await;
            if reply.status.as_u16() == 200 {
                break;
            }
            reply.error(1711);
            assert!(
                Instant::now() < deadline,
                "service resumes without a restart"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        assert_eq!(replica.healthz().await.0, 200);
    }
}

fn status(key: &str, n: u32) -> Value {
    json!({"license_key": key, "fingerprint": crate::support::fingerprint(n)})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replica_killed_mid_load_loses_no_committed_activation_and_counts_no_seat_twice() {
    let cluster = Cluster::start("killed");
    let roomy = ["--key-rate", "100000", "--ip-rate", "100000"];
    let survivor = cluster.replica(0, &roomy).await;
    let mut doomed = cluster.replica(1, &roomy).await;
    let key = cluster.license(100).await;
    const MACHINES: u32 = 60;

    let addrs = [survivor.addr, doomed.addr];
    let tasks: Vec<_> = (0..MACHINES)
        .map(|n| {
            let (key, addr) = (key.clone(), addrs[n as usize % 2]);
            tokio::spawn(async move {
                // Spread over time, so the kill lands while requests are in flight.
                tokio::time::sleep(Duration::from_millis(u64::from(n) * 5)).await;
                let signed = Signed::now(paths::ACTIVATE, &activation(&key, n), SECRET);
                (n, try_http(addr, signed, Some(SECRET)).await)
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(120)).await;
    doomed.child.start_kill().expect("killed");
    let _ = doomed.child.wait().await;

    let mut committed = Vec::new();
    let mut unanswered = Vec::new();
    for task in tasks {
        match task.await.expect("task") {
            (n, Ok(reply)) if reply.status.as_u16() == 200 => {
                committed.push((
                    n,
                    reply.ok()["activation"]["id"]
                        .as_str()
                        .expect("id")
                        .to_owned(),
                ));
            }
            (n, Ok(reply)) => panic!("machine {n}: {} {:?}", reply.status, reply.json()),
            (n, Err(_)) => unanswered.push(n),
        }
    }
    assert!(!unanswered.is_empty(), "the kill landed mid-load");
    assert!(!committed.is_empty());

    let live = cluster.live_seats(&key).await;
    for (n, id) in &committed {
        assert!(
            live.iter().any(|d| &d.id == id),
            "machine {n}'s answered seat is kept"
        );
    }
    // A request cut by the kill committed or did not; sent again to the
    // survivor, it finds its seat or takes one, never a second.
    for n in unanswered {
        survivor
            .post(paths::ACTIVATE, &activation(&key, n))
            .await
            .ok();
    }
    let live = cluster.live_seats(&key).await;
    assert_eq!(live.len(), MACHINES as usize, "one seat per machine");
    let mut machines: Vec<&str> = live.iter().map(|d| d.fingerprint.as_str()).collect();
    machines.sort_unstable();
    machines.dedup();
    assert_eq!(machines.len(), MACHINES as usize, "no machine holds two");
    let devices = survivor
        .post(paths::DEVICES, &json!({"license_key": key}))
        .await
        .ok();
    assert_eq!(devices["license"]["used_activations"], MACHINES);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_shared_store_postgres_gets_one_server_and_a_lease_key_is_required() {
    let cluster = Cluster::start("alone");
    let log = |n: &str| cluster.dir.path().join(format!("server-{n}.log"));
    let first = Replica::start(&cluster.args(0, &[]), &log("first"))
        .await
        .expect("the first server starts");
    let refused = Replica::start(&cluster.args(1, &[]), &log("second"))
        .await
        .err()
        .expect("a second server without a shared store is refused");
    assert!(
        refused.contains("another keyslot-server is already serving"),
        "{refused}"
    );
    let mut sharing = cluster.args(2, &[]);
    sharing.extend(["--shared-store".to_owned(), cluster.redis.url()]);
    let refused = Replica::start(&sharing, &log("sharing"))
        .await
        .err()
        .expect("a server sharing a store is refused beside one that does not");
    assert!(
        refused.contains("without --shared-store is serving"),
        "{refused}"
    );
    drop(first);

    // Servers sharing a store serve together, and keep one without out.
    let _one = wait_for_start(&sharing, &log("sharing-1")).await;
    let _two = cluster.replica(3, &[]).await;
    let refused = Replica::start(&cluster.args(4, &[]), &log("alone-again"))
        .await
        .err()
        .expect("a server without a shared store is refused beside sharing ones");
    assert!(
        refused.contains("another keyslot-server is already serving"),
        "{refused}"
    );

    let without_key: Vec<String> = cluster
        .args(5, &[])
        .into_iter()
        .filter(|a| !a.ends_with("lease-key.pem") && a != "--lease-key")
        .collect();
    let refused = Replica::start(&without_key, &log("keyless"))
        .await
        .err()
        .expect("PostgreSQL without --lease-key is refused");
    assert!(refused.contains("give --lease-key PATH"), "{refused}");
}

/// Starts a server with `args`, retrying while a killed server's
/// PostgreSQL session (and its advisory lock) is still going away.
async fn wait_for_start(args: &[String], log: &Path) -> Replica {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match Replica::start(args, log).await {
            Ok(replica) => return replica,
            Err(why) => {
                assert!(Instant::now() < deadline, "{why}");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn servers_sharing_a_store_serve_one_sqlite_file_together_and_keep_a_lone_one_out() {
    use keyslot_server::lease::LeaseOptions;
    use keyslot_server::serve::{Backing, Server};

    let redis = Redis::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let db = Location::sqlite(dir.path().join("licenses.db"));
    let backing = Backing {
        shared_store: Some(redis.url()),
    };
    let start = |backing: Backing| {
        let db = db.clone();
        async move {
            let addr = "127.0.0.1:0".parse().expect("addr");
            let secret = keyslot_server::Secret::new(SECRET);
            let leases = LeaseOptions::default();
            let limits = crate::support::roomy();
            Server::open_with(addr, &db, secret, limits, Some(&leases), &backing).await
        }
    };
    let one = start(backing.clone()).await.expect("the first starts");
    let two = start(backing.clone())
        .await
        .expect("the second starts beside it");
    let alone = start(Backing::default())
        .await
        .expect_err("a server with a cache of its own is refused");
    assert!(
        alone
            .to_string()
            .contains("another keyslot-server is already serving"),
        "{alone}"
    );
    // A nonce used at one is refused at the other, on one file too.
    let key = {
        let admin = Db::open(&db).await.expect("db");
        let key = store::create_license(&admin, keyslot_server::keys::generate(), 2, None, 0)
            .await
            .expect("created");
        admin.close().await;
        key
    };
    let signed = Signed::now(paths::ACTIVATE, &activation(&key, 1), SECRET);
    http(one.addr, signed.clone(), Some(SECRET)).await.ok();
    http(two.addr, signed, Some(SECRET)).await.error(1700);
    one.stop().await.expect("stops");
    two.stop().await.expect("stops");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_machine_at_both_replicas_at_once_takes_one_seat_and_a_budget_of_one_frees_one() {
    let cluster = Cluster::start("same_machine");
    let flags = [
        "--key-rate",
        "100000",
        "--ip-rate",
        "100000",
        "--deactivation-budget",
        "1",
    ];
    let replicas = [
        cluster.replica(0, &flags).await,
        cluster.replica(1, &flags).await,
    ];
    let addrs = [replicas[0].addr, replicas[1].addr];
    let key = cluster.license(5).await;
    let send = |path: &'static str, body: Value, n: usize| {
        let addr = addrs[n % 2];
        tokio::spawn(
            async move { http(addr, Signed::now(path, &body, SECRET), Some(SECRET)).await },
        )
    };

    let same: Vec<_> = (0..10)
        .map(|n| send(paths::ACTIVATE, activation(&key, 1), n))
        .collect();
    let mut ids = Vec::new();
    for task in same {
        ids.push(task.await.expect("task").ok()["activation"]["id"].clone());
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "one seat for one machine: {ids:?}");

    let mut seats = Vec::new();
    for n in 2..=4 {
        let seat = replicas[0]
            .post(paths::ACTIVATE, &activation(&key, n))
            .await
            .ok();
        seats.push(seat["activation"]["id"].as_str().expect("id").to_owned());
    }
    let frees: Vec<_> = seats
        .iter()
        .enumerate()
        .map(|(n, id)| {
            send(
                paths::DEACTIVATE,
                json!({"license_key": key, "activation_id": id}),
                n,
            )
        })
        .collect();
    let mut freed = 0;
    for task in frees {
        let reply = task.await.expect("task");
        if reply.status.as_u16() == 200 {
            freed += 1;
        } else {
            reply.error(1710);
        }
    }
    assert_eq!(freed, 1, "a budget of one frees one seat");
    assert_eq!(cluster.live_seats(&key).await.len(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_serve_lock_whose_session_ends_is_taken_again() {
    let cluster = Cluster::start("lock_session");
    let log = |n: &str| cluster.dir.path().join(format!("server-{n}.log"));
    let _first = Replica::start(&cluster.args(0, &[]), &log("first"))
        .await
        .expect("the first server starts");
    // The database ends the session that holds the lock (a restart, a
    // dropped connection would too).
    let db = cluster.db().await;
    let Db::Postgres(pg) = &db else {
        panic!("PostgreSQL")
    };
    let ended: Vec<bool> = sqlx::query_scalar(
        "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'",
    )
    .fetch_all(&pg.pool)
    .await
    .expect("terminated");
    assert_eq!(ended, [true], "one session held the lock");
    // Within the maintenance task's second the lock is held again.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        tokio::time::sleep(Duration::from_millis(200)).await;
        let held: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted",
        )
        .fetch_one(&pg.pool)
        .await
        .expect("counted");
        if held == 1 {
            break;
        }
        assert!(Instant::now() < deadline, "the lock was not taken again");
    }
    db.close().await;
    let refused = Replica::start(&cluster.args(1, &[]), &log("second"))
        .await
        .err()
        .expect("a second server is still refused");
    assert!(
        refused.contains("another keyslot-server is already serving"),
        "{refused}"
    );
}
