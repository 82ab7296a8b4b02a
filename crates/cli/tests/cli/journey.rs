//! A support session with the CLI: activate, status, devices, refusals with
//! their exit codes, doctor, report, forget; the key kept in the real keychain.

use std::io::{Read, Write};
use std::process::{Command, Output, Stdio};

use keyslot_core::fingerprint::ThisMachine;
use keyslot_server::admin::AdminState;
use keyslot_server::lease::{LeaseOptions, LeaseSettings};
use keyslot_server::serve::Server;
use keyslot_server::{Limits, Secret};

use crate::keychain::Session;

mod offline;

const BIN: &str = env!("CARGO_BIN_EXE_keyslot");
const SECRET: &str = "cli-journey-secret-77c1";

struct World {
    /// The server, until [`World::stop_server`].
    server: Option<Server>,
    /// Its URL, which stays when it is stopped.
    url: String,
    keychain: Session,
    data: tempfile::TempDir,
    _server_dir: tempfile::TempDir,
}

impl World {
    async fn start() -> Self {
        Self::start_with(LeaseOptions::default()).await
    }

    /// A world whose server issues leases with these options.
    async fn start_with(leases: LeaseOptions) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let limits = Limits {
            key_rate: 10_000,
            ip_rate: 10_000,
            ..Limits::default()
        };
        let addr = "127.0.0.1:0".parse().expect("addr");
        let server = Server::open_with(
            addr,
            &keyslot_server::db::Location::sqlite(dir.path().join("licenses.db")),
            Secret::new(SECRET),
            limits,
            Some(&leases),
            &keyslot_server::serve::Backing::default(),
        )
        .await
        .expect("serves");
        Self {
            url: format!("http://{}", server.addr),
            server: Some(server),
            keychain: Session::start(),
            data: tempfile::tempdir().expect("tempdir"),
            _server_dir: dir,
        }
    }

    fn server(&self) -> &Server {
        self.server.as_ref().expect("the server runs")
    }

    /// Stops the server: from now on nothing answers at its URL.
    async fn stop_server(&mut self) {
        if let Some(server) = self.server.take() {
            server.stop().await.expect("stops");
        }
    }

    async fn license(&self, seats: u32, state: Option<AdminState>) -> String {
        let key = keyslot_server::keys::generate();
        let key = keyslot_server::store::create_license(self.server().db(), key, seats, None, 0)
            .await
            .expect("license");
        if let Some(state) = state {
            keyslot_server::store::set_state(self.server().db(), &key, state, 0)
                .await
                .expect("state");
        }
        key
    }

    /// `keyslot ARGS` in this world, with `RUST_LOG` unset.
    fn command(&self, args: &[&str]) -> Command {
        self.command_of(BIN, args)
    }

    /// `PROGRAM ARGS` in this world (which runs `keyslot`), with `RUST_LOG` unset.
    fn command_of(&self, program: &str, args: &[&str]) -> Command {
        let mut command = Command::new(program);
        crate::english(&mut command);
        command
            .args(args)
            .envs(self.keychain.env())
            .env("KEYSLOT_SERVER", &self.url)
            .env("KEYSLOT_API_SECRET", SECRET)
            .env("KEYSLOT_DATA_DIR", self.data.path())
            .env_remove("RUST_LOG");
        command
    }

    /// Runs `keyslot ARGS` off the async runtime.
    async fn keyslot(&self, args: &[&str]) -> Output {
        run(self.command(args), None).await
    }

    /// Runs `keyslot ARGS` with `RUST_LOG` set to `log`.
    async fn keyslot_logged(&self, args: &[&str], log: &str) -> Output {
        let mut command = self.command(args);
        command.env("RUST_LOG", log);
        run(command, None).await
    }

    /// Runs `keyslot ARGS` with `input` on its stdin (a pipe).
    async fn keyslot_fed(&self, args: &[&str], input: &str) -> Output {
        run(self.command(args), Some(input.to_owned())).await
    }
}

