//! The whole user journey through `LicenseService`, against the real
//! `keyslot-server` over HTTP on 127.0.0.1:0 with a real SQLite file. Each
//! `Machine` is a separate service with its own fingerprint, keychain and state.

use std::sync::Arc;
use std::time::Duration;

use crate::{license_api, license_key};
use keyslot_core::catalog::{Action, Kind};
use keyslot_core::clock::SystemClock;
use keyslot_core::error::LicenseError;
use keyslot_core::fingerprint::{Components, ThisMachine};
use keyslot_core::key::LicenseKey;
use keyslot_core::secrets::{MemoryStore, SecretName, SecretStore};
use keyslot_core::service::{LicenseService, ServiceConfig};
use keyslot_core::state::StateFile;
use keyslot_core::transport::RetryPolicy;
use keyslot_protocol::LicenseState;
use keyslot_server::admin::AdminState;
use keyslot_server::serve::Server;
use keyslot_server::{Limits, Secret};

const SECRET: &str = "journey-secret-3f9a";

pub(crate) struct Reference {
    pub(crate) server: Server,
    _dir: tempfile::TempDir,
}

impl Reference {
    pub(crate) async fn start() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let limits = Limits {
            key_rate: 10_000,
            ip_rate: 10_000,
            ..Limits::default()
        };
        let addr = "127.0.0.1:0".parse().expect("addr");
        let server = Server::open(
            addr,
            &dir.path().join("licenses.db"),
            Secret::new(SECRET),
            limits,
        )
        .await
        .expect("serves");
        Self { server, _dir: dir }
    }

    pub(crate) fn url(&self) -> String {
        format!("http://{}", self.server.addr)
    }

    /// The lease keys the server serves (its JWK Set).
    pub(crate) async fn lease_keys(&self) -> keyslot_protocol::lease::JwkSet {
        // As the transport does: reqwest comes without a crypto provider.
        let _ = rustls::crypto::ring::default_provider().install_default();
        reqwest::get(format!("{}/api/v1/license/keys", self.url()))
            .await
            .expect("answers")
            .text()
            .await
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .expect("a JWK Set")
    }

    pub(crate) async fn license(&self, seats: u32) -> String {
        let key = keyslot_server::keys::generate();
        keyslot_server::store::create_license(self.server.db(), key, seats, None, 0)
            .await
            .expect("license")
    }

    /// A license of `seats` seats and machine 1 activated with it.
    pub(crate) async fn activated(&self, seats: u32) -> (String, Machine) {
        let key = self.license(seats).await;
        let ada = machine(&self.url(), 1);
        ada.service
            .activate(&license_key(&key))
            .await
            .expect("activates");
        (key, ada)
    }

    pub(crate) async fn set_state(&self, key: &str, state: AdminState) {
        keyslot_server::store::set_state(self.server.db(), key, state, 0)
            .await
            .expect("state");
    }
}

pub(crate) struct Machine {
    pub(crate) service: LicenseService,
    pub(crate) secrets: Arc<MemoryStore>,
    pub(crate) dir: tempfile::TempDir,
}

pub(crate) fn machine(url: &str, n: u32) -> Machine {
    let dir = tempfile::tempdir().expect("tempdir");
    let components = Components {
        machine_id: format!("machine-id-{n:04}"),
        cpu_arch: "x86_64".to_owned(),
        cpu_brand: "Test CPU".to_owned(),
        os_name: "Test OS".to_owned(),
    };
    let client = license_api(
        url,
        SECRET,
        RetryPolicy {
            base: Duration::from_millis(10),
            cap: Duration::from_millis(50),
            max_attempts: 3,
        },
    );
    let secrets = Arc::new(MemoryStore::default());
    let service = LicenseService::new(
        client,
        secrets.clone(),
        StateFile::in_dir(dir.path()),
        ThisMachine::from_components(
            &components,
            "keyslot-tests",
            format!("Machine {n} — Zoë’s ☕"),
        ),
        Arc::new(SystemClock),
        ServiceConfig {
            action_time: Duration::from_secs(5),
        },
    );
    Machine {
        service,
        secrets,
        dir,
    }
}

