//! Over a real listener on 127.0.0.1:0: the cap under concurrent activations,
//! concurrent writers from another connection (as the admin commands are),
//! and one server per database.

use std::net::SocketAddr;

use keyslot_protocol::paths;
use keyslot_server::admin::AdminState;
use keyslot_server::serve::Server;
use keyslot_server::store;
use keyslot_server::{AppState, Db, SystemClock};
use serde_json::json;

use crate::support::{SECRET, Signed, activation, http, roomy};

struct Live {
    server: Server,
    db_path: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

async fn live() -> Live {
    let dir = tempfile::tempdir().expect("tempdir");
    let db_path = dir.path().join("licenses.db");
    let server = start_on(&db_path).await;
    Live {
        server,
        db_path,
        _dir: dir,
    }
}

/// The whole server on `db_path`, as `keyslot-server serve` runs it.
async fn start_on(db_path: &std::path::Path) -> Server {
    let addr = "127.0.0.1:0".parse().expect("addr");
    Server::open(addr, db_path, keyslot_server::Secret::new(SECRET), roomy())
        .await
        .expect("serves")
}

/// A server with pools of its own on `db_path`, from a state built by hand
/// as an embedder may: it takes no serve lock.
async fn embedded_on(db_path: &std::path::Path) -> Server {
    let db = Db::open(&keyslot_server::db::Location::sqlite(db_path))
        .await
        .expect("db opens");
    let secret = keyslot_server::Secret::new(SECRET);
    let state = AppState::new(db, secret, std::sync::Arc::new(SystemClock), roomy())
        .await
        .expect("state");
    let addr = "127.0.0.1:0".parse().expect("addr");
    Server::start(addr, state).await.expect("serves")
}

async fn post(addr: SocketAddr, path: &str, body: serde_json::Value) -> crate::support::Reply {
    http(addr, Signed::now(path, &body, SECRET), Some(SECRET)).await
}

async fn create(db_path: &std::path::Path, seats: u32) -> String {
    let admin = Db::open(&keyslot_server::db::Location::sqlite(db_path))
        .await
        .expect("admin db");
    let key = keyslot_server::keys::generate();
    let key = store::create_license(&admin, key, seats, None, 0)
        .await
        .expect("created");
    admin.close().await;
    key
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cap_holds_under_concurrent_activations() {
    let live = live().await;
    let addr = live.server.addr;
    let key = create(&live.db_path, 3).await;

    let tasks: Vec<_> = (0..40)
        .map(|n| {
            let key = key.clone();
            tokio::spawn(async move { post(addr, paths::ACTIVATE, activation(&key, n)).await })
        })
        .collect();
    let mut granted = 0;
    for task in tasks {
        let reply = task.await.expect("task");
        match reply.status.as_u16() {
            200 => granted += 1,
            _ => {
                reply.error(1705);
            }
        }
    }
    assert_eq!(granted, 3);
    let devices = post(addr, paths::DEVICES, json!({"license_key": key}))
        .await
        .ok();
    assert_eq!(devices["devices"].as_array().map(Vec::len), Some(3));
    assert_eq!(devices["license"]["used_activations"], 3);
    live.server.stop().await.expect("stops");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cap_holds_across_two_servers_on_one_database() {
    // Two pools of writers on one file: only SQLite's locking (BEGIN
    // IMMEDIATE) can keep the cap, and no request may fail for it.
    let first = live().await;
    let second = embedded_on(&first.db_path).await;
    let key = create(&first.db_path, 3).await;

    let tasks: Vec<_> = (0..30)
        .map(|n| {
            let addr = if n % 2 == 0 {
                first.server.addr
            } else {
                second.addr
            };
            let key = key.clone();
            tokio::spawn(async move { post(addr, paths::ACTIVATE, activation(&key, n)).await })
        })
        .collect();
    let mut granted = 0;
    for task in tasks {
        let reply = task.await.expect("task");
        if reply.status == 200 {
            granted += 1;
        } else {
            reply.error(1705);
        }
    }
    assert_eq!(granted, 3);
    second.stop().await.expect("stops");
    first.server.stop().await.expect("stops");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_machine_activating_concurrently_takes_one_seat() {
    let live = live().await;
    let addr = live.server.addr;
    let key = create(&live.db_path, 3).await;
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let key = key.clone();
            tokio::spawn(async move { post(addr, paths::ACTIVATE, activation(&key, 1)).await.ok() })
        })
        .collect();
    let mut ids = std::collections::HashSet::new();
    for task in tasks {
        ids.insert(task.await.expect("task")["activation"]["id"].to_string());
    }
    assert_eq!(ids.len(), 1);
    let devices = post(addr, paths::DEVICES, json!({"license_key": key}))
        .await
        .ok();
    assert_eq!(devices["license"]["used_activations"], 1);
    live.server.stop().await.expect("stops");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_writes_interleave_with_traffic_without_failures() {
    let live = live().await;
    let addr = live.server.addr;
    let key = create(&live.db_path, 100).await;
    let admin = Db::open(&keyslot_server::db::Location::sqlite(&live.db_path))
        .await
        .expect("admin db");

    let traffic = {
        let key = key.clone();
        tokio::spawn(async move {
            let mut codes = Vec::new();
            for n in 0..60 {
                let reply = post(addr, paths::ACTIVATE, activation(&key, n)).await;
                codes.push(reply.status.as_u16());
            }
            codes
        })
    };
    for round in 0..30 {
        let state = if round % 2 == 0 {
            AdminState::Suspended
        } else {
            AdminState::Active
        };
        store::set_state(&admin, &key, state, 0)
            .await
            .expect("admin write");
        store::create_license(&admin, keyslot_server::keys::generate(), 1, None, 0)
            .await
            .expect("admin create");
    }
    store::set_state(&admin, &key, AdminState::Active, 0)
        .await
        .expect("admin write");
    let codes = traffic.await.expect("traffic");
    // Every answer is a success or the suspension, never a server failure.
    assert!(codes.iter().all(|c| *c == 200 || *c == 403), "{codes:?}");
    let integrity: (String,) = sqlx::query_as("PRAGMA integrity_check")
        .fetch_one(&admin.as_sqlite().expect("SQLite").read)
        .await
        .expect("integrity");
    assert_eq!(integrity.0, "ok");
    assert_eq!(store::list_licenses(&admin).await.expect("list").len(), 31);
    admin.close().await;
    live.server.stop().await.expect("stops");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_server_on_one_database_refuses_to_start_until_the_first_stops() {
    let first = live().await;
    let key = create(&first.db_path, 1).await;
    let addr = "127.0.0.1:0".parse().expect("addr");
    let refused = Server::open(
        addr,
        &first.db_path,
        keyslot_server::Secret::new(SECRET),
        roomy(),
    )
    .await
    .expect_err("the database is being served");
    let message = format!("{refused:#}");
    assert!(
        message.starts_with(&format!(
            "another keyslot-server is already serving {}",
            first.db_path.display()
        )),
        "{message}"
    );
    // The first one is unharmed.
    let devices = json!({"license_key": key});
    post(first.server.addr, paths::DEVICES, devices.clone())
        .await
        .ok();

    first.server.stop().await.expect("stops");
    let second = start_on(&first.db_path).await;
    post(second.addr, paths::DEVICES, devices).await.ok();
    second.stop().await.expect("stops");
}

/// `/status` keeps its reads while the database is unchanged
/// (`read_cache`): every commit, its own or another process's, is seen
/// from the next call on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_sees_every_commit_from_the_next_call_on() {
    let live = live().await;
    let addr = live.server.addr;
    let key = create(&live.db_path, 3).await;
    let status = |n| json!({"license_key": key, "fingerprint": crate::support::fingerprint(n)});
    let seat = post(addr, paths::ACTIVATE, activation(&key, 1)).await.ok();
    post(addr, paths::ACTIVATE, activation(&key, 2)).await.ok();
    for _ in 0..3 {
        post(addr, paths::STATUS, status(1)).await.ok();
    }

    // Its own write.
    let freed = json!({"license_key": key, "activation_id": seat["activation"]["id"]});
    post(addr, paths::DEACTIVATE, freed).await.ok();
    post(addr, paths::STATUS, status(1)).await.error(1709);

    // Another process's (pools of its own, as an admin command has), many
    // times over: never a kept answer from before it.
    let admin = Db::open(&keyslot_server::db::Location::sqlite(&live.db_path))
        .await
        .expect("admin db");
    for _ in 0..20 {
        post(addr, paths::STATUS, status(2)).await.ok();
        post(addr, paths::STATUS, status(2)).await.ok();
        store::set_state(&admin, &key, AdminState::Suspended, 0)
            .await
            .expect("suspended");
        post(addr, paths::STATUS, status(2)).await.error(1704);
        store::set_state(&admin, &key, AdminState::Active, 0)
            .await
            .expect("active again");
    }
    admin.close().await;
    live.server.stop().await.expect("stops");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_of_one_server_on_sqlite_reports_its_database_and_no_shared_store() {
    let live = live().await;
    let (status, headers, body) = crate::support::http_get(live.server.addr, "/healthz").await;
    assert_eq!(status, 200);
    assert_eq!(
        headers.get("cache-control").and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    let body: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
    assert_eq!(
        body,
        json!({"status": "ok", "database": "ok", "shared_store": "none"})
    );
    live.server.stop().await.expect("stops");
}
