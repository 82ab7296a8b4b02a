//! Who counts as a client for the per-IP rate: the TCP peer, or behind a
//! trusted proxy the client it names in `X-Forwarded-For`; IPv6 clients by
//! their /64.

use std::net::SocketAddr;

use keyslot_protocol::paths;
use keyslot_server::serve::Server;
use keyslot_server::{Limits, Secret};
use serde_json::json;

use crate::support::{Harness, SECRET, Signed, http, roomy};

/// Two requests a minute per client IP.
fn two_a_minute() -> Limits {
    Limits {
        ip_rate: 2,
        ..roomy()
    }
}

#[tokio::test]
async fn a_peer_that_is_not_trusted_cannot_escape_its_bucket() {
    let h = Harness::with(two_a_minute(), Some(SECRET)).await;
    let key = h.license(1).await;
    let forwarding = |forwarded: &str| {
        let mut req = h.request(paths::DEVICES, &json!({"license_key": key}));
        req.ip = Some("203.0.113.9:5000".parse().expect("addr"));
        req.forwarded_for = Some(forwarded.to_owned());
        req
    };
    h.send(forwarding("198.51.100.1")).await.ok();
    h.send(forwarding("198.51.100.2")).await.ok();
    h.send(forwarding("198.51.100.3")).await.error(1706);
}

#[tokio::test]
async fn ipv6_peers_in_one_64_share_a_bucket() {
    let h = Harness::with(two_a_minute(), Some(SECRET)).await;
    let key = h.license(1).await;
    let from = |peer: &str| {
        let mut req = h.request(paths::DEVICES, &json!({"license_key": key}));
        req.ip = Some(peer.parse().expect("addr"));
        req
    };
    h.send(from("[2001:db8:1:2::1]:5000")).await.ok();
    h.send(from("[2001:db8:1:2::2]:5000")).await.ok();
    h.send(from("[2001:db8:1:2:ffff:ffff:ffff:ffff]:5000"))
        .await
        .error(1706);
    h.send(from("[2001:db8:1:3::1]:5000")).await.ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_bucket() {
    // The test connects from 127.0.0.1: that is the proxy.
    let limits = Limits {
        trusted_proxies: vec!["127.0.0.0/8".parse().expect("net")],
        ..two_a_minute()
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("licenses.db");
    let addr: SocketAddr = "127.0.0.1:0".parse().expect("addr");
    let server = Server::open(addr, &db, Secret::new(SECRET), limits)
        .await
        .expect("serves");
    let key = keyslot_server::store::create_license(
        server.db(),
        keyslot_server::keys::generate(),
        1,
        None,
        0,
    )
    .await
    .expect("license");
    let send = |forwarded: &str| {
        let mut req = Signed::now(paths::DEVICES, &json!({"license_key": key}), SECRET);
        req.forwarded_for = Some(forwarded.to_owned());
        http(server.addr, req, Some(SECRET))
    };

    send("198.51.100.1").await.ok();
    send("198.51.100.1").await.ok();
    send("198.51.100.1").await.error(1706);
    // Another client behind the same proxy has a bucket of its own.
    send("198.51.100.2").await.ok();
    // A client cannot pass for another by writing it in front: the proxy
    // appended the address it really came from.
    send("198.51.100.7, 198.51.100.1").await.error(1706);
    // Clients over IPv6 count by their /64.
    send("2001:db8:1:2::1").await.ok();
    send("2001:db8:1:2::2").await.ok();
    send("2001:db8:1:2::3, 127.0.0.2").await.error(1706);
    send("2001:db8:1:3::1").await.ok();
    // A port after an address, as some load balancers write it, is ignored.
    send("198.51.100.2:4711").await.ok();
    send("[::ffff:198.51.100.2]:443").await.error(1706);
    // Without the header, or with a malformed one, the proxy is the client.
    let from_the_proxy = || {
        let req = Signed::now(paths::DEVICES, &json!({"license_key": key}), SECRET);
        http(server.addr, req, Some(SECRET))
    };
    from_the_proxy().await.ok();
    send("unknown").await.ok();
    from_the_proxy().await.error(1706);
    server.stop().await.expect("stops");
}
