//! `/status`'s read on SQLite, kept in memory while the database is
//! unchanged. On SQLite every query is two hand-offs between threads
//! (to sqlx's worker thread and back), which is where a signed `/status`
//! spent most of its time (docs/benchmarks.md). A polling client asks
//! the same question again and again; the answer only changes when the
//! database does.
//!
//! So an answer (the license and the machine's seat) is kept with the
//! database's generation at the time of its read, and used only while the
//! generation is the same. The generation moves:
//! - at every commit of this process ([`crate::db::write_tx!`]), before
//!   the write's answer leaves, so a seat freed here answers `1709` from
//!   the next call on, as before;
//! - when another process commits (an admin command, a second server on a
//!   shared store), which [`watch`] notices through SQLite's
//!   `PRAGMA data_version` within [`WATCH_EVERY`]. That is the bound: a
//!   license revoked by `keyslot-server license state` is refused at most
//!   that much later than before (tested).
//!
//! Nothing is kept unless [`watch`] runs, and nothing is kept if it stops.
//! At most [`MAX_ENTRIES`] answers are kept; when full, all are dropped.

use std::collections::HashMap;
use std::hash::{BuildHasher as _, RandomState};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{ConnectOptions as _, Connection as _};

use crate::store::LicenseAndSeat;

/// How often another process's commits are looked for.
pub const WATCH_EVERY: Duration = Duration::from_millis(50);

/// Answers kept at most (a few hundred bytes each).
const MAX_ENTRIES: usize = 16_384;

/// A kept answer.
#[derive(Debug)]
struct Entry {
    key: String,
    fingerprint: String,
    /// The generation it was read at.
    generation: u64,
    /// `None`: no such license.
    row: Option<LicenseAndSeat>,
}

/// The kept answers, by a keyed hash of the license key and fingerprint
/// (checked against the entry's own: a collision is a miss).
#[derive(Debug, Default)]
pub(crate) struct ReadCache {
    generation: AtomicU64,
    watched: AtomicBool,
    hasher: RandomState,
    entries: Mutex<HashMap<u64, Entry>>,
}

impl ReadCache {
    /// The database changed: every kept answer is old.
    pub(crate) fn changed(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// The generation to read at: take it before the read.
    pub(crate) fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Entry>> {
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn slot(&self, key: &str, fingerprint: &str) -> u64 {
        self.hasher.hash_one((key, fingerprint))
    }

    /// The answer kept for `key` and `fingerprint`, if it is current.
    pub(crate) fn get(&self, key: &str, fingerprint: &str) -> Option<Option<LicenseAndSeat>> {
        if !self.watched.load(Ordering::SeqCst) {
            return None;
        }
        let now = self.generation();
        let entries = self.lock();
        let entry = entries.get(&self.slot(key, fingerprint))?;
        (entry.generation == now && entry.key == key && entry.fingerprint == fingerprint)
            .then(|| entry.row.clone())
    }

    /// Keeps `row`, read at `generation`, unless the database changed since.
    pub(crate) fn put(
        &self,
        key: &str,
        fingerprint: &str,
        generation: u64,
        row: Option<LicenseAndSeat>,
    ) {
        if !self.watched.load(Ordering::SeqCst) || generation != self.generation() {
            return;
        }
        let entry = Entry {
            key: key.to_owned(),
            fingerprint: fingerprint.to_owned(),
            generation,
            row,
        };
        let mut entries = self.lock();
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(self.slot(key, fingerprint), entry);
    }

    /// Stops keeping answers (the watch ended).
    fn unwatched(&self) {
        self.watched.store(false, Ordering::SeqCst);
        self.changed();
        self.lock().clear();
    }
}

/// Watches the SQLite database that `options` opens for other processes'
/// commits, moving `cache`'s generation when there are any, until the
/// returned future is dropped. `cache` keeps answers only while this runs.
pub(crate) async fn watch(cache: Arc<ReadCache>, options: SqliteConnectOptions) {
    let mut conn = match options.read_only(true).connect().await {
        Ok(conn) => conn,
        Err(error) => {
            tracing::warn!(%error, "cannot watch the database for changes; /status reads it every time");
            return;
        }
    };
    let mut last = None;
    let mut interval = tokio::time::interval(WATCH_EVERY);
    let _unwatch = Unwatch(&cache);
    loop {
        interval.tick().await;
        match data_version(&mut conn).await {
            Ok(version) => {
                if last.is_some_and(|last| last != version) {
                    cache.changed();
                }
                if last.is_none() {
                    cache.watched.store(true, Ordering::SeqCst);
                }
                last = Some(version);
            }
            Err(error) => {
                tracing::warn!(%error, "cannot watch the database for changes; /status reads it every time");
                break;
            }
        }
    }
    let _ = conn.close().await;
}

async fn data_version(conn: &mut SqliteConnection) -> sqlx::Result<i64> {
    sqlx::query_scalar("PRAGMA data_version")
        .fetch_one(conn)
        .await
}

/// Ends the watch however [`watch`] ends (its future dropped included).
struct Unwatch<'a>(&'a ReadCache);

impl Drop for Unwatch<'_> {
    fn drop(&mut self) {
        self.0.unwatched();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64) -> Option<LicenseAndSeat> {
        Some(LicenseAndSeat::for_tests(id))
    }

    fn watched() -> ReadCache {
        let cache = ReadCache::default();
        cache.watched.store(true, Ordering::SeqCst);
        cache
    }

    fn id(kept: Option<Option<LicenseAndSeat>>) -> Option<i64> {
        kept.flatten().map(|r| r.license.id)
    }

    #[test]
    fn an_answer_is_kept_until_the_database_changes() {
        let cache = watched();
        let at = cache.generation();
        cache.put("KEY-1", "fp", at, row(1));
        assert_eq!(id(cache.get("KEY-1", "fp")), Some(1));
        assert!(cache.get("KEY-1", "other").is_none());
        assert!(cache.get("KEY-2", "fp").is_none());
        cache.changed();
        assert!(cache.get("KEY-1", "fp").is_none(), "old after a change");
    }

    #[test]
    fn an_answer_read_before_a_change_is_not_kept() {
        let cache = watched();
        let at = cache.generation();
        cache.changed();
        cache.put("KEY-1", "fp", at, row(1));
        assert!(cache.get("KEY-1", "fp").is_none());
    }

    #[test]
    fn nothing_is_kept_unless_watched_and_all_is_dropped_when_the_watch_ends() {
        let cache = ReadCache::default();
        cache.put("KEY-1", "fp", cache.generation(), row(1));
        assert!(cache.get("KEY-1", "fp").is_none());
        cache.watched.store(true, Ordering::SeqCst);
        cache.put("KEY-1", "fp", cache.generation(), row(1));
        cache.unwatched();
        assert!(cache.get("KEY-1", "fp").is_none());
        assert!(cache.lock().is_empty());
    }

    #[test]
    fn a_full_cache_starts_again() {
        let cache = watched();
        let at = cache.generation();
        for n in 0..MAX_ENTRIES {
            cache.put(&format!("KEY-{n}"), "fp", at, None);
        }
        assert_eq!(cache.lock().len(), MAX_ENTRIES);
        cache.put("KEY-last", "fp", at, row(7));
        assert_eq!(cache.lock().len(), 1);
        assert_eq!(id(cache.get("KEY-last", "fp")), Some(7));
    }
}
