//! Demo mode: the reference server in-process on 127.0.0.1:0, with its own
//! database and secret, seeded once with the demo licenses. The database lives
//! in the app's data directory, so a restarted demo finds its license again.

use std::path::Path;

use keyslot_core::error::LicenseError;
use keyslot_core::secrets::{KeyringStore, SecretName, SecretStore};
use keyslot_core::sensitive::Sensitive;
use keyslot_server::serve::Server;
use keyslot_server::{Clock, Limits, Secret, SystemClock};
use serde::{Deserialize, Serialize};

/// Keychain service of the demo (kept apart from a real license).
pub(crate) const KEYCHAIN: &str = "keyslot-demo";

/// A demo key as the Activate view offers it (demo keys are not secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DemoKey {
    /// The key.
    pub key: String,
    /// What it shows.
    pub label: String,
}

/// The running demo server and its keys.
pub(crate) struct Demo {
    pub(crate) server: Server,
    pub(crate) secret: Sensitive<String>,
    pub(crate) keys: Vec<DemoKey>,
}

fn failed(what: &str, e: impl std::fmt::Display) -> LicenseError {
    LicenseError::Config(format!("demo {what}: {e}"))
}

impl Demo {
    /// Starts the demo server in `dir`, seeding it on first use.
    pub(crate) async fn start(dir: &Path) -> Result<Self, LicenseError> {
        std::fs::create_dir_all(dir).map_err(|e| failed("directory", e))?;
        let keychain = KeyringStore::new(KEYCHAIN);
        let secret = match keychain.get(SecretName::ApiSecret)? {
            Some(secret) => secret,
            None => {
                let secret = Sensitive::new(hex_secret());
                keychain.set(SecretName::ApiSecret, &secret)?;
                secret
            }
        };
        let db_path = dir.join("demo.db");
        let keys_path = dir.join("demo-keys.json");
        let server = Server::open(
            "127.0.0.1:0".parse().map_err(|e| failed("address", e))?,
            &db_path,
            Secret::new(secret.expose().as_bytes().to_vec()),
            Limits::default(),
        )
        .await
        .map_err(|e| failed("server", e))?;
        let keys = match std::fs::read(&keys_path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| failed("keys", e))?,
            Err(_) => {
                let seeded = keyslot_server::demo::seed(server.db(), SystemClock.now())
                    .await
                    .map_err(|e| failed("data", e))?;
                let keys: Vec<DemoKey> = seeded
                    .all()
                    .iter()
                    .map(|k| DemoKey {
                        key: k.key.clone(),
                        label: k.label.to_owned(),
                    })
                    .collect();
                let json = serde_json::to_vec_pretty(&keys).map_err(|e| failed("keys", e))?;
                std::fs::write(&keys_path, json).map_err(|e| failed("keys", e))?;
                keys
            }
        };
        tracing::info!(addr = %server.addr, "demo server running");
        Ok(Self {
            server,
            secret,
            keys,
        })
    }
}

/// 256 random bits as hex, from the core's nonce source.
fn hex_secret() -> String {
    use keyslot_core::clock::{NonceSource, RandomNonces};
    format!("{}{}", RandomNonces.nonce(), RandomNonces.nonce())
}
