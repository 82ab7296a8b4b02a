//! Every error code, each cause of it, and the order in which checks run.

use std::net::SocketAddr;

use axum::http::StatusCode;
use keyslot_protocol::{headers, paths};
use keyslot_server::Limits;
use keyslot_server::admin::AdminState;
use serde_json::json;

use crate::support::{Harness, SECRET, T0, fingerprint, nonce, roomy};

fn devices_body(key: &str) -> serde_json::Value {
    json!({"license_key": key})
}

#[tokio::test]
async fn code_1700_for_each_bad_signature() {
    let h = Harness::new().await;
    let key = h.license(1).await;
    let body = devices_body(&key);

    for header in [headers::TIMESTAMP, headers::NONCE, headers::SIGNATURE] {
        let mut req = h.request(paths::DEVICES, &body);
        req.drop_header = Some(header);
        let envelope = h.send(req).await.error(1700);
        assert!(
            envelope["error"]["message"]
                .as_str()
                .is_some_and(|m| m.contains(header))
        );
    }
    for timestamp in [
        "",
        "soon",
        "1.5",
        "-1800000000",
        "18000000000000000",
        "01800000000",
    ] {
        let mut req = h.request(paths::DEVICES, &body);
        req.timestamp = timestamp.to_owned();
        h.send(req).await.error(1700);
    }
    for bad_nonce in [
        "too-short",
        "has spaces in it!!",
        "ünïcödé-nonce-0000",
        &"n".repeat(65),
    ] {
        let mut req = h.request(paths::DEVICES, &body);
        req.nonce = bad_nonce.to_owned();
        h.send(req).await.error(1700);
    }
    // Wrong secret, and a body changed after signing.
    let mut req = h.request(paths::DEVICES, &body);
    req.secret = b"not-the-secret";
    h.send(req).await.error(1700);
    let mut req = h.request(paths::DEVICES, &body);
    req.signature = Some(req.signature());
    req.body = devices_body("KS-SOMEONE-ELSES-KEY-00000")
        .to_string()
        .into_bytes();
    h.send(req).await.error(1700);
    // A signature for another path.
    let mut req = h.request(paths::DEVICES, &body);
    req.signature = Some(keyslot_protocol::sign_request(
        "POST",
        paths::STATUS,
        T0,
        &req.nonce,
        &req.body,
        SECRET,
    ));
    h.send(req).await.error(1700);
    // Not hex at all.
    let mut req = h.request(paths::DEVICES, &body);
    req.signature = Some("zz".repeat(32));
    h.send(req).await.error(1700);

    // The genuine request still works: none of the failures above burned its nonce.
    h.send(h.request(paths::DEVICES, &body)).await.ok();
}

