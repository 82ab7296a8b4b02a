//! Seed 003 (LicenseKit) through its adapter.

use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use ed25519_dalek::{Signer, SigningKey};
use keyslot_contract::licensekit::{self, CODES, KEY_ID, REQUIRED_SCOPES};
use keyslot_contract::{GOOD_KEY, SEATS};
use keyslot_core::catalog::{Kind, Provider, RetryClass};
use keyslot_core::dialects::{DialectConfig, SigningKeys};
use keyslot_core::error::LicenseError;
use keyslot_core::secrets::SecretName;
use keyslot_protocol::LicenseState;
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use super::{MAX_ATTEMPTS, assert_coded, client, client_of, config, connection, requests};
use crate::license_key;

const ACTIVATIONS: &str = "/v1/runtime/activations";
const VALIDATE: &str = "/v1/runtime/validate";
const PUBLIC_KEYS: &str = "/v1/system/public-keys";

fn idempotency_keys(requests: &[wiremock::Request], needle: &str) -> Vec<String> {
    requests
        .iter()
        .filter(|r| {
            r.url.path() == ACTIVATIONS && String::from_utf8_lossy(&r.body).contains(needle)
        })
        .map(|r| {
            r.headers
                .get("idempotency-key")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

#[tokio::test]
async fn activates_verifies_lists_and_frees() {
    let server = licensekit::start().await;
    let c = client(&server, &config(Provider::Licensekit));
    let view = c
        .service
        .activate(&license_key(GOOD_KEY))
        .await
        .expect("activates");
    assert_eq!((view.seats_used, view.seats_total), (2, SEATS));
    assert!(view.capabilities.list_devices && view.capabilities.free_seat);
    c.service.status().await.expect("validates");

    let devices = c.service.devices().await.expect("lists");
    assert_eq!(devices.devices.len(), 2);
    assert_eq!(devices.devices.iter().filter(|d| d.this_device).count(), 1);
    let old = devices
        .devices
        .iter()
        .find(|d| !d.this_device)
        .expect("the old laptop");
    let freed = c.service.free(&old.id).await.expect("frees");
    assert_eq!(freed.seats_used, 1);
    assert!(!freed.forgot_this_device);
}

#[tokio::test]
async fn every_code_with_its_retry() {
    let server = licensekit::start().await;
    for (code, status) in CODES {
        let c = client(&server, &config(Provider::Licensekit));
        let key = format!("E-{code}");
        let error = c
            .service
            .activate(&license_key(&key))
            .await
            .expect_err(code);
        // The seed: do not retry 4xx answers as if they were transient.
        assert_coded(&error, Provider::Licensekit, code, None, RetryClass::Never);
        assert_eq!(error.http_status(), Some(status));
        assert_eq!(requests(&server, ACTIVATIONS, &key).await, 1, "{code}");
        let expected_id = format!("req_{}", code.to_lowercase());
        assert_eq!(
            error.request_id(),
            Some(expected_id.as_str()),
            "meta.request_id kept"
        );
        let details = error.report().details;
        if code == "TOKEN_SCOPE_DENIED" {
            assert_eq!(details[0].field, "required_scopes");
            assert_eq!(details[0].message, REQUIRED_SCOPES);
        } else {
            assert!(details.is_empty(), "{code}");
        }
        assert_eq!(c.stored(SecretName::LicenseKey), None);
    }
}

#[tokio::test]
async fn a_write_keeps_its_idempotency_key_across_retries() {
    let server = licensekit::start().await;
    let c = client(&server, &config(Provider::Licensekit));
    c.service
        .activate(&license_key("FLAKY-2"))
        .await
        .expect("the third attempt succeeds");
    c.service
        .activate(&license_key("FLAKY-2"))
        .await
        .expect("a second action");
    let received = server.received_requests().await.unwrap_or_default();
    let keys = idempotency_keys(&received, "FLAKY-2");
    assert_eq!(
        keys.len(),
        4,
        "503, 503, 201, then the second action: {keys:?}"
    );
    assert!(keys[0].len() >= 8);
    assert_eq!(
        (&keys[0], &keys[1]),
        (&keys[1], &keys[2]),
        "one key per action"
    );
    assert_ne!(keys[2], keys[3], "a new key for a new action");

    // Without a recovery, a server error is retried up to the policy's limit.
    let c = client(&server, &config(Provider::Licensekit));
    let error = c
        .service
        .activate(&license_key("FLAKY-9"))
        .await
        .expect_err("keeps failing");
    assert_eq!(error.report().retry, RetryClass::Backoff);
    assert_eq!(
        requests(&server, ACTIVATIONS, "FLAKY-9").await,
        MAX_ATTEMPTS
    );
}

#[tokio::test]
async fn a_result_that_fails_its_signature_is_tampered_not_denied() {
    let server = licensekit::start().await;
    for key in ["T-TAMPERED", "T-UNKNOWN-KEY"] {
        let c = client(&server, &config(Provider::Licensekit));
        let error = c.service.activate(&license_key(key)).await.expect_err(key);
        assert!(
            matches!(error, LicenseError::Tampered { .. }),
            "{key}: {error:?}"
        );
        assert_eq!(error.report().kind, Kind::Tampered);
        assert_eq!(c.stored(SecretName::LicenseKey), None);
    }
}

#[tokio::test]
async fn pinned_keys_are_the_only_ones_trusted() {
    let server = licensekit::start().await;
    let pinned = |key: String| DialectConfig {
        public_keys: [(KEY_ID.to_owned(), key)].into(),
        ..config(Provider::Licensekit)
    };
    let c = client(&server, &pinned(licensekit::public_key()));
    c.service
        .activate(&license_key(GOOD_KEY))
        .await
        .expect("verifies with the pinned key");
    assert_eq!(
        requests(&server, PUBLIC_KEYS, "").await,
        0,
        "nothing fetched"
    );

    // Another pinned key: the server's own key is not trusted.
    let other = base64_of([9; 32]);
    let c = client(&server, &pinned(other));
    let error = c
        .service
        .activate(&license_key(GOOD_KEY))
        .await
        .expect_err("not the pinned key");
    assert!(matches!(error, LicenseError::Tampered { .. }), "{error:?}");
}

fn base64_of(secret: [u8; 32]) -> String {
    use base64::Engine as _;
    let key = ed25519_dalek::SigningKey::from_bytes(&secret);
    base64::engine::general_purpose::STANDARD.encode(key.verifying_key().as_bytes())
}

#[tokio::test]
async fn a_seat_freed_elsewhere_is_taken_again() {
    let server = licensekit::start().await;
    super::a_seat_freed_elsewhere_is_taken_again(
        &server,
        Provider::Licensekit,
        "/v1/runtime/activations",
    )
    .await;
}

/// The signing key of the fake LicenseKit below, and its id.
const FAKE_SECRET: [u8; 32] = [3; 32];
const FAKE_KEY_ID: &str = "lk-fake";

/// What a validation's signed `data` is made of, from the body asking for it.
type MakeData = fn(&Value) -> Value;

/// A LicenseKit on loopback that takes every seat and signs, with
/// [`FAKE_SECRET`], the validation `data` that `result` makes.
async fn signing(result: MakeData) -> (MockServer, DialectConfig) {
    struct Signs(MakeData);
    impl Respond for Signs {
        fn respond(&self, request: &Request) -> ResponseTemplate {
            let asked: Value = serde_json::from_slice(&request.body).expect("JSON");
            let data = (self.0)(&asked).to_string();
            let signature = SigningKey::from_bytes(&FAKE_SECRET).sign(data.as_bytes());
            let value = BASE64.encode(signature.to_bytes());
            let answer = format!(
                r#"{{"data":{data},"signature":{{"key_id":"{FAKE_KEY_ID}","value":"{value}"}}}}"#
            );
            ResponseTemplate::new(200).set_body_raw(answer, "application/json")
        }
    }
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(ACTIVATIONS))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"data": {}})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(VALIDATE))
        .respond_with(Signs(result))
        .mount(&server)
        .await;
    let config = DialectConfig {
        public_keys: [(FAKE_KEY_ID.to_owned(), base64_of(FAKE_SECRET))].into(),
        ..config(Provider::Licensekit)
    };
    (server, config)
}

