//! Running the server: bind, serve, keep the replay cache persisted and the
//! request log written, stop gracefully.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::{oneshot, watch};
use tokio::task::{JoinHandle, JoinSet};
use tower::Service as _;

use crate::db::Location;
use crate::lease::LeaseOptions;
use crate::lock::ServeLock;
use crate::{AppState, Db, Limits, Secret, SystemClock, app};

/// What a server shares with other replicas, beyond its database.
#[derive(Clone, Default)]
pub struct Backing {
    /// `--shared-store`: the Redis URL of the replay cache and the rate
    /// buckets (it may hold a password: never printed).
    pub shared_store: Option<String>,
}

/// Says whether there is a shared store, never its URL.
impl std::fmt::Debug for Backing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shared = self.shared_store.as_ref().map(|_| "redis://…");
        f.debug_struct("Backing")
            .field("shared_store", &shared)
            .finish()
    }
}

/// How often new nonces are written to the database.
const FLUSH_EVERY: Duration = Duration::from_secs(1);
/// How often (in flushes) idle rate-limit buckets and leases past their
/// `rnw` are dropped.
const PRUNE_LIMITS_EVERY: u32 = 60;

/// How long a graceful stop waits for requests in flight before dropping them.
const DRAIN_DEADLINE: Duration = Duration::from_secs(10);

/// A server accepting connections in the background.
///
/// [`Server::stop`] stops it gracefully. Dropping it stops it too, in the
/// background: requests in flight finish as in a stop, the replay cache is
/// persisted and then the serve lock released; only the database is not
/// closed (its connections go when the last of its handles does).
#[derive(Debug)]
pub struct Server {
    /// The address it listens on (the real port when 0 was asked for).
    pub addr: SocketAddr,
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
    maintenance: JoinHandle<Result<(), sqlx::Error>>,
    state: AppState,
}

impl Server {
    /// Binds `addr` and starts serving `state` (connections are accepted
    /// once this returns), taking no serve lock: the building block for a
    /// state built by hand. [`Server::open`] is the way to embed the server.
    pub async fn start(addr: SocketAddr, state: AppState) -> std::io::Result<Self> {
        Self::spawn(addr, state, None).await
    }

    /// Opens (or creates) the database at `db_path` and serves it on `addr`
    /// with the system clock: the whole server, as the app's demo mode runs
    /// it, and the way to embed it. Leases are signed with the key file
    /// beside the database (created on first start) and the default
    /// settings. Fails if another server serves that database
    /// ([`ServeLock`]).
    pub async fn open(
        addr: SocketAddr,
        db_path: &std::path::Path,
        secret: Option<Secret>,
        limits: Limits,
    ) -> anyhow::Result<Self> {
        let db = Location::Sqlite(db_path.to_owned());
        let options = Backing::default();
        let leases = LeaseOptions::default();
        Self::open_with(addr, &db, secret, limits, Some(&leases), &options).await
    }

    /// [`Server::open`] on the database at `location`, with these lease
    /// options or without leases (`None`, a v1 server), and `backing`: the
    /// whole server, as `keyslot-server serve` runs it. It takes the
    /// database's [`ServeLock`]: exclusively without a shared store, shared
    /// with one.
    pub async fn open_with(
        addr: SocketAddr,
        location: &Location,
        secret: Option<Secret>,
        limits: Limits,
        leases: Option<&LeaseOptions>,
        backing: &Backing,
    ) -> anyhow::Result<Self> {
        use anyhow::Context;
        let file = location.sqlite_file();
        // The keys first: a bad key flag leaves no database behind.
        let leases = leases.map(|options| options.load(file)).transpose()?;
        let shares = backing.shared_store.is_some();
        let file_lock = file
            .map(|path| ServeLock::acquire(path, shares))
            .transpose()?;
        let db = Db::open(location)
            .await
            .with_context(|| format!("cannot open database {location}"))?;
        // A SQLite file is locked before it is opened (and perhaps created).
        let lock = match (file_lock, &db) {
            (Some(lock), _) => lock,
            (None, Db::Postgres(pg)) => ServeLock::acquire_postgres(&pg.pool, shares).await?,
            (None, Db::Sqlite(sqlite)) => ServeLock::acquire(&sqlite.path, shares)?,
        };
        let shared = match &backing.shared_store {
            Some(url) => {
                let salt = crate::request_log::hmac_key(&db).await?;
                Some(crate::shared_store::connect(url, &limits, salt).await?)
            }
            None => None,
        };
        let clock = std::sync::Arc::new(SystemClock);
        let state = AppState::build(db, secret, clock, limits, leases, shared).await?;
        Self::spawn(addr, state, Some(lock))
            .await
            .with_context(|| format!("cannot listen on {addr}"))
    }

