//! Offline requests on the server: a code made by a machine without a
//! network (`keyslot_protocol::offline`) is verified ([`verify`]) and
//! answered ([`answer`]) with the rules of the signed endpoints, by the
//! offline page ([`crate::offline_page`]) and `keyslot-server lease issue`
//! alike.
//!
//! - Activate: `/activate`'s rules (the gate, the cap, idempotent per
//!   fingerprint) and a new lease.
//! - Renew: the machine's seat must still be live (`1709`); a new lease.
//! - Deactivate: `/deactivate`'s rules (the budget, `1710`) on the
//!   machine's seat, found by its fingerprint.
//!
//! A code is answered once: used again (while it is valid) it answers what
//! it answered the first time, the same lease or "freed", without taking a
//! second seat or spending the budget again. The answers are kept in the
//! table `offline_requests`, keyed by the SHA-256 of the code's canonical
//! form, and dropped once their code is too old to be answered.

use keyslot_protocol::ErrorCode;
use keyslot_protocol::offline::{
    CodeError, OfflineRequest, REQUEST_FUTURE_SECS, REQUEST_VALIDITY_SECS, RequestKind,
};
use keyslot_protocol::{FieldError, Machine};
use sha2::{Digest as _, Sha256};

use crate::db::write_tx;
use crate::error::AppError;
use crate::lease::Leases;
use crate::queries::{Conn, OfflineRow};
use crate::store::{self, LicenseRef, Seat};
use crate::{Db, Limits, Secret};

/// A request whose code verified and is within its validity.
#[derive(Debug, Clone)]
pub struct Verified {
    /// What the code asks.
    pub request: OfflineRequest,
    /// SHA-256 of the code's canonical form (without the whitespace a
    /// paste may add): what makes a code single-use.
    hash: [u8; 32],
}

/// An answered request: what it gives back, and the seat it was about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answered {
    /// What it gives back.
    pub answer: Answer,
    /// The activation taken, renewed or freed.
    pub activation_id: String,
}

/// What an answered request gives back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Activate or renew: the lease to carry back to the machine.
    Lease(String),
    /// Deactivate: the seat of the machine named so is free.
    Freed {
        /// The machine's name, as its seat recorded it.
        name: String,
    },
}

/// Reads `code` with the API `secret` at `now`: `1702` when it is not a
/// whole request code (or names no real machine), `1700` when its tag does
/// not verify (tampering, never an ordinary denial), `1701` when it was
/// made more than [`REQUEST_VALIDITY_SECS`] ago or more than
/// [`REQUEST_FUTURE_SECS`] ahead.
pub fn verify(code: &str, secret: &Secret, now: i64) -> Result<Verified, AppError> {
    let request = OfflineRequest::decode(code, secret.expose()).map_err(|e| match e {
        CodeError::Malformed => AppError::malformed(vec![FieldError::new("code", e.to_string())]),
        CodeError::Tampered => AppError::new(ErrorCode::BadSignature, e.to_string()),
    })?;
    check_age(request.issued_at, now)?;
    let hash = Sha256::digest(request.encode(secret.expose())).into();
    Ok(Verified { request, hash })
}

/// `1701` unless a code made at `issued_at` is answered at `now`.
fn check_age(issued_at: i64, now: i64) -> Result<(), AppError> {
    let age = now.saturating_sub(issued_at);
    if !(-REQUEST_FUTURE_SECS..=REQUEST_VALIDITY_SECS).contains(&age) {
        return Err(AppError::new(
            ErrorCode::StaleTimestamp,
            format!(
                "the request code was made {age}s from server time; it is answered from \
                 {REQUEST_FUTURE_SECS}s ahead to {REQUEST_VALIDITY_SECS}s after"
            ),
        ));
    }
    Ok(())
}

/// Answers `verified` at `now`, in one write transaction with the license
/// locked: the gate (`1703`, `1704`, `1708`), then the answer given
/// before, if any, else the rules of its kind (see the module docs).
pub async fn answer(
    db: &Db,
    now: i64,
    limits: &Limits,
    leases: &Leases,
    verified: &Verified,
) -> Result<Answered, AppError> {
    write_tx!(db, |conn| answer_in(conn, now, limits, leases, verified)
        .await)
}

