//! [`LicenseService`]: what the app and the CLI do, over the client, the
//! keychain, the state file and this machine's fingerprint.
//!
//! Rules it keeps: a rejected key never replaces a working stored one; a
//! failed write never corrupts stored state; secrets never leave the keychain
//! except to sign a request; every view and report is free of secrets.

use std::fmt::Write as _;
use std::sync::Arc;
use std::time::{Duration, Instant};

use keyslot_protocol::{Device, LicenseState, LicenseSummary, Machine};
use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::catalog::Kind;
use crate::client::Outcome;
use crate::clock::Clock;
use crate::dialects::{Capabilities, Credentials, Dialect, DialectConfig, Parts};
use crate::error::{ErrorReport, LicenseError};
use crate::fingerprint::{self, ComponentDigests, Components};
use crate::secrets::{SecretName, SecretStore};
use crate::sensitive::{Sensitive, mask};
use crate::state::{ActivationRecord, LocalState, StateFile};

/// This machine as the service presents it to servers.
#[derive(Debug, Clone)]
pub struct ThisMachine {
    /// App-specific fingerprint (64 hex).
    pub fingerprint: String,
    /// Device name shown in device lists.
    pub name: String,
    /// Platform string.
    pub platform: String,
    /// Digests of the fingerprint's components.
    pub digests: ComponentDigests,
}

impl ThisMachine {
    /// Reads this machine, for `app_id`.
    pub fn detect(app_id: &str) -> Self {
        Self::from_components(
            &Components::of_this_machine(),
            app_id,
            fingerprint::machine_name(),
        )
    }

    /// A machine made of given components (tests, demos).
    pub fn from_components(components: &Components, app_id: &str, name: String) -> Self {
        Self {
            fingerprint: components.fingerprint(app_id),
            name,
            platform: fingerprint::platform(),
            digests: components.digests(app_id),
        }
    }
}

/// A device as the UI lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DeviceView {
    /// Activation id (to free it).
    pub id: String,
    /// Device name.
    pub name: String,
    /// Platform.
    pub platform: String,
    /// RFC 3339.
    pub activated_at: String,
    /// RFC 3339.
    pub last_seen_at: String,
    /// Whether it is this machine.
    pub this_device: bool,
}

/// The license as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LicenseView {
    /// `…ABCD`.
    pub key_hint: String,
    /// State.
    pub state: LicenseState,
    /// Seats held.
    pub seats_used: u32,
    /// Seats allowed.
    pub seats_total: u32,
    /// RFC 3339, if it expires.
    pub expires_at: Option<String>,
    /// This machine's seat.
    pub this_device: DeviceView,
    /// How far this computer's clock is ahead of the server's, if it was off.
    pub clock_offset_secs: Option<i64>,
    /// What the license server lets the app do.
    pub capabilities: Capabilities,
}

/// A freed seat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FreedView {
    /// `…ABCD`.
    pub key_hint: String,
    /// Seats held now.
    pub seats_used: u32,
    /// Seats allowed.
    pub seats_total: u32,
    /// The device whose seat was freed.
    pub freed: DeviceView,
    /// Whether it was this machine (which then forgot the license).
    pub forgot_this_device: bool,
}

/// The devices holding seats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DevicesView {
    /// `…ABCD`.
    pub key_hint: String,
    /// Seats held.
    pub seats_used: u32,
    /// Seats allowed.
    pub seats_total: u32,
    /// Oldest first.
    pub devices: Vec<DeviceView>,
}

/// The keychain's health.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct KeychainHealth {
    /// Readable.
    pub ok: bool,
    /// What is wrong, if anything.
    pub problem: Option<ErrorReport>,
}

