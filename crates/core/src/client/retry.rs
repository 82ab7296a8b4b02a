//! The retry policy of PROTOCOL.md as pure functions: what to do after a
//! failure ([`classify`]) and how long to wait ([`RetryPolicy::delay`]).

use std::time::Duration;

use crate::catalog::RetryClass;
use crate::error::LicenseError;

/// Backoff settings: start 1 s, double, full jitter, cap 60 s, at most 5 attempts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Delay ceiling of the first retry.
    pub base: Duration,
    /// Largest delay ceiling.
    pub cap: Duration,
    /// Attempts in all, the first included.
    pub max_attempts: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            base: Duration::from_secs(1),
            cap: Duration::from_secs(60),
            max_attempts: 5,
        }
    }
}

impl RetryPolicy {
    /// The wait after `failed` attempts (1 for the first failure): a uniform
    /// draw (`jitter` in `[0, 1)`) below `min(cap, base · 2^(failed−1))`,
    /// never shorter than the server's `Retry-After`.
    pub fn delay(&self, failed: u32, jitter: f64, retry_after: Option<Duration>) -> Duration {
        let exponent = failed.saturating_sub(1).min(30);
        let ceiling = self.base.saturating_mul(1 << exponent).min(self.cap);
        let drawn = ceiling.mul_f64(jitter.clamp(0.0, 1.0));
        drawn.max(retry_after.unwrap_or_default())
    }
}

/// What the retry loop does next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Give up and return the error.
    Stop,
    /// Wait (at least `retry_after`) and try again with a fresh signature.
    Backoff {
        /// The server's `Retry-After`.
        retry_after: Option<Duration>,
    },
    /// Re-sign at once with the server's clock.
    ResignWithServerClock,
}

/// Decides what follows `error`. `clock_fixed` says whether this call has
/// already re-signed with the server's clock (that happens once).
/// `AfterAction` (1709) stops here: the service activates, then retries.
pub fn classify(error: &LicenseError, clock_fixed: bool) -> Decision {
    let retry_after = match error {
        LicenseError::Api(failure) => failure.retry_after,
        _ => None,
    };
    match error.retry_class() {
        RetryClass::Backoff => Decision::Backoff { retry_after },
        RetryClass::AfterClockFix if !clock_fixed => Decision::ResignWithServerClock,
        RetryClass::AfterClockFix
        | RetryClass::AfterAction
        | RetryClass::Never
        | RetryClass::RefreshToken
        | RetryClass::NotApplicable => Decision::Stop,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Provider;
    use crate::error::{ApiFailure, NetworkFailure};

    fn api(code: u16, status: u16, retry_after: Option<u64>) -> LicenseError {
        LicenseError::Api(Box::new(ApiFailure {
            provider: Provider::LicenseApi,
            code: code.to_string(),
            context: None,
            http_status: status,
            message: String::new(),
            details: Vec::new(),
            request_id: None,
            retry_after: retry_after.map(Duration::from_secs),
            clock_offset_secs: None,
        }))
    }

    #[test]
    fn the_protocol_table() {
        let backoff = |secs: Option<u64>| Decision::Backoff {
            retry_after: secs.map(Duration::from_secs),
        };
        let table = [
            (api(1700, 401, None), false, Decision::Stop),
            (api(1701, 401, None), false, Decision::ResignWithServerClock),
            (api(1701, 401, None), true, Decision::Stop),
            (api(1702, 400, None), false, Decision::Stop),
            (api(1703, 404, None), false, Decision::Stop),
            (api(1704, 403, None), false, Decision::Stop),
            (api(1705, 409, None), false, Decision::Stop),
            (api(1706, 429, Some(7)), false, backoff(Some(7))),
            (api(1707, 500, None), false, Decision::Stop),
            (api(1708, 403, None), false, Decision::Stop),
            (api(1709, 404, None), false, Decision::Stop),
            (api(1710, 429, Some(3600)), false, Decision::Stop),
            (api(1711, 503, Some(1)), false, backoff(Some(1))),
            // An unknown code goes by its status: 5xx backs off, 4xx stops.
            (api(1799, 502, None), false, backoff(None)),
            (api(1798, 418, None), false, Decision::Stop),
            (
                LicenseError::Network(NetworkFailure::Offline),
                false,
                backoff(None),
            ),
            (
                LicenseError::Network(NetworkFailure::Dns),
                false,
                backoff(None),
            ),
            (
                LicenseError::Network(NetworkFailure::Proxy),
                false,
                backoff(None),
            ),
            (
                LicenseError::Network(NetworkFailure::Tls),
                false,
                Decision::Stop,
            ),
            (LicenseError::Timeout, false, backoff(None)),
            (
                LicenseError::BadResponse {
                    http_status: 503,
                    request_id: None,
                },
                false,
                backoff(None),
            ),
            (
                LicenseError::BadResponse {
                    http_status: 200,
                    request_id: None,
                },
                false,
                backoff(None),
            ),
            (
                LicenseError::Tampered {
                    http_status: Some(200),
                    request_id: None,
                },
                false,
                Decision::Stop,
            ),
        ];
        for (error, clock_fixed, expected) in table {
            assert_eq!(classify(&error, clock_fixed), expected, "{error:?}");
        }
    }

    #[test]
    fn delays_double_with_full_jitter_up_to_the_cap() {
        let policy = RetryPolicy::default();
        let secs = |failed, jitter| policy.delay(failed, jitter, None).as_secs_f64();
        assert_eq!(secs(1, 0.999_999), 0.999_999);
        assert_eq!(secs(2, 0.5), 1.0);
        assert_eq!(secs(3, 0.5), 2.0);
        assert_eq!(secs(4, 1.0), 8.0);
        assert_eq!(secs(7, 1.0), 60.0, "capped at 60 s");
        assert_eq!(secs(40, 1.0), 60.0, "no overflow");
        assert_eq!(secs(3, 0.0), 0.0, "full jitter reaches zero");
    }

    #[test]
    fn retry_after_is_the_floor() {
        let policy = RetryPolicy::default();
        assert_eq!(
            policy.delay(1, 0.1, Some(Duration::from_secs(30))),
            Duration::from_secs(30)
        );
        assert_eq!(
            policy.delay(7, 0.9, Some(Duration::from_secs(5))),
            Duration::from_secs(54)
        );
    }
}
