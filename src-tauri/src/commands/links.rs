//! `keyslot://` links, as the window receives them.

use tauri::State;
use tauri::ipc::Channel;

use crate::links::{Links, OpenedLink};

/// Subscribes the window to opened `keyslot://activate` links: the one that
/// came before, if any, at once, then each as it comes.
#[tauri::command]
#[specta::specta]
pub fn watch_links(links: State<'_, Links>, on_link: Channel<OpenedLink>) {
    links.watch(on_link);
}
