//! Fuzzing appauth's reader: any status, headers and body, signed with the
//! app secret or not, echoing the request's nonce or not. A success needs
//! both; an unsigned `200` is tampering, whatever it says.

use std::sync::Arc;

use hmac::{Hmac, KeyInit, Mac};
use keyslot_fuzz::check;
use keyslot_fuzz::proptest::prelude::*;
use serde_json::{Value, json};
use sha2::Sha256;

use super::{Appauth, AuthAnswer, Routes, SIGNATURE_HEADER};
use crate::catalog::Provider;
use crate::clock::{RandomNonces, SystemClock};
use crate::dialects::{Connection, Credentials};
use crate::error::LicenseError;
use crate::secrets::MemoryStore;
use crate::sensitive::Sensitive;
use crate::transport::fuzz::{answers, assert_clear};
use crate::transport::{OutcomeLog, RetryPolicy, Timeouts, Wiring};

const NONCE: &str = "n0nce-0123456789ABCDEF";
const SECRET: &str = "fuzz-app-secret";

/// An adapter with the app secret [`SECRET`]; it never connects.
fn adapter() -> Appauth {
    let connection = Connection {
        wiring: Wiring {
            server: "http://127.0.0.1:9".to_owned(),
            clock: Arc::new(SystemClock),
            nonces: Arc::new(RandomNonces),
            policy: RetryPolicy::default(),
            timeouts: Timeouts::default(),
            outcomes: OutcomeLog::default(),
        },
        credentials: Credentials {
            api_key: None,
            api_secret: None,
        },
        secrets: Arc::new(MemoryStore::default()),
    };
    let (app_id, secret) = (
        Sensitive::new("app".to_owned()),
        Sensitive::new(SECRET.to_owned()),
    );
    Appauth::new(&connection, app_id, secret, Routes::default()).expect("an adapter")
}

/// The `/auth/*` success and failure (each echoing the nonce), and a
/// Developer-API error.
fn templates() -> Vec<(u16, Value)> {
    vec![
        (
            200,
            json!({"status": "success", "nonce": NONCE, "session_token": "tok_1",
            "license": {"state": "ACTIVE", "expires_at": "2027-01-01T00:00:00Z",
                "hwid_limit": 3, "hwids_used": 1}}),
        ),
        (
            200,
            json!({"status": "failed", "nonce": NONCE, "error": "invalid_license",
            "details": [{"field": "license_key", "message": "unknown"}]}),
        ),
        (
            404,
            json!({"error": "app_not_found", "message": "no such app"}),
        ),
    ]
}

fn signature(body: &[u8]) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(SECRET.as_bytes()).expect("any key");
    mac.update(body);
    hex::encode(mac.finalize().into_bytes()).into_bytes()
}

#[test]
fn fuzz_appauth_answers() {
    let appauth = adapter();
    let forged = prop_oneof![
        "[0-9a-f]{64}".prop_map(String::into_bytes),
        keyslot_fuzz::header_value()
    ];
    let cases = (
        answers(&templates(), vec![(SIGNATURE_HEADER, forged.boxed())]),
        any::<bool>(),
    );
    check(cases, |(mut answer, sign)| {
        if sign {
            answer.headers.retain(|(name, _)| *name != SIGNATURE_HEADER);
            answer
                .headers
                .push((SIGNATURE_HEADER, signature(&answer.body)));
        }
        let mut reply = answer.reply();
        let signed =
            reply.header(SIGNATURE_HEADER).map(str::as_bytes) == Some(&signature(&answer.body)[..]);
        let parsed = serde_json::from_slice::<AuthAnswer>(&answer.body).ok();
        let echoed = parsed
            .as_ref()
            .is_some_and(|a| a.nonce.as_deref() == Some(NONCE));
        let success = parsed
            .as_ref()
            .is_some_and(|a| a.status == "success" && a.license.is_some());
        let ok_200 = answer.status == 200;
        let error = match appauth.read(&mut reply, NONCE, "validate") {
            Ok(_) => {
                prop_assert!(ok_200 && signed && echoed && success, "a success believed");
                return Ok(());
            }
            Err(error) => error,
        };
        prop_assert!(
            !(ok_200 && signed && echoed && success),
            "refused {error:?}"
        );
        prop_assert!(reply.server_offset().is_none() || (signed && echoed));
        if ok_200 && !signed {
            let mismatch = matches!(&error, LicenseError::Api(f) if f.code == "signature_mismatch");
            prop_assert!(mismatch, "an unsigned 200 is not tampering: {error:?}");
        }
        if let LicenseError::Api(f) = &error {
            prop_assert_eq!(f.provider, Provider::Appauth);
            prop_assert_eq!(f.http_status, answer.status);
        }
        assert_clear(&error)
    });
}
