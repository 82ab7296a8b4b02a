//! Diagnostics and the support report.

use keyslot_core::error::ErrorReport;
use keyslot_core::service::Diagnostics;
use tauri::State;

use crate::Services;

/// Checks the server, clock, keychain and fingerprint.
#[tauri::command]
#[specta::specta]
pub async fn diagnose(services: State<'_, Services>) -> Result<Diagnostics, ErrorReport> {
    Ok(services.license().await?.diagnose().await)
}

/// The redacted support report, with the last error the user saw.
#[tauri::command]
#[specta::specta]
pub async fn support_report(
    services: State<'_, Services>,
    last_error: Option<ErrorReport>,
) -> Result<String, ErrorReport> {
    let service = services.license().await?;
    let diagnostics = service.diagnose().await;
    Ok(service.support_report(&diagnostics, last_error.as_ref()))
}
