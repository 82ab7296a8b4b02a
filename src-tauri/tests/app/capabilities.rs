//! The window may call Keyslot's own commands, the core's `set_webview_zoom`
//! (the zoom hotkeys) and, of the plugins, only the opener's `open_path` on
//! the log folder (the license file's dialog is opened from Rust, never
//! by the window). The capabilities grant exactly
//! [`ALLOWED`] and [`PLUGIN_GRANTS`]; [`ALLOWED`] is one `allow-<command>`
//! per command the app registers, and per command of `build.rs`'s app
//! manifest (its `COMMANDS`); and the ACL the app embeds (resolved by the
//! build from the two) lets every one of them through and stops the other
//! core and plugin commands.

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::{Value, json};
use tauri::Manager;
use tauri::test::{MockRuntime, mock_builder};

/// Every permission the window may hold. Granting another is a decision to
/// make here, with a reason: the UI uses no core or plugin command.
const ALLOWED: &[&str] = &[
    "allow-activate",
    "allow-license-status",
    "allow-forget-license",
    "allow-server-capabilities",
    "allow-offline-request",
    "allow-renewal-request",
    "allow-import-lease",
    "allow-import-lease-file",
    "allow-save-request-code",
    "allow-list-devices",
    "allow-list-devices-for",
    "allow-free-device",
    "allow-free-device-for",
    "allow-diagnose",
    "allow-support-report",
    "allow-demo-keys",
    "allow-copy-text",
    "allow-about",
    "allow-watch-links",
    "allow-language",
    "allow-set-language",
];

/// The core permissions the window holds: setting its zoom, which Tauri's
/// zoom hotkeys (Ctrl+=, Ctrl+-, Ctrl+0; `zoomHotkeysEnabled`) call, so
/// people who need larger text get it.
const CORE_GRANTS: &[&str] = &["core:webview:allow-set-webview-zoom"];

/// The plugin permissions the window holds, each with its one scope. "Open
/// log folder" on About opens the log folder, `$APPLOG`, a path without a
/// glob: the folder itself and nothing in or above it.
const PLUGIN_GRANTS: &[(&str, &str)] = &[("opener:allow-open-path", r#"[{"path": "$APPLOG"}]"#)];

/// The commands `specta_builder` registers, as the bindings generated from it invoke them.
fn registered_commands() -> Vec<String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bindings.ts");
    keyslot_app::export_bindings(&path).expect("exports");
    let bindings = std::fs::read_to_string(&path).expect("written");
    let commands: Vec<String> = bindings
        .split("__TAURI_INVOKE")
        .skip(1)
        .filter_map(|call| call.split_once("(\"")?.1.split_once('"'))
        .map(|(name, _)| name.to_owned())
        .collect();
    assert!(commands.len() >= 10, "found the commands: {commands:?}");
    commands
}

/// The commands of the app manifest: `build.rs`'s `COMMANDS`, as it passes them on.
fn manifest_commands() -> Vec<String> {
    env!("KEYSLOT_APP_COMMANDS")
        .split(',')
        .map(str::to_owned)
        .collect()
}

/// The `allow-<command>` permission of each of `commands`, as a set.
fn permissions_of(commands: &[String]) -> BTreeSet<String> {
    commands
        .iter()
        .map(|command| format!("allow-{}", command.replace('_', "-")))
        .collect()
}

/// Every capability: the files in `capabilities/` and any inline in `tauri.conf.json`.
fn capabilities() -> Vec<Value> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/capabilities");
    let mut found: Vec<Value> = std::fs::read_dir(dir)
        .expect("capabilities/")
        .map(|entry| {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("readable");
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        })
        .collect();
    let conf: Value =
        serde_json::from_str(include_str!("../../tauri.conf.json")).expect("tauri.conf.json");
    if let Some(inline) = conf["app"]["security"]["capabilities"].as_array() {
        found.extend(inline.iter().filter(|c| c.is_object()).cloned());
    }
    found
}

#[test]
fn the_capabilities_grant_the_main_window_only_the_allow_list() {
    let allowed: BTreeSet<String> = ALLOWED.iter().map(|&id| id.to_owned()).collect();
    let mut granted = BTreeSet::new();
    for capability in capabilities() {
        assert_eq!(capability["windows"], json!(["main"]), "{capability}");
        assert!(capability.get("webviews").is_none(), "{capability}");
        assert!(
            capability.get("remote").is_none(),
            "no remote URL: {capability}"
        );
        for permission in capability["permissions"].as_array().expect("permissions") {
            let id = match permission.as_str() {
                Some(id) => {
                    assert!(
                        allowed.contains(id) || CORE_GRANTS.contains(&id),
                        "{id} is not on the allow-list"
                    );
                    id
                }
                None => {
                    let id = permission["identifier"].as_str().expect("an identifier");
                    let (_, scope) = PLUGIN_GRANTS
                        .iter()
                        .find(|(grant, _)| *grant == id)
                        .unwrap_or_else(|| panic!("{id} is not a plugin grant"));
                    let scope: Value = serde_json::from_str(scope).expect("scope");
                    assert_eq!(
                        permission,
                        &json!({"identifier": id, "allow": scope}),
                        "{id} is granted with its scope only"
                    );
                    id
                }
            };
            assert!(granted.insert(id.to_owned()), "{id} is granted twice");
        }
    }
    let expected: BTreeSet<String> = allowed
        .into_iter()
        .chain(CORE_GRANTS.iter().map(|&id| id.to_owned()))
        .chain(PLUGIN_GRANTS.iter().map(|(id, _)| (*id).to_owned()))
        .collect();
    assert_eq!(
        granted, expected,
        "the window is granted the whole allow-list, the core and the plugin grants"
    );
}

