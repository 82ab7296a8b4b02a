//! Seed 002 (GeckoGuard) through its adapter.

use std::time::Duration;

use keyslot_contract::geckoguard::{self, REASONS, REFRESH_TOKEN, STANDARD, Settings};
use keyslot_contract::{GOOD_KEY, SEATS};
use keyslot_core::catalog::{Action, Kind, Provider, RetryClass};
use keyslot_core::secrets::SecretName;
use keyslot_core::sensitive::Sensitive;

use super::{assert_coded, attempts_of, client, client_with, config, requests};
use crate::license_key;

const AUTHORIZE: &str = "/v1/licenses/authorize";
const REFRESH: &str = "/v1/auth/refresh";

/// The seed's "Retry?" column.
fn retry_of(code: &str) -> RetryClass {
    match code {
        "EXPIRED_TOKEN" => RetryClass::RefreshToken,
        "SIGNATURE_EXPIRED" | "NONCE_REUSED" => RetryClass::AfterClockFix,
        "SIGNING_UNAVAILABLE"
        | "RATE_LIMITED"
        | "PRODUCT_RATE_LIMITED"
        | "RATE_LIMIT_UNAVAILABLE"
        | "INTERNAL" => RetryClass::Backoff,
        "DNS_NOT_FOUND" | "TOKEN_MISMATCH" => RetryClass::AfterAction,
        "WEBHOOK_ERROR" => RetryClass::NotApplicable,
        _ => RetryClass::Never,
    }
}

#[tokio::test]
async fn authorizes_and_says_where_to_free_a_device() {
    let server = geckoguard::start(Settings::default()).await;
    let c = client(&server, &config(Provider::Geckoguard));
    let view = c
        .service
        .activate(&license_key(GOOD_KEY))
        .await
        .expect("authorizes");
    assert_eq!((view.seats_used, view.seats_total), (1, SEATS));
    assert_eq!(view.expires_at.as_deref(), Some("2030-01-01T00:00:00Z"));
    c.service.status().await.expect("authorizes again");
    assert_eq!(requests(&server, AUTHORIZE, GOOD_KEY).await, 2);
    let diagnostics = c.service.diagnose().await;
    assert!(diagnostics.server_reachable && diagnostics.server_problem.is_none());
    assert!(
        diagnostics.recent.iter().all(|o| o
            .request_id
            .as_deref()
            .is_some_and(|id| id.starts_with("gg-req-"))),
        "x-request-id is kept: {:?}",
        diagnostics.recent
    );
    let report = c
        .service
        .devices()
        .await
        .expect_err("no device list")
        .report();
    assert_eq!(report.kind, Kind::Unsupported);
    assert!(
        report.steps[0].contains("customer portal"),
        "{:?}",
        report.steps
    );
}

#[tokio::test]
async fn every_reason_code_is_a_denial_by_reason_not_status() {
    let server = geckoguard::start(Settings::default()).await;
    for reason in REASONS {
        let c = client(&server, &config(Provider::Geckoguard));
        let key = format!("R-{reason}");
        let error = c
            .service
            .activate(&license_key(&key))
            .await
            .expect_err(reason);
        // No retry column for reasons, and a 403 is not retried: never, a
        // concurrency limit too (the app can't close the other sessions).
        assert_coded(
            &error,
            Provider::Geckoguard,
            reason,
            Some("authorize"),
            RetryClass::Never,
        );
        if reason == "CONCURRENCY_LIMIT_EXCEEDED" {
            assert_eq!(error.report().action, Action::CloseOtherSessions);
        }
        assert_eq!(error.http_status(), Some(403));
        assert_eq!(requests(&server, AUTHORIZE, &key).await, 1, "{reason}");
        assert_eq!(c.stored(SecretName::LicenseKey), None);
    }
}

