//! The reference server's offline page (`GET /offline`) in a real browser:
//! headless Chromium driven over WebDriver (Debian's `chromium` and
//! `chromium-driver`), against the real server in-process. No app, no Xvfb,
//! no keychain: none of [`keyslot_e2e::world::World`].
//!
//! A request code pasted and sent gives back a lease that verifies with the
//! server's keys, its QR code and its file; a code opened as `/offline#…`
//! fills the form (the page's only script, allowed by its CSP); a cut code
//! shows the malformed code's message, the text kept; a deactivation code
//! frees the seat. axe checks each state; the browser logs no error (a CSP
//! refusal or a missing file would be one).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use keyslot_e2e::axe;
use keyslot_e2e::world::{eval, screenshot, within_limit};
use keyslot_locale::{Lang, attribute, try_text};
use keyslot_protocol::ErrorCode;
use keyslot_protocol::lease::{JwkSet, LeaseClaims, key_hash, verify_lease};
use keyslot_protocol::offline::{OfflineRequest, RequestKind, key_sha256};
use keyslot_server::lease::LeaseOptions;
use keyslot_server::serve::Server;
use keyslot_server::{Limits, Secret};
use tempfile::TempDir;

const SECRET: &str = "e2e-offline-page-secret";

/// How long a download may take to land in the download directory.
const DOWNLOAD_LIMIT: Duration = Duration::from_secs(20);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_page_answers_a_request_code_in_chromium() {
    within_limit(journey()).await;
}

async fn journey() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Server::open_with(
        "127.0.0.1:0".parse().expect("addr"),
        &keyslot_server::db::Location::sqlite(dir.path().join("licenses.db")),
        Secret::new(SECRET),
        Limits::default(),
        Some(&LeaseOptions::default()),
        &keyslot_server::serve::Backing::default(),
    )
    .await
    .expect("serves");
    let keys = server
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
    let page = format!("http://{}/offline", server.addr);
    let browser = Chromium::start().await;
    let client = &browser.client;

    // The form, as it first shows.
    client.goto(&page).await.expect("opens /offline");
    find(client, "#code").await;
    assert_styled(client).await;
    axe::check(client, "offline-page-form").await;
    screenshot(client, "offline-page-form").await;

    // A code pasted and sent: the lease, as text and as a QR code.
    let first = code(&key, RequestKind::Activate, "a1", "Lab PC");
    let fingerprint = "a1".repeat(32);
    find(client, "#code")
        .await
        .send_keys(&first)
        .await
        .expect("types");
    find(client, "#submit").await.click().await.expect("sends");
    find(client, "#lease").await;
    let lease = value(client, "lease").await;
    let claims = verified(&lease, &keys, &key, &fingerprint);
    find(client, "svg#lease-qr").await;
    assert_styled(client).await;
    axe::check(client, "offline-page-lease").await;
    screenshot(client, "offline-page-lease").await;

    // The same lease as the file `keyslot.lease`.
    find(client, "#download")
        .await
        .click()
        .await
        .expect("downloads");
    let file = downloaded(&browser.downloads.path().join("keyslot.lease")).await;
    assert_eq!(file.trim_end(), lease, "the file holds the page's lease");
    assert_eq!(
        verified(file.trim_end(), &keys, &key, &fingerprint).sub,
        claims.sub,
        "the same seat"
    );

    // A code opened from its QR code: the fragment fills the form (the
    // script ran under the CSP), and it is a code the server answers.
    let second = code(&key, RequestKind::Activate, "b2", "Field laptop");
    client
        .goto(&format!("{page}#{second}"))
        .await
        .expect("opens /offline#code");
    find(client, "#code").await;
    // `fill.js` is deferred: it has run when the page has loaded.
    assert_eq!(
        value(client, "code").await,
        second,
        "fill.js copied the fragment"
    );
    find(client, "#submit").await.click().await.expect("sends");
    find(client, "#lease").await;
    verified(&value(client, "lease").await, &keys, &key, &"b2".repeat(32));
    let errors = browser.errors().await;
    assert!(errors.is_empty(), "the browser logged errors: {errors:#?}");

    // A cut code: the malformed code's message, what was typed kept.
    client.goto(&page).await.expect("opens /offline");
    let cut = &first[..first.len() - 7];
    find(client, "#code")
        .await
        .send_keys(cut)
        .await
        .expect("types");
    find(client, "#submit").await.click().await.expect("sends");
    let error = find(client, "#error").await;
    assert_eq!(
        error.attr("role").await.expect("role").as_deref(),
        Some("alert")
    );
    let id = format!("offline-error-{}", ErrorCode::Malformed.number());
    let title = try_text(Lang::En, &id).unwrap_or_else(|| panic!("{id} in offline.ftl"));
    let said = error.text().await.expect("text");
    assert!(said.contains(&title), "{said:?} says {title:?}");
    let message = attribute(Lang::En, &id, "message");
    assert!(said.contains(&message), "{said:?} says {message:?}");
    assert_eq!(value(client, "code").await, cut, "the typed text is kept");
    // The refusal's status (400, as the API answers a malformed body) is
    // the only thing the browser reports.
    let errors = browser.errors().await;
    assert!(
        matches!(errors.as_slice(), [one] if one["message"].as_str().is_some_and(|m|
            m.contains("/offline/activate") && m.contains("status of 400"))),
        "the browser logged: {errors:#?}"
    );
    assert_styled(client).await;
    axe::check(client, "offline-page-error").await;
    screenshot(client, "offline-page-error").await;

    // A deactivation code: the first machine's seat is free.
    client.goto(&page).await.expect("opens /offline");
    let free = code(&key, RequestKind::Deactivate, "a1", "Lab PC");
    find(client, "#code")
        .await
        .send_keys(&free)
        .await
        .expect("types");
    find(client, "#submit").await.click().await.expect("sends");
    let freed = find(client, "#freed").await.text().await.expect("text");
    assert!(freed.contains("Lab PC"), "{freed:?} names the machine");
    axe::check(client, "offline-page-freed").await;
    screenshot(client, "offline-page-freed").await;

    let errors = browser.errors().await;
    assert!(errors.is_empty(), "the browser logged errors: {errors:#?}");

    // The CSP is enforced, and the log shows what it refuses: an inline
    // style, added the way an injected one would be, is refused and logged.
    eval(
        client,
        "const style = document.createElement('style'); \
         style.textContent = 'body { display: none }'; \
         document.head.append(style); return null",
    )
    .await;
    let refused = browser.errors().await;
    assert!(
        matches!(refused.as_slice(), [one] if one["message"].as_str()
            .is_some_and(|m| m.contains("Content Security Policy"))),
        "the inline style is refused: {refused:#?}"
    );
    browser.close().await;
    server.stop().await.expect("stops");
}

