//! Every SQL statement the server runs on its database, once: [`Conn`],
//! implemented for SQLite's and PostgreSQL's connections by one macro over
//! the same text. The statements are written in the SQL both accept
//! (`$1` parameters, `ON CONFLICT DO NOTHING`, `UPDATE … FROM` a `WITH`);
//! where the two must differ, [`Conn::LOCKS_ROWS`] says which way.
//!
//! The rules that use them are in [`crate::store`], [`crate::offline`],
//! [`crate::nonces`], [`crate::seen`] and [`crate::request_log`].

use sqlx::{PgConnection, Postgres, QueryBuilder, Sqlite, SqliteConnection};

use crate::store::{DeviceRow, License, LicenseAndSeat, LicenseRef, Seat};

/// The columns of a [`License`] from `licenses l`.
macro_rules! license_columns {
    () => {
        "l.id, l.key, l.state, l.max_activations, l.expires_at, l.created_at, l.deleted_at, \
         (SELECT COUNT(*) FROM activations a WHERE a.license_id = l.id AND a.deactivated_at IS NULL) AS used"
    };
}

const LICENSE_SELECT: &str = concat!("SELECT ", license_columns!(), " FROM licenses l");

/// A license by its key and the live seat of a fingerprint on it, in one
/// query (`/status`'s read: one round trip, not two).
const LICENSE_AND_SEAT: &str = concat!(
    "SELECT ",
    license_columns!(),
    ", s.id AS seat_id, s.name AS seat_name, s.platform AS seat_platform, \
     s.created_at AS seat_created_at, s.last_seen_at AS seat_last_seen_at \
     FROM licenses l LEFT JOIN activations s \
     ON s.license_id = l.id AND s.fingerprint = $1 AND s.deactivated_at IS NULL \
     WHERE l.key = $2"
);

const DEVICE_SELECT: &str =
    "SELECT id, fingerprint, name, platform, created_at, last_seen_at FROM activations";

/// An answered offline request: its lease (`None`: a deactivation), and
/// its seat's name, id and when it was freed.
pub(crate) type OfflineAnswer = (Option<String>, String, String, Option<i64>);

/// A connection (or transaction) of either database.
pub(crate) trait Conn: Send {
    /// Whether [`Conn::find_license`] takes a row lock (PostgreSQL). SQLite
    /// needs none: its write transactions are serial (`BEGIN IMMEDIATE`).
    const LOCKS_ROWS: bool;

    /// The license named `by`, soft-deleted or not. With `lock`, inside a
    /// write transaction, its row stays locked until the commit, so that
    /// concurrent writers to one license (other replicas included) go one
    /// at a time and each counts the seats the one before took.
    async fn find_license(
        &mut self,
        by: LicenseRef<'_>,
        lock: bool,
    ) -> sqlx::Result<Option<License>>;
    /// The license with `key` and the live seat of `fingerprint` on it.
    async fn license_and_seat(
        &mut self,
        key: &str,
        fingerprint: &str,
    ) -> sqlx::Result<Option<LicenseAndSeat>>;
    /// The key whose SHA-256 is `hash`.
    async fn key_of(&mut self, hash: &[u8; 32]) -> sqlx::Result<Option<String>>;
    /// A live seat of the license.
    async fn live_device(
        &mut self,
        license_id: i64,
        seat: Seat<'_>,
    ) -> sqlx::Result<Option<DeviceRow>>;
    /// Every live seat of the license, oldest first.
    async fn live_devices(&mut self, license_id: i64) -> sqlx::Result<Vec<DeviceRow>>;
    /// Marks a live seat as seen at `now`; `false` when it is not live.
    async fn mark_seen(&mut self, id: &str, now: i64) -> sqlx::Result<bool>;
    /// Adds a seat.
    async fn insert_seat(&mut self, license_id: i64, row: &DeviceRow) -> sqlx::Result<()>;
    /// Seats of the license freed after `since`: how many, and the earliest time.
    async fn freed_since(
        &mut self,
        license_id: i64,
        since: i64,
    ) -> sqlx::Result<(i64, Option<i64>)>;
    /// Frees a seat at `now`.
    async fn free(&mut self, id: &str, now: i64) -> sqlx::Result<()>;
    /// Adds an active license.
    async fn insert_license(
        &mut self,
        key: &str,
        seats: u32,
        expires_at: Option<i64>,
        now: i64,
    ) -> sqlx::Result<()>;
    /// Soft-deletes a license (at `now`, unless it was already); the rows changed.
    async fn delete_license(&mut self, key: &str, now: i64) -> sqlx::Result<u64>;
    /// Sets a license's stored state and restores it; the rows changed.
    async fn set_license_state(&mut self, key: &str, stored: &str) -> sqlx::Result<u64>;
    /// Every license, oldest first.
    async fn list_licenses(&mut self) -> sqlx::Result<Vec<License>>;

