//! One isolated world per journey: Xvfb, a private D-Bus session with an
//! unlocked gnome-keyring, XDG directories of its own, and tauri-driver.
//! Worlds run one at a time, and every process started in a world (found by
//! its private bus address) is ended when the world is dropped.

#[path = "../../crates/cli/tests/cli/keychain.rs"]
#[allow(
    dead_code,
    unreachable_pub,
    reason = "shared with the CLI tests, which use all of it"
)]
mod keychain;

use std::future::Future;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

/// How long one journey may take before it fails (a hung WebDriver command
/// fails the test instead of stalling CI).
const JOURNEY_LIMIT: Duration = Duration::from_secs(120);

/// How long a closed app may take to exit (it takes 1–2 s on SIGTERM).
const EXIT_LIMIT: Duration = Duration::from_secs(20);

/// Worlds share the machine's two cores and its X server numbers: one at a
/// time (the offline page's Chromium takes its turn too).
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Waits for this test's turn among the tests that run a window or a browser.
pub fn turn() -> MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The workspace's cargo target directory.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../target")))
}

/// The app binary of a cargo `profile` (`debug` is what `cargo test --workspace` builds).
pub fn app_binary(profile: &str) -> PathBuf {
    target_dir().join(profile).join("keyslot-app")
}

/// A port nothing listens on now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Waits until `what` (a WebDriver server just started) accepts
/// connections on `port`, failing after 20 s.
pub fn wait_until_listening(port: u16, what: &str) {
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{what} did not listen"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Runs a journey, failing it if it takes longer than [`JOURNEY_LIMIT`].
pub async fn within_limit(journey: impl Future<Output = ()>) {
    tokio::time::timeout(JOURNEY_LIMIT, journey)
        .await
        .unwrap_or_else(|_| panic!("the journey took over {JOURNEY_LIMIT:?}: a command hung"));
}

/// An isolated desktop session for the app.
pub struct World {
    xvfb: Child,
    driver: Child,
    port: u16,
    app: PathBuf,
    env: Vec<(String, String)>,
    keychain: keychain::Session,
    _turn: MutexGuard<'static, ()>,
}

impl World {
    /// A world for the debug app, on the default (light) desktop theme.
    pub fn start() -> Self {
        Self::start_with(app_binary("debug"), &[])
    }

    /// A world for `app`, whose processes also get `env` (e.g. a GTK theme).
    pub fn start_with(app: PathBuf, env: &[(&str, &str)]) -> Self {
        assert!(app.exists(), "build the app first: {}", app.display());
        let turn = turn();
        let mut xvfb = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
                // Without it the server resets whenever its last client leaves
                // (an app closed between two launches), and a probe connecting
                // just then is refused.
                "-noreset",
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
        let mut world_env: Vec<(String, String)> = keychain
            .env()
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
        world_env.push(("DISPLAY".into(), format!(":{}", display.trim())));
        for (k, v) in [
            ("WEBKIT_DISABLE_COMPOSITING_MODE", "1"),
            ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
            ("LIBGL_ALWAYS_SOFTWARE", "1"),
            // English whatever this machine's language, unless `env` says.
            ("LC_ALL", "C.UTF-8"),
            ("LANGUAGE", ""),
            ("KEYSLOT_LANG", ""),
        ]
        .iter()
        .chain(env)
        {
            world_env.push(((*k).to_owned(), (*v).to_owned()));
        }
        let port = free_port();
        let driver = Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &free_port().to_string(),
            ])
            .envs(world_env.iter().map(|(k, v)| (k, v)))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tauri-driver runs (cargo install tauri-driver --version '^2')");
        wait_until_listening(port, "tauri-driver");
        Self {
            xvfb,
            driver,
            port,
            app,
            env: world_env,
            keychain,
            _turn: turn,
        }
    }

    /// Starts the app in demo mode and a WebDriver session on its window.
    pub async fn launch(&self) -> Client {
        self.launch_with(&["--demo"]).await
    }

    /// Starts the app with `args` and a WebDriver session on its window.
    pub async fn launch_with(&self, args: &[&str]) -> Client {
        // A second instance would hand over to the first and exit (single
        // instance), leaving WebDriver waiting for a window forever.
        assert!(
            self.app_pids().is_empty(),
            "an app is still running in this world"
        );
        let capabilities = serde_json::json!({
            "browserName": "wry",
            "tauri:options": { "application": self.app, "args": args }
        });
        let serde_json::Value::Object(capabilities) = capabilities else {
            unreachable!()
        };
        // The workspace's rustls has two crypto providers: name one.
        let _ = rustls::crypto::ring::default_provider().install_default();
        ClientBuilder::rustls()
            .expect("tls")
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("a WebDriver session on the app")
    }

    /// Starts `binary` with `args` in this world, without WebDriver.
    pub fn spawn(&self, binary: &Path, args: &[&str]) -> Child {
        Command::new(binary)
            .args(args)
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{} starts: {e}", binary.display()))
    }

    /// Ends the session and waits until the app has exited.
    pub async fn close(&self, client: Client) {
        client.close().await.expect("the session ends");
        self.wait_for_exit().await;
    }

    /// Waits until no app process runs in this world.
    pub async fn wait_for_exit(&self) {
        let started = Instant::now();
        while !self.app_pids().is_empty() {
            assert!(
                started.elapsed() < EXIT_LIMIT,
                "the app did not exit within {EXIT_LIMIT:?} of its window closing"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Every process started in this world: its private bus address is in
    /// their environment.
    fn pids(&self) -> Vec<u32> {
        let marker = self
            .keychain
            .env()
            .into_iter()
            .find(|(name, _)| *name == "DBUS_SESSION_BUS_ADDRESS")
            .map(|(name, value)| format!("{name}={value}"))
            .expect("bus address");
        let Ok(entries) = std::fs::read_dir("/proc") else {
            return Vec::new();
        };
        entries
            .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
            .filter(|pid| {
                std::fs::read(format!("/proc/{pid}/environ"))
                    .is_ok_and(|env| env.split(|b| *b == 0).any(|var| var == marker.as_bytes()))
            })
            .collect()
    }

    /// The running app processes of this world.
    pub fn app_pids(&self) -> Vec<u32> {
        self.pids()
            .into_iter()
            .filter(|pid| {
                std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == self.app)
            })
            .collect()
    }

    /// The world's `$XDG_CONFIG_HOME`.
    fn config_home(&self) -> PathBuf {
        self.env
            .iter()
            .find(|(k, _)| k == "XDG_CONFIG_HOME")
            .map(|(_, v)| PathBuf::from(v))
            .expect("XDG_CONFIG_HOME")
    }

    /// Writes the app's `config.json` (in `$XDG_CONFIG_HOME/app.keyslot.desktop`).
    pub fn configure(&self, config: &serde_json::Value) {
        let dir = self.config_home().join("app.keyslot.desktop");
        std::fs::create_dir_all(&dir).expect("config dir");
        std::fs::write(dir.join("config.json"), config.to_string()).expect("config.json");
    }

    /// Sets a desktop setting as GTK reads it without a settings daemon
    /// (`$XDG_CONFIG_HOME/gtk-3.0/settings.ini`), for the apps launched next.
    pub fn gtk_setting(&self, name: &str, value: &str) {
        let dir = self.config_home().join("gtk-3.0");
        std::fs::create_dir_all(&dir).expect("gtk config dir");
        std::fs::write(
            dir.join("settings.ini"),
            format!("[Settings]\n{name}={value}\n"),
        )
        .expect("settings.ini");
    }

    /// Stores `value` in the keychain as the app's `account` (service
    /// `keyslot`), as a vendor's installer would (`secret-tool`).
    pub fn store_secret(&self, account: &str, value: &str) {
        use std::io::Write as _;
        let mut child = Command::new("secret-tool")
            .args([
                "store", "--label", account, "service", "keyslot", "username", account,
            ])
            .envs(self.keychain.env())
            .stdin(Stdio::piped())
            .spawn()
            .expect("secret-tool runs (Debian package libsecret-tools)");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(value.as_bytes())
            .expect("writes");
        assert!(
            child.wait().expect("waits").success(),
            "secret-tool stored {account}"
        );
    }

    /// What the keychain holds for the demo under `account` (`secret-tool`).
    pub fn keychain_entry(&self, account: &str) -> Option<String> {
        let out = Command::new("secret-tool")
            .args(["lookup", "service", "keyslot-demo", "username", account])
            .envs(self.keychain.env())
            .output()
            .expect("secret-tool runs (Debian package libsecret-tools)");
        let value = String::from_utf8(out.stdout).expect("utf-8");
        (out.status.success() && !value.is_empty()).then_some(value)
    }

    /// The demo app's data directory (its state, lease and request outcomes).
    pub fn demo_data_dir(&self) -> PathBuf {
        self.keychain
            .data_home()
            .join("app.keyslot.desktop")
            .join("demo")
    }

    /// The running demo app's server URL, from its log line "demo server running".
    pub fn demo_server_url(&self) -> String {
        let logs = self.app_logs();
        let line = logs
            .lines()
            .rev()
            .find(|l| l.contains("demo server running"))
            .unwrap_or_else(|| panic!("no demo server in the logs:\n{logs}"));
        let at = line.find("127.0.0.1:").expect("an address");
        let addr: String = line[at..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ':'))
            .collect();
        format!("http://{addr}")
    }

    /// Runs the `keyslot` CLI built beside the app in this world, with `env`
    /// added, and returns its stdout.
    pub fn cli(&self, args: &[&str], env: &[(&str, &str)]) -> String {
        let out = Command::new(self.app.with_file_name("keyslot"))
            .args(args)
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .envs(env.iter().copied())
            .output()
            .expect("the keyslot CLI runs (built by cargo test --workspace)");
        assert!(
            out.status.success(),
            "keyslot {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    }

    /// Everything the app logged (tauri-plugin-log writes to the app's log
    /// directory, `$XDG_DATA_HOME/app.keyslot.desktop/logs`).
    pub fn app_logs(&self) -> String {
        let dir = self
            .keychain
            .data_home()
            .join("app.keyslot.desktop")
            .join("logs");
        let mut logs = String::new();
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("entry").path();
            logs.push_str(&std::fs::read_to_string(&path).expect("a log file"));
        }
        logs
    }

    /// This world's X display (`:N`).
    pub fn display(&self) -> &str {
        self.env
            .iter()
            .find(|(k, _)| k == "DISPLAY")
            .map(|(_, v)| v.as_str())
            .expect("DISPLAY")
    }

    /// The text on this world's clipboard (`xclip`).
    pub fn clipboard(&self) -> String {
        let out = Command::new("xclip")
            .args(["-o", "-selection", "clipboard"])
            .env("DISPLAY", self.display())
            .output()
            .expect("xclip runs (Debian package xclip)");
        String::from_utf8(out.stdout).expect("utf-8")
    }
}

impl Drop for World {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        // WebKitWebDriver, the app and its WebKit processes outlive a killed
        // tauri-driver: end everything this world started.
        for pid in self.pids() {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
        }
        let _ = self.xvfb.kill();
        let _ = self.xvfb.wait();
    }
}

