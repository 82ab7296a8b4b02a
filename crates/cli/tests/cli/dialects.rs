//! One journey per other vendor's server: `keyslot --provider NAME --server
//! URL activate KEY` against its contract server, the check that follows,
//! the device list (or where to free a device instead), one refusal with its
//! friendly text and exit code, and forget; the real keychain throughout,
//! debug logs on, and no credential, token or full key in any output. The
//! bearer-token vendors run without an API secret.

use std::process::Output;

use keyslot_contract::{API_KEY, GOOD_KEY, SECRET};

use crate::keychain::Session;

async fn keyslot(
    keychain: &Session,
    data: &std::path::Path,
    provider: &str,
    server: &str,
    args: &[&str],
) -> Output {
    let mut command = crate::keyslot_command();
    command
        .args(["--provider", provider, "--server", server])
        .args(args)
        .envs(keychain.env())
        .env("KEYSLOT_API_KEY", API_KEY)
        .env("KEYSLOT_DATA_DIR", data)
        .env("RUST_LOG", "debug")
        .env_remove("KEYSLOT_SERVER")
        .env_remove("KEYSLOT_PROVIDER");
    // Only the vendors that sign (or send an app secret) are given one.
    match provider {
        "appauth" | "geckoguard" => command.env("KEYSLOT_API_SECRET", SECRET),
        _ => command.env_remove("KEYSLOT_API_SECRET"),
    };
    // Over plain HTTP, LicenseKit's signing keys must be pinned.
    if provider == "licensekit" {
        let key = keyslot_contract::licensekit::public_key();
        command.arg(format!(
            "--public-key={}={key}",
            keyslot_contract::licensekit::KEY_ID
        ));
    }
    let output = tokio::task::spawn_blocking(move || command.output().expect("runs"))
        .await
        .expect("joins");
    // Debug logs and every text: no credential, token or full key.
    let (out, err) = text(&output);
    for secret in [
        SECRET,
        API_KEY,
        GOOD_KEY,
        "session-good",
        "session-next",
        "access-fresh",
    ] {
        assert!(
            !out.contains(secret) && !err.contains(secret),
            "{provider} {args:?} shows {secret:?}:\n{out}\n{err}"
        );
    }
    output
}

fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// What each vendor's journey expects.
struct Journey {
    provider: &'static str,
    server: wiremock::MockServer,
    /// A key it refuses, and words of the friendly text for it.
    refused: (&'static str, &'static str),
    /// Whether it lists devices.
    lists_devices: bool,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_journey_per_vendor() {
    let keychain = Session::start();
    let journeys = [
        Journey {
            provider: "appauth",
            server: keyslot_contract::appauth::start().await,
            refused: ("V-hwid_mismatch", "already in use on another device"),
            lists_devices: false,
        },
        Journey {
            provider: "geckoguard",
            server: keyslot_contract::geckoguard::start(Default::default()).await,
            refused: ("R-LICENSE_EXPIRED", "expired"),
            lists_devices: false,
        },
        Journey {
            provider: "licensekit",
            server: keyslot_contract::licensekit::start().await,
            refused: ("E-ACTIVATION_LIMIT_EXCEEDED", "device"),
            lists_devices: true,
        },
        Journey {
            provider: "licentric",
            server: keyslot_contract::licentric::start().await,
            refused: ("E-422-MACHINE_LIMIT_EXCEEDED", "device"),
            lists_devices: true,
        },
    ];
    for journey in journeys {
        let data = tempfile::tempdir().expect("tempdir");
        let uri = journey.server.uri();
        let run = |args: &'static [&'static str]| {
            keyslot(&keychain, data.path(), journey.provider, &uri, args)
        };
        let name = journey.provider;

        let output = keyslot(&keychain, data.path(), name, &uri, &["activate", GOOD_KEY]).await;
        let (out, err) = text(&output);
        assert!(output.status.success(), "{name}: {err}");
        assert!(
            out.contains("ACTIVE") && out.contains("of 3 used"),
            "{name}: {out}"
        );

        let output = run(&["status"]).await;
        assert!(output.status.success(), "{name}: {}", text(&output).1);

        let output = run(&["devices"]).await;
        let (out, err) = text(&output);
        if journey.lists_devices {
            assert!(output.status.success(), "{name}: {err}");
            assert!(
                out.contains("* this device") && out.contains("old-laptop"),
                "{name}: {out}"
            );
        } else {
            assert_eq!(output.status.code(), Some(3), "{name}: needs a person");
            assert!(err.contains("This is done elsewhere"), "{name}: {err}");
            assert!(err.contains("vendor"), "{name} says where instead: {err}");
        }

        // A refused key: friendly text, exit 3, and the working key is kept.
        let (key, words) = journey.refused;
        let output = keyslot(&keychain, data.path(), name, &uri, &["activate", key]).await;
        let (_, err) = text(&output);
        assert_eq!(output.status.code(), Some(3), "{name}: {err}");
        assert!(err.to_lowercase().contains(words), "{name}: {err}");
        assert!(err.contains(&format!("(support: {name} ")), "{name}: {err}");
        assert!(
            !err.contains(SECRET) && !err.contains(API_KEY),
            "{name}: no credential shown"
        );
        let output = run(&["status"]).await;
        assert!(output.status.success(), "{name}: the working key is kept");

        let output = run(&["forget"]).await;
        assert!(output.status.success(), "{name}: {}", text(&output).1);
        let output = run(&["status"]).await;
        assert_eq!(
            output.status.code(),
            Some(3),
            "{name}: nothing activated any more"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_provider_is_a_clear_error() {
    let data = tempfile::tempdir().expect("tempdir");
    let output = crate::keyslot_command()
        .args(["--provider", "nope", "status"])
        .env("KEYSLOT_DATA_DIR", data.path())
        .env("KEYSLOT_API_SECRET", SECRET)
        .output()
        .expect("runs");
    let (_, err) = text(&output);
    assert_eq!(output.status.code(), Some(3), "{err}");
    assert!(err.contains("(support: keyslot config_invalid"), "{err}");
}

/// `--route` corrects an assumed path as the app's config does; a malformed
/// one is a usage error and a route the adapter lacks a config error.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_route_is_corrected_on_the_command_line() {
    let keychain = Session::start();
    let data = tempfile::tempdir().expect("tempdir");
    let server = keyslot_contract::licentric::start().await;
    let uri = server.uri();
    let run =
        |args: &'static [&'static str]| keyslot(&keychain, data.path(), "licentric", &uri, args);

    let output = run(&["--route", "activate=/v2/activate", "activate", GOOD_KEY]).await;
    assert!(!output.status.success(), "the contract server has no /v2");
    let asked: Vec<String> = server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .map(|r| r.url.path().to_owned())
        .collect();
    assert_eq!(asked, ["/v2/activate"], "only the corrected path");

    let output = run(&["--route", "activate", "status"]).await;
    assert_eq!(output.status.code(), Some(2), "{}", text(&output).1);
    let output = run(&["--route", "activation=/x", "status"]).await;
    let (_, err) = text(&output);
    assert_eq!(output.status.code(), Some(3), "{err}");
    assert!(err.contains("(support: keyslot config_invalid"), "{err}");
}
