//! The service's side of leases (docs/protocol.md, "Leases"): which keys it
//! trusts, the lease each answer of the License API brings (checked, then
//! kept), and the license from the kept lease when the server can't be
//! reached. Other vendors' servers issue no leases.

use keyslot_protocol::lease::{JwkSet, LeaseRejection, key_hash, verify_lease};
use keyslot_protocol::{Device, LicenseSummary};
use time::OffsetDateTime;

use super::LicenseService;
use super::views::{LeaseView, LicenseView, rfc3339_of_unix};
use crate::catalog::RetryClass;
use crate::deadline::Deadline;
use crate::error::{LicenseError, NetworkFailure};
use crate::key::LicenseKey;
use crate::lease::{self, Anchor, LeaseStore, Verdict, pins};
use crate::secrets::SecretName;
use crate::sensitive::Sensitive;

/// How old fetched keys must be before a lease with an unknown `kid`
/// fetches them again.
const REFETCH_AFTER: std::time::Duration = std::time::Duration::from_secs(24 * 60 * 60);

/// Where leases are kept, and the keys the service was given to pin.
#[derive(Debug)]
pub(super) struct Leases {
    pub(super) store: LeaseStore,
    /// A JWK Set from the app's config (a set built into the binary wins).
    pub(super) configured: Option<JwkSet>,
}

/// Whether `error` means the server could not be reached (or answered
/// nothing usable): then the kept lease speaks for the license.
fn unreachable(error: &LicenseError) -> bool {
    matches!(error, LicenseError::Network(NetworkFailure::Tls))
        || error.retry_class() == RetryClass::Backoff
}

impl LicenseService {
    /// Pins the vendor's lease keys from the app's config (`lease_keys`) or
    /// the CLI; a set built into the binary wins over them.
    pub fn with_lease_keys(mut self, keys: JwkSet) -> Self {
        self.leases.configured = Some(keys);
        self
    }

    /// The kept lease as the local check finds it, with the keys at hand
    /// (none is fetched); `None` where the server issues no leases or no
    /// keys are known yet.
    pub(super) async fn check_kept_lease(&self) -> Option<lease::LeaseCheck> {
        if !self.client.capabilities().offline {
            return None;
        }
        let keys = self.keys_at_hand().ok()??;
        let kept = self.keychain_anchor().await;
        let dir = self.leases.store.dir();
        lease::check_here(dir, &self.machine, &keys, self.clock.now(), &kept).ok()
    }

    /// The keys at hand, none fetched: built in (nothing replaces them, and
    /// a broken built-in set is an error), else configured, else kept from
    /// an earlier fetch.
    fn keys_at_hand(&self) -> Result<Option<JwkSet>, LicenseError> {
        Ok(self
            .pinned_keys()?
            .or_else(|| self.leases.store.fetched_keys()))
    }

    /// The keys the vendor pinned: built in, else configured. Never the set
    /// kept from a fetch, which sits in the user's data directory.
    pub(super) fn pinned_keys(&self) -> Result<Option<JwkSet>, LicenseError> {
        Ok(pins::built_in()?.or_else(|| self.leases.configured.clone()))
    }

    /// The keychain's copy of the anchor of trusted time, if it can be read.
    pub(super) async fn keychain_anchor(&self) -> Vec<Anchor> {
        let stored = self.keychain(|s| s.get(SecretName::LeaseAnchor)).await;
        stored
            .ok()
            .flatten()
            .and_then(|json| serde_json::from_str(json.expose()).ok())
            .into_iter()
            .collect()
    }

    /// Whether the kept lease lets the license run now (valid, or in grace).
    pub(super) async fn lease_holds(&self) -> bool {
        self.check_kept_lease()
            .await
            .is_some_and(|found| found.stage.works())
    }

