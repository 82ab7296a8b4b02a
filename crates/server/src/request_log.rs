//! The request log: one row per license call (request id, time, endpoint,
//! status, code, the key's last four characters, the activation involved,
//! the client IP, latency), so support can go from the request id in a
//! user's report, or from the user's key, to what the server saw. License
//! calls are the four signed endpoints' and the offline page's answers to
//! request codes ([`crate::offline_page::SUBMIT`]).
//!
//! The log is a SQLite file of its own beside the database
//! (`DB_FILE.requests`, opened at the first write), so its writes never
//! queue a license call's, a year of it never slows a backup of the
//! licenses, and it can be deleted without touching them. Off the request's
//! path: [`crate::frame`] hands each finished call to [`RequestLog::record`]
//! (a push under a lock), and the maintenance task writes what has gathered
//! in one transaction ([`RequestLog::flush`]) once a second, or as soon as
//! [`FLUSH_AT`] calls wait ([`RequestLog::filled`]), each time followed by
//! dropping rows past their retention, at most [`PRUNE_AT_ONCE`]
//! ([`RequestLog::prune`]). A graceful stop writes everything; a crash loses
//! the calls not yet written: those of the last second while writes
//! succeed. While they fail, calls wait, up to [`MAX_PENDING`]; past that
//! new ones are dropped and counted, never waited for.
//!
//! The key is never stored: its last four characters as the server's logs
//! mask it ([`keys::mask`]: none below 16 characters), and the first 16
//! bytes of its HMAC-SHA-256 under a random key kept in the license
//! database, to find its calls by.

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hmac::{Hmac, KeyInit, Mac};
use keyslot_protocol::paths;
use keyslot_protocol::request::is_license_key;
use sha2::Sha256;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{QueryBuilder, Sqlite, SqlitePool};
use tokio::sync::OnceCell;

use crate::db::write_tx;
use crate::queries::Conn as _;
use crate::{Db, keys};

/// Calls waiting to be written, at most: ten seconds at full rate.
pub const MAX_PENDING: usize = 60_000;
/// Calls waiting after which (and after each further as many) they are
/// written without waiting for the second to end: few calls in memory,
/// short transactions.
pub const FLUSH_AT: usize = 1_024;
/// Rows one prune drops at most, so no statement holds many of the log's
/// pages: a prune follows every write, of at most [`FLUSH_AT`] calls or a
/// second's, so pruning keeps up with twice what is written.
pub const PRUNE_AT_ONCE: i64 = 2 * FLUSH_AT as i64;
/// Rows per `INSERT` (ten bound values each).
const BATCH: usize = 300;
/// The log file's page cache, in KiB (SQLite's default is 2,000): the log
/// is appended to and rarely read, so little of it is worth keeping.
const CACHE_KIB: u32 = 256;
/// How long a statement waits for another process's lock on the file.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Where the log is and how long it keeps a call: both bounds apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retention {
    /// Days a row is kept; 0 turns the log off (an existing file is left as it is).
    pub days: u32,
    /// Rows kept at most (the newest).
    pub rows: u64,
    /// The log's file; `None`: [`file_of`] the SQLite database (a server
    /// on PostgreSQL must name one: each replica keeps its own).
    pub file: Option<PathBuf>,
}

impl Default for Retention {
    /// 14 days, at most a million rows, beside the database.
    fn default() -> Self {
        Self {
            days: 14,
            rows: 1_000_000,
            file: None,
        }
    }
}

/// The license endpoint `path` names, if it is one: the calls the log keeps.
pub fn endpoint(path: &str) -> Option<&'static str> {
    [
        paths::ACTIVATE,
        paths::STATUS,
        paths::DEVICES,
        paths::DEACTIVATE,
        crate::offline_page::SUBMIT,
    ]
    .into_iter()
    .find(|p| *p == path)
}

/// The log file of the SQLite database at `db`.
pub fn file_of(db: &Path) -> PathBuf {
    crate::db::beside(db, ".requests")
}

