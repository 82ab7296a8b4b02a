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

use super::{Action::*, Entry, Kind::*, Origin, Provider, RetryClass::*, codes, entry, shared};

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
    fn text(self) -> Entry {
        match self {
            // Authentication & authorization.
            Self::Unauthorized => entry(
                VendorCredentials,
                Never,
                ContactSupport,
                "Couldn't sign in to the license server",
                "The license server did not accept this app's credentials. Your license is fine; the app's setup is not.",
                &[
                    "Update the app to the latest version.",
                    "If it keeps happening, contact support with the report.",
                ],
            ),
            Self::ExpiredToken => entry(
                SessionExpired,
                RefreshToken,
                SignIn,
                "Your session has ended",
                "Your sign-in ran out and couldn't be renewed by itself.",
                &["Sign in again.", "Then repeat what you were doing."],
            ),
            Self::Forbidden => entry(
                VendorCredentials,
                Never,
                ContactSupport,
                "Access denied",
                "The license server says this app isn't allowed to see what it asked for. This is a setup problem, not your license.",
                &[
                    "Update the app to the latest version.",
                    "If it keeps happening, contact support with the report.",
                ],
            ),
            Self::ApiKeyNoPermissions => entry(
                VendorCredentials,
                Never,
                ContactSupport,
                "The app isn't allowed to check licenses",
                "The app's access to the license server was set up without any rights. Only the vendor can fix this.",
                &["Contact support with the report."],
            ),
            Self::PermissionDenied => entry(
                VendorCredentials,
                Never,
                ContactSupport,
                "The app isn't allowed to do that",
                "The app's access to the license server lacks the right needed for this step. Only the vendor can fix this.",
                &["Contact support with the report."],
            ),
            Self::InsufficientScope => entry(
                VendorCredentials,
                Never,
                ContactSupport,
                "Your account isn't allowed to do that",
                "The license server refused this step for the account you are signed in with.",
                &[
                    "Sign out and sign in again with the account that owns the license.",
                    "If it keeps happening, contact support with the report.",
                ],
            ),
            Self::ApikeyNotAllowed => entry(
                VendorCredentials,
                Never,
                ContactSupport,
                "The license server refused this request",
                "The app asked for something that needs a signed-in person, not the app's own access. This is a problem in the app.",
                &[
                    "Update the app to the latest version.",
                    "If it keeps happening, contact support with the report.",
                ],
            ),
            Self::CsrfBlocked => entry(
                VendorCredentials,
                Never,
                ContactSupport,
                "The license server refused this request",
                "The request didn't come in the form the license server expects from this app. This is a problem in the app, not your license.",
                &[
                    "Update the app to the latest version.",
                    "If it keeps happening, contact support with the report.",
                ],
            ),
            // Request signing.
            Self::SignatureRequired => entry(
                SigningRejected,
                Never,
                ContactSupport,
                "The license server didn't trust this request",
                "The app's request arrived without the signature the server requires. Your license is fine; the app's setup is not.",
                &[
                    "Update the app to the latest version.",
                    "If it keeps happening, contact support with the report.",
                ],
            ),
            Self::InvalidSignature => shared::BAD_SIGNATURE,
            Self::SignatureExpired => shared::STALE_TIMESTAMP,
            Self::NonceReused => entry(
                ClockSkew,
                AfterClockFix,
                SyncClock,
                "The request looked like a repeat",
                "The license server had already seen this exact request and refused it again. A clock that is off can cause this.",
                &[
                    "Check that your computer's date and time are set automatically.",
                    "Try again.",
                    "If it keeps happening, contact support with the report.",
                ],
            ),
            Self::SigningNotConfigured => shared::SECRET_NOT_SET,
            Self::SigningUnavailable => shared::SIGNING_UNAVAILABLE,
            // Validation.
            Self::ValidationError => entry(
                InvalidRequest,
                Never,
                ContactSupport,
                "The app sent a request the server didn't accept",
                "Some of the details the app sent were missing or in the wrong form. This is a problem in the app, not with your license.",
                &[
                    "Update the app to the latest version.",
                    "If it keeps happening, contact support with the report.",
                ],
            ),
            Self::BadRequest => shared::MALFORMED,
            Self::NullConstraint => entry(
                InvalidRequest,
                Never,
                ContactSupport,
                "The app sent a request the server didn't accept",
                "A required detail was missing from the app's request. This is a problem in the app, not with your license.",
                &[
                    "Update the app to the latest version.",
                    "If it keeps happening, contact support with the report.",
                ],
            ),
            Self::BadIdempotencyKey => entry(
                InvalidRequest,
                Never,
                ContactSupport,
                "The app sent a request the server didn't accept",
                "The app labelled its request in a way the server doesn't accept. This is a problem in the app, not with your license.",
                &[
                    "Update the app to the latest version.",
                    "If it keeps happening, contact support with the report.",
                ],
            ),
            Self::NoFile => entry(
                InvalidRequest,
                Never,
                ContactSupport,
                "No file was sent",
                "The license server expected a file with this request, but none arrived.",
                &[
                    "Try again, and make sure a file is chosen.",
                    "If it keeps happening, contact support with the report.",
                ],
            ),
            Self::NoActiveOrg => shared::NO_ACTIVE_ORG,
            Self::MissingHostname => entry(
                InvalidRequest,
                Never,
                ContactSupport,
                "The license server refused this request",
                "The app asked for something meant for the vendor's online store, not for this app.",
                &["Contact support with the report."],
            ),
            Self::EndpointDisabled => shared::NO_ACTIVE_ORG,
            // Resource state.
            Self::NotFoundResource => entry(
                NotFound,
                Never,
                ContactSupport,
                "Not found",
                "The license server couldn't find what the app asked for, or isn't letting this app see it.",
                &[
                    "Check that your license key is entered correctly.",
                    "If it is, contact support with the report.",
                ],
            ),
            Self::UserNotFound => entry(
                NotFound,
                Never,
                ContactSupport,
                "Account not found",
                "The license server couldn't find this account. It may have been removed.",
                &[
                    "Sign in again with the account you used to buy the license.",
                    "If it keeps happening, contact support with the report.",
                ],
            ),
            Self::ProductNotFound => entry(
                NotFound,
                Never,
                ContactSupport,
                "The license server doesn't know this app",
                "The app's product isn't set up on the license server. This is on the vendor's side, not with your license.",
                &["Contact support with the report."],
            ),
            Self::LicenseNotFound => shared::NOT_FOUND_KEY,
            Self::ListingNotFound => entry(
                NotFound,
                Never,
                ContactSupport,
                "That item isn't in the store",
                "The vendor's online store couldn't find this item. It may have been removed.",
                &["Contact support with the report."],
            ),
            Self::StorefrontNotFound => entry(
                NotFound,
                Never,
                ContactSupport,
                "The store wasn't found",
                "The vendor's online store isn't set up at this address.",
                &["Contact support with the report."],
            ),
            Self::OrgNotFound => entry(
                NotFound,
                Never,
                ContactSupport,
                "The vendor wasn't found",
                "The license server couldn't find the vendor this app belongs to. This is a setup problem on the vendor's side.",
                &["Contact support with the report."],
            ),
            Self::ConflictState => entry(
                Conflict,
                Never,
                ContactSupport,
                "That can't be done right now",
                "The license server refused the change in the current state of things.",
                &[
                    "Refresh and check whether the change already happened.",
                    "If it keeps happening, contact support with the report.",
                ],
            ),
            Self::IdempotencyKeyReuse => entry(
                Conflict,
                Never,
                ContactSupport,
                "The request got mixed up with an earlier one",
                "The license server took this request for a repeat of a different one and refused it. This is a problem in the app.",
                &[
                    "Try the action once more.",
                    "If it keeps happening, contact support with the report.",
                ],
            ),
            Self::Closed => entry(
                Conflict,
                Never,
                ContactSupport,
                "This support request is closed",
                "The support request you tried to update has already been closed.",
                &["Open a new support request if you still need help."],
            ),
            Self::LicenseNotOwned => entry(
                Conflict,
                Never,
                ContactSupport,
                "This license belongs to another account",
                "The license you tried to use isn't linked to the account you are signed in with.",
                &[
                    "Sign in with the account you used to buy the license.",
                    "If it is yours, contact support with the report.",
                ],
            ),
            Self::Gone => entry(
                Conflict,
                Never,
                ContactSupport,
                "This invitation has expired",
                "The invitation link is no longer valid.",
                &["Ask the person who invited you to send a new invitation."],
            ),
            Self::StorefrontNotSetup => entry(
                ServerMisconfigured,
                Never,
                ContactSupport,
                "The store isn't ready yet",
                "The vendor hasn't finished setting up their online store. This is on their side, not yours.",
                &["Contact support with the report."],
            ),
            Self::StripeNotReady => entry(
                ServerMisconfigured,
                Never,
                ContactSupport,
                "The store can't take payments yet",
                "The vendor's online store isn't connected to a payment service yet. This is on their side, not yours.",
                &["Contact support with the report."],
            ),
            Self::TargetLicenseRequired => entry(
                InvalidRequest,
                Never,
                ContactSupport,
                "Choose which license this is for",
                "This purchase applies to an existing license, but none was given.",
                &[
                    "Try again and pick the license to apply it to.",
                    "If it keeps happening, contact support with the report.",
                ],
            ),
            // Rate limiting.
            Self::TooManyRequests => shared::RATE_LIMITED,
            Self::ProductRateLimited => entry(
                RateLimited,
                Backoff,
                Retry,
                "The license server is busy",
                "Too many requests for this app reached the license server at once. It asked us to slow down for a moment.",
                &[
                    "Wait a little; the app will try again by itself.",
                    "If it lasts, contact support with the report.",
                ],
            ),
            Self::RateLimitUnavailable => shared::SIGNING_UNAVAILABLE,
            // End-user portal.
            Self::UserBanned => entry(
                Blocked,
                Never,
                ContactSupport,
                "Your account has been blocked",
                "The vendor has blocked this account, so it can't be used.",
                &["If you think this is a mistake, contact support with the report."],
            ),
            Self::LicenseInactive => shared::INACTIVE,
            Self::LimitReached => entry(
                DeactivationLimit,
                Never,
                ContactSupport,
                "Device resets used up",
                "This license has moved to a new device as often as it allows for now. More resets become available later.",
                &[
                    "Try again later.",
                    "If you need to switch devices now, contact support with the report.",
                ],
            ),
            // DNS & domains.
            Self::DnsNotFound => entry(
                ServerMisconfigured,
                AfterAction,
                ContactSupport,
                "The vendor's web address isn't set up yet",
                "The license server couldn't confirm the vendor's web address. This is on the vendor's side, not yours.",
                &["Contact support with the report."],
            ),
            Self::TokenMismatch => entry(
                ServerMisconfigured,
                AfterAction,
                ContactSupport,
                "The vendor's web address isn't set up correctly",
                "The license server couldn't confirm the vendor's web address. This is on the vendor's side, not yours.",
                &["Contact support with the report."],
            ),
            // Server / infrastructure.
            Self::Internal => entry(
                ServerUnavailable,
                Backoff,
                Retry,
                "The license server is having trouble",
                "This is on the server's side, not yours. It usually passes quickly.",
                &[
                    "Wait a moment; the app will try again.",
                    "If it lasts, contact support with the report.",
                ],
            ),
            Self::ConfigError => shared::SECRET_NOT_SET,
            Self::DatabaseError => entry(
                ServerMisconfigured,
                Never,
                ContactSupport,
                "The license server isn't set up correctly",
                "The server's stored data needs attention from the vendor. There is nothing to change on this computer.",
                &["Contact support with the report so they can fix the server."],
            ),
            Self::WebhookError => entry(
                ServerUnavailable,
                NotApplicable,
                ContactSupport,
                "The vendor wasn't notified yet",
                "The license server couldn't pass a notice on to the vendor's systems. It will keep trying by itself.",
                &[
                    "Nothing to do for now.",
                    "If what you did doesn't show up later, contact support with the report.",
                ],
            ),
            Self::StagingBillingDisabled => entry(
                ServerMisconfigured,
                Never,
                ContactSupport,
                "Payments are turned off here",
                "This copy of the app is connected to a test server, where payments don't work.",
                &["Contact support with the report to get a regular copy of the app."],
            ),
            // License authorize reason codes.
            Self::AuthorizeLicenseNotFound => entry(
                InvalidKey,
                Never,
                EnterNewKey,
                "Invalid license key",
                "The license server doesn't know this key for this app. It may be mistyped, or it was removed.",
                &[
                    "Check the key against your purchase email; copy and paste it if you can.",
                    "If it is right, contact support with the report.",
                ],
            ),
            Self::AuthorizeProductMismatch => entry(
                InvalidKey,
                Never,
                EnterNewKey,
                "Invalid license key",
                "This key is real, but it belongs to a different product.",
                &[
                    "Check that you are entering the key bought for this app.",
                    "If it is, contact support with the report.",
                ],
            ),
            Self::AuthorizeLicenseRevoked => entry(
                Revoked,
                Never,
                ContactSupport,
                "This license has been revoked",
                "The vendor has revoked or frozen this license, so it can't be used.",
                &[
                    "If you think this is a mistake, contact support with the report.",
                    "If you have another key, enter it instead.",
                ],
            ),
            Self::AuthorizeLicenseExpired => entry(
                Expired,
                Never,
                Renew,
                "This license has expired",
                "The license was valid until a set date, and that date has passed.",
                &[
                    "Renew the license with the vendor.",
                    "Then try again; your key stays the same unless told otherwise.",
                ],
            ),
            Self::AuthorizeLicenseExpiredRelative => entry(
                Expired,
                Never,
                Renew,
                "This license has expired",
                "The license was valid for a set number of days after it was first activated, and that time is over.",
                &[
                    "Renew the license with the vendor.",
                    "Then try again; your key stays the same unless told otherwise.",
                ],
            ),
            Self::AuthorizeHwidMismatch => entry(
                DeviceMismatch,
                Never,
                ContactSupport,
                "License is bound to a different device",
                "This license is tied to the device it was first used on, and this computer isn't that device.",
                &[
                    "Use the license on the device it was first activated on.",
                    "To move it to this computer, contact support with the report.",
                ],
            ),
            Self::AuthorizeHwidLimitExceeded => entry(
                DeviceLimit,
                Never,
                FreeSlot,
                "License is bound to other devices",
                "This license is already in use on as many devices as it allows.",
                &[
                    "Free a device you no longer use.",
                    "Then try again on this computer.",
                    "If you can't free one, contact support with the report.",
                ],
            ),
            Self::AuthorizeIpMismatch => entry(
                DeviceMismatch,
                Never,
                ContactSupport,
                "License is bound to a different network",
                "This license only works from the network address it was first used from, and this connection comes from another one.",
                &[
                    "Connect from your usual network, and turn off any VPN or proxy.",
                    "To move the license to this network, contact support with the report.",
                ],
            ),
            Self::AuthorizeIpLimitExceeded => entry(
                Blocked,
                Never,
                ContactSupport,
                "Used from too many networks",
                "This license was used from more network addresses than it allows in a short time, so it is paused for now.",
                &[
                    "Turn off any VPN or proxy and stay on your usual network.",
                    "Wait a while, then try again.",
                    "If it keeps happening, contact support with the report.",
                ],
            ),
            Self::AuthorizeIpRegionMismatch => entry(
                Blocked,
                Never,
                ContactSupport,
                "Not available in your region",
                "This license can only be used from certain countries or regions, and your connection comes from outside them.",
                &[
                    "If you use a VPN or proxy, turn it off and try again.",
                    "If you think this is a mistake, contact support with the report.",
                ],
            ),
            Self::AuthorizeConcurrencyLimitExceeded => entry(
                ConcurrencyLimit,
                Never,
                CloseOtherSessions,
                "Too many active sessions",
                "This license is open in more places at once than it allows. Close other instances first.",
                &[
                    "Close the app on your other devices or windows.",
                    "Then try again.",
                ],
            ),
            Self::AuthorizeHwidBlacklisted => entry(
                Blocked,
                Never,
                ContactSupport,
                "Access denied",
                "The vendor has blocked this device from using the license.",
                &["If you think this is a mistake, contact support with the report."],
            ),
            Self::AuthorizeIpBlacklisted => entry(
                Blocked,
                Never,
                ContactSupport,
                "Access denied",
                "The vendor has blocked the network address you are connecting from.",
                &[
                    "If you use a VPN or proxy, turn it off and try again.",
                    "If you think this is a mistake, contact support with the report.",
                ],
            ),
        }
    }
}