#[tokio::test]
async fn every_standard_code_with_its_retry() {
    let server = geckoguard::start(Settings::default()).await;
    for (code, status) in STANDARD {
        let c = client(&server, &config(Provider::Geckoguard));
        let key = format!("E-{code}");
        let error = c
            .service
            .activate(&license_key(&key))
            .await
            .expect_err(code);
        let retry = retry_of(code);
        assert_coded(&error, Provider::Geckoguard, code, None, retry);
        assert_eq!(error.http_status(), Some(status), "{code}");
        assert!(
            error
                .request_id()
                .is_some_and(|id| id.starts_with("gg-req-")),
            "{code}: x-request-id kept"
        );
        assert_eq!(
            requests(&server, AUTHORIZE, &key).await,
            attempts_of(retry),
            "{code}"
        );
        let nonces: std::collections::HashSet<String> = server
            .received_requests()
            .await
            .unwrap_or_default()
            .iter()
            .filter(|r| String::from_utf8_lossy(&r.body).contains(&key))
            .filter_map(|r| {
                r.headers
                    .get("x-gg-nonce")?
                    .to_str()
                    .ok()
                    .map(str::to_owned)
            })
            .collect();
        assert_eq!(
            nonces.len() as u32,
            attempts_of(retry),
            "{code}: every attempt is signed with a fresh nonce"
        );
        let report = error.report();
        if status == 429 {
            assert_eq!(report.retry_after_secs, Some(0), "{code}: Retry-After read");
        }
        if code == "VALIDATION_ERROR" {
            assert_eq!(report.details[0].field, "licenseKey", "details per field");
        }
    }
}

#[tokio::test]
async fn an_expired_token_is_refreshed_once_then_retried() {
    let server = geckoguard::start(Settings::default()).await;
    let c = client(&server, &config(Provider::Geckoguard));
    c.secrets
        .set(
            SecretName::RefreshToken,
            &Sensitive::new(REFRESH_TOKEN.to_owned()),
        )
        .expect("stores");
    c.service
        .activate(&license_key("E-EXPIRED_TOKEN"))
        .await
        .expect("refreshed, then authorized");
    assert_eq!(requests(&server, REFRESH, REFRESH_TOKEN).await, 1);
    assert_eq!(requests(&server, AUTHORIZE, "E-EXPIRED_TOKEN").await, 2);
    assert_eq!(
        c.stored(SecretName::RefreshToken).as_deref(),
        Some("refresh-next")
    );
    c.service.forget().await.expect("forgets");
    assert_eq!(
        c.stored(SecretName::RefreshToken).as_deref(),
        Some("refresh-next"),
        "the vendor's refresh token outlives the license"
    );

    // A refresh token that is gone: one refresh, then the sign-in message.
    let c = client(&server, &config(Provider::Geckoguard));
    c.secrets
        .set(
            SecretName::RefreshToken,
            &Sensitive::new("refresh-gone".to_owned()),
        )
        .expect("stores");
    let error = c
        .service
        .activate(&license_key("E-EXPIRED_TOKEN"))
        .await
        .expect_err("re-login");
    assert_coded(
        &error,
        Provider::Geckoguard,
        "EXPIRED_TOKEN",
        None,
        RetryClass::RefreshToken,
    );
    assert_eq!(requests(&server, REFRESH, "refresh-gone").await, 1);
}

#[tokio::test]
async fn retry_after_is_the_floor_of_the_wait() {
    // A 30 s Retry-After does not fit a 2 s action: one attempt, no early retry.
    let server = geckoguard::start(Settings {
        retry_after_secs: 30,
    })
    .await;
    let c = client_with(
        &server,
        &config(Provider::Geckoguard),
        keyslot_contract::API_KEY,
        Duration::from_secs(2),
        1,
    );
    let error = c
        .service
        .activate(&license_key("E-RATE_LIMITED"))
        .await
        .expect_err("limited");
    assert_eq!(error.report().retry_after_secs, Some(30));
    assert_eq!(requests(&server, AUTHORIZE, "E-RATE_LIMITED").await, 1);
}

