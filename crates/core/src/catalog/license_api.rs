//! Seed 000: the native License API (`license-api`), codes 1700–1711.
//! Retry classes from the protocol's code table (docs/protocol.md): backoff 1706 and 5xx but 1707;
//! after clock fix 1701; after action 1709; never the rest.

use super::{Action::*, Kind::*, Meaning, Origin, Provider, RetryClass::*, codes, meaning, shared};

codes! {
    origin: Origin::Server(Provider::LicenseApi);
    /// Native protocol codes.
    enum LicenseApiCode {
        BadSignature = ("1700", None, Some(401)),
        StaleTimestamp = ("1701", None, Some(401)),
        Malformed = ("1702", None, Some(400)),
        NotFoundKey = ("1703", None, Some(404)),
        Inactive = ("1704", None, Some(403)),
        LimitReached = ("1705", None, Some(409)),
        RateLimited = ("1706", None, Some(429)),
        SecretNotSet = ("1707", None, Some(500)),
        RevokedLicense = ("1708", None, Some(403)),
        MachineNotActivated = ("1709", None, Some(404)),
        DeactivationLimit = ("1710", None, Some(429)),
        Unavailable = ("1711", None, Some(503)),
    }
}

impl LicenseApiCode {
    fn meaning(self) -> Meaning {
        match self {
            Self::BadSignature => shared::BAD_SIGNATURE,
            Self::StaleTimestamp => shared::STALE_TIMESTAMP,
            Self::Malformed => shared::MALFORMED,
            Self::NotFoundKey => shared::NOT_FOUND_KEY,
            Self::Inactive => shared::INACTIVE,
            Self::LimitReached => meaning(DeviceLimit, Never, FreeSlot),
            Self::RateLimited => shared::RATE_LIMITED,
            Self::SecretNotSet => shared::SECRET_NOT_SET,
            Self::RevokedLicense => meaning(Revoked, Never, ContactSupport),
            Self::MachineNotActivated => shared::NO_SEAT,
            Self::DeactivationLimit => meaning(DeactivationLimit, Never, ContactSupport),
            Self::Unavailable => meaning(ServerUnavailable, Backoff, Retry),
        }
    }
}
