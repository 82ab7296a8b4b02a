//! The journeys of issue 4, each in its own world.
//!
//! Work in progress: they are `#[ignore]`d until the harness is reliable. In
//! this session the free-a-slot, revoked and support journeys ran and took
//! their screenshots, but the first journey hangs: after a successful
//! activation a WebDriver command never returns although the window already
//! shows the License view (it is not the click: submitting with Enter hangs
//! too; it is not a navigation: the form's submit is prevented). A hanging
//! test would stall CI, so run them by hand:
//! `cargo test -p keyslot-e2e -- --ignored --nocapture`.

use fantoccini::{Client, Locator};

use crate::harness::{World, screenshot, testid, visible_text};

/// Waits for the License view and checks the license is active.
async fn assert_active(client: &Client) {
    let state = testid(client, "license-state").await;
    assert_eq!(
        state.attr("data-state").await.expect("attr").as_deref(),
        Some("ACTIVE")
    );
}

/// Clicks the demo key labelled `label` and presses Activate.
async fn activate_demo_key(client: &Client, label: &str) {
    testid(client, "key-input").await;
    let keys = client
        .find_all(Locator::Css("[data-testid='demo-key']"))
        .await
        .expect("demo keys");
    let mut chosen = None;
    for key in keys {
        if key.text().await.unwrap_or_default().contains(label) {
            chosen = Some(key);
        }
    }
    chosen
        .unwrap_or_else(|| panic!("no demo key {label:?}"))
        .click()
        .await
        .expect("click demo key");
    // Enter submits (a real key press). A WebDriver click on Activate does not
    // return when a successful activation removes the button from the page.
    testid(client, "key-input")
        .await
        .send_keys("\u{E007}")
        .await
        .expect("enter");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "work in progress: see the module docs"]
async fn activate_the_free_demo_key_and_find_it_after_a_restart() {
    let world = World::start();
    let client = world.launch().await;
    activate_demo_key(&client, "1 free").await;
    assert_active(&client).await;
    let seats = testid(&client, "seats").await;
    assert_eq!(
        seats.attr("data-used").await.expect("attr").as_deref(),
        Some("3")
    );
    screenshot(&client, "license").await;
    client.close().await.expect("closes");

    // Restart: the license is read back from the keychain.
    let client = world.launch().await;
    assert_active(&client).await;
    client.close().await.expect("closes");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "work in progress: see the module docs"]
async fn a_full_license_offers_free_a_slot_and_then_activates() {
    let world = World::start();
    let client = world.launch().await;
    testid(&client, "demo-key").await;
    screenshot(&client, "activate").await;
    activate_demo_key(&client, "all in use").await;
    let action = testid(&client, "error-action").await;
    assert!(action.text().await.expect("text").contains("Free a slot"));
    screenshot(&client, "error-device-limit").await;
    action.click().await.expect("free a slot");
    testid(&client, "device-row").await;
    screenshot(&client, "free-a-slot").await;
    testid(&client, "free-button")
        .await
        .click()
        .await
        .expect("free");
    testid(&client, "confirm-button")
        .await
        .click()
        .await
        .expect("confirm");
    assert_active(&client).await;
    client.close().await.expect("closes");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "work in progress: see the module docs"]
async fn a_revoked_key_gets_the_friendly_message_without_its_raw_code() {
    let world = World::start();
    let client = world.launch().await;
    activate_demo_key(&client, "Revoked").await;
    let title = testid(&client, "error-title")
        .await
        .text()
        .await
        .expect("title");
    assert!(title.contains("revoked"), "{title}");
    let text = visible_text(&client).await;
    for raw in ["1708", "LICENSE_API_REVOKED"] {
        assert!(
            !text.contains(raw),
            "the raw code {raw} is visible:\n{text}"
        );
    }
    screenshot(&client, "error-revoked").await;
    client.close().await.expect("closes");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "work in progress: see the module docs"]
async fn the_support_page_shows_diagnostics_without_the_key() {
    let world = World::start();
    let client = world.launch().await;
    let key = {
        testid(&client, "key-input").await;
        let first = testid(&client, "demo-key").await;
        first.attr("data-key").await.expect("attr").expect("a key")
    };
    activate_demo_key(&client, "1 free").await;
    testid(&client, "license-state").await;
    testid(&client, "nav-support")
        .await
        .click()
        .await
        .expect("support");
    testid(&client, "copy-report").await;
    let text = visible_text(&client).await;
    assert!(!text.contains(&key), "the full key is on the support page");
    screenshot(&client, "support").await;
    client.close().await.expect("closes");
}
