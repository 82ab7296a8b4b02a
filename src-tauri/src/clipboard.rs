//! The system clipboard, opened on first use and kept for the app's lifetime:
//! on X11 the app itself serves what it copied until it exits.

use std::sync::Mutex;

/// The clipboard the `copy_text` command writes to.
#[derive(Default)]
pub struct Clipboard(Mutex<Option<arboard::Clipboard>>);

impl Clipboard {
    /// Puts `text` on the clipboard; false when the system refuses (the UI
    /// then shows the text for copying by hand).
    pub fn write(&self, text: &str) -> bool {
        let mut clipboard = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if clipboard.is_none() {
            *clipboard = arboard::Clipboard::new()
                .inspect_err(|e| tracing::warn!(%e, "no clipboard"))
                .ok();
        }
        clipboard.as_mut().is_some_and(|c| {
            c.set_text(text)
                .inspect_err(|e| tracing::warn!(%e, "could not copy"))
                .is_ok()
        })
    }
}
