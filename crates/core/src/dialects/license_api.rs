//! Seed 000: Keyslot's own protocol, the License API (docs/protocol.md).
//! Every attempt is signed with the shared secret, a fresh nonce and the
//! timestamp the loop gives (corrected by the server's clock after a 1701);
//! every answer's `x-license-signature` is verified over the request's nonce,
//! the status and the body. An answer that fails the check is tampering,
//! never a denial; only a server without a secret answers unsigned, and only
//! with 500 1707, which is believed to mean "misconfigured" and no more: its
//! message, details and body `request_id` are dropped unread.

use keyslot_protocol::lease::JwkSet;
use keyslot_protocol::offline::OfflineRequest;
use keyslot_protocol::{
    ActivateRequest, ActivateResponse, DeactivateRequest, DeactivateResponse, DevicesRequest,
    DevicesResponse, ErrorCode, ErrorEnvelope, Machine, StatusRequest, StatusResponse, headers,
    paths, sign_request, verify_response,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::catalog::Provider;
use crate::deadline::Deadline;
use crate::error::LicenseError;
use crate::key::LicenseKey;
use crate::sensitive::Sensitive;
use crate::transport::{Reply, Transport, Wiring};

/// The License API adapter.
#[derive(Debug)]
pub struct LicenseApi {
    pub(super) transport: Transport,
    secret: Sensitive<String>,
}

impl LicenseApi {
    /// An adapter signing with the shared `secret`.
    pub fn new(wiring: &Wiring, secret: Sensitive<String>) -> Result<Self, LicenseError> {
        Ok(Self {
            transport: Transport::new(wiring, Provider::LicenseApi)?,
            secret,
        })
    }

    /// `request` as an offline request code, tagged with the shared secret.
    pub fn offline_code(&self, request: &OfflineRequest) -> String {
        request.encode(self.secret.expose().as_bytes())
    }

    /// Signs and sends `body` to `path` until an answer verifies or the loop stops.
    async fn call<Resp: DeserializeOwned>(
        &self,
        path: &'static str,
        body: &impl Serialize,
        deadline: Deadline,
    ) -> Result<Resp, LicenseError> {
        let body = serde_json::to_vec(body)
            .map_err(|e| LicenseError::Config(format!("request body: {e}")))?;
        let secret = self.secret.expose().as_bytes();
        self.transport
            .run(path, deadline, |attempt| {
                let nonce = self.transport.nonce();
                let timestamp = attempt.timestamp;
                let signature = sign_request("POST", path, timestamp, &nonce, &body, secret);
                let request = self
                    .transport
                    .post(path, body.clone())
                    .header(headers::TIMESTAMP, timestamp.to_string())
                    .header(headers::NONCE, &nonce)
                    .header(headers::SIGNATURE, signature);
                async move {
                    self.transport
                        .exchange(request, attempt.timeout, |reply| {
                            read(reply, &nonce, secret)
                        })
                        .await
                }
            })
            .await
    }

    /// The server's lease keys: `GET /api/v1/license/keys`, public and
    /// unsigned; trusted only where nothing is pinned (development), over
    /// HTTPS or to this machine (the only servers the transport reaches).
    /// `None` from a server without leases (404).
    pub async fn lease_keys(&self, deadline: Deadline) -> Result<Option<JwkSet>, LicenseError> {
        let path = paths::KEYS;
        self.transport
            .run(path, deadline, |attempt| {
                let request = self.transport.request(reqwest::Method::GET, path);
                async move {
                    self.transport
                        .exchange(request, attempt.timeout, |reply| match reply.status {
                            200 => reply.json().map(Some),
                            404 => Ok(None),
                            _ => Err(reply.unreadable()),
                        })
                        .await
                }
            })
            .await
    }

    /// `/activate`: takes a seat for `machine`.
    pub async fn activate(
        &self,
        key: &LicenseKey,
        machine: &Machine,
        deadline: Deadline,
    ) -> Result<ActivateResponse, LicenseError> {
        let request = ActivateRequest {
            license_key: key.expose().to_owned(),
            machine: machine.clone(),
        };
        self.call(paths::ACTIVATE, &request, deadline).await
    }

    /// `/status`: the license and `machine`'s seat.
    pub async fn status(
        &self,
        key: &LicenseKey,
        machine: &Machine,
        deadline: Deadline,
    ) -> Result<StatusResponse, LicenseError> {
        let request = StatusRequest {
            license_key: key.expose().to_owned(),
            fingerprint: machine.fingerprint.clone(),
        };
        self.call(paths::STATUS, &request, deadline).await
    }

    /// `/devices`: the seats of `key`.
    pub async fn devices(
        &self,
        key: &LicenseKey,
        deadline: Deadline,
    ) -> Result<DevicesResponse, LicenseError> {
        let request = DevicesRequest {
            license_key: key.expose().to_owned(),
        };
        self.call(paths::DEVICES, &request, deadline).await
    }

    /// `/deactivate`: frees the seat `activation_id`.
    pub async fn deactivate(
        &self,
        key: &LicenseKey,
        activation_id: &str,
        deadline: Deadline,
    ) -> Result<DeactivateResponse, LicenseError> {
        let request = DeactivateRequest {
            license_key: key.expose().to_owned(),
            activation_id: activation_id.to_owned(),
        };
        self.call(paths::DEACTIVATE, &request, deadline).await
    }
}

/// Reads an answer to the request signed with `nonce`: its signature first,
/// then a 200's body or an error's envelope.
fn read<Resp: DeserializeOwned>(
    reply: &mut Reply,
    nonce: &str,
    secret: &[u8],
) -> Result<Resp, LicenseError> {
    let envelope = if reply.status == 200 {
        None
    } else {
        serde_json::from_slice::<ErrorEnvelope>(&reply.body).ok()
    };
    let unsigned_1707 = reply.status == 500
        && envelope
            .as_ref()
            .is_some_and(|e| e.error.code == ErrorCode::SecretNotSet);
    let verified = match reply.header(headers::SIGNATURE) {
        Some(signature) => {
            if verify_response(nonce, reply.status, &reply.body, signature, secret).is_err() {
                return Err(reply.tampered());
            }
            reply.mark_verified();
            true
        }
        None if unsigned_1707 => {
            // Its request id header is as unproven as its body.
            reply.request_id = None;
            false
        }
        // Our server signs everything it can; an unsigned protocol answer is
        // forged. An unsigned non-protocol answer (a proxy's 502 page) is not ours.
        None if reply.status == 200 || envelope.is_some() => return Err(reply.tampered()),
        None => return Err(reply.unreadable()),
    };
    if reply.status == 200 {
        return reply.json();
    }
    let Some(envelope) = envelope else {
        return Err(reply.unreadable());
    };
    let code = envelope.error.code;
    // An unsigned 1707 is trusted to say "misconfigured" and nothing more:
    // its message, details and request id could be anyone's words.
    let (message, details, body_request_id) = if verified {
        let e = envelope.error;
        (
            e.message,
            e.details.unwrap_or_default(),
            Some(envelope.request_id),
        )
    } else {
        (String::new(), Vec::new(), None)
    };
    let mut error = reply.api_failure(
        Provider::LicenseApi,
        &code.number().to_string(),
        None,
        message,
        details,
    );
    if let LicenseError::Api(failure) = &mut error {
        failure.request_id = failure.request_id.take().or(body_request_id);
        if code == ErrorCode::StaleTimestamp {
            failure.clock_offset_secs = reply.server_offset().map(|offset| -offset);
        }
    }
    Err(error)
}

#[cfg(test)]
mod fuzz;
