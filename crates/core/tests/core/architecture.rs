//! keyslot-core must build and test without a webview.

#[test]
fn the_core_does_not_depend_on_tauri() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let tree = std::process::Command::new(cargo)
        .args([
            "tree",
            "-p",
            "keyslot-core",
            "-e",
            "normal",
            "--prefix",
            "none",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(
        tree.status.success(),
        "{}",
        String::from_utf8_lossy(&tree.stderr)
    );
    let tree = String::from_utf8_lossy(&tree.stdout);
    assert!(tree.contains("keyslot-protocol"), "the tree was read");
    let tauri: Vec<&str> = tree
        .lines()
        .filter(|l| l.contains("tauri") || l.contains("wry"))
        .collect();
    assert!(tauri.is_empty(), "keyslot-core depends on {tauri:?}");
}
