//! Seed 001 (appauth) through its adapter.

use hmac::{Hmac, KeyInit, Mac};
use keyslot_contract::appauth::{self, DEVELOPER_API, HEARTBEAT, VALIDATE};
use keyslot_contract::{GOOD_KEY, SEATS, SECRET};
use keyslot_core::catalog::{Kind, Provider, RetryClass};
use keyslot_core::dialects::Dialect;
use keyslot_core::dialects::appauth::SIGNATURE_HEADER;
use keyslot_core::error::LicenseError;
use keyslot_core::secrets::SecretName;
use keyslot_core::sensitive::Sensitive;
use keyslot_protocol::LicenseState;
use sha2::Sha256;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use super::{assert_coded, attempts_of, client, config, requests};
use crate::license_key;

const VALIDATE_PATH: &str = "/auth/validate";
const HEARTBEAT_PATH: &str = "/auth/heartbeat";

/// The seed's retry semantics: back off on the transient codes (practice 3:
/// `no_credits` and server errors; the Developer API's `rate_limited`),
/// re-authenticate on `session_expired`, never retry the rest (practice 4).
fn retry_of(code: &str) -> RetryClass {
    match code {
        "rate_limited" | "internal_error" | "no_credits" => RetryClass::Backoff,
        "session_expired" => RetryClass::RefreshToken,
        _ => RetryClass::Never,
    }
}

#[tokio::test]
async fn activates_checks_in_and_says_where_to_free_a_device() {
    let server = appauth::start().await;
    let c = client(&server, &config(Provider::Appauth));
    let view = c
        .service
        .activate(&license_key(GOOD_KEY))
        .await
        .expect("activates");
    assert_eq!((view.seats_used, view.seats_total), (1, SEATS));
    assert!(view.this_device.this_device);
    assert!(!view.capabilities.list_devices && !view.capabilities.free_seat);
    assert!(view.capabilities.heartbeat_secs.is_some());
    assert!(
        c.stored(SecretName::SessionToken).is_some(),
        "the session token is kept in the keychain"
    );

    c.service.status().await.expect("a heartbeat");
    assert_eq!(requests(&server, HEARTBEAT_PATH, "session-good").await, 1);
    assert_eq!(
        c.stored(SecretName::SessionToken).as_deref(),
        Some("session-next"),
        "the token the heartbeat rotated to is kept"
    );
    c.service.status().await.expect("a second heartbeat");
    assert_eq!(requests(&server, HEARTBEAT_PATH, "session-next").await, 1);
    assert_eq!(
        requests(&server, VALIDATE_PATH, GOOD_KEY).await,
        1,
        "no new validation"
    );

    let error = c.service.devices().await.expect_err("no device list");
    let report = error.report();
    assert_eq!(report.kind, Kind::Unsupported);
    assert!(
        report.steps[0].contains("vendor's support"),
        "{:?}",
        report.steps
    );
    assert!(
        !c.service.forget().await.expect("forgets"),
        "no seat freed on the server"
    );
    assert_eq!(c.stored(SecretName::LicenseKey), None);
}

#[tokio::test]
async fn every_validate_code() {
    let server = appauth::start().await;
    for code in VALIDATE {
        let c = client(&server, &config(Provider::Appauth));
        let key = format!("V-{code}");
        let error = c
            .service
            .activate(&license_key(&key))
            .await
            .expect_err(code);
        let retry = retry_of(code);
        assert_coded(&error, Provider::Appauth, code, Some("validate"), retry);
        assert_eq!(
            requests(&server, VALIDATE_PATH, &key).await,
            attempts_of(retry),
            "{code}"
        );
        assert_eq!(
            c.stored(SecretName::LicenseKey),
            None,
            "{code}: a rejected key is not kept"
        );
        if code == "bad_request" {
            assert_eq!(error.report().details[0].field, "hwid");
        }
    }
}

#[tokio::test]
async fn every_developer_api_code() {
    let server = appauth::start().await;
    for (code, status) in DEVELOPER_API {
        let c = client(&server, &config(Provider::Appauth));
        let key = format!("D-{code}");
        let error = c
            .service
            .activate(&license_key(&key))
            .await
            .expect_err(code);
        let retry = retry_of(code);
        assert_coded(
            &error,
            Provider::Appauth,
            code,
            Some("developer_api"),
            retry,
        );
        assert_eq!(error.http_status(), Some(status));
        assert_eq!(
            requests(&server, VALIDATE_PATH, &key).await,
            attempts_of(retry),
            "{code}"
        );
    }
}

