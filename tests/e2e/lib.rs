//! End-to-end support for the Keyslot app: isolated desktop worlds (Xvfb,
//! a private D-Bus with gnome-keyring, tauri-driver) shared by the journeys
//! in `main.rs` (`cargo test -p keyslot-e2e`) and the start-up benchmark.

pub mod axe;
pub mod probe;
pub mod world;
