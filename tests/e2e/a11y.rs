//! Accessibility in the real window: axe-core in every view and state the
//! demo reaches, light and dark; the journeys by keyboard alone, with focus
//! where a person needs it; reduced motion; the window zoomed to 200%.

use fantoccini::{Client, Locator};

use keyslot_e2e::axe;
use keyslot_e2e::world::{World, app_binary, eval, screenshot, testid, within_limit};

use crate::journeys::{ENTER, activate_demo, assert_active, attr, click, focused};

const TAB: &str = "\u{E004}";
const SHIFT_TAB: &str = "\u{E008}\u{E004}\u{E000}";
const SPACE: &str = "\u{E00D}";
const ESCAPE: &str = "\u{E00C}";

/// Presses `keys` on whatever has the focus.
async fn press(client: &Client, keys: &str) {
    client
        .active_element()
        .await
        .expect("a focused element")
        .send_keys(keys)
        .await
        .expect("keys pressed");
}

/// The focused element's outline, when it is drawn as keyboard focus
/// (`:focus-visible`); `None` when the focus does not show.
const FOCUS_RING: &str = r#"
    const e = document.activeElement;
    const s = getComputedStyle(e);
    return e.matches(':focus-visible') && s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2
        ? s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor : null;
"#;

/// Presses `key` (Tab or Shift+Tab) until the focused element's
/// `data-testid` is `id` (and its `data-key` is `data_key`, if given), and
/// checks the focus shows there.
async fn move_focus_to(client: &Client, key: &str, id: &str, data_key: Option<&str>) {
    for _ in 0..40 {
        let here = eval(
            client,
            "const e = document.activeElement; return [e.dataset.testid || e.tagName, e.dataset.key || null]",
        )
        .await;
        if here[0] == id && data_key.is_none_or(|k| here[1] == k) {
            let ring = eval(client, FOCUS_RING).await;
            assert!(ring.is_string(), "the focus on {id} does not show");
            return;
        }
        press(client, key).await;
    }
    panic!("{id} ({data_key:?}) is not reachable by keyboard");
}