#[tokio::test]
async fn the_server_checks_the_api_key_and_the_signature() {
    let server = geckoguard::start(Settings::default()).await;
    let c = client_with(
        &server,
        &config(Provider::Geckoguard),
        "wrong-key",
        Duration::from_secs(5),
        1,
    );
    let error = c
        .service
        .activate(&license_key(GOOD_KEY))
        .await
        .expect_err("wrong key");
    assert_coded(
        &error,
        Provider::Geckoguard,
        "UNAUTHORIZED",
        None,
        RetryClass::Never,
    );

    // Signed with another secret: the server computes a different HMAC.
    let mut connection = super::connection(&server);
    connection.credentials.api_secret = Some(Sensitive::new("not-the-secret".to_owned()));
    let dialect =
        keyslot_core::dialects::Dialect::connect(&config(Provider::Geckoguard), connection)
            .expect("connects");
    let machine = keyslot_protocol::Machine {
        fingerprint: "a".repeat(64),
        name: "test".to_owned(),
        platform: "linux".to_owned(),
    };
    let key = license_key(GOOD_KEY);
    let error = dialect
        .activate(
            &key,
            &machine,
            keyslot_core::deadline::Deadline::after(Duration::from_secs(5)),
        )
        .await
        .expect_err("wrong signature");
    assert_coded(
        &error,
        Provider::Geckoguard,
        "INVALID_SIGNATURE",
        None,
        RetryClass::Never,
    );
}

#[tokio::test]
async fn a_clock_failure_is_resigned_with_a_fresh_nonce_never_with_an_unverified_date() {
    use keyslot_core::clock::ManualClock;
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    // GeckoGuard does not sign its answers: the Date of a NONCE_REUSED
    // (7 minutes ahead) must not move the clock the retry is signed with.
    const T: i64 = 1_767_225_600;
    let ahead = httpdate::fmt_http_date(
        std::time::UNIX_EPOCH + Duration::from_secs((T + 420).unsigned_abs()),
    );
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(AUTHORIZE))
        .respond_with(
            ResponseTemplate::new(401)
                .insert_header("date", ahead.as_str())
                .set_body_json(serde_json::json!({
                    "ok": false,
                    "error": {"code": "NONCE_REUSED", "message": "seen"}
                })),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(AUTHORIZE))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("date", ahead.as_str())
                .set_body_json(serde_json::json!({
                    "ok": true,
                    "allow": true,
                    "license": {"status": "ACTIVE", "hwidLimit": 2, "hwidCount": 1}
                })),
        )
        .mount(&server)
        .await;
    let mut connection = super::connection(&server);
    connection.wiring.clock = std::sync::Arc::new(ManualClock::new(T));
    let dialect =
        keyslot_core::dialects::Dialect::connect(&config(Provider::Geckoguard), connection)
            .expect("connects");
    let machine = keyslot_protocol::Machine {
        fingerprint: "a".repeat(64),
        name: "test".to_owned(),
        platform: "linux".to_owned(),
    };
    dialect
        .activate(
            &license_key(GOOD_KEY),
            &machine,
            keyslot_core::deadline::Deadline::after(Duration::from_secs(5)),
        )
        .await
        .expect("the re-signed request is authorized");

    let sent = server.received_requests().await.expect("recorded");
    assert_eq!(sent.len(), 2, "re-signed once");
    let header = |n: usize, name: &str| {
        sent[n]
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    assert_ne!(
        header(0, "x-gg-nonce"),
        header(1, "x-gg-nonce"),
        "a fresh nonce"
    );
    assert_eq!(
        header(1, "x-gg-timestamp"),
        Some(T.to_string()),
        "signed with this computer's clock, not the unverified Date"
    );
    assert_eq!(dialect.clock_offset_secs(), 0);
    assert_eq!(dialect.observed_clock_offset_secs(), 0);
}

#[tokio::test]
async fn an_answer_without_a_status_is_not_an_active_license() {
    use keyslot_protocol::LicenseState;
    use serde_json::json;
    use wiremock::matchers::method;
    use wiremock::{Mock, MockServer, ResponseTemplate};

    for answer in [
        json!({"ok": true, "allow": true, "license": {"hwidLimit": 2, "hwidCount": 1}}),
        json!({"ok": true, "allow": true}),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(200).set_body_json(&answer))
            .mount(&server)
            .await;
        let c = client(&server, &config(Provider::Geckoguard));
        let view = c
            .service
            .activate(&license_key(GOOD_KEY))
            .await
            .expect("allowed");
        assert_eq!(view.state, LicenseState::Unknown, "{answer}");
    }
}
