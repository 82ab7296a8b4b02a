//! The HTTP client of the native protocol: every attempt signed with a fresh
//! nonce and timestamp, every answer's signature verified, retries as
//! PROTOCOL.md says within a deadline the caller sets, the clock offset
//! learned from `Date` after a 1701, and the last outcomes kept for diagnostics.

pub mod retry;

use std::collections::VecDeque;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use keyslot_protocol::{
    ActivateRequest, ActivateResponse, DeactivateRequest, DeactivateResponse, DevicesRequest,
    DevicesResponse, ErrorCode, ErrorEnvelope, StatusRequest, StatusResponse, headers, paths,
    sign_request, verify_response,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::catalog::Provider;
use crate::clock::{Clock, NonceSource};
use crate::error::{ApiFailure, LicenseError, NetworkFailure};
use crate::sensitive::Sensitive;
use retry::{Decision, RetryPolicy, classify};

/// How many request outcomes diagnostics keep.
const OUTCOMES_KEPT: usize = 20;

/// The last [`OUTCOMES_KEPT`] outcomes, oldest first.
#[derive(Debug)]
pub(crate) struct OutcomeLog(Mutex<VecDeque<Outcome>>);

impl Default for OutcomeLog {
    fn default() -> Self {
        Self(Mutex::new(VecDeque::with_capacity(OUTCOMES_KEPT)))
    }
}

impl OutcomeLog {
    /// Adds `outcome`, dropping the oldest when full.
    pub(crate) fn record(&self, outcome: Outcome) {
        if let Ok(mut outcomes) = self.0.lock() {
            if outcomes.len() == OUTCOMES_KEPT {
                outcomes.pop_front();
            }
            outcomes.push_back(outcome);
        }
    }

    /// The outcomes, oldest first.
    pub(crate) fn list(&self) -> Vec<Outcome> {
        self.0
            .lock()
            .map(|o| o.iter().cloned().collect())
            .unwrap_or_default()
    }
}

/// Connect and per-attempt timeouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// To establish a connection.
    pub connect: Duration,
    /// For one whole attempt.
    pub attempt: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(5),
            attempt: Duration::from_secs(10),
        }
    }
}

/// One finished attempt, for diagnostics. Holds no secret and no key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Outcome {
    /// Unix seconds when it finished.
    pub at: i64,
    /// Endpoint path.
    pub path: String,
    /// HTTP status, if an answer came.
    pub http_status: Option<u16>,
    /// The error code, if it failed (provider's raw code or Keyslot's own).
    pub code: Option<String>,
    /// `x-request-id`.
    pub request_id: Option<String>,
    /// Round-trip time in milliseconds.
    pub latency_ms: u64,
}

/// A successful call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer<T> {
    /// The decoded body.
    pub body: T,
    /// `x-request-id` of the answer.
    pub request_id: Option<String>,
    /// Attempts it took.
    pub attempts: u32,
}

/// A failed attempt and what it taught about the server's clock.
struct Failure {
    error: LicenseError,
    /// Server time minus local time, from the answer's `Date` header.
    server_offset: Option<i64>,
}

impl From<LicenseError> for Failure {
    fn from(error: LicenseError) -> Self {
        Self {
            error,
            server_offset: None,
        }
    }
}

/// Client of the native protocol.
pub struct NativeClient {
    http: reqwest::Client,
    base: String,
    secret: Sensitive<Vec<u8>>,
    clock: Arc<dyn Clock>,
    nonces: Arc<dyn NonceSource>,
    policy: RetryPolicy,
    timeouts: Timeouts,
    /// Server time minus local time, applied to signatures after a 1701.
    offset: AtomicI64,
    /// Server time minus local time, as the last answer's `Date` showed.
    observed: AtomicI64,
    outcomes: OutcomeLog,
}

impl std::fmt::Debug for NativeClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NativeClient")
            .field("base", &self.base)
            .field("secret", &self.secret)
            .finish_non_exhaustive()
    }
}

pub(crate) fn header(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)?
        .to_str()
        .ok()
        .map(str::to_owned)
}

/// The answer's `Retry-After`: seconds, or an HTTP date (RFC 9110), read
/// as the wait from the answer's `Date` (else from this computer's clock).
pub(crate) fn retry_after(response: &reqwest::Response) -> Option<Duration> {
    let now = header(response, "date")
        .and_then(|d| httpdate::parse_http_date(&d).ok())
        .unwrap_or_else(SystemTime::now);
    retry_after_value(&header(response, "retry-after")?, now)
}

