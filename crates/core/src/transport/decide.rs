//! How Keyslot retries, as one pure function: [`decide`] says what follows a
//! failed attempt, for every server and every call. The loop in
//! [`Transport::run`](super::Transport::run) only carries it out.

use std::time::Duration;

use crate::catalog::RetryClass;
use crate::error::LicenseError;

/// The largest clock difference the client signs with: a server whose
/// verified `Date` is further from this computer's clock than this is not
/// followed; the user is told one of the clocks is wrong.
pub const MAX_CLOCK_OFFSET_SECS: i64 = 24 * 60 * 60;

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

/// What a call has done so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tries {
    /// Attempts made, the failed one included.
    pub attempts: u32,
    /// Whether it has already re-signed after a clock failure (that happens once).
    pub resigned: bool,
}

/// What the loop does after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Give up and return the error.
    Stop,
    /// Give up: the server's verified clock is further from this computer's
    /// than [`MAX_CLOCK_OFFSET_SECS`], so one of them is wrong.
    ClocksApart {
        /// Server time minus local time, in seconds.
        server_offset: i64,
    },
    /// Sign again at once with a fresh nonce and timestamp; with the server's
    /// clock when a verified answer told it (server minus local seconds).
    Resign {
        /// The offset to sign with from now on, if the answer gave one.
        server_offset: Option<i64>,
    },
    /// Wait this long, then try again.
    Wait(Duration),
}

