//! Leases through `LicenseService`, against the real server (which issues
//! them): kept on activation and renewed by status, the license from the
//! lease when the server is gone, deleted when the key is revoked or the
//! license forgotten, and refused from a user's own server.

use keyslot_core::catalog::Kind;
use keyslot_core::error::LicenseError;
use keyslot_core::lease::{self, Verdict};
use keyslot_core::secrets::{SecretName, SecretStore};
use keyslot_server::admin::AdminState;

use crate::journey::{Reference, machine};
use crate::license_key;

fn checked(m: &crate::journey::Machine, keys: &keyslot_protocol::lease::JwkSet) -> Verdict {
    lease::check_here(m.dir.path(), m.service.machine(), keys, now(), &[])
        .expect("checks")
        .stage
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs() as i64
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lease_is_kept_renewed_and_speaks_for_the_license_offline() {
    let server = Reference::start().await;
    let keys = server.lease_keys().await;
    let key = server.license(2).await;
    let ada = machine(&server.url(), 1);
    let ada = crate::journey::Machine {
        service: ada.service.with_lease_keys(keys.clone()),
        ..ada
    };

    let view = ada
        .service
        .activate(&license_key(&key))
        .await
        .expect("activates");
    let lease = view.lease.expect("a lease with the activation");
    assert_eq!(lease.stage, Verdict::Valid);
    assert!(!view.offline);
    assert_eq!(
        checked(&ada, &keys),
        Verdict::Valid,
        "the CLI's check agrees"
    );
    let stored = std::fs::read_to_string(ada.dir.path().join("lease.jwt")).expect("kept");
    assert!(!stored.contains(&key), "the lease holds no key");
    let copy = ada
        .secrets
        .get(SecretName::LeaseAnchor)
        .expect("readable")
        .expect("the anchor's second copy, in the keychain");
    assert!(copy.expose().contains("boot_id"), "an anchor");

    let renewed = ada.service.status().await.expect("status");
    assert!(renewed.lease.is_some() && !renewed.offline);

    // Support sees the lease, its key id and trusted time; never the key.
    let diagnostics = ada.service.diagnose().await;
    let kept = diagnostics.lease.clone().expect("the lease in diagnostics");
    assert_eq!(kept.stage, Verdict::Valid);
    assert!(
        kept.key_id
            .as_deref()
            .is_some_and(|kid| kid.starts_with("ks1-"))
    );
    assert!(kept.trusted_time.is_some());
    let report = ada.service.support_report(&diagnostics, None);
    assert!(report.contains("lease:        Valid, issued "), "{report}");
    assert!(report.contains("time:         trusted "), "{report}");
    assert!(!report.contains(&key), "{report}");

    // The server goes away: the lease speaks, calmly.
    server.server.stop().await.expect("stops");
    let offline = ada.service.status().await.expect("the lease holds");
    assert!(offline.offline);
    assert_eq!(
        offline.lease.as_ref().map(|l| l.stage),
        Some(Verdict::Valid)
    );
    assert_eq!((offline.seats_used, offline.seats_total), (1, 2));
    assert_eq!(offline.key_hint, view.key_hint);
    assert!(offline.this_device.this_device);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_key_or_a_forgotten_license_takes_its_lease_along() {
    let server = Reference::start().await;
    let (key, ada) = server.activated(2).await;
    let lease_file = ada.dir.path().join("lease.jwt");
    assert!(lease_file.exists(), "kept (keys fetched: nothing pinned)");
    assert!(
        ada.dir.path().join("lease-keys.json").exists(),
        "the server's keys kept, for development"
    );

    // A mistyped key on the Activate view deletes nothing.
    let unknown = ada
        .service
        .activate(&license_key("KS-AAAAA-AAAAA-AAAAA-AAAAA"))
        .await
        .expect_err("unknown");
    assert_eq!(unknown.report().kind, Kind::InvalidKey);
    assert!(lease_file.exists());

    server.set_state(&key, AdminState::Revoked).await;
    let revoked = ada.service.status().await.expect_err("revoked");
    assert_eq!(revoked.report().kind, Kind::Revoked);
    assert!(!lease_file.exists(), "a revoked key's lease is deleted");

    let bob = machine(&server.url(), 2);
    let other = server.license(1).await;
    bob.service
        .activate(&license_key(&other))
        .await
        .expect("activates");
    assert!(bob.dir.path().join("lease.jwt").exists());
    bob.service.forget().await.expect("forgets");
    assert!(!bob.dir.path().join("lease.jwt").exists(), "forgotten");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_users_own_server_with_the_shared_secret_activates_nothing() {
    // The vendor's server, whose lease key the app pins...
    let vendor = Reference::start().await;
    let pinned = vendor.lease_keys().await;
    // ...and a server someone runs with the same HMAC secret and a key of their own.
    let own = Reference::start().await;
    let key = own.license(5).await;
    let ada = machine(&own.url(), 1);
    let service = ada.service.with_lease_keys(pinned);
    let error = service
        .activate(&license_key(&key))
        .await
        .expect_err("its lease doesn't verify");
    assert!(matches!(error, LicenseError::Tampered { .. }), "{error:?}");
    assert_eq!(error.report().kind, Kind::Tampered);
    assert_eq!(
        ada.secrets.get(SecretName::LicenseKey).expect("readable"),
        None
    );
    assert!(!ada.dir.path().join("lease.jwt").exists(), "nothing kept");
    let state = std::fs::read_to_string(ada.dir.path().join("state.json")).unwrap_or_default();
    assert!(!state.contains("act_"), "no activation recorded: {state}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_data_directory_copied_to_another_machine_holds_no_license_there() {
    let server = Reference::start().await;
    let keys = server.lease_keys().await;
    let (_, ada) = server.activated(2).await;
    assert_eq!(checked(&ada, &keys), Verdict::Valid);
    // Bob copies Ada's state and lease (not her machine id).
    let bob = machine(&server.url(), 2);
    for file in ["state.json", "lease.jwt", "lease-anchor.json"] {
        std::fs::copy(ada.dir.path().join(file), bob.dir.path().join(file)).expect("copied");
    }
    assert_eq!(checked(&bob, &keys), Verdict::OtherMachine);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fetched_keys_are_fetched_again_for_an_unknown_key_id_at_most_once_a_day() {
    let server = Reference::start().await;
    let other = Reference::start().await.lease_keys().await;
    let key = server.license(2).await;
    let kept = |m: &crate::journey::Machine| m.dir.path().join("lease-keys.json");

    // Kept just now, without the server's key: not fetched again yet.
    let ada = machine(&server.url(), 1);
    std::fs::write(kept(&ada), serde_json::to_string(&other).expect("json")).expect("kept");
    let error = ada
        .service
        .activate(&license_key(&key))
        .await
        .expect_err("the kid is not kept");
    assert!(matches!(error, LicenseError::Tampered { .. }), "{error:?}");

    // Kept two days ago: fetched again, and the lease verifies.
    let two_days_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 86_400);
    std::fs::File::options()
        .write(true)
        .open(kept(&ada))
        .and_then(|f| f.set_modified(two_days_ago))
        .expect("aged");
    let view = ada
        .service
        .activate(&license_key(&key))
        .await
        .expect("activates with the fetched keys");
    assert!(view.lease.is_some());
    let now_kept = std::fs::read_to_string(kept(&ada)).expect("kept");
    assert_eq!(
        serde_json::from_str::<keyslot_protocol::lease::JwkSet>(&now_kept).expect("a set"),
        server.lease_keys().await
    );
}
