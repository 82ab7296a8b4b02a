//! Response bodies and the error envelope.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::ErrorCode;
use crate::request::FieldError;

/// Lifecycle state of a license as the server reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum LicenseState {
    /// The license may be used.
    Active,
    /// Temporarily disabled by the vendor (e.g. a failed payment).
    Suspended,
    /// Past its expiry date.
    Expired,
    /// Permanently revoked (chargeback, fraud, manual).
    Revoked,
    /// A state this version does not know.
    #[serde(other)]
    Unknown,
}

impl LicenseState {
    /// The state as it is spelled on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Active => "ACTIVE",
            Self::Suspended => "SUSPENDED",
            Self::Expired => "EXPIRED",
            Self::Revoked => "REVOKED",
            Self::Unknown => "UNKNOWN",
        }
    }
}

/// What a client learns about a license.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LicenseSummary {
    /// Current state; `EXPIRED` once `expires_at` has passed.
    pub state: LicenseState,
    /// Seats the license allows.
    pub max_activations: u32,
    /// Seats held right now.
    pub used_activations: u32,
    /// When the license expires, if it does.
    #[serde(with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub expires_at: Option<OffsetDateTime>,
}

/// One activation: a device holding a seat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Device {
    /// Activation id, used to free the seat.
    pub id: String,
    /// The machine's fingerprint (64 lowercase hex).
    pub fingerprint: String,
    /// Human name of the machine.
    pub name: String,
    /// Platform string, e.g. `linux-x86_64`.
    pub platform: String,
    /// When the seat was taken.
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: OffsetDateTime,
    /// Last time this device checked its status (or activated).
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub last_seen_at: OffsetDateTime,
}

/// `200` answer of `/activate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivateResponse {
    /// The activation of this machine (new, or the existing one).
    pub activation: Device,
    /// The license after the activation.
    pub license: LicenseSummary,
    /// The lease (v1.1): a compact JWS signed with Ed25519 (`typ`
    /// `keyslot-lease+jwt`) whose payload holds the lease's claims, on every
    /// answer for an active license; it verifies against a key of
    /// `GET /api/v1/license/keys`. Absent from older servers' answers, so
    /// older clients and servers still understand each other.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lease: Option<String>,
}

/// `200` answer of `/status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusResponse {
    /// The license.
    pub license: LicenseSummary,
    /// This machine's activation, with `last_seen_at` just updated.
    pub activation: Device,
    /// The lease (v1.1), as in [`ActivateResponse::lease`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lease: Option<String>,
}

/// `200` answer of `/devices`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DevicesResponse {
    /// The license.
    pub license: LicenseSummary,
    /// Every device holding a seat, oldest first.
    pub devices: Vec<Device>,
}

/// `200` answer of `/deactivate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeactivateResponse {
    /// The license after the seat was freed.
    pub license: LicenseSummary,
    /// The device whose seat was freed.
    pub freed: Device,
}

/// Body of every error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorEnvelope {
    /// What went wrong.
    pub error: ErrorBody,
    /// Same value as the `x-request-id` header.
    pub request_id: String,
}

/// The `error` member of [`ErrorEnvelope`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// Stable numeric code (1700–1711).
    #[cfg_attr(feature = "openapi", schema(value_type = u16, example = 1705))]
    pub code: ErrorCode,
    /// Stable symbolic name of the code.
    pub name: String,
    /// Developer-facing description; not meant for end users.
    pub message: String,
    /// Per-field details; for `1704` the license state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<Vec<FieldError>>,
}

impl ErrorEnvelope {
    /// Builds the envelope for `code`, filling in its name.
    pub fn new(
        code: ErrorCode,
        message: impl Into<String>,
        details: Option<Vec<FieldError>>,
        request_id: impl Into<String>,
    ) -> Self {
        Self {
            error: ErrorBody {
                code,
                name: code.name().to_owned(),
                message: message.into(),
                details,
            },
            request_id: request_id.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_matches_the_documented_shape() {
        let envelope = ErrorEnvelope::new(
            ErrorCode::Inactive,
            "license is not active",
            Some(vec![FieldError::new("state", "SUSPENDED")]),
            "01J8X3W4Y5Z6A7B8C9D0EFGHJK",
        );
        let json = serde_json::to_value(&envelope).expect("serializes");
        assert_eq!(
            json,
            serde_json::json!({
                "error": {
                    "code": 1704,
                    "name": "LICENSE_API_INACTIVE",
                    "message": "license is not active",
                    "details": [{"field": "state", "message": "SUSPENDED"}]
                },
                "request_id": "01J8X3W4Y5Z6A7B8C9D0EFGHJK"
            })
        );
        let back: ErrorEnvelope = serde_json::from_value(json).expect("round-trips");
        assert_eq!(back, envelope);
    }

    #[test]
    fn summary_uses_rfc3339_and_null_expiry() {
        let summary = LicenseSummary {
            state: LicenseState::Active,
            max_activations: 3,
            used_activations: 2,
            expires_at: Some(time::macros::datetime!(2027-01-01 0:00 UTC)),
        };
        let json = serde_json::to_value(&summary).expect("serializes");
        assert_eq!(json["expires_at"], "2027-01-01T00:00:00Z");
        assert_eq!(json["state"], "ACTIVE");
        let no_expiry = LicenseSummary {
            expires_at: None,
            ..summary
        };
        assert!(serde_json::to_value(&no_expiry).expect("serializes")["expires_at"].is_null());
    }

    #[test]
    fn the_lease_is_optional_both_ways() {
        let v1 = serde_json::json!({
            "license": {"state": "ACTIVE", "max_activations": 1, "used_activations": 1, "expires_at": null},
            "activation": {"id": "act_1", "fingerprint": "f", "name": "n", "platform": "p",
                           "created_at": "2026-01-01T00:00:00Z", "last_seen_at": "2026-01-01T00:00:00Z"}
        });
        let status: StatusResponse =
            serde_json::from_value(v1.clone()).expect("a v1 answer decodes");
        assert_eq!(status.lease, None);
        assert_eq!(
            serde_json::to_value(&status).expect("json"),
            v1,
            "no lease member written"
        );
        let activate: ActivateResponse = serde_json::from_value(v1.clone()).expect("decodes");
        assert_eq!(activate.lease, None);
        let mut v11 = v1;
        v11["lease"] = serde_json::json!("a.b.c");
        let status: StatusResponse = serde_json::from_value(v11.clone()).expect("decodes");
        assert_eq!(status.lease.as_deref(), Some("a.b.c"));
        assert_eq!(serde_json::to_value(&status).expect("json"), v11);
    }

    #[test]
    fn unknown_states_decode() {
        let state: LicenseState = serde_json::from_str("\"ARCHIVED\"").expect("decodes");
        assert_eq!(state, LicenseState::Unknown);
    }
}
