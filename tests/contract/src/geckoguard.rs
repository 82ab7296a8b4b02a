//! Seed 002's GeckoGuard server: `POST /v1/licenses/authorize` checks
//! `X-Api-Key` and the `X-GG-*` signature, and `POST /v1/auth/refresh`
//! trades a refresh token for an access token. Every answer carries
//! `x-request-id`; every 429 carries `Retry-After`.
//!
//! Keys: [`crate::GOOD_KEY`]; `R-<REASON>` is denied with that
//! `reasonCode` (403, `allow: false`); `E-<CODE>` answers the standard
//! envelope with the code's table status (`E-EXPIRED_TOKEN` only until the
//! request carries the access token [`ACCESS_TOKEN`]).

use std::sync::atomic::{AtomicU64, Ordering};

use keyslot_protocol::{SignedHeaders, verify_request};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::{API_KEY, GOOD_KEY, SEATS, SECRET, bearer, body, field};

/// The refresh token the server accepts.
pub const REFRESH_TOKEN: &str = "refresh-good";
/// The access token it hands out for it.
pub const ACCESS_TOKEN: &str = "access-fresh";

/// Every standard code of the seed's tables, with its status.
pub const STANDARD: [(&str, u16); 50] = [
    ("UNAUTHORIZED", 401),
    ("EXPIRED_TOKEN", 401),
    ("FORBIDDEN", 403),
    ("API_KEY_NO_PERMISSIONS", 403),
    ("PERMISSION_DENIED", 403),
    ("INSUFFICIENT_SCOPE", 403),
    ("APIKEY_NOT_ALLOWED", 403),
    ("CSRF_BLOCKED", 403),
    ("SIGNATURE_REQUIRED", 401),
    ("INVALID_SIGNATURE", 401),
    ("SIGNATURE_EXPIRED", 401),
    ("NONCE_REUSED", 401),
    ("SIGNING_NOT_CONFIGURED", 500),
    ("SIGNING_UNAVAILABLE", 503),
    ("VALIDATION_ERROR", 400),
    ("BAD_REQUEST", 400),
    ("NULL_CONSTRAINT", 400),
    ("BAD_IDEMPOTENCY_KEY", 400),
    ("NO_FILE", 400),
    ("NO_ACTIVE_ORG", 400),
    ("MISSING_HOSTNAME", 400),
    ("ENDPOINT_DISABLED", 400),
    ("NOT_FOUND", 404),
    ("USER_NOT_FOUND", 404),
    ("PRODUCT_NOT_FOUND", 404),
    ("LICENSE_NOT_FOUND", 404),
    ("LISTING_NOT_FOUND", 404),
    ("STOREFRONT_NOT_FOUND", 404),
    ("ORG_NOT_FOUND", 404),
    ("CONFLICT", 409),
    ("IDEMPOTENCY_KEY_REUSE", 409),
    ("CLOSED", 409),
    ("LICENSE_NOT_OWNED", 409),
    ("GONE", 410),
    ("STOREFRONT_NOT_SETUP", 400),
    ("STRIPE_NOT_READY", 400),
    ("TARGET_LICENSE_REQUIRED", 400),
    ("RATE_LIMITED", 429),
    ("PRODUCT_RATE_LIMITED", 429),
    ("RATE_LIMIT_UNAVAILABLE", 503),
    ("USER_BANNED", 403),
    ("LICENSE_INACTIVE", 403),
    ("LIMIT_REACHED", 403),
    ("DNS_NOT_FOUND", 400),
    ("TOKEN_MISMATCH", 400),
    ("INTERNAL", 500),
    ("CONFIG_ERROR", 500),
    ("DATABASE_ERROR", 500),
    ("WEBHOOK_ERROR", 500),
    ("STAGING_BILLING_DISABLED", 503),
];

/// The authorize reason codes.
pub const REASONS: [&str; 13] = [
    "LICENSE_NOT_FOUND",
    "PRODUCT_MISMATCH",
    "LICENSE_REVOKED",
    "LICENSE_EXPIRED",
    "LICENSE_EXPIRED_RELATIVE",
    "HWID_MISMATCH",
    "HWID_LIMIT_EXCEEDED",
    "IP_MISMATCH",
    "IP_LIMIT_EXCEEDED",
    "IP_REGION_MISMATCH",
    "CONCURRENCY_LIMIT_EXCEEDED",
    "HWID_BLACKLISTED",
    "IP_BLACKLISTED",
];