    /// Binds `addr` and spawns the serve task and the maintenance task,
    /// which holds `lock` until serving has ended, however it ends (a stop,
    /// this value dropped, an abort), and the replay cache is persisted.
    async fn spawn(
        addr: SocketAddr,
        state: AppState,
        lock: Option<ServeLock>,
    ) -> std::io::Result<Self> {
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let (stop, stopped) = watch::channel(false);
        // Never sent: dropped with the serve task, it tells the maintenance
        // task that serving has ended.
        let (serving, served) = oneshot::channel::<Infallible>();
        let task = tokio::spawn(serve(listener, app(state.clone()), stopped, serving));
        let maintenance = tokio::spawn(maintain(state.clone(), served, lock));
        Ok(Self {
            addr,
            stop,
            task,
            maintenance,
            state,
        })
    }

    /// The database it serves.
    pub fn db(&self) -> &Db {
        &self.state.db
    }

    /// The state it serves.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `signal` resolves, then stops gracefully.
    pub async fn run_until(self, signal: impl Future<Output = ()>) -> anyhow::Result<()> {
        signal.await;
        tracing::info!("shutting down");
        self.stop().await
    }

    /// Stops accepting, lets requests in flight finish (for up to ten
    /// seconds, then drops them), persists the replay cache, releases the
    /// serve lock and closes the database — the last three whatever
    /// happened before.
    pub async fn stop(self) -> anyhow::Result<()> {
        let _ = self.stop.send(true);
        let served = self.task.await;
        // Persists the replay cache a last time, then releases the lock.
        let flushed = self.maintenance.await;
        self.state.requests.close().await;
        self.state.db.close().await;
        served?;
        flushed??;
        tracing::info!("stopped");
        Ok(())
    }
}

/// Serves `app` over HTTP/1.1 to each connection `listener` accepts, with
/// the peer address each request needs for its per-IP rate limit, until
/// `stopped` says so (or its sender is dropped). Then lets the requests in
/// flight finish for up to [`DRAIN_DEADLINE`] and drops the rest: each
/// connection is a task of this future's own, ended before it returns and
/// drops `serving`.
async fn serve(
    mut listener: TcpListener,
    app: Router,
    mut stopped: watch::Receiver<bool>,
    serving: oneshot::Sender<Infallible>,
) {
    let graceful = GracefulShutdown::new();
    let mut connections = JoinSet::new();
    loop {
        let (stream, peer) = tokio::select! {
            // axum's accept: it waits out errors such as too many open files.
            accepted = axum::serve::Listener::accept(&mut listener) => accepted,
            _ = stopped.wait_for(|stop| *stop) => break,
            Some(_) = connections.join_next() => continue,
        };
        let app = app.clone();
        let service = service_fn(move |request: hyper::Request<Incoming>| {
            let mut request = request.map(Body::new);
            request.extensions_mut().insert(ConnectInfo(peer));
            app.clone().call(request)
        });
        let connection = http1::Builder::new().serve_connection(TokioIo::new(stream), service);
        connections.spawn(graceful.watch(connection));
    }
    drop(listener);
    if tokio::time::timeout(DRAIN_DEADLINE, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("requests still in flight after {DRAIN_DEADLINE:?}; dropping them");
    }
    connections.shutdown().await;
    drop(serving);
}