/// The log's file: the one `named` (`--request-log`), else [`file_of`] the
/// SQLite database `sqlite`; a server on PostgreSQL must name one.
pub fn file_for(named: Option<&Path>, sqlite: Option<&Path>) -> anyhow::Result<PathBuf> {
    named
        .map(Path::to_owned)
        .or_else(|| sqlite.map(file_of))
        .ok_or_else(|| {
            anyhow::anyhow!(
                "with PostgreSQL, give --request-log PATH: this server's own request log \
                 (each replica keeps its own; --request-log-days 0 keeps none)"
            )
        })
}

/// Opens the log file at `path` (created, mode 0600, with `create`; else
/// it must exist) and runs its migrations.
pub async fn open(path: &Path, create: bool) -> anyhow::Result<SqlitePool> {
    if create {
        crate::private_file::open_or_create(path)?;
    } else {
        anyhow::ensure!(
            path.is_file(),
            "no request log at {} (the server writes it beside a SQLite database or \
             where --request-log says, unless --request-log-days 0)",
            path.display()
        );
    }
    crate::private_file::warn_if_open_to_others(path, "request log");
    let options = SqliteConnectOptions::from_str("sqlite:")?
        .filename(path)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(BUSY_TIMEOUT)
        .pragma("cache_size", format!("-{CACHE_KIB}"));
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await?;
    sqlx::migrate!("./migrations-request-log")
        .run(&pool)
        .await?;
    Ok(pool)
}

/// The key the database at `db` hashes license keys with for its log, made
/// on first use.
pub async fn hmac_key(db: &Db) -> Result<[u8; 32], sqlx::Error> {
    let fresh: [u8; 32] = rand::random();
    let kept = write_tx!(db, |conn| conn.server_key("request_log", &fresh).await)?;
    kept.try_into()
        .map_err(|_| sqlx::Error::Protocol("the request log's key is not 32 bytes".to_owned()))
}

/// How the log finds a license key's calls: the first 16 bytes of its
/// HMAC-SHA-256 under `hmac_key`.
pub fn key_hash(hmac_key: &[u8; 32], key: &str) -> [u8; 16] {
    let mut mac =
        <Hmac<Sha256> as KeyInit>::new_from_slice(hmac_key).expect("HMAC takes any key length");
    mac.update(key.as_bytes());
    let digest = mac.finalize().into_bytes();
    let mut hash = [0; 16];
    hash.copy_from_slice(&digest[..16]);
    hash
}

/// A key as the log keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRef {
    hash: [u8; 16],
    hint: String,
}

/// What the checks and handlers of one call learn for its row: the license
/// key (once its signature verified, or once an offline request code named
/// a license that exists) and the activation involved. The frame puts it in
/// the request's extensions and reads it when the call ends.
#[derive(Debug, Clone, Default)]
pub struct Notes(Arc<Mutex<Noted>>);

#[derive(Debug, Default)]
pub(crate) struct Noted {
    key: Option<KeyRef>,
    activation_id: Option<String>,
}

impl Notes {
    /// Notes the call's license key.
    pub fn key(&self, key: KeyRef) {
        if let Ok(mut noted) = self.0.lock() {
            noted.key = Some(key);
        }
    }

    /// Notes the activation the call is about.
    pub fn activation(&self, id: &str) {
        if let Ok(mut noted) = self.0.lock() {
            noted.activation_id = Some(id.to_owned());
        }
    }

    /// What was noted, leaving nothing.
    pub(crate) fn take(&self) -> Noted {
        self.0
            .lock()
            .map(|mut n| std::mem::take(&mut *n))
            .unwrap_or_default()
    }
}