/// Waits until the focus is on `id` (views move it after they render).
async fn focus_lands_on(client: &Client, id: &str) {
    for _ in 0..100 {
        if focused(client).await == id {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the focus is on {}, not {id}", focused(client).await);
}

/// Back to the Activate view from an error.
async fn back_to_activate(client: &Client) {
    click(client, "nav-activate").await;
    testid(client, "demo-key").await;
}

/// Every view and state of the demo, each checked by axe as `<state>-<theme>`.
async fn every_view(world: &World, theme: &str) {
    let client = world.launch().await;
    let check = |state: &'static str| {
        let client = &client;
        async move { axe::check(client, &format!("{state}-{theme}")).await }
    };
    testid(&client, "demo-key").await;
    check("activate").await;

    press(&client, &format!("not a key{ENTER}")).await;
    client
        .wait()
        .for_element(Locator::Css(
            "[data-testid='key-input'][aria-invalid='true']",
        ))
        .await
        .expect("the key is refused inline");
    check("activate-bad-key").await;

    for (key, state) in [
        ("KS-DEMO-REVOKED", "error-revoked"),
        ("KS-DEMO-SUSPENDED", "error-suspended"),
        ("KS-DEMO-EXPIRED", "error-expired"),
    ] {
        back_to_activate(&client).await;
        activate_demo(&client, key).await;
        testid(&client, "error-title").await;
        check(state).await;
    }
    click(&client, "support-details").await;
    check("error-support-details").await;

    back_to_activate(&client).await;
    activate_demo(&client, "KS-DEMO-ALL-IN-USE").await;
    testid(&client, "error-action").await;
    check("error-device-limit").await;
    click(&client, "error-action").await;
    testid(&client, "device-row").await;
    check("free-a-slot").await;
    click(&client, "free-button").await;
    testid(&client, "confirm-dialog").await;
    check("free-a-slot-confirm").await;
    click(&client, "confirm-button").await;
    assert_active(&client).await;
    check("license").await;

    click(&client, "nav-devices").await;
    testid(&client, "this-device-badge").await;
    check("devices").await;
    click(&client, "free-button").await;
    testid(&client, "confirm-dialog").await;
    check("devices-confirm").await;
    click(&client, "cancel-button").await;

    click(&client, "nav-support").await;
    testid(&client, "diag-server").await;
    check("support").await;

    click(&client, "nav-about").await;
    testid(&client, "about-version").await;
    check("about").await;

    click(&client, "nav-license").await;
    click(&client, "forget-button").await;
    testid(&client, "confirm-dialog").await;
    check("forget-confirm").await;
    world.close(client).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_view_and_state_passes_axe_in_light_and_dark() {
    within_limit(async {
        let world = World::start();
        every_view(&world, "light").await;
        drop(world);
        let world = World::start_with(app_binary("debug"), &[("GTK_THEME", "Adwaita:dark")]);
        every_view(&world, "dark").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_journeys_by_keyboard_alone() {
    within_limit(async {
        let world = World::start();
        let client = world.launch().await;

        // A full license: pick its demo key, submit; the error's title has the focus.
        focus_lands_on(&client, "key-input").await;
        move_focus_to(&client, TAB, "demo-key", Some("KS-DEMO-ALL-IN-USE")).await;
        press(&client, ENTER).await;
        focus_lands_on(&client, "key-input").await;
        press(&client, ENTER).await;
        focus_lands_on(&client, "error-title").await;

        // Free a slot: the dialog takes the focus on Cancel, keeps it inside,
        // Escape gives it back to the button that opened it.
        move_focus_to(&client, TAB, "error-action", None).await;
        press(&client, SPACE).await;
        testid(&client, "device-row").await;
        move_focus_to(&client, TAB, "free-button", None).await;
        press(&client, ENTER).await;
        focus_lands_on(&client, "cancel-button").await;
        press(&client, TAB).await;
        assert_eq!(focused(&client).await, "confirm-button");
        press(&client, TAB).await;
        assert_eq!(
            focused(&client).await,
            "cancel-button",
            "Tab stays in the dialog"
        );
        press(&client, SHIFT_TAB).await;
        assert_eq!(focused(&client).await, "confirm-button", "Shift+Tab too");
        press(&client, ESCAPE).await;
        focus_lands_on(&client, "free-button").await;
        assert!(
            client
                .find(Locator::Css("[data-testid='confirm-dialog']"))
                .await
                .is_err(),
            "Escape closed the dialog"
        );
        press(&client, ENTER).await;
        focus_lands_on(&client, "cancel-button").await;
        press(&client, TAB).await;
        press(&client, ENTER).await;
        assert_active(&client).await;
        focus_lands_on(&client, "H1").await;

        // Devices: reached from the view by Shift+Tab; a device freed, said aloud.
        move_focus_to(&client, SHIFT_TAB, "nav-devices", None).await;
        press(&client, ENTER).await;
        testid(&client, "this-device-badge").await;
        focus_lands_on(&client, "H1").await;
        move_focus_to(&client, TAB, "free-button", None).await;
        press(&client, SPACE).await;
        focus_lands_on(&client, "cancel-button").await;
        press(&client, TAB).await;
        press(&client, ENTER).await;
        client
            .wait()
            .for_element(Locator::Css(
                "[data-testid='seats'][data-used='2'], [data-testid='free-status']:not(:empty)",
            ))
            .await
            .expect("the freed device is announced");
        let announced = testid(&client, "free-status")
            .await
            .text()
            .await
            .expect("text");
        assert!(!announced.is_empty(), "the live region says what happened");

        // Support: copy the report with the keyboard.
        move_focus_to(&client, SHIFT_TAB, "nav-support", None).await;
        press(&client, ENTER).await;
        testid(&client, "diag-server").await;
        move_focus_to(&client, TAB, "copy-report", None).await;
        press(&client, ENTER).await;
        let status = client
            .wait()
            .for_element(Locator::Css("[data-testid='copy-status']:not(:empty)"))
            .await
            .expect("copying is announced");
        assert!(!status.text().await.expect("text").is_empty());
        assert!(world.clipboard().starts_with("Keyslot support report"));

        // About, then forgetting the license: cancelled with Escape.
        move_focus_to(&client, SHIFT_TAB, "nav-about", None).await;
        press(&client, ENTER).await;
        focus_lands_on(&client, "H1").await;
        move_focus_to(&client, SHIFT_TAB, "nav-license", None).await;
        press(&client, ENTER).await;
        assert_active(&client).await;
        move_focus_to(&client, TAB, "forget-button", None).await;
        press(&client, ENTER).await;
        focus_lands_on(&client, "cancel-button").await;
        press(&client, ESCAPE).await;
        focus_lands_on(&client, "forget-button").await;
        assert_eq!(attr(&client, "license-state", "data-state").await, "ACTIVE");
        world.close(client).await;
    })
    .await;
}

/// Types `key` into the Activate view's field (a script's typing: the
/// pointer misses under page zoom) and presses Enter there.
async fn submit_key(client: &Client, key: &str) {
    let fill = format!(
        "const i = document.querySelector(\"[data-testid='key-input']\"); i.value = '{key}'; \
         i.dispatchEvent(new Event('input', {{ bubbles: true }})); i.focus(); return null"
    );
    eval(client, &fill).await;
    press(client, ENTER).await;
}

/// What is cut off: an element whose text an `overflow` hides, or that
/// reaches past the window's right edge (the page would scroll sideways)
/// unless a region that scrolls sideways holds it; by its testid, or tag
/// and class.
pub(crate) const CLIPPED: &str = r#"
    const cut = [];
    const name = (e) => e.dataset.testid || e.tagName + '.' + e.className;
    const scrolls = (e) => {
        for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
            if (['auto', 'scroll'].includes(getComputedStyle(a).overflowX)) return true;
        }
        return false;
    };
    for (const e of document.querySelectorAll('body *')) {
        if (e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !scrolls(e)) {
            cut.push('past the edge: ' + name(e));
        }
    }
    for (const e of document.querySelectorAll('body *')) {
        const style = getComputedStyle(e);
        const hides = ['hidden', 'clip'].includes(style.overflowX) || ['hidden', 'clip'].includes(style.overflowY);
        if (hides && e.textContent.trim() && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)) {
            cut.push('hidden: ' + name(e));
        }
    }
    return cut;
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reduced_motion_is_honoured_and_text_at_200_percent_is_not_cut_off() {
    within_limit(async {
        let world = World::start();
        // The desktop's "reduce animation" setting, as GTK reads it.
        world.gtk_setting("gtk-enable-animations", "false");
        let client = world.launch().await;
        testid(&client, "demo-key").await;
        assert_eq!(
            eval(&client, "return matchMedia('(prefers-reduced-motion: reduce)').matches").await,
            true,
            "WebKit reports the desktop's setting"
        );
        let motion = eval(
            &client,
            r#"return [...document.querySelectorAll('body *')].map((e) => getComputedStyle(e))
                 .filter((s) => s.transitionDuration.split(',').some((d) => parseFloat(d) > 0)
                             || (s.animationName !== 'none' && s.animationDuration.split(',').some((d) => parseFloat(d) > 0.5)))
                 .length"#,
        )
        .await;
        assert_eq!(motion, 0, "no transition, no quick animation");

        // Ctrl+= five times: Tauri's zoom hotkeys, 20% a step, to 200%.
        let width = eval(&client, "return window.innerWidth").await.as_f64().expect("width");
        for _ in 0..5 {
            press(&client, "\u{E009}=\u{E000}").await;
        }
        for _ in 0..50 {
            let now = eval(&client, "return window.innerWidth").await.as_f64().expect("width");
            if (now - width / 2.0).abs() <= 2.0 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let zoomed = eval(&client, "return window.innerWidth").await.as_f64().expect("width");
        assert!(
            (zoomed - width / 2.0).abs() <= 2.0,
            "at 200% the page is {zoomed} px wide, not {width}/2"
        );
        let fits = |state: &'static str| {
            let client = &client;
            async move {
                let cut = eval(client, CLIPPED).await;
                assert_eq!(cut, serde_json::json!([]), "{state} at 200%: cut off");
                screenshot(client, &format!("{state}-zoom-200")).await;
            }
        };
        fits("activate").await;
        submit_key(&client, "KS-DEMO-REVOKED").await;
        testid(&client, "error-title").await;
        fits("error-revoked").await;
        submit_key(&client, "KS-DEMO-FREE-SEAT").await;
        assert_active(&client).await;
        for (view, ready) in [
            ("license", "license-state"),
            ("devices", "this-device-badge"),
            ("support", "diag-server"),
            ("about", "about-version"),
        ] {
            // A script's click: WebDriver's pointer misses under page zoom.
            let nav = format!("document.querySelector(\"[data-testid='nav-{view}']\").click(); return null");
            eval(&client, &nav).await;
            testid(&client, ready).await;
            fits(view).await;
        }
        world.close(client).await;
    })
    .await;
}
