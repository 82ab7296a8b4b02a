//! The license servers Keyslot speaks: its own protocol (seed 000, through
//! [`NativeClient`]) and four other vendors' (seeds 001–004), one module per
//! vendor. [`Dialect`] is what the service talks to: the same four
//! operations for every server, answered in the native protocol's domain
//! types, with every failure a [`LicenseError`] the catalog resolves.
//!
//! A vendor that lacks an operation says so in its [`Capabilities`]; the UI
//! hides that action and tells the user where to do it instead.
//!
//! Endpoints a seed does not document are assumptions, written in each
//! module's doc and kept in its `routes()`, which [`DialectConfig::routes`]
//! overrides by name.

pub mod appauth;
pub mod geckoguard;
pub mod licensekit;
pub mod licentric;
mod transport;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use keyslot_protocol::{
    ActivateRequest, ActivateResponse, DeactivateRequest, DeactivateResponse, DevicesRequest,
    DevicesResponse, Machine, StatusRequest, StatusResponse,
};
use serde::{Deserialize, Serialize};

use crate::catalog::Provider;
use crate::client::retry::RetryPolicy;
use crate::client::{NativeClient, Outcome, Timeouts};
use crate::clock::{Clock, NonceSource};
use crate::error::LicenseError;
use crate::secrets::SecretStore;
use crate::sensitive::Sensitive;

/// What a server lets the app do besides activating and checking a license.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Capabilities {
    /// It lists the devices holding seats.
    pub list_devices: bool,
    /// It frees a seat on request.
    pub free_seat: bool,
    /// Where the user frees a seat instead, when the app can't.
    pub free_seat_elsewhere: Option<String>,
    /// How often the app should check in to keep its session (seconds).
    pub heartbeat_secs: Option<u64>,
}

impl Capabilities {
    /// Everything: the native protocol.
    pub const fn all() -> Self {
        Self {
            list_devices: true,
            free_seat: true,
            free_seat_elsewhere: None,
            heartbeat_secs: None,
        }
    }
}

/// The vendor's credentials: `api_key` is GeckoGuard's `X-Api-Key`, appauth's
/// app id and LicenseKit's and Licentric's bearer token; `api_secret` is the
/// signing or app secret (the bearer-token vendors need none).
#[derive(Debug, Clone)]
pub struct Credentials {
    /// Key or app id (unused by the native protocol).
    pub api_key: Option<Sensitive<String>>,
    /// Signing or app secret.
    pub api_secret: Option<Sensitive<String>>,
}

/// Which server a vendor runs, and the corrections of its assumed endpoints.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DialectConfig {
    /// `license-api` (native, the default), `appauth`, `geckoguard`,
    /// `licensekit` or `licentric`.
    #[serde(default)]
    pub provider: Option<String>,
    /// Endpoint paths by name, replacing the module's assumed ones.
    #[serde(default)]
    pub routes: BTreeMap<String, String>,
    /// LicenseKit: pinned Ed25519 public keys, key id → base64. When set,
    /// only these keys are trusted and none is fetched.
    #[serde(default)]
    pub public_keys: BTreeMap<String, String>,
}

impl DialectConfig {
    /// The chosen provider.
    pub fn provider(&self) -> Result<Provider, LicenseError> {
        let id = self
            .provider
            .as_deref()
            .unwrap_or(Provider::LicenseApi.id());
        match Provider::from_id(id) {
            Some(p) if p != Provider::Keyslot => Ok(p),
            _ => Err(LicenseError::Config(format!(
                "unknown provider {id:?}; one of: license-api, appauth, geckoguard, licensekit, licentric"
            ))),
        }
    }
}

/// The parts every dialect is built from.
#[derive(Clone)]
pub struct Parts {
    /// Server URL.
    pub server: String,
    /// The vendor's credentials.
    pub credentials: Credentials,
    /// Where session and refresh tokens are kept.
    pub secrets: Arc<dyn SecretStore>,
    /// Time.
    pub clock: Arc<dyn Clock>,
    /// Nonces.
    pub nonces: Arc<dyn NonceSource>,
    /// Backoff.
    pub policy: RetryPolicy,
    /// Timeouts.
    pub timeouts: Timeouts,
}

