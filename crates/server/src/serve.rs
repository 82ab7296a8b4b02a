//! Running the server: bind, serve, keep the replay cache persisted, stop gracefully.

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::lease::LeaseOptions;
use crate::lock::ServeLock;
use crate::{AppState, Db, Limits, Secret, SystemClock, app};

/// How often new nonces are written to the database.
const FLUSH_EVERY: Duration = Duration::from_secs(1);
/// How often idle rate-limit buckets and leases past their `rnw` are dropped.
const PRUNE_LIMITS_EVERY: u32 = 60;

/// How long a graceful stop waits for requests in flight before dropping them.
const DRAIN_DEADLINE: Duration = Duration::from_secs(10);

/// A server accepting connections in the background.
#[derive(Debug)]
pub struct Server {
    /// The address it listens on (the real port when 0 was asked for).
    pub addr: SocketAddr,
    stop: watch::Sender<bool>,
    task: JoinHandle<Result<(), std::io::Error>>,
    maintenance: JoinHandle<()>,
    state: AppState,
    /// The database's serve lock, when [`Server::open_with`] took it.
    lock: Option<ServeLock>,
}

impl Server {
    /// Binds `addr` and starts serving `state`; connections are accepted once
    /// this returns. This is the way to embed the server: it serves with the
    /// peer address each request needs for its per-IP rate limit.
    pub async fn start(addr: SocketAddr, state: AppState) -> std::io::Result<Self> {
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let (stop, stopped) = watch::channel(false);
        let service = app(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
        let mut serve_stopped = stopped.clone();
        let task = tokio::spawn(async move {
            axum::serve(listener, service)
                .with_graceful_shutdown(async move {
                    let _ = serve_stopped.wait_for(|stop| *stop).await;
                })
                .await
        });
        let maintenance = tokio::spawn(maintain(state.clone(), stopped));
        Ok(Self {
            addr,
            stop,
            task,
            maintenance,
            state,
            lock: None,
        })
    }

    /// Opens (or creates) the database at `db_path` and serves it on `addr`
    /// with the system clock: the whole server, as the app's demo mode runs
    /// it. Leases are signed with the key file beside the database (created
    /// on first start) and the default settings. Fails if another server
    /// serves that database ([`ServeLock`]).
    pub async fn open(
        addr: SocketAddr,
        db_path: &std::path::Path,
        secret: Option<Secret>,
        limits: Limits,
    ) -> anyhow::Result<Self> {
        Self::open_with(
            addr,
            db_path,
            secret,
            limits,
            Some(&LeaseOptions::default()),
        )
        .await
    }

    /// [`Server::open`] with these lease options, or without leases (`None`,
    /// a v1 server): the whole server, as `keyslot-server serve` runs it.
    pub async fn open_with(
        addr: SocketAddr,
        db_path: &std::path::Path,
        secret: Option<Secret>,
        limits: Limits,
        leases: Option<&LeaseOptions>,
    ) -> anyhow::Result<Self> {
        use anyhow::Context;
        // The keys first: a bad key flag leaves no database behind.
        let leases = leases.map(|options| options.load(db_path)).transpose()?;
        let lock = ServeLock::acquire(db_path)?;
        let db = Db::open(db_path)
            .await
            .with_context(|| format!("cannot open database {}", db_path.display()))?;
        let clock = std::sync::Arc::new(SystemClock);
        let state = AppState::with_leases(db, secret, clock, limits, leases).await?;
        let server = Self::start(addr, state)
            .await
            .with_context(|| format!("cannot listen on {addr}"))?;
        Ok(Self {
            lock: Some(lock),
            ..server
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
    /// seconds), persists the replay cache, closes the database and releases
    /// its serve lock — the last three whatever happened before.
    pub async fn stop(self) -> anyhow::Result<()> {
        let _ = self.stop.send(true);
        let served = match tokio::time::timeout(DRAIN_DEADLINE, self.task).await {
            Ok(joined) => joined
                .map_err(anyhow::Error::from)
                .and_then(|r| r.map_err(Into::into)),
            Err(_) => {
                tracing::warn!("requests still in flight after {DRAIN_DEADLINE:?}; dropping them");
                Ok(())
            }
        };
        // The maintenance loop finishes its current flush before it stops.
        let _ = self.maintenance.await;
        let flushed = self
            .state
            .nonces
            .flush(&self.state.db, self.state.clock.now())
            .await;
        self.state.db.close().await;
        drop(self.lock);
        served?;
        flushed?;
        tracing::info!("stopped");
        Ok(())
    }
}

async fn maintain(state: AppState, mut stopped: watch::Receiver<bool>) {
    let mut ticks = 0u32;
    let mut interval = tokio::time::interval(FLUSH_EVERY);
    loop {
        tokio::select! {
            _ = interval.tick() => {}
            _ = stopped.wait_for(|stop| *stop) => return,
        }
        if let Err(error) = state.nonces.flush(&state.db, state.clock.now()).await {
            tracing::warn!(%error, "could not persist the replay cache; will retry");
        }
        ticks = ticks.wrapping_add(1);
        if ticks.is_multiple_of(PRUNE_LIMITS_EVERY) {
            state.limiter.retain_recent();
            if let Some(leases) = &state.leases {
                leases.retain_fresh(state.clock.now());
            }
        }
    }
}

/// Resolves on SIGINT or SIGTERM.
pub async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = interrupt => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => {
                let _ = interrupt.await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}