fn retry_after_value(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    match value.parse::<u64>() {
        Ok(secs) => Some(Duration::from_secs(secs)),
        Err(_) => httpdate::parse_http_date(value)
            .ok()
            .map(|at| at.duration_since(now).unwrap_or_default()),
    }
}

/// Tells network, DNS, proxy and TLS failures apart from a `reqwest` error.
/// Only the causes are read, never the top-level message (it names the URL,
/// and a host called `proxy.example` must not look like a proxy failure).
pub(crate) fn network_failure(error: &reqwest::Error) -> LicenseError {
    if error.is_timeout() {
        return LicenseError::Timeout;
    }
    let mut causes = String::new();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind::*;
            let down = [
                ConnectionRefused,
                ConnectionReset,
                ConnectionAborted,
                NetworkUnreachable,
                HostUnreachable,
            ];
            if down.contains(&io.kind()) {
                return LicenseError::Network(NetworkFailure::Offline);
            }
        }
        causes.push_str(&cause.to_string().to_lowercase());
        causes.push('\n');
        source = cause.source();
    }
    let failure = if causes.contains("dns error") || causes.contains("failed to lookup address") {
        NetworkFailure::Dns
    } else if causes.contains("certificate")
        || causes.contains("tls")
        || causes.contains("handshake")
    {
        NetworkFailure::Tls
    } else if causes.contains("proxy") || causes.contains("tunnel") {
        NetworkFailure::Proxy
    } else {
        NetworkFailure::Offline
    };
    LicenseError::Network(failure)
}

/// PROTOCOL.md: HTTPS in production, plain HTTP only to this machine; and
/// no credentials in the URL (it is shown in diagnostics).
fn check_base(url: &reqwest::Url) -> Result<(), LicenseError> {
    let refuse = |why: &str| Err(LicenseError::Config(format!("server URL: {why}")));
    if !url.username().is_empty() || url.password().is_some() {
        return refuse("must not contain credentials");
    }
    let loopback = match url.host() {
        Some(url::Host::Domain(host)) => host.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match url.scheme() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        "http" => refuse("plain http is only allowed to localhost; use https"),
        _ => refuse("must be https (or http to localhost)"),
    }
}

