//! The baseline of the `load` and `replicas` benches: a bare axum handler,
//! served by the bench's own binary run with `--bare-server`.

use std::net::SocketAddr;
use std::process::{Child, Command};

use keyslot_protocol::paths;

/// The flag that makes the bench's binary [`serve`].
pub(crate) const FLAG: &str = "--bare-server";

/// The bench's own binary, serving the bare handler.
pub(crate) fn spawn() -> (Child, SocketAddr) {
    let mut bare = Command::new(std::env::current_exe().expect("exe"));
    bare.arg(FLAG);
    crate::common::spawn(bare)
}

/// The baseline: one axum handler answering `/status` with a body of the same
/// size, no signing, no database.
pub(crate) fn serve() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let body = r#"{"license":{"state":"ACTIVE","max_activations":1,"used_activations":1,"expires_at":null},"activation":{"id":"act_01M8A0000000000000000000000","fingerprint":"5f0c6e8a2b1d4f3e9a7c0b2d4e6f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d2f","name":"load generator","platform":"linux-x86_64","created_at":"2026-11-25T00:00:00Z","last_seen_at":"2026-11-25T00:00:00Z"}}"#;
        let app = axum::Router::new().route(
            paths::STATUS,
            axum::routing::post(move || async move { ([("content-type", "application/json")], body) }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        println!("listening on http://{}", listener.local_addr().expect("addr"));
        axum::serve(listener, app).await.expect("serves");
    });
}
