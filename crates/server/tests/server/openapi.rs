//! The committed OpenAPI document is the one the server serves.

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::support::Harness;

const COMMITTED: &str = include_str!("../../openapi.json");

#[test]
fn the_committed_document_is_current() {
    let generated = keyslot_server::openapi::document();
    if generated != COMMITTED && std::env::var_os("KEYSLOT_BLESS").is_some() {
        std::fs::write(
            concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json"),
            &generated,
        )
        .expect("write");
        return;
    }
    let first_difference = generated
        .lines()
        .zip(COMMITTED.lines())
        .position(|(a, b)| a != b)
        .map_or_else(|| "length".to_owned(), |n| format!("line {}", n + 1));
    assert!(
        generated == COMMITTED,
        "crates/server/openapi.json is stale (first difference at {first_difference}): \
         rerun with KEYSLOT_BLESS=1 and commit it"
    );
}

#[tokio::test]
async fn the_server_serves_it_with_all_four_endpoints() {
    let h = Harness::new().await;
    let response = h
        .app
        .clone()
        .oneshot(
            Request::get("/openapi.json")
                .body(Body::empty())
                .expect("request"),
        )
        .await
        .expect("infallible");
    assert_eq!(response.status(), 200);
    assert!(response.headers().contains_key("x-request-id"));
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    let served: serde_json::Value = serde_json::from_slice(&body).expect("json");
    let committed: serde_json::Value = serde_json::from_str(COMMITTED).expect("json");
    assert!(
        served == committed,
        "the served document differs from the committed one"
    );
    assert!(
        served["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3."))
    );
    for path in ["activate", "status", "devices", "deactivate"] {
        let op = &served["paths"][format!("/api/v1/license/{path}")]["post"];
        assert!(op.is_object(), "{path}");
        let params: Vec<&str> = op["parameters"]
            .as_array()
            .expect("parameters")
            .iter()
            .filter_map(|p| p["name"].as_str())
            .collect();
        assert_eq!(
            params,
            [
                "X-License-Timestamp",
                "X-License-Nonce",
                "X-License-Signature"
            ]
        );
    }

    // v1.1: the public keys endpoint (no signing headers) and the optional lease.
    let keys = &served["paths"]["/api/v1/license/keys"]["get"];
    assert!(keys.is_object(), "GET /api/v1/license/keys is described");
    assert!(keys.get("parameters").is_none(), "it needs no signature");
    let schemas = &served["components"]["schemas"];
    assert!(schemas["JwkSet"].is_object() && schemas["Jwk"]["properties"]["use"].is_object());
    for answer in ["ActivateResponse", "StatusResponse"] {
        let schema = &schemas[answer];
        assert!(
            schema["properties"]["lease"].is_object(),
            "{answer} describes lease"
        );
        let required: Vec<&str> = schema["required"]
            .as_array()
            .expect("required")
            .iter()
            .filter_map(|r| r.as_str())
            .collect();
        assert!(!required.contains(&"lease"), "{answer}: lease is optional");
    }
}
