//! Licenses and seats, and the business rules of the four endpoints (check 8
//! of `docs/protocol.md`) and of the admin commands, on either database
//! (the statements are [`crate::queries`]'). The seat rules ([`take_seat`],
//! [`seen_seat`], [`free_seat`]) run inside a caller's transaction, so
//! [`crate::offline`] applies the very same ones.

use keyslot_protocol::{
    ActivateRequest, ActivateResponse, DeactivateRequest, DeactivateResponse, Device,
    DevicesRequest, DevicesResponse, ErrorCode, FieldError, LicenseState, LicenseSummary, Machine,
    StatusRequest, StatusResponse,
};
use time::OffsetDateTime;

use crate::admin::AdminState;
use crate::db::{read_conn, read_tx, write_tx};
use crate::queries::Conn;
use crate::read_cache::ReadCache;
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

/// A license and the live seat of a fingerprint on it, if any
/// ([`Conn::license_and_seat`]).
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct LicenseAndSeat {
    #[sqlx(flatten)]
    pub(crate) license: License,
    seat_id: Option<String>,
    seat_name: Option<String>,
    seat_platform: Option<String>,
    seat_created_at: Option<i64>,
    seat_last_seen_at: Option<i64>,
}

impl LicenseAndSeat {
    /// A license of id `id` without a seat.
    #[cfg(test)]
    pub(crate) fn for_tests(id: i64) -> Self {
        Self {
            license: License {
                id,
                key: format!("KEY-{id}"),
                state: "ACTIVE".to_owned(),
                max_activations: 1,
                expires_at: None,
                created_at: 0,
                deleted_at: None,
                used: 0,
            },
            seat_id: None,
            seat_name: None,
            seat_platform: None,
            seat_created_at: None,
            seat_last_seen_at: None,
        }
    }

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

/// A row of `activations`.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct DeviceRow {
    pub id: String,
    pub fingerprint: String,
    pub name: String,
    pub platform: String,
    pub created_at: i64,
    pub last_seen_at: i64,
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

/// Finds a license that is not soft-deleted (else `1703`) and passes the
/// gate (`1704`, `1708`). In a write transaction, `lock` keeps the
/// license's row locked until the commit ([`Conn::find_license`]).
pub(crate) async fn usable_license(
    conn: &mut impl Conn,
    by: LicenseRef<'_>,
    now: i64,
    lock: bool,
) -> Result<License, AppError> {
    let license = conn
        .find_license(by, lock)
        .await?
        .filter(|l| l.deleted_at.is_none())
        .ok_or_else(not_found)?;
    license.usable(now)?;
    Ok(license)
}

/// The key of the license whose key has SHA-256 `hash`, soft-deleted or
/// not (the per-key rate of an offline request counts in its bucket).
pub async fn key_of(db: &Db, hash: &[u8; 32]) -> Result<Option<String>, sqlx::Error> {
    Ok(read_conn!(db, |conn| conn.key_of(hash).await?))
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

/// `/activate`: takes a seat, or returns the machine's existing one, in
/// one write transaction whose license is locked ([`write_tx!`]), so the
/// cap holds under concurrent activations, from this process or another.
pub async fn activate(
    db: &Db,
    now: i64,
    req: &ActivateRequest,
) -> Result<ActivateResponse, AppError> {
    write_tx!(db, |conn| {
        let by = LicenseRef::Key(&req.license_key);
        let mut license = usable_license(conn, by, now, true).await?;
        let activation = take_seat(conn, now, &mut license, &req.machine).await?;
        Ok(ActivateResponse {
            activation,
            license: license.summary(now),
            lease: None,
        })
    })
}

/// The rules of `/activate` on a `license` that passed the gate, inside the
/// caller's write transaction with the license locked: the machine's live
/// seat, marked as seen, or a new seat within the cap (`1705`);
/// `license.used` counts it.
pub(crate) async fn take_seat(
    conn: &mut impl Conn,
    now: i64,
    license: &mut License,
    machine: &Machine,
) -> Result<Device, AppError> {
    let mine = Seat::Fingerprint(&machine.fingerprint);
    if let Some(existing) = conn.live_device(license.id, mine).await? {
        conn.mark_seen(&existing.id, now).await?;
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
    conn.insert_seat(license.id, &row).await?;
    license.used += 1;
    Ok(row.into())
}

/// The machine's live seat on `license`, marked as seen at `now`, inside
/// the caller's write transaction; `1709` when it holds none.
pub(crate) async fn seen_seat(
    conn: &mut impl Conn,
    now: i64,
    license: &License,
    fingerprint: &str,
) -> Result<Device, AppError> {
    let device = conn
        .live_device(license.id, Seat::Fingerprint(fingerprint))
        .await?
        .ok_or_else(not_activated)?;
    conn.mark_seen(&device.id, now).await?;
    Ok(Device::from(DeviceRow {
        last_seen_at: now,
        ..device
    }))
}

/// `/status`: the license and this machine's seat, in one read (on SQLite
/// kept while the database is unchanged: [`crate::read_cache`]); the seat
/// is noted as seen in `seen`, written behind ([`crate::seen`]). The
/// answer is as of the read: a seat freed after it answers `1709` from the
/// next call on.
pub async fn status(
    db: &Db,
    seen: &SeenLog,
    now: i64,
    req: &StatusRequest,
) -> Result<StatusResponse, AppError> {
    let (key, fingerprint) = (req.license_key.as_str(), req.fingerprint.as_str());
    let cache = db.as_sqlite().map(|sqlite| &*sqlite.read_cache);
    let row = match cache.and_then(|cache| cache.get(key, fingerprint)) {
        Some(kept) => kept,
        None => {
            let state = cache.and_then(ReadCache::state);
            let row = read_conn!(db, |conn| conn.license_and_seat(key, fingerprint).await?);
            if let (Some(cache), Some(state)) = (cache, state) {
                cache.put(key, fingerprint, state, row.clone());
            }
            row
        }
    };
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
    let (license, rows) = read_tx!(db, |conn| {
        let by = LicenseRef::Key(&req.license_key);
        let license = usable_license(conn, by, now, false).await?;
        let rows = conn.live_devices(license.id).await?;
        Ok::<_, AppError>((license, rows))
    })?;
    let devices = rows
        .into_iter()
        .map(|mut row| {
            if let Some(at) = seen.latest(&row.id).filter(|at| *at > row.last_seen_at) {
                row.last_seen_at = at;
            }
            Device::from(row)
        })
        .collect();
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
    write_tx!(db, |conn| {
        let by = LicenseRef::Key(&req.license_key);
        let mut license = usable_license(conn, by, now, true).await?;
        let seat = Seat::Id(&req.activation_id);
        let freed = free_seat(conn, now, limits, &mut license, seat).await?;
        Ok(DeactivateResponse {
            license: license.summary(now),
            freed,
        })
    })
}

/// Which seat.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Seat<'a> {
    /// By its activation id (`/deactivate`).
    Id(&'a str),
    /// By the machine's fingerprint.
    Fingerprint(&'a str),
}

/// The rules of `/deactivate` on a `license` that passed the gate, inside
/// the caller's write transaction with the license locked: the live `seat`
/// (else `1709`) is freed within the deactivation budget (else `1710`
/// with the wait); `license.used` counts it.
pub(crate) async fn free_seat(
    conn: &mut impl Conn,
    now: i64,
    limits: &Limits,
    license: &mut License,
    seat: Seat<'_>,
) -> Result<Device, AppError> {
    let missing = match seat {
        Seat::Id(_) => "no live seat with this activation id",
        Seat::Fingerprint(_) => "this machine holds no seat on this license",
    };
    let device = conn
        .live_device(license.id, seat)
        .await?
        .ok_or_else(|| AppError::new(ErrorCode::MachineNotActivated, missing))?;
    let (used, oldest) = conn
        .freed_since(license.id, now - limits.deactivation_window_secs)
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
    conn.free(&device.id, now).await?;
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
    let inserted: Result<(), sqlx::Error> = async {
        write_tx!(db, |conn| conn
            .insert_license(&key, seats, expires_at, now)
            .await)
    }
    .await;
    match inserted {
        Ok(()) => Ok(key),
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
    let changed = write_tx!(db, |conn| match state.stored_name() {
        None => conn.delete_license(key, now).await,
        Some(stored) => conn.set_license_state(key, stored).await,
    })?;
    if changed == 0 {
        return Err(AdminError::NotFound(key.to_owned()));
    }
    Ok(())
}

/// Every license, soft-deleted ones included, oldest first.
pub async fn list_licenses(db: &Db) -> Result<Vec<License>, AdminError> {
    Ok(read_conn!(db, |conn| conn.list_licenses().await?))
}

/// One license (soft-deleted or not) and its live seats.
pub async fn show_license(db: &Db, key: &str) -> Result<(License, Vec<Device>), AdminError> {
    let (license, rows) = read_tx!(db, |conn| {
        let license = conn
            .find_license(LicenseRef::Key(key), false)
            .await?
            .ok_or_else(|| AdminError::NotFound(key.to_owned()))?;
        let rows = conn.live_devices(license.id).await?;
        Ok::<_, AdminError>((license, rows))
    })?;
    Ok((license, rows.into_iter().map(Device::from).collect()))
}
