//! A license file (`keyslot.lease`) from the vendor's offline page: chosen
//! in the system's open dialog, read within bounds, imported.

use std::path::{Path, PathBuf};

use keyslot_core::error::LicenseError;
use keyslot_core::service::offline::open_license_file;
use keyslot_core::service::{LicenseService, LicenseView};
use tauri::{AppHandle, Manager as _, Runtime};
use tauri_plugin_dialog::DialogExt as _;

/// The file the user picks in the open dialog, over the main window;
/// `None` when they cancel (or no dialog can be shown).
pub async fn pick<R: Runtime>(app: &AppHandle<R>, title: String) -> Option<PathBuf> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let mut dialog = app.dialog().file().set_title(title);
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    dialog.pick_file(move |file| {
        let _ = tx.send(file);
    });
    let file = rx.await.ok().flatten()?;
    file.into_path()
        .inspect_err(|e| tracing::warn!("the chosen file has no path: {e}"))
        .ok()
}

/// Reads the license file at `path` and imports it; one that can't be
/// read, or is not a license file, changes nothing.
pub async fn import(service: &LicenseService, path: &Path) -> Result<LicenseView, LicenseError> {
    service.import_lease(&open_license_file(path)?).await
}
