//! The commands, invoked as the UI invokes them, against the real server.

use keyslot_server::Limits;
use serde_json::{Value, json};
use tauri::Manager;
use tauri::test::{MockRuntime, mock_builder};

use crate::shell::{Shell, invoke};

const SECRET: &str = "shell-test-secret";

#[test]
fn commands_reach_the_license_service_and_never_return_the_key() {
    let limits = Limits {
        key_rate: 10_000,
        ip_rate: 10_000,
        ..Limits::default()
    };
    // The app's own context: `about` resolves (and creates) the app's log folder.
    let shell = Shell::start(SECRET, limits, "shell-test", "Test machine", false);
    let Shell {
        app,
        webview,
        server,
        url,
        key,
        fingerprint,
        dir,
    } = shell;

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
            "server": url,
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
