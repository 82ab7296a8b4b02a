//! Seed 004's Licentric server: activate, validate, machines and deactivate
//! behind a bearer token, errors in `{"error","code","details":{"issues"},
//! "requestId"}`. The paths are the adapter's documented assumptions.
//!
//! Keys: [`crate::GOOD_KEY`] (three machines, one another machine's);
//! `E-<status>-<CODE>` answers `<CODE>` with `<status>` (a 400
//! `VALIDATION_ERROR` with Zod issues, a 429 with `Retry-After: 0`).

use std::sync::Arc;

use serde_json::{Value, json};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::seats::{Seat, Seats};
use crate::{API_KEY, GOOD_KEY, SEATS, bearer, body, field};

/// The seed's three example codes with their statuses, and the status
/// table's statuses with a code of this server's choosing.
pub const CODES: [(u16, &str); 11] = [
    (400, "VALIDATION_ERROR"),
    (401, "UNAUTHORIZED"),
    (409, "CONFLICT"),
    (400, "BAD_REQUEST"),
    (401, "INVALID_LICENSE_KEY"),
    (403, "INSUFFICIENT_SCOPES"),
    (404, "NOT_FOUND"),
    (409, "INVALID_STATE_TRANSITION"),
    (422, "MACHINE_LIMIT_EXCEEDED"),
    (429, "RATE_LIMITED"),
    (500, "INTERNAL_ERROR"),
];

fn error(status: u16, code: &str) -> ResponseTemplate {
    let mut body = json!({
        "error": format!("{code} (contract)"),
        "code": code,
        "requestId": "01J8X3W4Y5Z6A7B8C9D0EFGHJK",
    });
    if code == "VALIDATION_ERROR" {
        body["details"] = json!({ "issues": [
            { "path": ["licenseKey"], "message": "Required", "code": "invalid_type" },
            { "path": ["machine", "fingerprint"], "message": "Too short", "code": "too_small" },
        ]});
    }
    let response = ResponseTemplate::new(status).set_body_json(body);
    if status == 429 {
        response.insert_header("retry-after", "0")
    } else {
        response
    }
}

fn machine(seat: &Seat) -> Value {
    json!({
        "id": seat.id,
        "fingerprint": seat.fingerprint,
        "name": seat.name,
        "platform": seat.platform,
        "createdAt": "2026-01-01T00:00:00Z",
        "lastSeenAt": "2026-12-01T00:00:00Z",
    })
}

fn license(seats: &Seats) -> Value {
    json!({
        "status": "ACTIVE",
        "maxMachines": SEATS,
        "machinesCount": seats.used(),
        "expiresAt": "2030-01-01T00:00:00Z",
    })
}

struct Api(Arc<Seats>);

impl Respond for Api {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        if bearer(request) != Some(API_KEY) {
            return error(401, "UNAUTHORIZED");
        }
        let body = body(request);
        let key = field(&body, "licenseKey");
        if let Some((status, code)) = key.strip_prefix("E-").and_then(|r| r.split_once('-')) {
            return error(status.parse().unwrap_or(400), code);
        }
        if key != GOOD_KEY {
            return error(404, "NOT_FOUND");
        }
        let seats = &self.0;
        let seat = |seat: &Seat| json!({ "license": license(seats), "machine": machine(seat) });
        let fingerprint = field(&body, "fingerprint");
        match request.url.path() {
            "/v1/licenses/activate" => {
                match seats.take(fingerprint, field(&body, "name"), field(&body, "platform")) {
                    Some(s) => ResponseTemplate::new(201).set_body_json(seat(&s)),
                    None => error(422, "MACHINE_LIMIT_EXCEEDED"),
                }
            }
            "/v1/licenses/validate" => match seats.of(fingerprint) {
                Some(s) => ResponseTemplate::new(200).set_body_json(seat(&s)),
                None => error(404, "MACHINE_NOT_FOUND"),
            },
            "/v1/licenses/machines" => {
                let machines: Vec<Value> = seats.all().iter().map(machine).collect();
                ResponseTemplate::new(200)
                    .set_body_json(json!({ "license": license(seats), "machines": machines }))
            }
            "/v1/licenses/deactivate" => match seats.free(field(&body, "machineId")) {
                Some(s) => ResponseTemplate::new(200).set_body_json(seat(&s)),
                None => error(404, "MACHINE_NOT_FOUND"),
            },
            _ => error(404, "NOT_FOUND"),
        }
    }
}

/// Starts the server.
pub async fn start() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(Api(Arc::new(Seats::default())))
        .mount(&server)
        .await;
    server
}
