//! `keyslot://activate?key=…` links reaching the app. The deep-link plugin
//! reads one from the app's own argv at launch; a second launch's argv is
//! forwarded by single-instance to the plugin, which reports it here. Each
//! is read with `keyslot_core::link::parse`, the window comes to the front,
//! and the UI gets an [`OpenedLink`] on the channel it subscribed with
//! (`watch_links`); one that comes before is kept, the newest, until then.
//! Neither a link nor its key is ever logged; the key at most as `…ABCD`.

use std::sync::{Mutex, MutexGuard};

use keyslot_core::error::{ErrorReport, LicenseError};
use keyslot_core::link::{self, Link};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, Url};
use tauri_plugin_deep_link::DeepLinkExt;

/// What the Activate view shows for a link: the key to fill in (whole: the
/// user activates it with one press), or, when the link had none shaped
/// like a key, the catalog's report for a malformed key as a hint.
// Not `Debug`: it holds the key.
#[derive(Clone, Serialize, specta::Type)]
pub struct OpenedLink {
    /// The key to fill in.
    pub key: Option<String>,
    /// Why the field is empty: the catalog's `invalid_key_format` report.
    pub hint: Option<ErrorReport>,
}

impl OpenedLink {
    fn of(link: Link) -> Self {
        match link {
            Link::Activate(Some(key)) => Self {
                key: Some(key.expose().to_owned()),
                hint: None,
            },
            Link::Activate(None) => Self {
                key: None,
                hint: Some(LicenseError::InvalidKeyFormat.report()),
            },
        }
    }
}

/// Where opened links go: to the UI's channel once it has subscribed, and
/// until then kept (the newest only).
#[derive(Default)]
pub struct Links(Mutex<Route>);

#[derive(Default)]
struct Route {
    channel: Option<Channel<OpenedLink>>,
    kept: Option<OpenedLink>,
}

impl Links {
    /// Reads `url`: a Keyslot link goes to the UI, or waits for it; anything
    /// else is ignored. Whether it was a Keyslot link.
    pub fn open(&self, url: &str) -> bool {
        let link = match link::parse(url) {
            Ok(link) => link,
            Err(error) => {
                tracing::warn!(%error, "ignored a link that is not a Keyslot link");
                return false;
            }
        };
        let Link::Activate(key) = &link;
        let key = key.as_ref().map(|k| k.masked());
        tracing::info!(
            key = key.as_deref().unwrap_or("none"),
            "opening Activate for a link"
        );
        let mut route = self.route();
        route.kept = Some(OpenedLink::of(link));
        route.deliver();
        true
    }

    /// The UI subscribes with `channel`: it gets the link kept, if any, at
    /// once, then every later one. A newer subscription replaces it (the
    /// page was reloaded).
    pub fn watch(&self, channel: Channel<OpenedLink>) {
        let mut route = self.route();
        route.channel = Some(channel);
        route.deliver();
    }

    fn route(&self) -> MutexGuard<'_, Route> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Route {
    /// Sends the kept link on the channel; one that could not be sent stays kept.
    fn deliver(&mut self) {
        let Some(channel) = &self.channel else {
            return;
        };
        let Some(link) = self.kept.take() else {
            return;
        };
        if channel.send(link.clone()).is_err() {
            tracing::warn!("the window did not take a link; kept for its next subscription");
            self.channel = None;
            self.kept = Some(link);
        }
    }
}

/// Manages [`Links`] and follows the plugin: the link the app was launched
/// with, then each a second launch forwards.
pub(crate) fn watch<R: Runtime>(app: &AppHandle<R>) {
    app.manage(Links::default());
    let handle = app.clone();
    app.deep_link()
        .on_open_url(move |event| open(&handle, &event.urls()));
    if let Some(urls) = app.deep_link().get_current().ok().flatten() {
        open(app, &urls);
    }
}

/// Opens each of `urls` that is a Keyslot link, with the window in front.
fn open<R: Runtime>(app: &AppHandle<R>, urls: &[Url]) {
    let links = app.state::<Links>();
    for url in urls {
        if links.open(url.as_str()) {
            bring_to_front(app);
        }
    }
}

