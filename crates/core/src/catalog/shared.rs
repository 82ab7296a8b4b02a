//! Entries that several codes share word for word (across providers or
//! endpoints), written once. Provider modules still list every code in their
//! exhaustive `match`; those arms name one of these.

use super::{Action::*, Entry, Kind::*, RetryClass::*, entry};

/// Used by license_api::BadSignature, geckoguard::InvalidSignature.
pub(crate) const BAD_SIGNATURE: Entry = entry(
    SigningRejected,
    Never,
    ContactSupport,
    "The license server didn't trust this request",
    "The app's request signature was refused. Your license is fine; the app's setup is not.",
    &[
        "Check that your computer's date and time are set automatically.",
        "Update the app to the latest version.",
        "If it keeps happening, contact support with the report.",
    ],
);

/// Used by license_api::StaleTimestamp, geckoguard::SignatureExpired.
pub(crate) const STALE_TIMESTAMP: Entry = entry(
    ClockSkew,
    AfterClockFix,
    SyncClock,
    "Your computer's clock is off",
    "The license server only accepts requests from clocks within five minutes of its own.",
    &[
        "Open your date and time settings.",
        "Turn on \"Set time automatically\".",
        "Try again.",
    ],
);

/// Used by license_api::Malformed, appauth::DevBadRequest, appauth::ValidateBadRequest, geckoguard::BadRequest, licensekit::InvalidQuery, licensekit::ValidationError, licentric::ValidationError, licentric::Status400.
pub(crate) const MALFORMED: Entry = entry(
    InvalidRequest,
    Never,
    ContactSupport,
    "The app sent a request the server didn't accept",
    "This is a problem in the app, not with your license.",
    &[
        "Update the app to the latest version.",
        "If it keeps happening, contact support with the report.",
    ],
);

/// Used by license_api::NotFoundKey, geckoguard::LicenseNotFound.
pub(crate) const NOT_FOUND_KEY: Entry = entry(
    InvalidKey,
    Never,
    EnterNewKey,
    "That license key wasn't found",
    "The server doesn't know this key. It may be mistyped, or it was removed.",
    &[
        "Check the key against your purchase email; copy and paste it if you can.",
        "If it is right, contact support with the report.",
    ],
);

/// Used by license_api::Inactive, geckoguard::LicenseInactive.
pub(crate) const INACTIVE: Entry = entry(
    Suspended,
    Never,
    Renew,
    "This license isn't active right now",
    "The license is suspended or has expired, so it can't be used at the moment.",
    &[
        "Check your account with the vendor: a renewal or a payment may be due.",
        "Once it is active again, try again.",
    ],
);

/// Used by license_api::RateLimited, appauth::DevRateLimited, geckoguard::TooManyRequests, licentric::Status429.
pub(crate) const RATE_LIMITED: Entry = entry(
    RateLimited,
    Backoff,
    Retry,
    "Too many attempts",
    "The license server asked us to slow down for a moment.",
    &["Wait a little; the app will try again by itself."],
);

/// Used by license_api::SecretNotSet, geckoguard::SigningNotConfigured, geckoguard::ConfigError.
pub(crate) const SECRET_NOT_SET: Entry = entry(
    ServerMisconfigured,
    Never,
    ContactSupport,
    "The license server isn't set up correctly",
    "This is on the vendor's side, not yours; there is nothing to change on this computer.",
    &["Contact support with the report so they can fix the server."],
);

/// Used by appauth::DevNoCredits, appauth::ValidateNoCredits, appauth::HeartbeatNoCredits.
pub(crate) const NO_CREDITS: Entry = entry(
    ServerUnavailable,
    Backoff,
    Retry,
    "Authentication service temporarily unavailable",
    "The license service can't check licenses right now. This is not a problem with your license.",
    &[
        "Try again later; the app will also retry by itself.",
        "If it lasts more than a few hours, contact support with the report.",
    ],
);

/// Used by appauth::DevInternalError, licentric::Status500.
pub(crate) const INTERNAL_ERROR: Entry = entry(
    ServerUnavailable,
    Backoff,
    Retry,
    "The license server is having trouble",
    "Something went wrong on the server's side, not yours. It usually passes quickly.",
    &[
        "Wait a moment; the app will try again.",
        "If it lasts, contact support with the report.",
    ],
);

/// Used by appauth::ValidateAppDisabled, appauth::HeartbeatAppDisabled.
pub(crate) const APP_DISABLED: Entry = entry(
    ServerUnavailable,
    Never,
    ContactSupport,
    "Authentication service temporarily unavailable",
    "The license service can't check licenses for this app right now. This is not a problem with your license.",
    &[
        "Try again later.",
        "If it lasts, contact support with the report.",
    ],
);

/// Used by geckoguard::SigningUnavailable, geckoguard::RateLimitUnavailable.
pub(crate) const SIGNING_UNAVAILABLE: Entry = entry(
    ServerUnavailable,
    Backoff,
    Retry,
    "The license server is having trouble",
    "Part of the license server is down for the moment. This is on the server's side, not yours.",
    &[
        "Wait a moment; the app will try again.",
        "If it lasts, contact support with the report.",
    ],
);

/// Used by geckoguard::NoActiveOrg, geckoguard::EndpointDisabled.
pub(crate) const NO_ACTIVE_ORG: Entry = entry(
    InvalidRequest,
    Never,
    ContactSupport,
    "The license server refused this request",
    "The app asked for something meant for the vendor's own dashboard, not for this app.",
    &["Contact support with the report."],
);

/// Used by licensekit::TokenScopeDenied, licentric::Status403.
pub(crate) const TOKEN_SCOPE_DENIED: Entry = entry(
    VendorCredentials,
    Never,
    ContactSupport,
    "The app isn't allowed to do that",
    "The app is not set up correctly with the license service, so this request was refused. This is not a problem with your license.",
    &[
        "Update the app to the latest version.",
        "If it keeps happening, contact support with the report.",
    ],
);

/// Used by licensekit::ResourceNotFound, licentric::Status404.
pub(crate) const RESOURCE_NOT_FOUND: Entry = entry(
    NotFound,
    Never,
    EnterNewKey,
    "License not found",
    "The license server could not find what was asked for. The license key may be mistyped, or it was removed.",
    &[
        "Check the key against your purchase email; copy and paste it if you can.",
        "If it is right, contact support with the report.",
    ],
);

/// Used by license_api::MachineNotActivated, keyslot::NoSeat.
pub(crate) const NO_SEAT: Entry = entry(
    MachineNotActivated,
    AfterAction,
    Activate,
    "This device isn't activated",
    "The license is fine, but this device doesn't hold one of its seats (it may have been freed).",
    &["Activate this device again; your key is still saved."],
);

/// Used by licentric::Unauthorized, licentric::Status401.
pub(crate) const UNAUTHORIZED: Entry = entry(
    VendorCredentials,
    Never,
    ContactSupport,
    "The app couldn't sign in to the license service",
    "The license server did not accept the app's sign-in. This is usually a problem with the app's setup, not your license.",
    &[
        "Check that your license key is entered correctly.",
        "Update the app to the latest version.",
        "If it keeps happening, contact support with the report.",
    ],
);

/// Used by licentric::StateConflict, licentric::Status409.
pub(crate) const STATE_CONFLICT: Entry = entry(
    Conflict,
    Never,
    ContactSupport,
    "That can't be done right now",
    "The license server refused the change because of the license's current state.",
    &[
        "Refresh and check the license's status.",
        "If it keeps happening, contact support with the report.",
    ],
);
