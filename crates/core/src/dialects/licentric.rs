//! Seed 004: Licentric. Errors come as `{"error","code","details":
//! {"issues":[{path,message,code}]},"requestId"}`: each Zod issue becomes a
//! per-field detail; a `code` the catalog does not know is read by its HTTP
//! status (so every 422 business rule, such as a machine limit, leads to the
//! device-limit flow). `Retry-After` is the floor of the wait after a 429.
//!
//! Assumptions (the seed documents the envelope and statuses, not the
//! paths), kept in [`Routes`] and the types below; bodies are camelCase,
//! the bearer token is the API key:
//! - `POST /v1/licenses/activate` `{licenseKey, fingerprint, name, platform}`
//!   and `POST /v1/licenses/validate` `{licenseKey, fingerprint}` →
//!   `{"license","machine"}`, a 404 from validate meaning this machine
//!   holds no seat;
//! - `POST /v1/licenses/machines` `{licenseKey}` → `{"license","machines"}`;
//! - `POST /v1/licenses/deactivate` `{licenseKey, machineId}` → `{"license","machine"}`;
//! - a license `{"status","maxMachines","machinesCount","expiresAt"}`, a
//!   machine `{"id","fingerprint","name","platform","createdAt","lastSeenAt"}`.

use keyslot_protocol::{
    ActivateResponse, DeactivateResponse, Device, DevicesResponse, FieldError, LicenseSummary,
    Machine, StatusResponse,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{no_seat_if_not_found, state_of};
use crate::catalog::{self, Provider};
use crate::deadline::Deadline;
use crate::error::LicenseError;
use crate::key::LicenseKey;
use crate::sensitive::Sensitive;
use crate::transport::{Reply, Transport, Wiring};

/// Licentric's endpoints, by the names the config's `routes` use.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Routes {
    /// Takes a seat: `/v1/licenses/activate`.
    pub activate: String,
    /// Validates a seat: `/v1/licenses/validate`.
    pub validate: String,
    /// The machines of a key: `/v1/licenses/machines`.
    pub machines: String,
    /// Frees a machine: `/v1/licenses/deactivate`.
    pub deactivate: String,
}

