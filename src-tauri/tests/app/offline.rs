//! Activation without a network, through the commands as the UI invokes
//! them: the request code, a bad paste that changes nothing, the license
//! file the real server's offline rules answer (imported from a file as
//! `import_lease_file` does once its dialog has a path), and the renewal
//! code. The dialog itself is the system's and is not driven here.

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

const SECRET: &str = "offline-test-secret";

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

/// The license file the server's offline page answers for `code`.
async fn answer(server: &Server, code: &str) -> String {
    let state = server.state();
    let now = keyslot_core::clock::Clock::now(&SystemClock);
    let verified =
        keyslot_server::offline::verify(code, state.secret.as_ref().expect("a secret"), now)
            .expect("verifies");
    let leases = state.leases.as_ref().expect("the server issues leases");
    match keyslot_server::offline::answer(&state.db, now, &state.limits, leases, &verified)
        .await
        .expect("answers")
    {
        keyslot_server::offline::Answer::Lease(lease) => lease,
        other => panic!("no lease: {other:?}"),
    }
}

#[test]
fn a_request_code_brings_back_a_license_file_that_activates_this_device() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (server, key) = tauri::async_runtime::block_on(async {
        let server = Server::open(
            "127.0.0.1:0".parse().expect("addr"),
            &dir.path().join("l.db"),
            Secret::new(SECRET),
            Limits::default(),
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
        machine_id: "offline-test".into(),
        cpu_arch: "x86_64".into(),
        cpu_brand: "Test".into(),
        os_name: "Test OS".into(),
    };
    let lease_keys = server
        .state()
        .leases
        .as_ref()
        .expect("leases")
        .key_set()
        .clone();
    let service = LicenseService::new(
        client,
        Arc::new(MemoryStore::default()),
        StateFile::in_dir(dir.path()),
        ThisMachine::from_components(&components, "keyslot-tests", "Air-gapped".into()),
        Arc::new(SystemClock),
        ServiceConfig::default(),
    )
    .with_lease_keys(lease_keys);
    let target = keyslot_app::Target {
        server: Some((wiring.server.clone(), "license-api".to_owned())),
        demo: false,
        state_dir: dir.path().to_owned(),
    };
    let app = mock_builder()
        .invoke_handler(keyslot_app::specta_builder::<MockRuntime>().invoke_handler())
        .manage(keyslot_app::Services::with(service, Vec::new(), target))
        .build(tauri::generate_context!(test = true))
        .expect("app");
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("webview");

    let bad = invoke(&webview, "offline_request", json!({"key": "not a key"})).expect_err("shape");
    assert_eq!(bad["kind"], "invalid_key");

    let request = invoke(
        &webview,
        "offline_request",
        json!({"key": format!(" {key} ")}),
    )
    .expect("a code");
    assert_eq!(request["kind"], "activate");
    let code = request["code"].as_str().expect("code");
    assert!(code.starts_with("KSR1."), "{code}");
    assert_eq!(request["page"], format!("{}/offline", wiring.server));
    assert_eq!(
        request["page_url"],
        format!("{}/offline#{code}", wiring.server)
    );
    assert!(
        request["qr_svg"]
            .as_str()
            .is_some_and(|svg| svg.contains("<svg"))
    );
    assert!(request["answered_until"].as_str().is_some());

    // A bad paste is refused in the catalog's words and changes nothing.
    let refused = invoke(&webview, "import_lease", json!({"text": "hello"})).expect_err("refused");
    assert_eq!(refused["code"], "lease_file_malformed");
    assert!(refused["title"].as_str().is_some_and(|t| !t.is_empty()));
    let still = invoke(&webview, "license_status", json!({})).expect_err("nothing yet");
    assert_eq!(still["kind"], "not_activated");

    // The license file, as the page's download saves it, chosen in the dialog.
    let lease = tauri::async_runtime::block_on(answer(&server, code));
    let file = dir.path().join("keyslot.lease");
    std::fs::write(&file, format!("{lease}\n")).expect("written");
    let view = tauri::async_runtime::block_on(async {
        let services = app.state::<keyslot_app::Services>();
        keyslot_app::offline_files::import(services.license().await.expect("service"), &file).await
    })
    .expect("imports");
    assert!(view.activated_offline, "{view:?}");
    assert_eq!(view.this_device.name, "Air-gapped");
    assert!(view.lease.is_some());

    // The same text pasted imports too (a second time changes nothing).
    let pasted = invoke(
        &webview,
        "import_lease",
        json!({"text": format!("  {lease}\n")}),
    )
    .expect("pasted");
    assert_eq!(pasted["activated_offline"], true);

    let renewal = invoke(&webview, "renewal_request", json!({})).expect("renewal code");
    assert_eq!(renewal["kind"], "renew");
    assert!(
        renewal["code"]
            .as_str()
            .is_some_and(|c| c.starts_with("KSR1."))
    );

    for answer in [&request, &refused, &pasted, &renewal] {
        assert!(
            !answer.to_string().contains(&key),
            "the key crossed IPC: {answer}"
        );
    }
    tauri::async_runtime::block_on(server.stop()).expect("stops");
}
