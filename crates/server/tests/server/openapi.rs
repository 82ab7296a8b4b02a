//! The committed OpenAPI document is the one the server serves.

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use tower::ServiceExt;

use keyslot_fuzz::check;
use keyslot_fuzz::proptest::prelude::*;
use keyslot_protocol::headers::{NONCE, REQUEST_ID, SIGNATURE, TIMESTAMP};
use keyslot_protocol::request::{
    ActivateRequest, DeactivateRequest, DevicesRequest, FIELD_RULES, RequestBody, StatusRequest,
};
use regex::Regex;
use serde_json::json;

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
        assert_eq!(
            op["security"],
            json!([{"timestamp": [], "nonce": [], "signature": []}]),
            "{path} is signed"
        );
        for (status, response) in op["responses"].as_object().expect("responses") {
            let headers = &response["headers"];
            assert_eq!(headers[REQUEST_ID]["required"], true, "{path} {status}");
            let signed = headers.get(SIGNATURE).is_some();
            assert_eq!(signed, status != "500", "{path} {status}");
            let retry = headers.get("retry-after").is_some();
            assert_eq!(retry, status == "429" || status == "503", "{path} {status}");
        }
    }
    let schemes = &served["components"]["securitySchemes"];
    for (scheme, header) in [
        ("timestamp", TIMESTAMP),
        ("nonce", NONCE),
        ("signature", SIGNATURE),
    ] {
        assert_eq!(schemes[scheme]["name"], header);
        assert_eq!(schemes[scheme]["in"], "header");
    }
    let links = &served["paths"]["/api/v1/license/activate"]["post"]["responses"]["200"]["links"];
    for (link, operation) in [
        ("Status", "status"),
        ("Devices", "devices"),
        ("Deactivate", "deactivate"),
    ] {
        assert_eq!(links[link]["operationId"], operation);
    }
    assert_eq!(
        links["Deactivate"]["requestBody"]["activation_id"],
        "$response.body#/activation/id"
    );

    // v1.1: the public keys endpoint (no signing headers) and the optional lease.
    let keys = &served["paths"]["/api/v1/license/keys"]["get"];
    assert!(keys.is_object(), "GET /api/v1/license/keys is described");
    assert_eq!(keys["security"], json!([]), "it needs no signature");
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

/// A string of a request field, as the fuzzer draws it: every class of
/// character the rules tell apart (ASCII letters and hex, `-` and `_`,
/// white space of each kind, controls, bidi and invisible formats, joiners
/// and marks that stay allowed, non-ASCII and non-BMP), at lengths around
/// each limit.
fn field_text() -> impl Strategy<Value = String> {
    const ANY: &[char] = &[
        'a', 'Z', '0', 'f', 'g', 'F', '-', '_', ' ', '.', '\t', '\n', '\r', '\u{0}', '\u{1f}',
        '\u{7f}', '\u{85}', '\u{9f}', '\u{a0}', '\u{1680}', '\u{180e}', '\u{2000}', '\u{200a}',
        '\u{200b}', '\u{200c}', '\u{200d}', '\u{200f}', '\u{2028}', '\u{2029}', '\u{202a}',
        '\u{202e}', '\u{202f}', '\u{205f}', '\u{2060}', '\u{2066}', '\u{2069}', '\u{3000}',
        '\u{feff}', 'é', 'ש', '☕', '😀',
    ];
    const BASES: &[char] = &['a', '7', 'Z', ' ', '\u{3000}'];
    let length = prop_oneof![
        prop::sample::select(vec![0usize, 1, 2, 63, 64, 65, 127, 128, 129]),
        0usize..140,
    ];
    let edits = prop::collection::vec(
        (any::<prop::sample::Index>(), prop::sample::select(ANY)),
        0..3,
    );
    (prop::sample::select(BASES), length, edits).prop_map(|(base, length, edits)| {
        let mut chars = vec![base; length];
        for (at, c) in edits {
            if !chars.is_empty() {
                let i = at.index(chars.len());
                chars[i] = c;
            }
        }
        chars.into_iter().collect()
    })
}

/// The body of `schema` with every field valid but `field`, set to `text`;
/// whether the server's validator takes it.
fn server_accepts(schema: &str, field: &str, text: &str) -> bool {
    let fp = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    let mut body = match schema {
        "ActivateRequest" | "Machine" => json!({
            "license_key": "KS-1", "machine": {"fingerprint": fp, "name": "n", "platform": "p"}
        }),
        "StatusRequest" => json!({"license_key": "KS-1", "fingerprint": fp}),
        "DevicesRequest" => json!({"license_key": "KS-1"}),
        "DeactivateRequest" => json!({"license_key": "KS-1", "activation_id": "a1"}),
        other => panic!("no body for {other}"),
    };
    let at = if schema == "Machine" {
        &mut body["machine"]
    } else {
        &mut body
    };
    at[field] = json!(text);
    match schema {
        "ActivateRequest" | "Machine" => ActivateRequest::from_json(&body).is_ok(),
        "StatusRequest" => StatusRequest::from_json(&body).is_ok(),
        "DevicesRequest" => DevicesRequest::from_json(&body).is_ok(),
        _ => DeactivateRequest::from_json(&body).is_ok(),
    }
}

/// The document states the rules the server applies: for every string
/// field of every request body, its `minLength`, `maxLength` and `pattern`
/// accept exactly the values the server's validator accepts, so a client
/// generated from the document sends nothing the server refuses as
/// malformed, and the schema-invalid values it may be fuzzed with are
/// refused.
#[test]
fn fuzz_the_document_states_the_rules_the_server_applies() {
    let doc = keyslot_server::openapi::spec();
    let rules: Vec<(&str, &str, u64, u64, Regex)> = FIELD_RULES
        .iter()
        .map(|(schema, field, _)| {
            let property = &doc["components"]["schemas"][schema]["properties"][field];
            let limit = |name: &str| {
                property[name]
                    .as_u64()
                    .unwrap_or_else(|| panic!("{schema}.{field} states {name}"))
            };
            let pattern = property["pattern"].as_str().expect("a pattern");
            let pattern = Regex::new(pattern).expect("the pattern is a regex");
            (
                *schema,
                *field,
                limit("minLength"),
                limit("maxLength"),
                pattern,
            )
        })
        .collect();
    check((0..rules.len(), field_text()), |(rule, text)| {
        let (schema, field, min, max, pattern) = &rules[rule];
        let chars = text.chars().count() as u64;
        let by_document = (*min..=*max).contains(&chars) && pattern.is_match(&text);
        prop_assert_eq!(
            by_document,
            server_accepts(schema, field, &text),
            "{}.{} = {:?}",
            schema,
            field,
            text
        );
        Ok(())
    });
}
