//! Seed 003: LicenseKit (`licensekit`), the runtime and management codes its
//! error-handling page names. The seed gives no context and no HTTP status.
//! Retry classes from its retry rules: only network failures, 429 and 5xx are
//! retriable, and none of those is a code here, so every code is never.

use super::{Action::*, Entry, Kind::*, Origin, Provider, RetryClass::*, codes, entry, shared};

codes! {
    origin: Origin::Server(Provider::Licensekit);
    /// LicenseKit codes.
    enum LicensekitCode {
        LicenseExpired = ("LICENSE_EXPIRED", None, None),
        LicenseInactive = ("LICENSE_INACTIVE", None, None),
        ActivationLimitExceeded = ("ACTIVATION_LIMIT_EXCEEDED", None, None),
        FeatureQuotaExceeded = ("FEATURE_QUOTA_EXCEEDED", None, None),
        DeviceBlacklisted = ("DEVICE_BLACKLISTED", None, None),
        TokenScopeDenied = ("TOKEN_SCOPE_DENIED", None, None),
        InvalidQuery = ("INVALID_QUERY", None, None),
        ValidationError = ("VALIDATION_ERROR", None, None),
        ResourceNotFound = ("NOT_FOUND", None, None),
        IdempotencyConflict = ("IDEMPOTENCY_CONFLICT", None, None),
    }
}

impl LicensekitCode {
    fn text(self) -> Entry {
        match self {
            Self::LicenseExpired => entry(
                Expired,
                Never,
                Renew,
                "Your license has expired",
                "This license has passed its end date, so it can't be used any more.",
                &[
                    "Renew your license to continue.",
                    "Once it is renewed, try again.",
                ],
            ),
            Self::LicenseInactive => entry(
                Suspended,
                Never,
                Renew,
                "This license isn't active right now",
                "The license is on hold, so it can't be used at the moment.",
                &[
                    "Check your account with the vendor: a renewal or a payment may be due.",
                    "Once it is active again, try again.",
                ],
            ),
            Self::ActivationLimitExceeded => entry(
                DeviceLimit,
                Never,
                FreeSlot,
                "All seats are in use",
                "This license is already activated on the maximum number of devices.",
                &[
                    "Free a seat held by a device you no longer use.",
                    "Then activate this device again.",
                ],
            ),
            Self::FeatureQuotaExceeded => entry(
                QuotaExceeded,
                Never,
                ContactSupport,
                "Usage limit reached",
                "You have used up what this license allows for this feature.",
                &[
                    "Check your plan with the vendor; a larger plan may allow more.",
                    "If you think this is a mistake, contact support with the report.",
                ],
            ),
            Self::DeviceBlacklisted => entry(
                Blocked,
                Never,
                ContactSupport,
                "This device is blocked",
                "The vendor has blocked this device from using the license.",
                &["If you think this is a mistake, contact support with the report."],
            ),
            Self::TokenScopeDenied => shared::TOKEN_SCOPE_DENIED,
            Self::InvalidQuery => shared::MALFORMED,
            Self::ValidationError => shared::MALFORMED,
            Self::ResourceNotFound => shared::RESOURCE_NOT_FOUND,
            Self::IdempotencyConflict => entry(
                Conflict,
                Never,
                ContactSupport,
                "That can't be done right now",
                "The license server saw this change as a repeat of an earlier, different one and refused it.",
                &[
                    "Try once more.",
                    "If it happens again, contact support with the report.",
                ],
            ),
        }
    }
}
