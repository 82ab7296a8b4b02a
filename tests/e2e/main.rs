//! User journeys in the real app window: the debug `keyslot-app` (in demo
//! mode, or configured for another vendor's contract server)
//! under Xvfb, driven over WebDriver (tauri-driver + WebKitWebDriver), with a
//! real gnome-keyring in a private D-Bus session. Screenshots of each journey
//! go to `target/e2e-screenshots/`. The reference server's offline page
//! (`offline_page`) runs in headless Chromium instead, without any of that.

mod a11y;
mod about;
mod dialects;
mod installed;
mod journeys;
mod languages;
mod links;
mod offline;
mod offline_activation;
mod offline_page;
