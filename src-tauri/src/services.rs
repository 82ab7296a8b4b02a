//! What the commands reach through `tauri::State`: the license service (or
//! why there is none), and the demo keys.

use std::path::{Path, PathBuf};

use keyslot_core::dialects::DialectConfig;
use keyslot_core::error::{ErrorReport, LicenseError};
use keyslot_core::fingerprint;
use keyslot_core::secrets::{KeyringStore, SecretName, SecretStore};
use keyslot_core::sensitive::Sensitive;
use keyslot_core::service::{LicenseService, Setup};
use tokio::sync::OnceCell;

use crate::config::AppConfig;
use crate::demo::{Demo, DemoKey, KEYCHAIN as DEMO_KEYCHAIN};

/// Keychain service of the real (non-demo) app.
const KEYCHAIN: &str = "keyslot";

/// The app's services, started once, off the main thread: the window loads
/// while the keychain, the database and (in demo mode) the embedded server
/// start, and commands wait for them.
pub struct Services {
    running: OnceCell<Running>,
    /// Where they start from (`None` when they were given ready-made).
    source: Option<Source>,
}

/// Where the services come from.
struct Source {
    demo: bool,
    data_dir: PathBuf,
    config_dir: PathBuf,
}

/// The services, running.
struct Running {
    license: Result<LicenseService, ErrorReport>,
    demo_keys: Vec<DemoKey>,
    /// Keeps the demo server running for the app's lifetime.
    _demo: Option<Demo>,
}

/// The vendor's API key and secret.
type Credentials = (Option<Sensitive<String>>, Option<Sensitive<String>>);

fn service(
    server: &str,
    dialect: &DialectConfig,
    (api_key, secret): Credentials,
    (keychain, app_id): (&str, &str),
    state_dir: &Path,
) -> Result<LicenseService, LicenseError> {
    LicenseService::assemble(Setup {
        server,
        dialect,
        api_key,
        api_secret: secret,
        keychain_service: keychain,
        state_dir: state_dir.to_owned(),
        app_id,
    })
}

/// The service `config` describes, with `credentials` from the keychain.
fn configured(
    config: AppConfig,
    credentials: Credentials,
    data_dir: &Path,
) -> Result<LicenseService, LicenseError> {
    let app_id = fingerprint::app_id(config.app_id.as_deref())?;
    let service = service(
        &config.server,
        &config.dialect,
        credentials,
        (KEYCHAIN, app_id),
        data_dir,
    )?;
    Ok(match config.lease_keys {
        Some(keys) => service.with_lease_keys(keys),
        None => service,
    })
}

impl Running {
    /// Starts against the embedded demo server, or against the server in
    /// `config.json` with the API secret from the keychain.
    async fn start(source: &Source) -> Self {
        let Source {
            demo,
            data_dir,
            config_dir,
        } = source;
        if *demo {
            return match Demo::start(&data_dir.join("demo")).await {
                Ok(demo) => {
                    let url = format!("http://{}", demo.server.addr);
                    // The demo server's lease key is trusted in demo mode only.
                    let demo_keys = demo
                        .server
                        .state()
                        .leases
                        .as_ref()
                        .map(|l| l.key_set().clone());
                    let license = service(
                        &url,
                        &DialectConfig::default(),
                        (None, Some(demo.secret.clone())),
                        (DEMO_KEYCHAIN, fingerprint::DEFAULT_APP_ID),
                        &data_dir.join("demo"),
                    )
                    .map(|service| match demo_keys {
                        Some(keys) => service.with_lease_keys(keys),
                        None => service,
                    });
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
            let keychain = KeyringStore::new(KEYCHAIN);
            let secret = keychain.get(SecretName::ApiSecret)?;
            let api_key = keychain.get(SecretName::ApiKey)?;
            configured(config, (api_key, secret), data_dir)
        });
        Self {
            license: license.map_err(|e| e.report()),
            demo_keys: Vec::new(),
            _demo: None,
        }
    }
}

impl Services {
    /// Services that start on first use: in demo mode, or from the app's
    /// config and data directories.
    pub fn new(demo: bool, data_dir: PathBuf, config_dir: PathBuf) -> Self {
        Self {
            running: OnceCell::new(),
            source: Some(Source {
                demo,
                data_dir,
                config_dir,
            }),
        }
    }

    /// Services over a given license service (for embedding and tests).
    pub fn with(license: LicenseService, demo_keys: Vec<DemoKey>) -> Self {
        Self {
            running: OnceCell::new_with(Some(Running {
                license: Ok(license),
                demo_keys,
                _demo: None,
            })),
            source: None,
        }
    }

    /// The running services, starting them if nobody has yet.
    async fn started(&self) -> &Running {
        self.running
            .get_or_init(|| async {
                let source = self
                    .source
                    .as_ref()
                    .expect("ready-made services are never empty");
                Running::start(source).await
            })
            .await
    }

    /// The license service, or the report of why it could not start.
    #[allow(
        clippy::result_large_err,
        reason = "the IPC error is the full report, built once per command"
    )]
    pub async fn license(&self) -> Result<&LicenseService, ErrorReport> {
        self.started().await.license.as_ref().map_err(Clone::clone)
    }

    /// The demo keys (none outside demo mode).
    pub async fn demo_keys(&self) -> &[DemoKey] {
        &self.started().await.demo_keys
    }
}

#[cfg(test)]
mod tests {
    use keyslot_core::fingerprint::ThisMachine;

    use super::*;

    /// The fingerprint the service `config.json` describes presents.
    fn fingerprint_with(config: &str, dirs: &tempfile::TempDir) -> String {
        std::fs::write(dirs.path().join("config.json"), config).expect("config.json");
        let config = AppConfig::load(dirs.path()).expect("loads");
        let secret = Some(Sensitive::new("s".to_owned()));
        configured(config, (None, secret), &dirs.path().join("data"))
            .expect("assembles")
            .machine()
            .fingerprint
            .clone()
    }

    #[test]
    fn the_configured_app_id_salts_the_fingerprint() {
        let dirs = tempfile::tempdir().expect("tempdir");
        let here = |app_id: Option<&str>| {
            let app_id = fingerprint::app_id(app_id).expect("app id");
            ThisMachine::detect(app_id, &dirs.path().join("data"))
                .expect("this machine")
                .fingerprint
        };
        let plain = fingerprint_with(r#"{"server": "http://127.0.0.1:9"}"#, &dirs);
        assert_eq!(plain, here(None));
        let vendor = fingerprint_with(
            r#"{"server": "http://127.0.0.1:9", "app_id": "acme-cad"}"#,
            &dirs,
        );
        assert_eq!(vendor, here(Some("acme-cad")));
    }
}
