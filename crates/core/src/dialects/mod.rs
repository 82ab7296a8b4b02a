//! The license servers Keyslot speaks: its own protocol, the License API
//! (seed 000, [`license_api`]), and four other vendors' (seeds 001–004), one
//! module each. [`Dialect`] is what the service talks to: the same four
//! operations for every server, answered in the native protocol's domain
//! types, every failure a [`LicenseError`] the catalog resolves. Every
//! dialect sends through the one [`Transport`](crate::transport), so every
//! server is retried the same way.
//!
//! A vendor that lacks an operation says so in its [`Capabilities`]; the UI
//! hides that action and tells the user where to do it instead.
//!
//! Endpoints a seed does not document are assumptions, written in each
//! module's doc and kept as the `Default` of its typed `Routes`, which
//! [`DialectConfig::routes`] corrects by name (a name the adapter does not
//! have is an error at start).

pub mod appauth;
pub mod geckoguard;
pub mod license_api;
pub mod licensekit;
pub mod licentric;

use std::collections::BTreeMap;
use std::sync::Arc;

use keyslot_protocol::lease::JwkSet;
use keyslot_protocol::offline::OfflineRequest;
use keyslot_protocol::{
    ActivateResponse, DeactivateResponse, DevicesResponse, Machine, StatusResponse,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::catalog::Provider;
use crate::deadline::Deadline;
use crate::error::LicenseError;
use crate::key::LicenseKey;
use crate::locale::{self, Lang};
use crate::secrets::SecretStore;
use crate::sensitive::Sensitive;
use crate::transport::{Outcome, Transport, Wiring};

/// The path of the License API server's offline page.
pub const OFFLINE_PAGE: &str = "/offline";

/// Where a server that frees no seats through the app says to free one,
/// in `lang` (message `free-seat-<provider>` of `core.ftl`).
pub fn free_seat_elsewhere(provider: Provider, lang: Lang) -> String {
    locale::text(lang, &format!("free-seat-{}", provider.id()))
}

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
    /// It issues leases: the license holds offline until the lease ends.
    pub offline: bool,
}

impl Capabilities {
    /// What LicenseKit and Licentric can do: everything but leases.
    pub const fn online() -> Self {
        Self {
            list_devices: true,
            free_seat: true,
            free_seat_elsewhere: None,
            heartbeat_secs: None,
            offline: false,
        }
    }
}

/// Where the public keys a server's answers are verified with come from,
/// for the support page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "source", rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum SigningKeys {
    /// Pinned in the configuration: only these are trusted.
    Pinned {
        /// How many.
        count: u32,
    },
    /// Fetched from the server itself (over HTTPS), not pinned: whoever
    /// can answer as the server can sign.
    Fetched,
}

/// The vendor's credentials: `api_key` is GeckoGuard's `X-Api-Key`, appauth's
/// app id and LicenseKit's and Licentric's bearer token; `api_secret` is the
/// signing or app secret (the License API's shared secret; the bearer-token
/// vendors need none).
#[derive(Debug, Clone)]
pub struct Credentials {
    /// Key or app id (unused by the License API).
    pub api_key: Option<Sensitive<String>>,
    /// Signing or app secret.
    pub api_secret: Option<Sensitive<String>>,
}

impl Credentials {
    fn api_key(&self) -> Result<Sensitive<String>, LicenseError> {
        self.api_key.clone().ok_or_else(|| {
            LicenseError::Config(
                "this provider needs an API key (KEYSLOT_API_KEY or the keychain)".to_owned(),
            )
        })
    }

    fn api_secret(&self) -> Result<Sensitive<String>, LicenseError> {
        self.api_secret.clone().ok_or(LicenseError::SecretMissing)
    }
}

