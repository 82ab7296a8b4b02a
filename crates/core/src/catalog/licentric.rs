//! Seed 004: Licentric (`licentric`), its three example codes (no context)
//! and one row per status of its HTTP status table (context `http_status`,
//! the status itself as the code).
//! Retry classes from the status table: backoff 429 (honour `Retry-After`)
//! and 500; never the rest.

use super::{Action::*, Kind::*, Meaning, Origin, Provider, RetryClass::*, codes, meaning, shared};

codes! {
    origin: Origin::Server(Provider::Licentric);
    /// Licentric codes and bare statuses.
    enum LicentricCode {
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
    fn meaning(self) -> Meaning {
        match self {
            Self::ValidationError => shared::MALFORMED,
            Self::Unauthorized => shared::UNAUTHORIZED,
            Self::StateConflict => shared::STATE_CONFLICT,
            Self::Status400 => shared::MALFORMED,
            Self::Status401 => shared::UNAUTHORIZED,
            Self::Status403 => shared::TOKEN_SCOPE_DENIED,
            Self::Status404 => shared::RESOURCE_NOT_FOUND,
            Self::Status409 => shared::STATE_CONFLICT,
            Self::Status422 => meaning(DeviceLimit, Never, FreeSlot),
            Self::Status429 => shared::RATE_LIMITED,
            Self::Status500 => shared::INTERNAL_ERROR,
        }
    }
}