#[tokio::test]
async fn code_1700_for_a_replay_within_ten_minutes() {
    let h = Harness::new().await;
    let key = h.license(1).await;
    let body = devices_body(&key);
    let first = h.request(paths::DEVICES, &body);
    h.send(first.clone()).await.ok();
    let envelope = h.send(first.clone()).await.error(1700);
    assert!(
        envelope["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("nonce"))
    );

    // Re-signed with a fresh timestamp but the same nonce: still a replay until 10 minutes pass.
    let resign = |h: &Harness| {
        let mut req = h.request(paths::DEVICES, &body);
        req.nonce = first.nonce.clone();
        req
    };
    h.clock.advance(600);
    h.send(resign(&h)).await.error(1700);
    h.clock.advance(1);
    h.send(resign(&h)).await.ok();
    // A nonce whose request failed later checks (here 1703) is spent too.
    let mut unknown = h.request(paths::DEVICES, &devices_body("KS-NO-SUCH-KEY-000000000"));
    h.send(unknown.clone()).await.error(1703);
    unknown.body = body.to_string().into_bytes();
    h.send(unknown).await.error(1700);
}

#[tokio::test]
async fn a_request_stamped_ahead_cannot_be_replayed_at_the_window_edge() {
    // Stamped 300 s ahead, it is valid from T0 until T0 + 600: the nonce must
    // be remembered for all of that time, to the second.
    let h = Harness::new().await;
    let key = h.license(1).await;
    let mut ahead = h.request(paths::DEVICES, &devices_body(&key));
    ahead.timestamp = (T0 + 300).to_string();
    h.send(ahead.clone()).await.ok();
    h.clock.advance(600);
    h.send(ahead.clone()).await.error(1700);
    h.clock.advance(1);
    h.send(ahead).await.error(1701);
}

#[tokio::test]
async fn code_1701_outside_the_clock_window() {
    let h = Harness::new().await;
    let key = h.license(1).await;
    let body = devices_body(&key);
    for (offset, ok) in [
        (-301, false),
        (301, false),
        (-300, true),
        (300, true),
        (-86_400, false),
    ] {
        let mut req = h.request(paths::DEVICES, &body);
        req.timestamp = (T0 + offset).to_string();
        let reply = h.send(req).await;
        if ok {
            reply.ok();
        } else {
            reply.error(1701);
            // The Date header carries the server clock, for the client's offset.
            assert_eq!(reply.headers["date"], "Fri, 15 Jan 2027 08:00:00 GMT");
        }
    }
}

#[tokio::test]
async fn checks_run_in_the_documented_order() {
    // A bad HMAC wins over a stale timestamp.
    let h = Harness::new().await;
    let key = h.license(1).await;
    let mut req = h.request(paths::DEVICES, &devices_body(&key));
    req.timestamp = (T0 - 1000).to_string();
    req.secret = b"wrong";
    h.send(req).await.error(1700);

    // A stale timestamp wins over a replay, and does not burn the nonce.
    let mut stale = h.request(paths::DEVICES, &devices_body(&key));
    stale.timestamp = (T0 - 1000).to_string();
    h.send(stale.clone()).await.error(1701);
    let mut fresh = h.request(paths::DEVICES, &devices_body(&key));
    fresh.nonce = stale.nonce;
    h.send(fresh).await.ok();

    // Signature checks win over the body schema and business rules.
    let mut req = h.request(paths::ACTIVATE, &json!({"nonsense": true}));
    req.drop_header = Some(headers::NONCE);
    h.send(req).await.error(1700);

    // The schema wins over business rules: an unknown key with a bad body is a 1702.
    h.post(
        paths::STATUS,
        &json!({"license_key": "KS-UNKNOWN-000000000000"}),
    )
    .await
    .error(1702);
}

#[tokio::test]
async fn code_1702_names_the_bad_fields() {
    let h = Harness::new().await;
    let key = h.license(1).await;
    let cases = [
        (
            paths::ACTIVATE,
            json!({"license_key": key}),
            vec!["machine"],
        ),
        (
            paths::ACTIVATE,
            json!({"license_key": 42, "machine": {"fingerprint": "XYZ", "name": "", "platform": ["x"]}}),
            vec![
                "license_key",
                "machine.fingerprint",
                "machine.name",
                "machine.platform",
            ],
        ),
        (
            paths::STATUS,
            json!({"license_key": key, "fingerprint": "short"}),
            vec!["fingerprint"],
        ),
        (paths::DEVICES, json!([key]), vec!["body"]),
        (paths::DEVICES, json!({}), vec!["license_key"]),
        (
            paths::DEACTIVATE,
            json!({"license_key": key, "activation_id": "x y"}),
            vec!["activation_id"],
        ),
    ];
    for (path, body, fields) in cases {
        let reply = h.post(path, &body).await;
        reply.error(1702);
        assert_eq!(reply.detail_fields(), fields, "{path} {body}");
    }

    let mut not_json = h.request(paths::DEVICES, &json!(null));
    not_json.body = b"{\"license_key\": ".to_vec();
    let reply = h.send(not_json).await;
    reply.error(1702);
    assert_eq!(reply.detail_fields(), ["body"]);

    for content_type in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
    ] {
        let mut req = h.request(paths::DEVICES, &devices_body(&key));
        req.content_type = content_type.map(str::to_owned);
        let reply = h.send(req).await;
        reply.error(1702);
        assert_eq!(reply.detail_fields(), ["content-type"]);
    }
    let mut with_charset = h.request(paths::DEVICES, &devices_body(&key));
    with_charset.content_type = Some("Application/JSON; charset=utf-8".to_owned());
    h.send(with_charset).await.ok();
}

