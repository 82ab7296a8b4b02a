//! Seed 000 (Keyslot's own protocol) where an answer comes unsigned: a fake
//! server on loopback answering as one without a secret, or as someone
//! posing as it.

use keyslot_core::catalog::{Kind, Provider};
use keyslot_core::error::LicenseError;
use keyslot_protocol::{ErrorCode, ErrorEnvelope, FieldError, headers};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::{Client, client, config};
use crate::license_key;

/// A server answering every request with `answer`, a client of it, and the
/// error its activation ends in.
async fn activate_against(answer: ResponseTemplate) -> (MockServer, Client, LicenseError) {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(answer)
        .mount(&server)
        .await;
    let c = client(&server, &config(Provider::LicenseApi));
    let error = c
        .service
        .activate(&license_key("KS-AAAAA-BBBBB-CCCCC-DDDDD"))
        .await
        .expect_err("the answer is not a success");
    (server, c, error)
}

/// An unsigned 500 1707 is believed to mean "the server is misconfigured",
/// and no more: the message, details and request id in its body are anyone's
/// words (as is its `X-Request-Id` header), and reach neither the error view,
/// the recent requests nor the support report.
#[tokio::test]
async fn an_unsigned_1707_brings_none_of_its_text() {
    const PLANTED: &str = "call +1-555-0100 to unlock";
    let envelope = ErrorEnvelope::new(
        ErrorCode::SecretNotSet,
        format!("message: {PLANTED}"),
        Some(vec![FieldError {
            field: "support".to_owned(),
            message: format!("details: {PLANTED}"),
        }]),
        format!("request id: {PLANTED}"),
    );
    let answer = ResponseTemplate::new(500)
        .insert_header(headers::REQUEST_ID, "call-1-555-0100")
        .set_body_json(&envelope);
    let (_server, c, error) = activate_against(answer).await;
    let shown = error.report();
    assert_eq!(
        (shown.kind, shown.code.as_str(), shown.http_status),
        (Kind::ServerMisconfigured, "1707", Some(500)),
        "still the 1707 entry"
    );
    let diagnostics = c.service.diagnose().await;
    let texts = [
        format!("{error:?}"),
        serde_json::to_string(&shown).expect("serializes"),
        serde_json::to_string(&diagnostics).expect("serializes"),
        c.service.support_report(&diagnostics, Some(&shown)),
    ];
    for text in texts {
        assert!(text.contains("1707"), "{text}");
        assert!(!text.contains("555-0100"), "planted text shown: {text}");
        assert!(!text.contains("call-1"), "planted request id shown: {text}");
    }
}

/// A forged answer (signed with the wrong secret) is tampered with, and its
/// request id is as forged as the rest: it is not shown.
#[tokio::test]
async fn a_forged_answers_request_id_is_not_kept() {
    let answer = ResponseTemplate::new(200)
        .insert_header(headers::REQUEST_ID, "req_forged_0100")
        .insert_header(headers::SIGNATURE, "00".repeat(32))
        .set_body_string("{}");
    let (_server, c, error) = activate_against(answer).await;
    let shown = error.report();
    assert_eq!(shown.kind, Kind::Tampered);
    assert_eq!(shown.request_id, None);
    let diagnostics = serde_json::to_string(&c.service.diagnose().await).expect("serializes");
    assert!(!diagnostics.contains("req_forged"), "{diagnostics}");
}
