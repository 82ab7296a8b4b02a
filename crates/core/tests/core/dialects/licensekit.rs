//! Seed 003 (LicenseKit) through its adapter.

use keyslot_contract::licensekit::{self, CODES, KEY_ID, REQUIRED_SCOPES};
use keyslot_contract::{GOOD_KEY, SEATS};
use keyslot_core::catalog::{Kind, Provider, RetryClass};
use keyslot_core::dialects::DialectConfig;
use keyslot_core::error::LicenseError;
use keyslot_core::secrets::SecretName;

use super::{MAX_ATTEMPTS, assert_coded, client, config, requests};
use crate::license_key;

const ACTIVATIONS: &str = "/v1/runtime/activations";
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
    assert_eq!(
        requests(&server, PUBLIC_KEYS, "").await,
        1,
        "keys fetched once, then cached"
    );

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