fn api_code(error: &LicenseError) -> &str {
    match error {
        LicenseError::Api(f) => &f.code,
        other => panic!("expected a server answer, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn activate_list_free_and_recover() {
    let server = Reference::start().await;
    let url = server.url();
    let key = server.license(2).await;
    let (ada, bob, cy) = (machine(&url, 1), machine(&url, 2), machine(&url, 3));

    // Activate: the view has what the License page shows.
    let view = ada
        .service
        .activate(&license_key(&format!("  {key}\n")))
        .await
        .expect("activates");
    assert_eq!(view.state, LicenseState::Active);
    assert_eq!((view.seats_used, view.seats_total), (1, 2));
    assert_eq!(view.key_hint, format!("…{}", &key[key.len() - 4..]));
    assert!(view.this_device.this_device);
    assert_eq!(view.this_device.name, "Machine 1 — Zoë’s ☕");
    let stored = ada
        .secrets
        .get(SecretName::LicenseKey)
        .expect("readable")
        .expect("stored");
    assert_eq!(
        stored.expose(),
        &key,
        "the key was trimmed and kept in the keychain"
    );

    bob.service
        .activate(&license_key(&key))
        .await
        .expect("second seat");
    let devices = ada.service.devices().await.expect("devices");
    assert_eq!(devices.devices.len(), 2);
    assert_eq!(devices.devices.iter().filter(|d| d.this_device).count(), 1);
    assert!(
        devices.devices[0].this_device,
        "Ada's is the oldest and hers"
    );

    // Cap reached: the error says "free a slot", and the flow works without storing the key.
    let full = cy
        .service
        .activate(&license_key(&key))
        .await
        .expect_err("all seats taken");
    assert_eq!(api_code(&full), "1705");
    let report = full.report();
    assert_eq!(
        (report.kind, report.action),
        (Kind::DeviceLimit, Action::FreeSlot)
    );
    assert!(report.request_id.is_some());
    assert!(
        cy.secrets
            .get(SecretName::LicenseKey)
            .expect("readable")
            .is_none()
    );
    // As pasted, with whitespace around it: the key is trimmed where it enters.
    let candidate = license_key(&format!(" {key}\n"));
    let listed = cy
        .service
        .devices_for(&candidate)
        .await
        .expect("lists without activating");
    assert!(listed.devices.iter().all(|d| !d.this_device));
    let bobs = listed
        .devices
        .iter()
        .find(|d| d.name.starts_with("Machine 2"))
        .expect("Bob's seat");
    let after = cy
        .service
        .free_for(&candidate, &bobs.id)
        .await
        .expect("frees");
    assert_eq!(after.seats_used, 1);
    let view = cy
        .service
        .activate(&license_key(&key))
        .await
        .expect("activates in the freed seat");
    assert_eq!(view.seats_used, 2);

    // Bob's machine lost its seat: its next status re-activates it (1709 recovery)… but the
    // license is full again, so the recovery reports the cap, and nothing is lost.
    let lost = bob.service.status().await.expect_err("full");
    assert_eq!(api_code(&lost), "1705");
    assert!(
        bob.secrets
            .get(SecretName::LicenseKey)
            .expect("readable")
            .is_some(),
        "key kept"
    );
    // Cy gives the seat back (forget); Bob's status now recovers by itself.
    cy.service.forget().await.expect("forgets");
    assert!(
        cy.secrets
            .get(SecretName::LicenseKey)
            .expect("readable")
            .is_none()
    );
    assert!(matches!(
        cy.service.status().await,
        Err(LicenseError::NotActivated)
    ));
    let recovered = bob
        .service
        .status()
        .await
        .expect("re-activated and retried once");
    assert_eq!(recovered.seats_used, 2);
    assert!(recovered.this_device.this_device);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_key_never_replaces_a_working_one() {
    let server = Reference::start().await;
    let url = server.url();
    let good = server.license(1).await;
    let revoked = server.license(1).await;
    server.set_state(&revoked, AdminState::Revoked).await;
    let ada = machine(&url, 1);
    ada.service
        .activate(&license_key(&good))
        .await
        .expect("activates");

    let error = ada
        .service
        .activate(&license_key(&revoked))
        .await
        .expect_err("revoked");
    assert_eq!(api_code(&error), "1708");
    assert_eq!(error.report().kind, Kind::Revoked);
    // A key of the wrong shape is refused where it enters, before any request.
    assert_eq!(
        LicenseKey::parse("not a key!"),
        Err(LicenseError::InvalidKeyFormat)
    );
    let unknown = ada
        .service
        .activate(&license_key("KS-AAAAA-AAAAA-AAAAA-AAAAA"))
        .await
        .expect_err("unknown");
    assert_eq!(unknown.report().kind, Kind::InvalidKey);

    let stored = ada
        .secrets
        .get(SecretName::LicenseKey)
        .expect("readable")
        .expect("kept");
    assert_eq!(stored.expose(), &good);
    assert_eq!(
        ada.service.status().await.expect("still licensed").state,
        LicenseState::Active
    );

    // A locked keychain is a clear error, and loses nothing either.
    ada.secrets.set_locked(true);
    let locked = ada.service.status().await.expect_err("locked");
    assert_eq!(locked.report().kind, Kind::KeychainUnavailable);
    ada.secrets.set_locked(false);
    ada.service.status().await.expect("unlocked again");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diagnostics_and_the_support_report_hold_no_secrets() {
    let server = Reference::start().await;
    let (key, ada) = server.activated(3).await;
    let failure = ada
        .service
        .activate(&license_key("KS-BBBBB-BBBBB-BBBBB-BBBBB"))
        .await
        .expect_err("unknown");

    let diagnostics = ada.service.diagnose().await;
    assert!(
        diagnostics.server_reachable,
        "{:?}",
        diagnostics.server_problem
    );
    assert!(diagnostics.server_problem.is_none());
    assert!(diagnostics.keychain.ok);
    assert!(diagnostics.fingerprint_changed.is_empty());
    assert_eq!(
        diagnostics.key_hint.as_deref(),
        Some(&*format!("…{}", &key[key.len() - 4..]))
    );
    assert!(diagnostics.recent.len() >= 3);
    assert!(
        diagnostics
            .recent
            .iter()
            .any(|o| o.code.as_ref().map(|c| c.code.as_str()) == Some("1703"))
    );

    let report = ada
        .service
        .support_report(&diagnostics, Some(&failure.report()));
    for secret in [
        key.as_str(),
        SECRET,
        "machine-id-0001",
        "KS-BBBBB-BBBBB-BBBBB-BBBBB",
    ] {
        assert!(
            !report.contains(secret),
            "report leaks {secret:?}:\n{report}"
        );
    }
    assert!(
        report.contains("1703") && report.contains("reachable:    yes"),
        "{report}"
    );
    let json = serde_json::to_string(&diagnostics).expect("serializes");
    assert!(!json.contains(&key) && !json.contains(SECRET));

    // With a wrong API secret the server is reachable, but nothing it says verifies.
    let wrong = {
        let client = license_api(&server.url(), "wrong-secret", RetryPolicy::default());
        let dir = tempfile::tempdir().expect("tempdir");
        let service = LicenseService::new(
            client,
            Arc::new(MemoryStore::default()),
            StateFile::in_dir(dir.path()),
            ada.service.machine().clone(),
            Arc::new(SystemClock),
            ServiceConfig::default(),
        );
        service.diagnose().await
    };
    assert!(wrong.server_reachable);
    let problem = wrong.server_problem.expect("a problem");
    assert_eq!(
        problem.code, "api_secret_rejected",
        "a wrong secret is named as such"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forget_frees_the_seat_the_server_knows_and_loses_nothing_on_failure() {
    let server = Reference::start().await;
    let url = server.url();
    let key = server.license(2).await;
    let (ada, bob) = (machine(&url, 1), machine(&url, 2));
    ada.service
        .activate(&license_key(&key))
        .await
        .expect("activates");
    bob.service
        .activate(&license_key(&key))
        .await
        .expect("activates");

    // Even with the local state gone, forget frees the seat the server says is ours.
    std::fs::remove_file(ada.dir.path().join("state.json")).expect("state removed");
    ada.service.forget().await.expect("forgets");
    assert!(
        ada.secrets
            .get(SecretName::LicenseKey)
            .expect("readable")
            .is_none()
    );
    assert_eq!(bob.service.devices().await.expect("devices").seats_used, 1);

    // A suspended license can't free its seat: forget fails and keeps everything.
    server.set_state(&key, AdminState::Suspended).await;
    let kept = bob.service.forget().await.expect_err("suspended");
    assert_eq!(api_code(&kept), "1704");
    assert!(
        bob.secrets
            .get(SecretName::LicenseKey)
            .expect("readable")
            .is_some()
    );
    server.set_state(&key, AdminState::Active).await;

    // Freeing this machine's own seat forgets the license here.
    let own = bob.service.status().await.expect("status").this_device.id;
    let freed = bob.service.free(&own).await.expect("frees");
    assert!(freed.forgot_this_device && freed.freed.this_device);
    assert_eq!(freed.seats_used, 0);
    assert!(
        bob.secrets
            .get(SecretName::LicenseKey)
            .expect("readable")
            .is_none()
    );
    assert!(matches!(
        bob.service.status().await,
        Err(LicenseError::NotActivated)
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forget_while_the_server_is_down_keeps_the_license() {
    let server = Reference::start().await;
    let url = server.url();
    let key = server.license(1).await;
    let ada = machine(&url, 1);
    ada.service
        .activate(&license_key(&key))
        .await
        .expect("activates");
    let state_before = std::fs::read(ada.dir.path().join("state.json")).expect("state");
    server.server.stop().await.expect("stops");

    let error = ada.service.forget().await.expect_err("offline");
    assert!(matches!(error, LicenseError::Network(_)), "{error:?}");
    assert!(
        ada.secrets
            .get(SecretName::LicenseKey)
            .expect("readable")
            .is_some(),
        "key kept"
    );
    assert_eq!(
        std::fs::read(ada.dir.path().join("state.json")).expect("state"),
        state_before
    );
}
