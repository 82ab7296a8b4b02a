//! Seed 003: LicenseKit (`licensekit`), the runtime and management codes its
//! error-handling page names. The seed gives no context and no HTTP status.
//! Retry classes from its retry rules: only network failures, 429 and 5xx are
//! retriable, and none of those is a code here, so every code is never.

use super::{Action::*, Kind::*, Meaning, Origin, Provider, RetryClass::*, codes, meaning, shared};

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
    fn meaning(self) -> Meaning {
        match self {
            Self::LicenseExpired => meaning(Expired, Never, Renew),
            Self::LicenseInactive => meaning(Suspended, Never, Renew),
            Self::ActivationLimitExceeded => meaning(DeviceLimit, Never, FreeSlot),
            Self::FeatureQuotaExceeded => meaning(QuotaExceeded, Never, ContactSupport),
            Self::DeviceBlacklisted => meaning(Blocked, Never, ContactSupport),
            Self::TokenScopeDenied => shared::TOKEN_SCOPE_DENIED,
            Self::InvalidQuery => shared::MALFORMED,
            Self::ValidationError => shared::MALFORMED,
            Self::ResourceNotFound => shared::RESOURCE_NOT_FOUND,
            Self::IdempotencyConflict => meaning(Conflict, Never, ContactSupport),
        }
    }
}
