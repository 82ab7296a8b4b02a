//! The commands, invoked as the UI invokes them, against the real server.

use std::sync::Arc;
use std::time::Duration;

use keyslot_core::clock::{RandomNonces, SystemClock};
use keyslot_core::dialects::Dialect;
use keyslot_core::dialects::license_api::LicenseApi;
use keyslot_core::fingerprint::{Components, ThisMachine};
use keyslot_core::secrets::MemoryStore;
use keyslot_core::sensitive::Sensitive;
use keyslot_core::service::{LicenseService, ServiceConfig};
use keyslot_core::state::StateFile;
use keyslot_core::transport::{OutcomeLog, RetryPolicy, Timeouts, Wiring};
use keyslot_server::serve::Server;
use keyslot_server::{Limits, Secret};
use serde_json::{Value, json};
use tauri::Manager;
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;

const SECRET: &str = "shell-test-secret";

fn invoke(
    webview: &tauri::WebviewWindow<MockRuntime>,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: tauri::ipc::CallbackFn(0),
        error: tauri::ipc::CallbackFn(1),
        url: "tauri://localhost".parse().expect("url"),
        body: tauri::ipc::InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(webview, request).map(|body| body.deserialize::<Value>().expect("json"))
}

#[test]
fn commands_reach_the_license_service_and_never_return_the_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (server, key) = tauri::async_runtime::block_on(async {
        let limits = Limits {
            key_rate: 10_000,
            ip_rate: 10_000,
            ..Limits::default()
        };
        let server = Server::open(
            "127.0.0.1:0".parse().expect("addr"),
            &dir.path().join("l.db"),
            Secret::new(SECRET),
            limits,
        )
        .await
        .expect("serves");
        let key = keyslot_server::store::create_license(
            server.db(),
            keyslot_server::keys::generate(),
            1,
            None,
            0,
        )
        .await
        .expect("license");
        (server, key)
    });
    let wiring = Wiring {
        server: format!("http://{}", server.addr),
        clock: Arc::new(SystemClock),
        nonces: Arc::new(RandomNonces),
        policy: RetryPolicy {
            base: Duration::from_millis(10),
            cap: Duration::from_millis(50),
            max_attempts: 2,
        },
        timeouts: Timeouts::default(),
        outcomes: OutcomeLog::default(),
    };
    let client = Dialect::LicenseApi(
        LicenseApi::new(&wiring, Sensitive::new(SECRET.to_owned())).expect("client"),
    );
    let components = Components {
        machine_id: "shell-test".into(),
        cpu_arch: "x86_64".into(),
        cpu_brand: "Test".into(),
        os_name: "Test OS".into(),
    };
    let service = LicenseService::new(
        client,
        Arc::new(MemoryStore::default()),
        StateFile::in_dir(dir.path()),
        ThisMachine::from_components(&components, "keyslot-tests", "Test machine".into()),
        Arc::new(SystemClock),
        ServiceConfig::default(),
    );
    let fingerprint = service.machine().fingerprint.clone();
    let target = keyslot_app::Target {
        server: Some((wiring.server.clone(), "license-api".to_owned())),
        demo: false,
        state_dir: dir.path().to_owned(),
    };
    // The app's own context: `about` resolves (and creates) the app's log folder.
    let app = mock_builder()
        .invoke_handler(keyslot_app::specta_builder::<MockRuntime>().invoke_handler())
        .manage(keyslot_app::Services::with(service, Vec::new(), target))
        .build(tauri::generate_context!(test = true))
        .expect("app");
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("webview");

    let not_yet = invoke(&webview, "license_status", json!({})).expect_err("nothing activated");
    assert_eq!(not_yet["kind"], "not_activated");
    assert_eq!(not_yet["action"], "activate");

    let view = invoke(&webview, "activate", json!({"key": format!(" {key} ")})).expect("activates");
    assert_eq!(view["seats_used"], 1);
    assert_eq!(view["this_device"]["this_device"], true);

    let devices = invoke(&webview, "list_devices", json!({})).expect("devices");
    assert_eq!(devices["devices"].as_array().map(Vec::len), Some(1));

    let bad = invoke(&webview, "activate", json!({"key": "not a key"})).expect_err("shape");
    assert_eq!(bad["kind"], "invalid_key");
    assert!(bad["title"].as_str().is_some_and(|t| !t.is_empty()));

    let report = invoke(&webview, "support_report", json!({"lastError": bad})).expect("report");
    let diagnostics = invoke(&webview, "diagnose", json!({})).expect("diagnostics");
    assert_eq!(diagnostics["server_reachable"], true);
    assert_eq!(
        invoke(&webview, "demo_keys", json!({})).expect("demo keys"),
        json!([])
    );

    let about = invoke(&webview, "about", json!({})).expect("about");
    let log_dir = app.path().app_log_dir().expect("log folder");
    let path = |p: &std::path::Path| p.to_string_lossy().into_owned();
    assert_eq!(
        about,
        json!({
            "version": app.package_info().version.to_string(),
            "server": wiring.server,
            "provider": "license-api",
            "demo": false,
            "log_dir": path(&log_dir),
            "state_dir": path(dir.path()),
            "lease_file": path(&dir.path().join("lease.jwt")),
        })
    );
    assert!(log_dir.is_dir(), "about creates the log folder");
    for secret in [SECRET, &fingerprint] {
        assert!(!about.to_string().contains(secret), "{about}");
    }

    // Secrets never cross IPC: no answer holds the full key.
    for answer in [&view, &devices, &report, &diagnostics, &about] {
        assert!(
            !answer.to_string().contains(&key),
            "the key crossed IPC: {answer}"
        );
    }
    tauri::async_runtime::block_on(server.stop()).expect("stops");
}

#[test]
fn about_says_when_no_server_is_configured() {
    let dirs = tempfile::tempdir().expect("tempdir");
    let data = dirs.path().join("data");
    // No config.json: the license service cannot start, About still answers.
    let services = keyslot_app::Services::new(false, data.clone(), dirs.path().join("config"));
    let app = mock_builder()
        .invoke_handler(keyslot_app::specta_builder::<MockRuntime>().invoke_handler())
        .manage(services)
        .build(tauri::generate_context!(test = true))
        .expect("app");
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("webview");
    let about = invoke(&webview, "about", json!({})).expect("about");
    assert_eq!(about["server"], Value::Null);
    assert_eq!(about["provider"], Value::Null);
    assert_eq!(about["demo"], false);
    assert_eq!(about["state_dir"], data.to_string_lossy().as_ref());
    assert_eq!(
        about["lease_file"],
        data.join("lease.jwt").to_string_lossy().as_ref()
    );
}