/// What the support page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Diagnostics {
    /// Keyslot version.
    pub app_version: String,
    /// Platform.
    pub platform: String,
    /// Server URL.
    pub server: String,
    /// The license server's provider id.
    pub provider: String,
    /// Whether the server answered a signed probe as the protocol says.
    pub server_reachable: bool,
    /// Why not, if not (or a signing/clock problem the probe revealed).
    pub server_problem: Option<ErrorReport>,
    /// How far this computer's clock is ahead of the server's.
    pub clock_offset_secs: i64,
    /// The keychain.
    pub keychain: KeychainHealth,
    /// Names of fingerprint components changed since activation.
    pub fingerprint_changed: Vec<String>,
    /// Names of the fingerprint components.
    pub fingerprint_components: Vec<String>,
    /// `…ABCD`, if a license is activated.
    pub key_hint: Option<String>,
    /// This machine's activation id.
    pub activation_id: Option<String>,
    /// The last license summary seen.
    pub license: Option<LicenseSummary>,
    /// The last requests, oldest first.
    pub recent: Vec<Outcome>,
}

/// Settings of the service.
#[derive(Debug, Clone)]
pub struct ServiceConfig {
    /// How long one user action may take, retries included.
    pub deadline: Duration,
}

impl Default for ServiceConfig {
    fn default() -> Self {
        Self {
            deadline: Duration::from_secs(20),
        }
    }
}

/// What the usual assembly of a service needs (see [`LicenseService::assemble`]).
#[derive(Debug)]
pub struct Setup<'a> {
    /// License server URL.
    pub server: &'a str,
    /// Which server it is.
    pub dialect: &'a DialectConfig,
    /// The vendor's API key or app id (the native protocol needs none).
    pub api_key: Option<Sensitive<String>>,
    /// The vendor's API (signing or app) secret, where its server needs one.
    pub api_secret: Option<Sensitive<String>>,
    /// Keychain service name for the license key.
    pub keychain_service: &'a str,
    /// Directory of the state file.
    pub state_dir: std::path::PathBuf,
    /// App id for the fingerprint.
    pub app_id: &'a str,
    /// Deadline of one user action.
    pub deadline: Duration,
}

/// The license service.
pub struct LicenseService {
    client: Dialect,
    secrets: Arc<dyn SecretStore>,
    state: StateFile,
    machine: ThisMachine,
    clock: Arc<dyn Clock>,
    config: ServiceConfig,
}

impl std::fmt::Debug for LicenseService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LicenseService")
            .field("client", &self.client)
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

