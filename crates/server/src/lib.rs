//! The Keyslot reference license server.
//!
//! It speaks the native protocol of `docs/protocol.md` over axum, keeps its
//! state in SQLite or PostgreSQL (and, for replicas, its replay cache and
//! rate buckets in Redis), signs leases (v1.1) with an Ed25519 key of its own, logs
//! every license call for support, and is embedded by the desktop app's demo
//! mode. [`app`] builds the router from
//! a [`AppState`]; `main.rs` is the command line.

pub mod admin;
pub mod api;
pub mod client_ip;

pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod frame;
pub mod guard;
pub mod health;
pub mod keys;
pub mod lease;
pub mod limits;
pub mod lock;
pub mod nonces;
pub mod offline;
pub mod offline_page;
pub mod openapi;
pub mod private_file;
mod queries;
pub mod read_cache;
pub mod request_log;
pub mod seen;
pub mod serve;
pub mod shared_store;
pub mod signed;
pub mod store;

use std::sync::Arc;

use axum::Router;
use axum::response::IntoResponse;

pub use config::{Limits, Secret};
pub use db::Db;
pub use keyslot_protocol::clock::{Clock, ManualClock, SystemClock};

/// Everything a request handler needs; cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

/// The parts of [`AppState`].
pub struct Inner {
    /// The database.
    pub db: Db,
    /// The shared secret, if configured; without it every license call is a 1707.
    pub secret: Option<Secret>,
    /// Source of the current time.
    pub clock: Arc<dyn Clock>,
    /// Replay protection and the per-key and per-IP request limits.
    pub guard: guard::Guard,
    /// License calls waiting to be logged.
    pub requests: request_log::RequestLog,
    /// `last_seen_at` of the seats seen, waiting to be written.
    pub seen: seen::SeenLog,
    /// Rates and budgets.
    pub limits: Limits,
    /// The lease signer; `None` answers as a v1 server, without leases.
    pub leases: Option<lease::Leases>,
}

impl AppState {
    /// Builds the state of one server, loading the nonces of the last ten
    /// minutes and the request log's key from `db`. Leases are signed with a
    /// new random key and the default settings
    /// ([`lease::Leases::ephemeral`]); [`AppState::build`] chooses.
    pub async fn new(
        db: Db,
        secret: Option<Secret>,
        clock: Arc<dyn Clock>,
        limits: Limits,
    ) -> anyhow::Result<Self> {
        let leases = lease::Leases::ephemeral()?;
        Self::build(db, secret, clock, limits, Some(leases), None).await
    }

    /// [`AppState::new`] with these leases, or none (a v1 server), and the
    /// replay cache and rate buckets in `shared`, or (`None`) this process.
    pub async fn build(
        db: Db,
        secret: Option<Secret>,
        clock: Arc<dyn Clock>,
        limits: Limits,
        leases: Option<lease::Leases>,
        shared: Option<shared_store::SharedStore>,
    ) -> anyhow::Result<Self> {
        let guard = match shared {
            Some(shared) => guard::Guard::Shared(shared),
            None => guard::Guard::Local(Box::new(guard::Local {
                nonces: nonces::NonceStore::load(&db, clock.now()).await?,
                limiter: limits::RateLimits::new(&limits),
            })),
        };
        let requests = request_log::RequestLog::load(&db, limits.request_log.clone()).await?;
        Ok(Self(Arc::new(Inner {
            guard,
            requests,
            seen: seen::SeenLog::default(),
            db,
            secret,
            clock,
            limits,
            leases,
        })))
    }
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("secret", &self.secret)
            .field("limits", &self.limits)
            .field("leases", &self.leases)
            .finish_non_exhaustive()
    }
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

/// The whole HTTP application: the four license endpoints, the lease keys,
/// `/openapi.json` and the offline page.
///
/// Serve it with the peer address as a `ConnectInfo<SocketAddr>` request
/// extension, as [`serve::Server`] does (with `axum::serve`, through
/// `into_make_service_with_connect_info::<SocketAddr>()`): without it every
/// client shares one per-IP rate-limit bucket.
pub fn app(state: AppState) -> Router {
    let panicked = |_| error::AppError::internal(&"a request handler panicked").into_response();
    Router::new()
        .merge(api::router())
        .merge(openapi::router())
        .merge(offline_page::router())
        .merge(health::router())
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(panicked))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            frame::frame,
        ))
        .with_state(state)
}