/// A validation result of `asked`: this machine's seat of its key, issued
/// now, unless `result`'s caller changes a part of it.
fn result_of(asked: &Value) -> Value {
    let now = OffsetDateTime::now_utc();
    json!({
        "license": {
            "key": asked["license_key"],
            "state": "ACTIVE",
            "max_activations": 3,
            "used_activations": 1,
            "expires_at": null,
        },
        "activation": {
            "id": "seat-1",
            "fingerprint": asked["fingerprint"],
            "name": "this",
            "platform": "linux",
            "created_at": "2026-01-01T00:00:00Z",
            "last_seen_at": "2026-01-01T00:00:00Z",
        },
        "issued_at": now.format(&Rfc3339).expect("formats"),
    })
}

fn issued(ago_secs: i64) -> String {
    (OffsetDateTime::now_utc() - time::Duration::seconds(ago_secs))
        .format(&Rfc3339)
        .expect("formats")
}

/// A genuine, signed result played back from elsewhere (another machine,
/// another key) is tampered with; one issued ten minutes before or after
/// now is refused as clocks apart (a replay from another time, or a clock
/// that is off, which is what the user is told to check). Neither takes a
/// seat or keeps the key.
#[tokio::test]
async fn a_replayed_result_is_refused() {
    let replays: [(&str, MakeData, Kind); 4] = [
        (
            "another machine's",
            |asked| {
                let mut data = result_of(asked);
                data["activation"]["fingerprint"] = json!("f".repeat(64));
                data
            },
            Kind::Tampered,
        ),
        (
            "another key's",
            |asked| {
                let mut data = result_of(asked);
                data["license"]["key"] = json!("OTHER-KEY-0002");
                data
            },
            Kind::Tampered,
        ),
        (
            "issued 10 minutes ago",
            |asked| {
                let mut data = result_of(asked);
                data["issued_at"] = json!(issued(600));
                data
            },
            Kind::ClockSkew,
        ),
        (
            "issued 10 minutes ahead",
            |asked| {
                let mut data = result_of(asked);
                data["issued_at"] = json!(issued(-600));
                data
            },
            Kind::ClockSkew,
        ),
    ];
    for (replay, result, kind) in replays {
        let (server, config) = signing(result).await;
        let c = client(&server, &config);
        let error = c
            .service
            .activate(&license_key(GOOD_KEY))
            .await
            .expect_err(replay);
        assert_eq!(error.report().kind, kind, "{replay}: {error:?}");
        match error {
            LicenseError::Tampered { .. } => {}
            LicenseError::ClocksApart { ahead_secs } => {
                let ago = if replay.ends_with("ago") { 600 } else { -600 };
                assert!((ahead_secs - ago).abs() <= 5, "{replay}: {ahead_secs}");
            }
            other => panic!("{replay}: {other:?}"),
        }
        assert_eq!(c.stored(SecretName::LicenseKey), None, "{replay}");
    }
}

