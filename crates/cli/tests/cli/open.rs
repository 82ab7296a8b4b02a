//! `keyslot open`: what the app does with a `keyslot://` link, said without
//! activating anything (no server, no keychain, no data directory needed).

use std::io::Write;
use std::process::{Command, Output, Stdio};

use keyslot_core::error::LicenseError;

const BIN: &str = env!("CARGO_BIN_EXE_keyslot");
const KEY: &str = "KS-OPEN1-AAAAA-BBBBB-WXYZ";

/// `keyslot ARGS`, with `input` on stdin, in an empty environment whose
/// data directory does not exist (so nothing can be read or written there).
fn keyslot(args: &[&str], input: &str) -> Output {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut child = Command::new(BIN)
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("KEYSLOT_DATA_DIR", dir.path().join("absent"))
        .env("KEYSLOT_SERVER", "http://127.0.0.1:9")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("written");
    let output = child.wait_with_output().expect("ends");
    assert!(!dir.path().join("absent").exists(), "nothing was written");
    output
}

fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_link_with_a_key_is_said_with_the_key_masked() {
    let link = format!("keyslot://activate?key={KEY}");
    let opened = keyslot(&["open", &link], "");
    let (out, err) = text(&opened);
    assert_eq!(opened.status.code(), Some(0), "{err}");
    assert_eq!(
        out.trim(),
        "Opens Keyslot on the Activate view with the key …WXYZ filled in. \
         Nothing is activated until you press Activate."
    );
    assert!(!out.contains(KEY) && !err.contains(KEY), "{out}{err}");

    let json = keyslot(&["open", "--json", &link], "");
    assert_eq!(json.status.code(), Some(0));
    let said: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(
        said,
        serde_json::json!({"view": "activate", "key": "…WXYZ", "hint": null})
    );
    assert!(!text(&json).0.contains(KEY));
}

#[test]
fn a_link_with_a_missing_or_malformed_key_gives_the_catalogs_hint() {
    let hint = LicenseError::InvalidKeyFormat.report();
    for link in ["keyslot://activate", "KEYSLOT://Activate?key=not+a+key"] {
        let opened = keyslot(&["open", link], "");
        let (out, err) = text(&opened);
        assert_eq!(opened.status.code(), Some(0), "{err}");
        assert!(out.contains("with the key field empty"), "{out}");
        assert!(
            out.contains(&hint.title) && out.contains(&hint.message),
            "{out}"
        );

        let json = keyslot(&["open", link, "--json"], "");
        let said: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
        assert_eq!(
            said,
            serde_json::json!({"view": "activate", "key": null,
                "hint": {"title": hint.title, "message": hint.message}})
        );
    }
}

#[test]
fn the_link_is_read_from_stdin_with_a_dash() {
    let fed = format!("  keyslot://activate?key={KEY}\r\nnot read\n");
    let opened = keyslot(&["open", "-", "--json"], &fed);
    let (out, err) = text(&opened);
    assert_eq!(opened.status.code(), Some(0), "{err}");
    let said: serde_json::Value = serde_json::from_slice(&opened.stdout).expect("json");
    assert_eq!(said["key"], "…WXYZ");
    assert!(!out.contains(KEY) && !err.contains(KEY));
    // A line longer than a link is cut where it is read, and refused for its length.
    let long = format!("keyslot://activate?key={KEY}&x={}\n", "A".repeat(10 * 1024));
    let refused = keyslot(&["open", "-"], &long);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        text(&refused).1.contains("too long"),
        "{}",
        text(&refused).1
    );
}

#[test]
fn what_is_not_a_keyslot_link_is_a_usage_error_that_does_not_repeat_it() {
    for link in [
        format!("https://example.com/activate?key={KEY}"),
        format!("keyslot://forget?key={KEY}"),
        format!("keyslot://activate?key={KEY}&x={}", "A".repeat(10 * 1024)),
        KEY.to_owned(),
    ] {
        let refused = keyslot(&["open", &link], "");
        let (out, err) = text(&refused);
        assert_eq!(refused.status.code(), Some(2), "{err}");
        assert!(out.is_empty(), "{out}");
        let said = keyslot_core::link::parse(&link).expect_err("refused");
        assert_eq!(err.trim(), said.to_string());
        assert!(!err.contains(KEY), "{err}");
    }
}
