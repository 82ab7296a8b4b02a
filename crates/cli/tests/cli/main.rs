//! The `keyslot` binary against the real server on 127.0.0.1:0, with the real
//! keychain (gnome-keyring in a private D-Bus session).

mod check;
mod dialects;
mod journey;
mod keychain;
mod language;
mod open;
