//! The one way Keyslot talks to a license server, whichever protocol it
//! speaks. A dialect builds and signs each attempt and reads its answer;
//! [`Transport`] sends it, reads the answer within bounds, logs the outcome
//! and runs the retry loop, in which the pure [`decide`] says what follows
//! every failure. "How does Keyslot retry?" is answered there.
//!
//! What a server can push on the client is bounded: an answer body is read
//! up to [`MAX_BODY`] bytes; the server's clock (its `Date`) is learned only
//! from answers whose signature the dialect verified, and only followed
//! within [`MAX_CLOCK_OFFSET_SECS`].

mod decide;
#[cfg(test)]
pub(crate) mod fuzz;
mod http;
mod outcomes;

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant, UNIX_EPOCH};

use serde::de::DeserializeOwned;

pub use decide::{MAX_CLOCK_OFFSET_SECS, Next, RetryPolicy, Tries, decide};
pub use http::{MAX_BODY, Timeouts};
pub(crate) use outcomes::as_probe;
#[cfg(test)]
pub(crate) use outcomes::sample as outcomes_sample;
pub use outcomes::{Outcome, OutcomeCode, OutcomeLog};

use crate::catalog::Provider;
use crate::clock::{Clock, NonceSource};
use crate::deadline::Deadline;
use crate::error::{ApiFailure, LicenseError};
use keyslot_protocol::FieldError;

/// An answer as it came, before the dialect reads it. Not `Debug`: its
/// headers and body can carry tokens.
pub(crate) struct Reply {
    /// HTTP status.
    pub(crate) status: u16,
    /// `x-request-id`.
    pub(crate) request_id: Option<String>,
    /// `Retry-After`, as a wait.
    pub(crate) retry_after: Option<Duration>,
    /// Every header, for the ones a dialect reads.
    pub(crate) headers: reqwest::header::HeaderMap,
    /// The body, at most [`MAX_BODY`] bytes.
    pub(crate) body: Vec<u8>,
    /// Server time minus local time, from the answer's `Date`: not to be
    /// trusted until the dialect has verified the answer's signature.
    date_offset: Option<i64>,
    /// Whether the dialect verified the answer's signature.
    verified: bool,
}

impl Reply {
    /// A header's value.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)?.to_str().ok()
    }

    /// Whether the status is 2xx.
    pub(crate) fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The body as `T`, or an unreadable answer.
    pub(crate) fn json<T: DeserializeOwned>(&self) -> Result<T, LicenseError> {
        serde_json::from_slice(&self.body).map_err(|_| self.unreadable())
    }

    /// This answer as unreadable.
    pub(crate) fn unreadable(&self) -> LicenseError {
        LicenseError::BadResponse {
            http_status: self.status,
            request_id: self.request_id.clone(),
        }
    }

    /// This answer as tampered with: its request id is as forged as the
    /// rest, so it is not kept.
    pub(crate) fn tampered(&self) -> LicenseError {
        LicenseError::Tampered {
            http_status: Some(self.status),
            request_id: None,
        }
    }

    /// Marks the answer's signature as verified: its `Date` may now teach
    /// the loop the server's clock.
    pub(crate) fn mark_verified(&mut self) {
        self.verified = true;
    }

    /// Server time minus local time, if the answer is verified and dated.
    pub(crate) fn server_offset(&self) -> Option<i64> {
        self.date_offset.filter(|_| self.verified)
    }

    /// A coded failure from `provider`, as this answer brought it.
    pub(crate) fn api_failure(
        &self,
        provider: Provider,
        code: &str,
        context: Option<&'static str>,
        message: String,
        details: Vec<FieldError>,
    ) -> LicenseError {
        LicenseError::Api(Box::new(ApiFailure {
            provider,
            code: code.to_owned(),
            context,
            http_status: self.status,
            message,
            details,
            request_id: self.request_id.clone(),
            retry_after: self.retry_after,
            clock_offset_secs: None,
        }))
    }
}

/// One attempt of a call, as the loop hands it to the dialect.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Attempt {
    /// How long the attempt may take.
    pub(crate) timeout: Duration,
    /// Unix seconds to sign with: the local clock, corrected by the server's
    /// once a verified answer showed it.
    pub(crate) timestamp: i64,
}

/// What one attempt came back with.
pub(crate) struct Tried<T> {
    result: Result<T, LicenseError>,
    /// Status and request id of the answer, when one came.
    answered: Option<(u16, Option<String>)>,
    /// Server time minus local time, from a verified answer.
    server_offset: Option<i64>,
}

impl<T> From<LicenseError> for Tried<T> {
    fn from(error: LicenseError) -> Self {
        Self {
            result: Err(error),
            answered: None,
            server_offset: None,
        }
    }
}