/// Which server a vendor runs, and the corrections of its assumed endpoints.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DialectConfig {
    /// `license-api` (Keyslot's own protocol, the default), `appauth`,
    /// `geckoguard`, `licensekit` or `licentric`.
    #[serde(default)]
    pub provider: Option<String>,
    /// Endpoint paths by name, replacing the adapter's assumed ones.
    #[serde(default)]
    pub routes: BTreeMap<String, String>,
    /// LicenseKit: pinned Ed25519 public keys, key id → base64. When set,
    /// only these keys are trusted and none is fetched; without them the
    /// server's own are fetched, over HTTPS only.
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
        Provider::from_id(id).ok_or_else(|| {
            let known: Vec<&str> = Provider::ALL.iter().map(|p| p.id()).collect();
            LicenseError::Config(format!(
                "unknown provider {id:?}; one of: {}",
                known.join(", ")
            ))
        })
    }

    /// The adapter's routes `R`: its documented defaults, with the paths
    /// this config names put in their place. A name `R` does not have, or a
    /// path not starting with `/`, is refused.
    fn routes<R: DeserializeOwned>(&self) -> Result<R, LicenseError> {
        if let Some((name, _)) = self.routes.iter().find(|(_, path)| !path.starts_with('/')) {
            return Err(LicenseError::Config(format!(
                "route {name}: a path starts with '/'"
            )));
        }
        let named = serde_json::to_value(&self.routes)
            .map_err(|e| LicenseError::Config(format!("routes: {e}")))?;
        // serde says "unknown field `x`, expected `a` or `b`": say route.
        serde_json::from_value(named).map_err(|e| {
            let why = e.to_string().replace("unknown field", "unknown route");
            LicenseError::Config(format!("routes: {why}"))
        })
    }
}

/// How a dialect reaches its server: the transport's wiring, the vendor's
/// credentials and the keychain its session and refresh tokens live in.
#[derive(Clone)]
pub struct Connection {
    /// Server URL, clock, nonces, retry policy and timeouts.
    pub wiring: Wiring,
    /// The vendor's credentials.
    pub credentials: Credentials,
    /// Where session and refresh tokens are kept.
    pub secrets: Arc<dyn SecretStore>,
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("server", &self.wiring.server)
            .finish_non_exhaustive()
    }
}

/// A license server, in whichever dialect it speaks.
#[derive(Debug)]
pub enum Dialect {
    /// Keyslot's own protocol (seed 000).
    LicenseApi(license_api::LicenseApi),
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
    pub fn connect(config: &DialectConfig, connection: Connection) -> Result<Self, LicenseError> {
        let credentials = &connection.credentials;
        Ok(match config.provider()? {
            Provider::LicenseApi => {
                if !config.routes.is_empty() || !config.public_keys.is_empty() {
                    return Err(LicenseError::Config(
                        "routes and public_keys are for other vendors' servers; Keyslot's own protocol has fixed paths".to_owned(),
                    ));
                }
                let secret = credentials.api_secret()?;
                Self::LicenseApi(license_api::LicenseApi::new(&connection.wiring, secret)?)
            }
            Provider::Appauth => {
                let (app_id, secret) = (credentials.api_key()?, credentials.api_secret()?);
                Self::Appauth(appauth::Appauth::new(
                    &connection,
                    app_id,
                    secret,
                    config.routes()?,
                )?)
            }
            Provider::Geckoguard => {
                let (key, secret) = (credentials.api_key()?, credentials.api_secret()?);
                Self::Geckoguard(geckoguard::Geckoguard::new(
                    &connection,
                    key,
                    secret,
                    config.routes()?,
                )?)
            }
            Provider::Licensekit => {
                let token = credentials.api_key()?;
                Self::Licensekit(licensekit::Licensekit::new(
                    &connection.wiring,
                    token,
                    config.routes()?,
                    &config.public_keys,
                )?)
            }
            Provider::Licentric => {
                let token = credentials.api_key()?;
                Self::Licentric(licentric::Licentric::new(
                    &connection.wiring,
                    token,
                    config.routes()?,
                )?)
            }
        })
    }

    /// Who the server is.
    pub fn provider(&self) -> Provider {
        match self {
            Self::LicenseApi(_) => Provider::LicenseApi,
            Self::Appauth(_) => Provider::Appauth,
            Self::Geckoguard(_) => Provider::Geckoguard,
            Self::Licensekit(_) => Provider::Licensekit,
            Self::Licentric(_) => Provider::Licentric,
        }
    }

    /// What it can do.
    pub fn capabilities(&self) -> Capabilities {
        match self {
            Self::LicenseApi(_) => Capabilities {
                offline: true,
                ..Capabilities::online()
            },
            Self::Licensekit(_) | Self::Licentric(_) => Capabilities::online(),
            Self::Appauth(_) => appauth::capabilities(),
            Self::Geckoguard(_) => geckoguard::capabilities(),
        }
    }

    /// Where the keys its answers are verified with come from, for a server
    /// that signs them with public keys (LicenseKit).
    pub fn signing_keys(&self) -> Option<SigningKeys> {
        match self {
            Self::Licensekit(d) => Some(d.signing_keys()),
            _ => None,
        }
    }

    fn transport(&self) -> &Transport {
        match self {
            Self::LicenseApi(d) => &d.transport,
            Self::Appauth(d) => &d.transport,
            Self::Geckoguard(d) => &d.transport,
            Self::Licensekit(d) => &d.transport,
            Self::Licentric(d) => &d.transport,
        }
    }

