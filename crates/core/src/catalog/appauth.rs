//! Seed 001: appauth (`appauth`), every row of its error tables.
//! Contexts: `developer_api` (Developer API, with its HTTP status),
//! `validate` (`/auth/validate`) and `heartbeat` (`/auth/heartbeat`), whose
//! errors arrive inside HTTP 200, and `client` (the SDK's own checks of the
//! answer, no status). The "HTTP/network errors" row is not a code.
//! Retry classes from the Developer API table and the seed's best practices:
//! backoff `rate_limited`, `internal_error` and `no_credits` (transient from
//! the user's view, practice 3); refresh token `session_expired`; never the
//! rest (permanent errors per practice 4).

use super::{Action::*, Entry, Kind::*, Origin, Provider, RetryClass::*, codes, entry, shared};

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
    fn text(self) -> Entry {
        match self {
            Self::DevBadRequest => shared::MALFORMED,
            Self::DevInvalidApiKey => entry(
                VendorCredentials,
                Never,
                ContactSupport,
                "The app couldn't sign in to the license service",
                "The app is not set up correctly to talk to the license server. This is not a problem with your license.",
                &[
                    "Update the app to the latest version.",
                    "If it keeps happening, contact support with the report.",
                ],
            ),
            Self::DevNoCredits => shared::NO_CREDITS,
            Self::DevForbidden => entry(
                VendorCredentials,
                Never,
                ContactSupport,
                "The license service refused access",
                "This app is not set up to manage that license. This is usually a problem with the app's setup.",
                &[
                    "Check that you entered the license key for this app, not for another product.",
                    "If it is right, contact support with the report.",
                ],
            ),
            Self::DevNotFound => entry(
                NotFound,
                Never,
                EnterNewKey,
                "License not found",
                "The license server could not find this license key. It may be mistyped, or it was removed.",
                &[
                    "Check the key against your purchase email; copy and paste it if you can.",
                    "If it is right, contact support with the report.",
                ],
            ),
            Self::DevRateLimited => shared::RATE_LIMITED,
            Self::DevInternalError => shared::INTERNAL_ERROR,
            Self::ValidateInvalidApp => entry(
                VendorCredentials,
                Never,
                ContactSupport,
                "Authentication failed",
                "The app couldn't sign in to the license service because it is not set up correctly. This is not a problem with your license.",
                &[
                    "Update the app to the latest version.",
                    "If it keeps happening, contact support with the report.",
                ],
            ),
            Self::ValidateAppDisabled => shared::APP_DISABLED,
            Self::ValidateInvalidKey => entry(
                InvalidKey,
                Never,
                EnterNewKey,
                "Invalid license key",
                "This license key wasn't recognised. It may be mistyped, or it belongs to another product.",
                &[
                    "Check the key against your purchase email; copy and paste it if you can.",
                    "Try again.",
                    "If it is right, contact support with the report.",
                ],
            ),
            Self::ValidateRevoked => entry(
                Revoked,
                Never,
                ContactSupport,
                "This license has been deactivated",
                "The vendor has deactivated this license key, so it can no longer be used.",
                &[
                    "Contact support with the report.",
                    "If you have another key, enter it instead.",
                ],
            ),
            Self::ValidateExpired => entry(
                Expired,
                Never,
                Renew,
                "Your license has expired",
                "This license has passed its end date, so it can't be used any more.",
                &["Renew your license.", "Once it is renewed, try again."],
            ),
            Self::ValidateHwidMismatch => entry(
                DeviceMismatch,
                Never,
                ContactSupport,
                "License in use on another device",
                "This license is already in use on another device, so it can't be used on this one.",
                &[
                    "Contact support with the report and ask them to reset the license's devices.",
                    "Once it is reset, try again.",
                ],
            ),
            Self::ValidateNoCredits => shared::NO_CREDITS,
            Self::ValidateBlocked => entry(
                Blocked,
                Never,
                ContactSupport,
                "Authentication failed",
                "The license service doesn't allow sign-in from this device or network.",
                &[
                    "If you are using a VPN or proxy, turn it off and try again.",
                    "Otherwise, contact support with the report.",
                ],
            ),
            Self::ValidateBadRequest => shared::MALFORMED,
            Self::HeartbeatSessionExpired => entry(
                SessionExpired,
                RefreshToken,
                Retry,
                "Sign-in ran out",
                "The app's sign-in with the license server ran out, which happens from time to time. Your license is fine.",
                &[
                    "Wait a moment; the app signs in again by itself.",
                    "If this message stays, try again.",
                ],
            ),
            Self::HeartbeatRevoked => entry(
                Revoked,
                Never,
                ContactSupport,
                "This license has been deactivated",
                "The vendor deactivated this license key since it was last checked, so it can no longer be used.",
                &[
                    "Contact support with the report.",
                    "If you have another key, enter it instead.",
                ],
            ),
            Self::HeartbeatExpired => entry(
                Expired,
                Never,
                Renew,
                "Your license has expired",
                "This license reached its end date since it was last checked, so it can't be used any more.",
                &["Renew your license.", "Once it is renewed, try again."],
            ),
            Self::HeartbeatAppDisabled => shared::APP_DISABLED,
            Self::HeartbeatNoCredits => shared::NO_CREDITS,
            Self::ClientNonceMismatch => entry(
                Tampered,
                Never,
                ContactSupport,
                "The license server's answer couldn't be trusted",
                "The answer didn't match the app's request, so the app ignored it. Something on the way to the server may have changed it.",
                &[
                    "If you are using a VPN or proxy, turn it off and try again.",
                    "If it keeps happening, contact support with the report.",
                ],
            ),
            Self::ClientSignatureMismatch => entry(
                Tampered,
                Never,
                ContactSupport,
                "The license server's answer couldn't be trusted",
                "The answer failed the app's safety check, so the app ignored it. Something on the way to the server may have changed it.",
                &[
                    "If you are using a VPN or proxy, turn it off and try again.",
                    "If it keeps happening, contact support with the report.",
                ],
            ),
        }
    }
}
