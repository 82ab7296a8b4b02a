//! The demo keys ("Try a demo key").

use tauri::State;

use crate::Services;
use crate::demo::DemoKey;

/// The demo keys; empty outside demo mode.
#[tauri::command]
#[specta::specta]
pub fn demo_keys(services: State<'_, Services>) -> Vec<DemoKey> {
    services.demo_keys().to_vec()
}
