//! Seed 003: LicenseKit. Errors come as `{"error":{"code","message",
//! "detail"},"meta":{"request_id"}}`; a scope error's `x-required-scopes`
//! header reaches the support details. Runtime validation results carry an
//! Ed25519 signature, checked against the public key store: the keys pinned
//! in the config, or else those of `GET /v1/system/public-keys`, fetched
//! once over HTTPS and kept (over plain HTTP, to this machine, keys must be
//! pinned). Fetched keys are only as good as the connection they came over:
//! whoever can answer as the server can sign; pinning is the protection.
//! A signed result must also be this validation's: its activation's
//! fingerprint this machine's, and, where it says, its license key the one
//! asked about and its issue time within [`FRESH_FOR_SECS`] of this
//! computer's clock (the answer's `Date` is not signed). Another machine's
//! or key's result is tampered with, never an ordinary denial; one issued at
//! another time is refused as clocks apart (a replay, or this computer's
//! clock is off: checking the clock is what a user can do).
//! Writes carry an `Idempotency-Key`, the same on every retry of one
//! logical action.
//!
//! Assumptions (the seed documents the envelope, not the runtime paths),
//! kept in [`Routes`] and the types below; bodies are snake_case, and
//! licenses and devices have the native protocol's fields:
//! - `POST /v1/runtime/activations` `{license_key, fingerprint, name,
//!   platform}` → `{"data":{"activation"}}`, then a validation;
//! - `POST /v1/runtime/validate` `{license_key, fingerprint}` →
//!   `{"data":{"license","activation"},"signature":{"key_id","value"}}`,
//!   `value` being base64 Ed25519 over the exact bytes of `data`;
//!   `data.activation.fingerprint` is the validated machine's, and `data`
//!   may carry `license.key` (the key validated) and `issued_at` (RFC 3339);
//!   a 404 (`NOT_FOUND`) there means this machine holds no seat;
//! - `POST /v1/runtime/devices` `{license_key}` → `{"data":{"license","devices"}}`;
//! - `POST /v1/runtime/deactivations` `{license_key, activation_id}` →
//!   `{"data":{"license","freed"}}`;
//! - `GET /v1/system/public-keys` → `{"data":[{"key_id","public_key"}]}`
//!   (base64 of the 32-byte key); bearer token = the API key.

use std::collections::BTreeMap;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use keyslot_protocol::{
    ActivateResponse, DeactivateResponse, DevicesResponse, FieldError, Machine, StatusResponse,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use time::OffsetDateTime;
use tokio::sync::OnceCell;

use super::{SigningKeys, no_seat_if_not_found};
use crate::catalog::Provider;
use crate::deadline::Deadline;
use crate::error::LicenseError;
use crate::key::LicenseKey;
use crate::sensitive::Sensitive;
use crate::transport::{Reply, Transport, Wiring};

/// LicenseKit's endpoints, by the names the config's `routes` use.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Routes {
    /// Takes a seat: `/v1/runtime/activations`.
    pub activate: String,
    /// The signed validation of a seat: `/v1/runtime/validate`.
    pub validate: String,
    /// The seats of a key: `/v1/runtime/devices`.
    pub devices: String,
    /// Frees a seat: `/v1/runtime/deactivations`.
    pub deactivate: String,
    /// The public key store (`GET`): `/v1/system/public-keys`.
    pub public_keys: String,
}

impl Default for Routes {
    fn default() -> Self {
        Self {
            activate: "/v1/runtime/activations".to_owned(),
            validate: "/v1/runtime/validate".to_owned(),
            devices: "/v1/runtime/devices".to_owned(),
            deactivate: "/v1/runtime/deactivations".to_owned(),
            public_keys: "/v1/system/public-keys".to_owned(),
        }
    }
}

#[derive(Serialize)]
struct Activate<'a> {
    license_key: &'a str,
    fingerprint: &'a str,
    name: &'a str,
    platform: &'a str,
}

#[derive(Serialize)]
struct Validate<'a> {
    license_key: &'a str,
    fingerprint: &'a str,
}

#[derive(Serialize)]
struct Devices<'a> {
    license_key: &'a str,
}