impl Default for Routes {
    fn default() -> Self {
        Self {
            activate: "/v1/licenses/activate".to_owned(),
            validate: "/v1/licenses/validate".to_owned(),
            machines: "/v1/licenses/machines".to_owned(),
            deactivate: "/v1/licenses/deactivate".to_owned(),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Request<'a> {
    license_key: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    fingerprint: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    platform: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    machine_id: Option<&'a str>,
}

impl<'a> Request<'a> {
    fn key(key: &'a LicenseKey) -> Self {
        Self {
            license_key: key.expose(),
            fingerprint: None,
            name: None,
            platform: None,
            machine_id: None,
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct License {
    status: Option<String>,
    max_machines: u32,
    machines_count: u32,
    #[serde(default, with = "time::serde::rfc3339::option")]
    expires_at: Option<OffsetDateTime>,
}

impl From<License> for LicenseSummary {
    fn from(l: License) -> Self {
        Self {
            state: state_of(l.status.as_deref()),
            max_activations: l.max_machines,
            used_activations: l.machines_count,
            expires_at: l.expires_at,
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MachineBody {
    id: String,
    fingerprint: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    platform: String,
    #[serde(with = "time::serde::rfc3339")]
    created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    last_seen_at: OffsetDateTime,
}

impl From<MachineBody> for Device {
    fn from(m: MachineBody) -> Self {
        Self {
            id: m.id,
            fingerprint: m.fingerprint,
            name: m.name,
            platform: m.platform,
            created_at: m.created_at,
            last_seen_at: m.last_seen_at,
        }
    }
}

#[derive(Deserialize)]
struct Seat {
    license: License,
    machine: MachineBody,
}

#[derive(Deserialize)]
struct Machines {
    license: License,
    machines: Vec<MachineBody>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Envelope {
    #[serde(default)]
    error: String,
    code: Option<String>,
    details: Option<Details>,
    request_id: Option<String>,
}

#[derive(Deserialize)]
struct Details {
    #[serde(default)]
    issues: Vec<Issue>,
}

#[derive(Deserialize)]
struct Issue {
    #[serde(default)]
    path: Vec<serde_json::Value>,
    message: String,
}

/// The Licentric adapter.
#[derive(Debug)]
pub struct Licentric {
    pub(super) transport: Transport,
    token: Sensitive<String>,
    routes: Routes,
}

impl Licentric {
    /// An adapter with the bearer `token`.
    pub fn new(
        wiring: &Wiring,
        token: Sensitive<String>,
        routes: Routes,
    ) -> Result<Self, LicenseError> {
        Ok(Self {
            transport: Transport::new(wiring, Provider::Licentric)?,
            token,
            routes,
        })
    }

    /// `POST`s `body` to `path` with the bearer token.
    async fn call<T: DeserializeOwned>(
        &self,
        path: &str,
        body: &Request<'_>,
        deadline: Deadline,
    ) -> Result<T, LicenseError> {
        self.transport
            .run(path, deadline, |attempt| {
                let request = self
                    .transport
                    .post_json(path, body)
                    .bearer_auth(self.token.expose());
                async move {
                    self.transport
                        .exchange_json(request, attempt.timeout, failure)
                        .await
                }
            })
            .await
    }

    /// Activates `machine`.
    pub async fn activate(
        &self,
        key: &LicenseKey,
        machine: &Machine,
        deadline: Deadline,
    ) -> Result<ActivateResponse, LicenseError> {
        let body = Request {
            fingerprint: Some(&machine.fingerprint),
            name: Some(&machine.name),
            platform: Some(&machine.platform),
            ..Request::key(key)
        };
        let seat: Seat = self.call(&self.routes.activate, &body, deadline).await?;
        Ok(ActivateResponse {
            activation: seat.machine.into(),
            license: seat.license.into(),
            lease: None,
        })
    }

    /// Validates `machine`'s seat.
    pub async fn status(
        &self,
        key: &LicenseKey,
        machine: &Machine,
        deadline: Deadline,
    ) -> Result<StatusResponse, LicenseError> {
        let body = Request {
            fingerprint: Some(&machine.fingerprint),
            ..Request::key(key)
        };
        let seat: Seat = self
            .call(&self.routes.validate, &body, deadline)
            .await
            .map_err(no_seat_if_not_found)?;
        Ok(StatusResponse {
            activation: seat.machine.into(),
            license: seat.license.into(),
            lease: None,
        })
    }

    /// The machines of `key`.
    pub async fn devices(
        &self,
        key: &LicenseKey,
        deadline: Deadline,
    ) -> Result<DevicesResponse, LicenseError> {
        let machines: Machines = self
            .call(&self.routes.machines, &Request::key(key), deadline)
            .await?;
        Ok(DevicesResponse {
            license: machines.license.into(),
            devices: machines.machines.into_iter().map(Into::into).collect(),
        })
    }

    /// Frees the machine `activation_id`.
    pub async fn deactivate(
        &self,
        key: &LicenseKey,
        activation_id: &str,
        deadline: Deadline,
    ) -> Result<DeactivateResponse, LicenseError> {
        let body = Request {
            machine_id: Some(activation_id),
            ..Request::key(key)
        };
        let seat: Seat = self.call(&self.routes.deactivate, &body, deadline).await?;
        Ok(DeactivateResponse {
            freed: seat.machine.into(),
            license: seat.license.into(),
        })
    }
}

/// A failure in Licentric's envelope: its code if the catalog knows it,
/// else its HTTP status; anything else is unreadable.
fn failure(reply: &Reply) -> LicenseError {
    let Ok(envelope) = serde_json::from_slice::<Envelope>(&reply.body) else {
        return reply.unreadable();
    };
    let details = envelope
        .details
        .map(|d| d.issues)
        .unwrap_or_default()
        .into_iter()
        .map(|issue| FieldError {
            field: issue
                .path
                .iter()
                .map(|p| match p {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join("."),
            message: issue.message,
        })
        .collect();
    let status = reply.status.to_string();
    let (code, context) = match envelope.code {
        Some(code) if catalog::knows(Provider::Licentric, &code) => (code, None),
        _ => (status, Some("http_status")),
    };
    let mut error = reply.api_failure(Provider::Licentric, &code, context, envelope.error, details);
    if let (LicenseError::Api(f), None) = (&mut error, &reply.request_id) {
        f.request_id = envelope.request_id;
    }
    error
}

#[cfg(test)]
mod fuzz;
