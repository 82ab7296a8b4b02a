//! Request bodies: any bytes, or JSON near each request's shape, read as
//! each request. A body is accepted only when every field keeps its rule
//! (docs/protocol.md, "Request fields"); otherwise every error names a
//! field of the request and says what is wrong, one per field at most.

use keyslot_fuzz::proptest::prelude::*;
use keyslot_fuzz::proptest::test_runner::TestCaseError;
use keyslot_fuzz::{Bytes, check};
use keyslot_protocol::request::parse_json;
use keyslot_protocol::{
    ActivateRequest, DeactivateRequest, DevicesRequest, FieldError, RequestBody, StatusRequest,
    parse_request,
};
use serde::Serialize;
use serde_json::{Value, json};

use crate::FPR;

fn templates() -> Vec<Value> {
    let key = "KS-ABCDE-FGHJK-MNPQR-STVWX";
    vec![
        json!({"license_key": key, "machine": {"fingerprint": FPR, "name": "Ada’s laptop ☕",
            "platform": "linux-x86_64"}}),
        json!({"license_key": key, "fingerprint": FPR}),
        json!({"license_key": key}),
        json!({"license_key": key, "activation_id": "act_01J8X3W4Y5Z6A7B8C9D0EFGHJK"}),
    ]
}

fn bodies() -> BoxedStrategy<Bytes> {
    prop::strategy::Union::new(templates().iter().map(keyslot_fuzz::body)).boxed()
}

/// Text of 1–`max` characters, not blank, without control, bidi-override
/// or invisible characters.
fn text(value: &str, max: usize) -> bool {
    let spoofing = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}' | '\u{FEFF}');
    !value.trim().is_empty()
        && value.chars().count() <= max
        && !value.chars().any(|c| c.is_control() || spoofing(c))
}

fn fingerprint(value: &str) -> bool {
    value.len() == 64
        && value
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn activation_id(value: &str) -> bool {
    (1..=64).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Reads `body` as a `T`: accepted only as `valid` says, else refused
/// field by field (at most one error per field, each among `fields`), and
/// an accepted request reads back the same once written.
fn read_as<T>(body: &[u8], fields: &[&str], valid: impl Fn(&T) -> bool) -> Result<(), TestCaseError>
where
    T: RequestBody + Serialize + PartialEq + std::fmt::Debug,
{
    match parse_request::<T>(body) {
        Ok(request) => {
            prop_assert!(valid(&request), "accepted {request:?}");
            let again = serde_json::to_vec(&request).expect("serializes");
            prop_assert_eq!(parse_request::<T>(&again).ok(), Some(request));
        }
        Err(errors) => {
            prop_assert!(!errors.is_empty());
            prop_assert!(errors.len() <= fields.len(), "{errors:?}");
            for FieldError { field, message } in &errors {
                prop_assert!(fields.contains(&field.as_str()), "{field}");
                prop_assert!(!message.is_empty());
            }
        }
    }
    if let Ok(value) = parse_json(body) {
        let peeked = T::peek_license_key(&value);
        prop_assert_eq!(peeked, value.get("license_key").and_then(Value::as_str));
    }
    Ok(())
}

#[test]
fn fuzz_request_bodies() {
    check(bodies(), |Bytes(body)| {
        read_as::<ActivateRequest>(
            &body,
            &[
                "body",
                "license_key",
                "machine",
                "machine.fingerprint",
                "machine.name",
                "machine.platform",
            ],
            |r| {
                text(&r.license_key, 128)
                    && fingerprint(&r.machine.fingerprint)
                    && text(&r.machine.name, 128)
                    && text(&r.machine.platform, 64)
            },
        )?;
        read_as::<StatusRequest>(&body, &["body", "license_key", "fingerprint"], |r| {
            text(&r.license_key, 128) && fingerprint(&r.fingerprint)
        })?;
        read_as::<DevicesRequest>(&body, &["body", "license_key"], |r| {
            text(&r.license_key, 128)
        })?;
        read_as::<DeactivateRequest>(&body, &["body", "license_key", "activation_id"], |r| {
            text(&r.license_key, 128) && activation_id(&r.activation_id)
        })
    });
}