#[derive(Serialize)]
struct Deactivate<'a> {
    license_key: &'a str,
    activation_id: &'a str,
}

#[derive(Deserialize)]
struct Data<T> {
    data: T,
}

#[derive(Deserialize)]
struct Signed<'a> {
    #[serde(borrow)]
    data: &'a RawValue,
    signature: SignatureField,
}

#[derive(Deserialize)]
struct SignatureField {
    key_id: String,
    value: String,
}

/// What the signed `data` of a validation binds it to.
#[derive(Deserialize)]
struct Binding {
    activation: BoundSeat,
    license: BoundLicense,
    #[serde(default, with = "time::serde::rfc3339::option")]
    issued_at: Option<OffsetDateTime>,
}

#[derive(Deserialize)]
struct BoundSeat {
    fingerprint: String,
}

#[derive(Deserialize)]
struct BoundLicense {
    key: Option<String>,
}

/// How far a validation's `issued_at` may be from this computer's clock,
/// either way, in seconds.
pub const FRESH_FOR_SECS: i64 = 300;

/// Why a verified result is not this validation's.
#[derive(Debug)]
enum Mismatch {
    /// Another machine's or another key's: a replay from elsewhere.
    Elsewhere(&'static str),
    /// Issued this many seconds before now (negative: after): a replay
    /// from another time, or this computer's clock is off.
    Issued { ago_secs: i64 },
}

impl Binding {
    /// Why the result is not a fresh validation of `key` on `machine` at
    /// `now` (unix seconds), if it is not.
    fn mismatch(&self, key: &LicenseKey, machine: &Machine, now: i64) -> Option<Mismatch> {
        if self.activation.fingerprint != machine.fingerprint {
            return Some(Mismatch::Elsewhere("another machine's"));
        }
        if self
            .license
            .key
            .as_deref()
            .is_some_and(|k| k != key.expose())
        {
            return Some(Mismatch::Elsewhere("another key's"));
        }
        let ago_secs = now - self.issued_at?.unix_timestamp();
        (ago_secs.abs() > FRESH_FOR_SECS).then_some(Mismatch::Issued { ago_secs })
    }
}

#[derive(Deserialize)]
struct PublicKey {
    key_id: String,
    public_key: String,
}

#[derive(Deserialize)]
struct Envelope {
    error: ErrorBody,
    meta: Option<Meta>,
}

#[derive(Deserialize)]
struct ErrorBody {
    code: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    detail: Option<String>,
}

#[derive(Deserialize)]
struct Meta {
    request_id: Option<String>,
}

/// The public key store, by key id.
#[derive(Debug)]
enum KeyStore {
    /// Pinned in the config: only these are trusted.
    Pinned(BTreeMap<String, VerifyingKey>),
    /// Fetched from the server (over HTTPS) on first use, then kept.
    Fetched(OnceCell<BTreeMap<String, VerifyingKey>>),
}

/// The LicenseKit adapter.
#[derive(Debug)]
pub struct Licensekit {
    pub(super) transport: Transport,
    token: Sensitive<String>,
    routes: Routes,
    keys: KeyStore,
}

fn decode_key(key_id: &str, base64: &str) -> Result<VerifyingKey, LicenseError> {
    let bytes: [u8; 32] = BASE64
        .decode(base64.trim())
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| {
            LicenseError::Config(format!("public key {key_id}: not 32 bytes of base64"))
        })?;
    VerifyingKey::from_bytes(&bytes)
        .map_err(|_| LicenseError::Config(format!("public key {key_id}: not an Ed25519 key")))
}

impl Licensekit {
    /// An adapter with the bearer `token`, trusting only the `pinned` keys
    /// (key id → base64) when any are given, else the server's own, which
    /// it fetches only over HTTPS.
    pub fn new(
        wiring: &Wiring,
        token: Sensitive<String>,
        routes: Routes,
        pinned: &BTreeMap<String, String>,
    ) -> Result<Self, LicenseError> {
        let transport = Transport::new(wiring, Provider::Licensekit)?;
        let keys = if !pinned.is_empty() {
            KeyStore::Pinned(
                pinned
                    .iter()
                    .map(|(id, key)| Ok((id.clone(), decode_key(id, key)?)))
                    .collect::<Result<_, LicenseError>>()?,
            )
        } else if transport.is_https() {
            KeyStore::Fetched(OnceCell::new())
        } else {
            return Err(LicenseError::Config(
                "LicenseKit over plain HTTP: pin its signing keys (public_keys: key id → base64); they are fetched from the server only over HTTPS".to_owned(),
            ));
        };
        Ok(Self {
            transport,
            token,
            routes,
            keys,
        })
    }

