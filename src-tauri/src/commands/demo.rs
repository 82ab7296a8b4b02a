//! The demo keys ("Try a demo key").

use keyslot_core::error::ErrorReport;
use tauri::State;

use crate::Services;
use crate::demo::DemoKey;

/// The demo keys; empty outside demo mode.
#[tauri::command]
#[specta::specta]
pub async fn demo_keys(services: State<'_, Services>) -> Result<Vec<DemoKey>, ErrorReport> {
    Ok(services.demo_keys().await.to_vec())
}
