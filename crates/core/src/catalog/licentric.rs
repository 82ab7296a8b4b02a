//! Seed 004: Licentric (`licentric`), its three example codes (no context)
//! and one row per status of its HTTP status table (context `http_status`,
//! the status itself as the code).
//! Retry classes from the status table: backoff 429 (honour `Retry-After`)
//! and 500; never the rest.

use super::{Action::*, Entry, Kind::*, Provider, RetryClass::*, codes, entry};

codes! {
    /// Licentric codes and bare statuses.
    enum LicentricCode for Provider::Licentric {
        ValidationError = ("VALIDATION_ERROR", None, Some(400)),
        Unauthorized = ("UNAUTHORIZED", None, Some(401)),
        StateConflict = ("CONFLICT", None, Some(409)),
        Status400 = ("400", Some("http_status"), Some(400)),
        Status401 = ("401", Some("http_status"), Some(401)),
        Status403 = ("403", Some("http_status"), Some(403)),
        Status404 = ("404", Some("http_status"), Some(404)),
        Status409 = ("409", Some("http_status"), Some(409)),
        Status422 = ("422", Some("http_status"), Some(422)),
        Status429 = ("429", Some("http_status"), Some(429)),
        Status500 = ("500", Some("http_status"), Some(500)),
    }
}

impl LicentricCode {
    fn text(self) -> Entry {
        match self {
            Self::ValidationError => entry(
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
            Self::Unauthorized => entry(
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
            ),
            Self::StateConflict => entry(
                Conflict,
                Never,
                ContactSupport,
                "That can't be done right now",
                "The license server refused the change because of the license's current state.",
                &[
                    "Refresh and check the license's status.",
                    "If it keeps happening, contact support with the report.",
                ],
            ),
            Self::Status400 => entry(
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
            Self::Status401 => entry(
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
            ),
            Self::Status403 => entry(
                VendorCredentials,
                Never,
                ContactSupport,
                "The app isn't allowed to do that",
                "The app is not set up correctly with the license service, so this request was refused. This is not a problem with your license.",
                &[
                    "Update the app to the latest version.",
                    "If it keeps happening, contact support with the report.",
                ],
            ),
            Self::Status404 => entry(
                NotFound,
                Never,
                EnterNewKey,
                "License not found",
                "The license server could not find what was asked for. The license key may be mistyped, or it was removed.",
                &[
                    "Check the key against your purchase email; copy and paste it if you can.",
                    "If it is right, contact support with the report.",
                ],
            ),
            Self::Status409 => entry(
                Conflict,
                Never,
                ContactSupport,
                "That can't be done right now",
                "The license server refused the change because of the license's current state.",
                &[
                    "Refresh and check the license's status.",
                    "If it keeps happening, contact support with the report.",
                ],
            ),
            Self::Status422 => entry(
                DeviceLimit,
                Never,
                FreeSlot,
                "The license doesn't allow that",
                "The license server refused this because it goes beyond what the license allows, most often the number of devices it can be used on.",
                &[
                    "Free a seat held by a device you no longer use.",
                    "Then try again.",
                    "If it still fails, contact support with the report.",
                ],
            ),
            Self::Status429 => entry(
                RateLimited,
                Backoff,
                Retry,
                "Too many attempts",
                "The license server asked us to slow down for a moment.",
                &["Wait a little; the app will try again by itself."],
            ),
            Self::Status500 => entry(
                ServerUnavailable,
                Backoff,
                Retry,
                "The license server is having trouble",
                "Something went wrong on the server's side, not yours. It usually passes quickly.",
                &[
                    "Wait a moment; the app will try again.",
                    "If it lasts, contact support with the report.",
                ],
            ),
        }
    }
}