    /// Where the keys results are verified with come from.
    pub fn signing_keys(&self) -> SigningKeys {
        match &self.keys {
            KeyStore::Pinned(keys) => SigningKeys::Pinned {
                count: u32::try_from(keys.len()).unwrap_or(u32::MAX),
            },
            KeyStore::Fetched(_) => SigningKeys::Fetched,
        }
    }

    /// Sends `request()` (rebuilt each attempt, with the bearer token) to
    /// `path` until a 2xx answer, read by `read`.
    async fn call<T>(
        &self,
        path: &str,
        request: impl Fn() -> reqwest::RequestBuilder,
        read: impl Fn(&Reply) -> Result<T, LicenseError>,
        deadline: Deadline,
    ) -> Result<T, LicenseError> {
        self.transport
            .run(path, deadline, |attempt| {
                let request = request().bearer_auth(self.token.expose());
                let read = &read;
                async move {
                    self.transport
                        .exchange(request, attempt.timeout, |reply| {
                            if reply.is_success() {
                                read(reply)
                            } else {
                                Err(failure(reply))
                            }
                        })
                        .await
                }
            })
            .await
    }

    /// A `POST` of `body` to `path`, its answer's `data` read as `T`.
    async fn post<T: DeserializeOwned>(
        &self,
        path: &str,
        body: &impl Serialize,
        headers: &[(&str, &str)],
        deadline: Deadline,
    ) -> Result<T, LicenseError> {
        let request = || {
            headers.iter().fold(
                self.transport.post_json(path, body),
                |request, (name, value)| request.header(*name, *value),
            )
        };
        let read = |reply: &Reply| Ok(reply.json::<Data<T>>()?.data);
        self.call(path, request, read, deadline).await
    }

    /// A write: one idempotency key for every attempt of this action.
    async fn write<T: DeserializeOwned>(
        &self,
        path: &str,
        body: &impl Serialize,
        deadline: Deadline,
    ) -> Result<T, LicenseError> {
        let idempotency_key = format!("ks-{}", self.transport.nonce());
        self.post(
            path,
            body,
            &[("idempotency-key", &idempotency_key)],
            deadline,
        )
        .await
    }

    /// The public key store, fetched on first use unless pinned.
    async fn keys(
        &self,
        deadline: Deadline,
    ) -> Result<&BTreeMap<String, VerifyingKey>, LicenseError> {
        let fetched = match &self.keys {
            KeyStore::Pinned(keys) => return Ok(keys),
            KeyStore::Fetched(fetched) => fetched,
        };
        fetched
            .get_or_try_init(|| async {
                let path = self.routes.public_keys.as_str();
                let keys: Vec<PublicKey> = self
                    .call(
                        path,
                        || self.transport.request(reqwest::Method::GET, path),
                        |reply| Ok(reply.json::<Data<_>>()?.data),
                        deadline,
                    )
                    .await?;
                keys.iter()
                    .map(|k| Ok((k.key_id.clone(), decode_key(&k.key_id, &k.public_key)?)))
                    .collect()
            })
            .await
    }