/// One finished license call.
#[derive(Debug)]
pub struct Call {
    /// The request id the answer carried.
    pub request_id: ulid::Ulid,
    /// Server time, unix seconds.
    pub at: i64,
    /// The endpoint's path.
    pub endpoint: &'static str,
    /// HTTP status.
    pub status: u16,
    /// The protocol's error code, if one.
    pub code: Option<u16>,
    /// The client, as the per-IP rate limit counts it.
    pub client_ip: IpAddr,
    /// Time from the request's arrival to its answer, microseconds.
    pub latency_us: u32,
    /// What the checks and handlers noted ([`Notes::take`]).
    pub(crate) noted: Noted,
}

/// The log: its retention and key, the calls waiting to be written, and
/// its file once opened.
#[derive(Debug)]
pub struct RequestLog {
    /// The log's file.
    path: PathBuf,
    retention: Retention,
    hmac_key: [u8; 32],
    pending: Mutex<Vec<Call>>,
    dropped: AtomicU64,
    filled: tokio::sync::Notify,
    file: OnceCell<SqlitePool>,
}

impl RequestLog {
    /// The log of `db`, keeping calls for `retention`; its file is opened
    /// at the first write.
    pub async fn load(db: &Db, retention: Retention) -> anyhow::Result<Self> {
        let sqlite = db.as_sqlite().map(|sqlite| sqlite.path.as_path());
        let path = match file_for(retention.file.as_deref(), sqlite) {
            Err(_) if retention.days == 0 => PathBuf::new(),
            named_or_beside => named_or_beside?,
        };
        Ok(Self {
            path,
            retention,
            hmac_key: hmac_key(db).await?,
            pending: Mutex::new(Vec::new()),
            dropped: AtomicU64::new(0),
            filled: tokio::sync::Notify::new(),
            file: OnceCell::new(),
        })
    }

    /// Whether calls are logged at all.
    pub fn is_on(&self) -> bool {
        self.retention.days > 0
    }

    /// `key` as the log keeps it, if it is a key by the protocol's rule (a
    /// body that fails it is refused as malformed, its key unnoted).
    pub fn key_ref(&self, key: &str) -> Option<KeyRef> {
        is_license_key(key).then(|| KeyRef {
            hash: key_hash(&self.hmac_key, key),
            hint: keys::mask(key),
        })
    }

    /// Queues `call` for the next [`RequestLog::flush`]; past
    /// [`MAX_PENDING`] waiting calls it is dropped and counted.
    pub fn record(&self, call: Call) {
        let Ok(mut pending) = self.pending.lock() else {
            return;
        };
        if pending.len() >= MAX_PENDING {
            self.dropped.fetch_add(1, Ordering::Relaxed);
        } else {
            pending.push(call);
            if pending.len().is_multiple_of(FLUSH_AT) {
                self.filled.notify_one();
            }
        }
    }

    /// Resolves once [`FLUSH_AT`] more calls wait to be written.
    pub async fn filled(&self) {
        self.filled.notified().await;
    }

    /// The log file, opened (and created) on first use.
    async fn file(&self) -> anyhow::Result<&SqlitePool> {
        self.file.get_or_try_init(|| open(&self.path, true)).await
    }

    /// Writes the waiting calls to the log in one transaction. On failure
    /// they wait for the next flush (within [`MAX_PENDING`]).
    pub async fn flush(&self) -> anyhow::Result<()> {
        let dropped = self.dropped.swap(0, Ordering::Relaxed);
        if dropped > 0 {
            tracing::warn!(dropped, "request log fell behind; calls were not logged");
        }
        let calls = match self.pending.lock() {
            Ok(mut pending) if !pending.is_empty() => {
                std::mem::replace(&mut *pending, Vec::with_capacity(FLUSH_AT))
            }
            _ => return Ok(()),
        };
        let written = match self.file().await {
            Ok(file) => insert(file, &calls).await.map_err(anyhow::Error::from),
            Err(error) => Err(error),
        };
        if written.is_err()
            && let Ok(mut pending) = self.pending.lock()
        {
            let room = MAX_PENDING.saturating_sub(pending.len());
            let kept = calls.len().min(room);
            self.dropped
                .fetch_add((calls.len() - kept) as u64, Ordering::Relaxed);
            let newer = std::mem::take(&mut *pending);
            pending.extend(calls.into_iter().take(kept));
            pending.extend(newer);
        }
        written
    }

