//! `last_seen_at`, written behind. `/status` only reads the database: the
//! time a seat was seen is noted here, in memory, and the maintenance task
//! writes what gathered once a second ([`SeenLog::flush`], one transaction),
//! and a last time when the server stops. So a `/status` call never waits
//! for the one writer connection, and a busy seat costs one write a second.
//!
//! What this gives up, and its bound: a crash loses the `last_seen_at`
//! updates noted since the last flush, at most a second's (the seat keeps
//! the time it was seen before). Nothing else depends on the time: no rule
//! reads it, only support's device lists, which [`SeenLog::latest`] brings
//! up to date in this process (`keyslot-server license show`, another
//! process, may be a second behind). A seat freed in between is not written
//! back to life: the update touches live seats only.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::Db;
use crate::db::write_tx;
use crate::queries::Conn as _;

/// Rows per `UPDATE` batch (two bound values each).
const BATCH: usize = 400;

/// The `last_seen_at` of seats seen since the last flush, by activation id.
#[derive(Debug, Default)]
pub struct SeenLog(Mutex<HashMap<String, i64>>);

impl SeenLog {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, i64>> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Notes that `activation_id`'s seat was seen at `at` (the later time counts).
    pub fn note(&self, activation_id: &str, at: i64) {
        let mut seen = self.lock();
        match seen.get_mut(activation_id) {
            Some(latest) => *latest = (*latest).max(at),
            None => {
                seen.insert(activation_id.to_owned(), at);
            }
        }
    }

    /// When `activation_id`'s seat was last seen, if it was since the last flush.
    pub fn latest(&self, activation_id: &str) -> Option<i64> {
        self.lock().get(activation_id).copied()
    }

    /// Seats waiting to be written.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether nothing waits.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Writes what was noted, in one transaction, to live seats only and
    /// never moving a time back. On failure everything noted waits for the
    /// next flush.
    pub async fn flush(&self, db: &Db) -> Result<(), sqlx::Error> {
        let mut taken: Vec<(String, i64)> = std::mem::take(&mut *self.lock()).into_iter().collect();
        // In one order, so that replicas flushing the same seats on
        // PostgreSQL lock their rows in the same order (never a deadlock).
        taken.sort_unstable();
        if taken.is_empty() {
            return Ok(());
        }
        let written = write(db, &taken).await;
        if written.is_err() {
            for (id, at) in &taken {
                self.note(id, *at);
            }
        }
        written
    }
}

async fn write(db: &Db, seen: &[(String, i64)]) -> Result<(), sqlx::Error> {
    write_tx!(db, |conn| {
        for chunk in seen.chunks(BATCH) {
            conn.write_seen(chunk).await?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use keyslot_protocol::{ActivateRequest, Machine};

    use super::*;
    use crate::store;

    const T: i64 = 1_800_000_000;

    fn sqlite(db: &Db) -> &crate::db::SqliteDb {
        db.as_sqlite().expect("a SQLite database")
    }

    async fn last_seen(db: &Db, id: &str) -> i64 {
        sqlx::query_scalar("SELECT last_seen_at FROM activations WHERE id = ?")
            .bind(id)
            .fetch_one(&sqlite(db).read)
            .await
            .expect("a seat")
    }

    /// A database with one license of two seats, both taken at `T`.
    async fn two_seats(dir: &std::path::Path) -> (Db, String, [String; 2]) {
        let db = Db::open(&crate::db::Location::Sqlite(dir.join("l.db")))
            .await
            .expect("db");
        let key = store::create_license(&db, "KS-SEEN-TEST-0001".to_owned(), 2, None, T)
            .await
            .expect("license");
        let mut ids = Vec::new();
        for n in ['a', 'b'] {
            let request = ActivateRequest {
                license_key: key.clone(),
                machine: Machine {
                    fingerprint: n.to_string().repeat(64),
                    name: format!("machine {n}"),
                    platform: "linux".to_owned(),
                },
            };
            let answer = store::activate(&db, T, &request).await.expect("seat");
            ids.push(answer.activation.id);
        }
        (db, key, ids.try_into().expect("two"))
    }

    #[tokio::test]
    async fn what_is_noted_is_written_at_the_flush_and_lost_only_before_it() {
        let dir = tempfile::tempdir().expect("dir");
        let (db, _, [a, b]) = two_seats(dir.path()).await;
        let seen = SeenLog::default();
        seen.note(&a, T + 10);
        seen.note(&a, T + 5);
        assert_eq!(seen.latest(&a), Some(T + 10), "the later time counts");
        // Before the flush, the database has the time of the last write:
        // what a crash now would lose is only what was noted since.
        assert_eq!(last_seen(&db, &a).await, T);
        seen.flush(&db).await.expect("flushed");
        assert!(seen.is_empty());
        assert_eq!(last_seen(&db, &a).await, T + 10);
        assert_eq!(last_seen(&db, &b).await, T, "a seat not seen is untouched");
        // Never back in time.
        seen.note(&a, T + 1);
        seen.flush(&db).await.expect("flushed");
        assert_eq!(last_seen(&db, &a).await, T + 10);
        db.close().await;
    }

    #[tokio::test]
    async fn a_seat_freed_before_the_flush_stays_freed() {
        let dir = tempfile::tempdir().expect("dir");
        let (db, _, [a, _]) = two_seats(dir.path()).await;
        let seen = SeenLog::default();
        seen.note(&a, T + 10);
        sqlx::query("UPDATE activations SET deactivated_at = ? WHERE id = ?")
            .bind(T + 5)
            .bind(&a)
            .execute(&sqlite(&db).write)
            .await
            .expect("freed");
        seen.flush(&db).await.expect("flushed");
        assert_eq!(last_seen(&db, &a).await, T, "a freed seat is not written");
        let freed: Option<i64> =
            sqlx::query_scalar("SELECT deactivated_at FROM activations WHERE id = ?")
                .bind(&a)
                .fetch_one(&sqlite(&db).read)
                .await
                .expect("row");
        assert_eq!(freed, Some(T + 5));
        db.close().await;
    }

    #[tokio::test]
    async fn many_seats_are_written_in_batches_of_one_transaction() {
        let dir = tempfile::tempdir().expect("dir");
        let (db, _, [a, b]) = two_seats(dir.path()).await;
        let seen = SeenLog::default();
        // More than a batch, most of them ids no seat has.
        for n in 0..(BATCH * 2 + 7) {
            seen.note(&format!("act_missing_{n}"), T + 1);
        }
        seen.note(&a, T + 20);
        seen.note(&b, T + 30);
        seen.flush(&db).await.expect("flushed");
        assert_eq!(last_seen(&db, &a).await, T + 20);
        assert_eq!(last_seen(&db, &b).await, T + 30);
        db.close().await;
    }
}
