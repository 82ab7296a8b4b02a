//! What the commands reach through `tauri::State`: the license service (or
//! why there is none), and the demo keys.

use std::path::Path;
use std::time::Duration;

use keyslot_core::error::{ErrorReport, LicenseError};
use keyslot_core::secrets::{KeyringStore, SecretName, SecretStore};
use keyslot_core::sensitive::Sensitive;
use keyslot_core::service::{LicenseService, Setup};

use crate::config::AppConfig;
use crate::demo::{Demo, DemoKey, KEYCHAIN as DEMO_KEYCHAIN};

/// Fingerprint app id and keychain service of the real (non-demo) app.
const APP_ID: &str = "keyslot";

/// How long one user action may take: long enough for retries, short enough
/// that the window is never stuck.
const ACTION_DEADLINE: Duration = Duration::from_secs(15);

/// The app's services.
pub struct Services {
    license: Result<LicenseService, ErrorReport>,
    demo_keys: Vec<DemoKey>,
    /// Keeps the demo server running for the app's lifetime.
    _demo: Option<Demo>,
}

fn service(
    server: &str,
    secret: Sensitive<String>,
    keychain: &str,
    state_dir: &Path,
) -> Result<LicenseService, LicenseError> {
    LicenseService::assemble(Setup {
        server,
        api_secret: secret,
        keychain_service: keychain,
        state_dir: state_dir.to_owned(),
        app_id: APP_ID,
        deadline: ACTION_DEADLINE,
    })
}

impl Services {
    /// Starts the services: against the embedded demo server, or against the
    /// server in `config.json` with the API secret from the keychain.
    pub async fn start(demo: bool, data_dir: &Path, config_dir: &Path) -> Self {
        if demo {
            return match Demo::start(&data_dir.join("demo")).await {
                Ok(demo) => {
                    let url = format!("http://{}", demo.server.addr);
                    let license = service(
                        &url,
                        demo.secret.clone(),
                        DEMO_KEYCHAIN,
                        &data_dir.join("demo"),
                    );
                    Self {
                        license: license.map_err(|e| e.report()),
                        demo_keys: demo.keys.clone(),
                        _demo: Some(demo),
                    }
                }
                Err(e) => Self {
                    license: Err(e.report()),
                    demo_keys: Vec::new(),
                    _demo: None,
                },
            };
        }
        let license = AppConfig::load(config_dir).and_then(|config| {
            let secret = KeyringStore::new(APP_ID)
                .get(SecretName::ApiSecret)?
                .ok_or(LicenseError::SecretMissing)?;
            service(&config.server, secret, APP_ID, data_dir)
        });
        Self {
            license: license.map_err(|e| e.report()),
            demo_keys: Vec::new(),
            _demo: None,
        }
    }

    /// Services over a given license service (for embedding and tests).
    pub fn with(license: LicenseService, demo_keys: Vec<DemoKey>) -> Self {
        Self {
            license: Ok(license),
            demo_keys,
            _demo: None,
        }
    }

    /// The license service, or the report of why it could not start.
    #[allow(
        clippy::result_large_err,
        reason = "the IPC error is the full report, built once per command"
    )]
    pub fn license(&self) -> Result<&LicenseService, ErrorReport> {
        self.license.as_ref().map_err(Clone::clone)
    }

    /// The demo keys (none outside demo mode).
    pub fn demo_keys(&self) -> &[DemoKey] {
        &self.demo_keys
    }
}