    /// Drops the oldest rows of the log that are older than the retention's
    /// days or beyond its newest rows, at most [`PRUNE_AT_ONCE`]. Returns
    /// how many went; a log that is off is left as it is.
    pub async fn prune(&self, now: i64) -> anyhow::Result<u64> {
        if !self.is_on() {
            return Ok(0);
        }
        let cutoff = now - i64::from(self.retention.days) * 86_400;
        let rows = i64::try_from(self.retention.rows).unwrap_or(i64::MAX);
        // Ids follow time: everything below the first row young enough, and
        // below the newest `rows`, goes (SQLite's max() of a NULL is NULL:
        // an empty log deletes nothing).
        let pruned = sqlx::query(
            "DELETE FROM request_log WHERE id IN (SELECT id FROM request_log WHERE id < max( \
               coalesce((SELECT id FROM request_log WHERE at >= ?1 ORDER BY id LIMIT 1), \
                        (SELECT max(id) + 1 FROM request_log)), \
               (SELECT max(id) FROM request_log) - ?2 + 1) \
             ORDER BY id LIMIT ?3)",
        )
        .bind(cutoff)
        .bind(rows)
        .bind(PRUNE_AT_ONCE)
        .execute(self.file().await?)
        .await?
        .rows_affected();
        Ok(pruned)
    }

    /// Closes the log file, if it was opened.
    pub async fn close(&self) {
        if let Some(file) = self.file.get() {
            file.close().await;
        }
    }
}

async fn insert(file: &SqlitePool, calls: &[Call]) -> Result<(), sqlx::Error> {
    let mut tx = file.begin().await?;
    for chunk in calls.chunks(BATCH) {
        let mut insert = QueryBuilder::<Sqlite>::new(
            "INSERT INTO request_log (request_id, at, endpoint, status, code, key_hash, \
             key_hint, activation_id, client_ip, latency_us) ",
        );
        insert.push_values(chunk, |mut row, call| {
            let key = call.noted.key.as_ref();
            row.push_bind(call.request_id.to_bytes().to_vec())
                .push_bind(call.at)
                .push_bind(call.endpoint)
                .push_bind(i64::from(call.status))
                .push_bind(call.code.map(i64::from))
                .push_bind(key.map(|k| k.hash.to_vec()))
                .push_bind(key.map(|k| k.hint.clone()))
                .push_bind(call.noted.activation_id.clone())
                .push_bind(call.client_ip.to_string())
                .push_bind(i64::from(call.latency_us));
        });
        // Only the full batch's statement is worth caching: a shorter last
        // one would be a new statement at every flush.
        insert
            .build()
            .persistent(chunk.len() == BATCH)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}

/// A logged call, as the admin commands read it back.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Row {
    /// The request id (stored as the ULID's 16 bytes).
    #[sqlx(try_from = "Vec<u8>")]
    pub request_id: RequestId,
    /// Server time, unix seconds.
    pub at: i64,
    /// The endpoint's path.
    pub endpoint: String,
    /// HTTP status.
    pub status: i64,
    /// The protocol's error code, if one.
    pub code: Option<i64>,
    /// The key as the server's logs mask it, once its signature verified.
    pub key_hint: Option<String>,
    /// The activation involved.
    pub activation_id: Option<String>,
    /// The client IP.
    pub client_ip: String,
    /// Microseconds from arrival to answer.
    pub latency_us: i64,
}

/// A request id: as the log reads it back, and in a request's extensions
/// (put there by [`crate::frame`]) for a page that shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestId(pub ulid::Ulid);

impl TryFrom<Vec<u8>> for RequestId {
    type Error = std::array::TryFromSliceError;

    fn try_from(bytes: Vec<u8>) -> Result<Self, Self::Error> {
        Ok(Self(ulid::Ulid::from_bytes(bytes.as_slice().try_into()?)))
    }
}

