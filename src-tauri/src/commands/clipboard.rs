//! Copying for support: the report, an error's details.

use tauri::State;

use crate::Clipboard;

/// Puts `text` on the system clipboard; false when the system refuses.
///
/// The web Clipboard API is no use here: WebKitGTK refuses it once an
/// awaited command has ended the click's user gesture.
#[tauri::command]
#[specta::specta]
pub fn copy_text(clipboard: State<'_, Clipboard>, text: String) -> bool {
    clipboard.write(&text)
}
