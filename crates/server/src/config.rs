//! Server settings: the secret, request rates, the proxies trusted to name
//! the client, the deactivation budget and the request log's retention.

use std::fmt;

use ipnet::IpNet;

use crate::request_log::Retention;

/// The shared HMAC secret. Its `Debug` never prints it.
#[derive(Clone)]
pub struct Secret(Vec<u8>);

impl Secret {
    /// Wraps a secret; an empty one counts as not configured.
    pub fn new(secret: impl Into<Vec<u8>>) -> Option<Self> {
        let secret = secret.into();
        (!secret.is_empty()).then_some(Self(secret))
    }

    /// The raw bytes, for signing only.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// Request rates, who counts as a client for them, the self-service
/// deactivation budget, and how long the request log keeps calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Requests per minute for one license key.
    pub key_rate: u32,
    /// Requests per minute from one client IP.
    pub ip_rate: u32,
    /// Deactivations one license may make per window.
    pub deactivation_budget: u32,
    /// Length of the deactivation window, in seconds.
    pub deactivation_window_secs: i64,
    /// Proxies whose `X-Forwarded-For` names the client for the per-IP rate
    /// (see [`crate::client_ip`]); none by default: the TCP peer is the client.
    pub trusted_proxies: Vec<IpNet>,
    /// How long the request log keeps calls.
    pub request_log: Retention,
}

impl Default for Limits {
    /// Production defaults: 60/min per key, 600/min per IP, 3 deactivations
    /// per 30 days, no trusted proxy, calls logged for 14 days.
    fn default() -> Self {
        Self {
            key_rate: 60,
            ip_rate: 600,
            deactivation_budget: 3,
            deactivation_window_secs: 30 * 24 * 60 * 60,
            trusted_proxies: Vec::new(),
            request_log: Retention::default(),
        }
    }
}