/// A request code of `kind` for `key` from the machine whose fingerprint
/// is `byte` repeated, named `name`, made now.
fn code(key: &str, kind: RequestKind, byte: &str, name: &str) -> String {
    let issued_at = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    OfflineRequest {
        kind,
        issued_at: i64::try_from(issued_at).expect("now"),
        nonce: nonce(),
        key_sha256: key_sha256(key),
        fingerprint: byte.repeat(32),
        name: name.to_owned(),
        platform: "linux-x86_64".to_owned(),
    }
    .encode(SECRET.as_bytes())
}

/// A nonce unique within this test run.
fn nonce() -> [u8; 16] {
    use std::sync::atomic::{AtomicU8, Ordering};
    static NEXT: AtomicU8 = AtomicU8::new(1);
    [NEXT.fetch_add(1, Ordering::Relaxed); 16]
}

/// The claims of `lease`, which verifies with `keys` and is bound to `key`
/// on the machine `fingerprint`.
fn verified(lease: &str, keys: &JwkSet, key: &str, fingerprint: &str) -> LeaseClaims {
    let claims =
        verify_lease(lease, keys).unwrap_or_else(|e| panic!("{lease:?} does not verify: {e:?}"));
    assert_eq!(claims.fpr, fingerprint, "the code's machine");
    assert_eq!(
        claims.key_hash,
        key_hash(&claims.sub, key),
        "the code's key"
    );
    claims
}

/// Waits (up to 20 s) for the element `css`.
async fn find(client: &Client, css: &str) -> fantoccini::elements::Element {
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no {css}: {e}"))
}

/// The value of the textarea with id `id`.
async fn value(client: &Client, id: &str) -> String {
    eval(
        client,
        &format!("return document.getElementById('{id}').value"),
    )
    .await
    .as_str()
    .unwrap_or_else(|| panic!("no #{id}"))
    .to_owned()
}

