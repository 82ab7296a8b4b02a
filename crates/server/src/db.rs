//! The database: a SQLite file (the embedded default: the app's demo, one
//! node) or PostgreSQL (replicas). Both hold the same tables, made by
//! `migrations/sqlite` and `migrations/postgres`, and answer the same
//! queries ([`crate::queries`]); [`write_tx!`], [`read_tx!`] and
//! [`read_conn!`] run code on either.
//!
//! SQLite: writes go through a pool of exactly one connection, so write
//! transactions queue in the process instead of fighting over SQLite's lock;
//! readers run in parallel thanks to WAL. Other processes (the admin
//! commands) share the file and wait on `busy_timeout`. The file holds
//! license keys, so it is created readable by its owner only (0600); SQLite
//! gives its `-wal` and `-shm` files the database's mode.
//!
//! PostgreSQL: one pool; the rules lock the license's row
//! ([`crate::queries::Conn::find_license`]), so replicas take seats one at
//! a time per license.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use crate::read_cache::ReadCache;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

/// How long a statement waits for another process's write lock (SQLite).
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How long a call waits for a connection of a pool.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

/// Connections of a server's PostgreSQL pool.
const PG_CONNECTIONS: u32 = 16;

/// Where the database is: `--db PATH` (or `sqlite://PATH`) or
/// `--db postgres://…` (`postgresql://…`).
#[derive(Clone, PartialEq, Eq)]
pub enum Location {
    /// A SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL.
    Postgres(String),
}

impl FromStr for Location {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            // The parser's own message may quote a part of the URL.
            PgConnectOptions::from_str(text).map_err(|_| {
                "not a PostgreSQL URL: postgres://USER:PASSWORD@HOST:PORT/DATABASE, \
                 with / ? # @ : and % in the password percent-encoded"
                    .to_owned()
            })?;
            Ok(Self::Postgres(text.to_owned()))
        } else if let Some(path) = text.strip_prefix("sqlite://") {
            Ok(Self::Sqlite(PathBuf::from(path)))
        } else if text.is_empty() {
            Err("a database file or a postgres:// URL".to_owned())
        } else {
            Ok(Self::Sqlite(PathBuf::from(text)))
        }
    }
}

impl Location {
    /// The SQLite file at `path`.
    pub fn sqlite(path: impl AsRef<Path>) -> Self {
        Self::Sqlite(path.as_ref().to_owned())
    }

    /// The SQLite file; `None` for PostgreSQL (files that go beside a
    /// database, such as the default lease key, must then be named).
    pub fn sqlite_file(&self) -> Option<&Path> {
        match self {
            Self::Sqlite(path) => Some(path),
            Self::Postgres(_) => None,
        }
    }
}

/// The file's path, or the URL without its password.
impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite(path) => write!(f, "{}", path.display()),
            Self::Postgres(url) => match PgConnectOptions::from_str(url) {
                Ok(options) => write!(
                    f,
                    "postgres://{}@{}:{}/{}",
                    options.get_username(),
                    options.get_host(),
                    options.get_port(),
                    options.get_database().unwrap_or_default()
                ),
                Err(_) => f.write_str("postgres://…"),
            },
        }
    }
}

/// As [`fmt::Display`]: never the password.
impl fmt::Debug for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self}")
    }
}

/// Handle to the database; cheap to clone.
#[derive(Clone, Debug)]
pub enum Db {
    /// A SQLite file.
    Sqlite(SqliteDb),
    /// A PostgreSQL database.
    Postgres(PgDb),
}

/// A SQLite database's pools.
#[derive(Clone, Debug)]
pub struct SqliteDb {
    /// The single writer.
    pub write: SqlitePool,
    /// Read-only connections.
    pub read: SqlitePool,
    /// The file, as it was opened (other files of the database go beside it).
    pub path: PathBuf,
    /// `/status`'s reads, kept while the database is unchanged.
    pub(crate) read_cache: Arc<ReadCache>,
}

