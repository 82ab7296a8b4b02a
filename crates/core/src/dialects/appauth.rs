//! Seed 001: appauth. `POST /auth/validate` (app id, app secret, license
//! key, HWID) opens a session; `POST /auth/heartbeat` keeps it. Both answer
//! HTTP 200, errors as `{"status":"failed","error":…}`; other statuses are
//! Developer-API errors `{"error","message"}`.
//!
//! Every `/auth/*` request carries a fresh nonce, which the answer echoes;
//! the answer is signed. An answer whose signature or nonce is wrong is
//! `signature_mismatch` / `nonce_mismatch` (tampering), never a denial.
//! `session_expired` re-authenticates once. The session token is kept in
//! the keychain, and replaced when a heartbeat answers a new one. appauth has no device list: HWID slots are reset by the
//! vendor's support.
//!
//! Assumptions (the seed names the endpoints, not their bodies), kept in
//! [`Routes`] and the types below:
//! - request bodies `{"app_id","app_secret","license_key","hwid","nonce"}`
//!   and `{"session_token","nonce"}`, the HWID being Keyslot's fingerprint;
//! - success `{"status":"success","nonce","session_token","license":
//!   {"state","expires_at","hwid_limit","hwids_used"}}`;
//! - the signature is the header `x-appauth-signature`: lowercase hex of
//!   HMAC-SHA256(app secret, the exact response body);
//! - a heartbeat every 5 minutes.

use std::sync::Arc;
use std::time::Duration;

use hmac::{Hmac, KeyInit, Mac};
use keyslot_protocol::{ActivateResponse, FieldError, LicenseSummary, Machine, StatusResponse};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use time::OffsetDateTime;

use super::{Capabilities, Connection, keychain, state_of, this_device};
use crate::catalog::Provider;
use crate::deadline::Deadline;
use crate::error::LicenseError;
use crate::key::LicenseKey;
use crate::locale::Lang;
use crate::secrets::{SecretName, SecretStore};
use crate::sensitive::Sensitive;
use crate::transport::{Reply, Transport};

/// The header carrying the answer's signature.
pub const SIGNATURE_HEADER: &str = "x-appauth-signature";

/// How often the app checks in.
pub const HEARTBEAT: Duration = Duration::from_secs(300);

/// appauth's endpoints, by the names the config's `routes` use.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Routes {
    /// Opens a session: `/auth/validate`.
    pub validate: String,
    /// Keeps it: `/auth/heartbeat`.
    pub heartbeat: String,
}

impl Default for Routes {
    fn default() -> Self {
        Self {
            validate: "/auth/validate".to_owned(),
            heartbeat: "/auth/heartbeat".to_owned(),
        }
    }
}

/// What appauth can do.
pub fn capabilities() -> Capabilities {
    Capabilities {
        list_devices: false,
        free_seat: false,
        free_seat_elsewhere: Some(super::free_seat_elsewhere(
            Provider::Appauth,
            Lang::current(),
        )),
        heartbeat_secs: Some(HEARTBEAT.as_secs()),
        offline: false,
    }
}

#[derive(Serialize)]
struct Validate<'a> {
    app_id: &'a str,
    app_secret: &'a str,
    license_key: &'a str,
    hwid: &'a str,
    nonce: String,
}

#[derive(Serialize)]
struct Heartbeat<'a> {
    session_token: &'a str,
    nonce: String,
}

/// An `/auth/*` answer, success or failure.
#[derive(Deserialize)]
struct AuthAnswer {
    status: String,
    nonce: Option<String>,
    error: Option<String>,
    session_token: Option<String>,
    license: Option<License>,
    #[serde(default)]
    details: Vec<FieldError>,
}

#[derive(Deserialize)]
struct License {
    state: Option<String>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    expires_at: Option<OffsetDateTime>,
    hwid_limit: Option<u32>,
    hwids_used: Option<u32>,
}

/// A Developer-API error.
#[derive(Deserialize)]
struct DeveloperError {
    error: String,
    #[serde(default)]
    message: String,
}

/// The appauth adapter.
pub struct Appauth {
    pub(super) transport: Transport,
    secrets: Arc<dyn SecretStore>,
    app_id: Sensitive<String>,
    app_secret: Sensitive<String>,
    routes: Routes,
}

impl std::fmt::Debug for Appauth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Appauth")
            .field("transport", &self.transport)
            .field("routes", &self.routes)
            .finish_non_exhaustive()
    }
}

impl Appauth {
    /// An adapter for the app `app_id` with its `app_secret`.
    pub fn new(
        connection: &Connection,
        app_id: Sensitive<String>,
        app_secret: Sensitive<String>,
        routes: Routes,
    ) -> Result<Self, LicenseError> {
        Ok(Self {
            transport: Transport::new(&connection.wiring, Provider::Appauth)?,
            secrets: connection.secrets.clone(),
            app_id,
            app_secret,
            routes,
        })
    }

    /// Sends one `/auth/*` call and reads its answer: checks the signature
    /// and the echoed nonce, then the status.
    async fn auth<B: Serialize>(
        &self,
        path: &str,
        context: &'static str,
        body: impl Fn(String) -> B,
        deadline: Deadline,
    ) -> Result<(License, Option<String>), LicenseError> {
        self.transport
            .run(path, deadline, |attempt| {
                let nonce = self.transport.nonce();
                let request = self.transport.post_json(path, &body(nonce.clone()));
                async move {
                    self.transport
                        .exchange(request, attempt.timeout, |reply| {
                            self.read(reply, &nonce, context)
                        })
                        .await
                }
            })
            .await
    }