/// The page's stylesheets loaded (a sheet the CSP refused has no rules).
async fn assert_styled(client: &Client) {
    let styled = eval(
        client,
        "const links = [...document.querySelectorAll('link[rel=stylesheet]')]; \
         return links.length > 0 && links.every((l) => l.sheet && l.sheet.cssRules.length > 0)",
    )
    .await;
    assert_eq!(styled, serde_json::Value::Bool(true), "offline.css applies");
}

/// The text of the file at `path` once the browser has finished it.
async fn downloaded(path: &Path) -> String {
    let started = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(path)
            && text.ends_with('\n')
        {
            return text;
        }
        assert!(
            started.elapsed() < DOWNLOAD_LIMIT,
            "{} did not appear within {DOWNLOAD_LIMIT:?}",
            path.display()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Headless Chromium under its own chromedriver, with a profile and a
/// download directory of its own; every process it started ends on drop.
struct Chromium {
    client: Client,
    _turn: std::sync::MutexGuard<'static, ()>,
    driver: Child,
    profile: TempDir,
    downloads: TempDir,
}

impl Chromium {
    // The turn is held for the whole test by design; each test runs on a
    // runtime of its own, so no other task waits for it on this thread.
    #[expect(clippy::await_holding_lock, reason = "one browser or window at a time")]
    async fn start() -> Self {
        let turn = keyslot_e2e::world::turn();
        let profile = tempfile::tempdir().expect("profile dir");
        let downloads = tempfile::tempdir().expect("download dir");
        let port = keyslot_e2e::world::free_port();
        let driver = Command::new(chromedriver())
            .arg(format!("--port={port}"))
            .env("LANGUAGE", "en")
            // Chromium's crash reporter and caches: in the profile too.
            .env("XDG_CONFIG_HOME", profile.path())
            .env("XDG_CACHE_HOME", profile.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver runs (Debian package chromium-driver)");
        keyslot_e2e::world::wait_until_listening(port, "chromedriver");
        let capabilities = serde_json::json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "args": [
                    "--headless=new",
                    // Root (CI) cannot use Chromium's sandbox.
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--lang=en-US",
                    "--window-size=1024,900",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
                "prefs": {
                    "download.default_directory": downloads.path(),
                    "download.prompt_for_download": false,
                    "intl.accept_languages": "en-US",
                },
            },
            "goog:loggingPrefs": { "browser": "ALL" },
        });
        let serde_json::Value::Object(capabilities) = capabilities else {
            unreachable!()
        };
        // The workspace's rustls has two crypto providers: name one.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = ClientBuilder::rustls()
            .expect("tls")
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a WebDriver session on Chromium (Debian package chromium)");
        Self {
            client,
            _turn: turn,
            driver,
            profile,
            downloads,
        }
    }

    /// The browser log's errors since the last call (chromedriver's
    /// `se/log`): a resource the CSP refused, a failed load, a script error.
    /// The page has no icon: the browser's own try at `/favicon.ico` is no
    /// error of the page's.
    async fn errors(&self) -> Vec<serde_json::Value> {
        let log = self
            .client
            .issue_cmd(BrowserLog)
            .await
            .expect("the browser log");
        log.as_array()
            .expect("log entries")
            .iter()
            .filter(|entry| entry["level"] == "SEVERE")
            .filter(|entry| {
                !(entry["source"] == "network"
                    && entry["message"]
                        .as_str()
                        .is_some_and(|m| m.contains("/favicon.ico ")))
            })
            .cloned()
            .collect()
    }

    async fn close(self) {
        self.client.clone().close().await.expect("the session ends");
    }

    /// Chromium's processes: those whose arguments name this profile.
    fn pids(&self) -> Vec<u32> {
        let marker = self.profile.path().to_string_lossy().into_owned();
        let Ok(entries) = std::fs::read_dir("/proc") else {
            return Vec::new();
        };
        entries
            .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
            .filter(|pid| {
                std::fs::read_to_string(format!("/proc/{pid}/cmdline"))
                    .is_ok_and(|cmdline| cmdline.contains(&marker))
            })
            .collect()
    }
}

impl Drop for Chromium {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        for pid in self.pids() {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
        }
    }
}

/// chromedriver: `$CHROMEDRIVER`, else Debian's.
fn chromedriver() -> PathBuf {
    std::env::var_os("CHROMEDRIVER").map_or_else(|| "/usr/bin/chromedriver".into(), PathBuf::from)
}

/// chromedriver's browser log (`POST /session/{id}/se/log`).
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (hyper::Method, Option<String>) {
        (
            hyper::Method::POST,
            Some(r#"{"type":"browser"}"#.to_owned()),
        )
    }
}