    /// The License API's lease keys (`GET /api/v1/license/keys`); `None`
    /// from a server that issues no leases, or another vendor's.
    pub async fn lease_keys(&self, deadline: Deadline) -> Result<Option<JwkSet>, LicenseError> {
        match self {
            Self::LicenseApi(d) => d.lease_keys(deadline).await,
            _ => Ok(None),
        }
    }

    /// `request` as a code for the vendor's offline page, and that page's
    /// address: the License API only (the others have no such page).
    pub fn offline_code(&self, request: &OfflineRequest) -> Result<(String, String), LicenseError> {
        match self {
            Self::LicenseApi(d) => Ok((
                d.offline_code(request),
                format!("{}{}", self.base().trim_end_matches('/'), OFFLINE_PAGE),
            )),
            _ => Err(LicenseError::Unsupported {
                elsewhere: locale::text(Lang::current(), "offline-unsupported"),
            }),
        }
    }

    /// The server URL.
    pub fn base(&self) -> &str {
        self.transport().base()
    }

    /// The last request outcomes, newest first.
    pub fn outcomes(&self) -> Vec<Outcome> {
        self.transport().outcomes()
    }

    /// How far this computer's clock is ahead of the server's, as corrected
    /// after a clock failure (0 until then).
    pub fn clock_offset_secs(&self) -> i64 {
        self.transport().clock_offset_secs()
    }

    /// How far this computer's clock is ahead of the server's, as the last
    /// verified answer's `Date` showed (0 before one).
    pub fn observed_clock_offset_secs(&self) -> i64 {
        self.transport().observed_clock_offset_secs()
    }

    /// Takes a seat for `machine` (or confirms the one it holds).
    pub async fn activate(
        &self,
        key: &LicenseKey,
        machine: &Machine,
        deadline: Deadline,
    ) -> Result<ActivateResponse, LicenseError> {
        match self {
            Self::LicenseApi(d) => d.activate(key, machine, deadline).await,
            Self::Appauth(d) => d.activate(key, machine, deadline).await,
            Self::Geckoguard(d) => d.activate(key, machine, deadline).await,
            Self::Licensekit(d) => d.activate(key, machine, deadline).await,
            Self::Licentric(d) => d.activate(key, machine, deadline).await,
        }
    }

    /// The license and `machine`'s seat.
    pub async fn status(
        &self,
        key: &LicenseKey,
        machine: &Machine,
        deadline: Deadline,
    ) -> Result<StatusResponse, LicenseError> {
        match self {
            Self::LicenseApi(d) => d.status(key, machine, deadline).await,
            Self::Appauth(d) => d.status(key, machine, deadline).await,
            Self::Geckoguard(d) => d.status(key, machine, deadline).await,
            Self::Licensekit(d) => d.status(key, machine, deadline).await,
            Self::Licentric(d) => d.status(key, machine, deadline).await,
        }
    }

    /// The devices holding seats of `key`.
    pub async fn devices(
        &self,
        key: &LicenseKey,
        deadline: Deadline,
    ) -> Result<DevicesResponse, LicenseError> {
        match self {
            Self::LicenseApi(d) => d.devices(key, deadline).await,
            Self::Licensekit(d) => d.devices(key, deadline).await,
            Self::Licentric(d) => d.devices(key, deadline).await,
            Self::Appauth(_) | Self::Geckoguard(_) => Err(self.unsupported()),
        }
    }

    /// Frees the seat `activation_id` of `key`.
    pub async fn deactivate(
        &self,
        key: &LicenseKey,
        activation_id: &str,
        deadline: Deadline,
    ) -> Result<DeactivateResponse, LicenseError> {
        match self {
            Self::LicenseApi(d) => d.deactivate(key, activation_id, deadline).await,
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

/// A vendor's license state word, in the native states. No word, or one
/// this version does not know, is `Unknown`: an answer that does not say
/// the license is active never makes it so.
fn state_of(word: Option<&str>) -> keyslot_protocol::LicenseState {
    use keyslot_protocol::LicenseState::*;
    match word.map(str::to_ascii_uppercase).as_deref() {
        Some("ACTIVE" | "VALID") => Active,
        Some("SUSPENDED" | "INACTIVE" | "FROZEN") => Suspended,
        Some("EXPIRED") => Expired,
        Some("REVOKED" | "BANNED") => Revoked,
        None | Some(_) => Unknown,
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