    fn read(
        &self,
        reply: &mut Reply,
        nonce: &str,
        context: &'static str,
    ) -> Result<(License, Option<String>), LicenseError> {
        if reply.status != 200 {
            let error: DeveloperError = reply.json()?;
            return Err(reply.api_failure(
                Provider::Appauth,
                &error.error,
                Some("developer_api"),
                error.message,
                Vec::new(),
            ));
        }
        let client = |reply: &Reply, code: &str| {
            reply.api_failure(
                Provider::Appauth,
                code,
                Some("client"),
                String::new(),
                Vec::new(),
            )
        };
        let signed = reply
            .header(SIGNATURE_HEADER)
            .and_then(|hex| hex::decode(hex).ok())
            .is_some_and(|signature| {
                let mut mac =
                    <Hmac<Sha256> as KeyInit>::new_from_slice(self.app_secret.expose().as_bytes())
                        .expect("HMAC accepts any key length");
                mac.update(&reply.body);
                mac.verify_slice(&signature).is_ok()
            });
        if !signed {
            return Err(client(reply, "signature_mismatch"));
        }
        let answer: AuthAnswer = reply.json()?;
        if answer.nonce.as_deref() != Some(nonce) {
            return Err(client(reply, "nonce_mismatch"));
        }
        reply.mark_verified();
        match (answer.status.as_str(), answer.error, answer.license) {
            ("success", _, Some(license)) => Ok((license, answer.session_token)),
            ("failed", Some(code), _) => Err(reply.api_failure(
                Provider::Appauth,
                &code,
                Some(context),
                String::new(),
                answer.details,
            )),
            _ => Err(reply.unreadable()),
        }
    }

    async fn validate(
        &self,
        key: &LicenseKey,
        machine: &Machine,
        deadline: Deadline,
    ) -> Result<License, LicenseError> {
        let app_secret = self.app_secret.expose();
        let (license, session) = self
            .auth(
                &self.routes.validate,
                "validate",
                |nonce| Validate {
                    app_id: self.app_id.expose(),
                    app_secret,
                    license_key: key.expose(),
                    hwid: &machine.fingerprint,
                    nonce,
                },
                deadline,
            )
            .await?;
        let session = session.map(Sensitive::new);
        keychain(&self.secrets, move |s| match session {
            Some(token) => s.set(SecretName::SessionToken, &token),
            None => s.delete(SecretName::SessionToken),
        })
        .await?;
        Ok(license)
    }

    fn summary(&self, license: License) -> LicenseSummary {
        LicenseSummary {
            state: state_of(license.state.as_deref()),
            max_activations: license.hwid_limit.unwrap_or(1),
            used_activations: license.hwids_used.unwrap_or(1),
            expires_at: license.expires_at,
        }
    }

    /// Validates `key` for `machine`, opening a session.
    pub async fn activate(
        &self,
        key: &LicenseKey,
        machine: &Machine,
        deadline: Deadline,
    ) -> Result<ActivateResponse, LicenseError> {
        let license = self.validate(key, machine, deadline).await?;
        Ok(ActivateResponse {
            activation: this_device(machine, self.transport.now()),
            license: self.summary(license),
            lease: None,
        })
    }

    /// A heartbeat of the session; without one, or when it expired, a new
    /// validation (once).
    pub async fn status(
        &self,
        key: &LicenseKey,
        machine: &Machine,
        deadline: Deadline,
    ) -> Result<StatusResponse, LicenseError> {
        let session = keychain(&self.secrets, |s| s.get(SecretName::SessionToken)).await?;
        let beat = match &session {
            Some(token) => Some(
                self.auth(
                    &self.routes.heartbeat,
                    "heartbeat",
                    |nonce| Heartbeat {
                        session_token: token.expose(),
                        nonce,
                    },
                    deadline,
                )
                .await,
            ),
            None => None,
        };
        let license = match beat {
            Some(Ok((license, rotated))) => {
                self.keep_rotated(session.as_ref(), rotated).await?;
                license
            }
            Some(Err(e)) if !is_session_expired(&e) => return Err(e),
            _ => {
                tracing::info!("appauth session missing or expired; validating again");
                self.validate(key, machine, deadline).await?
            }
        };
        Ok(StatusResponse {
            license: self.summary(license),
            activation: this_device(machine, self.transport.now()),
            lease: None,
        })
    }

    /// Keeps the token a heartbeat answered with, when it is a new one.
    async fn keep_rotated(
        &self,
        current: Option<&Sensitive<String>>,
        rotated: Option<String>,
    ) -> Result<(), LicenseError> {
        let Some(token) = rotated.filter(|t| Some(t) != current.map(|c| c.expose())) else {
            return Ok(());
        };
        let token = Sensitive::new(token);
        keychain(&self.secrets, move |s| {
            s.set(SecretName::SessionToken, &token)
        })
        .await
    }
}

fn is_session_expired(error: &LicenseError) -> bool {
    matches!(error, LicenseError::Api(f) if f.code == "session_expired")
}

#[cfg(test)]
mod fuzz;
