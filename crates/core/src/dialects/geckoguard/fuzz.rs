//! Fuzzing GeckoGuard's reader: any status, headers and body. A success is
//! only a `200` that allows; a denial goes by its `reasonCode`.

use keyslot_fuzz::check;
use keyslot_fuzz::proptest::prelude::*;
use serde_json::{Value, json};

use super::{Answer, read};
use crate::catalog::Provider;
use crate::error::LicenseError;
use crate::transport::fuzz::{answers, assert_clear};

/// The success, a denial, the standard error and the refresh answer.
fn templates() -> Vec<(u16, Value)> {
    vec![
        (
            200,
            json!({"ok": true, "allow": true, "effectiveExpiresAt": "2027-01-01T00:00:00Z",
            "license": {"status": "active", "hwidLimit": 3, "hwidCount": 1}}),
        ),
        (
            403,
            json!({"ok": false, "allow": false, "reasonCode": "HWID_MISMATCH", "message": "other device"}),
        ),
        (
            401,
            json!({"ok": false, "error": {"code": "EXPIRED_TOKEN", "message": "expired",
            "details": [{"field": "token", "message": "expired"}]}}),
        ),
        (200, json!({"accessToken": "a", "refreshToken": "r"})),
    ]
}

#[test]
fn fuzz_geckoguard_answers() {
    check(answers(&templates(), Vec::new()), |answer| {
        let reply = answer.reply();
        let parsed = serde_json::from_slice::<Answer>(&answer.body).ok();
        let error = match read(&reply) {
            Ok(_) => {
                let allowed = parsed.is_some_and(|a| a.allow == Some(true) && a.error.is_none());
                prop_assert!(
                    answer.status == 200 && allowed,
                    "a success that does not allow"
                );
                return Ok(());
            }
            Err(error) => error,
        };
        match &error {
            LicenseError::Api(f) => {
                prop_assert!(parsed.is_some());
                prop_assert_eq!(f.provider, Provider::Geckoguard);
                prop_assert_eq!(f.http_status, answer.status);
            }
            LicenseError::BadResponse { .. } => {}
            other => prop_assert!(false, "not an answer's failure: {other:?}"),
        }
        assert_clear(&error)
    });
}