#[tokio::test]
async fn every_heartbeat_code_and_one_reauthentication() {
    let server = appauth::start().await;
    for code in HEARTBEAT {
        let c = client(&server, &config(Provider::Appauth));
        let key = format!("H-{code}");
        c.service
            .activate(&license_key(&key))
            .await
            .expect("validates");
        let token = format!("beat-{code}");
        match c.service.status().await {
            Ok(_) => {
                assert_eq!(code, "session_expired", "only an expired session recovers");
                assert_eq!(requests(&server, HEARTBEAT_PATH, &token).await, 1);
                assert_eq!(
                    requests(&server, VALIDATE_PATH, &key).await,
                    2,
                    "re-authenticated once"
                );
            }
            Err(error) => {
                assert_ne!(code, "session_expired", "re-authenticates: {error:?}");
                let retry = retry_of(code);
                assert_coded(&error, Provider::Appauth, code, Some("heartbeat"), retry);
                assert_eq!(
                    requests(&server, HEARTBEAT_PATH, &token).await,
                    attempts_of(retry)
                );
                assert_eq!(requests(&server, VALIDATE_PATH, &key).await, 1, "{code}");
            }
        }
    }
}

#[tokio::test]
async fn no_credits_is_never_shown_as_billing() {
    let server = appauth::start().await;
    let c = client(&server, &config(Provider::Appauth));
    let report = c
        .service
        .activate(&license_key("V-no_credits"))
        .await
        .expect_err("fails")
        .report();
    let text = format!(
        "{} {} {}",
        report.title,
        report.message,
        report.steps.join(" ")
    )
    .to_lowercase();
    for word in ["credit", "billing", "payment", "purchase", "pay "] {
        assert!(!text.contains(word), "{word:?} in {text:?}");
    }
    assert_eq!(report.kind, Kind::ServerUnavailable);
}

#[tokio::test]
async fn a_wrong_signature_or_nonce_is_tampering_and_keeps_nothing() {
    let server = appauth::start().await;
    for (key, code) in [
        ("T-signature", "signature_mismatch"),
        ("T-nonce", "nonce_mismatch"),
    ] {
        let c = client(&server, &config(Provider::Appauth));
        let error = c.service.activate(&license_key(key)).await.expect_err(key);
        assert_coded(
            &error,
            Provider::Appauth,
            code,
            Some("client"),
            RetryClass::Never,
        );
        assert_eq!(error.report().kind, Kind::Tampered);
        assert_eq!(c.stored(SecretName::LicenseKey), None);
        assert_eq!(c.stored(SecretName::SessionToken), None);
    }
    // The good answer verifies: the check is not always failing.
    let c = client(&server, &config(Provider::Appauth));
    c.service
        .activate(&license_key(GOOD_KEY))
        .await
        .expect("verifies");
}

/// Another app id is refused as `invalid_app`; another app secret too, but
/// that answer, signed with the real secret, can't be verified here, so it
/// is `signature_mismatch`. Either way nothing is kept.
#[tokio::test]
async fn a_wrong_app_id_or_secret_is_refused() {
    let server = appauth::start().await;
    let c = super::client_with(
        &server,
        &config(Provider::Appauth),
        "another-app",
        std::time::Duration::from_secs(5),
        1,
    );
    let error = c
        .service
        .activate(&license_key(GOOD_KEY))
        .await
        .expect_err("wrong app");
    assert!(
        matches!(&error, LicenseError::Api(f) if f.code == "invalid_app"),
        "{error:?}"
    );
    assert_eq!(c.stored(SecretName::LicenseKey), None);

    let mut connection = super::connection(&server);
    connection.credentials.api_secret = Some(Sensitive::new("not-the-secret".to_owned()));
    let dialect = Dialect::connect(&config(Provider::Appauth), connection).expect("connects");
    let machine = keyslot_protocol::Machine {
        fingerprint: "a".repeat(64),
        name: "test".to_owned(),
        platform: "linux".to_owned(),
    };
    let error = dialect
        .activate(
            &license_key(GOOD_KEY),
            &machine,
            keyslot_core::deadline::Deadline::after(std::time::Duration::from_secs(5)),
        )
        .await
        .expect_err("wrong secret");
    assert_coded(
        &error,
        Provider::Appauth,
        "signature_mismatch",
        Some("client"),
        RetryClass::Never,
    );
    assert_eq!(
        requests(&server, VALIDATE_PATH, "not-the-secret").await,
        1,
        "the server was asked"
    );
}

/// A validation answering success with a license but no `state`, signed
/// and with the nonce echoed as appauth's are.
struct Stateless;

impl Respond for Stateless {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let sent: serde_json::Value = serde_json::from_slice(&request.body).expect("JSON");
        let body = serde_json::json!({
            "status": "success",
            "nonce": sent["nonce"],
            "session_token": "session-stateless",
            "license": { "expires_at": null, "hwid_limit": 2, "hwids_used": 1 },
        })
        .to_string();
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(SECRET.as_bytes())
            .expect("HMAC accepts any key length");
        mac.update(body.as_bytes());
        ResponseTemplate::new(200)
            .insert_header(SIGNATURE_HEADER, hex::encode(mac.finalize().into_bytes()))
            .set_body_raw(body, "application/json")
    }
}

#[tokio::test]
async fn an_answer_without_a_state_is_not_an_active_license() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(Stateless)
        .mount(&server)
        .await;
    let c = client(&server, &config(Provider::Appauth));
    let view = c
        .service
        .activate(&license_key(GOOD_KEY))
        .await
        .expect("a verified answer");
    assert_eq!(view.state, LicenseState::Unknown);
}