impl std::fmt::Display for RequestId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// The columns of a [`Row`].
macro_rules! row_columns {
    () => {
        "request_id, at, endpoint, status, code, key_hint, activation_id, client_ip, latency_us"
    };
}

/// The call with `request_id` in the log `file`, if it still has it (none
/// for what is not a request id).
pub async fn find(file: &SqlitePool, request_id: &str) -> Result<Option<Row>, sqlx::Error> {
    let Ok(id) = ulid::Ulid::from_string(request_id) else {
        return Ok(None);
    };
    sqlx::query_as(concat!(
        "SELECT ",
        row_columns!(),
        " FROM request_log WHERE request_id = ?"
    ))
    .bind(id.to_bytes().to_vec())
    .fetch_optional(file)
    .await
}

/// The newest `limit` calls in the log `file` of the key whose
/// [`key_hash`] is `hash`, since `since` (unix seconds), oldest first.
pub async fn for_key(
    file: &SqlitePool,
    hash: [u8; 16],
    since: i64,
    limit: u32,
) -> Result<Vec<Row>, sqlx::Error> {
    let mut rows: Vec<Row> = sqlx::query_as(concat!(
        "SELECT ",
        row_columns!(),
        " FROM request_log WHERE key_hash = ? AND at >= ? ORDER BY id DESC LIMIT ?"
    ))
    .bind(hash.to_vec())
    .bind(since)
    .bind(i64::from(limit))
    .fetch_all(file)
    .await?;
    rows.reverse();
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use std::net::Ipv4Addr;

    use super::*;

    fn call() -> Call {
        Call {
            request_id: ulid::Ulid::nil(),
            at: 0,
            endpoint: paths::STATUS,
            status: 200,
            code: None,
            client_ip: Ipv4Addr::LOCALHOST.into(),
            latency_us: 1,
            noted: Noted::default(),
        }
    }

    fn log() -> RequestLog {
        RequestLog {
            path: PathBuf::new(),
            retention: Retention::default(),
            hmac_key: [7; 32],
            pending: Mutex::new(Vec::new()),
            dropped: AtomicU64::new(0),
            filled: tokio::sync::Notify::new(),
            file: OnceCell::new(),
        }
    }

    #[tokio::test]
    async fn each_full_batch_asks_to_be_written_and_a_full_queue_drops() {
        let log = log();
        let filled = || tokio::time::timeout(Duration::from_millis(50), log.filled());
        for _ in 1..FLUSH_AT {
            log.record(call());
        }
        assert!(filled().await.is_err(), "not before {FLUSH_AT} calls");
        log.record(call());
        assert!(filled().await.is_ok(), "at {FLUSH_AT} calls");
        for _ in 0..FLUSH_AT {
            log.record(call());
        }
        assert!(filled().await.is_ok(), "again at twice as many");

        for _ in 2 * FLUSH_AT..MAX_PENDING + 3 {
            log.record(call());
        }
        assert_eq!(log.pending.lock().expect("lock").len(), MAX_PENDING);
        assert_eq!(log.dropped.load(Ordering::Relaxed), 3);
    }

    #[test]
    fn a_key_is_kept_as_its_mask_and_a_keyed_hash_only_when_it_is_one() {
        let log = log();
        assert_eq!(log.key_ref("bad\u{0}key-ABCDEFGHIJKL"), None);
        let long = log.key_ref("KS-ABCDE-FGHJK-MNPQR-STVWX").expect("a key");
        assert_eq!(long.hint, "…TVWX");
        assert_eq!(long.hash, key_hash(&[7; 32], "KS-ABCDE-FGHJK-MNPQR-STVWX"));
        assert_ne!(long.hash, key_hash(&[8; 32], "KS-ABCDE-FGHJK-MNPQR-STVWX"));
        let short = log.key_ref("DEMO-1").expect("a key");
        assert_eq!(short.hint, "…", "a short key shows nothing of itself");
    }
}