#[tokio::test]
async fn huge_bodies_get_413_with_a_1702_envelope() {
    let h = Harness::new().await;
    let key = h.license(1).await;
    let mut req = h.request(paths::DEVICES, &devices_body(&key));
    req.body = format!(
        "{{\"license_key\":\"{key}\",\"pad\":\"{}\"}}",
        "x".repeat(70 * 1024)
    )
    .into_bytes();
    let reply = h.send(req).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    let json = reply.json();
    assert_eq!(json["error"]["code"], 1702);
    assert_eq!(json["error"]["name"], "LICENSE_API_MALFORMED");
}

#[tokio::test]
async fn code_1703_for_unknown_and_soft_deleted_keys() {
    let h = Harness::new().await;
    h.post(paths::DEVICES, &devices_body("KS-NOPE0-NOPE0-NOPE0-NOPE0"))
        .await
        .error(1703);

    let key = h.license(2).await;
    h.activate(&key, 1).await.ok();
    h.set_state(&key, AdminState::Deleted).await;
    h.post(paths::DEVICES, &devices_body(&key))
        .await
        .error(1703);
    h.activate(&key, 1).await.error(1703);
    h.post(
        paths::STATUS,
        &json!({"license_key": key, "fingerprint": fingerprint(1)}),
    )
    .await
    .error(1703);

    // Restoring it brings the license back with its seats.
    h.set_state(&key, AdminState::Active).await;
    let devices = h.post(paths::DEVICES, &devices_body(&key)).await.ok();
    assert_eq!(devices["license"]["used_activations"], 1);
}

#[tokio::test]
async fn code_1704_carries_the_state_and_1708_is_for_revoked() {
    let h = Harness::new().await;
    let key = h.license(2).await;
    let device = h.activate(&key, 1).await.ok()["activation"]["id"].clone();
    let bodies = [
        (paths::ACTIVATE, crate::support::activation(&key, 2)),
        (
            paths::STATUS,
            json!({"license_key": key, "fingerprint": fingerprint(1)}),
        ),
        (paths::DEVICES, devices_body(&key)),
        (
            paths::DEACTIVATE,
            json!({"license_key": key, "activation_id": device}),
        ),
    ];
    for (state, name) in [
        (AdminState::Suspended, "SUSPENDED"),
        (AdminState::Expired, "EXPIRED"),
    ] {
        h.set_state(&key, state).await;
        for (path, body) in &bodies {
            let envelope = h.post(path, body).await.error(1704);
            assert_eq!(
                envelope["error"]["details"],
                json!([{"field": "state", "message": name}])
            );
        }
    }
    h.set_state(&key, AdminState::Revoked).await;
    for (path, body) in &bodies {
        h.post(path, body).await.error(1708);
    }
    // Nothing was changed while the license was unusable.
    h.set_state(&key, AdminState::Active).await;
    let devices = h.post(paths::DEVICES, &devices_body(&key)).await.ok();
    assert_eq!(devices["license"]["used_activations"], 1);
}

#[tokio::test]
async fn code_1705_when_every_seat_is_taken() {
    let h = Harness::new().await;
    let key = h.license(2).await;
    h.activate(&key, 1).await.ok();
    h.activate(&key, 2).await.ok();
    let envelope = h.activate(&key, 3).await.error(1705);
    assert_eq!(
        envelope["error"]["message"],
        "activation limit reached (2 of 2 seats used)"
    );
    // A machine that already holds a seat still gets it back.
    h.activate(&key, 2).await.ok();

    let zero = h.license(0).await;
    h.activate(&zero, 1).await.error(1705);
}

