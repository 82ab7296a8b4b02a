//! The Keyslot license service: everything the desktop app and the `keyslot`
//! CLI do, without any UI. It knows nothing of Tauri.

pub mod catalog;
pub mod client;
pub mod clock;
pub mod dialects;
pub mod error;
pub mod fingerprint;
pub mod secrets;
pub mod sensitive;
pub mod service;
pub mod state;
