//! Seed 002: GeckoGuard (`geckoguard`), string codes in two envelopes.
//! Standard errors come as `error.code` in `{ "ok": false, "error": { ... } }`
//! with the status of their table (context `None`). License denials on
//! `POST /v1/licenses/authorize` come as `reasonCode` next to `allow: false`,
//! always with status 403; they carry the context `"authorize"`, because
//! `LICENSE_NOT_FOUND` exists in both envelopes with different statuses.
//! Retry classes from the seed's "Retry?" column: refresh token for
//! `EXPIRED_TOKEN`; after clock fix for the two "clock" rows; after action for
//! the two DNS rows; not applicable for `WEBHOOK_ERROR`; backoff for the other
//! "yes" rows; never for every "no". The reason codes have no retry column:
//! a denial is a 403, which the seed says is not retried, so they are all
//! never, `CONCURRENCY_LIMIT_EXCEEDED` included: the app cannot close the
//! user's other sessions itself (its button says to, then try again).
//! Many standard codes belong to the vendor's dashboard, store and portal; a
//! user of this app should not meet them, so their texts stay short.

use super::{Action::*, Kind::*, Meaning, Origin, Provider, RetryClass::*, codes, meaning, shared};

codes! {
    origin: Origin::Server(Provider::Geckoguard);
    /// GeckoGuard codes: standard `error.code`s, then the authorize `reasonCode`s.
    enum GeckoguardCode {
        // Authentication & authorization.
        Unauthorized = ("UNAUTHORIZED", None, Some(401)),
        ExpiredToken = ("EXPIRED_TOKEN", None, Some(401)),
        Forbidden = ("FORBIDDEN", None, Some(403)),
        ApiKeyNoPermissions = ("API_KEY_NO_PERMISSIONS", None, Some(403)),
        PermissionDenied = ("PERMISSION_DENIED", None, Some(403)),
        InsufficientScope = ("INSUFFICIENT_SCOPE", None, Some(403)),
        ApikeyNotAllowed = ("APIKEY_NOT_ALLOWED", None, Some(403)),
        CsrfBlocked = ("CSRF_BLOCKED", None, Some(403)),
        // Request signing.
        SignatureRequired = ("SIGNATURE_REQUIRED", None, Some(401)),
        InvalidSignature = ("INVALID_SIGNATURE", None, Some(401)),
        SignatureExpired = ("SIGNATURE_EXPIRED", None, Some(401)),
        NonceReused = ("NONCE_REUSED", None, Some(401)),
        SigningNotConfigured = ("SIGNING_NOT_CONFIGURED", None, Some(500)),
        SigningUnavailable = ("SIGNING_UNAVAILABLE", None, Some(503)),
        // Validation.
        ValidationError = ("VALIDATION_ERROR", None, Some(400)),
        BadRequest = ("BAD_REQUEST", None, Some(400)),
        NullConstraint = ("NULL_CONSTRAINT", None, Some(400)),
        BadIdempotencyKey = ("BAD_IDEMPOTENCY_KEY", None, Some(400)),
        NoFile = ("NO_FILE", None, Some(400)),
        NoActiveOrg = ("NO_ACTIVE_ORG", None, Some(400)),
        MissingHostname = ("MISSING_HOSTNAME", None, Some(400)),
        EndpointDisabled = ("ENDPOINT_DISABLED", None, Some(400)),
        // Resource state.
        NotFoundResource = ("NOT_FOUND", None, Some(404)),
        UserNotFound = ("USER_NOT_FOUND", None, Some(404)),
        ProductNotFound = ("PRODUCT_NOT_FOUND", None, Some(404)),
        LicenseNotFound = ("LICENSE_NOT_FOUND", None, Some(404)),
        ListingNotFound = ("LISTING_NOT_FOUND", None, Some(404)),
        StorefrontNotFound = ("STOREFRONT_NOT_FOUND", None, Some(404)),
        OrgNotFound = ("ORG_NOT_FOUND", None, Some(404)),
        ConflictState = ("CONFLICT", None, Some(409)),
        IdempotencyKeyReuse = ("IDEMPOTENCY_KEY_REUSE", None, Some(409)),
        Closed = ("CLOSED", None, Some(409)),
        LicenseNotOwned = ("LICENSE_NOT_OWNED", None, Some(409)),
        Gone = ("GONE", None, Some(410)),
        StorefrontNotSetup = ("STOREFRONT_NOT_SETUP", None, Some(400)),
        StripeNotReady = ("STRIPE_NOT_READY", None, Some(400)),
        TargetLicenseRequired = ("TARGET_LICENSE_REQUIRED", None, Some(400)),
        // Rate limiting.
        TooManyRequests = ("RATE_LIMITED", None, Some(429)),
        ProductRateLimited = ("PRODUCT_RATE_LIMITED", None, Some(429)),
        RateLimitUnavailable = ("RATE_LIMIT_UNAVAILABLE", None, Some(503)),
        // End-user portal.
        UserBanned = ("USER_BANNED", None, Some(403)),
        LicenseInactive = ("LICENSE_INACTIVE", None, Some(403)),
        LimitReached = ("LIMIT_REACHED", None, Some(403)),
        // DNS & domains.
        DnsNotFound = ("DNS_NOT_FOUND", None, Some(400)),
        TokenMismatch = ("TOKEN_MISMATCH", None, Some(400)),
        // Server / infrastructure.
        Internal = ("INTERNAL", None, Some(500)),
        ConfigError = ("CONFIG_ERROR", None, Some(500)),
        DatabaseError = ("DATABASE_ERROR", None, Some(500)),
        WebhookError = ("WEBHOOK_ERROR", None, Some(500)),
        StagingBillingDisabled = ("STAGING_BILLING_DISABLED", None, Some(503)),
        // License authorize reason codes (`reasonCode`, `allow: false`).
        AuthorizeLicenseNotFound = ("LICENSE_NOT_FOUND", Some("authorize"), Some(403)),
        AuthorizeProductMismatch = ("PRODUCT_MISMATCH", Some("authorize"), Some(403)),
        AuthorizeLicenseRevoked = ("LICENSE_REVOKED", Some("authorize"), Some(403)),
        AuthorizeLicenseExpired = ("LICENSE_EXPIRED", Some("authorize"), Some(403)),
        AuthorizeLicenseExpiredRelative = ("LICENSE_EXPIRED_RELATIVE", Some("authorize"), Some(403)),
        AuthorizeHwidMismatch = ("HWID_MISMATCH", Some("authorize"), Some(403)),
        AuthorizeHwidLimitExceeded = ("HWID_LIMIT_EXCEEDED", Some("authorize"), Some(403)),
        AuthorizeIpMismatch = ("IP_MISMATCH", Some("authorize"), Some(403)),
        AuthorizeIpLimitExceeded = ("IP_LIMIT_EXCEEDED", Some("authorize"), Some(403)),
        AuthorizeIpRegionMismatch = ("IP_REGION_MISMATCH", Some("authorize"), Some(403)),
        AuthorizeConcurrencyLimitExceeded = ("CONCURRENCY_LIMIT_EXCEEDED", Some("authorize"), Some(403)),
        AuthorizeHwidBlacklisted = ("HWID_BLACKLISTED", Some("authorize"), Some(403)),
        AuthorizeIpBlacklisted = ("IP_BLACKLISTED", Some("authorize"), Some(403)),
    }
}