/// The HTTP client every dialect uses, for the server at `base` (checked
/// and without its trailing `/`): system proxy honoured, no redirects.
pub(crate) fn http_client(
    base: &str,
    timeouts: Timeouts,
) -> Result<(reqwest::Client, String), LicenseError> {
    let base = base.trim_end_matches('/').to_owned();
    let url =
        reqwest::Url::parse(&base).map_err(|e| LicenseError::Config(format!("server URL: {e}")))?;
    check_base(&url)?;
    // reqwest comes without a TLS crypto provider: use ring (an error
    // only says one is installed already).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::Client::builder()
        .connect_timeout(timeouts.connect)
        // A redirect would re-send the body (and the license key) elsewhere.
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("keyslot/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| LicenseError::Config(format!("HTTP client: {e}")))?;
    Ok((http, base))
}

impl NativeClient {
    /// A client of the server at `base` (e.g. `http://127.0.0.1:8787`). The
    /// system proxy settings are honoured.
    pub fn new(
        base: &str,
        secret: Sensitive<Vec<u8>>,
        clock: Arc<dyn Clock>,
        nonces: Arc<dyn NonceSource>,
        policy: RetryPolicy,
        timeouts: Timeouts,
    ) -> Result<Self, LicenseError> {
        let (http, base) = http_client(base, timeouts)?;
        Ok(Self {
            http,
            base,
            secret,
            clock,
            nonces,
            policy,
            timeouts,
            offset: AtomicI64::new(0),
            observed: AtomicI64::new(0),
            outcomes: OutcomeLog::default(),
        })
    }

    /// The server URL.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// How far this computer's clock is ahead of the server's, as corrected
    /// after a clock-skew answer (0 until then).
    pub fn clock_offset_secs(&self) -> i64 {
        -self.offset.load(Ordering::Relaxed)
    }

    /// How far this computer's clock is ahead of the server's, as the last
    /// answer's `Date` header showed (whole seconds; 0 before any answer).
    pub fn observed_clock_offset_secs(&self) -> i64 {
        -self.observed.load(Ordering::Relaxed)
    }

    /// The last outcomes, oldest first.
    pub fn outcomes(&self) -> Vec<Outcome> {
        self.outcomes.list()
    }

    /// `/activate`.
    pub async fn activate(
        &self,
        req: &ActivateRequest,
        deadline: Duration,
    ) -> Result<Answer<ActivateResponse>, LicenseError> {
        self.call(paths::ACTIVATE, req, deadline).await
    }

    /// `/status`.
    pub async fn status(
        &self,
        req: &StatusRequest,
        deadline: Duration,
    ) -> Result<Answer<StatusResponse>, LicenseError> {
        self.call(paths::STATUS, req, deadline).await
    }

    /// `/devices`.
    pub async fn devices(
        &self,
        req: &DevicesRequest,
        deadline: Duration,
    ) -> Result<Answer<DevicesResponse>, LicenseError> {
        self.call(paths::DEVICES, req, deadline).await
    }

    /// `/deactivate`.
    pub async fn deactivate(
        &self,
        req: &DeactivateRequest,
        deadline: Duration,
    ) -> Result<Answer<DeactivateResponse>, LicenseError> {
        self.call(paths::DEACTIVATE, req, deadline).await
    }

    /// Signs and sends `body` to `path`, retrying per the policy until
    /// `deadline` has passed. Returns the last error when it gives up.
    pub async fn call<Req: Serialize, Resp: DeserializeOwned>(
        &self,
        path: &str,
        body: &Req,
        deadline: Duration,
    ) -> Result<Answer<Resp>, LicenseError> {
        let started = Instant::now();
        let body = serde_json::to_vec(body)
            .map_err(|e| LicenseError::Config(format!("request body: {e}")))?;
        let mut attempts = 0;
        let mut clock_fixed = false;
        loop {
            attempts += 1;
            let remaining = deadline.saturating_sub(started.elapsed());
            if remaining.is_zero() {
                return Err(LicenseError::Timeout);
            }
            let failure = match self
                .attempt(path, &body, remaining.min(self.timeouts.attempt))
                .await
            {
                Ok((body, request_id)) => {
                    return Ok(Answer {
                        body,
                        request_id,
                        attempts,
                    });
                }
                Err(failure) => failure,
            };
            match classify(&failure.error, clock_fixed) {
                Decision::Stop => return Err(failure.error),
                Decision::ResignWithServerClock => match failure.server_offset {
                    Some(offset) => {
                        self.offset.store(offset, Ordering::Relaxed);
                        clock_fixed = true;
                        tracing::info!(offset_secs = offset, "re-signing with the server's clock");
                    }
                    None => return Err(failure.error),
                },
                Decision::Backoff { retry_after } => {
                    let wait = self
                        .policy
                        .delay(attempts, rand::random::<f64>(), retry_after);
                    let left = deadline.saturating_sub(started.elapsed());
                    if attempts >= self.policy.max_attempts || wait >= left {
                        return Err(failure.error);
                    }
                    tracing::info!(
                        attempt = attempts,
                        wait_ms = wait.as_millis() as u64,
                        "retrying"
                    );
                    tokio::time::sleep(wait).await;
                }
            }
        }
    }

    async fn attempt<Resp: DeserializeOwned>(
        &self,
        path: &str,
        body: &[u8],
        timeout: Duration,
    ) -> Result<(Resp, Option<String>), Failure> {
        let started = Instant::now();
        let sent_at = self.clock.now();
        let result = self.exchange(path, body, timeout, sent_at).await;
        let (http_status, request_id, code) = match &result {
            Ok((_, request_id, status)) => (Some(*status), request_id.clone(), None),
            Err(f) => (
                f.error.http_status(),
                f.error.request_id().map(str::to_owned),
                Some(f.error.code().1.to_owned()),
            ),
        };
        self.outcomes.record(Outcome {
            at: self.clock.now(),
            path: path.to_owned(),
            http_status,
            code,
            request_id,
            latency_ms: started.elapsed().as_millis() as u64,
        });
        result.map(|(body, request_id, _)| (body, request_id))
    }

    async fn exchange<Resp: DeserializeOwned>(
        &self,
        path: &str,
        body: &[u8],
        timeout: Duration,
        sent_at: i64,
    ) -> Result<(Resp, Option<String>, u16), Failure> {
        let nonce = self.nonces.nonce();
        let timestamp = sent_at + self.offset.load(Ordering::Relaxed);
        let secret = self.secret.expose();
        let signature = sign_request("POST", path, timestamp, &nonce, body, secret);
        let response = self
            .http
            .post(format!("{}{path}", self.base))
            .timeout(timeout)
            .header("content-type", "application/json")
            .header(headers::TIMESTAMP, timestamp.to_string())
            .header(headers::NONCE, &nonce)
            .header(headers::SIGNATURE, signature)
            .body(body.to_vec())
            .send()
            .await
            .map_err(|e| Failure::from(network_failure(&e)))?;

        let status = response.status().as_u16();
        let request_id = header(&response, headers::REQUEST_ID);
        let signature = header(&response, headers::SIGNATURE);
        let retry_after = retry_after(&response);
        let server_time = header(&response, "date")
            .and_then(|d| httpdate::parse_http_date(&d).ok())
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| d.as_secs() as i64);
        let bytes = response.bytes().await.map_err(|e| {
            let error = if e.is_timeout() {
                LicenseError::Timeout
            } else {
                LicenseError::BadResponse {
                    http_status: status,
                    request_id: request_id.clone(),
                }
            };
            Failure::from(error)
        })?;
        let received_at = self.clock.now();
        let server_offset = server_time.map(|server| server - (sent_at + received_at) / 2);
        if let Some(offset) = server_offset {
            self.observed.store(offset, Ordering::Relaxed);
        }
        let fail = |error: LicenseError| Failure {
            error,
            server_offset,
        };

        let envelope = if status == 200 {
            None
        } else {
            serde_json::from_slice::<ErrorEnvelope>(&bytes).ok()
        };
        // Only a server without a secret answers unsigned, and only with 500 1707.
        let unsigned_1707 = status == 500
            && envelope
                .as_ref()
                .is_some_and(|e| e.error.code == ErrorCode::SecretNotSet);
        match signature {
            Some(signature) => {
                if verify_response(&nonce, status, &bytes, &signature, secret).is_err() {
                    return Err(fail(LicenseError::Tampered {
                        http_status: Some(status),
                        request_id,
                    }));
                }
            }
            // Our server signs everything it can; an unsigned protocol answer is
            // forged. An unsigned non-protocol answer (a proxy's 502 page) is not ours.
            None if unsigned_1707 => {}
            None if status == 200 || envelope.is_some() => {
                return Err(fail(LicenseError::Tampered {
                    http_status: Some(status),
                    request_id,
                }));
            }
            None => {
                return Err(fail(LicenseError::BadResponse {
                    http_status: status,
                    request_id,
                }));
            }
        }

        if status == 200 {
            return serde_json::from_slice(&bytes)
                .map(|body| (body, request_id.clone(), status))
                .map_err(|_| {
                    fail(LicenseError::BadResponse {
                        http_status: status,
                        request_id,
                    })
                });
        }
        let Some(envelope) = envelope else {
            return Err(fail(LicenseError::BadResponse {
                http_status: status,
                request_id,
            }));
        };
        let code = envelope.error.code;
        Err(fail(LicenseError::Api(Box::new(ApiFailure {
            provider: Provider::LicenseApi,
            code: code.number().to_string(),
            context: None,
            http_status: status,
            message: envelope.error.message,
            details: envelope.error.details.unwrap_or_default(),
            request_id: request_id.or(Some(envelope.request_id)),
            retry_after,
            clock_offset_secs: (code == ErrorCode::StaleTimestamp)
                .then(|| server_offset.map(|offset| -offset))
                .flatten(),
        }))))
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::retry_after_value;

    #[test]
    fn retry_after_is_seconds_or_an_http_date() {
        let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let later = httpdate::fmt_http_date(now + Duration::from_secs(90));
        let earlier = httpdate::fmt_http_date(now - Duration::from_secs(5));
        assert_eq!(
            retry_after_value(" 30 ", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            retry_after_value(&later, now),
            Some(Duration::from_secs(90))
        );
        assert_eq!(retry_after_value(&earlier, now), Some(Duration::ZERO));
        assert_eq!(retry_after_value("soon", now), None);
    }
}
