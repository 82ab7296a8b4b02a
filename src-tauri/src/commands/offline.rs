//! Activation without a network here: the request code for the vendor's
//! offline page, and the license file it gives back.

use keyslot_core::error::ErrorReport;
use keyslot_core::key::LicenseKey;
use keyslot_core::service::{LicenseView, OfflineRequestView};
use tauri::{AppHandle, Runtime, State};

use crate::{Services, offline_files};

/// A request code to activate this device with `key` at the offline page.
/// The key waits on this device until its license file is imported.
#[tauri::command]
#[specta::specta]
pub async fn offline_request(
    services: State<'_, Services>,
    key: String,
) -> Result<OfflineRequestView, ErrorReport> {
    let key = LicenseKey::parse(&key).map_err(|e| e.report())?;
    services
        .license()
        .await?
        .offline_request(&key)
        .await
        .map_err(|e| e.report())
}

/// A request code to renew this device's license at the offline page.
#[tauri::command]
#[specta::specta]
pub async fn renewal_request(
    services: State<'_, Services>,
) -> Result<OfflineRequestView, ErrorReport> {
    services
        .license()
        .await?
        .renewal_request()
        .await
        .map_err(|e| e.report())
}

/// Imports the license file's `text`, pasted; a bad one changes nothing.
#[tauri::command]
#[specta::specta]
pub async fn import_lease(
    services: State<'_, Services>,
    text: String,
) -> Result<LicenseView, ErrorReport> {
    services
        .license()
        .await?
        .import_lease(&text)
        .await
        .map_err(|e| e.report())
}

/// Asks for a license file in the system's open dialog (titled `title`, in
/// the window's words) and imports it; `None` when the user cancels. The
/// dialog is opened here, in Rust: the window may not open one itself.
#[tauri::command]
#[specta::specta]
pub async fn import_lease_file<R: Runtime>(
    app: AppHandle<R>,
    services: State<'_, Services>,
    title: String,
) -> Result<Option<LicenseView>, ErrorReport> {
    let Some(path) = offline_files::pick(&app, title).await else {
        return Ok(None);
    };
    offline_files::import(services.license().await?, &path)
        .await
        .map(Some)
        .map_err(|e| e.report())
}

/// Saves the request `code` to a file the user names in the system's save
/// dialog (titled `title`); `false` when they cancel. Only a request code
/// is written.
#[tauri::command]
#[specta::specta]
pub async fn save_request_code<R: Runtime>(
    app: AppHandle<R>,
    code: String,
    title: String,
) -> Result<bool, ErrorReport> {
    let Some(path) = offline_files::save_to(&app, title).await else {
        return Ok(false);
    };
    offline_files::save_request_code(&code, &path)
        .map(|()| true)
        .map_err(|e| e.report())
}
