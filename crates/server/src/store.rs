//! Licenses and seats in SQLite, and the business rules of the four endpoints
//! (check 8 of `docs/protocol.md`) and of the admin commands. The seat rules
//! ([`take_seat`], [`seen_seat`], [`free_seat`]) run inside a caller's
//! transaction, so [`crate::offline`] applies the very same ones.

use keyslot_protocol::{
    ActivateRequest, ActivateResponse, DeactivateRequest, DeactivateResponse, Device,
    DevicesRequest, DevicesResponse, ErrorCode, FieldError, LicenseState, LicenseSummary, Machine,
    StatusRequest, StatusResponse,
};
use sqlx::SqliteConnection;
use time::OffsetDateTime;

use crate::admin::AdminState;
use crate::seen::SeenLog;
use crate::{Db, config::Limits, error::AppError};

/// A license row, with the number of seats it holds now.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct License {
    /// Row id.
    pub id: i64,
    /// The key.
    pub key: String,
    /// Stored state: `ACTIVE`, `SUSPENDED`, `EXPIRED` or `REVOKED`.
    pub state: String,
    /// Seats allowed.
    pub max_activations: i64,
    /// Expiry, unix seconds.
    pub expires_at: Option<i64>,
    /// Creation, unix seconds.
    pub created_at: i64,
    /// Soft deletion, unix seconds.
    pub deleted_at: Option<i64>,
    /// Live seats.
    pub used: i64,
}

/// The columns of a [`License`] from `licenses l`.
macro_rules! license_columns {
    () => {
        "l.id, l.key, l.state, l.max_activations, l.expires_at, l.created_at, l.deleted_at, \
         (SELECT COUNT(*) FROM activations a WHERE a.license_id = l.id AND a.deactivated_at IS NULL) AS used"
    };
}

const LICENSE_SELECT: &str = concat!("SELECT ", license_columns!(), " FROM licenses l");

/// A license by its key and the live seat of a fingerprint on it, in one
/// query (`/status`'s read: one round trip to SQLite's thread, not two).
const LICENSE_AND_SEAT: &str = concat!(
    "SELECT ",
    license_columns!(),
    ", s.id AS seat_id, s.name AS seat_name, s.platform AS seat_platform, \
     s.created_at AS seat_created_at, s.last_seen_at AS seat_last_seen_at \
     FROM licenses l LEFT JOIN activations s \
     ON s.license_id = l.id AND s.fingerprint = ? AND s.deactivated_at IS NULL \
     WHERE l.key = ?"
);

/// A row of [`LICENSE_AND_SEAT`].
#[derive(Debug, sqlx::FromRow)]
struct LicenseAndSeat {
    #[sqlx(flatten)]
    license: License,
    seat_id: Option<String>,
    seat_name: Option<String>,
    seat_platform: Option<String>,
    seat_created_at: Option<i64>,
    seat_last_seen_at: Option<i64>,
}

