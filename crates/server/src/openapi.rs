//! The OpenAPI 3 document of the license API, served at `GET /openapi.json`
//! and committed as `crates/server/openapi.json` (a test keeps them equal).

use axum::routing::get;
use axum::{Json, Router};
use utoipa::OpenApi;

use crate::AppState;

/// The request-signing headers every license endpoint requires.
#[derive(utoipa::IntoParams)]
#[into_params(
    parameter_in = Header,
    names("X-License-Timestamp", "X-License-Nonce", "X-License-Signature")
)]
#[allow(dead_code, reason = "only describes headers for the document")]
pub struct SignatureHeaders(
    /// Unix time in whole seconds, decimal; within 300 s of the server clock.
    String,
    /// 16–64 characters of `[A-Za-z0-9_-]`, fresh per request and per retry.
    String,
    /// Lowercase hex HMAC-SHA256 of `METHOD\nPATH\nTIMESTAMP\nNONCE\nhex(sha256(BODY))`.
    String,
);

/// The document.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Keyslot License API",
        version = "1.1",
        description = "Native license protocol of Keyslot (docs/protocol.md in the repository: signing \
            recipe with a worked example, every code, retry policy, leases). Every response carries \
            `x-request-id`; every response to a signed request carries `X-License-Signature` = hex \
            HMAC-SHA256 of `REQUEST_NONCE\\nSTATUS\\nhex(sha256(BODY))` (except 1707, when the server has \
            no secret). 429 and 503 answers carry `Retry-After`. Since v1.1 every 200 of /activate and \
            /status carries `lease`: a compact JWS (Ed25519, `typ` keyslot-lease+jwt) that verifies \
            against a key of `GET /api/v1/license/keys`."
    ),
    paths(
        crate::api::activate,
        crate::api::status,
        crate::api::devices,
        crate::api::deactivate,
        crate::api::keys
    ),
    tags((name = "license", description = "Signed license endpoints"))
)]
pub struct ApiDoc;

/// The document as pretty JSON, exactly as committed.
pub fn document() -> String {
    let mut json = ApiDoc::openapi().to_pretty_json().unwrap_or_default();
    json.push('\n');
    json
}

/// `GET /openapi.json`.
pub fn router() -> Router<AppState> {
    Router::new().route("/openapi.json", get(|| async { Json(ApiDoc::openapi()) }))
}
