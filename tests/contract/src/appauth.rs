//! Seed 001's appauth server: `POST /auth/validate` and `/auth/heartbeat`,
//! errors inside HTTP 200, every answer signed (`x-appauth-signature`,
//! HMAC-SHA256 of the body with the app secret) and echoing the nonce.
//!
//! Keys: [`crate::GOOD_KEY`]; `V-<code>` fails validation with `<code>`;
//! `H-<code>` validates, then every heartbeat fails with `<code>`
//! (`H-session_expired` is accepted again by a new validation); a good
//! session's heartbeat rotates its token to `session-next`; `D-<code>`
//! answers the Developer-API error `<code>` with its table's status;
//! `T-signature` and `T-nonce` answer with a wrong signature or nonce.

use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Value, json};
use sha2::Sha256;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::{API_KEY, GOOD_KEY, SEATS, SECRET, body, field};

/// The Developer-API table: code → status.
pub const DEVELOPER_API: [(&str, u16); 7] = [
    ("bad_request", 400),
    ("invalid_api_key", 401),
    ("no_credits", 402),
    ("forbidden", 403),
    ("not_found", 404),
    ("rate_limited", 429),
    ("internal_error", 500),
];

/// The validate table's codes.
pub const VALIDATE: [&str; 9] = [
    "invalid_app",
    "app_disabled",
    "invalid_key",
    "revoked",
    "expired",
    "hwid_mismatch",
    "no_credits",
    "blocked",
    "bad_request",
];

/// The heartbeat table's codes.
pub const HEARTBEAT: [&str; 5] = [
    "session_expired",
    "revoked",
    "expired",
    "app_disabled",
    "no_credits",
];

fn sign(body: &[u8], secret: &str) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes())
        .expect("HMAC accepts any key length");
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

/// A signed 200 answer echoing `nonce`.
fn signed(mut answer: Value, nonce: &str, secret: &str) -> ResponseTemplate {
    answer["nonce"] = json!(nonce);
    let bytes = serde_json::to_vec(&answer).expect("JSON");
    ResponseTemplate::new(200)
        .insert_header("x-appauth-signature", sign(&bytes, secret).as_str())
        .set_body_raw(bytes, "application/json")
}

fn success(session: &str) -> Value {
    json!({
        "status": "success",
        "session_token": session,
        "license": {
            "state": "active",
            "expires_at": "2030-01-01T00:00:00Z",
            "hwid_limit": SEATS,
            "hwids_used": 1,
        },
    })
}

fn failed(code: &str) -> Value {
    let mut answer = json!({ "status": "failed", "error": code });
    if code == "bad_request" {
        answer["details"] = json!([{ "field": "hwid", "message": "Required" }]);
    }
    answer
}

struct Validate;

impl Respond for Validate {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body = body(request);
        let (nonce, key) = (field(&body, "nonce"), field(&body, "license_key"));
        if let Some(code) = key.strip_prefix("D-") {
            let status = DEVELOPER_API
                .iter()
                .find(|(c, _)| *c == code)
                .map_or(400, |(_, s)| *s);
            return ResponseTemplate::new(status)
                .set_body_json(json!({ "error": code, "message": "developer API error" }));
        }
        if field(&body, "app_id") != API_KEY || field(&body, "app_secret") != SECRET {
            return signed(failed("invalid_app"), nonce, SECRET);
        }
        match key {
            GOOD_KEY => signed(success("session-good"), nonce, SECRET),
            "T-signature" => signed(success("session-good"), nonce, "not-the-secret"),
            "T-nonce" => signed(success("session-good"), "0123456789abcdef-other", SECRET),
            _ => match (key.strip_prefix("V-"), key.strip_prefix("H-")) {
                (Some(code), _) => signed(failed(code), nonce, SECRET),
                (_, Some(code)) => signed(success(&format!("beat-{code}")), nonce, SECRET),
                _ => signed(failed("invalid_key"), nonce, SECRET),
            },
        }
    }
}

struct Heartbeat;

impl Respond for Heartbeat {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body = body(request);
        let nonce = field(&body, "nonce");
        match field(&body, "session_token") {
            "session-good" | "session-next" => signed(success("session-next"), nonce, SECRET),
            token => {
                let code = token.strip_prefix("beat-").unwrap_or("session_expired");
                signed(failed(code), nonce, SECRET)
            }
        }
    }
}

/// Starts the server.
pub async fn start() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/auth/validate"))
        .respond_with(Validate)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/auth/heartbeat"))
        .respond_with(Heartbeat)
        .mount(&server)
        .await;
    server
}
