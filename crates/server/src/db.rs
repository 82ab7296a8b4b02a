//! The SQLite database: one writer connection, a few readers, WAL mode; and
//! beside it, the request log's own file (`DB_FILE.requests`).
//!
//! Writes go through a pool of exactly one connection, so write transactions
//! queue in the process instead of fighting over SQLite's lock; readers run in
//! parallel thanks to WAL. Other processes (the admin commands) share the file
//! and wait on `busy_timeout`. The request log is a file of its own, so its
//! writes never queue a license call's, a year of it never slows a backup of
//! the licenses, and it can be deleted without touching them.
//!
//! The files hold license keys and client addresses, so they are created
//! readable by their owner only (0600); SQLite gives their `-wal` and `-shm`
//! files the same mode.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

/// How long a statement waits for another process's write lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// The request log's page cache, in KiB (SQLite's default is 2,000): it is
/// appended to and rarely read, so little of it is worth keeping.
const REQUEST_LOG_CACHE_KIB: u32 = 256;

/// Handle to the database; cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    /// The single writer.
    pub write: SqlitePool,
    /// Read-only connections.
    pub read: SqlitePool,
    /// The request log's file: one connection, for its writes and reads.
    pub requests: SqlitePool,
}

impl Db {
    /// Opens (creating if needed, with mode 0600) the database at `path` and
    /// its request log, and runs the migrations.
    pub async fn open(path: &Path) -> anyhow::Result<Self> {
        crate::private_file::open_or_create(path)?;
        Self::connect(path).await
    }

    /// Opens the database at `path`, which must exist, and its request log
    /// (created if missing), and runs the migrations.
    pub async fn open_existing(path: &Path) -> anyhow::Result<Self> {
        anyhow::ensure!(path.is_file(), "no database at {}", path.display());
        Self::connect(path).await
    }

    async fn connect(path: &Path) -> anyhow::Result<Self> {
        let write = pool(options(path, "database")?, 1).await?;
        sqlx::migrate!("./migrations").run(&write).await?;
        let read = pool(options(path, "database")?.read_only(true), 4).await?;
        let log = beside(path, ".requests");
        crate::private_file::open_or_create(&log)?;
        let cache = format!("-{REQUEST_LOG_CACHE_KIB}");
        let requests = pool(options(&log, "request log")?.pragma("cache_size", cache), 1).await?;
        sqlx::migrate!("./migrations-request-log")
            .run(&requests)
            .await?;
        Ok(Self {
            write,
            read,
            requests,
        })
    }

    /// Closes every connection, checkpointing the WALs.
    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
        self.requests.close().await;
    }
}

/// The options of a connection to the existing SQLite file at `path`
/// (`what`, for a warning if others may read it).
fn options(path: &Path, what: &str) -> anyhow::Result<SqliteConnectOptions> {
    crate::private_file::warn_if_open_to_others(path, what);
    Ok(SqliteConnectOptions::from_str("sqlite:")?
        .filename(path)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(BUSY_TIMEOUT)
        .foreign_keys(true))
}

/// A pool of at most `connections` with these `options`.
async fn pool(options: SqliteConnectOptions, connections: u32) -> anyhow::Result<SqlitePool> {
    Ok(SqlitePoolOptions::new()
        .max_connections(connections)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await?)
}

/// `DB_FILE` + `suffix`: a file of the database at `db`, beside it.
pub fn beside(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.file_name().map(ToOwned::to_owned).unwrap_or_default();
    name.push(suffix);
    db.with_file_name(name)
}
