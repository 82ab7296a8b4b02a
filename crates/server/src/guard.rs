//! What checks 5–7 of `docs/protocol.md` remember: the replay cache and the
//! rate buckets. One server keeps them itself ([`Guard::Local`]); replicas
//! share them in Redis ([`Guard::Shared`], `--shared-store`), so that a
//! nonce seen by one is refused by all and a budget is one budget.
//!
//! A shared store that does not answer fails closed: `1711` with
//! `Retry-After`, and the next request asks it again (the connection
//! comes back by itself).

use std::net::IpAddr;

use keyslot_protocol::ErrorCode;

use crate::error::AppError;
use crate::limits::RateLimits;
use crate::nonces::{NonceStore, Seen};
use crate::shared_store::{Refusal, SharedStore};

/// Seconds a client waits before asking again when the shared store is away.
const UNAVAILABLE_RETRY_SECS: u64 = 2;

/// Seconds a client waits when this server's replay cache is full.
const FULL_RETRY_SECS: u64 = 30;

/// Where the replay cache and the rate buckets live.
pub enum Guard {
    /// In this process (the nonces persisted in the database).
    Local(Box<Local>),
    /// In Redis, shared by every replica.
    Shared(SharedStore),
}

/// The replay cache and the rate buckets of one server.
#[derive(Debug)]
pub struct Local {
    /// The replay cache.
    pub nonces: NonceStore,
    /// The rate buckets.
    pub limiter: RateLimits,
}

/// `1706`.
fn rate_limited(retry_after: u64) -> AppError {
    AppError::new(
        ErrorCode::RateLimited,
        "too many requests; honour Retry-After",
    )
    .retry_after(retry_after)
}

/// `1700`: the nonce was used.
fn replayed() -> AppError {
    AppError::new(ErrorCode::BadSignature, "nonce was already used")
}

impl From<Refusal> for AppError {
    fn from(refusal: Refusal) -> Self {
        match refusal {
            Refusal::RateLimited { retry_after } => rate_limited(retry_after),
            Refusal::Replayed => replayed(),
            Refusal::Unavailable => {
                AppError::new(ErrorCode::Unavailable, "server is busy, retry later")
                    .retry_after(UNAVAILABLE_RETRY_SECS)
            }
        }
    }
}

impl Guard {
    /// Takes one request from the client IP's bucket (check 5).
    pub async fn check_ip(&self, ip: IpAddr) -> Result<(), AppError> {
        match self {
            Self::Local(local) => local.limiter.check_ip(ip).map_err(rate_limited),
            Self::Shared(shared) => Ok(shared.check_ip(ip).await?),
        }
    }

    /// Records `nonce` as seen at `now`, or refuses it as a replay (check 6).
    pub async fn check_nonce(&self, nonce: &str, now: i64) -> Result<(), AppError> {
        match self {
            Self::Local(local) => match local.nonces.check_and_insert(nonce, now) {
                Seen::Fresh => Ok(()),
                Seen::Replayed => Err(replayed()),
                Seen::Full => {
                    tracing::warn!(
                        "replay cache is full; refusing requests until old nonces expire"
                    );
                    Err(
                        AppError::new(ErrorCode::Unavailable, "server is busy, retry later")
                            .retry_after(FULL_RETRY_SECS),
                    )
                }
            },
            Self::Shared(shared) => Ok(shared.check_nonce(nonce).await?),
        }
    }

    /// Takes one request from the license key's bucket (check 7).
    pub async fn check_key(&self, key: &str) -> Result<(), AppError> {
        match self {
            Self::Local(local) => local.limiter.check_key(key).map_err(rate_limited),
            Self::Shared(shared) => Ok(shared.check_key(key).await?),
        }
    }

    /// The replay cache and rate buckets this process keeps, if it keeps them.
    pub fn local(&self) -> Option<&Local> {
        match self {
            Self::Local(local) => Some(local),
            Self::Shared(_) => None,
        }
    }
}
