//! Fuzzing LicenseKit's signed validation through a real HTTP server: a
//! `200` whose `data` and Ed25519 `signature` are near valid, signed by the
//! pinned key or not. Only data that key signed is ever believed; anything
//! else is tampering, whatever it says. (The readers of every vendor's
//! answers are fuzzed beside them, in `src/`.)

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use ed25519_dalek::{Signature, Signer as _, SigningKey, Verifier as _};
use keyslot_core::clock::{RandomNonces, SystemClock};
use keyslot_core::deadline::Deadline;
use keyslot_core::dialects::{Connection, Credentials, Dialect, DialectConfig};
use keyslot_core::error::LicenseError;
use keyslot_core::secrets::MemoryStore;
use keyslot_core::sensitive::Sensitive;
use keyslot_core::transport::{OutcomeLog, RetryPolicy, Timeouts, Wiring};
use keyslot_fuzz::proptest::prelude::*;
use keyslot_fuzz::{Bytes, Json, check, near};
use keyslot_protocol::{Machine, StatusResponse};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Value, json};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::license_key;

const KEY_ID: &str = "lk-fuzz";
const FPR: &str = "5f0c6e8a2b1d4f3e9a7c0b2d4e6f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d2f";

fn signer() -> SigningKey {
    SigningKey::from_bytes(&[9; 32])
}

/// Answers every request with the body last put in it.
#[derive(Clone, Default)]
struct Canned(Arc<Mutex<Vec<u8>>>);

impl Respond for Canned {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let body = self.0.lock().map(|b| b.clone()).unwrap_or_default();
        ResponseTemplate::new(200).set_body_raw(body, "application/json")
    }
}

fn data_template() -> Value {
    json!({"license": {"state": "ACTIVE", "max_activations": 3, "used_activations": 1,
            "expires_at": "2027-01-01T00:00:00Z"},
        "activation": {"id": "act_1", "fingerprint": FPR, "name": "laptop",
            "platform": "linux-x86_64", "created_at": "2026-01-01T12:00:00Z",
            "last_seen_at": "2026-01-02T08:30:00Z"}})
}

/// A validation answer: `data` near valid, signed by the pinned key under
/// its id, or under another id, or with any signature; or any body at all.
fn answers() -> BoxedStrategy<Bytes> {
    let signature = prop_oneof![
        Just(None),
        prop::collection::vec(any::<u8>(), 0..80).prop_map(Some),
    ];
    let key_id = prop_oneof![3 => Just(KEY_ID.to_owned()), 1 => ".{0,10}"];
    let signed =
        (near(&data_template()), key_id, signature).prop_map(|(data, key_id, signature)| {
            let data = data.to_string();
            let signature =
                signature.unwrap_or_else(|| signer().sign(data.as_bytes()).to_bytes().to_vec());
            let signature = Json::of(&json!({"key_id": key_id, "value": BASE64.encode(signature)}));
            Bytes(format!(r#"{{"data":{data},"signature":{signature}}}"#).into_bytes())
        });
    let whole = json!({"data": data_template(), "signature": {"key_id": KEY_ID, "value": "AAAA"}});
    prop_oneof![4 => signed, 1 => keyslot_fuzz::body(&whole)].boxed()
}

#[derive(Deserialize)]
struct Signed<'a> {
    #[serde(borrow)]
    data: &'a RawValue,
    signature: SignatureField,
}

#[derive(Deserialize)]
struct SignatureField {
    key_id: String,
    value: String,
}

/// Whether `body` carries data the pinned key signed.
fn signed_by_the_key(body: &[u8]) -> bool {
    let Ok(signed) = serde_json::from_slice::<Signed<'_>>(body) else {
        return false;
    };
    let signature = BASE64
        .decode(&signed.signature.value)
        .ok()
        .and_then(|s| Signature::from_slice(&s).ok());
    signed.signature.key_id == KEY_ID
        && signature.is_some_and(|s| {
            signer()
                .verifying_key()
                .verify(signed.data.get().as_bytes(), &s)
                .is_ok()
        })
}

#[test]
fn fuzz_licensekit_signed_validation() {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let canned = Canned::default();
    let server = runtime.block_on(async {
        let server = MockServer::start().await;
        Mock::given(path("/v1/runtime/validate"))
            .respond_with(canned.clone())
            .mount(&server)
            .await;
        server
    });
    let config = DialectConfig {
        provider: Some("licensekit".to_owned()),
        public_keys: BTreeMap::from([(
            KEY_ID.to_owned(),
            BASE64.encode(signer().verifying_key().as_bytes()),
        )]),
        ..DialectConfig::default()
    };
    let connection = Connection {
        wiring: Wiring {
            server: server.uri(),
            clock: Arc::new(SystemClock),
            nonces: Arc::new(RandomNonces),
            policy: RetryPolicy::default(),
            timeouts: Timeouts::default(),
            outcomes: OutcomeLog::default(),
        },
        credentials: Credentials {
            api_key: Some(Sensitive::new("token".to_owned())),
            api_secret: None,
        },
        secrets: Arc::new(MemoryStore::default()),
    };
    let dialect = Dialect::connect(&config, connection).expect("connects");
    let key = license_key("KS-ABCDE-FGHJK-MNPQR-STVWX");
    let machine = Machine {
        fingerprint: FPR.to_owned(),
        name: "laptop".to_owned(),
        platform: "linux-x86_64".to_owned(),
    };
    check(answers(), |Bytes(body)| {
        let signed = signed_by_the_key(&body);
        let data = serde_json::from_slice::<Signed<'_>>(&body)
            .ok()
            .and_then(|s| serde_json::from_str::<StatusResponse>(s.data.get()).ok());
        if let Ok(mut canned) = canned.0.lock() {
            *canned = body;
        }
        let deadline = Deadline::after(Duration::from_secs(10));
        match runtime.block_on(dialect.status(&key, &machine, deadline)) {
            Ok(answer) => {
                prop_assert!(signed, "data the key did not sign was believed");
                prop_assert_eq!(Some(answer), data);
            }
            Err(error) => {
                // Signed data may still be refused: unreadable, or not this validation's.
                let expected = matches!(error, LicenseError::Tampered { .. })
                    || (signed && matches!(error, LicenseError::BadResponse { .. }));
                prop_assert!(expected, "{error:?} (signed: {signed})");
                let report = error.report();
                prop_assert!(!report.title.is_empty() && !report.message.is_empty());
            }
        }
        Ok(())
    });
}