/// A PostgreSQL database's pool.
#[derive(Clone, Debug)]
pub struct PgDb {
    /// Every connection.
    pub pool: PgPool,
}

impl Db {
    /// Opens the database at `location` and runs the migrations; a SQLite
    /// file is created (mode 0600) if missing.
    pub async fn open(location: &Location) -> anyhow::Result<Self> {
        match location {
            Location::Sqlite(path) => {
                crate::private_file::open_or_create(path)?;
                Self::connect_sqlite(path, true).await
            }
            Location::Postgres(url) => Self::connect_postgres(url).await,
        }
    }

    /// Opens the database at `location`, which must exist, and runs the
    /// migrations.
    pub async fn open_existing(location: &Location) -> anyhow::Result<Self> {
        match location {
            Location::Sqlite(path) => {
                anyhow::ensure!(path.is_file(), "no database at {}", path.display());
                Self::connect_sqlite(path, false).await
            }
            Location::Postgres(url) => Self::connect_postgres(url).await,
        }
    }

    async fn connect_sqlite(path: &Path, create: bool) -> anyhow::Result<Self> {
        crate::private_file::warn_if_open_to_others(path, "database");
        let options = SqliteConnectOptions::from_str("sqlite:")?
            .filename(path)
            .create_if_missing(create)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(BUSY_TIMEOUT)
            .foreign_keys(true);
        // Connections are never closed while the pools live: the `-shm`
        // file the read cache watches stays the database's.
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options.clone())
            .await?;
        sqlx::migrate!("./migrations/sqlite").run(&write).await?;
        backfill_key_hashes(&write).await?;
        let read = SqlitePoolOptions::new()
            .max_connections(4)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options.read_only(true))
            .await?;
        Ok(Self::Sqlite(SqliteDb {
            write,
            read,
            path: path.to_owned(),
            read_cache: Arc::new(ReadCache::of(path)),
        }))
    }

    /// Connects and migrates; replicas starting together migrate one at a
    /// time (sqlx's migrator holds an advisory lock).
    async fn connect_postgres(url: &str) -> anyhow::Result<Self> {
        let options = PgConnectOptions::from_str(url)?;
        let pool = PgPoolOptions::new()
            .max_connections(PG_CONNECTIONS)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations/postgres").run(&pool).await?;
        Ok(Self::Postgres(PgDb { pool }))
    }

    /// The SQLite database; `None` for PostgreSQL.
    pub fn as_sqlite(&self) -> Option<&SqliteDb> {
        match self {
            Self::Sqlite(db) => Some(db),
            Self::Postgres(_) => None,
        }
    }

    /// Whether one query gets an answer.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        read_conn!(self, |conn| crate::queries::Conn::ping(conn).await?);
        Ok(())
    }

    /// Closes every connection (SQLite: checkpointing the WAL).
    pub async fn close(&self) {
        match self {
            Self::Sqlite(db) => {
                db.read.close().await;
                db.write.close().await;
            }
            Self::Postgres(db) => db.pool.close().await,
        }
    }
}

/// Runs `$body`, a `Result`, with `$conn` bound to a write transaction of
/// the [`Db`] `$db` (a `&mut SqliteConnection` or a `&mut PgConnection`:
/// `$body` is compiled for each); commits when it is `Ok` and rolls back
/// when it is `Err`. The macro's value is `$body`'s. SQLite's transaction is
/// `BEGIN IMMEDIATE` (the write lock at once, so a read-then-write never
/// fails on a lock upgrade); PostgreSQL's is `READ COMMITTED` whatever the
/// server's default, so a statement after a row lock sees every commit
/// made while it waited (the rules lock rows instead).
macro_rules! write_tx {
    ($db:expr, |$conn:ident| $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite(db) => {
                $crate::db::transaction!(db.write, "BEGIN IMMEDIATE", |$conn| $body)
            }
            $crate::db::Db::Postgres(db) => {
                $crate::db::transaction!(db.pool, "BEGIN ISOLATION LEVEL READ COMMITTED", |$conn| {
                    $body
                })
            }
        }
    };
}

