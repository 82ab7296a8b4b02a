//! The Keyslot desktop app. `keyslot-app --demo` runs against an embedded
//! reference server with demo licenses.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    keyslot_app::run();
}