    /// A signed validation of `machine`'s seat.
    async fn validate(
        &self,
        key: &LicenseKey,
        machine: &Machine,
        deadline: Deadline,
    ) -> Result<StatusResponse, LicenseError> {
        let path = self.routes.validate.as_str();
        let body = Validate {
            license_key: key.expose(),
            fingerprint: &machine.fingerprint,
        };
        let (body, status, request_id) = self
            .call(
                path,
                || self.transport.post_json(path, &body),
                |reply| Ok((reply.body.clone(), reply.status, reply.request_id.clone())),
                deadline,
            )
            .await?;
        let tampered = || LicenseError::Tampered {
            http_status: Some(status),
            request_id: request_id.clone(),
        };
        let signed: Signed<'_> = serde_json::from_slice(&body).map_err(|_| tampered())?;
        let keys = self.keys(deadline).await?;
        let verified = keys.get(&signed.signature.key_id).is_some_and(|public| {
            BASE64
                .decode(&signed.signature.value)
                .ok()
                .and_then(|s| Signature::from_slice(&s).ok())
                .is_some_and(|s| public.verify(signed.data.get().as_bytes(), &s).is_ok())
        });
        if !verified {
            return Err(tampered());
        }
        let unreadable = || LicenseError::BadResponse {
            http_status: status,
            request_id: request_id.clone(),
        };
        let data = signed.data.get();
        let binding: Binding = serde_json::from_str(data).map_err(|_| unreadable())?;
        match binding.mismatch(key, machine, self.transport.now()) {
            None => {}
            Some(Mismatch::Elsewhere(whose)) => {
                tracing::warn!(whose, "a signed LicenseKit result of another validation");
                return Err(tampered());
            }
            // Refused either way; what the user can do is check the clock.
            Some(Mismatch::Issued { ago_secs }) => {
                tracing::warn!(ago_secs, "a signed LicenseKit result not issued now");
                return Err(LicenseError::ClocksApart {
                    ahead_secs: ago_secs,
                });
            }
        }
        serde_json::from_str(data).map_err(|_| unreadable())
    }

    /// Activates `machine`, then validates its seat.
    pub async fn activate(
        &self,
        key: &LicenseKey,
        machine: &Machine,
        deadline: Deadline,
    ) -> Result<ActivateResponse, LicenseError> {
        let _: serde::de::IgnoredAny = self
            .write(
                &self.routes.activate,
                &Activate {
                    license_key: key.expose(),
                    fingerprint: &machine.fingerprint,
                    name: &machine.name,
                    platform: &machine.platform,
                },
                deadline,
            )
            .await?;
        let status = self.validate(key, machine, deadline).await?;
        Ok(ActivateResponse {
            activation: status.activation,
            license: status.license,
            lease: None,
        })
    }

    /// The signed validation of `machine`'s seat.
    pub async fn status(
        &self,
        key: &LicenseKey,
        machine: &Machine,
        deadline: Deadline,
    ) -> Result<StatusResponse, LicenseError> {
        self.validate(key, machine, deadline)
            .await
            .map_err(no_seat_if_not_found)
    }

    /// The devices of `key`.
    pub async fn devices(
        &self,
        key: &LicenseKey,
        deadline: Deadline,
    ) -> Result<DevicesResponse, LicenseError> {
        let body = Devices {
            license_key: key.expose(),
        };
        self.post(&self.routes.devices, &body, &[], deadline).await
    }

    /// Frees the seat `activation_id`.
    pub async fn deactivate(
        &self,
        key: &LicenseKey,
        activation_id: &str,
        deadline: Deadline,
    ) -> Result<DeactivateResponse, LicenseError> {
        self.write(
            &self.routes.deactivate,
            &Deactivate {
                license_key: key.expose(),
                activation_id,
            },
            deadline,
        )
        .await
    }
}

/// A failure in LicenseKit's envelope; anything else is unreadable.
fn failure(reply: &Reply) -> LicenseError {
    let Ok(envelope) = serde_json::from_slice::<Envelope>(&reply.body) else {
        return reply.unreadable();
    };
    let mut details = Vec::new();
    if let Some(scopes) = reply.header("x-required-scopes") {
        details.push(FieldError {
            field: "required_scopes".to_owned(),
            message: scopes.to_owned(),
        });
    }
    let request_id = reply
        .request_id
        .clone()
        .or_else(|| envelope.meta.and_then(|m| m.request_id));
    let message = match envelope.error.detail {
        Some(detail) => format!("{}: {detail}", envelope.error.message),
        None => envelope.error.message,
    };
    let mut error = reply.api_failure(
        Provider::Licensekit,
        &envelope.error.code,
        None,
        message,
        details,
    );
    if let LicenseError::Api(f) = &mut error {
        f.request_id = request_id;
    }
    error
}

#[cfg(test)]
mod fuzz;
