//! The `keyslot` binary against the real server on 127.0.0.1:0, with the real
//! keychain (gnome-keyring in a private D-Bus session).

mod check;
mod dialects;
mod journey;
mod keychain;
mod language;
mod open;

/// The `keyslot` binary under test, in English whatever the machine's
/// language (the tests read its words).
pub(crate) fn keyslot_command() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_keyslot"));
    english(&mut command);
    command
}

/// Makes `command` run in English: the locale `C.UTF-8`, no language asked for.
pub(crate) fn english(command: &mut std::process::Command) {
    command
        .env("LC_ALL", "C.UTF-8")
        .env_remove("KEYSLOT_LANG")
        .env_remove("LANGUAGE");
}
