//! `GET /healthz`: whether this server can answer license calls, for a
//! proxy's or an orchestrator's health check. It asks the database and
//! the shared store (if any) one trivial question each, within
//! [`DEADLINE`], and says which part failed, nothing more.

use std::time::Duration;

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

use crate::AppState;
use crate::guard::Guard;

/// The path.
pub const PATH: &str = "/healthz";

/// How long each part has to answer.
const DEADLINE: Duration = Duration::from_secs(2);

/// A part's health.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    /// It answered.
    Ok,
    /// It did not answer in time, or answered with an error.
    Unavailable,
    /// This server has none (the shared store without `--shared-store`).
    None,
}

/// The answer: `status` is `ok` only when no part is unavailable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Health {
    /// `ok` or `unavailable`.
    pub status: Part,
    /// The database.
    pub database: Part,
    /// The shared store.
    pub shared_store: Part,
}

/// The route.
pub fn router() -> Router<AppState> {
    Router::new().route(PATH, get(healthz))
}

/// `GET /healthz`.
#[utoipa::path(
    get, path = "/healthz", tag = "operations",
    responses(
        (status = 200, description = "The database answers, and the shared store if the server \
            has one (`shared_store` is `none` without `--shared-store`). Not signed; \
            `Cache-Control: no-store`.", body = Health),
        (status = 503, description = "The database or the shared store did not answer within \
            2 s: license calls would get `1711`. The failing part says `unavailable`.",
            body = Health),
    )
)]
pub async fn healthz(State(state): State<AppState>) -> Response {
    let database = asked(state.db.ping());
    let shared_store = async {
        match &state.guard {
            Guard::Local(_) => Part::None,
            Guard::Shared(shared) => asked(shared.ping()).await,
        }
    };
    let (database, shared_store) = tokio::join!(database, shared_store);
    let healthy = database == Part::Ok && shared_store != Part::Unavailable;
    let health = Health {
        status: if healthy { Part::Ok } else { Part::Unavailable },
        database,
        shared_store,
    };
    let status = if healthy {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, [(header::CACHE_CONTROL, "no-store")], Json(health)).into_response()
}

/// How a part answered `question` within [`DEADLINE`].
async fn asked<T, E>(question: impl Future<Output = Result<T, E>>) -> Part {
    match tokio::time::timeout(DEADLINE, question).await {
        Ok(Ok(_)) => Part::Ok,
        Ok(Err(_)) | Err(_) => Part::Unavailable,
    }
}
