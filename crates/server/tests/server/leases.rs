//! Leases (v1.1): their claims, when there is one and when not, the cache,
//! the keys endpoint, and the bound on machines running a license offline.
//! Every lease is verified with `keyslot_protocol::lease::verify_lease`
//! against the JWK Set the server serves.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use keyslot_protocol::lease::{self, JwkSet, LEASE_TYP, LeaseClaims};
use keyslot_protocol::{LicenseSummary, paths};
use keyslot_server::Limits;
use keyslot_server::admin::AdminState;
use keyslot_server::lease::{LeaseKey, LeaseSettings, Leases};
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::support::{Harness, SECRET, T0, fingerprint, lease_of, roomy};

fn settings() -> LeaseSettings {
    LeaseSettings {
        issuer: "licenses.example.com".to_owned(),
        ttl: 3_600,
        renew: 600,
        grace: 1_800,
    }
}

async fn harness_with(limits: Limits, settings: LeaseSettings) -> Harness {
    let key = LeaseKey::generate().expect("key");
    Harness::with_leases(limits, Some(SECRET), Some(Leases::new(key, &[], settings))).await
}

async fn harness() -> Harness {
    harness_with(roomy(), settings()).await
}

fn status_body(key: &str, n: u32) -> Value {
    json!({"license_key": key, "fingerprint": fingerprint(n)})
}

fn header_of(answer: &Value) -> Value {
    use base64::Engine as _;
    let lease = answer["lease"].as_str().expect("lease");
    let header = lease.split('.').next().expect("header");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(header)
        .expect("base64url");
    serde_json::from_slice(&bytes).expect("json")
}

#[tokio::test]
async fn activate_and_status_answers_carry_a_lease_with_the_documented_claims() {
    let h = harness().await;
    let keys = h.keys().await;
    assert_eq!(keys.keys.len(), 1);
    let key = h.license_expiring(3, Some(T0 + 365 * 86_400)).await;

    let answer = h.activate(&key, 1).await.ok();
    let claims = lease_of(&answer, &keys);
    let activation = &answer["activation"];
    assert_eq!(claims.iss, "licenses.example.com", "iss is --issuer");
    assert_eq!(claims.sub, activation["id"].as_str().expect("id"));
    assert_eq!(claims.fpr, fingerprint(1), "fpr is the seat's fingerprint");
    assert_eq!(claims.fpr, activation["fingerprint"].as_str().expect("fpr"));
    assert_eq!(claims.key_hash, lease::key_hash(&claims.sub, &key));
    assert_eq!(claims.iat, T0);
    assert_eq!(claims.rnw, T0 + 600);
    assert_eq!(claims.exp, T0 + 3_600);
    assert_eq!(claims.grace, 1_800);
    assert_eq!(ulid::Ulid::from_string(&claims.jti).map(|_| ()), Ok(()));
    let license: LicenseSummary =
        serde_json::from_value(answer["license"].clone()).expect("license");
    assert_eq!(claims.license, license, "the license claim is the answer's");
    assert_eq!(
        header_of(&answer),
        json!({"alg": "EdDSA", "typ": LEASE_TYP, "kid": keys.keys[0].kid})
    );

    // /status answers a lease too (the same one: nothing changed, before rnw).
    h.clock.advance(30);
    let status = h.post(paths::STATUS, &status_body(&key, 1)).await.ok();
    assert_eq!(lease_of(&status, &keys), claims);
    assert_eq!(status["lease"], answer["lease"]);

    // key_hash is salted by the activation: the same key, another seat.
    let second = lease_of(&h.activate(&key, 2).await.ok(), &keys);
    assert_ne!(second.key_hash, claims.key_hash);
    assert_eq!(second.key_hash, lease::key_hash(&second.sub, &key));
    assert_eq!(second.fpr, fingerprint(2));
    assert_ne!(second.jti, claims.jti);
}

