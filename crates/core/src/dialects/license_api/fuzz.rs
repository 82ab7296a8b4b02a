//! Fuzzing the License API's reader: any status, headers and body, signed
//! over the request's nonce or not. Nothing unsigned is ever a success, and
//! no unsigned error but `1707` is believed.

use keyslot_fuzz::check;
use keyslot_fuzz::proptest::prelude::*;
use keyslot_fuzz::proptest::test_runner::TestCaseError;
use keyslot_protocol::{
    ActivateResponse, DeactivateResponse, DevicesResponse, ErrorEnvelope, StatusResponse, headers,
    sign_response, verify_response,
};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::read;
use crate::catalog::Provider;
use crate::error::LicenseError;
use crate::transport::fuzz::{Answer, answers, assert_clear};

const NONCE: &str = "n0nce-0123456789ABCDEF";
const SECRET: &[u8] = b"fuzz-secret";

fn device() -> Value {
    json!({"id": "act_01J8X3W4Y5Z6A7B8C9D0EFGHJK",
        "fingerprint": "5f0c6e8a2b1d4f3e9a7c0b2d4e6f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d2f",
        "name": "Ada's laptop", "platform": "linux-x86_64",
        "created_at": "2026-01-01T12:00:00Z", "last_seen_at": "2026-01-02T08:30:00Z"})
}

fn license() -> Value {
    json!({"state": "ACTIVE", "max_activations": 3, "used_activations": 2,
        "expires_at": "2027-01-01T00:00:00Z"})
}

/// Every answer of docs/protocol.md, with its status: the four successes
/// and error envelopes.
fn templates() -> Vec<(u16, Value)> {
    vec![
        (
            200,
            json!({"activation": device(), "license": license(), "lease": "a.b.c"}),
        ),
        (
            200,
            json!({"license": license(), "activation": device(), "lease": "a.b.c"}),
        ),
        (200, json!({"license": license(), "devices": [device()]})),
        (200, json!({"license": license(), "freed": device()})),
        (
            409,
            json!({"error": {"code": 1705, "name": "LICENSE_API_LIMIT_REACHED",
            "message": "activation limit reached",
            "details": [{"field": "license_key", "message": "bad"}]},
            "request_id": "01J8X3W4Y5Z6A7B8C9D0EFGHJK"}),
        ),
        (
            500,
            json!({"error": {"code": 1707, "name": "LICENSE_API_SECRET_NOT_SET",
            "message": "no secret"}, "request_id": "01J8X3W4Y5Z6A7B8C9D0EFGHJK"}),
        ),
    ]
}

/// An answer, and whether the server signs it with the shared secret over
/// the request's nonce (else it carries whatever signature header it has).
fn signed_answers() -> impl Strategy<Value = (Answer, bool)> {
    let signature = prop_oneof![
        "[0-9a-f]{64}".prop_map(String::into_bytes),
        keyslot_fuzz::header_value(),
    ];
    (
        answers(&templates(), vec![(headers::SIGNATURE, signature.boxed())]),
        any::<bool>(),
    )
        .prop_map(|(mut answer, sign)| {
            if sign {
                answer
                    .headers
                    .retain(|(name, _)| *name != headers::SIGNATURE);
                let signature = sign_response(NONCE, answer.status, &answer.body, SECRET);
                answer
                    .headers
                    .push((headers::SIGNATURE, signature.into_bytes()));
            }
            (answer, sign)
        })
}

/// Reads `answer` as a `T`, and checks what the reader made of it.
fn read_as<T: DeserializeOwned>(answer: &Answer) -> Result<(), TestCaseError> {
    let mut reply = answer.reply();
    let signature = reply.header(headers::SIGNATURE).map(str::to_owned);
    let signed = signature
        .as_deref()
        .is_some_and(|s| verify_response(NONCE, answer.status, &answer.body, s, SECRET).is_ok());
    let result = read::<T>(&mut reply, NONCE, SECRET);
    prop_assert!(
        signed || reply.server_offset().is_none(),
        "an unsigned clock learned"
    );
    let parses = serde_json::from_slice::<T>(&answer.body).is_ok();
    let error = match result {
        Ok(_) => {
            prop_assert!(signed && answer.status == 200, "an unsigned success");
            return Ok(());
        }
        Err(error) => error,
    };
    prop_assert!(
        !(signed && answer.status == 200 && parses),
        "refused {error:?}"
    );
    match &error {
        LicenseError::Api(failure) => {
            let envelope = serde_json::from_slice::<ErrorEnvelope>(&answer.body);
            prop_assert!(envelope.is_ok());
            prop_assert_eq!(failure.provider, Provider::LicenseApi);
            prop_assert_eq!(failure.http_status, answer.status);
            prop_assert!(
                signed || (answer.status == 500 && failure.code == "1707"),
                "an unsigned error believed: {error:?}"
            );
        }
        LicenseError::Tampered { .. } | LicenseError::BadResponse { .. } => {}
        other => prop_assert!(false, "not an answer's failure: {other:?}"),
    }
    if signature.is_some() && !signed {
        prop_assert!(matches!(error, LicenseError::Tampered { .. }), "{error:?}");
    }
    assert_clear(&error)
}

#[test]
fn fuzz_license_api_answers() {
    check(signed_answers(), |(answer, _)| {
        read_as::<ActivateResponse>(&answer)?;
        read_as::<StatusResponse>(&answer)?;
        read_as::<DevicesResponse>(&answer)?;
        read_as::<DeactivateResponse>(&answer)
    });
}
