//! The app in German and in Japanese: activate, an error with its steps,
//! the device list; and the language picker, remembered over a restart.

use fantoccini::{Client, Locator};
use keyslot_core::catalog::{self, Provider};
use keyslot_core::locale::Lang;

use keyslot_e2e::world::{World, app_binary, eval, screenshot, testid, within_limit};

use crate::journeys::{activate_demo, assert_active, click};

/// The one-line value of message `id` in `lang`'s `ui.ftl`.
fn ui_word(lang: Lang, id: &str) -> String {
    let path = format!(
        "{}/../../locales/{}/ui.ftl",
        env!("CARGO_MANIFEST_DIR"),
        lang.id()
    );
    let ftl = std::fs::read_to_string(&path).expect("ui.ftl");
    let prefix = format!("{id} = ");
    ftl.lines()
        .find_map(|line| line.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("{id} in {path}"))
        .to_owned()
}

/// The window's language, as its root element says.
async fn page_lang(client: &Client) -> String {
    eval(client, "return document.documentElement.lang")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// The journey in `lang`: a revoked key's error in the catalog's words of
/// `lang`, then the free key and the device list. Screenshots `<lang>-…`.
async fn journey(lang: Lang) {
    let world = World::start_with(app_binary("debug"), &[("KEYSLOT_LANG", lang.id())]);
    let client = world.launch().await;
    testid(&client, "demo-key").await;
    assert_eq!(page_lang(&client).await, lang.id());
    screenshot(&client, &format!("{}-activate", lang.id())).await;

    activate_demo(&client, "KS-DEMO-REVOKED").await;
    let revoked = catalog::lookup(Provider::LicenseApi, "1708", None, None);
    let title = testid(&client, "error-title")
        .await
        .text()
        .await
        .expect("title");
    assert_eq!(title, revoked.title(lang));
    let steps = client
        .find_all(Locator::Css("[data-testid='error-step']"))
        .await
        .expect("steps");
    assert_eq!(steps.len(), revoked.steps(lang).len());
    assert_eq!(steps[0].text().await.expect("step"), revoked.steps(lang)[0]);
    screenshot(&client, &format!("{}-error-revoked", lang.id())).await;

    click(&client, "nav-activate").await;
    activate_demo(&client, "KS-DEMO-FREE-SEAT").await;
    assert_active(&client).await;
    click(&client, "nav-devices").await;
    testid(&client, "this-device-badge").await;
    // The device list in the words of `lang`'s ui.ftl, which are not English.
    for (selector, id) in [
        ("main h1", "devices-title"),
        ("[data-testid='this-device-badge']", "devices-this-device"),
        ("[data-testid='free-button']", "devices-free-button"),
    ] {
        let shown = client
            .find(Locator::Css(selector))
            .await
            .unwrap_or_else(|e| panic!("{selector}: {e}"))
            .text()
            .await
            .expect("text");
        let word = ui_word(lang, id);
        assert_eq!(shown.trim(), word, "{lang:?} {id}");
        assert_ne!(word, ui_word(Lang::En, id), "{id} is translated");
    }
    screenshot(&client, &format!("{}-devices", lang.id())).await;
    world.close(client).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_journey_in_german() {
    within_limit(journey(Lang::De)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_journey_in_japanese_and_the_picker_is_remembered() {
    within_limit(async {
        journey(Lang::Ja).await;

        // The picker: English to Japanese, at once and after a restart.
        let world = World::start();
        let client = world.launch().await;
        testid(&client, "demo-key").await;
        assert_eq!(page_lang(&client).await, "en");
        let english = testid(&client, "nav-activate")
            .await
            .text()
            .await
            .expect("text");
        testid(&client, "language-picker")
            .await
            .select_by_value("ja")
            .await
            .expect("picks Japanese");
        client
            .wait()
            .for_element(Locator::Css("html[lang='ja']"))
            .await
            .expect("the window switches");
        let japanese = testid(&client, "nav-activate")
            .await
            .text()
            .await
            .expect("text");
        assert_ne!(japanese, english);
        let label = testid(&client, "demo-key")
            .await
            .text()
            .await
            .expect("label");
        assert!(!label.contains("seats"), "the demo keys follow: {label}");
        world.close(client).await;

        let client = world.launch().await;
        testid(&client, "demo-key").await;
        assert_eq!(page_lang(&client).await, "ja", "the pick is remembered");
        assert_eq!(
            testid(&client, "nav-activate")
                .await
                .text()
                .await
                .expect("text"),
            japanese
        );
        world.close(client).await;
    })
    .await;
}
