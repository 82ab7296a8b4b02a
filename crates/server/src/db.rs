//! The SQLite database: one writer connection, a few readers, WAL mode.
//!
//! Writes go through a pool of exactly one connection, so write transactions
//! queue in the process instead of fighting over SQLite's lock; readers run in
//! parallel thanks to WAL. Other processes (the admin commands) share the file
//! and wait on `busy_timeout`.
//!
//! The file holds license keys, so it is created readable by its owner only
//! (0600); SQLite gives its `-wal` and `-shm` files the database's mode.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

/// How long a statement waits for another process's write lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Handle to the database; cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    /// The single writer.
    pub write: SqlitePool,
    /// Read-only connections.
    pub read: SqlitePool,
    /// The file, as it was opened (other files of the database go beside it).
    pub path: PathBuf,
}

impl Db {
    /// Opens (creating if needed, with mode 0600) the database at `path` and
    /// runs the migrations.
    pub async fn open(path: &Path) -> anyhow::Result<Self> {
        crate::private_file::open_or_create(path)?;
        Self::connect(path, true).await
    }

    /// Opens the database at `path`, which must exist, and runs the migrations.
    pub async fn open_existing(path: &Path) -> anyhow::Result<Self> {
        anyhow::ensure!(path.is_file(), "no database at {}", path.display());
        Self::connect(path, false).await
    }

    async fn connect(path: &Path, create: bool) -> anyhow::Result<Self> {
        crate::private_file::warn_if_open_to_others(path, "database");
        let options = SqliteConnectOptions::from_str("sqlite:")?
            .filename(path)
            .create_if_missing(create)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(BUSY_TIMEOUT)
            .foreign_keys(true);
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options.clone())
            .await?;
        sqlx::migrate!("./migrations").run(&write).await?;
        backfill_key_hashes(&write).await?;
        let read = SqlitePoolOptions::new()
            .max_connections(4)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options.read_only(true))
            .await?;
        Ok(Self {
            write,
            read,
            path: path.to_owned(),
        })
    }

    /// Closes every connection, checkpointing the WAL.
    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }
}

/// Gives every license made before migration 0003 the SHA-256 of its key,
/// by which an offline request code names it.
async fn backfill_key_hashes(write: &SqlitePool) -> Result<(), sqlx::Error> {
    let missing: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, key FROM licenses WHERE key_sha256 IS NULL")
            .fetch_all(write)
            .await?;
    if missing.is_empty() {
        return Ok(());
    }
    let mut tx = write.begin().await?;
    for (id, key) in missing {
        sqlx::query("UPDATE licenses SET key_sha256 = ? WHERE id = ?")
            .bind(keyslot_protocol::offline::key_sha256(&key).to_vec())
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}

/// `DB_FILE` + `suffix`: a file of the database at `db`, beside it.
pub fn beside(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.file_name().map(ToOwned::to_owned).unwrap_or_default();
    name.push(suffix);
    db.with_file_name(name)
}
