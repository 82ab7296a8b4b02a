//! Per-license-key and per-client-IP request rates (GCRA, via `governor`).

use std::net::{IpAddr, Ipv6Addr};
use std::num::NonZeroU32;

use governor::clock::Clock as _;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::config::Limits;

/// The request-rate buckets of checks 5 (per client IP) and 7 (per license key).
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

    /// Takes one request from the client IP's bucket (check 5): an IPv4
    /// address's, or an IPv6 address's /64.
    /// `Err(secs)` says how long to wait (`Retry-After`, at least 1).
    pub fn check_ip(&self, ip: IpAddr) -> Result<(), u64> {
        take(&self.per_ip, &ip_bucket(ip))
    }

    /// Takes one request from the license key's bucket (check 7).
    /// `Err(secs)` says how long to wait (`Retry-After`, at least 1).
    pub fn check_key(&self, key: &str) -> Result<(), u64> {
        take(&self.per_key, &key.to_owned())
    }

    /// Forgets buckets that are full again, so idle keys and IPs cost no memory.
    pub fn retain_recent(&self) {
        self.per_ip.retain_recent();
        self.per_key.retain_recent();
        self.per_ip.shrink_to_fit();
        self.per_key.shrink_to_fit();
    }
}

/// The per-IP bucket `ip` counts in: an IPv4 address's own (however
/// written), or an IPv6 address's /64 (the smallest network one user is
/// usually given, so rotating addresses within it gains nothing).
pub(crate) fn ip_bucket(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => IpAddr::V6(Ipv6Addr::from_bits(v6.to_bits() & (!0 << 64))),
        v4 => v4,
    }
}

/// Takes one request from `key`'s bucket in `limiter`, or says in whole
/// seconds, rounded up, how long to wait.
fn take<K: Clone + Eq + std::hash::Hash>(
    limiter: &DefaultKeyedRateLimiter<K>,
    key: &K,
) -> Result<(), u64> {
    limiter.check_key(key).map_err(|not_until| {
        let wait = not_until.wait_time_from(limiter.clock().now());
        wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(ip_rate: u32) -> RateLimits {
        RateLimits::new(&Limits {
            ip_rate,
            ..Limits::default()
        })
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    #[test]
    fn an_ipv6_client_counts_by_its_64() {
        let limits = limits(1);
        assert_eq!(limits.check_ip(ip("2001:db8:1:2::1")), Ok(()));
        assert!(
            limits
                .check_ip(ip("2001:db8:1:2:ffff:ffff:ffff:ffff"))
                .is_err()
        );
        assert_eq!(limits.check_ip(ip("2001:db8:1:3::1")), Ok(()));
    }

    #[test]
    fn an_ipv4_client_counts_by_its_address_however_written() {
        let limits = limits(1);
        assert_eq!(limits.check_ip(ip("203.0.113.1")), Ok(()));
        assert!(limits.check_ip(ip("::ffff:203.0.113.1")).is_err());
        assert_eq!(limits.check_ip(ip("203.0.113.2")), Ok(()));
    }
}