/// [`write_tx!`] for reads from one snapshot: a read-only transaction on a
/// SQLite reader, `REPEATABLE READ` on PostgreSQL.
macro_rules! read_tx {
    ($db:expr, |$conn:ident| $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite(db) => $crate::db::transaction!(db.read, "BEGIN", |$conn| $body),
            $crate::db::Db::Postgres(db) => $crate::db::transaction!(
                db.pool,
                "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                |$conn| $body
            ),
        }
    };
}

/// One transaction on `$pool`, begun with `$begin`: `$body`, a `Result`,
/// runs with `$conn` bound to it and is committed when it is `Ok`.
macro_rules! transaction {
    ($pool:expr, $begin:literal, |$conn:ident| $body:expr) => {{
        let mut tx = $pool.begin_with($begin).await?;
        let out = {
            let $conn = &mut *tx;
            $body
        };
        if out.is_ok() {
            tx.commit().await?;
        }
        out
    }};
}

/// Runs `$body` with `$conn` bound to a reader's connection, outside a
/// transaction (each statement sees the latest commit).
macro_rules! read_conn {
    ($db:expr, |$conn:ident| $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite(db) => {
                let mut pooled = db.read.acquire().await?;
                let $conn = &mut *pooled;
                $body
            }
            $crate::db::Db::Postgres(db) => {
                let mut pooled = db.pool.acquire().await?;
                let $conn = &mut *pooled;
                $body
            }
        }
    };
}

pub(crate) use {read_conn, read_tx, transaction, write_tx};

/// Gives every license made before migration 0003 the SHA-256 of its key,
/// by which an offline request code names it (SQLite only: PostgreSQL's
/// tables were made with it).
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_location_is_a_file_unless_it_is_a_postgres_url() {
        let at = |text: &str| text.parse::<Location>();
        assert_eq!(
            at("licenses.db"),
            Ok(Location::Sqlite("licenses.db".into()))
        );
        assert_eq!(
            at("sqlite:///var/lib/k/licenses.db"),
            Ok(Location::Sqlite("/var/lib/k/licenses.db".into()))
        );
        for url in [
            "postgres://k@db/keyslot",
            "postgresql://k:pw@db:5433/keyslot",
        ] {
            assert_eq!(at(url), Ok(Location::Postgres(url.to_owned())));
        }
        assert!(at("").is_err());
        let unescaped = at("postgres://keyslot:se/cret-pw@db/keyslot").expect_err("refused");
        assert!(!unescaped.contains("cret-pw"), "{unescaped}");
    }

    #[tokio::test]
    async fn a_write_whose_body_fails_is_rolled_back() {
        use crate::error::AppError;
        use crate::queries::Conn as _;

        let dir = tempfile::tempdir().expect("dir");
        let db = Db::open(&Location::sqlite(dir.path().join("l.db")))
            .await
            .expect("db");
        let failed = async {
            write_tx!(&db, |conn| {
                conn.insert_license("KS-ROLLED-BACK", 1, None, 0).await?;
                Err::<(), _>(AppError::internal(&"a rule failed after the insert"))
            })
        }
        .await;
        assert!(failed.is_err());
        let kept = crate::store::list_licenses(&db).await.expect("listed");
        assert!(kept.is_empty(), "the insert was rolled back");
        db.close().await;
    }

    #[test]
    fn a_location_is_shown_without_its_password() {
        let url: Location = "postgres://keyslot:hunter2@db.internal:5433/licenses"
            .parse()
            .expect("a URL");
        for shown in [url.to_string(), format!("{url:?}")] {
            assert!(!shown.contains("hunter2"), "{shown}");
            assert!(shown.contains("db.internal:5433/licenses"), "{shown}");
        }
    }
}
