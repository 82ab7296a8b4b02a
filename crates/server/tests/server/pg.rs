//! A throwaway PostgreSQL cluster for tests: `initdb` into a temp dir, one
//! `postgres` on a free 127.0.0.1 port, stopped and removed on drop. Under
//! root it runs as the `postgres` user, since PostgreSQL refuses root.

use std::ffi::OsStr;
use std::fs::File;
use std::net::TcpListener;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// The superuser `initdb` creates; every URL connects as it (trust auth).
const USER: &str = "keyslot";
/// How many free ports to try when another process takes one first.
const PORT_ATTEMPTS: u32 = 5;
const READY_WITHIN: Duration = Duration::from_secs(30);
const STOP_WITHIN: Duration = Duration::from_secs(15);

pub(crate) struct Postgres {
    bin: PathBuf,
    port: u16,
    server: Child,
    /// Holds the data dir, the unix socket and the server log; removed
    /// after the server has stopped (fields drop in order, `Drop` first).
    dir: TempDir,
}

impl Postgres {
    /// A new cluster, accepting connections.
    pub(crate) fn start() -> Self {
        let bin = bin_dir();
        let dir = tempfile::Builder::new()
            .prefix("keyslot-pg-")
            .tempdir()
            .expect("tempdir");
        // A new dir belongs to the effective user: root means postgres must
        // run as someone else, and own its files.
        let as_root = dir.path().metadata().expect("tempdir metadata").uid() == 0;
        if as_root {
            run(Command::new("chown").arg("postgres:").arg(dir.path()));
        }
        let data = dir.path().join("data");
        run(as_cluster_user(as_root, bin.join("initdb"))
            .arg("-D")
            .arg(&data)
            .args([
                "-A",
                "trust",
                "-U",
                USER,
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ]));
        let log = dir.path().join("postgres.log");
        for _ in 0..PORT_ATTEMPTS {
            let port = free_port();
            let mut server = as_cluster_user(as_root, bin.join("postgres"))
                .arg("-D")
                .arg(&data)
                .arg("-k")
                .arg(dir.path())
                .args(["-h", "127.0.0.1", "-p", &port.to_string()])
                .args(["-c", "fsync=off", "-c", "synchronous_commit=off"])
                .args(["-c", "full_page_writes=off", "-c", "max_connections=200"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(File::create(&log).expect("server log"))
                .spawn()
                .expect("postgres starts");
            if wait_ready(&bin, port, &mut server) {
                return Self {
                    bin,
                    port,
                    server,
                    dir,
                };
            }
            let said = std::fs::read_to_string(&log).unwrap_or_default();
            // The port may have been taken between our probe and its bind.
            assert!(
                said.contains("could not bind") || said.contains("could not create any TCP/IP"),
                "postgres did not start:\n{said}"
            );
        }
        panic!("postgres found no free port in {PORT_ATTEMPTS} attempts");
    }

    /// The server's URL without a database: `postgres://keyslot@127.0.0.1:PORT/`.
    pub(crate) fn url(&self) -> String {
        format!("postgres://{USER}@127.0.0.1:{}/", self.port)
    }

    /// Creates the empty database `name` (lower case letters, digits, `_`)
    /// and answers its URL.
    pub(crate) fn create_database(&self, name: &str) -> String {
        assert!(
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "database name {name:?}"
        );
        run(self.client("createdb").arg(name));
        format!("{}{name}", self.url())
    }

    /// `program` from the cluster's bin dir, pointed at this server.
    fn client(&self, program: &str) -> Command {
        let mut cmd = Command::new(self.bin.join(program));
        cmd.args(["-h", "127.0.0.1", "-p", &self.port.to_string(), "-U", USER]);
        cmd
    }
}

impl Drop for Postgres {
    /// Fast shutdown (SIGINT): roll back open transactions, close clients, stop.
    fn drop(&mut self) {
        if self.server.try_wait().ok().flatten().is_some() {
            return;
        }
        let _ = Command::new("kill")
            .args(["-s", "INT", &self.server.id().to_string()])
            .status();
        let deadline = Instant::now() + STOP_WITHIN;
        while Instant::now() < deadline {
            if self.server.try_wait().ok().flatten().is_some() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

/// Whether `server` accepts connections within [`READY_WITHIN`]; false
/// when it exited first. Kills it and panics when it hangs.
fn wait_ready(bin: &Path, port: u16, server: &mut Child) -> bool {
    let deadline = Instant::now() + READY_WITHIN;
    loop {
        if server.try_wait().expect("postgres status").is_some() {
            return false;
        }
        let probe = Command::new(bin.join("pg_isready"))
            .args(["-q", "-h", "127.0.0.1", "-p", &port.to_string()])
            .args(["-U", USER, "-d", "postgres"])
            .status()
            .expect("pg_isready runs");
        if probe.success() {
            return true;
        }
        if Instant::now() > deadline {
            let _ = server.kill();
            let _ = server.wait();
            panic!("postgres not ready within {READY_WITHIN:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The dir with `initdb` and `postgres`: `pg_config --bindir`, else the
/// newest /usr/lib/postgresql/*/bin (Debian's layout).
fn bin_dir() -> PathBuf {
    let from_pg_config = Command::new("pg_config")
        .arg("--bindir")
        .output()
        .ok()
        .filter(|out| out.status.success())
        .map(|out| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()));
    let mut debian: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse().ok()?;
            Some((version, entry.path().join("bin")))
        })
        .collect();
    debian.sort_by_key(|&(version, _)| std::cmp::Reverse(version));
    from_pg_config
        .into_iter()
        .chain(debian.into_iter().map(|(_, dir)| dir))
        .find(|dir| dir.join("initdb").is_file() && dir.join("postgres").is_file())
        .expect("PostgreSQL's initdb and postgres (Debian: apt-get install postgresql)")
}

/// `program`, as the `postgres` user when we are root.
fn as_cluster_user(as_root: bool, program: impl AsRef<OsStr>) -> Command {
    if !as_root {
        return Command::new(program);
    }
    let mut cmd = Command::new("setpriv");
    cmd.args([
        "--reuid=postgres",
        "--regid=postgres",
        "--clear-groups",
        "--",
    ])
    .arg(program);
    cmd
}

/// A port nobody listens on right now.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// Runs `cmd` to completion; panics with its output when it fails.
fn run(cmd: &mut Command) {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "{cmd:?}: {}\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_throwaway_cluster_serves_separate_databases_and_is_gone_after_drop() {
    use sqlx::Connection;
    use sqlx::postgres::{PgConnection, PgPool};

    let pg = Postgres::start();
    let one = pg.create_database("one");
    let two = pg.create_database("two");
    assert_eq!(one, format!("{}one", pg.url()));

    let pool = PgPool::connect(&one).await.expect("connects to one");
    sqlx::query("CREATE TABLE marker (n INTEGER)")
        .execute(&pool)
        .await
        .expect("table created");
    let (db, user): (String, String) = sqlx::query_as("SELECT current_database(), current_user")
        .fetch_one(&pool)
        .await
        .expect("select");
    assert_eq!((db.as_str(), user.as_str()), ("one", "keyslot"));
    pool.close().await;

    let pool = PgPool::connect(&two).await.expect("connects to two");
    let tables: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'marker'",
    )
    .fetch_one(&pool)
    .await
    .expect("count");
    assert_eq!(tables, 0, "a database of its own");
    pool.close().await;

    let dir = pg.dir.path().to_owned();
    let url = pg.url();
    drop(pg);
    assert!(!dir.exists(), "{} removed", dir.display());
    let gone = PgConnection::connect(&format!("{url}one")).await;
    assert!(gone.is_err(), "the server stopped");
}
