//! The OpenAPI 3 document of the license API, served at `GET /openapi.json`
//! and committed as `crates/server/openapi.json` (a test keeps them equal).
//!
//! utoipa derives the operations and schemas from the handlers and the wire
//! types; [`spec`] then adds what its attributes cannot take from the code:
//! each request field's rule (from [`FIELD_RULES`], which the validator
//! applies), the signing headers as a security scheme, the headers of every
//! response, and the links that carry a seat from activation to the calls
//! that use it.

use axum::http::header::RETRY_AFTER;
use axum::routing::get;
use axum::{Json, Router};
use keyslot_protocol::headers;
use keyslot_protocol::request::{FIELD_RULES, FieldRule};
use serde_json::{Value, json};
use utoipa::OpenApi;

use crate::AppState;

/// The operations and schemas utoipa derives.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Keyslot License API",
        version = "1.1",
        description = "Native license protocol of Keyslot (docs/protocol.md in the repository: signing \
            recipe with a worked example, every code, retry policy, leases). Every request to the four \
            POST endpoints is signed (the `timestamp`, `nonce` and `signature` security schemes, all \
            three together). Every response carries `x-request-id`; every response of a server that \
            has its secret carries `X-License-Signature` = hex HMAC-SHA256 of \
            `REQUEST_NONCE\\nSTATUS\\nhex(sha256(BODY))` (not 1707, when it has none). 429 and 503 \
            answers carry `Retry-After`. Since v1.1 every 200 of /activate and /status carries \
            `lease`: a compact JWS (Ed25519, `typ` keyslot-lease+jwt) that verifies against a key of \
            `GET /api/v1/license/keys`. Unknown fields in a request body are ignored."
    ),
    paths(
        crate::api::activate,
        crate::api::status,
        crate::api::devices,
        crate::api::deactivate,
        crate::api::keys,
        crate::offline_page::page,
        crate::health::healthz
    ),
    tags(
        (name = "license", description = "Signed license endpoints"),
        (name = "offline", description = "The offline page: HTML for people, not signed"),
        (name = "operations", description = "For a proxy's or an orchestrator's health check")
    )
)]
struct ApiDoc;

/// The operations whose requests are signed.
const SIGNED: [&str; 4] = ["activate", "status", "devices", "deactivate"];

/// The document.
pub fn spec() -> Value {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
    add_field_rules(&mut doc);
    add_signing(&mut doc);
    add_response_headers(&mut doc);
    add_links(&mut doc);
    doc
}

/// The document as pretty JSON, exactly as committed.
pub fn document() -> String {
    let mut json = serde_json::to_string_pretty(&spec()).unwrap_or_default();
    json.push('\n');
    json
}

/// `GET /openapi.json`.
pub fn router() -> Router<AppState> {
    Router::new().route("/openapi.json", get(|| async { Json(spec()) }))
}

/// Each request field's length and pattern; unknown properties allowed, as
/// the server ignores them.
fn add_field_rules(doc: &mut Value) {
    let schemas = &mut doc["components"]["schemas"];
    for (schema, field, rule) in FIELD_RULES {
        let FieldRule {
            min_chars,
            max_chars,
            pattern,
        } = rule;
        // Only what utoipa derived is patched: a rule for a field it does
        // not have shows as a missing rule in the tests.
        let Some(schema) = schemas.get_mut(*schema).and_then(Value::as_object_mut) else {
            continue;
        };
        schema.insert("additionalProperties".into(), json!(true));
        if let Some(property) = schema
            .get_mut("properties")
            .and_then(|properties| properties.get_mut(*field))
            .and_then(Value::as_object_mut)
        {
            property.insert("minLength".into(), json!(min_chars));
            property.insert("maxLength".into(), json!(max_chars));
            property.insert("pattern".into(), json!(pattern));
        }
    }
}

/// The three signing headers, as one security requirement of every signed
/// operation; the key set is public.
fn add_signing(doc: &mut Value) {
    let scheme = |name: &str, description: &str| json!({"type": "apiKey", "in": "header", "name": name, "description": description});
    doc["components"]["securitySchemes"] = json!({
        "timestamp": scheme(headers::TIMESTAMP,
            "Unix time in whole seconds, decimal; within 300 s of the server's clock."),
        "nonce": scheme(headers::NONCE,
            "16–64 characters of `[A-Za-z0-9_-]`, fresh for every request and every retry; \
             a nonce seen in the last 600 s is refused (1700)."),
        "signature": scheme(headers::SIGNATURE,
            "Lowercase hex HMAC-SHA256, keyed with the shared secret, of \
             `METHOD\\nPATH\\nTIMESTAMP\\nNONCE\\nhex(sha256(BODY))`."),
    });
    for operation in operations(doc) {
        let signed = SIGNED.contains(&operation["operationId"].as_str().unwrap_or_default());
        operation["security"] = if signed {
            json!([{"timestamp": [], "nonce": [], "signature": []}])
        } else {
            json!([])
        };
    }
}

/// `x-request-id` on every response, `X-License-Signature` on every one of
/// the license API a server with its secret gives (all but 1707),
/// `Retry-After` on 429 and 503.
fn add_response_headers(doc: &mut Value) {
    let request_id = json!({
        "description": "This answer's id (a ULID), also in the error envelope and the server's log.",
        "required": true,
        "schema": {"type": "string", "pattern": "^[0-9A-HJKMNP-TV-Z]{26}$"},
    });
    let signature = json!({
        "description": "Lowercase hex HMAC-SHA256, keyed with the shared secret, of \
            `REQUEST_NONCE\\nSTATUS\\nhex(sha256(BODY))`.",
        "required": true,
        "schema": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
    });
    let retry_after = json!({
        "description": "Seconds to wait before trying again.",
        "required": true,
        "schema": {"type": "integer", "minimum": 1},
    });
    for operation in operations(doc) {
        let signed = operation["tags"] == json!(["license"]);
        let Some(responses) = operation["responses"].as_object_mut() else {
            continue;
        };
        for (status, response) in responses {
            let mut sent = serde_json::Map::new();
            sent.insert(headers::REQUEST_ID.into(), request_id.clone());
            if signed && status != "500" {
                sent.insert(headers::SIGNATURE.into(), signature.clone());
            }
            if status == "429" || status == "503" {
                sent.insert(RETRY_AFTER.as_str().into(), retry_after.clone());
            }
            response["headers"] = Value::Object(sent);
        }
    }
}

/// From an activation to the calls that use its seat: status and devices
/// with the same key (and fingerprint), deactivate with the activation's id.
fn add_links(doc: &mut Value) {
    let key = "$request.body#/license_key";
    doc["paths"]["/api/v1/license/activate"]["post"]["responses"]["200"]["links"] = json!({
        "Status": {
            "operationId": "status",
            "description": "This machine's status on the license just activated.",
            "requestBody": {"license_key": key, "fingerprint": "$request.body#/machine/fingerprint"},
        },
        "Devices": {
            "operationId": "devices",
            "description": "The devices of the license just activated.",
            "requestBody": {"license_key": key},
        },
        "Deactivate": {
            "operationId": "deactivate",
            "description": "Frees the seat just taken.",
            "requestBody": {"license_key": key, "activation_id": "$response.body#/activation/id"},
        },
    });
}

/// Every operation of the document.
fn operations(doc: &mut Value) -> impl Iterator<Item = &mut Value> {
    doc["paths"]
        .as_object_mut()
        .into_iter()
        .flat_map(|paths| paths.values_mut())
        .filter_map(Value::as_object_mut)
        .flat_map(|methods| methods.values_mut())
}
