//! The language picker: which language the app speaks, and which it can.

use keyslot_core::error::ErrorReport;
use keyslot_core::locale::Lang;
use serde::Serialize;
use tauri::State;

use crate::language::Language;

/// The language the app speaks and the ones it offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct LanguageView {
    /// The language texts come in now.
    pub current: Lang,
    /// Every language the app speaks, in the picker's order.
    pub available: Vec<LanguageOption>,
}

/// One language of the picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct LanguageOption {
    /// The language's id.
    pub id: Lang,
    /// Its name in itself, e.g. `Deutsch`.
    pub name: String,
}

fn view() -> LanguageView {
    LanguageView {
        current: Lang::current(),
        available: Lang::ALL
            .into_iter()
            .map(|id| LanguageOption {
                id,
                name: id.name(),
            })
            .collect(),
    }
}

/// The language the app speaks now (async: off the main thread, which is
/// busy with the window's first paint when the UI asks).
#[tauri::command]
#[specta::specta]
pub async fn language() -> LanguageView {
    view()
}

/// Speaks `lang` from now on, and keeps the pick for the next start.
#[tauri::command]
#[specta::specta]
pub async fn set_language(
    lang: Lang,
    language: State<'_, Language>,
) -> Result<LanguageView, ErrorReport> {
    language.pick(lang).map_err(|e| e.report())?;
    lang.set_current();
    Ok(view())
}
