//! [`LicenseService`]: what the app and the CLI do, over a license server's
//! [`Dialect`], the keychain, the state file and this machine.
//!
//! - [`flows`]: activate, status, devices, free, forget;
//! - [`offline`]: the same without a network here: request codes, license files;
//! - [`views`]: what they return;
//! - [`diagnostics`]: the support page's checks;
//! - [`next_step`]: the most likely cause of trouble, and what to do;
//! - [`report`]: the redacted support report, a pure render of diagnostics;
//! - [`assembly`]: the usual wiring, shared by the app and the CLI.
//!
//! Rules it keeps: a rejected key never replaces a working stored one; a
//! failed write never corrupts stored state; secrets never leave the keychain
//! except to sign a request; every view and report is free of secrets.

mod assembly;
pub mod diagnostics;
mod flows;
mod leases;
pub mod next_step;
pub mod offline;
pub mod report;
pub mod views;

use std::sync::Arc;
use std::time::Duration;

pub use assembly::Setup;
pub use diagnostics::{Diagnostics, KeychainHealth, LeaseDiagnostics};
pub use next_step::NextStep;
pub use views::{DeviceView, DevicesView, FreedView, LeaseView, LicenseView, OfflineRequestView};

use crate::clock::Clock;
use crate::deadline::{ACTION_TIME, Deadline};
use crate::dialects::{Capabilities, Dialect};
use crate::error::{ErrorReport, LicenseError};
use crate::fingerprint::ThisMachine;
use crate::key::LicenseKey;
use crate::lease::LeaseStore;
use crate::locale::Lang;
use crate::secrets::{SecretName, SecretStore};
use crate::state::StateFile;

/// Settings of the service.
#[derive(Debug, Clone)]
pub struct ServiceConfig {
    /// How long one user action may take, retries included.
    pub action_time: Duration,
}

impl Default for ServiceConfig {
    fn default() -> Self {
        Self {
            action_time: ACTION_TIME,
        }
    }
}

/// The license service.
pub struct LicenseService {
    client: Dialect,
    secrets: Arc<dyn SecretStore>,
    state: StateFile,
    machine: ThisMachine,
    clock: Arc<dyn Clock>,
    config: ServiceConfig,
    leases: leases::Leases,
}

impl std::fmt::Debug for LicenseService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LicenseService")
            .field("client", &self.client)
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

impl LicenseService {
    /// A service over these parts; its lease files live beside the state file.
    pub fn new(
        client: Dialect,
        secrets: Arc<dyn SecretStore>,
        state: StateFile,
        machine: ThisMachine,
        clock: Arc<dyn Clock>,
        config: ServiceConfig,
    ) -> Self {
        let dir = state.path().parent().unwrap_or(std::path::Path::new("."));
        let leases = leases::Leases {
            store: LeaseStore::in_dir(dir),
            configured: None,
        };
        Self {
            client,
            secrets,
            state,
            machine,
            clock,
            config,
            leases,
        }
    }

    /// This machine, as the service presents it to servers.
    pub fn machine(&self) -> &ThisMachine {
        &self.machine
    }

    /// What the license server lets the app do.
    pub fn capabilities(&self) -> Capabilities {
        self.client.capabilities()
    }

    /// The redacted support report of `diagnostics`, as of now, in
    /// English: it names the language the user saw, this process's.
    pub fn support_report(
        &self,
        diagnostics: &Diagnostics,
        last_error: Option<&ErrorReport>,
    ) -> String {
        let next_step = next_step::find(diagnostics, &self.capabilities(), Lang::En);
        let seen = report::Seen {
            diagnostics,
            next_step: next_step.as_ref(),
            last_error,
            lang: Lang::current(),
        };
        report::render(&seen, self.clock.now())
    }

    /// The deadline of a user action starting now.
    fn deadline(&self) -> Deadline {
        Deadline::after(self.config.action_time)
    }

    /// Runs a keychain operation off the async runtime.
    async fn keychain<T: Send + 'static>(
        &self,
        op: impl FnOnce(&dyn SecretStore) -> Result<T, LicenseError> + Send + 'static,
    ) -> Result<T, LicenseError> {
        crate::dialects::keychain(&self.secrets, op).await
    }

    /// The key the keychain holds, if any.
    async fn stored_key(&self) -> Result<Option<LicenseKey>, LicenseError> {
        let stored = self.keychain(|s| s.get(SecretName::LicenseKey)).await?;
        stored
            .map(|key| LicenseKey::parse(key.expose()))
            .transpose()
    }

    /// The stored key, or [`LicenseError::NotActivated`].
    async fn required_key(&self) -> Result<LicenseKey, LicenseError> {
        self.stored_key().await?.ok_or(LicenseError::NotActivated)
    }
}
