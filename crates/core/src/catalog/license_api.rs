//! Seed 000: the native License API (`license-api`), codes 1700–1711.
//! Retry classes from the protocol's code table (docs/protocol.md): backoff 1706 and 5xx but 1707;
//! after clock fix 1701; after action 1709; never the rest.

use super::{Action::*, Entry, Kind::*, Origin, Provider, RetryClass::*, codes, entry, shared};

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
    fn text(self) -> Entry {
        match self {
            Self::BadSignature => shared::BAD_SIGNATURE,
            Self::StaleTimestamp => shared::STALE_TIMESTAMP,
            Self::Malformed => shared::MALFORMED,
            Self::NotFoundKey => shared::NOT_FOUND_KEY,
            Self::Inactive => shared::INACTIVE,
            Self::LimitReached => entry(
                DeviceLimit,
                Never,
                FreeSlot,
                "All seats are in use",
                "This license is already activated on as many devices as it allows.",
                &[
                    "Free a seat held by a device you no longer use.",
                    "Then activate this device again.",
                ],
            ),
            Self::RateLimited => shared::RATE_LIMITED,
            Self::SecretNotSet => shared::SECRET_NOT_SET,
            Self::RevokedLicense => entry(
                Revoked,
                Never,
                ContactSupport,
                "This license was revoked",
                "The vendor has permanently disabled this license key.",
                &[
                    "If you think this is a mistake, contact support with the report.",
                    "If you have another key, enter it instead.",
                ],
            ),
            Self::MachineNotActivated => shared::NO_SEAT,
            Self::DeactivationLimit => entry(
                DeactivationLimit,
                Never,
                ContactSupport,
                "Seats were freed too often",
                "To prevent abuse, a license can only free a few seats per month. The next one will be allowed later.",
                &[
                    "Try again after the time shown.",
                    "If you need a seat now, contact support with the report.",
                ],
            ),
            Self::Unavailable => entry(
                ServerUnavailable,
                Backoff,
                Retry,
                "The license server is having trouble",
                "This is on the server's side, not yours. It usually passes within a minute.",
                &[
                    "Wait a moment; the app will try again.",
                    "If it lasts, contact support with the report.",
                ],
            ),
        }
    }
}