#[test]
fn the_opener_scope_is_the_log_folder_itself() {
    let app = mock_builder()
        .build(tauri::generate_context!(test = true))
        .expect("app");
    let (_, scope) = PLUGIN_GRANTS[0];
    let paths: Vec<Value> = serde_json::from_str(scope).expect("scope");
    let allow: Vec<PathBuf> = paths
        .iter()
        .map(|entry| PathBuf::from(entry["path"].as_str().expect("a path")))
        .collect();
    // The opener checks a path as tauri's fs scope does, over the entries' paths.
    let scope = tauri::fs::Scope::new(
        &app,
        &tauri::utils::config::FsScope::Scope {
            allow,
            deny: Vec::new(),
            require_literal_leading_dot: None,
        },
    )
    .expect("scope");
    let log_dir = app.path().app_log_dir().expect("log folder");
    assert!(scope.is_allowed(&log_dir), "{}", log_dir.display());
    for outside in [
        log_dir.join("Keyslot.log"),
        log_dir.join("sub").join("x"),
        log_dir.parent().expect("parent").to_owned(),
        app.path().app_data_dir().expect("data dir"),
        PathBuf::from("/etc/passwd"),
    ] {
        assert!(!scope.is_allowed(&outside), "{}", outside.display());
    }
}

#[test]
fn the_allow_list_the_registered_commands_and_the_app_manifest_are_one_set() {
    let (registered, manifest) = (registered_commands(), manifest_commands());
    for (name, list) in [("registered", &registered), ("COMMANDS", &manifest)] {
        let unique: BTreeSet<&String> = list.iter().collect();
        assert_eq!(unique.len(), list.len(), "{name} repeats one: {list:?}");
    }
    let allowed: BTreeSet<String> = ALLOWED.iter().map(|&id| id.to_owned()).collect();
    assert_eq!(allowed.len(), ALLOWED.len(), "ALLOWED repeats one");
    assert_eq!(
        permissions_of(&registered),
        allowed,
        "ALLOWED grants exactly the registered commands"
    );
    assert_eq!(
        permissions_of(&manifest),
        allowed,
        "build.rs's COMMANDS are exactly the allowed commands"
    );
}

fn invoke(webview: &tauri::WebviewWindow<MockRuntime>, cmd: &str) -> Result<Value, Value> {
    invoke_with(webview, cmd, json!({}))
}

fn invoke_with(
    webview: &tauri::WebviewWindow<MockRuntime>,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    crate::shell::invoke(webview, cmd, args)
}

fn denied(answer: &Result<Value, Value>) -> bool {
    matches!(answer, Err(Value::String(message)) if message.contains("not allowed"))
}

#[test]
fn the_embedded_acl_lets_every_command_through_and_stops_core_and_plugin_commands() {
    let dirs = tempfile::tempdir().expect("tempdir");
    // No config.json: a command that reaches the service answers with the report
    // saying so, never touching a server or the keychain.
    let services =
        keyslot_app::Services::new(false, dirs.path().join("data"), dirs.path().join("config"));
    let app = mock_builder()
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(keyslot_app::specta_builder::<MockRuntime>().invoke_handler())
        .manage(services)
        .manage(keyslot_app::Clipboard::default())
        .manage(keyslot_app::Links::default())
        .build(tauri::generate_context!(test = true))
        .expect("app");
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("webview");

    // Each passes the ACL (then answers, or refuses the missing arguments).
    for command in registered_commands() {
        let answer = invoke(&webview, &command);
        assert!(!denied(&answer), "{command} was denied: {answer:?}");
    }
    // The zoom hotkeys' command passes the ACL.
    let zoom = invoke_with(
        &webview,
        "plugin:webview|set_webview_zoom",
        json!({"value": 1.0}),
    );
    assert!(!denied(&zoom), "set_webview_zoom was denied: {zoom:?}");
    for command in [
        "not_a_command",
        "plugin:app|version",
        "plugin:event|listen",
        "plugin:deep-link|get_current",
        "plugin:menu|new",
        "plugin:path|resolve_directory",
        "plugin:tray|new",
        "plugin:webview|print",
        "plugin:window|minimize",
        "plugin:log|log",
        "plugin:window-state|save_window_state",
        "plugin:opener|open_url",
        "plugin:opener|reveal_item_in_dir",
        // The air gap's dialogs are opened from Rust (import_lease_file, save_request_code).
        "plugin:dialog|open",
        "plugin:dialog|save",
        "plugin:dialog|message",
    ] {
        let answer = invoke(&webview, command);
        assert!(denied(&answer), "{command} was not denied: {answer:?}");
    }
    // open_path passes the ACL, and its scope refuses anything but the log folder.
    let log_dir = app.path().app_log_dir().expect("log folder");
    for path in [log_dir.join("Keyslot.log"), dirs.path().to_owned()] {
        let answer = invoke_with(
            &webview,
            "plugin:opener|open_path",
            json!({"path": path.to_string_lossy()}),
        );
        assert!(
            matches!(&answer, Err(Value::String(m)) if m.starts_with("Not allowed to open path")),
            "{}: {answer:?}",
            path.display()
        );
    }
}
