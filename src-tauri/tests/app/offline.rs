//! Activation without a network, through the commands as the UI invokes
//! them: the request code, a bad paste that changes nothing, the license
//! file the real server's offline rules answer (imported from a file as
//! `import_lease_file` does once its dialog has a path), and the renewal
//! code. The dialog itself is the system's and is not driven here.

use keyslot_core::clock::SystemClock;
use keyslot_server::Limits;
use keyslot_server::serve::Server;
use serde_json::json;
use tauri::Manager;

use crate::shell::{Shell, invoke};

const SECRET: &str = "offline-test-secret";

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
        .answer
    {
        keyslot_server::offline::Answer::Lease(lease) => lease,
        other => panic!("no lease: {other:?}"),
    }
}

#[test]
fn a_request_code_brings_back_a_license_file_that_activates_this_device() {
    let Shell {
        app,
        webview,
        server,
        url,
        key,
        dir,
        ..
    } = Shell::start(
        SECRET,
        Limits::default(),
        "offline-test",
        "Air-gapped",
        true,
    );

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
    assert_eq!(request["page"], format!("{}/offline", url));
    assert_eq!(request["page_url"], format!("{}/offline#{code}", url));
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