/// The server's behaviour.
#[derive(Debug, Clone, Copy, Default)]
pub struct Settings {
    /// `Retry-After` of every 429, in seconds (0 by default, for fast tests;
    /// the seed's servers send 60).
    pub retry_after_secs: u64,
}

static REQUEST_IDS: AtomicU64 = AtomicU64::new(1);

fn with_id(response: ResponseTemplate) -> ResponseTemplate {
    let id = format!("gg-req-{}", REQUEST_IDS.fetch_add(1, Ordering::Relaxed));
    response.insert_header("x-request-id", id.as_str())
}

fn standard(code: &str, status: u16, settings: Settings) -> ResponseTemplate {
    let mut error = json!({ "code": code, "message": format!("{code} (contract)") });
    if code == "VALIDATION_ERROR" {
        error["details"] = json!([{ "field": "licenseKey", "message": "must be 8-64 characters" }]);
    }
    let mut response =
        ResponseTemplate::new(status).set_body_json(json!({ "ok": false, "error": error }));
    if status == 429 {
        response = response.insert_header(
            "retry-after",
            settings.retry_after_secs.to_string().as_str(),
        );
    }
    response
}

fn header<'a>(request: &'a Request, name: &str) -> &'a str {
    request
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

struct Authorize(Settings);

impl Respond for Authorize {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        with_id(self.answer(request))
    }
}

impl Authorize {
    fn answer(&self, request: &Request) -> ResponseTemplate {
        let settings = self.0;
        if header(request, "x-api-key") != API_KEY {
            return standard("UNAUTHORIZED", 401, settings);
        }
        let (ts, nonce, signature) = (
            header(request, "x-gg-timestamp"),
            header(request, "x-gg-nonce"),
            header(request, "x-gg-signature"),
        );
        if ts.is_empty() || nonce.is_empty() || signature.is_empty() {
            return standard("SIGNATURE_REQUIRED", 401, settings);
        }
        let Ok(ts) = ts.parse::<i64>() else {
            return standard("INVALID_SIGNATURE", 401, settings);
        };
        let path = request.url.path();
        let signed = SignedHeaders {
            timestamp: ts,
            nonce,
            signature,
        };
        if verify_request("POST", path, &signed, &request.body, SECRET.as_bytes()).is_err() {
            return standard("INVALID_SIGNATURE", 401, settings);
        }
        let body = body(request);
        let key = field(&body, "licenseKey");
        if key == GOOD_KEY {
            return ResponseTemplate::new(200).set_body_json(json!({
                "ok": true,
                "allow": true,
                "effectiveExpiresAt": "2030-01-01T00:00:00Z",
                "license": { "status": "ACTIVE", "hwidLimit": SEATS, "hwidCount": 1 },
            }));
        }
        if let Some(reason) = key.strip_prefix("R-") {
            return ResponseTemplate::new(403).set_body_json(json!({
                "ok": false,
                "allow": false,
                "reasonCode": reason,
                "message": format!("{reason} (contract)"),
            }));
        }
        let code = key.strip_prefix("E-").unwrap_or("LICENSE_NOT_FOUND");
        if code == "EXPIRED_TOKEN" && bearer(request) == Some(ACCESS_TOKEN) {
            return ResponseTemplate::new(200).set_body_json(json!({ "ok": true, "allow": true }));
        }
        let status = STANDARD
            .iter()
            .find(|(c, _)| *c == code)
            .map_or(400, |(_, s)| *s);
        standard(code, status, settings)
    }
}

struct Refresh;

impl Respond for Refresh {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body = body(request);
        with_id(if field(&body, "refreshToken") == REFRESH_TOKEN {
            ResponseTemplate::new(200).set_body_json(json!({
                "accessToken": ACCESS_TOKEN,
                "refreshToken": "refresh-next",
            }))
        } else {
            standard("UNAUTHORIZED", 401, Settings::default())
        })
    }
}

/// Starts the server.
pub async fn start(settings: Settings) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/licenses/authorize"))
        .respond_with(Authorize(settings))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/auth/refresh"))
        .respond_with(Refresh)
        .mount(&server)
        .await;
    server
}