/// While the server serves (until `served` resolves), every second persists
/// new nonces, writes when seats were seen ([`crate::seen`]), writes the
/// request log (and whenever enough calls wait) and prunes it, and checks
/// that the serve `lock` holds ([`ServeLock::keep`]); now and then it drops
/// idle rate-limit buckets and leases past their `rnw`. Then it persists
/// the nonces and the log a last time and releases the `lock`. A flush
/// under way is never cut short.
async fn maintain(
    state: AppState,
    mut served: oneshot::Receiver<Infallible>,
    mut lock: Option<ServeLock>,
) -> Result<(), sqlx::Error> {
    let mut ticks = 0u32;
    let mut interval = tokio::time::interval(FLUSH_EVERY);
    loop {
        tokio::select! {
            _ = interval.tick() => {}
            () = state.requests.filled() => {
                keep_request_log(&state).await;
                continue;
            }
            _ = &mut served => break,
        }
        if let Some(local) = state.guard.local()
            && let Err(error) = local.nonces.flush(&state.db, state.clock.now()).await
        {
            tracing::warn!(%error, "could not persist the replay cache; will retry");
        }
        if let Err(error) = state.seen.flush(&state.db).await {
            tracing::warn!(%error, "could not write when seats were seen; will retry");
        }
        keep_request_log(&state).await;
        if let (Some(lock), Db::Postgres(pg)) = (&mut lock, &state.db)
            && let Err(error) = lock.keep(&pg.pool).await
        {
            tracing::error!(error = %format!("{error:#}"), "lost the database's serve lock");
        }
        ticks = ticks.wrapping_add(1);
        if ticks.is_multiple_of(PRUNE_LIMITS_EVERY) {
            if let Some(local) = state.guard.local() {
                tracing::debug!(
                    nonces = local.nonces.len(),
                    bytes = local.nonces.heap_bytes(),
                    "replay cache"
                );
                local.limiter.retain_recent();
            }
            if let Some(leases) = &state.leases {
                leases.retain_fresh(state.clock.now());
            }
        }
    }
    let flushed = match state.guard.local() {
        Some(local) => local.nonces.flush(&state.db, state.clock.now()).await,
        None => Ok(()),
    };
    if let Err(error) = state.seen.flush(&state.db).await {
        tracing::warn!(%error, "could not write when seats were seen");
    }
    if let Err(error) = state.requests.flush().await {
        tracing::warn!(%error, "could not write the last calls to the request log");
    }
    drop(lock);
    flushed
}

/// Writes the calls waiting for the request log, then prunes it: a little
/// at each write, so no statement holds many pages.
async fn keep_request_log(state: &AppState) {
    if let Err(error) = state.requests.flush().await {
        tracing::warn!(%error, "could not write the request log; will retry");
    }
    if let Err(error) = state.requests.prune(state.clock.now()).await {
        tracing::warn!(%error, "could not prune the request log");
    }
}

/// A future that resolves on SIGINT or SIGTERM. On Unix the handlers are
/// installed by this call, not when the future is first polled: call it
/// before saying the server listens, so a signal sent at once stops it
/// gracefully instead of killing it. (Elsewhere, Ctrl-C's handler is
/// installed when the future is first polled.)
pub fn shutdown_signal() -> impl Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{Signal, SignalKind, signal};
        let [interrupt, terminate] =
            [SignalKind::interrupt(), SignalKind::terminate()].map(|kind| signal(kind).ok());
        // A handler that could not be installed never fires.
        async fn received(signal: Option<Signal>) {
            match signal {
                Some(mut signal) => {
                    signal.recv().await;
                }
                None => std::future::pending().await,
            }
        }
        async move {
            if interrupt.is_none() && terminate.is_none() {
                let _ = tokio::signal::ctrl_c().await;
                return;
            }
            tokio::select! {
                () = received(interrupt) => {}
                () = received(terminate) => {}
            }
        }
    }
    #[cfg(not(unix))]
    {
        async {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}
