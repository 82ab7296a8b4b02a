//! Tauri's build step: embeds the config, capabilities and icons. The app
//! manifest gives each of the app's own commands an `allow-<command>`
//! permission and puts them under the capabilities too: the window may call
//! only what `capabilities/default.json` grants.

/// Every command `keyslot_app::specta_builder` registers. Passed on to the
/// crate's tests as `KEYSLOT_APP_COMMANDS`: `tests/app/capabilities.rs` checks
/// that these, the registered commands and the `allow-<command>` permissions
/// granted are the same set.
const COMMANDS: &[&str] = &[
    "activate",
    "license_status",
    "forget_license",
    "server_capabilities",
    "offline_request",
    "renewal_request",
    "import_lease",
    "import_lease_file",
    "save_request_code",
    "list_devices",
    "list_devices_for",
    "free_device",
    "free_device_for",
    "diagnose",
    "support_report",
    "demo_keys",
    "copy_text",
    "about",
    "watch_links",
    "language",
    "set_language",
];

fn main() {
    println!(
        "cargo::rustc-env=KEYSLOT_APP_COMMANDS={}",
        COMMANDS.join(",")
    );
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    if let Err(error) =
        tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
    {
        panic!("tauri-build: {error:#}");
    }
}