    /// Drops answered offline requests issued before `before`.
    async fn forget_offline_before(&mut self, before: i64) -> sqlx::Result<()>;
    /// What the offline request code of `hash` was answered.
    async fn offline_answer(&mut self, hash: &[u8; 32]) -> sqlx::Result<Option<OfflineAnswer>>;
    /// Keeps what an offline request code was answered.
    async fn insert_offline_answer(&mut self, answer: &OfflineRow<'_>) -> sqlx::Result<()>;

    /// The replay cache's nonces seen at `since` or later, oldest first.
    async fn recent_nonces(&mut self, since: i64) -> sqlx::Result<Vec<(Vec<u8>, i64)>>;
    /// Adds nonces (their 128-bit digests) not held yet. `persistent` keeps
    /// the statement prepared (only the full batch's: one for every tail
    /// length would hold megabytes per connection).
    async fn insert_nonces(&mut self, nonces: &[(u128, i64)], persistent: bool)
    -> sqlx::Result<()>;
    /// Drops nonces seen before `before`.
    async fn drop_nonces(&mut self, before: i64) -> sqlx::Result<()>;

    /// Writes when live seats were last seen, never moving a time back;
    /// `seen` sorted by id (on PostgreSQL its rows are locked in that order).
    async fn write_seen(&mut self, seen: &[(String, i64)]) -> sqlx::Result<()>;

    /// The server's own key `name`, made from `fresh` on first use.
    async fn server_key(&mut self, name: &str, fresh: &[u8]) -> sqlx::Result<Vec<u8>>;

    /// One trivial query.
    async fn ping(&mut self) -> sqlx::Result<()>;
}

/// A row of `offline_requests`.
#[derive(Debug)]
pub(crate) struct OfflineRow<'a> {
    pub hash: &'a [u8; 32],
    pub kind: &'a str,
    pub license_id: i64,
    pub activation_id: &'a str,
    pub lease: Option<&'a str>,
    pub issued_at: i64,
    pub answered_at: i64,
}

