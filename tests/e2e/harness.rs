//! One isolated world per journey: Xvfb, a private D-Bus session with an
//! unlocked gnome-keyring, XDG directories of its own, and tauri-driver.

#[path = "../../crates/cli/tests/cli/keychain.rs"]
#[allow(dead_code, reason = "shared with the CLI tests, which use all of it")]
mod keychain;

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../target")))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

pub(crate) struct World {
    xvfb: Child,
    driver: Child,
    port: u16,
    _keychain: keychain::Session,
}

impl World {
    pub(crate) fn start() -> Self {
        let mut xvfb = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb runs (Debian package xvfb)");
        let mut display = String::new();
        BufReader::new(xvfb.stdout.take().expect("stdout"))
            .read_line(&mut display)
            .expect("display number");
        let keychain = keychain::Session::start();
        let port = free_port();
        let driver = Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &free_port().to_string(),
            ])
            .envs(keychain.env())
            .env("DISPLAY", format!(":{}", display.trim()))
            .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
            .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
            .env("LIBGL_ALWAYS_SOFTWARE", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tauri-driver runs (cargo install tauri-driver --version '^2')");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "tauri-driver did not listen"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Self {
            xvfb,
            driver,
            port,
            _keychain: keychain,
        }
    }

    /// Starts the app in demo mode and a WebDriver session on its window.
    pub(crate) async fn launch(&self) -> Client {
        let app = target_dir().join("debug").join("keyslot-app");
        assert!(app.exists(), "build the app first: {}", app.display());
        let capabilities = serde_json::json!({
            "browserName": "wry",
            "tauri:options": { "application": app, "args": ["--demo"] }
        });
        let serde_json::Value::Object(capabilities) = capabilities else {
            unreachable!()
        };
        ClientBuilder::rustls()
            .expect("tls")
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("a WebDriver session on the app")
    }
}

impl Drop for World {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = self.xvfb.kill();
        let _ = self.xvfb.wait();
    }
}

/// Waits (up to 20 s) for the element with `data-testid`.
pub(crate) async fn testid(client: &Client, id: &str) -> fantoccini::elements::Element {
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(&format!("[data-testid='{id}']")))
        .await
        .unwrap_or_else(|e| panic!("no [data-testid={id}]: {e}"))
}

/// The page's visible text.
pub(crate) async fn visible_text(client: &Client) -> String {
    client
        .execute("return document.body.innerText", Vec::new())
        .await
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Saves a screenshot as `target/e2e-screenshots/NAME.png`.
pub(crate) async fn screenshot(client: &Client, name: &str) {
    let dir = target_dir().join("e2e-screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    let png = client.screenshot().await.expect("screenshot");
    std::fs::write(dir.join(format!("{name}.png")), png).expect("write screenshot");
}
