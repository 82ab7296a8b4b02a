//! The About view: the version, the server, and where Keyslot keeps its files.

use keyslot_core::error::{ErrorReport, LicenseError};
use keyslot_core::lease::LeaseStore;
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, State};

use crate::Services;

/// What the About view shows. No key, secret or fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct AboutView {
    /// The app's version.
    pub version: String,
    /// The license server's URL; `None` when none is configured.
    pub server: Option<String>,
    /// The server's provider id, e.g. `license-api`; `None` without a server.
    pub provider: Option<String>,
    /// Whether the server is the demo server inside the app.
    pub demo: bool,
    /// The folder tauri-plugin-log writes to (there, so it can be opened).
    pub log_dir: String,
    /// Where the state file and the lease are kept.
    pub state_dir: String,
    /// The lease file.
    pub lease_file: String,
}

/// The version, the server and the app's folders, creating the log folder
/// if the log has not yet.
#[tauri::command]
#[specta::specta]
pub async fn about<R: Runtime>(
    app: AppHandle<R>,
    services: State<'_, Services>,
) -> Result<AboutView, ErrorReport> {
    let log_dir = app
        .path()
        .app_log_dir()
        .map_err(|e| LicenseError::Storage(format!("no log folder: {e}")).report())?;
    if let Err(error) = std::fs::create_dir_all(&log_dir) {
        tracing::warn!(%error, "could not create the log folder");
    }
    let target = services.target().await;
    let (server, provider) = target.server.clone().unzip();
    Ok(AboutView {
        version: app.package_info().version.to_string(),
        server,
        provider,
        demo: target.demo,
        log_dir: log_dir.to_string_lossy().into_owned(),
        state_dir: target.state_dir.to_string_lossy().into_owned(),
        lease_file: LeaseStore::in_dir(&target.state_dir)
            .lease_path()
            .to_string_lossy()
            .into_owned(),
    })
}
