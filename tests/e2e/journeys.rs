//! The journeys of issue 4, each in its own world, in the real window.

use fantoccini::{Client, Locator};

use keyslot_e2e::world::{
    World, app_binary, demo_key_button, eval, screenshot, testid, visible_text, within_limit,
};

pub(crate) const ENTER: &str = "\u{E007}";

/// Waits for the License view and checks the license is active.
pub(crate) async fn assert_active(client: &Client) {
    let state = testid(client, "license-state").await;
    assert_eq!(
        state.attr("data-state").await.expect("attr").as_deref(),
        Some("ACTIVE")
    );
}

/// The `data-*` attribute `name` of the element with `data-testid` `id`.
pub(crate) async fn attr(client: &Client, id: &str, name: &str) -> String {
    testid(client, id)
        .await
        .attr(name)
        .await
        .expect("attr")
        .unwrap_or_else(|| panic!("[data-testid={id}] has no {name}"))
}

/// Clicks the element with `data-testid` `id`.
pub(crate) async fn click(client: &Client, id: &str) {
    testid(client, id)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("click [data-testid={id}]: {e}"));
}

/// The demo key labelled `label` (from the Activate view).
pub(crate) async fn demo_key(client: &Client, label: &str) -> String {
    demo_key_button(client, label)
        .await
        .attr("data-key")
        .await
        .expect("attr")
        .expect("key")
}

/// Clicks the demo key `key` (by its key: labels are in the app's
/// language) and submits with Enter.
pub(crate) async fn activate_demo(client: &Client, key: &str) {
    client
        .wait()
        .for_element(Locator::Css(&format!("[data-key='{key}']")))
        .await
        .expect("the demo key")
        .click()
        .await
        .expect("fills the key");
    testid(client, "key-input")
        .await
        .send_keys(ENTER)
        .await
        .expect("enter");
}

/// Clicks the demo key labelled `label` and submits with Enter.
async fn activate_demo_key(client: &Client, label: &str) {
    demo_key_button(client, label)
        .await
        .click()
        .await
        .expect("click demo key");
    testid(client, "key-input")
        .await
        .send_keys(ENTER)
        .await
        .expect("enter");
}