/// Waits (up to 20 s) for the element with `data-testid`.
pub async fn testid(client: &Client, id: &str) -> fantoccini::elements::Element {
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(&format!("[data-testid='{id}']")))
        .await
        .unwrap_or_else(|e| panic!("no [data-testid={id}]: {e}"))
}

/// The "Try a demo key" button labelled `label` on the Activate view.
pub async fn demo_key_button(client: &Client, label: &str) -> fantoccini::elements::Element {
    testid(client, "demo-key").await;
    for button in client
        .find_all(Locator::Css("[data-testid='demo-key']"))
        .await
        .expect("demo keys")
    {
        if button.text().await.unwrap_or_default().contains(label) {
            return button;
        }
    }
    panic!("no demo key {label:?}");
}

/// Runs `script` in the page and returns its result.
pub async fn eval(client: &Client, script: &str) -> serde_json::Value {
    client
        .execute(script, Vec::new())
        .await
        .unwrap_or_else(|e| panic!("script {script:?} failed: {e}"))
}

/// The page's visible text.
pub async fn visible_text(client: &Client) -> String {
    eval(client, "return document.body.innerText")
        .await
        .as_str()
        .map(str::to_owned)
        .unwrap_or_default()
}

/// Saves a screenshot as `target/e2e-screenshots/NAME.png`.
pub async fn screenshot(client: &Client, name: &str) {
    let dir = target_dir().join("e2e-screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    // WebKit takes the shot at the next rendering update, which a still page
    // never has: schedule repaints while the command waits for one.
    eval(
        client,
        "let n = 0; const nudge = () => { document.body.style.opacity = n % 2 ? '' : '0.9999'; \
         if (++n < 20) setTimeout(nudge, 25); }; setTimeout(nudge, 25); return null",
    )
    .await;
    let png = client.screenshot().await.expect("screenshot");
    std::fs::write(dir.join(format!("{name}.png")), png).expect("write screenshot");
}