impl LicenseAndSeat {
    /// The seat, if the fingerprint holds one.
    fn seat(self, fingerprint: &str) -> (License, Option<DeviceRow>) {
        let seat = match (
            self.seat_id,
            self.seat_name,
            self.seat_platform,
            self.seat_created_at,
            self.seat_last_seen_at,
        ) {
            (Some(id), Some(name), Some(platform), Some(created_at), Some(last_seen_at)) => {
                Some(DeviceRow {
                    id,
                    fingerprint: fingerprint.to_owned(),
                    name,
                    platform,
                    created_at,
                    last_seen_at,
                })
            }
            _ => None,
        };
        (self.license, seat)
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct DeviceRow {
    id: String,
    fingerprint: String,
    name: String,
    platform: String,
    created_at: i64,
    last_seen_at: i64,
}

fn datetime(unix: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(unix).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

impl From<DeviceRow> for Device {
    fn from(row: DeviceRow) -> Self {
        Device {
            id: row.id,
            fingerprint: row.fingerprint,
            name: row.name,
            platform: row.platform,
            created_at: datetime(row.created_at),
            last_seen_at: datetime(row.last_seen_at),
        }
    }
}

fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl License {
    /// The state a client sees at `now`: an active license past its expiry is `EXPIRED`.
    pub fn state_at(&self, now: i64) -> LicenseState {
        match self.state.as_str() {
            "ACTIVE" if self.expires_at.is_some_and(|at| at <= now) => LicenseState::Expired,
            "ACTIVE" => LicenseState::Active,
            "SUSPENDED" => LicenseState::Suspended,
            "EXPIRED" => LicenseState::Expired,
            "REVOKED" => LicenseState::Revoked,
            _ => LicenseState::Unknown,
        }
    }

    /// The summary sent to clients.
    pub fn summary(&self, now: i64) -> LicenseSummary {
        LicenseSummary {
            state: self.state_at(now),
            max_activations: count(self.max_activations),
            used_activations: count(self.used),
            expires_at: self.expires_at.map(datetime),
        }
    }

    /// The gate every endpoint applies: revoked is `1708`, any other
    /// non-active state `1704` with the state in `details`.
    fn usable(&self, now: i64) -> Result<(), AppError> {
        match self.state_at(now) {
            LicenseState::Active => Ok(()),
            LicenseState::Revoked => Err(AppError::new(ErrorCode::Revoked, "license was revoked")),
            state => Err(AppError::new(ErrorCode::Inactive, "license is not active")
                .with_details(vec![FieldError::new("state", state.as_str())])),
        }
    }
}

/// How a license is named: by its key (the signed API, the admin
/// commands) or by the SHA-256 of its key (an offline request code).
#[derive(Debug, Clone, Copy)]
pub enum LicenseRef<'a> {
    /// The key.
    Key(&'a str),
    /// [`keyslot_protocol::offline::key_sha256`] of the key.
    KeySha256(&'a [u8; 32]),
}

async fn find(
    conn: &mut SqliteConnection,
    by: LicenseRef<'_>,
) -> Result<Option<License>, sqlx::Error> {
    match by {
        LicenseRef::Key(key) => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{LICENSE_SELECT} WHERE l.key = ?"
            )))
            .bind(key)
            .fetch_optional(conn)
            .await
        }
        LicenseRef::KeySha256(hash) => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{LICENSE_SELECT} WHERE l.key_sha256 = ?"
            )))
            .bind(hash.as_slice())
            .fetch_optional(conn)
            .await
        }
    }
}

/// Finds a license that is not soft-deleted (else `1703`) and passes the
/// gate (`1704`, `1708`).
pub(crate) async fn usable_license(
    conn: &mut SqliteConnection,
    by: LicenseRef<'_>,
    now: i64,
) -> Result<License, AppError> {
    let license = find(conn, by)
        .await?
        .filter(|l| l.deleted_at.is_none())
        .ok_or_else(not_found)?;
    license.usable(now)?;
    Ok(license)
}

/// The key of the license whose key has SHA-256 `hash`, soft-deleted or
/// not (the per-key rate of an offline request counts in its bucket).
pub async fn key_of(db: &Db, hash: &[u8; 32]) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT key FROM licenses WHERE key_sha256 = ?")
        .bind(hash.as_slice())
        .fetch_optional(&db.read)
        .await
}

const DEVICE_SELECT: &str =
    "SELECT id, fingerprint, name, platform, created_at, last_seen_at FROM activations";

async fn live_device(
    conn: &mut SqliteConnection,
    license_id: i64,
    column: &'static str,
    value: &str,
) -> Result<Option<DeviceRow>, sqlx::Error> {
    let sql =
        format!("{DEVICE_SELECT} WHERE license_id = ? AND {column} = ? AND deactivated_at IS NULL");
    sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(license_id)
        .bind(value)
        .fetch_optional(conn)
        .await
}

