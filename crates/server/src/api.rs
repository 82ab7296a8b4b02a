//! The four signed endpoints and the public lease keys. Each handler is a
//! line or two: [`Signed`] has already run checks 1–8, [`crate::store`] holds
//! the business rules, [`crate::lease`] adds the lease to a success, and the
//! activation involved is noted for the request log.

use axum::extract::{DefaultBodyLimit, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use keyslot_protocol::{
    ActivateRequest, ActivateResponse, DeactivateRequest, DeactivateResponse, DevicesRequest,
    DevicesResponse, ErrorEnvelope, StatusRequest, StatusResponse, paths,
};

use crate::request_log::Notes;
use crate::signed::{MAX_BODY_BYTES, Signed};
use crate::{AppState, error::AppError, store};

/// Routes of the license API.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(paths::ACTIVATE, post(activate))
        .route(paths::STATUS, post(status))
        .route(paths::DEVICES, post(devices))
        .route(paths::DEACTIVATE, post(deactivate))
        .route(paths::KEYS, get(keys))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
}

/// The public keys that verify leases: a JSON Web Key Set (RFC 7517, RFC 8037).
#[utoipa::path(
    get, path = "/api/v1/license/keys", tag = "license",
    responses(
        (status = 200, description = "The JWK Set of the Ed25519 keys leases are signed with \
            (kid = \"ks1-\" + the first 16 hex of SHA-256 of the raw key). Public: no request \
            signature is needed.", body = keyslot_protocol::lease::JwkSet),
        (status = 404, description = "This server signs no leases (a v1 server)"),
    )
)]
pub async fn keys(State(state): State<AppState>) -> Response {
    match &state.leases {
        Some(leases) => (
            [(header::CONTENT_TYPE, "application/json")],
            leases.key_set_json(),
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Activate this machine on a license (idempotent per fingerprint).
#[utoipa::path(
    post, path = "/api/v1/license/activate", tag = "license",
    request_body = ActivateRequest,
    responses(
        (status = 200, description = "Activated, or already active on this machine; with a lease \
            (v1.1)", body = ActivateResponse),
        (status = 400, description = "1702 malformed body", body = ErrorEnvelope),
        (status = 408, description = "1702 body sent too slowly", body = ErrorEnvelope),
        (status = 401, description = "1700 bad signature or replay, 1701 stale timestamp", body = ErrorEnvelope),
        (status = 403, description = "1704 inactive, 1708 revoked", body = ErrorEnvelope),
        (status = 404, description = "1703 unknown key", body = ErrorEnvelope),
        (status = 409, description = "1705 activation limit reached", body = ErrorEnvelope),
        (status = 413, description = "1702 body too large", body = ErrorEnvelope),
        (status = 429, description = "1706 rate limited (Retry-After)", body = ErrorEnvelope),
        (status = 500, description = "1707 secret not set", body = ErrorEnvelope),
        (status = 503, description = "1711 temporary failure (Retry-After)", body = ErrorEnvelope),
    )
)]
pub async fn activate(
    State(state): State<AppState>,
    notes: Option<Extension<Notes>>,
    Signed(req): Signed<ActivateRequest>,
) -> Result<Json<ActivateResponse>, AppError> {
    let now = state.clock.now();
    let mut answer = store::activate(&state.db, now, &req).await?;
    if let Some(Extension(notes)) = notes {
        notes.activation(&answer.activation.id);
    }
    if let Some(leases) = &state.leases {
        answer.lease = leases.lease(now, &req.license_key, &answer.license, &answer.activation);
    }
    Ok(Json(answer))
}

/// The license and this machine's activation; updates `last_seen_at`.
#[utoipa::path(
    post, path = "/api/v1/license/status", tag = "license",
    request_body = StatusRequest,
    responses(
        (status = 200, description = "License and this machine's activation; with a lease (v1.1)", body = StatusResponse),
        (status = 400, description = "1702 malformed body", body = ErrorEnvelope),
        (status = 408, description = "1702 body sent too slowly", body = ErrorEnvelope),
        (status = 401, description = "1700 bad signature or replay, 1701 stale timestamp", body = ErrorEnvelope),
        (status = 403, description = "1704 inactive, 1708 revoked", body = ErrorEnvelope),
        (status = 404, description = "1703 unknown key, 1709 machine not activated", body = ErrorEnvelope),
        (status = 413, description = "1702 body too large", body = ErrorEnvelope),
        (status = 429, description = "1706 rate limited (Retry-After)", body = ErrorEnvelope),
        (status = 500, description = "1707 secret not set", body = ErrorEnvelope),
        (status = 503, description = "1711 temporary failure (Retry-After)", body = ErrorEnvelope),
    )
)]
pub async fn status(
    State(state): State<AppState>,
    notes: Option<Extension<Notes>>,
    Signed(req): Signed<StatusRequest>,
) -> Result<Json<StatusResponse>, AppError> {
    let now = state.clock.now();
    let mut answer = store::status(&state.db, &state.seen, now, &req).await?;
    if let Some(Extension(notes)) = notes {
        notes.activation(&answer.activation.id);
    }
    if let Some(leases) = &state.leases {
        answer.lease = leases.lease(now, &req.license_key, &answer.license, &answer.activation);
    }
    Ok(Json(answer))
}

