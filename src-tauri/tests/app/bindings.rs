//! `ui/src/lib/bindings.ts` is generated, never hand-written: this test
//! regenerates it and fails if the committed file differs.

#[test]
fn the_committed_bindings_are_current() {
    let committed = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/lib/bindings.ts");
    let dir = tempfile::tempdir().expect("tempdir");
    let fresh = dir.path().join("bindings.ts");
    keyslot_app::export_bindings(&fresh).expect("exports");
    let fresh = std::fs::read_to_string(&fresh).expect("written");
    if std::env::var_os("KEYSLOT_BLESS").is_some() {
        std::fs::write(committed, &fresh).expect("write");
        return;
    }
    let current = std::fs::read_to_string(committed).unwrap_or_default();
    assert!(
        current == fresh,
        "ui/src/lib/bindings.ts is stale: rerun with KEYSLOT_BLESS=1 and commit it"
    );
}
