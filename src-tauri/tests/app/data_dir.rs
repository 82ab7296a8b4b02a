//! The app and the CLI share one data directory (the state, the lease): the
//! CLI's default is the app's identifier.

#[test]
fn the_cli_uses_the_apps_data_directory() {
    let conf: serde_json::Value =
        serde_json::from_str(include_str!("../../tauri.conf.json")).expect("tauri.conf.json");
    assert_eq!(conf["identifier"], keyslot_core::state::APP_DATA_DIR);
}