/// Decides what follows `error`, the failure of attempt `tries.attempts`.
/// `server_offset` is what the failed answer's `Date` said of the server's
/// clock, given only when the answer's signature verified; `left` is the
/// time until the action's deadline; `jitter` is a uniform draw in `[0, 1)`.
///
/// The error's retry class (from its seed table) rules: `Backoff` waits
/// (jittered, `Retry-After` the floor) while attempts and time remain;
/// `AfterClockFix` re-signs once; every other class stops (`AfterAction`
/// and `RefreshToken` are the caller's: activate, or refresh, then retry).
pub fn decide(
    error: &LicenseError,
    server_offset: Option<i64>,
    tries: Tries,
    policy: &RetryPolicy,
    jitter: f64,
    left: Duration,
) -> Next {
    match error.retry_class() {
        RetryClass::Backoff => {
            let retry_after = match error {
                LicenseError::Api(failure) => failure.retry_after,
                _ => None,
            };
            let wait = policy.delay(tries.attempts, jitter, retry_after);
            if tries.attempts >= policy.max_attempts || wait >= left {
                Next::Stop
            } else {
                Next::Wait(wait)
            }
        }
        RetryClass::AfterClockFix if !tries.resigned => match server_offset {
            Some(offset) if offset.abs() > MAX_CLOCK_OFFSET_SECS => Next::ClocksApart {
                server_offset: offset,
            },
            offset => Next::Resign {
                server_offset: offset,
            },
        },
        RetryClass::AfterClockFix
        | RetryClass::AfterAction
        | RetryClass::Never
        | RetryClass::RefreshToken
        | RetryClass::NotApplicable => Next::Stop,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Provider;
    use crate::error::{ApiFailure, NetworkFailure};

    fn api(provider: Provider, code: &str, status: u16, retry_after: Option<u64>) -> LicenseError {
        LicenseError::Api(Box::new(ApiFailure {
            provider,
            code: code.to_owned(),
            context: None,
            http_status: status,
            message: String::new(),
            details: Vec::new(),
            request_id: None,
            retry_after: retry_after.map(Duration::from_secs),
            clock_offset_secs: None,
        }))
    }

    fn native(code: u16, status: u16, retry_after: Option<u64>) -> LicenseError {
        api(Provider::LicenseApi, &code.to_string(), status, retry_after)
    }

    const LEFT: Duration = Duration::from_secs(20);
    const FIRST: Tries = Tries {
        attempts: 1,
        resigned: false,
    };

    /// Half the ceiling of the first retry under the default policy.
    fn half(retry_after: Option<u64>) -> Next {
        Next::Wait(
            Duration::from_millis(500).max(retry_after.map_or(Duration::ZERO, Duration::from_secs)),
        )
    }

    #[test]
    fn the_protocol_table() {
        let resigned = Tries {
            attempts: 2,
            resigned: true,
        };
        let table = [
            (native(1700, 401, None), FIRST, Next::Stop),
            (
                native(1701, 401, None),
                FIRST,
                Next::Resign {
                    server_offset: None,
                },
            ),
            (native(1701, 401, None), resigned, Next::Stop),
            (native(1702, 400, None), FIRST, Next::Stop),
            (native(1703, 404, None), FIRST, Next::Stop),
            (native(1704, 403, None), FIRST, Next::Stop),
            (native(1705, 409, None), FIRST, Next::Stop),
            (native(1706, 429, Some(7)), FIRST, half(Some(7))),
            (native(1707, 500, None), FIRST, Next::Stop),
            (native(1708, 403, None), FIRST, Next::Stop),
            (native(1709, 404, None), FIRST, Next::Stop),
            (native(1710, 429, Some(3600)), FIRST, Next::Stop),
            (native(1711, 503, Some(1)), FIRST, half(Some(1))),
            // An unknown code goes by its status: 5xx backs off, 4xx stops.
            (native(1799, 502, None), FIRST, half(None)),
            (native(1798, 418, None), FIRST, Next::Stop),
            (
                LicenseError::Network(NetworkFailure::Offline),
                FIRST,
                half(None),
            ),
            (
                LicenseError::Network(NetworkFailure::Dns),
                FIRST,
                half(None),
            ),
            (
                LicenseError::Network(NetworkFailure::Proxy),
                FIRST,
                half(None),
            ),
            (
                LicenseError::Network(NetworkFailure::Tls),
                FIRST,
                Next::Stop,
            ),
            (LicenseError::Timeout, FIRST, half(None)),
            (
                LicenseError::BadResponse {
                    http_status: 503,
                    request_id: None,
                },
                FIRST,
                half(None),
            ),
            (
                LicenseError::BadResponse {
                    http_status: 200,
                    request_id: None,
                },
                FIRST,
                half(None),
            ),
            (
                LicenseError::Tampered {
                    http_status: Some(200),
                    request_id: None,
                },
                FIRST,
                Next::Stop,
            ),
            // Vendors go through the same function.
            (
                api(Provider::Geckoguard, "NONCE_REUSED", 401, None),
                FIRST,
                Next::Resign {
                    server_offset: None,
                },
            ),
            (
                api(
                    Provider::Geckoguard,
                    "CONCURRENCY_LIMIT_EXCEEDED",
                    403,
                    None,
                ),
                FIRST,
                Next::Stop,
            ),
            (
                api(Provider::Licentric, "RATE_LIMITED", 429, Some(2)),
                FIRST,
                half(Some(2)),
            ),
        ];
        let policy = RetryPolicy::default();
        for (error, tries, expected) in table {
            assert_eq!(
                decide(&error, None, tries, &policy, 0.5, LEFT),
                expected,
                "{error:?}"
            );
        }
    }

    #[test]
    fn a_clock_failure_follows_only_a_verified_offset_within_a_day() {
        let policy = RetryPolicy::default();
        let stale = native(1701, 401, None);
        let decide = |offset| decide(&stale, offset, FIRST, &policy, 0.5, LEFT);
        assert_eq!(
            decide(Some(420)),
            Next::Resign {
                server_offset: Some(420)
            }
        );
        assert_eq!(
            decide(Some(-MAX_CLOCK_OFFSET_SECS)),
            Next::Resign {
                server_offset: Some(-MAX_CLOCK_OFFSET_SECS)
            }
        );
        assert_eq!(
            decide(Some(MAX_CLOCK_OFFSET_SECS + 1)),
            Next::ClocksApart {
                server_offset: MAX_CLOCK_OFFSET_SECS + 1
            }
        );
        assert_eq!(
            decide(Some(-400 * 86_400)),
            Next::ClocksApart {
                server_offset: -400 * 86_400
            }
        );
    }

    #[test]
    fn backoff_stops_when_attempts_or_time_run_out() {
        let policy = RetryPolicy::default();
        let unavailable = native(1711, 503, None);
        let after = |attempts| Tries {
            attempts,
            resigned: false,
        };
        assert_eq!(
            decide(&unavailable, None, after(5), &policy, 0.5, LEFT),
            Next::Stop,
            "the fifth attempt is the last"
        );
        assert_eq!(
            decide(
                &native(1706, 429, Some(30)),
                None,
                FIRST,
                &policy,
                0.5,
                LEFT
            ),
            Next::Stop,
            "a Retry-After past the deadline"
        );
        assert_eq!(
            decide(&unavailable, None, after(4), &policy, 0.5, LEFT),
            Next::Wait(Duration::from_secs(4))
        );
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