/// [`Conn`] for `$conn`, whose database is `$db`.
macro_rules! conn_impl {
    ($conn:ty, $db:ty, locks_rows = $locks:literal) => {
        impl Conn for $conn {
            const LOCKS_ROWS: bool = $locks;

            async fn find_license(
                &mut self,
                by: LicenseRef<'_>,
                lock: bool,
            ) -> sqlx::Result<Option<License>> {
                let column = match by {
                    LicenseRef::Key(_) => "key",
                    LicenseRef::KeySha256(_) => "key_sha256",
                };
                if Self::LOCKS_ROWS && lock {
                    // Locked by a statement of its own: the count of seats
                    // below then sees every commit made while it waited.
                    let sql = format!("SELECT 1 FROM licenses WHERE {column} = $1 FOR UPDATE");
                    let query = sqlx::query(sqlx::AssertSqlSafe(sql));
                    match by {
                        LicenseRef::Key(key) => query.bind(key),
                        LicenseRef::KeySha256(hash) => query.bind(hash.as_slice()),
                    }
                    .execute(&mut *self)
                    .await?;
                }
                let sql = format!("{LICENSE_SELECT} WHERE l.{column} = $1");
                let query = sqlx::query_as::<_, License>(sqlx::AssertSqlSafe(sql));
                match by {
                    LicenseRef::Key(key) => query.bind(key),
                    LicenseRef::KeySha256(hash) => query.bind(hash.as_slice()),
                }
                .fetch_optional(&mut *self)
                .await
            }

            async fn license_and_seat(
                &mut self,
                key: &str,
                fingerprint: &str,
            ) -> sqlx::Result<Option<LicenseAndSeat>> {
                sqlx::query_as(LICENSE_AND_SEAT)
                    .bind(fingerprint)
                    .bind(key)
                    .fetch_optional(&mut *self)
                    .await
            }

            async fn key_of(&mut self, hash: &[u8; 32]) -> sqlx::Result<Option<String>> {
                sqlx::query_scalar("SELECT key FROM licenses WHERE key_sha256 = $1")
                    .bind(hash.as_slice())
                    .fetch_optional(&mut *self)
                    .await
            }

            async fn live_device(
                &mut self,
                license_id: i64,
                seat: Seat<'_>,
            ) -> sqlx::Result<Option<DeviceRow>> {
                let (column, value) = match seat {
                    Seat::Id(id) => ("id", id),
                    Seat::Fingerprint(fingerprint) => ("fingerprint", fingerprint),
                };
                let sql = format!(
                    "{DEVICE_SELECT} WHERE license_id = $1 AND {column} = $2 AND deactivated_at IS NULL"
                );
                sqlx::query_as(sqlx::AssertSqlSafe(sql))
                    .bind(license_id)
                    .bind(value)
                    .fetch_optional(&mut *self)
                    .await
            }

            async fn live_devices(&mut self, license_id: i64) -> sqlx::Result<Vec<DeviceRow>> {
                let sql = format!(
                    "{DEVICE_SELECT} WHERE license_id = $1 AND deactivated_at IS NULL ORDER BY created_at, id"
                );
                sqlx::query_as(sqlx::AssertSqlSafe(sql))
                    .bind(license_id)
                    .fetch_all(&mut *self)
                    .await
            }

            async fn mark_seen(&mut self, id: &str, now: i64) -> sqlx::Result<bool> {
                let updated = sqlx::query(
                    "UPDATE activations SET last_seen_at = $1 WHERE id = $2 AND deactivated_at IS NULL",
                )
                .bind(now)
                .bind(id)
                .execute(&mut *self)
                .await?;
                Ok(updated.rows_affected() == 1)
            }

            async fn insert_seat(&mut self, license_id: i64, row: &DeviceRow) -> sqlx::Result<()> {
                sqlx::query(
                    "INSERT INTO activations \
                     (id, license_id, fingerprint, name, platform, created_at, last_seen_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(&row.id)
                .bind(license_id)
                .bind(&row.fingerprint)
                .bind(&row.name)
                .bind(&row.platform)
                .bind(row.created_at)
                .bind(row.last_seen_at)
                .execute(&mut *self)
                .await?;
                Ok(())
            }

            async fn freed_since(
                &mut self,
                license_id: i64,
                since: i64,
            ) -> sqlx::Result<(i64, Option<i64>)> {
                sqlx::query_as(
                    "SELECT COUNT(*), MIN(deactivated_at) FROM activations \
                     WHERE license_id = $1 AND deactivated_at > $2",
                )
                .bind(license_id)
                .bind(since)
                .fetch_one(&mut *self)
                .await
            }

            async fn free(&mut self, id: &str, now: i64) -> sqlx::Result<()> {
                sqlx::query("UPDATE activations SET deactivated_at = $1 WHERE id = $2")
                    .bind(now)
                    .bind(id)
                    .execute(&mut *self)
                    .await?;
                Ok(())
            }

            async fn insert_license(
                &mut self,
                key: &str,
                seats: u32,
                expires_at: Option<i64>,
                now: i64,
            ) -> sqlx::Result<()> {
                sqlx::query(
                    "INSERT INTO licenses \
                     (key, key_sha256, state, max_activations, expires_at, created_at) \
                     VALUES ($1, $2, 'ACTIVE', $3, $4, $5)",
                )
                .bind(key)
                .bind(keyslot_protocol::offline::key_sha256(key).to_vec())
                .bind(i64::from(seats))
                .bind(expires_at)
                .bind(now)
                .execute(&mut *self)
                .await?;
                Ok(())
            }

            async fn delete_license(&mut self, key: &str, now: i64) -> sqlx::Result<u64> {
                let done = sqlx::query(
                    "UPDATE licenses SET deleted_at = COALESCE(deleted_at, $1) WHERE key = $2",
                )
                .bind(now)
                .bind(key)
                .execute(&mut *self)
                .await?;
                Ok(done.rows_affected())
            }

            async fn set_license_state(&mut self, key: &str, stored: &str) -> sqlx::Result<u64> {
                let done =
                    sqlx::query("UPDATE licenses SET state = $1, deleted_at = NULL WHERE key = $2")
                        .bind(stored)
                        .bind(key)
                        .execute(&mut *self)
                        .await?;
                Ok(done.rows_affected())
            }

            async fn list_licenses(&mut self) -> sqlx::Result<Vec<License>> {
                sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "{LICENSE_SELECT} ORDER BY l.created_at, l.id"
                )))
                .fetch_all(&mut *self)
                .await
            }

            async fn forget_offline_before(&mut self, before: i64) -> sqlx::Result<()> {
                sqlx::query("DELETE FROM offline_requests WHERE issued_at < $1")
                    .bind(before)
                    .execute(&mut *self)
                    .await?;
                Ok(())
            }

            async fn offline_answer(
                &mut self,
                hash: &[u8; 32],
            ) -> sqlx::Result<Option<OfflineAnswer>> {
                sqlx::query_as(
                    "SELECT o.lease, a.name, a.id, a.deactivated_at FROM offline_requests o \
                     JOIN activations a ON a.id = o.activation_id WHERE o.hash = $1",
                )
                .bind(hash.as_slice())
                .fetch_optional(&mut *self)
                .await
            }

            async fn insert_offline_answer(&mut self, row: &OfflineRow<'_>) -> sqlx::Result<()> {
                sqlx::query(
                    "INSERT INTO offline_requests \
                     (hash, kind, license_id, activation_id, lease, issued_at, answered_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(row.hash.as_slice())
                .bind(row.kind)
                .bind(row.license_id)
                .bind(row.activation_id)
                .bind(row.lease)
                .bind(row.issued_at)
                .bind(row.answered_at)
                .execute(&mut *self)
                .await?;
                Ok(())
            }

            async fn recent_nonces(&mut self, since: i64) -> sqlx::Result<Vec<(Vec<u8>, i64)>> {
                sqlx::query_as(
                    "SELECT hash, seen_at FROM nonces WHERE seen_at >= $1 ORDER BY seen_at",
                )
                .bind(since)
                .fetch_all(&mut *self)
                .await
            }

            async fn insert_nonces(
                &mut self,
                nonces: &[(u128, i64)],
                persistent: bool,
            ) -> sqlx::Result<()> {
                let mut insert = QueryBuilder::<$db>::new("INSERT INTO nonces (hash, seen_at) ");
                insert.push_values(nonces, |mut row, (hash, seen_at)| {
                    row.push_bind(hash.to_be_bytes().to_vec()).push_bind(*seen_at);
                });
                insert.push(" ON CONFLICT DO NOTHING");
                insert
                    .build()
                    .persistent(persistent)
                    .execute(&mut *self)
                    .await?;
                Ok(())
            }

            async fn drop_nonces(&mut self, before: i64) -> sqlx::Result<()> {
                sqlx::query("DELETE FROM nonces WHERE seen_at < $1")
                    .bind(before)
                    .execute(&mut *self)
                    .await?;
                Ok(())
            }

            async fn write_seen(&mut self, seen: &[(String, i64)]) -> sqlx::Result<()> {
                if Self::LOCKS_ROWS {
                    // The rows locked first, in the order of `seen` (sorted
                    // by the caller): an UPDATE's join locks in no set order.
                    let mut lock = QueryBuilder::<$db>::new("SELECT id FROM activations WHERE id IN (");
                    let mut ids = lock.separated(", ");
                    for (id, _) in seen {
                        ids.push_bind(id);
                    }
                    lock.push(") ORDER BY id FOR NO KEY UPDATE");
                    lock.build().execute(&mut *self).await?;
                }
                // One statement: a VALUES list joined to the seats.
                let mut query = QueryBuilder::<$db>::new("WITH seen (id, at) AS (");
                query.push_values(seen, |mut row, (id, at)| {
                    row.push_bind(id).push_bind(at);
                });
                query.push(
                    ") UPDATE activations SET last_seen_at = \
                     CASE WHEN seen.at > activations.last_seen_at THEN seen.at \
                     ELSE activations.last_seen_at END \
                     FROM seen WHERE activations.id = seen.id \
                     AND activations.deactivated_at IS NULL",
                );
                query.build().execute(&mut *self).await?;
                Ok(())
            }

            async fn server_key(&mut self, name: &str, fresh: &[u8]) -> sqlx::Result<Vec<u8>> {
                sqlx::query(
                    "INSERT INTO server_keys (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                )
                .bind(name)
                .bind(fresh)
                .execute(&mut *self)
                .await?;
                sqlx::query_scalar("SELECT value FROM server_keys WHERE name = $1")
                    .bind(name)
                    .fetch_one(&mut *self)
                    .await
            }

            async fn ping(&mut self) -> sqlx::Result<()> {
                sqlx::query("SELECT 1").execute(&mut *self).await?;
                Ok(())
            }
        }
    };
}

conn_impl!(SqliteConnection, Sqlite, locks_rows = false);
conn_impl!(PgConnection, Postgres, locks_rows = true);