#[tokio::test]
async fn exp_and_grace_never_pass_the_licenses_own_expiry() {
    let h = harness().await;
    let keys = h.keys().await;
    let claims_for = |expires_at: Option<i64>| {
        let h = &h;
        let keys = &keys;
        async move {
            let key = h.license_expiring(1, expires_at).await;
            lease_of(&h.activate(&key, 1).await.ok(), keys)
        }
    };
    // No expiry, or a far one: the TTL and the whole grace.
    for expires_at in [None, Some(T0 + 86_400)] {
        let c = claims_for(expires_at).await;
        assert_eq!((c.exp, c.grace), (T0 + 3_600, 1_800), "{expires_at:?}");
    }
    // The license ends during the grace: the grace stops there.
    let c = claims_for(Some(T0 + 3_600 + 100)).await;
    assert_eq!((c.exp, c.grace), (T0 + 3_600, 100));
    // The license ends before the TTL: exp is its expiry, and no grace.
    let c = claims_for(Some(T0 + 60)).await;
    assert_eq!((c.exp, c.grace), (T0 + 60, 0));
    assert_eq!(lease::stage(&c, T0 + 60), lease::Stage::Expired);
    let c = claims_for(Some(T0 + 3_600)).await;
    assert_eq!((c.exp, c.grace), (T0 + 3_600, 0));
}

#[tokio::test]
async fn no_lease_for_a_license_that_is_not_active_nor_on_other_answers() {
    let h = harness().await;
    let key = h.license(2).await;
    let first = h.activate(&key, 1).await.ok();
    assert!(first["lease"].is_string());

    // /devices and /deactivate answer no lease.
    let devices = h
        .post(paths::DEVICES, &json!({"license_key": key}))
        .await
        .ok();
    assert!(devices.get("lease").is_none(), "{devices}");
    h.activate(&key, 2).await.ok();
    h.activate(&key, 3).await.error(1705);
    let freed = h
        .post(
            paths::DEACTIVATE,
            &json!({"license_key": key, "activation_id": first["activation"]["id"]}),
        )
        .await
        .ok();
    assert!(freed.get("lease").is_none(), "{freed}");
    // Errors never carry one (`error` checks the envelope has nothing else).
    h.post(paths::STATUS, &status_body(&key, 1))
        .await
        .error(1709);

    for (state, code) in [
        (AdminState::Suspended, 1704),
        (AdminState::Expired, 1704),
        (AdminState::Revoked, 1708),
    ] {
        h.set_state(&key, state).await;
        h.post(paths::STATUS, &status_body(&key, 2))
            .await
            .error(code);
        h.activate(&key, 2).await.error(code);
    }
    // A license past its expires_at is EXPIRED: no answer, no lease.
    let expiring = h.license_expiring(1, Some(T0 + 100)).await;
    assert!(h.activate(&expiring, 1).await.ok()["lease"].is_string());
    h.clock.advance(100);
    h.post(paths::STATUS, &status_body(&expiring, 1))
        .await
        .error(1704);
}

#[tokio::test]
async fn the_same_lease_is_answered_until_rnw_or_until_the_license_changes() {
    let h = harness().await;
    let keys = h.keys().await;
    let key = h.license(3).await;
    let first = h.activate(&key, 1).await.ok();
    let status = |n| {
        let h = &h;
        let key = key.clone();
        async move { h.post(paths::STATUS, &status_body(&key, n)).await.ok() }
    };
    h.clock.advance(599);
    assert_eq!(status(1).await["lease"], first["lease"], "before rnw");
    h.clock.advance(1);
    let renewed = status(1).await;
    assert_ne!(renewed["lease"], first["lease"], "at rnw, a new lease");
    let claims = lease_of(&renewed, &keys);
    assert_eq!(claims.iat, T0 + 600);
    assert_eq!(claims.exp, T0 + 600 + 3_600);

    // Another machine takes a seat: the license changed, so does the lease.
    h.activate(&key, 2).await.ok();
    let changed = status(1).await;
    assert_ne!(changed["lease"], renewed["lease"]);
    assert_eq!(lease_of(&changed, &keys).license.used_activations, 2);
    assert_eq!(status(1).await["lease"], changed["lease"]);

    // A license suspended and restored says the same again: its lease still holds.
    h.set_state(&key, AdminState::Suspended).await;
    h.post(paths::STATUS, &status_body(&key, 1))
        .await
        .error(1704);
    h.set_state(&key, AdminState::Active).await;
    assert_eq!(status(1).await["lease"], changed["lease"]);
}

