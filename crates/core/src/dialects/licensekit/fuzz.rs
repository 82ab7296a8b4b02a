//! Fuzzing LicenseKit's readers: its error envelope from any status,
//! headers and body, and the `data` of a success. (The signed validation
//! is fuzzed through a server, in `tests/core/fuzz.rs`.)

use keyslot_fuzz::check;
use keyslot_fuzz::proptest::prelude::*;
use keyslot_protocol::{DeactivateResponse, DevicesResponse};
use serde_json::{Value, json};

use super::{Data, Envelope, PublicKey, failure};
use crate::catalog::Provider;
use crate::error::LicenseError;
use crate::transport::fuzz::{answers, assert_clear};

fn device() -> Value {
    json!({"id": "act_1", "fingerprint": "5f0c6e8a2b1d4f3e9a7c0b2d4e6f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d2f",
        "name": "laptop", "platform": "linux-x86_64",
        "created_at": "2026-01-01T12:00:00Z", "last_seen_at": "2026-01-02T08:30:00Z"})
}

fn license() -> Value {
    json!({"state": "ACTIVE", "max_activations": 3, "used_activations": 2, "expires_at": null})
}

/// The error envelope, and the successes' `data`.
fn templates() -> Vec<(u16, Value)> {
    vec![
        (
            403,
            json!({"error": {"code": "INSUFFICIENT_SCOPE", "message": "missing scope",
            "detail": "needs licenses:write"}, "meta": {"request_id": "req_1"}}),
        ),
        (
            200,
            json!({"data": {"license": license(), "devices": [device()]}}),
        ),
        (
            200,
            json!({"data": {"license": license(), "freed": device()}}),
        ),
        (
            200,
            json!({"data": [{"key_id": "k1", "public_key": "AAAA"}]}),
        ),
    ]
}

#[test]
fn fuzz_licensekit_answers() {
    let scopes = keyslot_fuzz::header_value();
    check(
        answers(&templates(), vec![("x-required-scopes", scopes)]),
        |answer| {
            let reply = answer.reply();
            // A success's data: read, or unreadable.
            for read in [
                reply.json::<Data<DevicesResponse>>().err(),
                reply.json::<Data<DeactivateResponse>>().err(),
                reply.json::<Data<Vec<PublicKey>>>().err(),
            ]
            .into_iter()
            .flatten()
            {
                prop_assert!(matches!(read, LicenseError::BadResponse { .. }), "{read:?}");
            }
            let error = failure(&reply);
            let envelope = serde_json::from_slice::<Envelope>(&answer.body).ok();
            match (&error, envelope) {
                (LicenseError::Api(f), Some(envelope)) => {
                    prop_assert_eq!(f.provider, Provider::Licensekit);
                    prop_assert_eq!(&f.code, &envelope.error.code);
                    prop_assert_eq!(f.http_status, answer.status);
                    let scopes = reply.header("x-required-scopes").is_some();
                    prop_assert_eq!(f.details.len(), usize::from(scopes));
                    let id = reply
                        .request_id
                        .clone()
                        .or(envelope.meta.and_then(|m| m.request_id));
                    prop_assert_eq!(&f.request_id, &id);
                }
                (LicenseError::BadResponse { .. }, None) => {}
                (other, envelope) => {
                    prop_assert!(false, "{other:?} from an envelope: {}", envelope.is_some())
                }
            }
            assert_clear(&error)
        },
    );
}
