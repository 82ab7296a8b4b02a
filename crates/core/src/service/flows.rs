//! What a user does with a license: activate it, check it, list its devices,
//! free a seat, forget it here.

use keyslot_protocol::{Device, LicenseSummary};

use super::LicenseService;
use super::views::{DevicesView, FreedView, LeaseView, LicenseView, device_view, rfc3339};
use std::time::Duration;

use crate::catalog::Kind;
use crate::deadline::Deadline;
use crate::error::LicenseError;
use crate::key::LicenseKey;
use crate::secrets::SecretName;
use crate::state::{ActivationRecord, LocalState};

/// How long `status` tries the server while the kept lease holds.
const LEASE_HOLDS_WAIT: Duration = Duration::from_secs(2);

/// Whether `error` is a server's answer of one of `kinds`.
pub(super) fn is_kind(error: &LicenseError, kinds: &[Kind]) -> bool {
    matches!(error, LicenseError::Api(_) | LicenseError::NoSeat(_))
        && kinds.contains(&error.entry().kind)
}

impl LicenseService {
    pub(super) fn view(
        &self,
        key: &LicenseKey,
        license: LicenseSummary,
        device: Device,
        lease: Option<LeaseView>,
    ) -> LicenseView {
        let offset = self.client.clock_offset_secs();
        let activated_offline = self
            .state
            .load()
            .ok()
            .and_then(|s| s.activation)
            .is_some_and(|a| a.offline && a.activation_id == device.id);
        LicenseView {
            key_hint: key.masked(),
            state: license.state,
            seats_used: license.used_activations,
            seats_total: license.max_activations,
            expires_at: license.expires_at.map(rfc3339),
            this_device: device_view(device, &self.machine.fingerprint),
            clock_offset_secs: (offset != 0).then_some(offset),
            capabilities: self.client.capabilities(),
            lease,
            offline: false,
            activated_offline,
        }
    }

    /// Records the seat the server confirmed. The state is a cache of what
    /// the server says, so a failed write is logged, not fatal: the key is in
    /// the keychain and the next status writes it again. The fingerprint
    /// digests stay those of the first activation, so diagnostics can say
    /// what changed since. `offline`: confirmed by an imported license file,
    /// not by the server.
    pub(super) fn remember(
        &self,
        key: &LicenseKey,
        activation_id: &str,
        license: &LicenseSummary,
        offline: bool,
    ) {
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
            key_hash: Some(keyslot_protocol::lease::key_hash(
                activation_id,
                key.expose(),
            )),
            offline,
        });
        state
            .components
            .get_or_insert_with(|| self.machine.digests.clone());
        if let Err(error) = self.state.save(&state) {
            tracing::warn!(%error, "could not record the activation locally");
        }
    }

    /// Activates this machine with `key`. Only once the server has accepted
    /// it (and its lease verified, where it issues leases) is the key
    /// stored, replacing any earlier one.
    pub async fn activate(&self, key: &LicenseKey) -> Result<LicenseView, LicenseError> {
        let deadline = self.deadline();
        let answer = self
            .client
            .activate(key, &self.machine.as_machine(), deadline)
            .await?;
        let activation = answer.activation;
        let (license, lease) = self
            .take_lease(
                key,
                &activation.id,
                answer.license,
                answer.lease.as_deref(),
                deadline,
            )
            .await?;
        let stored = key.as_secret().clone();
        self.keychain(move |s| s.set(SecretName::LicenseKey, &stored))
            .await?;
        self.remember(key, &activation.id, &license, false);
        tracing::info!(key = %key.masked(), activation = %activation.id, "activated");
        Ok(self.view(key, license, activation, lease))
    }

    /// The license and this machine's seat, from the server, renewing the
    /// lease. A machine the server no longer knows (1709, or a vendor's
    /// [`LicenseError::NoSeat`]) is activated again, then asked once more.
    /// An unknown, suspended or revoked key deletes the lease; a server that
    /// can't be reached leaves the word to the lease (offline).
    pub async fn status(&self) -> Result<LicenseView, LicenseError> {
        // While the kept lease holds, the server gets a short try: the
        // lease answers at once when it is out of reach.
        let deadline = if self.lease_holds().await {
            Deadline::after(LEASE_HOLDS_WAIT)
        } else {
            self.deadline()
        };
        let key = self.required_key().await?;
        let answer = match self.ask_status(&key, deadline).await {
            Ok(answer) => answer,
            Err(e) if is_kind(&e, &[Kind::InvalidKey, Kind::Suspended, Kind::Revoked]) => {
                self.drop_lease();
                return Err(e);
            }
            Err(e) => return self.offline_view(&key, e, deadline).await,
        };
        let (license, lease) = self
            .take_lease(
                &key,
                &answer.activation.id,
                answer.license,
                answer.lease.as_deref(),
                deadline,
            )
            .await?;
        self.remember(&key, &answer.activation.id, &license, false);
        Ok(self.view(&key, license, answer.activation, lease))
    }

    /// `/status` for `key`, activating again once if this machine holds no seat.
    async fn ask_status(
        &self,
        key: &LicenseKey,
        deadline: Deadline,
    ) -> Result<keyslot_protocol::StatusResponse, LicenseError> {
        let machine = self.machine.as_machine();
        match self.client.status(key, &machine, deadline).await {
            Err(e) if is_kind(&e, &[Kind::MachineNotActivated]) => {
                tracing::info!("this machine holds no seat; activating again");
                let activated = self.client.activate(key, &machine, deadline).await?;
                self.remember(key, &activated.activation.id, &activated.license, false);
                self.client.status(key, &machine, deadline).await
            }
            other => other,
        }
    }

    /// Every device holding a seat of the stored license, this one marked.
    pub async fn devices(&self) -> Result<DevicesView, LicenseError> {
        let key = self.required_key().await?;
        self.devices_for(&key).await
    }

    /// The devices of `key`, which need not be the stored one: the
    /// free-a-slot flow lists the devices of a key that could not be activated.
    pub async fn devices_for(&self, key: &LicenseKey) -> Result<DevicesView, LicenseError> {
        let answer = self.client.devices(key, self.deadline()).await?;
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
        key: &LicenseKey,
        activation_id: &str,
    ) -> Result<FreedView, LicenseError> {
        let answer = self
            .client
            .deactivate(key, activation_id, self.deadline())
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
        let deadline = self.deadline();
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
            .status(&key, &self.machine.as_machine(), deadline)
            .await
        {
            Ok(answer) => match self
                .client
                .deactivate(&key, &answer.activation.id, deadline)
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

    pub(super) async fn wipe(&self) -> Result<(), LicenseError> {
        self.keychain(|s| {
            s.delete(SecretName::LicenseKey)?;
            s.delete(SecretName::PendingLicenseKey)?;
            // The anchor of trusted time stays: it is no one's license,
            // and a trusted time that went back would let an old lease hold.
            s.delete(SecretName::SessionToken)
        })
        .await?;
        self.leases.store.delete()?;
        self.state.save(&LocalState::default())
    }
}
