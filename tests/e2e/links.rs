//! `keyslot://` links handed to the running app by a second launch, which is
//! what the desktop does with the entry's `Exec=keyslot-app %u`.

use std::path::Path;
use std::time::{Duration, Instant};

use fantoccini::Client;

use keyslot_e2e::world::{World, app_binary, eval, screenshot, testid, within_limit};

use crate::journeys::{ENTER, assert_active, demo_key, focused};

/// How long a second launch may take to hand its link over and exit.
const HAND_OVER_LIMIT: Duration = Duration::from_secs(20);

/// Opens `url` the way the desktop does, by launching `launcher` with `args`
/// and the URL, and waits for that launch to end.
pub(crate) fn open_link(world: &World, launcher: &Path, args: &[&str], url: &str) {
    let mut all = args.to_vec();
    all.push(url);
    let mut launch = world.spawn(launcher, &all);
    let started = Instant::now();
    loop {
        if let Some(status) = launch.try_wait().expect("wait") {
            assert!(status.success(), "{} exited {status}", launcher.display());
            return;
        }
        assert!(
            started.elapsed() < HAND_OVER_LIMIT,
            "{} did not hand the link over and exit",
            launcher.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The value of the key field, once it is `key` (waits up to 20 s).
pub(crate) async fn wait_for_key_field(client: &Client, key: &str) {
    let started = Instant::now();
    loop {
        let value = eval(
            client,
            "const e = document.querySelector(\"[data-testid='key-input']\"); return e ? e.value : null",
        )
        .await;
        if value.as_str() == Some(key) {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the key field never showed the link's key (it holds {value})"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The screen the window shows (`main[data-screen]`).
pub(crate) async fn screen(client: &Client) -> String {
    eval(
        client,
        "return document.querySelector('main').dataset.screen",
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

/// Fills the key and focuses Activate, waits for a press, and activates
/// on Enter.
pub(crate) async fn a_link_fills_the_key_and_waits_for_enter(
    world: &World,
    client: &Client,
    launcher: &Path,
    args: &[&str],
) {
    let key = demo_key(client, "1 free").await;
    open_link(
        world,
        launcher,
        args,
        &format!("keyslot://activate?key={key}&utm_source=mail"),
    );
    wait_for_key_field(client, &key).await;
    assert_eq!(focused(client).await, "activate-button");
    // Nothing is activated without the press.
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(screen(client).await, "activate");
    assert!(
        !world.demo_data_dir().join("state.json").exists(),
        "a license was stored before Enter"
    );
    client
        .active_element()
        .await
        .expect("the focused element")
        .send_keys(ENTER)
        .await
        .expect("enter");
    assert_active(client).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_launch_with_a_link_fills_the_running_window_and_a_bad_link_shows_the_hint() {
    within_limit(async {
        let world = World::start();
        let client = world.launch().await;
        let app = app_binary("debug");
        a_link_fills_the_key_and_waits_for_enter(&world, &client, &app, &[]).await;

        // A bad key, while a license is active: the Activate view with the
        // catalog's hint, an empty field, and no dialog.
        open_link(&world, &app, &[], "KEYSLOT://activate?key=not%20a%20key%21");
        let hint = testid(&client, "link-hint")
            .await
            .text()
            .await
            .expect("text");
        assert!(hint.contains("doesn't look like a license key"), "{hint}");
        assert_eq!(screen(&client).await, "activate");
        assert_eq!(
            eval(
                &client,
                "return document.querySelector(\"[data-testid='key-input']\").value"
            )
            .await,
            ""
        );
        assert!(client.get_alert_text().await.is_err(), "a dialog opened");
        screenshot(&client, "link-bad-key").await;
        world.close(client).await;
    })
    .await;
}
