//! Entries that several codes share word for word (across providers or
//! endpoints), written once. Provider modules still list every code in their
//! exhaustive `match`; those arms name one of these.

use super::{Action::*, Kind::*, Meaning, RetryClass::*, shared};

/// Used by license_api::BadSignature, geckoguard::InvalidSignature.
pub(crate) const BAD_SIGNATURE: Meaning = shared(
    "shared-bad-signature",
    SigningRejected,
    Never,
    ContactSupport,
);

/// Used by license_api::StaleTimestamp, geckoguard::SignatureExpired.
pub(crate) const STALE_TIMESTAMP: Meaning = shared(
    "shared-stale-timestamp",
    ClockSkew,
    AfterClockFix,
    SyncClock,
);

/// Used by license_api::Malformed, appauth::DevBadRequest, appauth::ValidateBadRequest, geckoguard::BadRequest, licensekit::InvalidQuery, licensekit::ValidationError, licentric::ValidationError, licentric::Status400.
pub(crate) const MALFORMED: Meaning =
    shared("shared-malformed", InvalidRequest, Never, ContactSupport);

/// Used by license_api::NotFoundKey, geckoguard::LicenseNotFound.
pub(crate) const NOT_FOUND_KEY: Meaning =
    shared("shared-not-found-key", InvalidKey, Never, EnterNewKey);

/// Used by license_api::Inactive, geckoguard::LicenseInactive.
pub(crate) const INACTIVE: Meaning = shared("shared-inactive", Suspended, Never, Renew);

/// Used by license_api::RateLimited, appauth::DevRateLimited, geckoguard::TooManyRequests, licentric::Status429.
pub(crate) const RATE_LIMITED: Meaning = shared("shared-rate-limited", RateLimited, Backoff, Retry);

/// Used by license_api::SecretNotSet, geckoguard::SigningNotConfigured, geckoguard::ConfigError.
pub(crate) const SECRET_NOT_SET: Meaning = shared(
    "shared-secret-not-set",
    ServerMisconfigured,
    Never,
    ContactSupport,
);

/// Used by appauth::DevNoCredits, appauth::ValidateNoCredits, appauth::HeartbeatNoCredits.
pub(crate) const NO_CREDITS: Meaning =
    shared("shared-no-credits", ServerUnavailable, Backoff, Retry);

/// Used by appauth::DevInternalError, licentric::Status500.
pub(crate) const INTERNAL_ERROR: Meaning =
    shared("shared-internal-error", ServerUnavailable, Backoff, Retry);

/// Used by appauth::ValidateAppDisabled, appauth::HeartbeatAppDisabled.
pub(crate) const APP_DISABLED: Meaning = shared(
    "shared-app-disabled",
    ServerUnavailable,
    Never,
    ContactSupport,
);

/// Used by geckoguard::SigningUnavailable, geckoguard::RateLimitUnavailable.
pub(crate) const SIGNING_UNAVAILABLE: Meaning = shared(
    "shared-signing-unavailable",
    ServerUnavailable,
    Backoff,
    Retry,
);

/// Used by geckoguard::NoActiveOrg, geckoguard::EndpointDisabled.
pub(crate) const NO_ACTIVE_ORG: Meaning = shared(
    "shared-no-active-org",
    InvalidRequest,
    Never,
    ContactSupport,
);

/// Used by licensekit::TokenScopeDenied, licentric::Status403.
pub(crate) const TOKEN_SCOPE_DENIED: Meaning = shared(
    "shared-token-scope-denied",
    VendorCredentials,
    Never,
    ContactSupport,
);

/// Used by licensekit::ResourceNotFound, licentric::Status404.
pub(crate) const RESOURCE_NOT_FOUND: Meaning =
    shared("shared-resource-not-found", NotFound, Never, EnterNewKey);

/// Used by license_api::MachineNotActivated, keyslot::NoSeat.
pub(crate) const NO_SEAT: Meaning =
    shared("shared-no-seat", MachineNotActivated, AfterAction, Activate);

/// Used by licentric::Unauthorized, licentric::Status401.
pub(crate) const UNAUTHORIZED: Meaning = shared(
    "shared-unauthorized",
    VendorCredentials,
    Never,
    ContactSupport,
);

/// Used by licentric::StateConflict, licentric::Status409.
pub(crate) const STATE_CONFLICT: Meaning =
    shared("shared-state-conflict", Conflict, Never, ContactSupport);
