//! The happy path: activate, re-activate, status, devices, free, expiry.

use keyslot_protocol::paths;
use serde_json::json;

use crate::support::{Harness, T0, activation, fingerprint};

#[tokio::test]
async fn activate_list_status_and_free_a_seat() {
    let h = Harness::new().await;
    let key = h.license(3).await;

    let first = h.activate(&key, 1).await.ok();
    let device = &first["activation"];
    assert!(
        device["id"]
            .as_str()
            .is_some_and(|id| id.starts_with("act_"))
    );
    assert_eq!(device["fingerprint"], fingerprint(1));
    assert_eq!(device["name"], "Machine 1 — Ada’s ☕");
    assert_eq!(device["platform"], "linux-x86_64");
    assert_eq!(device["created_at"], "2027-01-15T08:00:00Z");
    assert_eq!(device["last_seen_at"], "2027-01-15T08:00:00Z");
    assert_eq!(
        first["license"],
        json!({"state": "ACTIVE", "max_activations": 3, "used_activations": 1, "expires_at": null})
    );

    // Re-activating the same machine is idempotent: same seat, none consumed.
    h.clock.advance(30);
    let again = h.activate(&key, 1).await.ok();
    assert_eq!(again["activation"]["id"], device["id"]);
    assert_eq!(again["activation"]["created_at"], "2027-01-15T08:00:00Z");
    assert_eq!(again["activation"]["last_seen_at"], "2027-01-15T08:00:30Z");
    assert_eq!(again["license"]["used_activations"], 1);

    h.activate(&key, 2).await.ok();

    // Status marks the device as seen.
    h.clock.advance(60);
    let status = h
        .post(
            paths::STATUS,
            &json!({"license_key": key, "fingerprint": fingerprint(1)}),
        )
        .await
        .ok();
    assert_eq!(status["activation"]["id"], device["id"]);
    assert_eq!(status["activation"]["last_seen_at"], "2027-01-15T08:01:30Z");
    assert_eq!(status["license"]["used_activations"], 2);

    let devices = h
        .post(paths::DEVICES, &json!({"license_key": key}))
        .await
        .ok();
    let listed = devices["devices"].as_array().expect("array");
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0]["id"], device["id"], "oldest first");
    assert_eq!(listed[0]["last_seen_at"], "2027-01-15T08:01:30Z");
    assert_eq!(listed[1]["fingerprint"], fingerprint(2));

    // Free the first seat.
    let freed = h
        .post(
            paths::DEACTIVATE,
            &json!({"license_key": key, "activation_id": device["id"]}),
        )
        .await
        .ok();
    assert_eq!(freed["freed"]["id"], device["id"]);
    assert_eq!(freed["license"]["used_activations"], 1);
    let devices = h
        .post(paths::DEVICES, &json!({"license_key": key}))
        .await
        .ok();
    assert_eq!(devices["devices"].as_array().map(Vec::len), Some(1));
    assert_eq!(devices["license"]["used_activations"], 1);

    // The freed machine is no longer activated; activating it again takes a new seat.
    h.post(
        paths::STATUS,
        &json!({"license_key": key, "fingerprint": fingerprint(1)}),
    )
    .await
    .error(1709);
    let back = h.activate(&key, 1).await.ok();
    assert_ne!(back["activation"]["id"], device["id"]);
    assert_eq!(back["license"]["used_activations"], 2);
}

#[tokio::test]
async fn a_license_expires_on_its_date() {
    let h = Harness::new().await;
    let key = h.license_expiring(1, Some(T0 + 3600)).await;
    let reply = h.activate(&key, 1).await.ok();
    assert_eq!(reply["license"]["state"], "ACTIVE");
    assert_eq!(reply["license"]["expires_at"], "2027-01-15T09:00:00Z");

    h.clock.advance(3600);
    let body = json!({"license_key": key, "fingerprint": fingerprint(1)});
    let expired = h.post(paths::STATUS, &body).await;
    let envelope = expired.error(1704);
    assert_eq!(
        envelope["error"]["details"],
        json!([{"field": "state", "message": "EXPIRED"}])
    );
}

#[tokio::test]
async fn unicode_and_long_names_round_trip() {
    let h = Harness::new().await;
    let key = h.license(2).await;
    let name = "工作站 🖥️ — Zoë’s «laptop»".to_owned() + &"é".repeat(100);
    let mut body = activation(&key, 7);
    body["machine"]["name"] = json!(name);
    let reply = h.post(paths::ACTIVATE, &body).await.ok();
    assert_eq!(reply["activation"]["name"], name.as_str());
    let devices = h
        .post(paths::DEVICES, &json!({"license_key": key}))
        .await
        .ok();
    assert_eq!(devices["devices"][0]["name"], name.as_str());
}

#[tokio::test]
async fn demo_licenses_show_each_state_at_once() {
    let h = Harness::new().await;
    let demo = keyslot_server::demo::seed(h.db(), T0).await.expect("seeds");
    let summary = |key: &str| {
        let key = key.to_owned();
        let h = &h;
        async move { h.post(paths::DEVICES, &json!({"license_key": key})).await }
    };
    let free = summary(&demo.free.key).await.ok();
    assert_eq!(
        (
            free["license"]["used_activations"].as_u64(),
            free["license"]["max_activations"].as_u64()
        ),
        (Some(2), Some(3))
    );
    assert!(free["devices"].as_array().is_some_and(|d| {
        d.iter()
            .all(|d| d["name"].as_str().is_some_and(|n| !n.is_empty()))
    }));
    let full = summary(&demo.full.key).await.ok();
    assert_eq!(full["license"]["used_activations"], 3);
    h.activate(&demo.full.key, 99).await.error(1705);
    h.activate(&demo.free.key, 99).await.ok();
    let details =
        |reply: crate::support::Reply| reply.error(1704)["error"]["details"][0]["message"].clone();
    assert_eq!(details(summary(&demo.suspended.key).await), "SUSPENDED");
    assert_eq!(details(summary(&demo.expired.key).await), "EXPIRED");
    summary(&demo.revoked.key).await.error(1708);
    assert_eq!(demo.all().len(), 5);
}
