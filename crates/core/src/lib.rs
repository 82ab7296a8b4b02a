//! The Keyslot license service: everything the desktop app and the `keyslot`
//! CLI do, without any UI. It knows nothing of Tauri.
//!
//! From the outside in: [`service`] (what a user does) → [`dialects`] (one
//! adapter per license server) → [`transport`] (the one retry loop and the
//! bounds on every answer). Errors come back as one [`error::LicenseError`],
//! resolved against the [`catalog`] for people.

pub mod catalog;
pub mod clock;
pub mod deadline;
pub mod dialects;
pub mod error;
pub mod fingerprint;
pub mod key;
pub mod lease;
pub mod link;
pub use keyslot_locale as locale;
pub mod secrets;
pub mod sensitive;
pub mod service;
pub mod state;
pub mod transport;
