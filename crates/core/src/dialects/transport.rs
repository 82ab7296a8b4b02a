//! What the vendor adapters share: one HTTP client, the retry loop (the
//! catalog's retry class of each failure decides; `Retry-After` is the floor
//! of every wait), the clock offset learned from `Date`, and the log of the
//! last outcomes for diagnostics.

use std::future::Future;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;

use super::Parts;
use crate::catalog::RetryClass;
use crate::client::{Outcome, OutcomeLog, header, http_client, network_failure, retry_after};
use crate::error::LicenseError;

/// An answer as it came, before the dialect reads it. Not `Debug`: its
/// headers and body can carry tokens.
#[derive(Clone)]
pub(crate) struct Reply {
    /// HTTP status.
    pub(crate) status: u16,
    /// `x-request-id`.
    pub(crate) request_id: Option<String>,
    /// `Retry-After`, as a wait.
    pub(crate) retry_after: Option<Duration>,
    /// Other headers a dialect reads, by name.
    pub(crate) headers: reqwest::header::HeaderMap,
    /// The body.
    pub(crate) body: Vec<u8>,
}

impl Reply {
    /// A header's value.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)?.to_str().ok()
    }

    /// The body as `T`, or a bad response.
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
}

/// One attempt of a call: how long it may take and what the loop learned.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Attempt {
    /// The attempt's timeout.
    pub(crate) timeout: Duration,
    /// Unix seconds to sign with: the local clock, corrected by the server's
    /// after a clock-class failure.
    pub(crate) timestamp: i64,
}

/// The shared HTTP side of a vendor adapter.
pub(crate) struct Transport {
    http: reqwest::Client,
    base: String,
    parts: Parts,
    /// Server time minus local time, applied to signatures after a clock failure.
    offset: AtomicI64,
    /// Server time minus local time, as the last `Date` showed.
    observed: AtomicI64,
    outcomes: OutcomeLog,
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transport")
            .field("base", &self.base)
            .finish_non_exhaustive()
    }
}

impl super::Wire for Transport {
    fn base(&self) -> &str {
        &self.base
    }

    fn outcomes(&self) -> Vec<Outcome> {
        self.outcomes.list()
    }

    fn clock_offset_secs(&self) -> i64 {
        -self.offset.load(Ordering::Relaxed)
    }

    fn observed_clock_offset_secs(&self) -> i64 {
        -self.observed.load(Ordering::Relaxed)
    }
}

impl Transport {
    /// A transport to `parts.server`.
    pub(crate) fn new(parts: Parts) -> Result<Self, LicenseError> {
        let (http, base) = http_client(&parts.server, parts.timeouts)?;
        Ok(Self {
            http,
            base,
            parts,
            offset: AtomicI64::new(0),
            observed: AtomicI64::new(0),
            outcomes: OutcomeLog::default(),
        })
    }

    /// The parts it was built from.
    pub(crate) fn parts(&self) -> &Parts {
        &self.parts
    }

    /// A request to `path` (`method` `POST` or `GET`).
    pub(crate) fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.http.request(method, format!("{}{path}", self.base))
    }

    /// A `POST` of `body` as JSON to `path`.
    pub(crate) fn post_json(
        &self,
        path: &str,
        body: &impl serde::Serialize,
    ) -> reqwest::RequestBuilder {
        // The bodies are structs of strings and numbers: serializing cannot fail.
        let body = serde_json::to_vec(body).unwrap_or_default();
        self.request(reqwest::Method::POST, path)
            .header("content-type", "application/json")
            .body(body)
    }

    /// Sends `request` and reads the whole answer.
    pub(crate) async fn send(
        &self,
        request: reqwest::RequestBuilder,
        timeout: Duration,
    ) -> Result<Reply, LicenseError> {
        let sent_at = self.parts.clock.now();
        let response = request
            .timeout(timeout)
            .send()
            .await
            .map_err(|e| network_failure(&e))?;
        let status = response.status().as_u16();
        let request_id = header(&response, "x-request-id");
        let retry_after = retry_after(&response);
        if let Some(server) = header(&response, "date")
            .and_then(|d| httpdate::parse_http_date(&d).ok())
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        {
            let received_at = self.parts.clock.now();
            let offset = server.as_secs() as i64 - (sent_at + received_at) / 2;
            self.observed.store(offset, Ordering::Relaxed);
        }
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(|e| {
            if e.is_timeout() {
                LicenseError::Timeout
            } else {
                LicenseError::BadResponse {
                    http_status: status,
                    request_id: request_id.clone(),
                }
            }
        })?;
        Ok(Reply {
            status,
            request_id,
            retry_after,
            headers,
            body: body.to_vec(),
        })
    }

    /// Runs `attempt` until it succeeds, its failure's retry class says
    /// stop, the policy's attempts are spent or the next wait would pass
    /// `deadline`. Backoff waits are jittered, never shorter than the
    /// server's `Retry-After`; a clock-class failure is re-signed at once
    /// with the server's clock, once. Every attempt is logged under `path`.
    pub(crate) async fn run<T, F, Fut>(
        &self,
        path: &str,
        deadline: Duration,
        mut attempt: F,
    ) -> Result<T, LicenseError>
    where
        F: FnMut(Attempt) -> Fut,
        Fut: Future<Output = Result<(T, Reply), LicenseError>>,
    {
        let started = Instant::now();
        let policy = self.parts.policy;
        let mut attempts = 0;
        let mut clock_fixed = false;
        loop {
            attempts += 1;
            let remaining = deadline.saturating_sub(started.elapsed());
            if remaining.is_zero() {
                return Err(LicenseError::Timeout);
            }
            let begun = Instant::now();
            let result = attempt(Attempt {
                timeout: remaining.min(self.parts.timeouts.attempt),
                timestamp: self.parts.clock.now() + self.offset.load(Ordering::Relaxed),
            })
            .await;
            let (http_status, request_id, code) = match &result {
                Ok((_, reply)) => (Some(reply.status), reply.request_id.clone(), None),
                Err(e) => (
                    e.http_status(),
                    e.request_id().map(str::to_owned),
                    Some(e.code().1.to_owned()),
                ),
            };
            self.outcomes.record(Outcome {
                at: self.parts.clock.now(),
                path: path.to_owned(),
                http_status,
                code,
                request_id,
                latency_ms: begun.elapsed().as_millis() as u64,
            });
            let error = match result {
                Ok((value, _)) => return Ok(value),
                Err(error) => error,
            };
            let retry_after = match &error {
                LicenseError::Api(f) => f.retry_after,
                _ => None,
            };
            match error.retry_class() {
                RetryClass::AfterClockFix if !clock_fixed => {
                    clock_fixed = true;
                    let observed = self.observed.load(Ordering::Relaxed);
                    self.offset.store(observed, Ordering::Relaxed);
                    tracing::info!(offset_secs = observed, "re-signing with a fresh nonce");
                }
                RetryClass::Backoff => {
                    let wait = policy.delay(attempts, rand::random::<f64>(), retry_after);
                    let left = deadline.saturating_sub(started.elapsed());
                    if attempts >= policy.max_attempts || wait >= left {
                        return Err(error);
                    }
                    tracing::info!(
                        attempt = attempts,
                        wait_ms = wait.as_millis() as u64,
                        "retrying"
                    );
                    tokio::time::sleep(wait).await;
                }
                _ => return Err(error),
            }
        }
    }
}
