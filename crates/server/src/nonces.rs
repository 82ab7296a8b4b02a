//! Replay protection: every nonce seen in the last ten minutes is refused.
//!
//! The check runs in memory (a set of 128-bit nonce hashes, pruned in arrival
//! order); new entries are written to SQLite in batches by [`NonceStore::flush`]
//! and read back at start, so a restart does not reopen the replay window.
//!
//! A nonce seen at `t` is kept up to and including `t + 600`: a request stamped
//! 300 s ahead of the server stays within the clock window until exactly then.
//! Only requests that passed the HMAC, clock and per-IP rate checks are
//! recorded, so one client adds at most its rate; but the secret ships with
//! every client, so the set is capped as well: past
//! [`MAX_REMEMBERED`] entries new requests are refused (fail closed) until old
//! ones expire.

use std::collections::{HashSet, VecDeque};
use std::sync::Mutex;

use keyslot_protocol::NONCE_RETENTION_SECS;
use sha2::{Digest, Sha256};

use crate::Db;

/// Rows per `INSERT` when persisting (two bound values each).
const BATCH: usize = 400;

/// Most nonces remembered at once (about 80 bytes each): 2 million is a
/// sustained 3,300 requests/s for ten minutes.
pub const MAX_REMEMBERED: usize = 2_000_000;

/// Outcome of recording a nonce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    /// First time in the window: go on.
    Fresh,
    /// A replay.
    Replayed,
    /// The cache is full: refuse for now.
    Full,
}

/// The replay cache.
#[derive(Debug, Default)]
pub struct NonceStore {
    cache: Mutex<Cache>,
}

#[derive(Debug, Default)]
struct Cache {
    seen: HashSet<u128>,
    /// `(seen_at, hash)` in arrival order, for pruning.
    order: VecDeque<(i64, u128)>,
    /// Entries not yet written to the database.
    pending: Vec<(u128, i64)>,
}

impl Cache {
    fn prune(&mut self, now: i64) {
        while let Some(&(seen_at, hash)) = self.order.front() {
            if seen_at >= now - NONCE_RETENTION_SECS {
                break;
            }
            self.order.pop_front();
            self.seen.remove(&hash);
        }
    }
}

fn hash(nonce: &str) -> u128 {
    let digest = Sha256::digest(nonce.as_bytes());
    let mut first = [0u8; 16];
    first.copy_from_slice(&digest[..16]);
    u128::from_be_bytes(first)
}

impl NonceStore {
    /// Loads the nonces of the last ten minutes from `db`.
    pub async fn load(db: &Db, now: i64) -> Result<Self, sqlx::Error> {
        let rows: Vec<(Vec<u8>, i64)> =
            sqlx::query_as("SELECT hash, seen_at FROM nonces WHERE seen_at >= ? ORDER BY seen_at")
                .bind(now - NONCE_RETENTION_SECS)
                .fetch_all(&db.read)
                .await?;
        let mut cache = Cache::default();
        for (bytes, seen_at) in rows {
            let Ok(bytes) = <[u8; 16]>::try_from(bytes.as_slice()) else {
                continue;
            };
            let hash = u128::from_be_bytes(bytes);
            if cache.seen.insert(hash) {
                cache.order.push_back((seen_at, hash));
            }
        }
        Ok(Self {
            cache: Mutex::new(cache),
        })
    }

    /// Records `nonce` as seen at `now`.
    pub fn check_and_insert(&self, nonce: &str, now: i64) -> Seen {
        self.record(nonce, now, MAX_REMEMBERED)
    }

    fn record(&self, nonce: &str, now: i64, capacity: usize) -> Seen {
        let hash = hash(nonce);
        let mut cache = self
            .cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        cache.prune(now);
        if cache.seen.contains(&hash) {
            return Seen::Replayed;
        }
        if cache.seen.len() >= capacity {
            return Seen::Full;
        }
        cache.seen.insert(hash);
        cache.order.push_back((now, hash));
        cache.pending.push((hash, now));
        Seen::Fresh
    }

    /// How many nonces are remembered right now.
    pub fn len(&self) -> usize {
        self.cache.lock().map(|c| c.seen.len()).unwrap_or(0)
    }

    /// Whether no nonce is remembered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Writes new nonces to the database and deletes expired ones there.
    /// On failure the batch is kept for the next flush.
    pub async fn flush(&self, db: &Db, now: i64) -> Result<(), sqlx::Error> {
        let pending = {
            let mut cache = self
                .cache
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            cache.prune(now);
            std::mem::take(&mut cache.pending)
        };
        let result = Self::persist(db, &pending, now).await;
        if result.is_err() {
            let mut cache = self
                .cache
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            cache.pending.extend(pending);
        }
        result
    }

    async fn persist(db: &Db, pending: &[(u128, i64)], now: i64) -> Result<(), sqlx::Error> {
        let mut tx = db.write.begin().await?;
        for chunk in pending.chunks(BATCH) {
            let mut insert =
                sqlx::QueryBuilder::new("INSERT OR IGNORE INTO nonces (hash, seen_at) ");
            insert.push_values(chunk, |mut row, (hash, seen_at)| {
                row.push_bind(hash.to_be_bytes().to_vec())
                    .push_bind(*seen_at);
            });
            insert.build().execute(&mut *tx).await?;
        }
        sqlx::query("DELETE FROM nonces WHERE seen_at < ?")
            .bind(now - NONCE_RETENTION_SECS)
            .execute(&mut *tx)
            .await?;
        tx.commit().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nonce_is_refused_for_ten_minutes_then_forgotten() {
        let store = NonceStore::default();
        let t0 = 1_767_225_600;
        let seen = |nonce: &str, at: i64| store.check_and_insert(nonce, at);
        assert_eq!(seen("nonce-aaaaaaaaaaaa", t0), Seen::Fresh);
        assert_eq!(seen("nonce-aaaaaaaaaaaa", t0 + 1), Seen::Replayed);
        assert_eq!(seen("nonce-bbbbbbbbbbbb", t0 + 1), Seen::Fresh);
        // Kept through t0 + 600 inclusive: a request stamped t0 + 300 is still in its clock window then.
        assert_eq!(
            seen("nonce-aaaaaaaaaaaa", t0 + NONCE_RETENTION_SECS),
            Seen::Replayed
        );
        assert_eq!(
            seen("nonce-aaaaaaaaaaaa", t0 + NONCE_RETENTION_SECS + 1),
            Seen::Fresh
        );
        // b, seen at t0 + 1, is forgotten one second later.
        assert_eq!(
            seen("nonce-cccccccccccc", t0 + NONCE_RETENTION_SECS + 2),
            Seen::Fresh
        );
        assert_eq!(store.len(), 2);
    }

    #[test]
    fn a_full_cache_refuses_until_entries_expire() {
        let store = NonceStore::default();
        let t0 = 1_767_225_600;
        assert_eq!(store.record("nonce-aaaaaaaaaaaa", t0, 2), Seen::Fresh);
        assert_eq!(store.record("nonce-bbbbbbbbbbbb", t0, 2), Seen::Fresh);
        assert_eq!(store.record("nonce-cccccccccccc", t0, 2), Seen::Full);
        assert_eq!(store.record("nonce-aaaaaaaaaaaa", t0, 2), Seen::Replayed);
        assert_eq!(
            store.record("nonce-cccccccccccc", t0 + NONCE_RETENTION_SECS + 1, 2),
            Seen::Fresh
        );
    }
}
