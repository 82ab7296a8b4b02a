//! Activation without internet (issue 23), in the real window in demo mode:
//! Activate → "This computer has no internet" shows the QR code and the
//! request code; the test carries the code to the offline page of the
//! server the app talks to (the demo's, on 127.0.0.1, as a phone or another
//! computer would), takes the license file it answers, pastes it in the
//! panel, and the License view says "Activated offline". A bad paste first
//! is refused inline in the catalog's words. axe checks the panel in light
//! and dark. (The "Choose file…" dialog is the system's, which WebDriver
//! cannot drive: `src-tauri/tests/app/offline.rs` imports from a file.)

use std::io::{Read as _, Write as _};
use std::net::TcpStream;

use fantoccini::{Client, Locator};
use keyslot_e2e::axe;
use keyslot_e2e::world::{World, app_binary, eval, screenshot, testid, within_limit};

use crate::a11y::CLIPPED;
use crate::journeys::{click, focused};

/// A demo key with a free seat.
const KEY: &str = "KS-DEMO-FREE-SEAT";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_activation_by_request_code_and_pasted_license_file() {
    within_limit(async {
        journey("light", &[]).await;
        journey("dark", &[("GTK_THEME", "Adwaita:dark")]).await;
    })
    .await;
}

/// The journey on a desktop of `theme` (its `env`); the light one's
/// screenshots kept.
async fn journey(theme: &str, env: &[(&str, &str)]) {
    let world = World::start_with(app_binary("debug"), env);
    let client = world.launch().await;
    client
        .wait()
        .for_element(Locator::Css(&format!("[data-key='{KEY}']")))
        .await
        .expect("the demo key")
        .click()
        .await
        .expect("fills the key");
    click(&client, "offline-open").await;

    // The panel: its heading has the focus, the QR code and the code show.
    let code = testid(&client, "offline-code")
        .await
        .prop("value")
        .await
        .expect("value")
        .expect("a code");
    assert!(code.starts_with("KSR1."), "{code}");
    assert_eq!(
        focused(&client).await,
        "H2",
        "the panel's heading has the focus"
    );
    let qr = eval(
        &client,
        "const qr = document.querySelector('[data-testid=offline-panel] [role=img]'); \
         return qr && qr.querySelector('svg') ? qr.getAttribute('aria-label') : null",
    )
    .await;
    assert!(
        qr.as_str()
            .is_some_and(|label| label.starts_with("QR code")),
        "an svg QR code with its text alternative: {qr}"
    );
    let page = testid(&client, "offline-page")
        .await
        .text()
        .await
        .expect("text");
    assert_eq!(page, format!("{}/offline", world.demo_server_url()));
    axe::check(&client, &format!("offline-request-{theme}")).await;
    if theme == "light" {
        screenshot(&client, "offline-request").await;
        at_200_percent(&client).await;
    }

    // A bad paste: the catalog's words inline; nothing changes.
    let input = testid(&client, "lease-input").await;
    input.send_keys("hello").await.expect("types");
    click(&client, "import-lease").await;
    let title = testid(&client, "error-title")
        .await
        .text()
        .await
        .expect("text");
    assert_eq!(title, "That isn't a license file");
    assert_eq!(
        input.prop("value").await.expect("value").as_deref(),
        Some("hello"),
        "the paste stays"
    );
    testid(&client, "offline-code").await;
    axe::check(&client, &format!("offline-import-refused-{theme}")).await;
    if theme == "light" {
        screenshot(&client, "offline-import-refused").await;
    }

    // The license file from the offline page, pasted.
    let lease = license_file(&page, &code);
    input.clear().await.expect("clears");
    input.send_keys(&lease).await.expect("pastes");
    click(&client, "import-lease").await;
    let line = testid(&client, "activated-offline")
        .await
        .text()
        .await
        .expect("text");
    assert!(line.contains("Activated offline"), "{line:?}");
    crate::journeys::assert_active(&client).await;
    testid(&client, "renew-offline").await;
    axe::check(&client, &format!("license-activated-offline-{theme}")).await;
    if theme == "light" {
        screenshot(&client, "license-activated-offline").await;
    }
    assert_eq!(
        world.keychain_entry("license-key").as_deref(),
        Some(KEY),
        "the key is kept in the real keychain"
    );
    world.close(client).await;
}

/// The panel at 200% (Tauri's zoom hotkeys, Ctrl+= five times): nothing
/// cut off; then back to 100% (Ctrl+0), where WebDriver's pointer hits.
async fn at_200_percent(client: &Client) {
    eval(
        client,
        "document.querySelector(\"[data-testid='offline-code']\").focus(); return null",
    )
    .await;
    let keys = |keys: &'static str| async move {
        client
            .active_element()
            .await
            .expect("the code has the focus")
            .send_keys(keys)
            .await
            .expect("keys pressed");
    };
    let width = || async {
        eval(client, "return window.innerWidth")
            .await
            .as_f64()
            .expect("width")
    };
    let before = width().await;
    for _ in 0..5 {
        keys("\u{E009}=\u{E000}").await;
    }
    for _ in 0..50 {
        if (width().await - before / 2.0).abs() <= 2.0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        (width().await - before / 2.0).abs() <= 2.0,
        "zoomed to 200%"
    );
    let cut = eval(client, CLIPPED).await;
    assert_eq!(cut, serde_json::json!([]), "the panel at 200%: cut off");
    eval(
        client,
        "document.querySelector(\"[data-testid='offline-qr']\").scrollIntoView(); return null",
    )
    .await;
    screenshot(client, "offline-request-zoom-200").await;
    keys("\u{E009}0\u{E000}").await;
    for _ in 0..50 {
        if (width().await - before).abs() <= 2.0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the zoom did not come back to 100%");
}

/// The license file the offline `page` answers for `code` (its download:
/// `POST <page>/activate` with `code` and `download=1`), over plain HTTP/1.1.
fn license_file(page: &str, code: &str) -> String {
    let url = url::Url::parse(page).expect("the page's address");
    let host = format!(
        "{}:{}",
        url.host_str().expect("host"),
        url.port().expect("port")
    );
    let body = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("code", code)
        .append_pair("download", "1")
        .finish();
    let mut stream = TcpStream::connect(&host).expect("the offline page answers");
    write!(
        stream,
        "POST {}/activate HTTP/1.1\r\nHost: {host}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        url.path(),
        body.len()
    )
    .expect("sends");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("reads");
    let (head, text) = answer.split_once("\r\n\r\n").expect("an HTTP answer");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}\n\n{text}");
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: text/plain"),
        "{head}"
    );
    assert!(
        !head.to_ascii_lowercase().contains("transfer-encoding"),
        "{head}"
    );
    text.trim().to_owned()
}