/// The `data-testid` of the focused element, or its tag name.
pub(crate) async fn focused(client: &Client) -> String {
    eval(
        client,
        "const e = document.activeElement; return e.dataset.testid || e.tagName",
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn activate_by_keyboard_free_a_device_and_find_the_license_after_a_restart() {
    within_limit(async {
        let world = World::start();
        let client = world.launch().await;
        let key = demo_key(&client, "1 free").await;
        screenshot(&client, "activate").await;

        // Keyboard only: the key field has the focus; type the key, press Enter.
        assert_eq!(focused(&client).await, "key-input");
        client
            .active_element()
            .await
            .expect("focused element")
            .send_keys(&format!("  {key} {ENTER}"))
            .await
            .expect("types");
        assert_active(&client).await;
        assert_eq!(attr(&client, "seats", "data-used").await, "3");
        assert_eq!(focused(&client).await, "H1", "focus moves to the new view");
        let text = visible_text(&client).await;
        assert!(!text.contains(&key), "the full key is visible:\n{text}");
        assert!(text.contains(&key[key.len() - 4..]), "no key hint:\n{text}");
        assert_eq!(
            world.keychain_entry("license-key").as_deref(),
            Some(key.as_str()),
            "the key is in the real keychain"
        );
        screenshot(&client, "license").await;

        // Devices: free another device after a confirmation that names it.
        click(&client, "nav-devices").await;
        testid(&client, "this-device-badge").await;
        let rows = client
            .find_all(Locator::Css("[data-testid='device-row']"))
            .await
            .expect("rows");
        assert_eq!(rows.len(), 3);
        screenshot(&client, "devices").await;
        let mut other = None;
        for row in rows {
            if row
                .find(Locator::Css("[data-testid='this-device-badge']"))
                .await
                .is_err()
            {
                other = Some(row);
                break;
            }
        }
        let other = other.expect("a device other than this one");
        let name = other
            .find(Locator::Css("[data-testid='device-name']"))
            .await
            .expect("name")
            .text()
            .await
            .expect("text");
        other
            .find(Locator::Css("[data-testid='free-button']"))
            .await
            .expect("free button")
            .click()
            .await
            .expect("free");
        let dialog = testid(&client, "confirm-dialog")
            .await
            .text()
            .await
            .expect("text");
        assert!(
            dialog.contains(&name),
            "the confirmation names {name:?}:\n{dialog}"
        );
        click(&client, "confirm-button").await;
        client
            .wait()
            .for_element(Locator::Css("[data-testid='seats'][data-used='2']"))
            .await
            .expect("the count goes down to 2");
        world.close(client).await;

        // Restart: the license is read back from the keychain.
        let client = world.launch().await;
        assert_active(&client).await;
        assert_eq!(attr(&client, "seats", "data-used").await, "2");
        world.close(client).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_license_offers_free_a_slot_and_then_activates() {
    within_limit(async {
        let world = World::start();
        let client = world.launch().await;
        activate_demo_key(&client, "all in use").await;
        let action = testid(&client, "error-action").await;
        assert!(action.text().await.expect("text").contains("Free a slot"));
        screenshot(&client, "error-device-limit").await;
        action.click().await.expect("free a slot");
        testid(&client, "device-row").await;
        screenshot(&client, "free-a-slot").await;
        click(&client, "free-button").await;
        click(&client, "confirm-button").await;
        assert_active(&client).await;
        assert_eq!(attr(&client, "seats", "data-used").await, "3");
        assert_eq!(attr(&client, "seats", "data-total").await, "3");
        world.close(client).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_key_gets_the_friendly_message_without_its_raw_code() {
    within_limit(async {
        let world = World::start();
        let client = world.launch().await;
        activate_demo_key(&client, "Revoked").await;
        let title = testid(&client, "error-title")
            .await
            .text()
            .await
            .expect("title");
        assert!(title.contains("revoked"), "{title}");
        // What people copy for support can be selected.
        assert_eq!(
            eval(
                &client,
                "return getComputedStyle(document.querySelector(\"[data-testid='error-message']\")).webkitUserSelect",
            )
            .await,
            "text"
        );
        assert!(
            client
                .find_all(Locator::Css("[data-testid='error-step']"))
                .await
                .expect("steps")
                .len()
                >= 2,
            "numbered steps"
        );
        let text = visible_text(&client).await;
        for raw in ["1708", "LICENSE_API_REVOKED"] {
            assert!(
                !text.contains(raw),
                "the raw code {raw} is visible:\n{text}"
            );
        }
        screenshot(&client, "error-revoked").await;
        assert_eq!(world.keychain_entry("license-key"), None, "nothing stored");

        // Support asks for `keyslot report`: the app's refusal is in the
        // CLI's report, from another process, with what to do next.
        let secret = world.keychain_entry("api-secret").expect("the demo secret");
        let data = world.demo_data_dir();
        let report = world.cli(
            &["report"],
            &[
                ("KEYSLOT_SERVER", &world.demo_server_url()),
                ("KEYSLOT_API_SECRET", &secret),
                ("KEYSLOT_DATA_DIR", data.to_str().expect("utf-8")),
            ],
        );
        assert!(report.contains("reachable:    yes"), "{report}");
        assert!(
            report.contains("/api/v1/license/activate  403  license-api 1708 (This license was revoked)"),
            "{report}"
        );
        assert!(
            report.contains("next step:    This license was revoked (1708 at "),
            "{report}"
        );
        world.close(client).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_support_page_copies_a_report_without_the_key_or_a_secret() {
    within_limit(async {
        let world = World::start();
        let client = world.launch().await;
        let key = demo_key(&client, "1 free").await;
        activate_demo_key(&client, "1 free").await;
        assert_active(&client).await;
        click(&client, "nav-support").await;
        client
            .wait()
            .for_element(Locator::Css("[data-testid='diag-server'][data-ok='true']"))
            .await
            .expect("the server is reachable");
        assert_eq!(attr(&client, "diag-keychain", "data-ok").await, "true");
        click(&client, "copy-report").await;
        let outcome = client
            .wait()
            .for_element(Locator::XPath(
                "//*[@data-testid='copy-manual'] | \
                 //*[@data-testid='copy-status'][contains(., 'Copied')]",
            ))
            .await
            .expect("an outcome of copying");
        assert_eq!(
            outcome.attr("data-testid").await.expect("attr").as_deref(),
            Some("copy-status"),
            "the report reaches the clipboard (not the manual fallback)"
        );
        let report = world.clipboard();
        assert!(report.starts_with("Keyslot support report"), "{report}");
        assert!(
            report.contains(&key[key.len() - 4..]),
            "the key hint:\n{report}"
        );
        let secret = world.keychain_entry("api-secret").expect("the demo secret");
        for (what, value) in [("key", &key), ("API secret", &secret)] {
            assert!(
                !report.contains(value.as_str()),
                "the {what} is in the report"
            );
            let text = visible_text(&client).await;
            assert!(!text.contains(value.as_str()), "the {what} is on the page");
        }
        screenshot(&client, "support").await;
        world.close(client).await;

        let logs = world.app_logs();
        for expected in ["demo server running", "activated", &key[key.len() - 4..]] {
            assert!(
                logs.contains(expected),
                "{expected:?} is not logged:\n{logs}"
            );
        }
        for (what, value) in [("key", &key), ("API secret", &secret)] {
            assert!(!logs.contains(value.as_str()), "the {what} is in the log");
        }
    })
    .await;
}

/// The page's background colour and whether it prefers dark.
async fn theme(client: &Client) -> (bool, String) {
    let dark = eval(
        client,
        "return matchMedia('(prefers-color-scheme: dark)').matches",
    )
    .await
    .as_bool()
    .expect("bool");
    let background = eval(
        client,
        "return getComputedStyle(document.body).backgroundColor",
    )
    .await
    .as_str()
    .expect("colour")
    .to_owned();
    (dark, background)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_window_follows_the_desktop_theme() {
    within_limit(async {
        let world = World::start();
        let client = world.launch().await;
        testid(&client, "key-input").await;
        assert_eq!(theme(&client).await, (false, "rgb(246, 247, 249)".into()));
        world.close(client).await;
        drop(world);

        let world = World::start_with(app_binary("debug"), &[("GTK_THEME", "Adwaita:dark")]);
        let client = world.launch().await;
        testid(&client, "demo-key").await;
        assert_eq!(theme(&client).await, (true, "rgb(20, 23, 28)".into()));
        screenshot(&client, "activate-dark").await;
        world.close(client).await;
    })
    .await;
}
