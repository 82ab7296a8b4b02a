//! The demo keys ("Try a demo key").

use keyslot_core::error::ErrorReport;
use keyslot_core::locale::{self, Lang};
use tauri::State;

use crate::Services;
use crate::demo::DemoKey;

/// The demo keys, labelled in the app's language; empty outside demo mode.
#[tauri::command]
#[specta::specta]
pub async fn demo_keys(services: State<'_, Services>) -> Result<Vec<DemoKey>, ErrorReport> {
    let lang = Lang::current();
    let keys = services.demo_keys().await.iter().map(|k| DemoKey {
        key: k.key.clone(),
        // Message `demo-key-<key>` of core.ftl; a key of an older demo
        // database keeps the label it was made with.
        label: locale::try_text(lang, &format!("demo-key-{}", k.key.to_ascii_lowercase()))
            .unwrap_or_else(|| k.label.clone()),
    });
    Ok(keys.collect())
}