/// Whether `key` has the shape of a license key: 4–128 of `[A-Za-z0-9_-]`.
pub fn is_plausible_key(key: &str) -> bool {
    (4..=128).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn rfc3339(time: OffsetDateTime) -> String {
    time.format(&Rfc3339).unwrap_or_default()
}

fn device_view(device: Device, ours: &str) -> DeviceView {
    DeviceView {
        this_device: device.fingerprint == ours,
        id: device.id,
        name: device.name,
        platform: device.platform,
        activated_at: rfc3339(device.created_at),
        last_seen_at: rfc3339(device.last_seen_at),
    }
}

/// A key as typed, without surrounding whitespace (pasted keys often carry some).
fn trimmed(key: &Sensitive<String>) -> Sensitive<String> {
    Sensitive::new(key.expose().trim().to_owned())
}

/// Whether `error` is a server's answer of one of `kinds`.
fn is_kind(error: &LicenseError, kinds: &[Kind]) -> bool {
    matches!(error, LicenseError::Api(_) | LicenseError::NoSeat(_))
        && kinds.contains(&error.entry().kind)
}

/// One user action's time budget: every call it makes shares one deadline.
struct Budget(Instant);

impl Budget {
    fn left(&self) -> Duration {
        self.0.saturating_duration_since(Instant::now())
    }
}

impl LicenseService {
    /// A service over these parts.
    pub fn new(
        client: impl Into<Dialect>,
        secrets: Arc<dyn SecretStore>,
        state: StateFile,
        machine: ThisMachine,
        clock: Arc<dyn Clock>,
        config: ServiceConfig,
    ) -> Self {
        Self {
            client: client.into(),
            secrets,
            state,
            machine,
            clock,
            config,
        }
    }

    /// The usual assembly, shared by the app and the CLI: the native client
    /// with the system clock and random nonces, the OS keychain, the state file
    /// and this machine.
    pub fn assemble(setup: Setup<'_>) -> Result<Self, LicenseError> {
        let secrets: Arc<dyn SecretStore> =
            Arc::new(crate::secrets::KeyringStore::new(setup.keychain_service));
        let dialect = Dialect::connect(
            setup.dialect,
            Parts {
                server: setup.server.to_owned(),
                credentials: Credentials {
                    api_key: setup.api_key,
                    api_secret: setup.api_secret,
                },
                secrets: secrets.clone(),
                clock: Arc::new(crate::clock::SystemClock),
                nonces: Arc::new(crate::clock::RandomNonces),
                policy: crate::client::retry::RetryPolicy::default(),
                timeouts: crate::client::Timeouts::default(),
            },
        )?;
        Ok(Self::new(
            dialect,
            secrets,
            StateFile::in_dir(setup.state_dir),
            ThisMachine::detect(setup.app_id),
            Arc::new(crate::clock::SystemClock),
            ServiceConfig {
                deadline: setup.deadline,
            },
        ))
    }

    /// This machine.
    pub fn machine(&self) -> &ThisMachine {
        &self.machine
    }

    /// What the license server lets the app do.
    pub fn capabilities(&self) -> Capabilities {
        self.client.capabilities()
    }

    fn budget(&self) -> Budget {
        Budget(Instant::now() + self.config.deadline)
    }

    async fn keychain<T: Send + 'static>(
        &self,
        op: impl FnOnce(&dyn SecretStore) -> Result<T, LicenseError> + Send + 'static,
    ) -> Result<T, LicenseError> {
        crate::dialects::keychain(&self.secrets, op).await
    }

    async fn stored_key(&self) -> Result<Option<Sensitive<String>>, LicenseError> {
        self.keychain(|s| s.get(SecretName::LicenseKey)).await
    }

    async fn required_key(&self) -> Result<Sensitive<String>, LicenseError> {
        self.stored_key().await?.ok_or(LicenseError::NotActivated)
    }

    fn machine_info(&self) -> Machine {
        Machine {
            fingerprint: self.machine.fingerprint.clone(),
            name: self.machine.name.clone(),
            platform: self.machine.platform.clone(),
        }
    }

    fn view(
        &self,
        key: &Sensitive<String>,
        license: LicenseSummary,
        device: Device,
    ) -> LicenseView {
        let offset = self.client.clock_offset_secs();
        LicenseView {
            key_hint: key.masked(),
            state: license.state,
            seats_used: license.used_activations,
            seats_total: license.max_activations,
            expires_at: license.expires_at.map(rfc3339),
            this_device: device_view(device, &self.machine.fingerprint),
            clock_offset_secs: (offset != 0).then_some(offset),
            capabilities: self.client.capabilities(),
        }
    }

    /// Records the seat the server confirmed. The state is a cache of what
    /// the server says, so a failed write is logged, not fatal: the key is in
    /// the keychain and the next status writes it again. The fingerprint
    /// digests stay those of the first activation, so diagnostics can say
    /// what changed since.
    fn remember(&self, key: &Sensitive<String>, activation_id: &str, license: &LicenseSummary) {
        let mut state = self.state.load().unwrap_or_default();
        let activated_at = match &state.activation {
            Some(a) if a.activation_id == activation_id => a.activated_at,
            _ => self.clock.now(),
        };
        state.activation = Some(ActivationRecord {
            activation_id: activation_id.to_owned(),
            key_hint: key.masked(),
            activated_at,
            license: Some(license.clone()),
        });
        state
            .components
            .get_or_insert_with(|| self.machine.digests.clone());
        if let Err(error) = self.state.save(&state) {
            tracing::warn!(%error, "could not record the activation locally");
        }
    }

    /// Activates this machine with `key` (trimmed). Only once the server has
    /// accepted it is the key stored, replacing any earlier one.
    pub async fn activate(&self, key: &str) -> Result<LicenseView, LicenseError> {
        let key = key.trim();
        if !is_plausible_key(key) {
            return Err(LicenseError::InvalidKeyFormat);
        }
        let key = Sensitive::new(key.to_owned());
        let answer = self
            .client
            .activate(&key, &self.machine_info(), self.config.deadline)
            .await?;
        let stored = key.clone();
        self.keychain(move |s| s.set(SecretName::LicenseKey, &stored))
            .await?;
        let activation = answer.activation;
        self.remember(&key, &activation.id, &answer.license);
        tracing::info!(key = %key.masked(), activation = %activation.id, "activated");
        Ok(self.view(&key, answer.license, activation))
    }

    /// The license and this machine's seat, from the server. A machine the
    /// server no longer knows (1709, or a vendor's [`LicenseError::NoSeat`])
    /// is activated again, then asked once more.
    pub async fn status(&self) -> Result<LicenseView, LicenseError> {
        let budget = self.budget();
        let key = self.required_key().await?;
        let machine = self.machine_info();
        let answer = match self.client.status(&key, &machine, budget.left()).await {
            Err(e) if is_kind(&e, &[Kind::MachineNotActivated]) => {
                tracing::info!("this machine holds no seat; activating again");
                let activated = self.client.activate(&key, &machine, budget.left()).await?;
                self.remember(&key, &activated.activation.id, &activated.license);
                self.client.status(&key, &machine, budget.left()).await?
            }
            other => other?,
        };
        self.remember(&key, &answer.activation.id, &answer.license);
        Ok(self.view(&key, answer.license, answer.activation))
    }

    /// Every device holding a seat, this one marked.
    pub async fn devices(&self) -> Result<DevicesView, LicenseError> {
        let key = self.required_key().await?;
        self.devices_for(&key).await
    }

    /// The devices of `key`, which need not be the stored one: the
    /// free-a-slot flow lists the devices of a key that could not be activated.
    pub async fn devices_for(&self, key: &Sensitive<String>) -> Result<DevicesView, LicenseError> {
        let key = &trimmed(key);
        let answer = self.client.devices(key, self.config.deadline).await?;
        let license = answer.license;
        Ok(DevicesView {
            key_hint: key.masked(),
            seats_used: license.used_activations,
            seats_total: license.max_activations,
            devices: answer
                .devices
                .into_iter()
                .map(|d| device_view(d, &self.machine.fingerprint))
                .collect(),
        })
    }

    /// Frees the seat `activation_id` of the stored license.
    pub async fn free(&self, activation_id: &str) -> Result<FreedView, LicenseError> {
        let key = self.required_key().await?;
        self.free_for(&key, activation_id).await
    }

    /// Frees a seat of `key`. When it was this machine's seat of the stored
    /// key, the license is forgotten here too (this machine no longer holds it).
    pub async fn free_for(
        &self,
        key: &Sensitive<String>,
        activation_id: &str,
    ) -> Result<FreedView, LicenseError> {
        let key = &trimmed(key);
        let answer = self
            .client
            .deactivate(key, activation_id, self.config.deadline)
            .await?;
        let freed = device_view(answer.freed, &self.machine.fingerprint);
        let ours = freed.this_device && self.stored_key().await?.as_ref() == Some(key);
        if ours {
            self.wipe().await?;
        }
        Ok(FreedView {
            key_hint: key.masked(),
            seats_used: answer.license.used_activations,
            seats_total: answer.license.max_activations,
            freed,
            forgot_this_device: ours,
        })
    }

    /// Frees this machine's seat and wipes the license from it. The seat is
    /// looked up on the server (not in the local state); nothing is wiped
    /// unless the server freed it or holds no seat for it (unknown key,
    /// revoked license, machine not activated). A suspended or expired
    /// license keeps everything: its seat can't be freed until it is active.
    /// A server that frees no seats on request keeps its binding; the license
    /// is only wiped here. Returns whether a seat was freed on the server.
    pub async fn forget(&self) -> Result<bool, LicenseError> {
        let budget = self.budget();
        let gone = [Kind::InvalidKey, Kind::Revoked, Kind::MachineNotActivated];
        let Some(key) = self.stored_key().await? else {
            self.wipe().await?;
            return Ok(false);
        };
        if !self.client.capabilities().free_seat {
            self.wipe().await?;
            return Ok(false);
        }
        let freed = match self
            .client
            .status(&key, &self.machine_info(), budget.left())
            .await
        {
            Ok(answer) => match self
                .client
                .deactivate(&key, &answer.activation.id, budget.left())
                .await
            {
                Ok(_) => true,
                // The seat just found is gone already.
                Err(e) if is_kind(&e, &[Kind::MachineNotActivated, Kind::NotFound]) => false,
                Err(e) => return Err(e),
            },
            Err(e) if is_kind(&e, &gone) => false,
            Err(e) => return Err(e),
        };
        self.wipe().await?;
        Ok(freed)
    }

    async fn wipe(&self) -> Result<(), LicenseError> {
        self.keychain(|s| {
            s.delete(SecretName::LicenseKey)?;
            s.delete(SecretName::SessionToken)
        })
        .await?;
        self.state.save(&LocalState::default())
    }

    /// Checks the server, the clock, the keychain and the fingerprint.
    pub async fn diagnose(&self) -> Diagnostics {
        // A signed call for a key that cannot exist: "no such key" proves the
        // server is reachable and accepts our credentials, signature and clock.
        // (appauth's check is a heartbeat of the stored session when there is
        // one: a real check-in, answered for that session, not the probe key.)
        let probe = Sensitive::new("KEYSLOT-DIAGNOSTIC-PROBE".to_owned());
        let deadline = self.config.deadline.min(Duration::from_secs(10));
        let probed = if self.client.capabilities().list_devices {
            self.client.devices(&probe, deadline).await.map(drop)
        } else {
            self.client
                .status(&probe, &self.machine_info(), deadline)
                .await
                .map(drop)
        };
        let (server_reachable, server_problem) = match probed {
            Ok(()) => (true, None),
            Err(e) if is_kind(&e, &[Kind::InvalidKey, Kind::NotFound]) => (true, None),
            // The server refused our signature, so its answer can't verify
            // with our secret either: the secrets differ.
            Err(LicenseError::Tampered {
                http_status: Some(401),
                ..
            }) => (true, Some(LicenseError::SecretRejected.report())),
            // An answer came: the server is up, but refused us or could not be verified.
            Err(
                e
                @ (LicenseError::Api(_) | LicenseError::NoSeat(_) | LicenseError::Tampered { .. }),
            ) => (true, Some(e.report())),
            Err(e) => (false, Some(e.report())),
        };
        let (keychain, key_hint) = match self.stored_key().await {
            Ok(key) => (
                KeychainHealth {
                    ok: true,
                    problem: None,
                },
                key.map(|k| k.masked()),
            ),
            Err(e) => (
                KeychainHealth {
                    ok: false,
                    problem: Some(e.report()),
                },
                None,
            ),
        };
        let state = self.state.load().unwrap_or_default();
        Diagnostics {
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
            platform: self.machine.platform.clone(),
            server: self.client.base().to_owned(),
            provider: self.client.provider().id().to_owned(),
            server_reachable,
            server_problem,
            clock_offset_secs: self.client.observed_clock_offset_secs(),
            keychain,
            fingerprint_changed: state
                .components
                .as_ref()
                .map(|before| self.machine.digests.changed_since(before))
                .unwrap_or_default(),
            fingerprint_components: self.machine.digests.0.keys().cloned().collect(),
            key_hint,
            activation_id: state.activation.as_ref().map(|a| a.activation_id.clone()),
            license: state.activation.and_then(|a| a.license),
            recent: self.client.outcomes(),
        }
    }

    /// The redacted support report: text a user can paste into a ticket.
    /// It holds no key beyond its last four characters, no secret and no raw
    /// machine id.
    pub fn support_report(
        &self,
        diagnostics: &Diagnostics,
        last_error: Option<&ErrorReport>,
    ) -> String {
        let d = diagnostics;
        let mut out = String::new();
        let when = rfc3339(
            OffsetDateTime::from_unix_timestamp(self.clock.now())
                .unwrap_or(OffsetDateTime::UNIX_EPOCH),
        );
        let _ = writeln!(out, "Keyslot support report ({when})");
        let _ = writeln!(
            out,
            "app:          keyslot {} on {}",
            d.app_version, d.platform
        );
        let _ = writeln!(out, "server:       {} ({})", d.server, d.provider);
        let reach = match (&d.server_reachable, &d.server_problem) {
            (true, None) => "yes, signature and clock accepted".to_owned(),
            (true, Some(p)) => format!("yes, but answered {} ({})", p.code, p.title),
            (false, Some(p)) => format!("no: {} ({})", p.code, p.title),
            (false, None) => "no".to_owned(),
        };
        let _ = writeln!(out, "reachable:    {reach}");
        let _ = writeln!(out, "clock offset: {:+} s", d.clock_offset_secs);
        let keychain = match &d.keychain.problem {
            None => "ok".to_owned(),
            Some(p) => format!("{} ({})", p.code, p.title),
        };
        let _ = writeln!(out, "keychain:     {keychain}");
        let _ = writeln!(
            out,
            "license:      {}",
            d.key_hint.as_deref().unwrap_or("none activated")
        );
        if let Some(id) = &d.activation_id {
            let _ = writeln!(out, "activation:   {id}");
        }
        if let Some(l) = &d.license {
            let expires = l
                .expires_at
                .map(rfc3339)
                .unwrap_or_else(|| "never".to_owned());
            let _ = writeln!(
                out,
                "last seen:    {} with {} of {} seats used, expires {expires}",
                l.state.as_str(),
                l.used_activations,
                l.max_activations
            );
        }
        let fingerprint = if d.fingerprint_changed.is_empty() {
            "unchanged since activation".to_owned()
        } else {
            format!(
                "changed since activation: {}",
                d.fingerprint_changed.join(", ")
            )
        };
        let _ = writeln!(
            out,
            "fingerprint:  {fingerprint} (components: {})",
            d.fingerprint_components.join(", ")
        );
        if let Some(e) = last_error {
            let _ = writeln!(
                out,
                "last error:   {} {} (HTTP {}) request {}",
                e.provider,
                e.code,
                e.http_status.map_or("-".to_owned(), |s| s.to_string()),
                e.request_id.as_deref().unwrap_or("-")
            );
        }
        let _ = writeln!(out, "recent requests:");
        for o in &d.recent {
            let _ = writeln!(
                out,
                "  {}  {}  {}  {}  {} ms  request {}",
                rfc3339(
                    OffsetDateTime::from_unix_timestamp(o.at).unwrap_or(OffsetDateTime::UNIX_EPOCH)
                ),
                o.path,
                o.http_status.map_or("-".to_owned(), |s| s.to_string()),
                o.code.as_deref().unwrap_or("ok"),
                o.latency_ms,
                o.request_id.as_deref().unwrap_or("-")
            );
        }
        if d.recent.is_empty() {
            let _ = writeln!(out, "  none");
        }
        redact_stray_keys(out)
    }
}

/// A last guard: anything in the report that looks like a full license key
/// (`KS-XXXXX-…`) is masked.
fn redact_stray_keys(report: String) -> String {
    report
        .split_inclusive(char::is_whitespace)
        .map(|word| {
            let trimmed = word.trim_end();
            if trimmed.starts_with("KS-") && trimmed.len() >= 20 {
                format!("{}{}", mask(trimmed), &word[trimmed.len()..])
            } else {
                word.to_owned()
            }
        })
        .collect()
}