impl GeckoguardCode {
    fn meaning(self) -> Meaning {
        match self {
            // Authentication & authorization.
            Self::Unauthorized => meaning(VendorCredentials, Never, ContactSupport),
            Self::ExpiredToken => meaning(SessionExpired, RefreshToken, SignIn),
            Self::Forbidden => meaning(VendorCredentials, Never, ContactSupport),
            Self::ApiKeyNoPermissions => meaning(VendorCredentials, Never, ContactSupport),
            Self::PermissionDenied => meaning(VendorCredentials, Never, ContactSupport),
            Self::InsufficientScope => meaning(VendorCredentials, Never, ContactSupport),
            Self::ApikeyNotAllowed => meaning(VendorCredentials, Never, ContactSupport),
            Self::CsrfBlocked => meaning(VendorCredentials, Never, ContactSupport),
            // Request signing.
            Self::SignatureRequired => meaning(SigningRejected, Never, ContactSupport),
            Self::InvalidSignature => shared::BAD_SIGNATURE,
            Self::SignatureExpired => shared::STALE_TIMESTAMP,
            Self::NonceReused => meaning(ClockSkew, AfterClockFix, SyncClock),
            Self::SigningNotConfigured => shared::SECRET_NOT_SET,
            Self::SigningUnavailable => shared::SIGNING_UNAVAILABLE,
            // Validation.
            Self::ValidationError => meaning(InvalidRequest, Never, ContactSupport),
            Self::BadRequest => shared::MALFORMED,
            Self::NullConstraint => meaning(InvalidRequest, Never, ContactSupport),
            Self::BadIdempotencyKey => meaning(InvalidRequest, Never, ContactSupport),
            Self::NoFile => meaning(InvalidRequest, Never, ContactSupport),
            Self::NoActiveOrg => shared::NO_ACTIVE_ORG,
            Self::MissingHostname => meaning(InvalidRequest, Never, ContactSupport),
            Self::EndpointDisabled => shared::NO_ACTIVE_ORG,
            // Resource state.
            Self::NotFoundResource => meaning(NotFound, Never, ContactSupport),
            Self::UserNotFound => meaning(NotFound, Never, ContactSupport),
            Self::ProductNotFound => meaning(NotFound, Never, ContactSupport),
            Self::LicenseNotFound => shared::NOT_FOUND_KEY,
            Self::ListingNotFound => meaning(NotFound, Never, ContactSupport),
            Self::StorefrontNotFound => meaning(NotFound, Never, ContactSupport),
            Self::OrgNotFound => meaning(NotFound, Never, ContactSupport),
            Self::ConflictState => meaning(Conflict, Never, ContactSupport),
            Self::IdempotencyKeyReuse => meaning(Conflict, Never, ContactSupport),
            Self::Closed => meaning(Conflict, Never, ContactSupport),
            Self::LicenseNotOwned => meaning(Conflict, Never, ContactSupport),
            Self::Gone => meaning(Conflict, Never, ContactSupport),
            Self::StorefrontNotSetup => meaning(ServerMisconfigured, Never, ContactSupport),
            Self::StripeNotReady => meaning(ServerMisconfigured, Never, ContactSupport),
            Self::TargetLicenseRequired => meaning(InvalidRequest, Never, ContactSupport),
            // Rate limiting.
            Self::TooManyRequests => shared::RATE_LIMITED,
            Self::ProductRateLimited => meaning(RateLimited, Backoff, Retry),
            Self::RateLimitUnavailable => shared::SIGNING_UNAVAILABLE,
            // End-user portal.
            Self::UserBanned => meaning(Blocked, Never, ContactSupport),
            Self::LicenseInactive => shared::INACTIVE,
            Self::LimitReached => meaning(DeactivationLimit, Never, ContactSupport),
            // DNS & domains.
            Self::DnsNotFound => meaning(ServerMisconfigured, AfterAction, ContactSupport),
            Self::TokenMismatch => meaning(ServerMisconfigured, AfterAction, ContactSupport),
            // Server / infrastructure.
            Self::Internal => meaning(ServerUnavailable, Backoff, Retry),
            Self::ConfigError => shared::SECRET_NOT_SET,
            Self::DatabaseError => meaning(ServerMisconfigured, Never, ContactSupport),
            Self::WebhookError => meaning(ServerUnavailable, NotApplicable, ContactSupport),
            Self::StagingBillingDisabled => meaning(ServerMisconfigured, Never, ContactSupport),
            // License authorize reason codes.
            Self::AuthorizeLicenseNotFound => meaning(InvalidKey, Never, EnterNewKey),
            Self::AuthorizeProductMismatch => meaning(InvalidKey, Never, EnterNewKey),
            Self::AuthorizeLicenseRevoked => meaning(Revoked, Never, ContactSupport),
            Self::AuthorizeLicenseExpired => meaning(Expired, Never, Renew),
            Self::AuthorizeLicenseExpiredRelative => meaning(Expired, Never, Renew),
            Self::AuthorizeHwidMismatch => meaning(DeviceMismatch, Never, ContactSupport),
            Self::AuthorizeHwidLimitExceeded => meaning(DeviceLimit, Never, FreeSlot),
            Self::AuthorizeIpMismatch => meaning(DeviceMismatch, Never, ContactSupport),
            Self::AuthorizeIpLimitExceeded => meaning(Blocked, Never, ContactSupport),
            Self::AuthorizeIpRegionMismatch => meaning(Blocked, Never, ContactSupport),
            Self::AuthorizeConcurrencyLimitExceeded => {
                meaning(ConcurrencyLimit, Never, CloseOtherSessions)
            }
            Self::AuthorizeHwidBlacklisted => meaning(Blocked, Never, ContactSupport),
            Self::AuthorizeIpBlacklisted => meaning(Blocked, Never, ContactSupport),
        }
    }
}
