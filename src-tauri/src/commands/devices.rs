//! The devices holding seats, and freeing one.

use keyslot_core::error::ErrorReport;
use keyslot_core::key::LicenseKey;
use keyslot_core::service::{DevicesView, FreedView};
use tauri::State;

use crate::Services;

/// The devices of the activated license.
#[tauri::command]
#[specta::specta]
pub async fn list_devices(services: State<'_, Services>) -> Result<DevicesView, ErrorReport> {
    services
        .license()
        .await?
        .devices()
        .await
        .map_err(|e| e.report())
}

/// The devices of `key`, which could not be activated yet (free-a-slot flow).
#[tauri::command]
#[specta::specta]
pub async fn list_devices_for(
    services: State<'_, Services>,
    key: String,
) -> Result<DevicesView, ErrorReport> {
    let key = LicenseKey::parse(&key).map_err(|e| e.report())?;
    services
        .license()
        .await?
        .devices_for(&key)
        .await
        .map_err(|e| e.report())
}

/// Frees a seat of the activated license.
#[tauri::command]
#[specta::specta]
pub async fn free_device(
    services: State<'_, Services>,
    activation_id: String,
) -> Result<FreedView, ErrorReport> {
    services
        .license()
        .await?
        .free(&activation_id)
        .await
        .map_err(|e| e.report())
}

/// Frees a seat of `key` (free-a-slot flow).
#[tauri::command]
#[specta::specta]
pub async fn free_device_for(
    services: State<'_, Services>,
    key: String,
    activation_id: String,
) -> Result<FreedView, ErrorReport> {
    let key = LicenseKey::parse(&key).map_err(|e| e.report())?;
    services
        .license()
        .await?
        .free_for(&key, &activation_id)
        .await
        .map_err(|e| e.report())
}
