//! The license offline, in the real window: the app configured for a real
//! `keyslot-server` (on 127.0.0.1, short leases) with the vendor's lease key
//! pinned in `config.json`; activated, then the server gone: the License
//! view from the lease with its calm offline line, then the grace banner,
//! then the expired lease's message.

use std::time::Duration;

use keyslot_e2e::axe;
use keyslot_e2e::world::{World, app_binary, screenshot, testid, visible_text, within_limit};
use keyslot_server::lease::{LeaseOptions, LeaseSettings};
use keyslot_server::serve::Server;
use keyslot_server::{Limits, Secret};

use crate::journeys::{ENTER, assert_active};

const SECRET: &str = "e2e-offline-secret";
/// Seconds a lease lasts, and its grace: long enough for a launch.
const TTL: i64 = 20;
const GRACE: i64 = 20;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_the_license_holds_then_asks_to_connect_then_ends() {
    // Each theme waits out a lease and its grace (40 s): a limit each.
    within_limit(journey("light", &[])).await;
    within_limit(journey("dark", &[("GTK_THEME", "Adwaita:dark")])).await;
}

/// The journey on a desktop of `theme` (its `env`); each state checked by
/// axe as `<state>-<theme>`, the light one's screenshots kept.
async fn journey(theme: &str, env: &[(&str, &str)]) {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Server::open_with(
        "127.0.0.1:0".parse().expect("addr"),
        &keyslot_server::db::Location::sqlite(dir.path().join("licenses.db")),
        Secret::new(SECRET),
        Limits::default(),
        Some(&LeaseOptions {
            settings: LeaseSettings {
                ttl: TTL,
                renew: TTL,
                grace: GRACE,
                ..LeaseSettings::default()
            },
            ..LeaseOptions::default()
        }),
        &keyslot_server::serve::Backing::default(),
    )
    .await
    .expect("serves");
    let pinned = server
        .state()
        .leases
        .as_ref()
        .expect("leases")
        .key_set()
        .clone();
    let key = keyslot_server::store::create_license(
        server.db(),
        keyslot_server::keys::generate(),
        2,
        None,
        0,
    )
    .await
    .expect("license");

    let world = World::start_with(app_binary("debug"), env);
    world.configure(&serde_json::json!({
        "server": format!("http://{}", server.addr),
        "lease_keys": pinned,
    }));
    world.store_secret("api-secret", SECRET);
    let client = world.launch_with(&[]).await;
    let input = testid(&client, "key-input").await;
    input
        .send_keys(&format!("{key}{ENTER}"))
        .await
        .expect("types");
    assert_active(&client).await;
    world.close(client).await;
    let activated = std::time::Instant::now();

    // The server goes away; the app starts again: the lease holds.
    server.stop().await.expect("stops");
    let client = world.launch_with(&[]).await;
    assert_active(&client).await;
    let line = testid(&client, "offline-line")
        .await
        .text()
        .await
        .expect("text");
    assert!(line.starts_with("Offline · works until "), "{line:?}");
    assert!(
        !visible_text(&client).await.contains(&key),
        "the key is not on the page"
    );
    axe::check(&client, &format!("license-offline-{theme}")).await;
    if theme == "light" {
        screenshot(&client, "license-offline").await;
    }
    world.close(client).await;

    // Past the lease's end: grace, still working, asking to connect.
    sleep_until(activated, TTL + 1).await;
    let client = world.launch_with(&[]).await;
    assert_active(&client).await;
    let banner = testid(&client, "grace-banner")
        .await
        .text()
        .await
        .expect("text");
    assert!(
        banner.contains("Connect to the internet within"),
        "{banner:?}"
    );
    testid(&client, "check-now").await;
    axe::check(&client, &format!("license-grace-{theme}")).await;
    if theme == "light" {
        screenshot(&client, "license-grace").await;
    }
    world.close(client).await;

    // Past the grace: the catalog's message, no raw code.
    sleep_until(activated, TTL + GRACE + 1).await;
    let client = world.launch_with(&[]).await;
    let title = testid(&client, "error-title")
        .await
        .text()
        .await
        .expect("text");
    assert_eq!(title, "Connect to keep using this license");
    assert!(!visible_text(&client).await.contains("lease_expired"));
    axe::check(&client, &format!("license-lease-expired-{theme}")).await;
    if theme == "light" {
        screenshot(&client, "license-lease-expired").await;
    }
    world.close(client).await;
}

/// Waits until `secs` after `start`.
async fn sleep_until(start: std::time::Instant, secs: i64) {
    let at = start + Duration::from_secs(secs.unsigned_abs());
    tokio::time::sleep(at.saturating_duration_since(std::time::Instant::now())).await;
}
