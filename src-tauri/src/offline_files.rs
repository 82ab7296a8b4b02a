//! The files of the air gap, through the system's dialogs, which Rust opens
//! (the window may not): a request code saved for a USB stick, and the
//! license file (`keyslot.lease`) the vendor's offline page gives back,
//! read within bounds and imported.

use std::path::{Path, PathBuf};

use keyslot_core::error::LicenseError;
use keyslot_core::service::offline::{is_request_code, open_license_file};
use keyslot_core::service::{LicenseService, LicenseView};
use keyslot_core::state::write_atomically;
use tauri::{AppHandle, Manager as _, Runtime};
use tauri_plugin_dialog::DialogExt as _;

/// The name a saved request code is offered under.
pub const REQUEST_FILE_NAME: &str = "keyslot-request.txt";

/// The file dialog titled `title`, over the main window.
fn dialog<R: Runtime>(
    app: &AppHandle<R>,
    title: String,
) -> tauri_plugin_dialog::FileDialogBuilder<R> {
    let dialog = app.dialog().file().set_title(title);
    match app.get_webview_window("main") {
        Some(window) => dialog.set_parent(&window),
        None => dialog,
    }
}

/// The file the user picks in the open dialog titled `title`; `None` when
/// they cancel (or no dialog can be shown).
pub async fn pick<R: Runtime>(app: &AppHandle<R>, title: String) -> Option<PathBuf> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    dialog(app, title).pick_file(move |file| {
        let _ = tx.send(file);
    });
    path_of(rx.await.ok().flatten()?)
}

/// Where the user saves a request code, in the save dialog titled `title`;
/// `None` when they cancel.
pub async fn save_to<R: Runtime>(app: &AppHandle<R>, title: String) -> Option<PathBuf> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    dialog(app, title)
        .set_file_name(REQUEST_FILE_NAME)
        .save_file(move |file| {
            let _ = tx.send(file);
        });
    path_of(rx.await.ok().flatten()?)
}

/// A chosen file's path (on desktop every choice has one).
fn path_of(file: tauri_plugin_dialog::FilePath) -> Option<PathBuf> {
    file.into_path()
        .inspect_err(|e| tracing::warn!("the chosen file has no path: {e}"))
        .ok()
}

/// Writes `code` to `path` (atomically, a line of its own). Only a request
/// code is written: the window can't make the app write anything else.
pub fn save_request_code(code: &str, path: &Path) -> Result<(), LicenseError> {
    if !is_request_code(code) {
        return Err(LicenseError::Config("not a request code".to_owned()));
    }
    write_atomically(path, format!("{}\n", code.trim()).as_bytes())
}

/// Reads the license file at `path` and imports it; one that can't be
/// read, or is not a license file, changes nothing.
pub async fn import(service: &LicenseService, path: &Path) -> Result<LicenseView, LicenseError> {
    service.import_lease(&open_license_file(path)?).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_request_code_is_saved_and_it_is_saved_whole() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(REQUEST_FILE_NAME);
        let code = keyslot_protocol::offline::OfflineRequest {
            kind: keyslot_protocol::offline::RequestKind::Activate,
            issued_at: 1_800_000_000,
            nonce: [1; 16],
            key_sha256: [2; 32],
            fingerprint: "ab".repeat(32),
            name: "Lab PC".to_owned(),
            platform: "linux-x86_64".to_owned(),
        }
        .encode(b"secret");
        save_request_code(&code, &path).expect("saved");
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            format!("{code}\n")
        );
        for other in ["#!/bin/sh\nrm -rf ~", "", &code[..code.len() - 1]] {
            let at = dir.path().join("other.txt");
            assert!(save_request_code(other, &at).is_err(), "{other:?}");
            assert!(!at.exists());
        }
    }
}
