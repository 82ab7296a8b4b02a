//! The request log: one row per license call (request id, time, endpoint,
//! status, code, the key's last four characters, the activation involved,
//! the client IP, latency), so support can go from the request id in a
//! user's report, or from the user's key, to what the server saw.
//!
//! The log is a file of its own beside the database ([`crate::db`]). Off
//! the request's path: [`crate::frame`] hands each finished call to
//! [`RequestLog::record`] (a push under a lock), and the maintenance task
//! writes what has gathered in one transaction ([`RequestLog::flush`]) once
//! a second, or as soon as [`FLUSH_AT`] calls wait ([`RequestLog::filled`]),
//! and drops rows past their retention once a minute
//! ([`RequestLog::prune`]). A graceful stop writes everything; a crash loses
//! the calls not yet written: those of the last second at most. Past
//! [`MAX_PENDING`] waiting calls (the database stuck for seconds) new ones
//! are dropped and counted, never waited for.
//!
//! The full key is never stored: its last four characters to show, and the
//! first 16 bytes of its SHA-256 to find its calls by.

use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use keyslot_protocol::paths;
use keyslot_protocol::request::is_license_key;
use sha2::{Digest, Sha256};
use sqlx::{QueryBuilder, Sqlite};

use crate::Db;

/// Calls waiting to be written, at most: ten seconds at full rate.
pub const MAX_PENDING: usize = 60_000;
/// Calls waiting after which they are written without waiting for the
/// second to end: few calls in memory, short transactions.
const FLUSH_AT: usize = 1_024;
/// Rows per `INSERT` (ten bound values each).
const BATCH: usize = 300;

/// How long the log keeps a call: both bounds apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// Days a row is kept; 0 turns the log off.
    pub days: u32,
    /// Rows kept at most (the newest).
    pub rows: u64,
}

impl Default for Retention {
    /// 14 days, at most a million rows (about 200 MB).
    fn default() -> Self {
        Self {
            days: 14,
            rows: 1_000_000,
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
    ]
    .into_iter()
    .find(|p| *p == path)
}

/// The key as the log finds it: the first 16 bytes of its SHA-256.
pub fn key_hash(key: &str) -> [u8; 16] {
    let digest = Sha256::digest(key.as_bytes());
    let mut hash = [0; 16];
    hash.copy_from_slice(&digest[..16]);
    hash
}

/// A key as the log keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct KeyRef {
    hash: [u8; 16],
    last4: String,
}

/// What the checks and handlers of one call learn for its row: the license
/// key (once its signature verified) and the activation involved. The frame
/// puts it in the request's extensions and reads it when the call ends.
#[derive(Debug, Clone, Default)]
pub struct Notes(Arc<Mutex<Noted>>);

#[derive(Debug, Default)]
pub(crate) struct Noted {
    key: Option<KeyRef>,
    activation_id: Option<String>,
}