async fn live_devices(
    conn: &mut SqliteConnection,
    license_id: i64,
) -> Result<Vec<Device>, sqlx::Error> {
    let sql = format!(
        "{DEVICE_SELECT} WHERE license_id = ? AND deactivated_at IS NULL ORDER BY created_at, id"
    );
    let rows: Vec<DeviceRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(license_id)
        .fetch_all(conn)
        .await?;
    Ok(rows.into_iter().map(Device::from).collect())
}

/// `1703`: no license has this key (or it was deleted).
fn not_found() -> AppError {
    AppError::new(ErrorCode::NotFound, "license key not found")
}

/// `1709`: this machine holds no live seat on the license.
pub(crate) fn not_activated() -> AppError {
    AppError::new(
        ErrorCode::MachineNotActivated,
        "this machine holds no seat on this license",
    )
}

/// Marks a live seat as seen at `now`; `false` when it is no longer live.
async fn mark_seen(conn: &mut SqliteConnection, id: &str, now: i64) -> Result<bool, sqlx::Error> {
    let updated = sqlx::query(
        "UPDATE activations SET last_seen_at = ? WHERE id = ? AND deactivated_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// `/activate`: takes a seat, or returns the machine's existing one.
/// Runs in one `BEGIN IMMEDIATE` transaction, so the cap holds under
/// concurrent activations, from this process or another.
pub async fn activate(
    db: &Db,
    now: i64,
    req: &ActivateRequest,
) -> Result<ActivateResponse, AppError> {
    let mut tx = db.write.begin_with("BEGIN IMMEDIATE").await?;
    let mut license = usable_license(&mut tx, LicenseRef::Key(&req.license_key), now).await?;
    let activation = take_seat(&mut tx, now, &mut license, &req.machine).await?;
    tx.commit().await?;
    Ok(ActivateResponse {
        activation,
        license: license.summary(now),
        lease: None,
    })
}

/// The rules of `/activate` on a `license` that passed the gate, inside the
/// caller's write transaction (`BEGIN IMMEDIATE`): the machine's live seat,
/// marked as seen, or a new seat within the cap (`1705`); `license.used`
/// counts it.
pub(crate) async fn take_seat(
    conn: &mut SqliteConnection,
    now: i64,
    license: &mut License,
    machine: &Machine,
) -> Result<Device, AppError> {
    if let Some(existing) =
        live_device(conn, license.id, "fingerprint", &machine.fingerprint).await?
    {
        mark_seen(conn, &existing.id, now).await?;
        return Ok(Device::from(DeviceRow {
            last_seen_at: now,
            ..existing
        }));
    }
    if license.used >= license.max_activations {
        return Err(AppError::new(
            ErrorCode::LimitReached,
            format!(
                "activation limit reached ({} of {} seats used)",
                license.used, license.max_activations
            ),
        ));
    }
    let row = DeviceRow {
        id: format!("act_{}", ulid::Ulid::generate()),
        fingerprint: machine.fingerprint.clone(),
        name: machine.name.clone(),
        platform: machine.platform.clone(),
        created_at: now,
        last_seen_at: now,
    };
    sqlx::query(
        "INSERT INTO activations (id, license_id, fingerprint, name, platform, created_at, last_seen_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&row.id)
    .bind(license.id)
    .bind(&row.fingerprint)
    .bind(&row.name)
    .bind(&row.platform)
    .bind(now)
    .bind(now)
    .execute(conn)
    .await?;
    license.used += 1;
    Ok(row.into())
}

/// The machine's live seat on `license`, marked as seen at `now`, inside
/// the caller's write transaction; `1709` when it holds none.
pub(crate) async fn seen_seat(
    conn: &mut SqliteConnection,
    now: i64,
    license: &License,
    fingerprint: &str,
) -> Result<Device, AppError> {
    let device = live_device(conn, license.id, "fingerprint", fingerprint)
        .await?
        .ok_or_else(not_activated)?;
    mark_seen(conn, &device.id, now).await?;
    Ok(Device::from(DeviceRow {
        last_seen_at: now,
        ..device
    }))
}

/// `/status`: the license and this machine's seat, read on a reader; the
/// seat is noted as seen in `seen`, written behind ([`crate::seen`]). The
/// answer is as of the read: a seat freed after it answers `1709` from the
/// next call on.
pub async fn status(
    db: &Db,
    seen: &SeenLog,
    now: i64,
    req: &StatusRequest,
) -> Result<StatusResponse, AppError> {
    let row: Option<LicenseAndSeat> = sqlx::query_as(LICENSE_AND_SEAT)
        .bind(&req.fingerprint)
        .bind(&req.license_key)
        .fetch_optional(&db.read)
        .await?;
    let (license, device) = row
        .filter(|r| r.license.deleted_at.is_none())
        .ok_or_else(not_found)?
        .seat(&req.fingerprint);
    license.usable(now)?;
    let device = device.ok_or_else(not_activated)?;
    seen.note(&device.id, now);
    let activation = Device::from(DeviceRow {
        last_seen_at: now,
        ..device
    });
    Ok(StatusResponse {
        license: license.summary(now),
        activation,
        lease: None,
    })
}

/// `/devices`: every live seat, oldest first, read from one snapshot.
pub async fn devices(
    db: &Db,
    seen: &SeenLog,
    now: i64,
    req: &DevicesRequest,
) -> Result<DevicesResponse, AppError> {
    let mut tx = db.read.begin().await?;
    let license = usable_license(&mut tx, LicenseRef::Key(&req.license_key), now).await?;
    let mut devices = live_devices(&mut tx, license.id).await?;
    tx.commit().await?;
    for device in &mut devices {
        if let Some(at) = seen
            .latest(&device.id)
            .filter(|at| *at > device.last_seen_at.unix_timestamp())
        {
            device.last_seen_at = datetime(at);
        }
    }
    Ok(DevicesResponse {
        license: license.summary(now),
        devices,
    })
}

/// `/deactivate`: frees a seat, within the license's deactivation budget.
pub async fn deactivate(
    db: &Db,
    now: i64,
    limits: &Limits,
    req: &DeactivateRequest,
) -> Result<DeactivateResponse, AppError> {
    let mut tx = db.write.begin_with("BEGIN IMMEDIATE").await?;
    let mut license = usable_license(&mut tx, LicenseRef::Key(&req.license_key), now).await?;
    let freed = free_seat(
        &mut tx,
        now,
        limits,
        &mut license,
        Seat::Id(&req.activation_id),
    )
    .await?;
    tx.commit().await?;
    Ok(DeactivateResponse {
        license: license.summary(now),
        freed,
    })
}

/// Which seat to free.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Seat<'a> {
    /// By its activation id (`/deactivate`).
    Id(&'a str),
    /// By the machine's fingerprint (an offline request).
    Fingerprint(&'a str),
}

/// The rules of `/deactivate` on a `license` that passed the gate, inside
/// the caller's write transaction (`BEGIN IMMEDIATE`): the live `seat`
/// (else `1709`) is freed within the deactivation budget (else `1710`
/// with the wait); `license.used` counts it.
pub(crate) async fn free_seat(
    conn: &mut SqliteConnection,
    now: i64,
    limits: &Limits,
    license: &mut License,
    seat: Seat<'_>,
) -> Result<Device, AppError> {
    let (column, value, missing) = match seat {
        Seat::Id(id) => ("id", id, "no live seat with this activation id"),
        Seat::Fingerprint(fpr) => (
            "fingerprint",
            fpr,
            "this machine holds no seat on this license",
        ),
    };
    let device = live_device(conn, license.id, column, value)
        .await?
        .ok_or_else(|| AppError::new(ErrorCode::MachineNotActivated, missing))?;
    let window_start = now - limits.deactivation_window_secs;
    let (used, oldest): (i64, Option<i64>) = sqlx::query_as(
        "SELECT COUNT(*), MIN(deactivated_at) FROM activations WHERE license_id = ? AND deactivated_at > ?",
    )
    .bind(license.id)
    .bind(window_start)
    .fetch_one(&mut *conn)
    .await?;
    if used >= i64::from(limits.deactivation_budget) {
        let next = oldest.map_or(limits.deactivation_window_secs, |at| {
            at + limits.deactivation_window_secs - now
        });
        return Err(AppError::new(
            ErrorCode::DeactivationLimit,
            format!(
                "deactivation budget used up ({used} of {} in {}s)",
                limits.deactivation_budget, limits.deactivation_window_secs
            ),
        )
        .retry_after(u64::try_from(next).unwrap_or(1)));
    }
    sqlx::query("UPDATE activations SET deactivated_at = ? WHERE id = ?")
        .bind(now)
        .bind(&device.id)
        .execute(conn)
        .await?;
    license.used -= 1;
    Ok(device.into())
}

/// Why an admin command failed.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    /// No license has this key.
    #[error("no license with key {0}")]
    NotFound(String),
    /// `--key` names a key that exists.
    #[error("a license with key {0} already exists")]
    Duplicate(String),
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    /// Seeding demo data failed.
    #[error("demo data: {0}")]
    Demo(String),
}

/// Creates a license and returns its key.
pub async fn create_license(
    db: &Db,
    key: String,
    seats: u32,
    expires_at: Option<i64>,
    now: i64,
) -> Result<String, AdminError> {
    let result = sqlx::query(
        "INSERT INTO licenses (key, key_sha256, state, max_activations, expires_at, created_at) \
         VALUES (?, ?, 'ACTIVE', ?, ?, ?)",
    )
    .bind(&key)
    .bind(keyslot_protocol::offline::key_sha256(&key).to_vec())
    .bind(i64::from(seats))
    .bind(expires_at)
    .bind(now)
    .execute(&db.write)
    .await;
    match result {
        Ok(_) => Ok(key),
        Err(e)
            if e.as_database_error()
                .is_some_and(|d| d.is_unique_violation()) =>
        {
            Err(AdminError::Duplicate(key))
        }
        Err(e) => Err(e.into()),
    }
}

/// Sets a license's state; `Deleted` soft-deletes, any other state also restores.
pub async fn set_state(db: &Db, key: &str, state: AdminState, now: i64) -> Result<(), AdminError> {
    let result = match state.stored_name() {
        None => {
            sqlx::query("UPDATE licenses SET deleted_at = COALESCE(deleted_at, ?) WHERE key = ?")
                .bind(now)
                .bind(key)
                .execute(&db.write)
                .await?
        }
        Some(stored) => {
            sqlx::query("UPDATE licenses SET state = ?, deleted_at = NULL WHERE key = ?")
                .bind(stored)
                .bind(key)
                .execute(&db.write)
                .await?
        }
    };
    if result.rows_affected() == 0 {
        return Err(AdminError::NotFound(key.to_owned()));
    }
    Ok(())
}

/// Every license, soft-deleted ones included, oldest first.
pub async fn list_licenses(db: &Db) -> Result<Vec<License>, AdminError> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{LICENSE_SELECT} ORDER BY l.created_at, l.id"
    )))
    .fetch_all(&db.read)
    .await?)
}

/// One license (soft-deleted or not) and its live seats.
pub async fn show_license(db: &Db, key: &str) -> Result<(License, Vec<Device>), AdminError> {
    let mut conn = db.read.acquire().await?;
    let license = find(&mut conn, LicenseRef::Key(key))
        .await?
        .ok_or_else(|| AdminError::NotFound(key.to_owned()))?;
    let devices = live_devices(&mut conn, license.id).await?;
    Ok((license, devices))
}