/// The bound of the specification: a freed seat's lease stays valid until
/// its `exp + grace`, so at most `max_activations` + the deactivation budget
/// machines hold valid leases at once.
#[tokio::test]
async fn with_two_seats_and_a_budget_of_one_at_most_three_machines_hold_valid_leases() {
    let limits = Limits {
        deactivation_budget: 1,
        ..roomy()
    };
    let h = harness_with(limits, settings()).await;
    let keys = h.keys().await;
    let key = h.license(2).await;
    let mut leases: Vec<LeaseClaims> = Vec::new();

    let first = h.activate(&key, 1).await.ok();
    leases.push(lease_of(&first, &keys));
    h.clock.advance(10);
    leases.push(lease_of(&h.activate(&key, 2).await.ok(), &keys));
    h.clock.advance(10);
    // Free the first seat with the budget of one...
    h.post(
        paths::DEACTIVATE,
        &json!({"license_key": key, "activation_id": first["activation"]["id"]}),
    )
    .await
    .ok();
    // ...and a third machine takes it.
    h.clock.advance(10);
    let third = h.activate(&key, 3).await.ok();
    leases.push(lease_of(&third, &keys));
    // A fourth is refused, and the budget frees no other seat.
    h.clock.advance(10);
    h.activate(&key, 4).await.error(1705);
    h.activate(&key, 1).await.error(1705);
    h.post(
        paths::DEACTIVATE,
        &json!({"license_key": key, "activation_id": third["activation"]["id"]}),
    )
    .await
    .error(1710);

    let now = h.clock_now();
    let valid: Vec<&String> = leases
        .iter()
        .filter(|c| c.exp + c.grace > now)
        .map(|c| &c.fpr)
        .collect();
    assert_eq!(valid.len(), 3, "{valid:?}");
    assert!(valid.len() <= 2 + 1);
    let machines: std::collections::BTreeSet<_> = valid.iter().collect();
    assert_eq!(machines.len(), 3, "three different machines");
}

#[tokio::test]
async fn the_keys_endpoint_is_public_and_serves_the_signing_key() {
    let golden = concat!(env!("CARGO_MANIFEST_DIR"), "/../protocol/golden/");
    let key = LeaseKey::read(std::path::Path::new(&format!("{golden}lease-key.pem"))).expect("pem");
    let other = LeaseKey::generate().expect("key");
    let leases = Leases::new(key, &[other.verifying_key()], LeaseSettings::default());
    let h = Harness::with_leases(roomy(), Some(SECRET), Some(leases)).await;

    let reply = h.get_keys().await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.headers.get("content-type").map(|v| v.as_bytes()),
        Some(&b"application/json"[..])
    );
    let served: JwkSet = serde_json::from_slice(&reply.body).expect("a JWK Set");
    let golden_set: JwkSet = serde_json::from_str(
        &std::fs::read_to_string(format!("{golden}lease-keys.json")).expect("golden"),
    )
    .expect("golden set");
    assert_eq!(served.keys[0], golden_set.keys[0], "the signing key first");
    assert_eq!(served.keys[1].kid, other.kid(), "then the published ones");
    let answer = h.activate(&h.license(1).await, 1).await.ok();
    assert_eq!(header_of(&answer)["kid"], "ks1-21fe31dfa154a261");
    lease_of(&answer, &served);

    // Needs no secret either: a server without one still publishes its keys.
    let bare = Harness::with(roomy(), None).await;
    assert_eq!(bare.get_keys().await.status, StatusCode::OK);
    assert_eq!(bare.keys().await.keys.len(), 1);
    // Only GET.
    let post = Request::post(paths::KEYS).body(Body::empty()).expect("req");
    let response = h.app.clone().oneshot(post).await.expect("infallible");
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn a_server_without_leases_answers_as_v1() {
    let h = Harness::with_leases(roomy(), Some(SECRET), None).await;
    let key = h.license(1).await;
    let answer = h.activate(&key, 1).await.ok();
    assert!(answer.get("lease").is_none(), "{answer}");
    let status = h.post(paths::STATUS, &status_body(&key, 1)).await.ok();
    assert!(status.get("lease").is_none(), "{status}");
    assert_eq!(h.get_keys().await.status, StatusCode::NOT_FOUND);
}
