//! Seed 002: GeckoGuard. `POST /v1/licenses/authorize` with `X-Api-Key`,
//! signed with `X-GG-Timestamp` / `X-GG-Nonce` / `X-GG-Signature` over the
//! same canonical string as the native protocol. A denial is
//! `{"ok":false,"allow":false,"reasonCode",…}` (branched on `reasonCode`,
//! whatever the status); every other error is `{"ok":false,"error":
//! {"code","message","details":[{field,message}]}}`. `x-request-id` is kept,
//! `Retry-After` is the floor of every wait, `EXPIRED_TOKEN` refreshes the
//! access token once (`POST /v1/auth/refresh` with the refresh token from
//! the keychain, account `refresh-token`, which the vendor's installer sets)
//! and retries. GeckoGuard has no device list for the app: the
//! end user resets a device in the vendor's customer portal.
//!
//! Assumptions, kept in [`Routes`] and the types below: the authorize body
//! `{"licenseKey","hwid","deviceName","platform"}`; its success
//! `{"ok":true,"allow":true,"effectiveExpiresAt","license":{"status",
//! "hwidLimit","hwidCount"}}`; the refresh answer `{"accessToken",
//! "refreshToken"}`, the access token then sent as `Authorization: Bearer`.

use std::sync::{Arc, Mutex};

use keyslot_protocol::{
    ActivateResponse, FieldError, LicenseSummary, Machine, StatusResponse, sign_request,
};
use serde::{Deserialize, Serialize};
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

/// GeckoGuard's endpoints, by the names the config's `routes` use.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Routes {
    /// Authorizes a device: `/v1/licenses/authorize`.
    pub authorize: String,
    /// Trades the refresh token for an access token: `/v1/auth/refresh`.
    pub refresh: String,
}

impl Default for Routes {
    fn default() -> Self {
        Self {
            authorize: "/v1/licenses/authorize".to_owned(),
            refresh: "/v1/auth/refresh".to_owned(),
        }
    }
}

/// What GeckoGuard can do.
pub fn capabilities() -> Capabilities {
    Capabilities {
        list_devices: false,
        free_seat: false,
        free_seat_elsewhere: Some(super::free_seat_elsewhere(
            Provider::Geckoguard,
            Lang::current(),
        )),
        heartbeat_secs: None,
        offline: false,
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Authorize<'a> {
    license_key: &'a str,
    hwid: &'a str,
    device_name: &'a str,
    platform: &'a str,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Answer {
    #[serde(default)]
    allow: Option<bool>,
    reason_code: Option<String>,
    #[serde(default)]
    message: String,
    error: Option<StandardError>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    effective_expires_at: Option<OffsetDateTime>,
    license: Option<License>,
}

#[derive(Deserialize)]
struct StandardError {
    code: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    details: Vec<FieldError>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct License {
    status: Option<String>,
    hwid_limit: Option<u32>,
    hwid_count: Option<u32>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Refresh<'a> {
    refresh_token: &'a str,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Tokens {
    access_token: String,
    refresh_token: Option<String>,
}

/// The GeckoGuard adapter.
pub struct Geckoguard {
    pub(super) transport: Transport,
    secrets: Arc<dyn SecretStore>,
    api_key: Sensitive<String>,
    secret: Sensitive<String>,
    routes: Routes,
    /// The access token from the last refresh.
    access: Mutex<Option<Sensitive<String>>>,
}

impl std::fmt::Debug for Geckoguard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Geckoguard")
            .field("transport", &self.transport)
            .field("routes", &self.routes)
            .finish_non_exhaustive()
    }
}

impl Geckoguard {
    /// An adapter with `api_key` (`X-Api-Key`), signing with `secret`.
    pub fn new(
        connection: &Connection,
        api_key: Sensitive<String>,
        secret: Sensitive<String>,
        routes: Routes,
    ) -> Result<Self, LicenseError> {
        Ok(Self {
            transport: Transport::new(&connection.wiring, Provider::Geckoguard)?,
            secrets: connection.secrets.clone(),
            api_key,
            secret,
            routes,
            access: Mutex::new(None),
        })
    }

    fn access_token(&self) -> Option<Sensitive<String>> {
        self.access.lock().ok().and_then(|a| a.clone())
    }

    /// Authorizes `machine`; after `EXPIRED_TOKEN`, refreshes once and asks again.
    async fn authorize(
        &self,
        key: &LicenseKey,
        machine: &Machine,
        deadline: Deadline,
    ) -> Result<LicenseSummary, LicenseError> {
        let body = serde_json::to_vec(&Authorize {
            license_key: key.expose(),
            hwid: &machine.fingerprint,
            device_name: &machine.name,
            platform: &machine.platform,
        })
        .map_err(|e| LicenseError::Config(format!("request body: {e}")))?;
        match self.authorize_once(&body, deadline).await {
            Err(e) if is_code(&e, "EXPIRED_TOKEN") => {
                if self.refresh_token(deadline).await.is_err() {
                    return Err(e);
                }
                self.authorize_once(&body, deadline).await
            }
            other => other,
        }
    }