/// What a transport is built from.
#[derive(Clone)]
pub struct Wiring {
    /// Server URL.
    pub server: String,
    /// The clock requests are signed with.
    pub clock: Arc<dyn Clock>,
    /// Where request nonces come from.
    pub nonces: Arc<dyn NonceSource>,
    /// Backoff between attempts.
    pub policy: RetryPolicy,
    /// Connect and attempt timeouts.
    pub timeouts: Timeouts,
    /// Where every attempt's outcome is kept.
    pub outcomes: OutcomeLog,
}

/// The HTTP side every dialect shares: one client, the retry loop, the
/// server's clock as verified answers showed it, and the outcome log.
pub(crate) struct Transport {
    http: reqwest::Client,
    base: String,
    provider: Provider,
    clock: Arc<dyn Clock>,
    nonces: Arc<dyn NonceSource>,
    policy: RetryPolicy,
    timeouts: Timeouts,
    /// Server time minus local time, signed with after a clock failure.
    signing_offset: AtomicI64,
    /// Server time minus local time, as the last verified answer showed.
    observed_offset: AtomicI64,
    outcomes: OutcomeLog,
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transport")
            .field("base", &self.base)
            .finish_non_exhaustive()
    }
}

impl Transport {
    /// A transport to `wiring.server` (checked: HTTPS, or HTTP to this
    /// machine), a server of `provider`.
    pub(crate) fn new(wiring: &Wiring, provider: Provider) -> Result<Self, LicenseError> {
        let (http, base) = http::client(&wiring.server, wiring.timeouts)?;
        Ok(Self {
            http,
            base,
            provider,
            clock: wiring.clock.clone(),
            nonces: wiring.nonces.clone(),
            policy: wiring.policy,
            timeouts: wiring.timeouts,
            signing_offset: AtomicI64::new(0),
            observed_offset: AtomicI64::new(0),
            outcomes: wiring.outcomes.clone(),
        })
    }

    /// The server URL, without a trailing `/`.
    pub(crate) fn base(&self) -> &str {
        &self.base
    }

    /// Whether the server is reached over HTTPS (else it is this machine,
    /// over plain HTTP).
    pub(crate) fn is_https(&self) -> bool {
        reqwest::Url::parse(&self.base).is_ok_and(|url| url.scheme() == "https")
    }

    /// The last outcomes, newest first.
    pub(crate) fn outcomes(&self) -> Vec<Outcome> {
        self.outcomes.list()
    }

    /// How far this computer's clock is ahead of the server's, as corrected
    /// after a clock failure (0 until then).
    pub(crate) fn clock_offset_secs(&self) -> i64 {
        -self.signing_offset.load(Ordering::Relaxed)
    }

    /// How far this computer's clock is ahead of the server's, as the last
    /// verified answer's `Date` showed (0 before one).
    pub(crate) fn observed_clock_offset_secs(&self) -> i64 {
        -self.observed_offset.load(Ordering::Relaxed)
    }

    /// The local clock, in unix seconds.
    pub(crate) fn now(&self) -> i64 {
        self.clock.now()
    }

    /// A fresh nonce.
    pub(crate) fn nonce(&self) -> String {
        self.nonces.nonce()
    }