/// Runs `command` off the async runtime, `input` on its stdin (else none).
async fn run(mut command: Command, input: Option<String>) -> Output {
    tokio::task::spawn_blocking(move || {
        let Some(input) = input else {
            return command.output().expect("runs");
        };
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(input.as_bytes()).expect("fed");
        drop(stdin);
        child.wait_with_output().expect("ends")
    })
    .await
    .expect("joins")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_support_session() {
    let world = World::start().await;
    let key = world.license(3, None).await;
    let revoked = world.license(3, Some(AdminState::Revoked)).await;
    let full = world.license(0, None).await;
    let hint = format!("…{}", &key[key.len() - 4..]);

    let activated = world.keyslot(&["activate", &key]).await;
    assert!(activated.status.success(), "{}", stderr(&activated));
    assert!(
        stdout(&activated).contains("1 of 3 used"),
        "{}",
        stdout(&activated)
    );

    // The key lives in the keychain, nowhere in Keyslot's files; a new process reads it back.
    for entry in walk(world.data.path()) {
        let bytes = std::fs::read(&entry).expect("readable");
        assert!(
            !String::from_utf8_lossy(&bytes).contains(&key),
            "{} holds the key",
            entry.display()
        );
    }
    let keyrings: Vec<_> = walk(&world.keychain.data_home().join("keyrings"));
    assert!(!keyrings.is_empty(), "gnome-keyring wrote its store");
    for file in &keyrings {
        let bytes = std::fs::read(file).expect("readable");
        assert!(
            !String::from_utf8_lossy(&bytes).contains(&key),
            "the keyring encrypts the key"
        );
    }
    let status = world.keyslot(&["status", "--json"]).await;
    assert!(status.status.success(), "{}", stderr(&status));
    let view: serde_json::Value = serde_json::from_slice(&status.stdout).expect("json");
    assert_eq!(view["key_hint"], hint.as_str());
    assert_eq!(view["seats_used"], 1);
    assert_eq!(view["this_device"]["this_device"], true);
    assert!(!stdout(&status).contains(&key));

    // Not even trace-level logs of every crate (reqwest, hyper, zbus…) show a secret.
    let traced = world.keyslot_logged(&["status"], "trace").await;
    assert!(traced.status.success());
    let logs = stderr(&traced);
    assert!(logs.lines().count() > 10, "trace logging is on");
    assert!(
        !logs.contains(&key) && !logs.contains(SECRET),
        "a secret reached the logs"
    );

    let unknown_seat = world.keyslot(&["free", "act_no_such_seat"]).await;
    assert_eq!(
        unknown_seat.status.code(),
        Some(6),
        "1709 is fixed by an action: exit 6"
    );

    let devices = world.keyslot(&["devices"]).await;
    assert!(devices.status.success());
    assert!(stdout(&devices).contains("* this device"));

    // Refusals: friendly text on stderr, exit code by retry class (3 = needs a person).
    let no_seat = world.keyslot(&["activate", &full]).await;
    assert_eq!(no_seat.status.code(), Some(3));
    assert!(
        stderr(&no_seat).starts_with("All seats are in use"),
        "{}",
        stderr(&no_seat)
    );
    let gone = world.keyslot(&["activate", &revoked]).await;
    assert_eq!(gone.status.code(), Some(3));
    assert!(stderr(&gone).contains("revoked"));
    let json_error = world.keyslot(&["activate", &revoked, "--json"]).await;
    let error: serde_json::Value = serde_json::from_slice(&json_error.stdout).expect("json error");
    assert_eq!(error["error"]["kind"], "revoked");
    assert_eq!(error["error"]["code"], "1708");
    // …and the working key is still the one in use.
    let still = world.keyslot(&["status"]).await;
    assert!(still.status.success() && stdout(&still).contains(&hint));

    let doctor = world.keyslot(&["doctor", "--json"]).await;
    let diagnostics: serde_json::Value = serde_json::from_slice(&doctor.stdout).expect("json");
    assert_eq!(diagnostics["server_reachable"], true);
    assert_eq!(diagnostics["keychain"]["ok"], true);

    let report = world.keyslot(&["report"]).await;
    let text = stdout(&report);
    assert!(
        report.status.success() && text.contains(&hint) && text.contains("reachable:    yes"),
        "{text}"
    );
    for secret in [key.as_str(), SECRET, revoked.as_str()] {
        assert!(!text.contains(secret), "report leaks {secret}");
    }
    let machine_id = std::fs::read_to_string("/etc/machine-id").unwrap_or_default();
    if !machine_id.trim().is_empty() {
        assert!(
            !text.contains(machine_id.trim()),
            "report leaks the machine id"
        );
    }

    let forget = world.keyslot(&["forget"]).await;
    assert!(forget.status.success(), "{}", stderr(&forget));
    let after = world.keyslot(&["status"]).await;
    assert_eq!(after.status.code(), Some(3));
    assert!(
        stderr(&after).starts_with("No license on this device yet"),
        "{}",
        stderr(&after)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failure_in_one_run_is_in_the_next_runs_report_and_the_servers_log() {
    let world = World::start().await;
    let full = world.license(0, None).await;
    let mut request_ids = Vec::new();
    for _ in 0..3 {
        let refused = world.keyslot_fed(&["activate", "-", "--json"], &full).await;
        assert_eq!(refused.status.code(), Some(3), "{}", stderr(&refused));
        let error: serde_json::Value = serde_json::from_slice(&refused.stdout).expect("json");
        assert_eq!(error["error"]["code"], "1705");
        request_ids.push(
            error["error"]["request_id"]
                .as_str()
                .expect("id")
                .to_owned(),
        );
    }

    let report = world.keyslot(&["report"]).await;
    assert!(report.status.success(), "{}", stderr(&report));
    let text = stdout(&report);
    for id in &request_ids {
        let line = text
            .lines()
            .find(|l| l.contains(id.as_str()))
            .unwrap_or_else(|| panic!("{id} is not in the report:\n{text}"));
        assert!(
            line.contains("license-api /api/v1/license/activate  409  license-api 1705 (All seats are in use)  attempt 1"),
            "{line}"
        );
    }
    let probe = text.lines().filter(|l| l.ends_with("(support check)"));
    assert_eq!(probe.count(), 1, "the report's own probe, marked: {text}");
    assert!(
        text.contains("next step:    All seats are in use (1705 3 times, the last at "),
        "{text}"
    );
    assert!(text.contains("keyslot free ID"), "{text}");

    // The kept file holds no key, secret or fingerprint.
    let kept = std::fs::read_to_string(world.data.path().join("outcomes.json")).expect("kept");
    let fingerprint = ThisMachine::detect("keyslot", world.data.path())
        .expect("this machine")
        .fingerprint;
    for secret in [full.as_str(), SECRET, fingerprint.as_str()] {
        assert!(!kept.contains(secret), "outcomes.json holds {secret}");
    }

    // Support, on the server: each request id the client printed finds the
    // same call in the request log (`keyslot-server request show` reads it so).
    let mut world = world;
    world.stop_server().await;
    let db = world._server_dir.path().join("licenses.db");
    let log = keyslot_server::request_log::open(&keyslot_server::request_log::file_of(&db), false)
        .await
        .expect("the request log");
    for id in &request_ids {
        let call = keyslot_server::request_log::find(&log, id)
            .await
            .expect("reads")
            .unwrap_or_else(|| panic!("{id} is not in the server's log"));
        assert_eq!((call.status, call.code), (409, Some(1705)));
        assert_eq!(call.endpoint, "/api/v1/license/activate");
        assert_eq!(call.key_hint, Some(format!("…{}", &full[full.len() - 4..])));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_keychain_the_error_says_what_is_missing() {
    let world = World::start().await;
    let mut command = crate::keyslot_command();
    command
        .args(["status"])
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/keyslot-test-bus",
        )
        .env("KEYSLOT_SERVER", &world.url)
        .env("KEYSLOT_API_SECRET", SECRET)
        .env("KEYSLOT_DATA_DIR", world.data.path());
    let output = tokio::task::spawn_blocking(move || command.output().expect("runs"))
        .await
        .expect("joins");
    assert_eq!(output.status.code(), Some(3));
    let text = stderr(&output);
    assert!(
        text.starts_with("No keychain to keep your license in"),
        "{text}"
    );
    assert!(
        text.contains("Secret Service"),
        "names what is missing: {text}"
    );
}

#[test]
fn explain_and_catalog_need_no_server() {
    let explain = crate::keyslot_command()
        .args([
            "explain",
            "geckoguard",
            "HWID_MISMATCH",
            "--context",
            "authorize",
        ])
        .output()
        .expect("runs");
    assert!(explain.status.success());
    let text = stdout(&explain);
    assert!(
        text.lines().count() >= 3 && text.contains("  1. "),
        "{text}"
    );
    assert!(!text.contains("HWID"), "{text}");

    let catalog = crate::keyslot_command()
        .args(["catalog", "--json"])
        .output()
        .expect("runs");
    assert!(catalog.status.success());
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&catalog.stdout).expect("json array");
    assert!(rows.len() > 100);
    for field in [
        "provider",
        "code",
        "http_status",
        "kind",
        "retry",
        "action",
        "title",
        "message",
        "steps",
    ] {
        assert!(rows.iter().all(|r| r.get(field).is_some()), "{field}");
    }
    let unknown = crate::keyslot_command()
        .args(["explain", "nobody", "X"])
        .output()
        .expect("runs");
    assert!(!unknown.status.success());
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_the_lease_holds_then_asks_to_connect_then_ends() {
    let mut world = World::start_with(LeaseOptions {
        settings: LeaseSettings {
            ttl: 6,
            renew: 1,
            grace: 4,
            ..LeaseSettings::default()
        },
        ..LeaseOptions::default()
    })
    .await;
    let key = world.license(2, None).await;
    let activated = world.keyslot(&["activate", &key]).await;
    assert!(activated.status.success(), "{}", stderr(&activated));
    assert!(
        stdout(&activated).contains("Lease:   Confirmed by the server"),
        "{}",
        stdout(&activated)
    );
    let check = world.keyslot(&["check"]).await;
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(stdout(&check).starts_with("Licensed: works offline until"));

    // The server goes away: status answers from the lease, calmly.
    world.stop_server().await;
    let status = world.keyslot(&["status"]).await;
    assert_eq!(status.status.code(), Some(0), "{}", stderr(&status));
    assert!(
        stdout(&status).contains("Offline: the server could not be reached; the lease holds"),
        "{}",
        stdout(&status)
    );

    // Past exp: grace, still working, asking to connect.
    std::thread::sleep(std::time::Duration::from_millis(6_300));
    let grace = world.keyslot(&["check"]).await;
    assert_eq!(grace.status.code(), Some(0), "{}", stdout(&grace));
    assert!(
        stdout(&grace).starts_with("Connect to the internet within"),
        "{}",
        stdout(&grace)
    );

    // Past exp + grace: expired.
    std::thread::sleep(std::time::Duration::from_millis(4_300));
    let expired = world.keyslot(&["check", "--json"]).await;
    assert_eq!(expired.status.code(), Some(21), "{}", stdout(&expired));
    let found: serde_json::Value = serde_json::from_slice(&expired.stdout).expect("json");
    assert_eq!(found["stage"], "expired");
    let status = world.keyslot(&["status"]).await;
    assert_ne!(status.status.code(), Some(0));
    assert!(
        stderr(&status).contains("Connect to keep using this license"),
        "{}",
        stderr(&status)
    );

    // A lease edited by hand.
    let lease_file = world.data.path().join("lease.jwt");
    let lease = std::fs::read_to_string(&lease_file).expect("kept");
    let (head, rest) = lease.trim().split_once('.').expect("parts");
    let flipped = if rest.starts_with('e') { 'f' } else { 'e' };
    std::fs::write(&lease_file, format!("{head}.{flipped}{}", &rest[1..])).expect("edited");
    assert_eq!(world.keyslot(&["check"]).await.status.code(), Some(22));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn activate_takes_the_key_from_stdin_never_from_the_arguments() {
    let world = World::start().await;
    let key = world.license(2, None).await;

    // An empty key on stdin, or a key piped with no `-`: usage errors that say
    // what to do, and nothing changed.
    let empty = world.keyslot_fed(&["activate", "-"], "\n").await;
    assert_eq!(empty.status.code(), Some(2), "{}", stderr(&empty));
    assert!(
        stderr(&empty).starts_with("no license key given"),
        "{}",
        stderr(&empty)
    );
    let piped = world.keyslot_fed(&["activate"], &key).await;
    assert_eq!(piped.status.code(), Some(2), "{}", stderr(&piped));
    assert!(
        stderr(&piped).contains("pass the key as `-`"),
        "{}",
        stderr(&piped)
    );
    assert!(walk(world.data.path()).is_empty(), "no state was written");
    let nothing = world.keyslot(&["status"]).await;
    assert!(
        stderr(&nothing).starts_with("No license on this device yet"),
        "no key reached the keychain: {}",
        stderr(&nothing)
    );

    // `-`: stdin's first line, trimmed; the key is in no argument and in no output.
    let activated = world
        .keyslot_fed(&["activate", "-"], &format!("  {key}  \nnot read\n"))
        .await;
    assert!(activated.status.success(), "{}", stderr(&activated));
    assert!(
        stdout(&activated).contains("1 of 2 used"),
        "{}",
        stdout(&activated)
    );
    for output in [&empty, &piped, &activated] {
        assert!(!stdout(output).contains(&key) && !stderr(output).contains(&key));
    }
    let status = world.keyslot(&["status", "--json"]).await;
    assert!(status.status.success(), "{}", stderr(&status));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn activate_with_no_key_and_no_terminal_stops_at_once_not_waiting_on_stdin() {
    let world = World::start().await;
    // stdin a pipe that stays open and empty, as under `docker run -i`.
    let mut command = world.command(&["activate"]);
    let (code, shown) = tokio::task::spawn_blocking(move || {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        let open = child.stdin.take().expect("stdin");
        let started = std::time::Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("waits") {
                break Some(status);
            }
            if started.elapsed() > std::time::Duration::from_secs(20) {
                child.kill().expect("killed");
                child.wait().expect("ends");
                break None;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        };
        drop(open);
        let mut shown = String::new();
        child
            .stderr
            .take()
            .expect("stderr")
            .read_to_string(&mut shown)
            .expect("reads");
        (status.map(|s| s.code()), shown)
    })
    .await
    .expect("joins");
    assert_eq!(
        code,
        Some(Some(2)),
        "still waiting on stdin after 20 s: {shown}"
    );
    assert!(shown.contains("pass the key as `-`"), "{shown}");
    assert!(walk(world.data.path()).is_empty(), "no state was written");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_vendors_app_id_salts_the_fingerprint_the_server_and_check_see() {
    let world = World::start().await;
    let key = world.license(2, None).await;
    let activated = world
        .keyslot_fed(&["--app-id", "acme-cad", "activate", "-"], &key)
        .await;
    assert!(activated.status.success(), "{}", stderr(&activated));

    let (_, devices) = keyslot_server::store::show_license(world.server().db(), &key)
        .await
        .expect("license");
    let here = |app_id: &str| {
        ThisMachine::detect(app_id, world.data.path())
            .expect("this machine")
            .fingerprint
    };
    assert_eq!(devices.len(), 1);
    assert_eq!(devices[0].fingerprint, here("acme-cad"));
    assert_ne!(devices[0].fingerprint, here("keyslot"));

    let mut same = world.command(&["check"]);
    same.env("KEYSLOT_APP_ID", "acme-cad");
    let same = run(same, None).await;
    assert_eq!(same.status.code(), Some(0), "{}", stdout(&same));
    let default = world.keyslot(&["check"]).await;
    assert_eq!(
        default.status.code(),
        Some(23),
        "under another app id this is another machine: {}",
        stdout(&default)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_terminal_activate_asks_for_the_key_and_does_not_echo_it() {
    let world = World::start().await;
    let key = world.license(2, None).await;
    // util-linux's `script` runs it on a pseudo-terminal and copies all it shows.
    let run_on_a_terminal = format!("{BIN} activate");
    let mut command = world.command_of(
        "script",
        &["-q", "-e", "-c", &run_on_a_terminal, "/dev/null"],
    );
    let typed = format!("{key}\n");
    let (status, shown) = tokio::task::spawn_blocking(move || {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("script runs (Debian package bsdutils)");
        let mut terminal = child.stdout.take().expect("stdout");
        let (chunks, shown) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut buffer = [0; 4096];
            while let Ok(n @ 1..) = terminal.read(&mut buffer) {
                let _ = chunks.send(buffer[..n].to_vec());
            }
        });
        let mut seen = Vec::new();
        while !String::from_utf8_lossy(&seen).contains("License key: ") {
            let chunk = shown
                .recv_timeout(std::time::Duration::from_secs(20))
                .unwrap_or_else(|_| panic!("no prompt: {}", String::from_utf8_lossy(&seen)));
            seen.extend(chunk);
        }
        // The prompt is printed just before echo is turned off: let that happen.
        std::thread::sleep(std::time::Duration::from_millis(500));
        let mut keyboard = child.stdin.take().expect("stdin");
        keyboard.write_all(typed.as_bytes()).expect("typed");
        let status = child.wait().expect("ends");
        drop(keyboard);
        seen.extend(shown.iter().flatten());
        (status, String::from_utf8_lossy(&seen).into_owned())
    })
    .await
    .expect("joins");
    assert!(status.success(), "{shown}");
    assert!(shown.contains("1 of 2 used"), "{shown}");
    assert!(!shown.contains(&key), "the key was echoed: {shown}");
}
