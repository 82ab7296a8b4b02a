//! One journey per other vendor's server in the real window: the app
//! configured for the vendor (`config.json`, credentials in the real
//! keychain) against its contract server, a refused key with its friendly
//! message, then the working key, and the device list or where to free a
//! device instead.

use fantoccini::{Client, Locator};
use keyslot_contract::licensekit::KEY_ID;
use keyslot_contract::{API_KEY, GOOD_KEY, SECRET};
use keyslot_e2e::world::{World, screenshot, testid, visible_text, within_limit};

use crate::journeys::{ENTER, assert_active, attr, click};

/// Types `key` into the Activate view and presses Enter.
async fn activate(client: &Client, key: &str) {
    let input = testid(client, "key-input").await;
    input.clear().await.expect("clears");
    input
        .send_keys(&format!("{key}{ENTER}"))
        .await
        .expect("types");
}

/// The vendor's journey: `refused` is a key it refuses, `title` words of
/// the catalog's title for it.
async fn journey(
    provider: &str,
    server: &wiremock::MockServer,
    refused: &str,
    title: &str,
    lists_devices: bool,
) {
    within_limit(async {
        let world = World::start();
        let mut config = serde_json::json!({ "server": server.uri(), "provider": provider });
        if provider == "licensekit" {
            // Over plain HTTP, LicenseKit's signing keys must be pinned.
            let pinned = [(KEY_ID, keyslot_contract::licensekit::public_key())];
            config["public_keys"] = serde_json::json!(std::collections::BTreeMap::from(pinned));
        }
        world.configure(&config);
        world.store_secret("api-key", API_KEY);
        world.store_secret("api-secret", SECRET);
        let client = world.launch_with(&[]).await;

        activate(&client, refused).await;
        let shown = testid(&client, "error-title")
            .await
            .text()
            .await
            .expect("text");
        assert!(shown.contains(title), "{provider}: {shown:?}");
        let text = visible_text(&client).await;
        assert!(
            !text.contains(SECRET) && !text.contains(API_KEY),
            "{provider}: a credential on the page"
        );
        screenshot(&client, &format!("{provider}-refused")).await;

        activate(&client, GOOD_KEY).await;
        assert_active(&client).await;
        assert_eq!(attr(&client, "seats", "data-total").await, "3");
        let devices_tab = client
            .find(Locator::Css("[data-testid='nav-devices']"))
            .await
            .is_ok();
        assert_eq!(devices_tab, lists_devices, "{provider}: the Devices tab");
        if lists_devices {
            click(&client, "nav-devices").await;
            testid(&client, "this-device-badge").await;
            let text = visible_text(&client).await;
            assert!(text.contains("old-laptop"), "{provider}: {text}");
        } else {
            let elsewhere = testid(&client, "free-elsewhere")
                .await
                .text()
                .await
                .expect("text");
            assert!(elsewhere.contains("vendor"), "{provider}: {elsewhere:?}");
        }
        screenshot(&client, &format!("{provider}-license")).await;
        world.close(client).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn appauth() {
    let server = keyslot_contract::appauth::start().await;
    journey(
        "appauth",
        &server,
        "V-hwid_mismatch",
        "in use on another device",
        false,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn geckoguard() {
    let server = keyslot_contract::geckoguard::start(Default::default()).await;
    journey("geckoguard", &server, "R-LICENSE_EXPIRED", "expired", false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn licensekit() {
    let server = keyslot_contract::licensekit::start().await;
    journey(
        "licensekit",
        &server,
        "E-LICENSE_INACTIVE",
        "isn't active",
        true,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn licentric() {
    let server = keyslot_contract::licentric::start().await;
    journey(
        "licentric",
        &server,
        "E-422-MACHINE_LIMIT_EXCEEDED",
        "doesn't allow",
        true,
    )
    .await;
}