    /// A request to `path`.
    pub(crate) fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.http.request(method, format!("{}{path}", self.base))
    }

    /// A `POST` of the JSON bytes `body` to `path`.
    pub(crate) fn post(&self, path: &str, body: Vec<u8>) -> reqwest::RequestBuilder {
        self.request(reqwest::Method::POST, path)
            .header("content-type", "application/json")
            .body(body)
    }

    /// A `POST` of `body` as JSON to `path`.
    pub(crate) fn post_json(
        &self,
        path: &str,
        body: &impl serde::Serialize,
    ) -> reqwest::RequestBuilder {
        // The bodies are structs of strings and numbers: serializing cannot fail.
        self.post(path, serde_json::to_vec(body).unwrap_or_default())
    }

    /// Sends `request` and reads its answer within bounds.
    async fn send(
        &self,
        request: reqwest::RequestBuilder,
        timeout: Duration,
    ) -> Result<Reply, LicenseError> {
        let sent_at = self.clock.now();
        let response = request
            .timeout(timeout)
            .send()
            .await
            .map_err(|e| http::network_failure(&e))?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let request_id = http::header(&headers, keyslot_protocol::headers::REQUEST_ID)
            .filter(|id| crate::error::is_request_id(id));
        let server_time = http::header(&headers, "date").and_then(|d| http::unix_of_http_date(&d));
        let now = server_time
            .map(|t| UNIX_EPOCH + Duration::from_secs(t.max(0) as u64))
            .unwrap_or_else(std::time::SystemTime::now);
        let retry_after =
            http::header(&headers, "retry-after").and_then(|v| http::retry_after(&v, now));
        let body = http::bounded_body(response, || LicenseError::BadResponse {
            http_status: status,
            request_id: request_id.clone(),
        })
        .await?;
        let received_at = self.clock.now();
        Ok(Reply {
            status,
            request_id,
            retry_after,
            headers,
            body,
            date_offset: server_time.map(|server| server - (sent_at + received_at) / 2),
            verified: false,
        })
    }

    /// Sends `request` and lets `read` make the answer into a result; `read`
    /// marks the answer verified when its signature checked out.
    pub(crate) async fn exchange<T>(
        &self,
        request: reqwest::RequestBuilder,
        timeout: Duration,
        read: impl FnOnce(&mut Reply) -> Result<T, LicenseError>,
    ) -> Tried<T> {
        let mut reply = match self.send(request, timeout).await {
            Ok(reply) => reply,
            Err(error) => return error.into(),
        };
        let result = read(&mut reply);
        Tried {
            result,
            server_offset: reply.server_offset(),
            answered: Some((reply.status, reply.request_id)),
        }
    }

    /// Sends `request`: a 2xx answer is read as JSON, any other by `failure`.
    pub(crate) async fn exchange_json<T: DeserializeOwned>(
        &self,
        request: reqwest::RequestBuilder,
        timeout: Duration,
        failure: fn(&Reply) -> LicenseError,
    ) -> Tried<T> {
        self.exchange(request, timeout, |reply| {
            if reply.is_success() {
                reply.json()
            } else {
                Err(failure(reply))
            }
        })
        .await
    }

    /// Runs `attempt` until it succeeds or [`decide`] says stop, every
    /// attempt logged under `path`. Each attempt is built anew (fresh nonce,
    /// timestamp and signature) and may take what is left of `deadline`, at
    /// most the attempt timeout.
    pub(crate) async fn run<T, F, Fut>(
        &self,
        path: &str,
        deadline: Deadline,
        mut attempt: F,
    ) -> Result<T, LicenseError>
    where
        F: FnMut(Attempt) -> Fut,
        Fut: Future<Output = Tried<T>>,
    {
        let mut tries = Tries::default();
        loop {
            let left = deadline.left();
            if left.is_zero() {
                return Err(LicenseError::Timeout);
            }
            tries.attempts += 1;
            let begun = Instant::now();
            let tried = attempt(Attempt {
                timeout: left.min(self.timeouts.attempt),
                timestamp: self.clock.now() + self.signing_offset.load(Ordering::Relaxed),
            })
            .await;
            self.log(path, tries.attempts, &tried, begun).await;
            if let Some(offset) = tried.server_offset {
                self.observed_offset.store(offset, Ordering::Relaxed);
            }
            let error = match tried.result {
                Ok(value) => return Ok(value),
                Err(error) => error,
            };
            let next = decide(
                &error,
                tried.server_offset,
                tries,
                &self.policy,
                rand::random::<f64>(),
                deadline.left(),
            );
            match next {
                Next::Stop => return Err(error),
                Next::ClocksApart { server_offset } => {
                    return Err(LicenseError::ClocksApart {
                        ahead_secs: -server_offset,
                    });
                }
                Next::Resign { server_offset } => {
                    tries.resigned = true;
                    if let Some(offset) = server_offset {
                        self.signing_offset.store(offset, Ordering::Relaxed);
                    }
                    tracing::info!(?server_offset, "re-signing with a fresh nonce");
                }
                Next::Wait(wait) => {
                    tracing::info!(
                        attempt = tries.attempts,
                        wait_ms = wait.as_millis() as u64,
                        "retrying"
                    );
                    tokio::time::sleep(wait).await;
                }
            }
        }
    }

    /// Keeps the outcome of attempt number `attempt` to `path`.
    async fn log<T>(&self, path: &str, attempt: u32, tried: &Tried<T>, begun: Instant) {
        let (http_status, request_id, code) = match (&tried.result, &tried.answered) {
            (Ok(_), Some((status, request_id))) => (Some(*status), request_id.clone(), None),
            (Ok(_), None) => (None, None, None),
            (Err(e), _) => {
                let (origin, code, context) = e.code();
                let code = OutcomeCode::new(origin, code, context, e.http_status());
                (
                    e.http_status(),
                    e.request_id().map(str::to_owned),
                    Some(code),
                )
            }
        };
        let outcome = Outcome {
            at: self.clock.now(),
            provider: self.provider.id().to_owned(),
            path: path.to_owned(),
            attempt,
            http_status,
            code,
            request_id,
            latency_ms: begun.elapsed().as_millis() as u64,
            probe: outcomes::in_probe(),
        };
        self.outcomes.record(outcome).await;
    }
}
