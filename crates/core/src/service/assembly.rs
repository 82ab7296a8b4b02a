//! The usual assembly of a [`LicenseService`], shared by the app and the
//! CLI: the dialect its config names, the system clock and random nonces,
//! the OS keychain, the state file, the outcome log and this machine.

use std::path::PathBuf;
use std::sync::Arc;

use super::{LicenseService, ServiceConfig};
use crate::clock::{RandomNonces, SystemClock};
use crate::dialects::{Connection, Credentials, Dialect, DialectConfig};
use crate::error::LicenseError;
use crate::fingerprint::ThisMachine;
use crate::secrets::{KeyringStore, SecretStore};
use crate::sensitive::Sensitive;
use crate::state::StateFile;
use crate::transport::{OutcomeLog, RetryPolicy, Timeouts, Wiring};

/// What [`LicenseService::assemble`] needs.
#[derive(Debug)]
pub struct Setup<'a> {
    /// License server URL.
    pub server: &'a str,
    /// Which server it is.
    pub dialect: &'a DialectConfig,
    /// The vendor's API key or app id (the License API needs none).
    pub api_key: Option<Sensitive<String>>,
    /// The vendor's API (signing or app) secret, where its server needs one.
    pub api_secret: Option<Sensitive<String>>,
    /// Keychain service name for the license key.
    pub keychain_service: &'a str,
    /// Directory of the state file, the request outcomes (shared by the app
    /// and the CLI) and the machine id kept where the OS has none.
    pub state_dir: PathBuf,
    /// App id salting the fingerprint ([`crate::fingerprint::app_id`]).
    pub app_id: &'a str,
}

impl LicenseService {
    /// Assembles the service from `setup`.
    pub fn assemble(setup: Setup<'_>) -> Result<Self, LicenseError> {
        let machine = ThisMachine::detect(setup.app_id, &setup.state_dir)?;
        let secrets: Arc<dyn SecretStore> = Arc::new(KeyringStore::new(setup.keychain_service));
        let clock = Arc::new(SystemClock);
        let dialect = Dialect::connect(
            setup.dialect,
            Connection {
                wiring: Wiring {
                    server: setup.server.to_owned(),
                    clock: clock.clone(),
                    nonces: Arc::new(RandomNonces),
                    policy: RetryPolicy::default(),
                    timeouts: Timeouts::default(),
                    outcomes: OutcomeLog::in_dir(&setup.state_dir),
                },
                credentials: Credentials {
                    api_key: setup.api_key,
                    api_secret: setup.api_secret,
                },
                secrets: secrets.clone(),
            },
        )?;
        Ok(Self::new(
            dialect,
            secrets,
            StateFile::in_dir(setup.state_dir),
            machine,
            clock,
            ServiceConfig::default(),
        ))
    }
}
