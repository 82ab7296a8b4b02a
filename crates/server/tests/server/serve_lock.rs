//! One server per database, over real listeners: the serve lock lasts as
//! long as the serving does (a dropped `Server` keeps it until its last
//! request is answered and its replay cache persisted; a stop past the
//! drain deadline drops the requests still in flight before it lets go),
//! and the database's lock is one whatever path names it.

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use keyslot_protocol::paths;
use keyslot_server::serve::Server;
use keyslot_server::{Db, Secret, keys, store};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::support::{SECRET, Signed, http, roomy};

async fn open(db: &Path) -> anyhow::Result<Server> {
    let addr = "127.0.0.1:0".parse().expect("addr");
    Server::open(addr, db, Secret::new(SECRET), roomy()).await
}

/// Asserts that a server on `db` is refused: another one serves it.
async fn assert_refused(db: &Path) {
    let refused = open(db).await.expect_err("the database is being served");
    let message = format!("{refused:#}");
    assert!(
        message.starts_with("another keyslot-server is already serving"),
        "{message}"
    );
}

async fn license(db: &Path) -> String {
    let admin = Db::open(&keyslot_server::db::Location::sqlite(db))
        .await
        .expect("admin db");
    let key = store::create_license(&admin, keys::generate(), 1, None, 0)
        .await
        .expect("created");
    admin.close().await;
    key
}

/// `signed` as raw HTTP/1.1 bytes.
fn raw(addr: SocketAddr, signed: Signed) -> Vec<u8> {
    let body = signed.body.clone();
    let request = signed.build();
    let mut head = format!("POST {} HTTP/1.1\r\nhost: {addr}\r\n", request.uri());
    for (name, value) in request.headers() {
        let value = value.to_str().expect("ascii header");
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("content-length: {}\r\n\r\n", body.len()));
    [head.into_bytes(), body].concat()
}

/// A connection the server at `addr` has accepted, with the first `sent`
/// bytes of `request` written: a request in flight, which a graceful stop
/// waits for. (Connections are accepted in order, so once one opened
/// after it is answered, it was accepted.)
async fn in_flight(addr: SocketAddr, request: &[u8], sent: usize) -> TcpStream {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream.write_all(&request[..sent]).await.expect("writes");
    let devices = json!({"license_key": "none"});
    http(
        addr,
        Signed::now(paths::DEVICES, &devices, SECRET),
        Some(SECRET),
    )
    .await;
    stream
}

/// Everything the server sends on `stream` until it closes it.
async fn answer(stream: &mut TcpStream) -> Vec<u8> {
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(20), stream.read_to_end(&mut answer))
        .await
        .expect("the server answers and closes")
        .expect("reads");
    answer
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_server_keeps_the_database_locked_while_it_serves() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("licenses.db");
    let server = open(&db).await.expect("serves");
    let addr = server.addr;
    let key = license(&db).await;
    let signed = Signed::now(paths::DEVICES, &json!({"license_key": key}), SECRET);
    let request = raw(addr, signed.clone());
    let mut stream = in_flight(addr, &request, 20).await;

    drop(server);
    assert_refused(&db).await;

    // It still answers the request in flight, then lets the database go.
    stream.write_all(&request[20..]).await.expect("writes");
    let answer = answer(&mut stream).await;
    assert!(
        answer.starts_with(b"HTTP/1.1 200 "),
        "{}",
        String::from_utf8_lossy(&answer)
    );
    let mut second = None;
    for _ in 0..200 {
        match open(&db).await {
            Ok(server) => {
                second = Some(server);
                break;
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
    let second = second.expect("the lock is released once the last request is answered");
    // Not before the nonce of that request was persisted: it is a replay.
    http(second.addr, signed, Some(SECRET)).await.error(1700);
    second.stop().await.expect("stops");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stop_past_the_drain_deadline_drops_the_requests_in_flight() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("licenses.db");
    let server = open(&db).await.expect("serves");
    let addr = server.addr;
    let key = license(&db).await;
    let request = raw(
        addr,
        Signed::now(paths::DEVICES, &json!({"license_key": key}), SECRET),
    );
    // Half a head: never a request, and never done.
    let mut stream = in_flight(addr, &request, 20).await;

    server.stop().await.expect("stops after the drain deadline");

    // The request in flight went with the server: nothing answers it.
    let _ = stream.write_all(&request[20..]).await;
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer))
        .await
        .expect("the connection is closed");
    assert!(
        read.is_err() || answer.is_empty(),
        "{}",
        String::from_utf8_lossy(&answer)
    );
    open(&db)
        .await
        .expect("the lock is released")
        .stop()
        .await
        .expect("stops");
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_server_through_a_symbolic_link_is_refused() {
    use std::os::unix::fs::symlink;

    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&data).expect("mkdir");
    std::fs::create_dir(&elsewhere).expect("mkdir");
    let db = data.join("licenses.db");
    let linked_file = elsewhere.join("link.db");
    let linked_dir = dir.path().join("data-link");

    let first = open(&db).await.expect("serves");
    symlink(&db, &linked_file).expect("symlink");
    symlink(&data, &linked_dir).expect("symlink");
    assert_refused(&linked_file).await;
    assert_refused(&linked_dir.join("licenses.db")).await;
    first.stop().await.expect("stops");

    // Served through the link, the real path is refused.
    let second = open(&linked_file).await.expect("serves");
    assert_refused(&db).await;
    second.stop().await.expect("stops");
}
