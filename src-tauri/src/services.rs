//! What the commands reach through `tauri::State`: the license service (or
//! why there is none), the demo keys, and what they run against.

use std::path::{Path, PathBuf};

use keyslot_core::catalog::Provider;
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
    target: Target,
    /// Keeps the demo server running for the app's lifetime.
    _demo: Option<Demo>,
}

/// What the services run against, as the About view shows it: known even
/// when the license service could not start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The server's URL and provider id; `None` when none is configured.
    pub server: Option<(String, String)>,
    /// Whether the server is the embedded demo server.
    pub demo: bool,
    /// Where the state file and the lease are kept.
    pub state_dir: PathBuf,
}

/// The provider id `dialect` names, as given when it names none Keyslot knows.
fn provider_id(dialect: &DialectConfig) -> String {
    match dialect.provider() {
        Ok(provider) => provider.id().to_owned(),
        Err(_) => dialect.provider.clone().unwrap_or_default(),
    }
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
            demo, config_dir, ..
        } = source;
        let state_dir = source.state_dir();
        if *demo {
            let target = |server| Target {
                server,
                demo: true,
                state_dir: state_dir.clone(),
            };
            return match Demo::start(&state_dir).await {
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
                        &state_dir,
                    )
                    .map(|service| match demo_keys {
                        Some(keys) => service.with_lease_keys(keys),
                        None => service,
                    });
                    Self {
                        license: license.map_err(|e| e.report()),
                        demo_keys: demo.keys.clone(),
                        target: target(Some((url, Provider::LicenseApi.id().to_owned()))),
                        _demo: Some(demo),
                    }
                }
                Err(e) => Self {
                    license: Err(e.report()),
                    demo_keys: Vec::new(),
                    target: target(None),
                    _demo: None,
                },
            };
        }
        let config = AppConfig::load(config_dir);
        let server = config
            .as_ref()
            .ok()
            .map(|c| (c.server.clone(), provider_id(&c.dialect)));
        let license = config.and_then(|config| {
            let keychain = KeyringStore::new(KEYCHAIN);
            let secret = keychain.get(SecretName::ApiSecret)?;
            let api_key = keychain.get(SecretName::ApiKey)?;
            configured(config, (api_key, secret), &state_dir)
        });
        Self {
            license: license.map_err(|e| e.report()),
            demo_keys: Vec::new(),
            target: Target {
                server,
                demo: false,
                state_dir,
            },
            _demo: None,
        }
    }
}

impl Source {
    /// Where the state file and the lease are kept: the demo its own.
    fn state_dir(&self) -> PathBuf {
        if self.demo {
            self.data_dir.join("demo")
        } else {
            self.data_dir.clone()
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

    /// Services over a given license service running against `target` (for
    /// embedding and tests).
    pub fn with(license: LicenseService, demo_keys: Vec<DemoKey>, target: Target) -> Self {
        Self {
            running: OnceCell::new_with(Some(Running {
                license: Ok(license),
                demo_keys,
                target,
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

    /// What the services run against.
    pub async fn target(&self) -> &Target {
        &self.started().await.target
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
    fn the_demo_keeps_its_state_apart() {
        let source = |demo| Source {
            demo,
            data_dir: PathBuf::from("/data"),
            config_dir: PathBuf::from("/config"),
        };
        assert_eq!(source(false).state_dir(), PathBuf::from("/data"));
        assert_eq!(source(true).state_dir(), PathBuf::from("/data/demo"));
    }

    #[test]
    fn the_provider_is_shown_as_configured() {
        let dialect = |provider: Option<&str>| DialectConfig {
            provider: provider.map(str::to_owned),
            ..DialectConfig::default()
        };
        assert_eq!(provider_id(&dialect(None)), "license-api");
        assert_eq!(provider_id(&dialect(Some("geckoguard"))), "geckoguard");
        assert_eq!(provider_id(&dialect(Some("acme"))), "acme");
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
