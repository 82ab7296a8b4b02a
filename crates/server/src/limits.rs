//! Per-license-key and per-client-IP request rates (GCRA, via `governor`).

use std::net::IpAddr;
use std::num::NonZeroU32;

use governor::clock::Clock as _;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::config::Limits;

/// The two request-rate buckets of check 6.
#[derive(Debug)]
pub struct RateLimits {
    per_ip: DefaultKeyedRateLimiter<IpAddr>,
    per_key: DefaultKeyedRateLimiter<String>,
}

fn per_minute(rate: u32) -> Quota {
    Quota::per_minute(NonZeroU32::new(rate).unwrap_or(NonZeroU32::MIN))
}

impl RateLimits {
    /// Buckets sized from `limits` (requests per minute, with a burst of one minute's worth).
    pub fn new(limits: &Limits) -> Self {
        Self {
            per_ip: RateLimiter::keyed(per_minute(limits.ip_rate)),
            per_key: RateLimiter::keyed(per_minute(limits.key_rate)),
        }
    }

    /// Takes one request from the IP's bucket and, if known, the key's bucket.
    /// `Err(secs)` says how long to wait (`Retry-After`, at least 1).
    pub fn check(&self, ip: IpAddr, key: Option<&str>) -> Result<(), u64> {
        let now = self.per_ip.clock().now();
        let wait = |not_until: governor::NotUntil<_>| {
            let wait = not_until.wait_time_from(now);
            wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
        };
        self.per_ip.check_key(&ip).map_err(wait)?;
        if let Some(key) = key {
            self.per_key.check_key(&key.to_owned()).map_err(wait)?;
        }
        Ok(())
    }

    /// Forgets buckets that are full again, so idle keys and IPs cost no memory.
    pub fn retain_recent(&self) {
        self.per_ip.retain_recent();
        self.per_key.retain_recent();
        self.per_ip.shrink_to_fit();
        self.per_key.shrink_to_fit();
    }
}