/// This machine's result of this key, issued now (or a few minutes off, or
/// without the key and time it may leave out), verifies.
#[tokio::test]
async fn a_fresh_result_of_this_machine_and_key_verifies() {
    let fresh: [MakeData; 3] = [
        result_of,
        |asked| {
            let mut data = result_of(asked);
            data["issued_at"] = json!(issued(240));
            data
        },
        |asked| {
            let mut data = result_of(asked);
            let license = data["license"].as_object_mut().expect("an object");
            license.remove("key");
            data.as_object_mut().expect("an object").remove("issued_at");
            data
        },
    ];
    for result in fresh {
        let (server, config) = signing(result).await;
        let c = client(&server, &config);
        let view = c
            .service
            .activate(&license_key(GOOD_KEY))
            .await
            .expect("verifies");
        assert_eq!(view.state, LicenseState::Active);
        c.service.status().await.expect("validates again");
    }
}

/// A signed result whose license has no state is not an active license.
#[tokio::test]
async fn a_result_without_a_state_is_not_an_active_license() {
    let (server, config) = signing(|asked| {
        let mut data = result_of(asked);
        let license = data["license"].as_object_mut().expect("an object");
        license.remove("state");
        data
    })
    .await;
    let c = client(&server, &config);
    let error = c
        .service
        .activate(&license_key(GOOD_KEY))
        .await
        .expect_err("no state");
    assert_eq!(error.report().kind, Kind::BadResponse, "{error:?}");
    assert_eq!(c.stored(SecretName::LicenseKey), None);
}

/// The server's own keys are fetched only over HTTPS: over plain HTTP,
/// with nothing pinned, the adapter refuses to start and says to pin them.
/// The support report says which it is.
#[tokio::test]
async fn keys_are_fetched_over_https_only_and_the_report_says_whether_pinned() {
    let server = licensekit::start().await;
    let unpinned = DialectConfig {
        public_keys: Default::default(),
        ..config(Provider::Licensekit)
    };
    let refused = client_of(&unpinned, connection(&server), Duration::from_secs(5), 1);
    match refused.map(|_| ()) {
        Err(LicenseError::Config(message)) => {
            assert!(message.contains("pin"), "{message}");
        }
        other => panic!("fetches over plain HTTP: {other:?}"),
    }
    assert_eq!(
        requests(&server, PUBLIC_KEYS, "").await,
        0,
        "nothing fetched"
    );

    let report_of = |c: super::Client| async move {
        let diagnostics = c.service.diagnose().await;
        let report = c.service.support_report(&diagnostics, None);
        (diagnostics.signing_keys, report)
    };
    let pinned = client(&server, &config(Provider::Licensekit));
    let (keys, report) = report_of(pinned).await;
    assert_eq!(keys, Some(SigningKeys::Pinned { count: 1 }));
    assert!(report.contains("signing keys: pinned (1)"), "{report}");

    // Over HTTPS (nothing listens there: no key is fetched to start with).
    let mut https = connection(&server);
    https.wiring.server = "https://127.0.0.1:1".to_owned();
    let fetching = client_of(&unpinned, https, Duration::from_secs(5), 1).expect("connects");
    let (keys, report) = report_of(fetching).await;
    assert_eq!(keys, Some(SigningKeys::Fetched));
    assert!(
        report.contains("signing keys: fetched from the server, not pinned"),
        "{report}"
    );
}