/// Every device holding a seat on the license.
#[utoipa::path(
    post, path = "/api/v1/license/devices", tag = "license",
    request_body = DevicesRequest,
    responses(
        (status = 200, description = "The license and its devices", body = DevicesResponse),
        (status = 400, description = "1702 malformed body", body = ErrorEnvelope),
        (status = 408, description = "1702 body sent too slowly", body = ErrorEnvelope),
        (status = 401, description = "1700 bad signature or replay, 1701 stale timestamp", body = ErrorEnvelope),
        (status = 403, description = "1704 inactive, 1708 revoked", body = ErrorEnvelope),
        (status = 404, description = "1703 unknown key", body = ErrorEnvelope),
        (status = 413, description = "1702 body too large", body = ErrorEnvelope),
        (status = 429, description = "1706 rate limited (Retry-After)", body = ErrorEnvelope),
        (status = 500, description = "1707 secret not set", body = ErrorEnvelope),
        (status = 503, description = "1711 temporary failure (Retry-After)", body = ErrorEnvelope),
    )
)]
pub async fn devices(
    State(state): State<AppState>,
    Signed(req): Signed<DevicesRequest>,
) -> Result<Json<DevicesResponse>, AppError> {
    store::devices(&state.db, &state.seen, state.clock.now(), &req)
        .await
        .map(Json)
}

/// Free a seat, within the license's deactivation budget.
#[utoipa::path(
    post, path = "/api/v1/license/deactivate", tag = "license",
    request_body = DeactivateRequest,
    responses(
        (status = 200, description = "Seat freed", body = DeactivateResponse),
        (status = 400, description = "1702 malformed body", body = ErrorEnvelope),
        (status = 408, description = "1702 body sent too slowly", body = ErrorEnvelope),
        (status = 401, description = "1700 bad signature or replay, 1701 stale timestamp", body = ErrorEnvelope),
        (status = 403, description = "1704 inactive, 1708 revoked", body = ErrorEnvelope),
        (status = 404, description = "1703 unknown key, 1709 no such live activation", body = ErrorEnvelope),
        (status = 413, description = "1702 body too large", body = ErrorEnvelope),
        (status = 429, description = "1706 rate limited, 1710 deactivation budget used up (Retry-After)", body = ErrorEnvelope),
        (status = 500, description = "1707 secret not set", body = ErrorEnvelope),
        (status = 503, description = "1711 temporary failure (Retry-After)", body = ErrorEnvelope),
    )
)]
pub async fn deactivate(
    State(state): State<AppState>,
    notes: Option<Extension<Notes>>,
    Signed(req): Signed<DeactivateRequest>,
) -> Result<Json<DeactivateResponse>, AppError> {
    if let Some(Extension(notes)) = notes {
        notes.activation(&req.activation_id);
    }
    store::deactivate(&state.db, state.clock.now(), &state.limits, &req)
        .await
        .map(Json)
}
