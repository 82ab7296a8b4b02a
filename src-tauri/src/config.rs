//! The app's configuration file, `config.json` in the app's config directory
//! (on Linux `~/.config/app.keyslot.desktop/config.json`):
//!
//! ```json
//! { "server": "https://licenses.example.com", "provider": "geckoguard" }
//! ```
//!
//! `provider` is optional (Keyslot's own protocol by default); `routes`
//! corrects a vendor's assumed endpoint paths and `public_keys` pins
//! LicenseKit's signing keys (see `keyslot_core::dialects`). `lease_keys`
//! pins the vendor's lease keys, a JWK Set (`keyslot-server lease-key show`
//! prints it); a set built into the binary wins over it (docs/leases.md).
//! `app_id` salts this machine's fingerprint (default `keyslot`; give the CLI
//! the same with `--app-id`); one built into the binary wins over it too.
//! Credentials are never in this file: they are read from the keychain
//! (service `keyslot`, accounts `api-secret` and, for other vendors, `api-key`).

use std::path::Path;

use keyslot_core::dialects::DialectConfig;
use keyslot_core::error::LicenseError;
use keyslot_core::lease::JwkSet;
use serde::Deserialize;

/// What a vendor configures.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct AppConfig {
    /// License server URL.
    pub(crate) server: String,
    /// Which server it is.
    #[serde(flatten)]
    pub(crate) dialect: DialectConfig,
    /// The vendor's lease keys, pinned.
    #[serde(default)]
    pub(crate) lease_keys: Option<JwkSet>,
    /// The app id salting the fingerprint (`keyslot_core::fingerprint::app_id`).
    #[serde(default)]
    pub(crate) app_id: Option<String>,
}

impl AppConfig {
    /// Reads `config.json` from `dir`.
    pub(crate) fn load(dir: &Path) -> Result<Self, LicenseError> {
        let path = dir.join("config.json");
        let text = std::fs::read_to_string(&path)
            .map_err(|e| LicenseError::Config(format!("cannot read {}: {e}", path.display())))?;
        serde_json::from_str(&text)
            .map_err(|e| LicenseError::Config(format!("{}: {e}", path.display())))
    }
}