async fn answer_in(
    conn: &mut impl Conn,
    now: i64,
    limits: &Limits,
    leases: &Leases,
    verified: &Verified,
) -> Result<Answered, AppError> {
    let request = &verified.request;
    conn.forget_offline_before(now - REQUEST_VALIDITY_SECS - REQUEST_FUTURE_SECS)
        .await?;
    let by = LicenseRef::KeySha256(&request.key_sha256);
    let mut license = store::usable_license(conn, by, now, true).await?;
    if let Some(before) = answered_before(conn, &verified.hash).await? {
        return Ok(before);
    }
    let (device, lease) = match request.kind {
        RequestKind::Activate => {
            let machine = Machine {
                fingerprint: request.fingerprint.clone(),
                name: request.name.clone(),
                platform: request.platform.clone(),
            };
            let device = store::take_seat(conn, now, &mut license, &machine).await?;
            let lease = leases.lease_anew(now, &license.key, &license.summary(now), &device);
            (device, Some(lease))
        }
        RequestKind::Renew => {
            let device = store::seen_seat(conn, now, &license, &request.fingerprint).await?;
            let lease = leases.lease_anew(now, &license.key, &license.summary(now), &device);
            (device, Some(lease))
        }
        RequestKind::Deactivate => {
            let seat = Seat::Fingerprint(&request.fingerprint);
            let device = store::free_seat(conn, now, limits, &mut license, seat).await?;
            (device, None)
        }
    };
    // The gate passed, so the license is active: it has a lease.
    let lease = lease
        .map(|lease| lease.ok_or_else(|| AppError::internal(&"no lease for an active license")))
        .transpose()?;
    conn.insert_offline_answer(&OfflineRow {
        hash: &verified.hash,
        kind: request.kind.as_str(),
        license_id: license.id,
        activation_id: &device.id,
        lease: lease.as_deref(),
        issued_at: request.issued_at,
        answered_at: now,
    })
    .await?;
    let answer = match lease {
        Some(lease) => Answer::Lease(lease),
        None => Answer::Freed { name: device.name },
    };
    Ok(Answered {
        answer,
        activation_id: device.id,
    })
}

/// What the code of `hash` answered before, if it was answered. A lease is
/// answered again only while its seat is live: once the seat was freed
/// (online, or by a deactivation code), its code gets `1709`.
async fn answered_before(
    conn: &mut impl Conn,
    hash: &[u8; 32],
) -> Result<Option<Answered>, AppError> {
    let Some((lease, name, activation_id, freed_at)) = conn.offline_answer(hash).await? else {
        return Ok(None);
    };
    let answer = match lease {
        Some(_) if freed_at.is_some() => return Err(store::not_activated()),
        Some(lease) => Answer::Lease(lease),
        None => Answer::Freed { name },
    };
    Ok(Some(Answered {
        answer,
        activation_id,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_answered_from_a_day_ahead_to_seven_days_after() {
        let now = 1_800_000_000;
        for (issued_at, ok) in [
            (now, true),
            (now - REQUEST_VALIDITY_SECS, true),
            (now - REQUEST_VALIDITY_SECS - 1, false),
            (now + REQUEST_FUTURE_SECS, true),
            (now + REQUEST_FUTURE_SECS + 1, false),
            (i64::MIN, false),
            (i64::MAX, false),
        ] {
            let checked = check_age(issued_at, now);
            assert_eq!(checked.is_ok(), ok, "{issued_at}");
            if let Err(e) = checked {
                assert_eq!(e.code, ErrorCode::StaleTimestamp);
            }
        }
    }

    fn request() -> OfflineRequest {
        OfflineRequest {
            kind: RequestKind::Activate,
            issued_at: 1_800_000_000,
            nonce: [3; 16],
            key_sha256: [9; 32],
            fingerprint: "ab".repeat(32),
            name: "Lab PC".to_owned(),
            platform: "linux-x86_64".to_owned(),
        }
    }

    #[test]
    fn a_code_is_the_same_code_however_it_was_wrapped() {
        let secret = Secret::new("s").expect("a secret");
        let code = request().encode(secret.expose());
        let wrapped = format!("{}\n  {}\n", &code[..30], &code[30..]);
        let now = request().issued_at;
        let one = verify(&code, &secret, now).expect("valid");
        let two = verify(&wrapped, &secret, now).expect("valid");
        assert_eq!(one.hash, two.hash);
        let other = OfflineRequest {
            nonce: [4; 16],
            ..request()
        };
        let three = verify(&other.encode(secret.expose()), &secret, now).expect("valid");
        assert_ne!(one.hash, three.hash);
    }

    #[test]
    fn codes_that_are_not_whole_forged_or_of_no_machine_are_refused() {
        let secret = Secret::new("s").expect("a secret");
        let now = request().issued_at;
        let code = request().encode(secret.expose());
        let refused = |code: &str| verify(code, &secret, now).expect_err("refused").code;
        assert_eq!(refused(&code[..code.len() - 3]), ErrorCode::Malformed);
        let forged = request().encode(b"another secret");
        assert_eq!(refused(&forged), ErrorCode::BadSignature);
        let nobody = OfflineRequest {
            fingerprint: "not hex".to_owned(),
            ..request()
        };
        assert_eq!(
            refused(&nobody.encode(secret.expose())),
            ErrorCode::Malformed
        );
    }
}
