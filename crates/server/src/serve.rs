//! Running the server: bind, serve, keep the replay cache persisted, stop gracefully.

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::{AppState, app};

/// How often new nonces are written to the database.
const FLUSH_EVERY: Duration = Duration::from_secs(1);
/// How often idle rate-limit buckets are dropped.
const PRUNE_LIMITS_EVERY: u32 = 60;

/// A server accepting connections in the background.
#[derive(Debug)]
pub struct Server {
    /// The address it listens on (the real port when 0 was asked for).
    pub addr: SocketAddr,
    stop: oneshot::Sender<()>,
    task: JoinHandle<Result<(), std::io::Error>>,
    maintenance: JoinHandle<()>,
    state: AppState,
}

impl Server {
    /// Binds `addr` and starts serving `state`; connections are accepted once this returns.
    pub async fn start(addr: SocketAddr, state: AppState) -> std::io::Result<Self> {
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let (stop, stopped) = oneshot::channel::<()>();
        let service = app(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
        let task = tokio::spawn(async move {
            axum::serve(listener, service)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await
        });
        let maintenance = tokio::spawn(maintain(state.clone()));
        Ok(Self {
            addr,
            stop,
            task,
            maintenance,
            state,
        })
    }

    /// Serves until `signal` resolves, then stops gracefully.
    pub async fn run_until(self, signal: impl Future<Output = ()>) -> anyhow::Result<()> {
        signal.await;
        tracing::info!("shutting down");
        self.stop().await
    }

    /// Stops accepting, lets requests in flight finish, persists the replay
    /// cache and closes the database.
    pub async fn stop(self) -> anyhow::Result<()> {
        let _ = self.stop.send(());
        self.task.await??;
        self.maintenance.abort();
        self.state
            .nonces
            .flush(&self.state.db, self.state.clock.now())
            .await?;
        self.state.db.close().await;
        tracing::info!("stopped");
        Ok(())
    }
}

async fn maintain(state: AppState) {
    let mut ticks = 0u32;
    let mut interval = tokio::time::interval(FLUSH_EVERY);
    loop {
        interval.tick().await;
        if let Err(error) = state.nonces.flush(&state.db, state.clock.now()).await {
            tracing::warn!(%error, "could not persist the replay cache; will retry");
        }
        ticks = ticks.wrapping_add(1);
        if ticks.is_multiple_of(PRUNE_LIMITS_EVERY) {
            state.limiter.retain_recent();
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
