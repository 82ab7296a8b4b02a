//! Seed 003's LicenseKit server: runtime activations, signed validations,
//! devices, deactivations and the public key store, behind a bearer token,
//! errors in `{"error":{"code","message","detail"},"meta":{"request_id"}}`.
//! The paths are the adapter's documented assumptions.
//!
//! Keys: [`crate::GOOD_KEY`] (three seats, one held by another machine);
//! `E-<CODE>` answers `<CODE>` with the status in [`CODES`]; `FLAKY-<n>`
//! answers 503 to its first `n` activation attempts; `T-TAMPERED` validates
//! with a signature that does not match the data, `T-UNKNOWN-KEY` with a key
//! the store does not have.
//! A machine with no seat validates as 404 `NOT_FOUND` (the `T-` keys always
//! validate).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use ed25519_dalek::{Signer, SigningKey};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::seats::{Seat, Seats};
use crate::{API_KEY, GOOD_KEY, SEATS, bearer, body, field};

/// Every code the seed names, with the status this server gives it (the
/// seed gives none).
pub const CODES: [(&str, u16); 10] = [
    ("LICENSE_EXPIRED", 403),
    ("LICENSE_INACTIVE", 403),
    ("ACTIVATION_LIMIT_EXCEEDED", 409),
    ("FEATURE_QUOTA_EXCEEDED", 403),
    ("DEVICE_BLACKLISTED", 403),
    ("TOKEN_SCOPE_DENIED", 403),
    ("INVALID_QUERY", 400),
    ("VALIDATION_ERROR", 400),
    ("NOT_FOUND", 404),
    ("IDEMPOTENCY_CONFLICT", 409),
];

/// The scopes a `TOKEN_SCOPE_DENIED` answer requires.
pub const REQUIRED_SCOPES: &str = "license:activate";

/// The id of the signing key.
pub const KEY_ID: &str = "lk-2026";

fn signing_key() -> SigningKey {
    SigningKey::from_bytes(&[7; 32])
}

/// The public key, base64, as a vendor would pin it.
pub fn public_key() -> String {
    BASE64.encode(signing_key().verifying_key().as_bytes())
}

fn error(code: &str, status: u16) -> ResponseTemplate {
    let mut response = ResponseTemplate::new(status).set_body_json(json!({
        "error": { "code": code, "message": code.to_lowercase().replace('_', " "), "detail": "contract" },
        "meta": { "request_id": format!("req_{}", code.to_lowercase()) },
    }));
    if code == "TOKEN_SCOPE_DENIED" {
        response = response.insert_header("x-required-scopes", REQUIRED_SCOPES);
    }
    response
}

fn device(seat: &Seat) -> Value {
    json!({
        "id": seat.id,
        "fingerprint": seat.fingerprint,
        "name": seat.name,
        "platform": seat.platform,
        "created_at": "2026-01-01T00:00:00Z",
        "last_seen_at": "2026-12-01T00:00:00Z",
    })
}

fn license(seats: &Seats) -> Value {
    json!({
        "state": "ACTIVE",
        "max_activations": SEATS,
        "used_activations": seats.used(),
        "expires_at": null,
    })
}

#[derive(Default)]
struct State {
    seats: Seats,
    attempts: Mutex<HashMap<String, u32>>,
}

struct Runtime(Arc<State>);

impl Respond for Runtime {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        if bearer(request) != Some(API_KEY) {
            return error("UNAUTHORIZED", 401);
        }
        let body = body(request);
        let key = field(&body, "license_key");
        if let Some(code) = key.strip_prefix("E-") {
            let status = CODES
                .iter()
                .find(|(c, _)| *c == code)
                .map_or(400, |(_, s)| *s);
            return error(code, status);
        }
        let state = &self.0;
        let fingerprint = field(&body, "fingerprint");
        match request.url.path() {
            "/v1/runtime/activations" => {
                if request.headers.get("idempotency-key").is_none() {
                    return error("VALIDATION_ERROR", 400);
                }
                if let Some(n) = key
                    .strip_prefix("FLAKY-")
                    .and_then(|n| n.parse::<u32>().ok())
                {
                    let mut attempts = state.attempts.lock().unwrap_or_else(|e| e.into_inner());
                    let seen = attempts.entry(key.to_owned()).or_default();
                    *seen += 1;
                    if *seen <= n {
                        return error("UNAVAILABLE", 503);
                    }
                }
                let seat =
                    state
                        .seats
                        .take(fingerprint, field(&body, "name"), field(&body, "platform"));
                match seat {
                    Some(seat) => ResponseTemplate::new(201)
                        .set_body_json(json!({ "data": { "activation": device(&seat) } })),
                    None => error("ACTIVATION_LIMIT_EXCEEDED", 409),
                }
            }
            "/v1/runtime/validate" => {
                let seat = state.seats.of(fingerprint);
                if seat.is_none() && !key.starts_with("T-") {
                    return error("NOT_FOUND", 404);
                }
                let seat = seat.unwrap_or(Seat {
                    id: "seat-x".to_owned(),
                    fingerprint: fingerprint.to_owned(),
                    name: "this".to_owned(),
                    platform: "linux".to_owned(),
                });
                let data = serde_json::to_string(
                    &json!({ "license": license(&state.seats), "activation": device(&seat) }),
                )
                .expect("JSON");
                let signature = BASE64.encode(signing_key().sign(data.as_bytes()).to_bytes());
                let (data, key_id) = match key {
                    "T-TAMPERED" => (data.replace("\"ACTIVE\"", "\"REVOKED\""), KEY_ID),
                    "T-UNKNOWN-KEY" => (data, "lk-other"),
                    _ => (data, KEY_ID),
                };
                let answer = format!(
                    r#"{{"data":{data},"signature":{{"key_id":"{key_id}","value":"{signature}"}}}}"#
                );
                ResponseTemplate::new(200).set_body_raw(answer, "application/json")
            }
            "/v1/runtime/devices" if key == GOOD_KEY => {
                let devices: Vec<Value> = state.seats.all().iter().map(device).collect();
                ResponseTemplate::new(200).set_body_json(
                    json!({ "data": { "license": license(&state.seats), "devices": devices } }),
                )
            }
            "/v1/runtime/deactivations" if key == GOOD_KEY => {
                match state.seats.free(field(&body, "activation_id")) {
                    Some(seat) => ResponseTemplate::new(200).set_body_json(
                        json!({ "data": { "license": license(&state.seats), "freed": device(&seat) } }),
                    ),
                    None => error("NOT_FOUND", 404),
                }
            }
            _ => error("NOT_FOUND", 404),
        }
    }
}

struct PublicKeys;

impl Respond for PublicKeys {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        ResponseTemplate::new(200).set_body_json(json!({
            "data": [{ "key_id": KEY_ID, "algorithm": "ed25519", "public_key": public_key() }],
        }))
    }
}

/// Starts the server.
pub async fn start() -> MockServer {
    let server = MockServer::start().await;
    let state = Arc::new(State::default());
    Mock::given(method("GET"))
        .and(path("/v1/system/public-keys"))
        .respond_with(PublicKeys)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(Runtime(state))
        .mount(&server)
        .await;
    server
}