    async fn authorize_once(
        &self,
        body: &[u8],
        deadline: Deadline,
    ) -> Result<LicenseSummary, LicenseError> {
        let path = self.routes.authorize.as_str();
        let secret = self.secret.expose();
        self.transport
            .run(path, deadline, |attempt| {
                let nonce = self.transport.nonce();
                let ts = attempt.timestamp;
                let mut request = self
                    .transport
                    .post(path, body.to_vec())
                    .header("x-api-key", self.api_key.expose())
                    .header("x-gg-timestamp", ts.to_string())
                    .header("x-gg-nonce", &nonce)
                    .header(
                        "x-gg-signature",
                        sign_request("POST", path, ts, &nonce, body, secret.as_bytes()),
                    );
                if let Some(token) = self.access_token() {
                    request = request.bearer_auth(token.expose());
                }
                async move {
                    self.transport
                        .exchange(request, attempt.timeout, |reply| read(reply))
                        .await
                }
            })
            .await
    }

    /// Trades the keychain's refresh token for a new access token.
    async fn refresh_token(&self, deadline: Deadline) -> Result<(), LicenseError> {
        let secrets = &self.secrets;
        let refresh = keychain(secrets, |s| s.get(SecretName::RefreshToken))
            .await?
            .ok_or(LicenseError::NotActivated)?;
        let path = self.routes.refresh.as_str();
        let tokens: Tokens = self
            .transport
            .run(path, deadline, |attempt| {
                let request = self
                    .transport
                    .post_json(
                        path,
                        &Refresh {
                            refresh_token: refresh.expose(),
                        },
                    )
                    .header("x-api-key", self.api_key.expose());
                async move {
                    self.transport
                        .exchange_json(request, attempt.timeout, |reply| {
                            read(reply).err().unwrap_or_else(|| reply.unreadable())
                        })
                        .await
                }
            })
            .await?;
        if let Ok(mut access) = self.access.lock() {
            *access = Some(Sensitive::new(tokens.access_token));
        }
        if let Some(next) = tokens.refresh_token.map(Sensitive::new) {
            keychain(secrets, move |s| s.set(SecretName::RefreshToken, &next)).await?;
        }
        tracing::info!("GeckoGuard access token refreshed");
        Ok(())
    }

    /// Authorizes `machine` with `key`.
    pub async fn activate(
        &self,
        key: &LicenseKey,
        machine: &Machine,
        deadline: Deadline,
    ) -> Result<ActivateResponse, LicenseError> {
        Ok(ActivateResponse {
            license: self.authorize(key, machine, deadline).await?,
            activation: this_device(machine, self.transport.now()),
            lease: None,
        })
    }

    /// Authorizes again: GeckoGuard's check is the same call.
    pub async fn status(
        &self,
        key: &LicenseKey,
        machine: &Machine,
        deadline: Deadline,
    ) -> Result<StatusResponse, LicenseError> {
        Ok(StatusResponse {
            license: self.authorize(key, machine, deadline).await?,
            activation: this_device(machine, self.transport.now()),
            lease: None,
        })
    }
}

fn is_code(error: &LicenseError, code: &str) -> bool {
    matches!(error, LicenseError::Api(f) if f.code == code)
}

/// Reads either envelope; a denial by `reasonCode`, never by status.
fn read(reply: &Reply) -> Result<LicenseSummary, LicenseError> {
    let Ok(answer) = serde_json::from_slice::<Answer>(&reply.body) else {
        return Err(reply.unreadable());
    };
    if answer.allow == Some(false) {
        let code = answer.reason_code.as_deref().unwrap_or("");
        return Err(reply.api_failure(
            Provider::Geckoguard,
            code,
            Some("authorize"),
            answer.message,
            Vec::new(),
        ));
    }
    if let Some(error) = answer.error {
        return Err(reply.api_failure(
            Provider::Geckoguard,
            &error.code,
            None,
            error.message,
            error.details,
        ));
    }
    match (reply.status, answer.allow) {
        (200, Some(true)) => {
            let license = answer.license;
            Ok(LicenseSummary {
                state: state_of(license.as_ref().and_then(|l| l.status.as_deref())),
                max_activations: license.as_ref().and_then(|l| l.hwid_limit).unwrap_or(1),
                used_activations: license.as_ref().and_then(|l| l.hwid_count).unwrap_or(1),
                expires_at: answer.effective_expires_at,
            })
        }
        _ => Err(reply.unreadable()),
    }
}

#[cfg(test)]
mod fuzz;