impl std::fmt::Debug for Parts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Parts")
            .field("server", &self.server)
            .finish_non_exhaustive()
    }
}

/// Replaces the assumed `routes` with those a vendor configured.
fn routed<const N: usize>(
    mut routes: [(&'static str, String); N],
    config: &DialectConfig,
) -> Result<[(&'static str, String); N], LicenseError> {
    for (name, path) in &config.routes {
        match routes.iter_mut().find(|(known, _)| known == name) {
            Some((_, slot)) if path.starts_with('/') => slot.clone_from(path),
            Some(_) => {
                return Err(LicenseError::Config(format!(
                    "route {name}: a path starts with '/'"
                )));
            }
            None => {
                let known: Vec<&str> = routes.iter().map(|(n, _)| *n).collect();
                return Err(LicenseError::Config(format!(
                    "unknown route {name:?}; this provider has: {}",
                    known.join(", ")
                )));
            }
        }
    }
    Ok(routes)
}

/// What diagnostics read from whichever HTTP side a dialect has.
trait Wire {
    fn base(&self) -> &str;
    fn outcomes(&self) -> Vec<Outcome>;
    fn clock_offset_secs(&self) -> i64;
    fn observed_clock_offset_secs(&self) -> i64;
}

impl Wire for NativeClient {
    fn base(&self) -> &str {
        NativeClient::base(self)
    }
    fn outcomes(&self) -> Vec<Outcome> {
        NativeClient::outcomes(self)
    }
    fn clock_offset_secs(&self) -> i64 {
        NativeClient::clock_offset_secs(self)
    }
    fn observed_clock_offset_secs(&self) -> i64 {
        NativeClient::observed_clock_offset_secs(self)
    }
}

impl From<NativeClient> for Dialect {
    fn from(client: NativeClient) -> Self {
        Self::Native(client)
    }
}

/// A license server, in whichever dialect it speaks.
#[derive(Debug)]
pub enum Dialect {
    /// Seed 000.
    Native(NativeClient),
    /// Seed 001.
    Appauth(appauth::Appauth),
    /// Seed 002.
    Geckoguard(geckoguard::Geckoguard),
    /// Seed 003.
    Licensekit(licensekit::Licensekit),
    /// Seed 004.
    Licentric(licentric::Licentric),
}

impl Dialect {
    /// Connects to the server `config` names.
    pub fn connect(config: &DialectConfig, parts: Parts) -> Result<Self, LicenseError> {
        let needs_key = |parts: &Parts| {
            parts.credentials.api_key.clone().ok_or_else(|| {
                LicenseError::Config(
                    "this provider needs an API key (KEYSLOT_API_KEY or the keychain)".to_owned(),
                )
            })
        };
        let needs_secret = |parts: &Parts| {
            parts
                .credentials
                .api_secret
                .clone()
                .ok_or(LicenseError::SecretMissing)
        };
        Ok(match config.provider()? {
            Provider::Appauth => {
                let (app_id, secret) = (needs_key(&parts)?, needs_secret(&parts)?);
                Self::Appauth(appauth::Appauth::new(parts, app_id, secret, config)?)
            }
            Provider::Geckoguard => {
                let (key, secret) = (needs_key(&parts)?, needs_secret(&parts)?);
                Self::Geckoguard(geckoguard::Geckoguard::new(parts, key, secret, config)?)
            }
            Provider::Licensekit => {
                let token = needs_key(&parts)?;
                Self::Licensekit(licensekit::Licensekit::new(parts, token, config)?)
            }
            Provider::Licentric => {
                let token = needs_key(&parts)?;
                Self::Licentric(licentric::Licentric::new(parts, token, config)?)
            }
            Provider::LicenseApi | Provider::Keyslot
                if config.routes.is_empty() && config.public_keys.is_empty() =>
            {
                let secret = needs_secret(&parts)?;
                Self::Native(NativeClient::new(
                    &parts.server,
                    Sensitive::new(secret.expose().as_bytes().to_vec()),
                    parts.clock,
                    parts.nonces,
                    parts.policy,
                    parts.timeouts,
                )?)
            }
            Provider::LicenseApi | Provider::Keyslot => {
                return Err(LicenseError::Config(
                    "routes and public_keys are for other vendors' servers; Keyslot's own protocol has fixed paths".to_owned(),
                ));
            }
        })
    }

    /// Who the server is.
    pub fn provider(&self) -> Provider {
        match self {
            Self::Native(_) => Provider::LicenseApi,
            Self::Appauth(_) => Provider::Appauth,
            Self::Geckoguard(_) => Provider::Geckoguard,
            Self::Licensekit(_) => Provider::Licensekit,
            Self::Licentric(_) => Provider::Licentric,
        }
    }

    /// What it can do.
    pub fn capabilities(&self) -> Capabilities {
        match self {
            Self::Native(_) | Self::Licensekit(_) | Self::Licentric(_) => Capabilities::all(),
            Self::Appauth(_) => appauth::capabilities(),
            Self::Geckoguard(_) => geckoguard::capabilities(),
        }
    }

    /// The HTTP side: the native client, or a vendor adapter's transport.
    fn wire(&self) -> &dyn Wire {
        match self {
            Self::Native(c) => c,
            Self::Appauth(d) => &d.transport,
            Self::Geckoguard(d) => &d.transport,
            Self::Licensekit(d) => &d.transport,
            Self::Licentric(d) => &d.transport,
        }
    }

    /// The server URL.
    pub fn base(&self) -> &str {
        self.wire().base()
    }

    /// The last request outcomes, oldest first.
    pub fn outcomes(&self) -> Vec<Outcome> {
        self.wire().outcomes()
    }

    /// How far this computer's clock is ahead of the server's, as corrected
    /// after a clock-skew answer (0 until then).
    pub fn clock_offset_secs(&self) -> i64 {
        self.wire().clock_offset_secs()
    }

    /// How far this computer's clock is ahead of the server's, as the last
    /// answer's `Date` showed.
    pub fn observed_clock_offset_secs(&self) -> i64 {
        self.wire().observed_clock_offset_secs()
    }

    /// Takes a seat for `machine` (or confirms the one it holds).
    pub async fn activate(
        &self,
        key: &Sensitive<String>,
        machine: &Machine,
        deadline: Duration,
    ) -> Result<ActivateResponse, LicenseError> {
        match self {
            Self::Native(c) => {
                let request = ActivateRequest {
                    license_key: key.expose().clone(),
                    machine: machine.clone(),
                };
                Ok(c.activate(&request, deadline).await?.body)
            }
            Self::Appauth(d) => d.activate(key, machine, deadline).await,
            Self::Geckoguard(d) => d.activate(key, machine, deadline).await,
            Self::Licensekit(d) => d.activate(key, machine, deadline).await,
            Self::Licentric(d) => d.activate(key, machine, deadline).await,
        }
    }

    /// The license and `machine`'s seat.
    pub async fn status(
        &self,
        key: &Sensitive<String>,
        machine: &Machine,
        deadline: Duration,
    ) -> Result<StatusResponse, LicenseError> {
        match self {
            Self::Native(c) => {
                let request = StatusRequest {
                    license_key: key.expose().clone(),
                    fingerprint: machine.fingerprint.clone(),
                };
                Ok(c.status(&request, deadline).await?.body)
            }
            Self::Appauth(d) => d.status(key, machine, deadline).await,
            Self::Geckoguard(d) => d.status(key, machine, deadline).await,
            Self::Licensekit(d) => d.status(key, machine, deadline).await,
            Self::Licentric(d) => d.status(key, machine, deadline).await,
        }
    }

    /// The devices holding seats of `key`.
    pub async fn devices(
        &self,
        key: &Sensitive<String>,
        deadline: Duration,
    ) -> Result<DevicesResponse, LicenseError> {
        match self {
            Self::Native(c) => {
                let request = DevicesRequest {
                    license_key: key.expose().clone(),
                };
                Ok(c.devices(&request, deadline).await?.body)
            }
            Self::Licensekit(d) => d.devices(key, deadline).await,
            Self::Licentric(d) => d.devices(key, deadline).await,
            Self::Appauth(_) | Self::Geckoguard(_) => Err(self.unsupported()),
        }
    }

    /// Frees the seat `activation_id` of `key`.
    pub async fn deactivate(
        &self,
        key: &Sensitive<String>,
        activation_id: &str,
        deadline: Duration,
    ) -> Result<DeactivateResponse, LicenseError> {
        match self {
            Self::Native(c) => {
                let request = DeactivateRequest {
                    license_key: key.expose().clone(),
                    activation_id: activation_id.to_owned(),
                };
                Ok(c.deactivate(&request, deadline).await?.body)
            }
            Self::Licensekit(d) => d.deactivate(key, activation_id, deadline).await,
            Self::Licentric(d) => d.deactivate(key, activation_id, deadline).await,
            Self::Appauth(_) | Self::Geckoguard(_) => Err(self.unsupported()),
        }
    }

    fn unsupported(&self) -> LicenseError {
        LicenseError::Unsupported {
            elsewhere: self.capabilities().free_seat_elsewhere.unwrap_or_default(),
        }
    }
}

/// A coded failure from `provider`, as `reply` brought it.
fn coded(
    provider: Provider,
    code: &str,
    context: Option<&'static str>,
    reply: &transport::Reply,
    message: String,
    details: Vec<keyslot_protocol::FieldError>,
) -> LicenseError {
    LicenseError::Api(Box::new(crate::error::ApiFailure {
        provider,
        code: code.to_owned(),
        context,
        http_status: reply.status,
        message,
        details,
        request_id: reply.request_id.clone(),
        retry_after: reply.retry_after,
        clock_offset_secs: None,
    }))
}

/// A 404 from validating this machine's seat, read as "it holds none"
/// ([`LicenseError::NoSeat`]); any other failure as it is. For a key the
/// server doesn't know, the activation this leads to says so.
fn no_seat_if_not_found(error: LicenseError) -> LicenseError {
    match error {
        LicenseError::Api(f) if f.http_status == 404 => LicenseError::NoSeat(f),
        other => other,
    }
}

/// This machine as a device, for vendors whose answers name no device: its
/// id is the fingerprint's first 16 characters, its times are `now`.
fn this_device(machine: &Machine, now: i64) -> keyslot_protocol::Device {
    let now =
        time::OffsetDateTime::from_unix_timestamp(now).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    keyslot_protocol::Device {
        id: machine.fingerprint.chars().take(16).collect(),
        fingerprint: machine.fingerprint.clone(),
        name: machine.name.clone(),
        platform: machine.platform.clone(),
        created_at: now,
        last_seen_at: now,
    }
}

/// A vendor's license state word, in the native states.
fn state_of(word: Option<&str>) -> keyslot_protocol::LicenseState {
    use keyslot_protocol::LicenseState::*;
    match word.map(str::to_ascii_uppercase).as_deref() {
        None | Some("ACTIVE" | "VALID") => Active,
        Some("SUSPENDED" | "INACTIVE" | "FROZEN") => Suspended,
        Some("EXPIRED") => Expired,
        Some("REVOKED" | "BANNED") => Revoked,
        Some(_) => Unknown,
    }
}

/// Runs a keychain operation off the async runtime (keychain APIs block).
pub(crate) async fn keychain<T: Send + 'static>(
    secrets: &Arc<dyn SecretStore>,
    op: impl FnOnce(&dyn SecretStore) -> Result<T, LicenseError> + Send + 'static,
) -> Result<T, LicenseError> {
    let secrets = secrets.clone();
    tokio::task::spawn_blocking(move || op(secrets.as_ref()))
        .await
        .map_err(|e| LicenseError::Keychain {
            locked: false,
            detail: format!("keychain task failed: {e}"),
        })?
}