fn bring_to_front<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex, OnceLock};

    use serde_json::{Value, json};
    use tauri::ipc::{Channel, InvokeResponseBody};

    use super::*;

    const KEY: &str = "KS-LINKS-AAAAA-BBBBB-WXYZ";

    /// A channel as the window's, and what it received.
    fn window() -> (Channel<OpenedLink>, Arc<Mutex<Vec<Value>>>) {
        let received = Arc::new(Mutex::new(Vec::new()));
        let log = received.clone();
        let channel = Channel::new(move |body| {
            let InvokeResponseBody::Json(text) = body else {
                panic!("a link is sent as JSON");
            };
            log.lock()
                .unwrap()
                .push(serde_json::from_str(&text).expect("json"));
            Ok(())
        });
        (channel, received)
    }

    fn taken(received: &Mutex<Vec<Value>>) -> Vec<Value> {
        std::mem::take(&mut *received.lock().unwrap())
    }

    #[test]
    fn a_link_before_the_window_subscribes_is_kept_the_newest_only() {
        let links = Links::default();
        assert!(links.open("keyslot://activate?key=KS-FIRST-KEY-0000"));
        assert!(links.open(&format!("KEYSLOT://Activate?key={KEY}")));
        let (channel, received) = window();
        links.watch(channel);
        assert_eq!(taken(&received), [json!({"key": KEY, "hint": null})]);
        // Given once: a newer subscription (a reloaded page) gets nothing again.
        let (again, received_again) = window();
        links.watch(again);
        assert!(taken(&received_again).is_empty());
    }

    #[test]
    fn once_subscribed_each_link_goes_to_the_newest_subscription() {
        let links = Links::default();
        let (old, old_received) = window();
        links.watch(old);
        assert!(links.open(&format!("keyslot://activate?key={KEY}")));
        assert_eq!(taken(&old_received), [json!({"key": KEY, "hint": null})]);
        let (new, new_received) = window();
        links.watch(new);
        assert!(links.open("keyslot://activate?key=KS-SECOND-KEY-0000"));
        assert!(taken(&old_received).is_empty());
        assert_eq!(
            taken(&new_received),
            [json!({"key": "KS-SECOND-KEY-0000", "hint": null})]
        );
    }

    #[test]
    fn a_missing_or_malformed_key_comes_with_the_catalogs_hint() {
        let links = Links::default();
        let (channel, received) = window();
        links.watch(channel);
        assert!(links.open("keyslot://activate?key=not+a+key"));
        assert!(links.open("keyslot://activate"));
        let hint = serde_json::to_value(LicenseError::InvalidKeyFormat.report()).expect("json");
        let expected = json!({"key": null, "hint": hint});
        assert_eq!(taken(&received), [expected.clone(), expected]);
    }

    #[test]
    fn what_is_not_a_keyslot_link_is_ignored() {
        let links = Links::default();
        let (channel, received) = window();
        links.watch(channel);
        for url in [
            format!("https://example.com/activate?key={KEY}"),
            format!("keyslot://forget?key={KEY}"),
            format!("keyslot://activate?key={KEY}&x={}", "A".repeat(10 * 1024)),
        ] {
            assert!(!links.open(&url));
        }
        assert!(taken(&received).is_empty());
    }

    /// Everything this crate's tests log, each line with its test's thread
    /// name, through one global subscriber: a scoped one (`with_default`)
    /// misses events whose callsites another test's thread registered first.
    fn logs() -> Arc<Mutex<Vec<u8>>> {
        static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
        LOGS.get_or_init(|| {
            let logs = Arc::new(Mutex::new(Vec::new()));
            let writer = logs.clone();
            tracing_subscriber::fmt()
                .with_max_level(tracing::Level::TRACE)
                .with_ansi(false)
                .with_thread_names(true)
                .with_writer(move || Writer(writer.clone()))
                .init();
            tracing::callsite::rebuild_interest_cache();
            logs
        })
        .clone()
    }

    #[test]
    fn neither_a_link_nor_its_key_is_logged() {
        let logs = logs();
        let links = Links::default();
        links.open(&format!("keyslot://activate?key={KEY}"));
        links.open("keyslot://activate?key=KS-SHAPE!-NOT-A-KEY-QQQQ");
        links.open(&format!("https://example.com/?key={KEY}"));
        let all = String::from_utf8(logs.lock().unwrap().clone()).expect("text");
        let logged: Vec<&str> = all
            .lines()
            .filter(|l| l.contains("neither_a_link_nor_its_key_is_logged"))
            .collect();
        assert_eq!(logged.len(), 3, "{all}");
        assert!(logged[0].contains("…WXYZ"), "the key masked: {all}");
        for secret in [KEY, "QQQQ", "example.com"] {
            assert!(!all.contains(secret), "{secret} in {all}");
        }
    }

    /// Collects what the subscriber writes.
    struct Writer(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Writer {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
}