#[tokio::test]
async fn code_1706_per_key_with_retry_after() {
    let h = Harness::with(
        Limits {
            key_rate: 2,
            ..roomy()
        },
        Some(SECRET),
    )
    .await;
    let key = h.license(1).await;
    let other = h.license(1).await;
    h.post(paths::DEVICES, &devices_body(&key)).await.ok();
    h.post(paths::DEVICES, &devices_body(&key)).await.ok();
    let limited = h.post(paths::DEVICES, &devices_body(&key)).await;
    limited.error(1706);
    let wait = limited.retry_after();
    assert!(
        (1..=30).contains(&wait),
        "one token per 30 s at 2/min, got {wait}"
    );
    // Another key is not affected.
    h.post(paths::DEVICES, &devices_body(&other)).await.ok();
}

#[tokio::test]
async fn code_1706_per_ip() {
    let h = Harness::with(
        Limits {
            ip_rate: 3,
            ..roomy()
        },
        Some(SECRET),
    )
    .await;
    let key = h.license(1).await;
    let from = |ip: &str| {
        let mut req = h.request(paths::DEVICES, &devices_body(&key));
        req.ip = Some(ip.parse::<SocketAddr>().expect("addr"));
        req
    };
    for _ in 0..3 {
        h.send(from("10.0.0.1:5000")).await.ok();
    }
    let limited = h.send(from("10.0.0.1:5001")).await;
    limited.error(1706);
    assert!(limited.retry_after() >= 1);
    h.send(from("10.0.0.2:5000")).await.ok();
    // Garbage bodies count against the IP too.
    let mut garbage = from("10.0.0.1:5002");
    garbage.body = b"not json".to_vec();
    h.send(garbage).await.error(1706);
}

#[tokio::test]
async fn a_client_over_its_ip_rate_spends_no_nonce() {
    // 60 a minute: a burst of 60, then one more each second.
    let h = Harness::with(
        Limits {
            ip_rate: 60,
            ..roomy()
        },
        Some(SECRET),
    )
    .await;
    let key = h.license(1).await;
    let from_one_client = || {
        let mut req = h.request(paths::DEVICES, &devices_body(&key));
        req.ip = Some("10.0.0.1:5000".parse().expect("addr"));
        req
    };
    let first = from_one_client();
    h.send(first.clone()).await.ok();
    for _ in 1..60 {
        h.send(from_one_client()).await.ok();
    }
    let remembered = h.state.guard.local().expect("local").nonces.len();
    assert_eq!(remembered, 60);

    let limited = from_one_client();
    let reply = h.send(limited.clone()).await;
    reply.error(1706);
    // The per-IP limit (5) comes before the replay check (6): a replay over
    // the rate is a 1706 too, and neither nonce was recorded again.
    h.send(first).await.error(1706);
    assert_eq!(
        h.state.guard.local().expect("local").nonces.len(),
        remembered,
        "no nonce recorded"
    );

    // Once the bucket has room, the limited request's nonce is still unspent.
    tokio::time::sleep(std::time::Duration::from_secs(reply.retry_after())).await;
    h.send(limited).await.ok();
    assert_eq!(
        h.state.guard.local().expect("local").nonces.len(),
        remembered + 1
    );
}

#[tokio::test]
async fn a_replay_is_refused_before_the_key_rate_and_a_key_limited_request_spends_its_nonce() {
    let h = Harness::with(
        Limits {
            key_rate: 1,
            ..roomy()
        },
        Some(SECRET),
    )
    .await;
    let key = h.license(1).await;
    let first = h.request(paths::DEVICES, &devices_body(&key));
    h.send(first.clone()).await.ok();
    // The replay check (6) wins over the spent key bucket (7).
    h.send(first).await.error(1700);
    let limited = h.request(paths::DEVICES, &devices_body(&key));
    h.send(limited.clone()).await.error(1706);
    // A request that passed the replay check spent its nonce.
    h.send(limited).await.error(1700);
}