impl Notes {
    /// Notes the call's license key, if it is one by the protocol's rule
    /// (a body that fails it is refused as malformed, its key unnoted).
    pub fn key(&self, key: &str) {
        if !is_license_key(key) {
            return;
        }
        let skip = key.chars().count().saturating_sub(4);
        let key = KeyRef {
            hash: key_hash(key),
            last4: key.chars().skip(skip).collect(),
        };
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

/// The log: calls waiting to be written, and its retention.
#[derive(Debug)]
pub struct RequestLog {
    retention: Retention,
    pending: Mutex<Vec<Call>>,
    dropped: AtomicU64,
    filled: tokio::sync::Notify,
}

impl RequestLog {
    /// A log keeping calls for `retention`.
    pub fn new(retention: Retention) -> Self {
        Self {
            retention,
            pending: Mutex::new(Vec::new()),
            dropped: AtomicU64::new(0),
            filled: tokio::sync::Notify::new(),
        }
    }

    /// Whether calls are logged at all.
    pub fn is_on(&self) -> bool {
        self.retention.days > 0
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
            if pending.len() == FLUSH_AT {
                self.filled.notify_one();
            }
        }
    }

    /// Resolves once [`FLUSH_AT`] calls wait to be written.
    pub async fn filled(&self) {
        self.filled.notified().await;
    }

    /// Writes the waiting calls in one transaction. On failure they wait for
    /// the next flush (within [`MAX_PENDING`]).
    pub async fn flush(&self, db: &Db) -> Result<(), sqlx::Error> {
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
        let written = insert(db, &calls).await;
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

    /// Drops rows older than the retention's days, then all but its newest
    /// rows. Returns how many went.
    pub async fn prune(&self, db: &Db, now: i64) -> Result<u64, sqlx::Error> {
        let cutoff = now - i64::from(self.retention.days) * 86_400;
        let old = sqlx::query(
            "DELETE FROM request_log WHERE id < \
             (SELECT coalesce((SELECT id FROM request_log WHERE at >= ? ORDER BY id LIMIT 1), \
                              (SELECT max(id) + 1 FROM request_log)))",
        )
        .bind(cutoff)
        .execute(&db.requests)
        .await?
        .rows_affected();
        let rows = i64::try_from(self.retention.rows).unwrap_or(i64::MAX);
        let many = sqlx::query(
            "DELETE FROM request_log WHERE id <= (SELECT max(id) FROM request_log) - ?",
        )
        .bind(rows)
        .execute(&db.requests)
        .await?
        .rows_affected();
        Ok(old + many)
    }
}

async fn insert(db: &Db, calls: &[Call]) -> Result<(), sqlx::Error> {
    let mut tx = db.requests.begin().await?;
    for chunk in calls.chunks(BATCH) {
        let mut insert = QueryBuilder::<Sqlite>::new(
            "INSERT INTO request_log (request_id, at, endpoint, status, code, key_hash, \
             key_last4, activation_id, client_ip, latency_us) ",
        );
        insert.push_values(chunk, |mut row, call| {
            let key = call.noted.key.as_ref();
            row.push_bind(call.request_id.to_bytes().to_vec())
                .push_bind(call.at)
                .push_bind(call.endpoint)
                .push_bind(i64::from(call.status))
                .push_bind(call.code.map(i64::from))
                .push_bind(key.map(|k| k.hash.to_vec()))
                .push_bind(key.map(|k| k.last4.clone()))
                .push_bind(call.noted.activation_id.clone())
                .push_bind(call.client_ip.to_string())
                .push_bind(i64::from(call.latency_us));
        });
        // Only the full batch's statement is worth caching: a shorter last
        // one would be a new statement every second.
        insert
            .build()
            .persistent(chunk.len() == BATCH)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}

/// A logged call, as the admin commands read it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The request id.
    pub request_id: String,
    /// Server time, unix seconds.
    pub at: i64,
    /// The endpoint's path.
    pub endpoint: String,
    /// HTTP status.
    pub status: i64,
    /// The protocol's error code, if one.
    pub code: Option<i64>,
    /// The key's last four characters, once its signature verified.
    pub key_last4: Option<String>,
    /// The activation involved.
    pub activation_id: Option<String>,
    /// The client IP.
    pub client_ip: String,
    /// Microseconds from arrival to answer.
    pub latency_us: i64,
}

/// The columns of a [`Row`].
macro_rules! row_columns {
    () => {
        "request_id, at, endpoint, status, code, key_last4, activation_id, client_ip, latency_us"
    };
}

/// A row as stored: the request id as the ULID's bytes.
#[derive(sqlx::FromRow)]
struct Stored {
    request_id: Vec<u8>,
    at: i64,
    endpoint: String,
    status: i64,
    code: Option<i64>,
    key_last4: Option<String>,
    activation_id: Option<String>,
    client_ip: String,
    latency_us: i64,
}

impl From<Stored> for Row {
    fn from(s: Stored) -> Self {
        let id = <[u8; 16]>::try_from(s.request_id.as_slice()).map_or_else(
            |_| hex::encode(&s.request_id),
            |bytes| ulid::Ulid::from_bytes(bytes).to_string(),
        );
        Self {
            request_id: id,
            at: s.at,
            endpoint: s.endpoint,
            status: s.status,
            code: s.code,
            key_last4: s.key_last4,
            activation_id: s.activation_id,
            client_ip: s.client_ip,
            latency_us: s.latency_us,
        }
    }
}

/// The call with `request_id`, if the log still has it (none for what is
/// not a request id).
pub async fn find(db: &Db, request_id: &str) -> Result<Option<Row>, sqlx::Error> {
    let Ok(id) = ulid::Ulid::from_string(request_id) else {
        return Ok(None);
    };
    let found: Option<Stored> = sqlx::query_as(concat!(
        "SELECT ",
        row_columns!(),
        " FROM request_log WHERE request_id = ?"
    ))
    .bind(id.to_bytes().to_vec())
    .fetch_optional(&db.requests)
    .await?;
    Ok(found.map(Row::from))
}

/// The newest `limit` calls with `key` since `since` (unix seconds), oldest first.
pub async fn for_key(db: &Db, key: &str, since: i64, limit: u32) -> Result<Vec<Row>, sqlx::Error> {
    let stored: Vec<Stored> = sqlx::query_as(concat!(
        "SELECT ",
        row_columns!(),
        " FROM request_log WHERE key_hash = ? AND at >= ? ORDER BY id DESC LIMIT ?"
    ))
    .bind(key_hash(key).to_vec())
    .bind(since)
    .bind(i64::from(limit))
    .fetch_all(&db.requests)
    .await?;
    Ok(stored.into_iter().rev().map(Row::from).collect())
}

#[cfg(test)]
mod tests {
    use std::net::Ipv4Addr;
    use std::time::Duration;

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

    #[tokio::test]
    async fn a_full_batch_asks_to_be_written_and_a_full_queue_drops() {
        let log = RequestLog::new(Retention::default());
        for _ in 1..FLUSH_AT {
            log.record(call());
        }
        let waiting = tokio::time::timeout(Duration::from_millis(50), log.filled());
        assert!(waiting.await.is_err(), "not before {FLUSH_AT} calls");
        log.record(call());
        let waiting = tokio::time::timeout(Duration::from_millis(50), log.filled());
        assert!(waiting.await.is_ok(), "at {FLUSH_AT} calls");

        for _ in FLUSH_AT..MAX_PENDING + 3 {
            log.record(call());
        }
        assert_eq!(log.pending.lock().expect("lock").len(), MAX_PENDING);
        assert_eq!(log.dropped.load(Ordering::Relaxed), 3);
    }

    #[test]
    fn only_a_key_the_protocol_accepts_is_noted_and_only_its_last_four() {
        let notes = Notes::default();
        notes.key("bad\u{0}key-ABCD");
        assert_eq!(notes.take().key, None);
        notes.key("KS-ABCDE-FGHJK-MNPQR-STVWX");
        let key = notes.take().key.expect("noted");
        assert_eq!(key.last4, "STVWX"[1..]);
        assert_eq!(key.hash, key_hash("KS-ABCDE-FGHJK-MNPQR-STVWX"));
    }
}