    /// The keys a lease must verify against: built in, else configured,
    /// else kept from an earlier fetch, else fetched now and kept (where
    /// nothing is pinned: development). `None`: no leases (another
    /// vendor's server, or a License API server without leases).
    async fn lease_keys(&self, deadline: Deadline) -> Result<Option<JwkSet>, LicenseError> {
        if !self.client.capabilities().offline {
            return Ok(None);
        }
        if let Some(keys) = self.keys_at_hand()? {
            return Ok(Some(keys));
        }
        let fetched = self.client.lease_keys(deadline).await?;
        if let Some(keys) = &fetched {
            self.leases.store.keep_fetched_keys(keys)?;
            tracing::info!("no lease keys pinned: the server's are kept (development only)");
        }
        Ok(fetched)
    }

    /// Where nothing is pinned and the kept keys lack the `kid` `lease`
    /// names, fetches the server's keys again, at most once a day (the
    /// server may have rotated its key), and keeps them.
    async fn refetch_keys(
        &self,
        lease: &str,
        keys: &JwkSet,
        deadline: Deadline,
    ) -> Result<Option<JwkSet>, LicenseError> {
        let pinned = pins::built_in()?.is_some() || self.leases.configured.is_some();
        let unknown_kid = lease::check::key_id(lease).is_some_and(|kid| keys.find(&kid).is_none());
        let stale = self
            .leases
            .store
            .fetched_keys_age(std::time::SystemTime::now())
            .is_some_and(|age| age >= REFETCH_AFTER);
        if pinned || !unknown_kid || !stale {
            return Ok(None);
        }
        let fetched = self.client.lease_keys(deadline).await?;
        if let Some(keys) = &fetched {
            self.leases.store.keep_fetched_keys(keys)?;
            tracing::info!("the server's lease keys fetched again for a key id not kept");
        }
        Ok(fetched)
    }

    /// Checks the `lease` an answer brought for `key`'s seat
    /// `activation_id`, keeps it and anchors trusted time at its `iat`, and
    /// returns the license as the lease says. Once keys are pinned or kept,
    /// an answer without a lease that verifies for this machine and key is
    /// tampered with, and nothing is kept. Without keys (no leases), the
    /// answer's license as it is.
    pub(super) async fn take_lease(
        &self,
        key: &LicenseKey,
        activation_id: &str,
        license: LicenseSummary,
        lease: Option<&str>,
        deadline: Deadline,
    ) -> Result<(LicenseSummary, Option<LeaseView>), LicenseError> {
        let Some(keys) = self.lease_keys(deadline).await? else {
            return Ok((license, None));
        };
        let tampered = || LicenseError::Tampered {
            http_status: Some(200),
            request_id: None,
        };
        let lease = lease.ok_or_else(tampered)?;
        let claims = match verify_lease(lease, &keys) {
            Err(LeaseRejection::Tampered) => match self.refetch_keys(lease, &keys, deadline).await?
            {
                Some(fresh) => verify_lease(lease, &fresh).map_err(|_| tampered())?,
                None => return Err(tampered()),
            },
            verified => verified.map_err(|_| tampered())?,
        };
        let ours = claims.sub == activation_id
            && claims.fpr == self.machine.fingerprint
            && claims.key_hash == key_hash(activation_id, key.expose());
        if !ours {
            return Err(tampered());
        }
        // The server answers the same lease until its `rnw`: kept already,
        // and its anchor too (anchoring again at that `iat` would turn
        // trusted time back).
        let kept_already = self
            .leases
            .store
            .lease()
            .ok()
            .flatten()
            .as_deref()
            .map(str::trim)
            == Some(lease);
        if !kept_already {
            self.keep_lease(lease, claims.iat).await;
        }
        let view = LeaseView::new(
            Verdict::Valid,
            claims.iat,
            claims.rnw,
            claims.exp,
            claims.exp.saturating_add(claims.grace.max(0)),
        );
        Ok((claims.license, Some(view)))
    }

