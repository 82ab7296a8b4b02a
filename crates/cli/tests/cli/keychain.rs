//! A private D-Bus session with an unlocked gnome-keyring, torn down on drop:
//! the real Secret Service, isolated from the user's.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub(crate) struct Session {
    dbus: Child,
    address: String,
    dir: tempfile::TempDir,
}

impl Session {
    pub(crate) fn start() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        for sub in ["data", "config", "cache", "run"] {
            std::fs::create_dir_all(dir.path().join(sub)).expect("xdg dir");
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(
                dir.path().join("run"),
                std::fs::Permissions::from_mode(0o700),
            )
            .expect("chmod");
        }
        let mut dbus = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon runs (Debian package dbus-daemon)");
        let mut address = String::new();
        BufReader::new(dbus.stdout.take().expect("stdout"))
            .read_line(&mut address)
            .expect("bus address");
        let session = Self {
            dbus,
            address: address.trim().to_owned(),
            dir,
        };

        let mut keyring = Command::new("gnome-keyring-daemon")
            .args(["--unlock", "--components=secrets"])
            .envs(session.env())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("gnome-keyring-daemon runs (Debian package gnome-keyring)");
        keyring
            .stdin
            .take()
            .expect("stdin")
            .write_all(b"test-keyring-password")
            .expect("password");
        // It forks into the background once it has unlocked; wait for that.
        keyring.wait().expect("keyring started");
        session.wait_for_secret_service();
        session
    }

    fn wait_for_secret_service(&self) {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            let owned = Command::new("dbus-send")
                .args([
                    "--session",
                    "--print-reply",
                    "--dest=org.freedesktop.DBus",
                    "/org/freedesktop/DBus",
                    "org.freedesktop.DBus.NameHasOwner",
                    "string:org.freedesktop.secrets",
                ])
                .envs(self.env())
                .output()
                .map(|o| String::from_utf8_lossy(&o.stdout).contains("boolean true"))
                .unwrap_or(false);
            if owned {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the Secret Service did not appear on the private bus");
    }

    /// The environment that points a process at this session.
    pub(crate) fn env(&self) -> Vec<(&'static str, String)> {
        let path = |sub: &str| -> String { self.dir.path().join(sub).display().to_string() };
        vec![
            ("DBUS_SESSION_BUS_ADDRESS", self.address.clone()),
            ("XDG_DATA_HOME", path("data")),
            ("XDG_CONFIG_HOME", path("config")),
            ("XDG_CACHE_HOME", path("cache")),
            ("XDG_RUNTIME_DIR", path("run")),
        ]
    }

    /// Where the keyring keeps its (encrypted) files.
    pub(crate) fn data_home(&self) -> PathBuf {
        self.dir.path().join("data")
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // gnome-keyring-daemon exits when its bus goes away.
        let _ = self.dbus.kill();
        let _ = self.dbus.wait();
    }
}
