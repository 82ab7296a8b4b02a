//! Activate, status, forget, and what the server can do.

use keyslot_core::dialects::Capabilities;
use keyslot_core::error::ErrorReport;
use keyslot_core::key::LicenseKey;
use keyslot_core::service::LicenseView;
use tauri::State;

use crate::Services;

/// Activates this device with `key`.
#[tauri::command]
#[specta::specta]
pub async fn activate(
    services: State<'_, Services>,
    key: String,
) -> Result<LicenseView, ErrorReport> {
    let key = LicenseKey::parse(&key).map_err(|e| e.report())?;
    services
        .license()
        .await?
        .activate(&key)
        .await
        .map_err(|e| e.report())
}

/// The license and this device's seat.
#[tauri::command]
#[specta::specta]
pub async fn license_status(services: State<'_, Services>) -> Result<LicenseView, ErrorReport> {
    services
        .license()
        .await?
        .status()
        .await
        .map_err(|e| e.report())
}

/// Frees this device's seat and removes the license from it.
#[tauri::command]
#[specta::specta]
pub async fn forget_license(services: State<'_, Services>) -> Result<(), ErrorReport> {
    services
        .license()
        .await?
        .forget()
        .await
        .map(drop)
        .map_err(|e| e.report())
}

/// What the license server lets the app do (device list, freeing seats,
/// heartbeat), so the UI offers only what works.
#[tauri::command]
#[specta::specta]
pub async fn server_capabilities(
    services: State<'_, Services>,
) -> Result<Capabilities, ErrorReport> {
    Ok(services.license().await?.capabilities())
}
