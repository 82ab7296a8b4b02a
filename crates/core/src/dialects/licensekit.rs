//! Seed 003: LicenseKit. Errors come as `{"error":{"code","message",
//! "detail"},"meta":{"request_id"}}`; a scope error's `x-required-scopes`
//! header reaches the support details. Runtime validation results carry an
//! Ed25519 signature, checked against the public key store: the keys pinned
//! in the config, or else those of `GET /v1/system/public-keys`, fetched
//! once and cached. A result that fails the check is tampered with, never
//! an ordinary denial. Writes carry an `Idempotency-Key`, the same on every
//! retry of one logical action.
//!
//! Assumptions (the seed documents the envelope, not the runtime paths),
//! kept in `routes()` and the types below; bodies are snake_case, and
//! licenses and devices have the native protocol's fields:
//! - `POST /v1/runtime/activations` `{license_key, fingerprint, name,
//!   platform}` → `{"data":{"activation"}}`, then a validation;
//! - `POST /v1/runtime/validate` `{license_key, fingerprint}` →
//!   `{"data":{"license","activation"},"signature":{"key_id","value"}}`,
//!   `value` being base64 Ed25519 over the exact bytes of `data`;
//!   a 404 (`NOT_FOUND`) there means this machine holds no seat;
//! - `POST /v1/runtime/devices` `{license_key}` → `{"data":{"license","devices"}}`;
//! - `POST /v1/runtime/deactivations` `{license_key, activation_id}` →
//!   `{"data":{"license","freed"}}`;
//! - `GET /v1/system/public-keys` → `{"data":[{"key_id","public_key"}]}`
//!   (base64 of the 32-byte key); bearer token = the API key.