#[tokio::test]
async fn code_1707_on_every_endpoint_without_a_secret() {
    let h = Harness::with(roomy(), None).await;
    for path in [
        paths::ACTIVATE,
        paths::STATUS,
        paths::DEVICES,
        paths::DEACTIVATE,
    ] {
        let envelope = h.post(path, &json!({})).await.error(1707);
        assert_eq!(envelope["error"]["code"], 1707);
    }
    // Even an unsigned request: the secret is check 1.
    let mut req = h.request(paths::DEVICES, &json!({}));
    req.drop_header = Some(headers::SIGNATURE);
    h.send(req).await.error(1707);
}

#[tokio::test]
async fn code_1709_for_an_unknown_machine_or_seat() {
    let h = Harness::new().await;
    let key = h.license(2).await;
    h.post(
        paths::STATUS,
        &json!({"license_key": key, "fingerprint": fingerprint(9)}),
    )
    .await
    .error(1709);
    h.post(
        paths::DEACTIVATE,
        &json!({"license_key": key, "activation_id": "act_nope"}),
    )
    .await
    .error(1709);
    // A seat of another license cannot be freed through this one.
    let other = h.license(1).await;
    let foreign = h.activate(&other, 1).await.ok()["activation"]["id"].clone();
    h.post(
        paths::DEACTIVATE,
        &json!({"license_key": key, "activation_id": foreign}),
    )
    .await
    .error(1709);
}

#[tokio::test]
async fn code_1710_when_the_deactivation_budget_is_spent() {
    let limits = Limits {
        deactivation_budget: 2,
        deactivation_window_secs: 3600,
        ..roomy()
    };
    let h = Harness::with(limits, Some(SECRET)).await;
    let key = h.license(5).await;
    let mut seats = Vec::new();
    for n in 0..4 {
        seats.push(h.activate(&key, n).await.ok()["activation"]["id"].clone());
    }
    let free = |id: &serde_json::Value| json!({"license_key": key, "activation_id": id});
    h.post(paths::DEACTIVATE, &free(&seats[0])).await.ok();
    h.clock.advance(600);
    h.post(paths::DEACTIVATE, &free(&seats[1])).await.ok();
    h.clock.advance(600);
    let refused = h.post(paths::DEACTIVATE, &free(&seats[2])).await;
    refused.error(1710);
    // The oldest deactivation (at T0) leaves the window at T0 + 3600; now is T0 + 1200.
    assert_eq!(refused.retry_after(), 2400);
    // The seat is still held.
    let devices = h.post(paths::DEVICES, &devices_body(&key)).await.ok();
    assert_eq!(devices["license"]["used_activations"], 2);

    h.clock.advance(2399);
    h.post(paths::DEACTIVATE, &free(&seats[2]))
        .await
        .error(1710);
    h.clock.advance(1);
    h.post(paths::DEACTIVATE, &free(&seats[2])).await.ok();
}

#[tokio::test]
async fn code_1711_for_an_internal_failure_says_nothing_internal() {
    let h = Harness::new().await;
    let key = h.license(1).await;
    sqlx::query("DROP TABLE activations")
        .execute(&h.db().as_sqlite().expect("SQLite").write)
        .await
        .expect("drop");
    let reply = h.post(paths::DEVICES, &devices_body(&key)).await;
    let envelope = reply.error(1711);
    assert_eq!(reply.retry_after(), 1);
    let text = envelope.to_string();
    for internal in ["activations", "table", "sqlite", "SELECT"] {
        assert!(!text.contains(internal), "{text}");
    }
}

#[tokio::test]
async fn unknown_routes_and_methods_are_framed_too() {
    let h = Harness::new().await;
    let reply = h.post("/api/v1/license/transfer", &json!({})).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    let sent = nonce();
    let request = axum::http::Request::get(paths::DEVICES)
        .header(headers::NONCE, &sent)
        .body(axum::body::Body::empty())
        .expect("request");
    use tower::ServiceExt;
    let response = h.app.clone().oneshot(request).await.expect("infallible");
    // Reply::read checks the request id and verifies the signature over the nonce sent.
    let reply = crate::support::Reply::read(response, sent, Some(SECRET)).await;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
}
