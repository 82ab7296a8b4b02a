//! Error codes of the native protocol (1700–1710, and Keyslot's 1711): number, name and HTTP status.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One error code of the native protocol.
///
/// Codes are a public contract: a code is never re-purposed. A code this
/// version does not know decodes as [`ErrorCode::Unknown`] so that a newer
/// server never breaks an older client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// 1700: missing header, malformed nonce, HMAC mismatch or replayed nonce.
    BadSignature,
    /// 1701: the request timestamp is more than 300 s from the server clock.
    StaleTimestamp,
    /// 1702: the body failed schema validation.
    Malformed,
    /// 1703: the license key is unknown or soft-deleted.
    NotFound,
    /// 1704: the license exists but is not active (suspended or expired).
    Inactive,
    /// 1705: the activation cap is reached.
    LimitReached,
    /// 1706: a per-key or per-IP rate limit tripped.
    RateLimited,
    /// 1707: the server has no shared secret configured.
    SecretNotSet,
    /// 1708: the license was revoked.
    Revoked,
    /// 1709: the license is fine but this machine holds no activation.
    MachineNotActivated,
    /// 1710: the self-service deactivation budget is used up for now.
    DeactivationLimit,
    /// 1711: a temporary server failure; retry with backoff. (Keyslot's
    /// extension: the seed only says "500 (transient)".)
    Unavailable,
    /// A code this version of the protocol does not know.
    Unknown(u16),
}

impl ErrorCode {
    /// Every code this version knows, in numeric order.
    pub const ALL: [ErrorCode; 12] = [
        Self::BadSignature,
        Self::StaleTimestamp,
        Self::Malformed,
        Self::NotFound,
        Self::Inactive,
        Self::LimitReached,
        Self::RateLimited,
        Self::SecretNotSet,
        Self::Revoked,
        Self::MachineNotActivated,
        Self::DeactivationLimit,
        Self::Unavailable,
    ];

    /// The numeric code on the wire.
    pub const fn number(self) -> u16 {
        match self {
            Self::BadSignature => 1700,
            Self::StaleTimestamp => 1701,
            Self::Malformed => 1702,
            Self::NotFound => 1703,
            Self::Inactive => 1704,
            Self::LimitReached => 1705,
            Self::RateLimited => 1706,
            Self::SecretNotSet => 1707,
            Self::Revoked => 1708,
            Self::MachineNotActivated => 1709,
            Self::DeactivationLimit => 1710,
            Self::Unavailable => 1711,
            Self::Unknown(n) => n,
        }
    }

    /// Decodes a numeric code; unknown numbers become [`ErrorCode::Unknown`].
    pub fn from_number(number: u16) -> Self {
        Self::ALL
            .into_iter()
            .find(|code| code.number() == number)
            .unwrap_or(Self::Unknown(number))
    }

    /// The stable symbolic name, e.g. `LICENSE_API_LIMIT_REACHED`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::BadSignature => "LICENSE_API_BAD_SIGNATURE",
            Self::StaleTimestamp => "LICENSE_API_STALE_TIMESTAMP",
            Self::Malformed => "LICENSE_API_MALFORMED",
            Self::NotFound => "LICENSE_API_NOT_FOUND",
            Self::Inactive => "LICENSE_API_INACTIVE",
            Self::LimitReached => "LICENSE_API_LIMIT_REACHED",
            Self::RateLimited => "LICENSE_API_RATE_LIMITED",
            Self::SecretNotSet => "LICENSE_API_SECRET_NOT_SET",
            Self::Revoked => "LICENSE_API_REVOKED",
            Self::MachineNotActivated => "LICENSE_API_MACHINE_NOT_ACTIVATED",
            Self::DeactivationLimit => "LICENSE_API_DEACTIVATION_LIMIT",
            Self::Unavailable => "LICENSE_API_UNAVAILABLE",
            Self::Unknown(_) => "LICENSE_API_UNKNOWN",
        }
    }

    /// The HTTP status the server answers this code with.
    pub const fn http_status(self) -> u16 {
        match self {
            Self::BadSignature | Self::StaleTimestamp => 401,
            Self::Malformed => 400,
            Self::NotFound | Self::MachineNotActivated => 404,
            Self::Inactive | Self::Revoked => 403,
            Self::LimitReached => 409,
            Self::RateLimited | Self::DeactivationLimit => 429,
            Self::SecretNotSet | Self::Unknown(_) => 500,
            Self::Unavailable => 503,
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.number(), self.name())
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u16(self.number())
    }
}

impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        u16::deserialize(deserializer).map(Self::from_number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The code table of `docs/protocol.md`, transcribed: code, name, HTTP
    /// status (`tests/document.rs` reads the page itself).
    const TABLE: [(u16, &str, u16); 12] = [
        (1700, "LICENSE_API_BAD_SIGNATURE", 401),
        (1701, "LICENSE_API_STALE_TIMESTAMP", 401),
        (1702, "LICENSE_API_MALFORMED", 400),
        (1703, "LICENSE_API_NOT_FOUND", 404),
        (1704, "LICENSE_API_INACTIVE", 403),
        (1705, "LICENSE_API_LIMIT_REACHED", 409),
        (1706, "LICENSE_API_RATE_LIMITED", 429),
        (1707, "LICENSE_API_SECRET_NOT_SET", 500),
        (1708, "LICENSE_API_REVOKED", 403),
        (1709, "LICENSE_API_MACHINE_NOT_ACTIVATED", 404),
        (1710, "LICENSE_API_DEACTIVATION_LIMIT", 429),
        (1711, "LICENSE_API_UNAVAILABLE", 503),
    ];

    #[test]
    fn every_code_matches_the_protocol_table() {
        for (number, name, status) in TABLE {
            let code = ErrorCode::from_number(number);
            assert_eq!(code.number(), number);
            assert_eq!(code.name(), name, "{number}");
            assert_eq!(code.http_status(), status, "{number}");
        }
        assert_eq!(ErrorCode::ALL.len(), TABLE.len());
    }

    #[test]
    fn unknown_codes_decode_without_error() {
        let code: ErrorCode = serde_json::from_str("1799").expect("decodes");
        assert_eq!(code, ErrorCode::Unknown(1799));
        assert_eq!(serde_json::to_string(&code).expect("encodes"), "1799");
        let known: ErrorCode = serde_json::from_str("1705").expect("decodes");
        assert_eq!(known, ErrorCode::LimitReached);
    }
}
