//! Seed 001: appauth (`appauth`), every row of its error tables.
//! Contexts: `developer_api` (Developer API, with its HTTP status),
//! `validate` (`/auth/validate`) and `heartbeat` (`/auth/heartbeat`), whose
//! errors arrive inside HTTP 200, and `client` (the SDK's own checks of the
//! answer, no status). The "HTTP/network errors" row is not a code.
//! Retry classes from the Developer API table and the seed's best practices:
//! backoff `rate_limited`, `internal_error` and `no_credits` (transient from
//! the user's view, practice 3); refresh token `session_expired`; never the
//! rest (permanent errors per practice 4).

use super::{Action::*, Kind::*, Meaning, Origin, Provider, RetryClass::*, codes, meaning, shared};

codes! {
    origin: Origin::Server(Provider::Appauth);
    /// appauth codes, per endpoint.
    enum AppauthCode {
        DevBadRequest = ("bad_request", Some("developer_api"), Some(400)),
        DevInvalidApiKey = ("invalid_api_key", Some("developer_api"), Some(401)),
        DevNoCredits = ("no_credits", Some("developer_api"), Some(402)),
        DevForbidden = ("forbidden", Some("developer_api"), Some(403)),
        DevNotFound = ("not_found", Some("developer_api"), Some(404)),
        DevRateLimited = ("rate_limited", Some("developer_api"), Some(429)),
        DevInternalError = ("internal_error", Some("developer_api"), Some(500)),
        ValidateInvalidApp = ("invalid_app", Some("validate"), Some(200)),
        ValidateAppDisabled = ("app_disabled", Some("validate"), Some(200)),
        ValidateInvalidKey = ("invalid_key", Some("validate"), Some(200)),
        ValidateRevoked = ("revoked", Some("validate"), Some(200)),
        ValidateExpired = ("expired", Some("validate"), Some(200)),
        ValidateHwidMismatch = ("hwid_mismatch", Some("validate"), Some(200)),
        ValidateNoCredits = ("no_credits", Some("validate"), Some(200)),
        ValidateBlocked = ("blocked", Some("validate"), Some(200)),
        ValidateBadRequest = ("bad_request", Some("validate"), Some(200)),
        HeartbeatSessionExpired = ("session_expired", Some("heartbeat"), Some(200)),
        HeartbeatRevoked = ("revoked", Some("heartbeat"), Some(200)),
        HeartbeatExpired = ("expired", Some("heartbeat"), Some(200)),
        HeartbeatAppDisabled = ("app_disabled", Some("heartbeat"), Some(200)),
        HeartbeatNoCredits = ("no_credits", Some("heartbeat"), Some(200)),
        ClientNonceMismatch = ("nonce_mismatch", Some("client"), None),
        ClientSignatureMismatch = ("signature_mismatch", Some("client"), None),
    }
}

impl AppauthCode {
    fn meaning(self) -> Meaning {
        match self {
            Self::DevBadRequest => shared::MALFORMED,
            Self::DevInvalidApiKey => meaning(VendorCredentials, Never, ContactSupport),
            Self::DevNoCredits => shared::NO_CREDITS,
            Self::DevForbidden => meaning(VendorCredentials, Never, ContactSupport),
            Self::DevNotFound => meaning(NotFound, Never, EnterNewKey),
            Self::DevRateLimited => shared::RATE_LIMITED,
            Self::DevInternalError => shared::INTERNAL_ERROR,
            Self::ValidateInvalidApp => meaning(VendorCredentials, Never, ContactSupport),
            Self::ValidateAppDisabled => shared::APP_DISABLED,
            Self::ValidateInvalidKey => meaning(InvalidKey, Never, EnterNewKey),
            Self::ValidateRevoked => meaning(Revoked, Never, ContactSupport),
            Self::ValidateExpired => meaning(Expired, Never, Renew),
            Self::ValidateHwidMismatch => meaning(DeviceMismatch, Never, ContactSupport),
            Self::ValidateNoCredits => shared::NO_CREDITS,
            Self::ValidateBlocked => meaning(Blocked, Never, ContactSupport),
            Self::ValidateBadRequest => shared::MALFORMED,
            Self::HeartbeatSessionExpired => meaning(SessionExpired, RefreshToken, Retry),
            Self::HeartbeatRevoked => meaning(Revoked, Never, ContactSupport),
            Self::HeartbeatExpired => meaning(Expired, Never, Renew),
            Self::HeartbeatAppDisabled => shared::APP_DISABLED,
            Self::HeartbeatNoCredits => shared::NO_CREDITS,
            Self::ClientNonceMismatch => meaning(Tampered, Never, ContactSupport),
            Self::ClientSignatureMismatch => meaning(Tampered, Never, ContactSupport),
        }
    }
}
