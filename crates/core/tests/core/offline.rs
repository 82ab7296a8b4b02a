//! A license without a network through `LicenseService`, against the real
//! server's offline page: a request keeps its key aside until a license
//! file for it is imported, and a file that fails changes nothing.

use keyslot_core::error::LicenseError;
use keyslot_core::lease::Verdict;
use keyslot_core::secrets::{SecretName, SecretStore};

use crate::journey::{Machine, Reference, machine};
use crate::license_key;

/// The license file the server's offline page answers for `code`.
async fn page(server: &Reference, code: &str) -> String {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let answer = reqwest::Client::new()
        .post(format!("{}/offline/activate", server.url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("code={code}&download=1"))
        .send()
        .await
        .expect("the page answers");
    assert_eq!(answer.status(), 200);
    answer.text().await.expect("text")
}

fn stored(m: &Machine, name: SecretName) -> Option<String> {
    m.secrets
        .get(name)
        .expect("readable")
        .map(|s| s.expose().clone())
}

fn refused(result: Result<keyslot_core::service::LicenseView, LicenseError>) -> Verdict {
    match result {
        Err(LicenseError::LeaseFile(stage)) => stage,
        other => panic!("not refused as a license file: {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_license_file_replaces_a_working_key_only_when_it_holds_for_this_machine_and_key() {
    let server = Reference::start().await;
    let keys = server.lease_keys().await;
    let (working, ada) = server.activated(2).await;
    let ada = Machine {
        service: ada.service.with_lease_keys(keys.clone()),
        ..ada
    };
    let kept_lease = std::fs::read_to_string(ada.dir.path().join("lease.jwt")).expect("kept");
    let (other, next) = (server.license(2).await, server.license(2).await);

    // A request for another key waits beside the working one.
    let for_other = ada
        .service
        .offline_request(&license_key(&other))
        .await
        .expect("a request");
    assert!(for_other.code.starts_with("KSR1.") && !for_other.code.contains(&other));
    assert!(for_other.qr_svg.starts_with("<svg") && for_other.qr_svg.ends_with("</svg>"));
    assert_eq!(
        for_other.page_url,
        format!("{}/offline#{}", server.url(), for_other.code)
    );
    assert_eq!(
        stored(&ada, SecretName::LicenseKey).as_deref(),
        Some(working.as_str())
    );
    assert_eq!(
        stored(&ada, SecretName::PendingLicenseKey).as_deref(),
        Some(other.as_str())
    );
    let other_lease = page(&server, &for_other.code).await;

    // The request is replaced by one for `next`: `other`'s file matches no key here.
    let for_next = ada
        .service
        .offline_request(&license_key(&next))
        .await
        .expect("a request");
    assert_eq!(
        refused(ada.service.import_lease(&other_lease).await),
        Verdict::OtherKey
    );

    // Another machine's file, a cut one, junk: refused the same calm way.
    let bob = machine(&server.url(), 2);
    let bobs = bob
        .service
        .offline_request(&license_key(&next))
        .await
        .expect("bob's request");
    let bobs_lease = page(&server, &bobs.code).await;
    assert_eq!(
        refused(ada.service.import_lease(&bobs_lease).await),
        Verdict::OtherMachine
    );
    let next_lease = page(&server, &for_next.code).await;
    let cut = &next_lease[..next_lease.len() - 3];
    assert_eq!(
        refused(ada.service.import_lease(cut).await),
        Verdict::Tampered
    );
    assert_eq!(
        refused(ada.service.import_lease("not a license").await),
        Verdict::Malformed
    );
    assert_eq!(
        refused(ada.service.import_lease(&"x".repeat(20_000)).await),
        Verdict::Malformed
    );
    // Nothing changed: the working key, its lease, and the waiting request.
    assert_eq!(
        stored(&ada, SecretName::LicenseKey).as_deref(),
        Some(working.as_str())
    );
    assert_eq!(
        std::fs::read_to_string(ada.dir.path().join("lease.jwt")).expect("kept"),
        kept_lease
    );
    assert_eq!(
        stored(&ada, SecretName::PendingLicenseKey).as_deref(),
        Some(next.as_str())
    );

    // The file for `next` holds: it becomes the license here, activated offline.
    let view = ada
        .service
        .import_lease(&next_lease)
        .await
        .expect("imported");
    assert!(view.activated_offline && view.offline);
    assert_eq!(view.key_hint, license_key(&next).masked());
    assert_eq!(
        stored(&ada, SecretName::LicenseKey).as_deref(),
        Some(next.as_str())
    );
    assert_eq!(stored(&ada, SecretName::PendingLicenseKey), None);

    // Once the server is reached, the seat is simply confirmed online.
    let online = ada.service.status().await.expect("status");
    assert!(!online.activated_offline && !online.offline);
    assert_eq!(online.this_device.id, view.this_device.id);

    // A renewal imported while a request for another key waits leaves that request waiting.
    let waiting = server.license(1).await;
    ada.service
        .offline_request(&license_key(&waiting))
        .await
        .expect("a request");
    let renewal = ada.service.renewal_request().await.expect("a renewal");
    assert_eq!(renewal.kind, "renew");
    let renewed = page(&server, &renewal.code).await;
    ada.service.import_lease(&renewed).await.expect("renewed");
    assert_eq!(
        stored(&ada, SecretName::LicenseKey).as_deref(),
        Some(next.as_str())
    );
    assert_eq!(
        stored(&ada, SecretName::PendingLicenseKey).as_deref(),
        Some(waiting.as_str())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_old_license_file_imported_again_never_turns_trusted_time_back() {
    let server = Reference::start().await;
    let keys = server.lease_keys().await;
    let key = server.license(1).await;
    let ada = machine(&server.url(), 1);
    let ada = Machine {
        service: ada.service.with_lease_keys(keys.clone()),
        ..ada
    };
    let request = ada
        .service
        .offline_request(&license_key(&key))
        .await
        .expect("a request");
    let first = page(&server, &request.code).await;
    ada.service.import_lease(&first).await.expect("imported");
    // A later renewal (leases count whole seconds).
    tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
    let renewal = ada.service.renewal_request().await.expect("a renewal");
    let renewed = page(&server, &renewal.code).await;
    let renewed_at = keyslot_protocol::lease::verify_lease(renewed.trim(), &keys)
        .expect("verifies")
        .iat;
    ada.service.import_lease(&renewed).await.expect("imported");
    // The first file again: it still holds, but trusted time stays where it was.
    ada.service.import_lease(&first).await.expect("imported");
    let anchor: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(ada.dir.path().join("lease-anchor.json")).expect("anchor"),
    )
    .expect("json");
    assert!(
        anchor["trusted"].as_i64().expect("trusted") >= renewed_at,
        "trusted time went back: {anchor}"
    );
    // Forgetting the license keeps the anchor: trusted time never resets.
    ada.service.forget_offline().await.expect("forgotten");
    assert!(ada.dir.path().join("lease-anchor.json").exists());
    assert!(
        ada.secrets
            .get(SecretName::LeaseAnchor)
            .expect("readable")
            .is_some()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_pinned_keys_a_license_file_cannot_be_checked() {
    let server = Reference::start().await;
    let key = server.license(1).await;
    let ada = machine(&server.url(), 1);
    // A key set in the data directory is the user's to write: it pins nothing.
    std::fs::write(
        ada.dir.path().join("lease-keys.json"),
        serde_json::to_string(&server.lease_keys().await).expect("json"),
    )
    .expect("written");
    let request = ada
        .service
        .offline_request(&license_key(&key))
        .await
        .expect("a request");
    let lease = page(&server, &request.code).await;
    assert!(matches!(
        ada.service.import_lease(&lease).await,
        Err(LicenseError::NoLeaseKeys)
    ));
    assert_eq!(stored(&ada, SecretName::LicenseKey), None);
}
