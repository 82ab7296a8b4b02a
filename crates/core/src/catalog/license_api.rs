//! Seed 000: the native License API (`license-api`), codes 1700–1711.
//! Retry classes from PROTOCOL.md's table: backoff 1706 and 5xx but 1707;
//! after clock fix 1701; after action 1709; never the rest.

use super::{Action::*, Entry, Kind::*, Provider, RetryClass::*, codes, entry};

codes! {
    /// Native protocol codes.
    enum LicenseApiCode for Provider::LicenseApi {
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
            Self::BadSignature => entry(
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
            ),
            Self::StaleTimestamp => entry(
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
            ),
            Self::Malformed => entry(
                InvalidRequest,
                Never,
                ContactSupport,
                "The app sent a request the server didn't accept",
                "This is a problem in the app, not with your license.",
                &[
                    "Update the app to the latest version.",
                    "If it keeps happening, contact support with the report.",
                ],
            ),
            Self::NotFoundKey => entry(
                InvalidKey,
                Never,
                EnterNewKey,
                "That license key wasn't found",
                "The server doesn't know this key. It may be mistyped, or it was removed.",
                &[
                    "Check the key against your purchase email; copy and paste it if you can.",
                    "If it is right, contact support with the report.",
                ],
            ),
            Self::Inactive => entry(
                Suspended,
                Never,
                Renew,
                "This license isn't active right now",
                "The license is suspended or has expired, so it can't be used at the moment.",
                &[
                    "Check your account with the vendor: a renewal or a payment may be due.",
                    "Once it is active again, try again.",
                ],
            ),
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
            Self::RateLimited => entry(
                RateLimited,
                Backoff,
                Retry,
                "Too many attempts",
                "The license server asked us to slow down for a moment.",
                &["Wait a little; the app will try again by itself."],
            ),
            Self::SecretNotSet => entry(
                ServerMisconfigured,
                Never,
                ContactSupport,
                "The license server isn't set up correctly",
                "This is on the vendor's side, not yours; there is nothing to change on this computer.",
                &["Contact support with the report so they can fix the server."],
            ),
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
            Self::MachineNotActivated => entry(
                MachineNotActivated,
                AfterAction,
                Activate,
                "This device isn't activated",
                "The license is fine, but this device doesn't hold one of its seats (it may have been freed).",
                &["Activate this device again; your key is still saved."],
            ),
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
