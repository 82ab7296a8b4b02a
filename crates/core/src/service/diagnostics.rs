//! The support page's checks: the server (a signed probe), the clock, the
//! keychain and the fingerprint, with the last requests and the next step.

use std::time::Duration;

use keyslot_protocol::LicenseSummary;
use serde::Serialize;

use super::LicenseService;
use super::flows::is_kind;
use super::next_step::{self, NextStep};
use super::views::rfc3339_of_unix;
use crate::catalog::Kind;
use crate::dialects::SigningKeys;
use crate::error::{ErrorReport, LicenseError};
use crate::key::LicenseKey;
use crate::lease::Verdict;
use crate::locale::Lang;
use crate::transport::{Outcome, as_probe};

/// How long the server probe may take, at most.
const PROBE_TIME: Duration = Duration::from_secs(10);

/// The keychain's health.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct KeychainHealth {
    /// Whether the keychain could be read.
    pub ok: bool,
    /// What is wrong, if anything.
    pub problem: Option<ErrorReport>,
}

/// What the support page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Diagnostics {
    /// Keyslot's version.
    pub app_version: String,
    /// This machine's platform, e.g. `linux-x86_64`.
    pub platform: String,
    /// Server URL.
    pub server: String,
    /// The license server's provider id.
    pub provider: String,
    /// Whether the server answered a signed probe as the protocol says.
    pub server_reachable: bool,
    /// Why not, if not (or a signing/clock problem the probe revealed).
    pub server_problem: Option<ErrorReport>,
    /// Where the keys the server's answers are verified with come from,
    /// for a server that signs them with public keys (LicenseKit).
    pub signing_keys: Option<SigningKeys>,
    /// How far this computer's clock is ahead of the server's, as the last
    /// verified answer showed.
    pub clock_offset_secs: i64,
    /// Whether the keychain answers, and what is wrong if not.
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
    /// The last requests of the app and the CLI, newest first.
    pub recent: Vec<Outcome>,
    /// The kept lease and trusted time, where the server issues leases.
    pub lease: Option<LeaseDiagnostics>,
    /// The most likely cause of trouble and what to do; `None` when every
    /// check passed and the last request succeeded.
    pub next_step: Option<NextStep>,
}

/// The kept lease, for support: where it stands, its times and key, and
/// trusted time next to the wall clock. Holds no key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LeaseDiagnostics {
    /// What the local check finds.
    pub stage: Verdict,
    /// When the server issued it, RFC 3339.
    pub issued_at: Option<String>,
    /// When the app renews it, RFC 3339.
    pub renew_after: Option<String>,
    /// When it ends, RFC 3339.
    pub expires_at: Option<String>,
    /// When its grace ends, RFC 3339.
    pub grace_ends_at: Option<String>,
    /// The key id (`kid`) it is signed with.
    pub key_id: Option<String>,
    /// Trusted time, RFC 3339, when the check came to judge it.
    pub trusted_time: Option<String>,
    /// This computer's wall clock, RFC 3339.
    pub wall_clock: String,
}

impl LicenseService {
    /// Checks the server, the clock, the keychain and the fingerprint.
    pub async fn diagnose(&self) -> Diagnostics {
        let (server_reachable, server_problem) = self.probe().await;
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
        let mut diagnostics = Diagnostics {
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
            platform: self.machine.platform.clone(),
            server: self.client.base().to_owned(),
            provider: self.client.provider().id().to_owned(),
            server_reachable,
            server_problem,
            signing_keys: self.client.signing_keys(),
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
            lease: self.lease_diagnostics().await,
            next_step: None,
        };
        diagnostics.next_step =
            next_step::find(&diagnostics, &self.client.capabilities(), Lang::current());
        diagnostics
    }

    /// The kept lease as the local check finds it, with the keys at hand.
    async fn lease_diagnostics(&self) -> Option<LeaseDiagnostics> {
        let found = self.check_kept_lease().await?;
        if found.stage == Verdict::NoLease {
            return None;
        }
        let time = |at: Option<i64>| at.map(rfc3339_of_unix);
        Some(LeaseDiagnostics {
            stage: found.stage,
            issued_at: time(found.issued_at),
            renew_after: time(found.renew_after),
            expires_at: time(found.expires_at),
            grace_ends_at: time(found.grace_ends_at),
            key_id: found.key_id.clone(),
            trusted_time: time(found.trusted_now),
            wall_clock: rfc3339_of_unix(self.clock.now()),
        })
    }

    /// A signed call for a key that cannot exist: "no such key" proves the
    /// server is reachable and accepts our credentials, signature and clock.
    /// (appauth's check is a heartbeat of the stored session when there is
    /// one: a real check-in, answered for that session, not the probe key.)
    async fn probe(&self) -> (bool, Option<ErrorReport>) {
        let probe = LicenseKey::parse("KEYSLOT-DIAGNOSTIC-PROBE").expect("the probe is a key");
        let deadline = self.deadline().within(PROBE_TIME);
        let probed = as_probe(async {
            if self.client.capabilities().list_devices {
                self.client.devices(&probe, deadline).await.map(drop)
            } else {
                self.client
                    .status(&probe, &self.machine.as_machine(), deadline)
                    .await
                    .map(drop)
            }
        })
        .await;
        match probed {
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
                e @ (LicenseError::Api(_)
                | LicenseError::NoSeat(_)
                | LicenseError::Tampered { .. }
                | LicenseError::ClocksApart { .. }),
            ) => (true, Some(e.report())),
            Err(e) => (false, Some(e.report())),
        }
    }
}

/// Diagnostics of a machine where every check passed and nothing was asked yet.
#[cfg(test)]
pub(crate) fn sample() -> Diagnostics {
    Diagnostics {
        app_version: "1.0.0".to_owned(),
        platform: "linux-x86_64".to_owned(),
        server: "https://license.example".to_owned(),
        provider: "license-api".to_owned(),
        server_reachable: true,
        server_problem: None,
        signing_keys: None,
        clock_offset_secs: 2,
        keychain: KeychainHealth {
            ok: true,
            problem: None,
        },
        fingerprint_changed: Vec::new(),
        fingerprint_components: Vec::new(),
        key_hint: Some("…WXYZ".to_owned()),
        activation_id: None,
        license: None,
        recent: Vec::new(),
        lease: None,
        next_step: None,
    }
}