    /// Keeps `lease` and anchors trusted time at `trusted` (its `iat`, for
    /// a lease a server just answered), beside the lease and in the keychain. A failure is logged: the license was
    /// confirmed all the same, it just won't hold offline.
    pub(super) async fn keep_lease(&self, lease: &str, trusted: i64) {
        let anchor = lease::read_this_machine(self.clock.now()).anchor_at(trusted);
        let kept = self
            .leases
            .store
            .keep(lease)
            .and_then(|()| self.leases.store.keep_anchor(&anchor));
        if let Err(error) = kept {
            tracing::warn!(%error, "could not keep the lease");
        }
        let copy = Sensitive::new(serde_json::to_string(&anchor).unwrap_or_default());
        if let Err(error) = self
            .keychain(move |s| s.set(SecretName::LeaseAnchor, &copy))
            .await
        {
            tracing::warn!(%error, "could not keep the anchor in the keychain");
        }
    }

    /// Forgets the kept lease: the server said the stored key is unknown,
    /// suspended or revoked (an error about any other key deletes nothing).
    pub(super) fn drop_lease(&self) {
        if let Err(error) = self.leases.store.delete() {
            tracing::warn!(%error, "could not delete the lease");
        }
    }

    /// The license from the kept lease, when `error` says the server could
    /// not be reached: the lease's stage decides. Any other error, or no
    /// lease kept, is `error` itself.
    pub(super) async fn offline_view(
        &self,
        key: &LicenseKey,
        error: LicenseError,
        deadline: Deadline,
    ) -> Result<LicenseView, LicenseError> {
        if !unreachable(&error) {
            return Err(error);
        }
        let Ok(Some(keys)) = self.lease_keys(deadline).await else {
            return Err(error);
        };
        let kept = self.keychain_anchor().await;
        let dir = self.leases.store.dir().to_owned();
        let found = lease::check_here(&dir, &self.machine, &keys, self.clock.now(), &kept)?;
        if found.stage == Verdict::NoLease {
            return Err(error);
        }
        if let Some(failure) = found.error() {
            return Err(failure);
        }
        self.lease_view(key, &found).ok_or(error)
    }

    /// The license as a lease that holds says it (`found`), this machine's
    /// seat from it and the state, marked offline.
    pub(super) fn lease_view(
        &self,
        key: &LicenseKey,
        found: &lease::LeaseCheck,
    ) -> Option<LicenseView> {
        let (Some(license), Some(lease), Some(activation_id), Some(issued_at)) = (
            found.license.clone(),
            LeaseView::of_check(found),
            found.activation_id.clone(),
            found.issued_at,
        ) else {
            return None;
        };
        let activated_at = self
            .state
            .load()
            .ok()
            .and_then(|s| s.activation)
            .map_or(issued_at, |a| a.activated_at);
        let at =
            |unix| OffsetDateTime::from_unix_timestamp(unix).unwrap_or(OffsetDateTime::UNIX_EPOCH);
        let device = Device {
            id: activation_id,
            fingerprint: self.machine.fingerprint.clone(),
            name: self.machine.name.clone(),
            platform: self.machine.platform.clone(),
            created_at: at(activated_at),
            last_seen_at: at(issued_at),
        };
        Some(LicenseView {
            offline: true,
            ..self.view(key, license, device, Some(lease))
        })
    }
}

impl LeaseView {
    /// The view of a lease at `stage`, from its claims' times.
    fn new(stage: Verdict, iat: i64, rnw: i64, exp: i64, grace_ends: i64) -> Self {
        Self {
            stage,
            confirmed_at: rfc3339_of_unix(iat),
            renew_after: rfc3339_of_unix(rnw),
            expires_at: rfc3339_of_unix(exp),
            grace_ends_at: rfc3339_of_unix(grace_ends),
        }
    }

    /// The view of a local check's lease, if it verified.
    fn of_check(found: &lease::LeaseCheck) -> Option<Self> {
        Some(Self::new(
            found.stage,
            found.issued_at?,
            found.renew_after?,
            found.expires_at?,
            found.grace_ends_at?,
        ))
    }
}