use std::collections::BTreeMap;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use keyslot_protocol::{
    ActivateResponse, DeactivateResponse, DevicesResponse, FieldError, Machine, StatusResponse,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use tokio::sync::OnceCell;

use super::transport::{Reply, Transport};
use super::{DialectConfig, Parts, coded, no_seat_if_not_found, routed};
use crate::catalog::Provider;
use crate::error::LicenseError;
use crate::sensitive::Sensitive;

fn routes(config: &DialectConfig) -> Result<[(&'static str, String); 5], LicenseError> {
    routed(
        [
            ("activate", "/v1/runtime/activations".to_owned()),
            ("validate", "/v1/runtime/validate".to_owned()),
            ("devices", "/v1/runtime/devices".to_owned()),
            ("deactivate", "/v1/runtime/deactivations".to_owned()),
            ("public_keys", "/v1/system/public-keys".to_owned()),
        ],
        config,
    )
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

/// The LicenseKit adapter.
#[derive(Debug)]
pub struct Licensekit {
    pub(super) transport: Transport,
    token: Sensitive<String>,
    routes: [(&'static str, String); 5],
    /// The public key store: pinned, or fetched once.
    keys: OnceCell<BTreeMap<String, VerifyingKey>>,
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
    /// An adapter with the bearer `token`.
    pub fn new(
        parts: Parts,
        token: Sensitive<String>,
        config: &DialectConfig,
    ) -> Result<Self, LicenseError> {
        let keys = OnceCell::new();
        if !config.public_keys.is_empty() {
            let pinned = config
                .public_keys
                .iter()
                .map(|(id, key)| Ok((id.clone(), decode_key(id, key)?)))
                .collect::<Result<_, LicenseError>>()?;
            let _ = keys.set(pinned);
        }
        Ok(Self {
            transport: Transport::new(parts)?,
            token,
            routes: routes(config)?,
            keys,
        })
    }

    fn path(&self, name: &str) -> &str {
        self.routes
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("/", |(_, path)| path.as_str())
    }

    /// Sends `request()` (rebuilt each attempt) until it answers 2xx, and
    /// returns that answer.
    async fn call(
        &self,
        name: &str,
        request: impl Fn() -> reqwest::RequestBuilder,
        deadline: Duration,
    ) -> Result<Reply, LicenseError> {
        let path = self.path(name);
        self.transport
            .run(path, deadline, |attempt| {
                let request = request().bearer_auth(self.token.expose());
                async move {
                    let reply = self.transport.send(request, attempt.timeout).await?;
                    if !(200..300).contains(&reply.status) {
                        return Err(failure(&reply));
                    }
                    Ok((reply.clone(), reply))
                }
            })
            .await
    }

    /// A write: one idempotency key for every attempt of this action.
    async fn write<T: DeserializeOwned>(
        &self,
        name: &str,
        body: &impl Serialize,
        deadline: Duration,
    ) -> Result<T, LicenseError> {
        let idempotency_key = format!("ks-{}", self.transport.parts().nonces.nonce());
        let path = self.path(name);
        let reply = self
            .call(
                name,
                || {
                    self.transport
                        .post_json(path, body)
                        .header("idempotency-key", &idempotency_key)
                },
                deadline,
            )
            .await?;
        Ok(reply.json::<Data<T>>()?.data)
    }

    /// The public key store, fetched on first use unless pinned.
    async fn keys(
        &self,
        deadline: Duration,
    ) -> Result<&BTreeMap<String, VerifyingKey>, LicenseError> {
        self.keys
            .get_or_try_init(|| async {
                let path = self.path("public_keys");
                let reply = self
                    .call(
                        "public_keys",
                        || self.transport.request(reqwest::Method::GET, path),
                        deadline,
                    )
                    .await?;
                let keys: Vec<PublicKey> = reply.json::<Data<_>>()?.data;
                keys.iter()
                    .map(|k| Ok((k.key_id.clone(), decode_key(&k.key_id, &k.public_key)?)))
                    .collect()
            })
            .await
    }

    /// A signed validation of `machine`'s seat.
    async fn validate(
        &self,
        key: &Sensitive<String>,
        machine: &Machine,
        deadline: Duration,
    ) -> Result<StatusResponse, LicenseError> {
        let started = std::time::Instant::now();
        let path = self.path("validate");
        let body = Validate {
            license_key: key.expose(),
            fingerprint: &machine.fingerprint,
        };
        let reply = self
            .call(
                "validate",
                || self.transport.post_json(path, &body),
                deadline,
            )
            .await?;
        let tampered = || LicenseError::Tampered {
            http_status: Some(reply.status),
            request_id: reply.request_id.clone(),
        };
        let signed: Signed<'_> = serde_json::from_slice(&reply.body).map_err(|_| tampered())?;
        let keys = self
            .keys(deadline.saturating_sub(started.elapsed()))
            .await?;
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
        serde_json::from_str(signed.data.get()).map_err(|_| reply.unreadable())
    }

    /// Activates `machine`, then validates its seat.
    pub async fn activate(
        &self,
        key: &Sensitive<String>,
        machine: &Machine,
        deadline: Duration,
    ) -> Result<ActivateResponse, LicenseError> {
        let started = std::time::Instant::now();
        let _: serde::de::IgnoredAny = self
            .write(
                "activate",
                &Activate {
                    license_key: key.expose(),
                    fingerprint: &machine.fingerprint,
                    name: &machine.name,
                    platform: &machine.platform,
                },
                deadline,
            )
            .await?;
        let status = self
            .validate(key, machine, deadline.saturating_sub(started.elapsed()))
            .await?;
        Ok(ActivateResponse {
            activation: status.activation,
            license: status.license,
        })
    }

    /// The signed validation of `machine`'s seat.
    pub async fn status(
        &self,
        key: &Sensitive<String>,
        machine: &Machine,
        deadline: Duration,
    ) -> Result<StatusResponse, LicenseError> {
        self.validate(key, machine, deadline)
            .await
            .map_err(no_seat_if_not_found)
    }

    /// The devices of `key`.
    pub async fn devices(
        &self,
        key: &Sensitive<String>,
        deadline: Duration,
    ) -> Result<DevicesResponse, LicenseError> {
        let path = self.path("devices");
        let body = Devices {
            license_key: key.expose(),
        };
        let reply = self
            .call(
                "devices",
                || self.transport.post_json(path, &body),
                deadline,
            )
            .await?;
        Ok(reply.json::<Data<DevicesResponse>>()?.data)
    }

    /// Frees the seat `activation_id`.
    pub async fn deactivate(
        &self,
        key: &Sensitive<String>,
        activation_id: &str,
        deadline: Duration,
    ) -> Result<DeactivateResponse, LicenseError> {
        self.write(
            "deactivate",
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
    let mut error = coded(
        Provider::Licensekit,
        &envelope.error.code,
        None,
        reply,
        message,
        details,
    );
    if let LicenseError::Api(f) = &mut error {
        f.request_id = request_id;
    }
    error
}
