//! [`Signed`]: the extractor that runs checks 1–8 of `docs/protocol.md`
//! ("What the server checks, in order"), in order, before a handler sees a
//! request body.

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use keyslot_protocol::request::parse_json;
use keyslot_protocol::{
    ErrorCode, FieldError, MAX_CLOCK_SKEW_SECS, RequestBody, SignedHeaders, headers, verify_request,
};

use crate::client_ip;
use crate::request_log::Notes;
use crate::{AppState, error::AppError, keys};

/// Largest accepted request body; larger ones get 413 with a `1702` envelope.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// How long a client may take to send its body; slower ones get 408 with a `1702` envelope.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(10);

/// A request body that passed the secret, header, signature, clock, per-IP
/// rate, replay, per-key rate and schema checks.
#[derive(Debug)]
pub struct Signed<T>(pub T);

fn bad_signature(message: impl Into<String>) -> AppError {
    AppError::new(ErrorCode::BadSignature, message)
}

impl<T: RequestBody + Send> FromRequest<AppState> for Signed<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, AppError> {
        // 1. The server must have a secret.
        let Some(secret) = &state.secret else {
            return Err(AppError::new(
                ErrorCode::SecretNotSet,
                "server has no LICENSE_API_SECRET configured",
            ));
        };

        let (parts, body) = req.into_parts();
        let header = |name| parts.headers.get(name).and_then(|v| v.to_str().ok());
        // 2. Headers present and well-formed.
        let signed = SignedHeaders::parse(
            header(headers::TIMESTAMP),
            header(headers::NONCE),
            header(headers::SIGNATURE),
        )
        .map_err(|e| bad_signature(e.to_string()))?;
        let content_type = header(header::CONTENT_TYPE.as_str()).map(str::to_owned);
        let ip = client_ip::of_request(
            &parts.extensions,
            &parts.headers,
            &state.limits.trusted_proxies,
        );
        let notes = parts.extensions.get::<Notes>().cloned();
        let method = parts.method.clone();
        let path = parts.uri.path().to_owned();
        let (nonce, timestamp, signature) = (
            signed.nonce.to_owned(),
            signed.timestamp,
            signed.signature.to_owned(),
        );

        // The HMAC covers the body, so an oversized or stalled body is refused
        // here, before check 3.
        let read = Bytes::from_request(Request::from_parts(parts, body), state);
        let body = match tokio::time::timeout(BODY_TIMEOUT, read).await {
            Err(_) => {
                let late = FieldError::new("body", "not received in time");
                return Err(
                    AppError::malformed(vec![late]).with_status(StatusCode::REQUEST_TIMEOUT)
                );
            }
            Ok(Err(rejection)) => {
                let status = rejection.status();
                let error =
                    AppError::malformed(vec![FieldError::new("body", rejection.body_text())]);
                return Err(if status == StatusCode::PAYLOAD_TOO_LARGE {
                    error.with_status(status)
                } else {
                    error
                });
            }
            Ok(Ok(body)) => body,
        };

        // 3. The HMAC, compared in constant time.
        let signed = SignedHeaders {
            timestamp,
            nonce: &nonce,
            signature: &signature,
        };
        verify_request(method.as_str(), &path, &signed, &body, secret.expose())
            .map_err(|e| bad_signature(e.to_string()))?;
        // The key, now that its signature verified: the request log keeps
        // whose call every later refusal was.
        let json = parse_json(&body);
        let key = json.as_ref().ok().and_then(T::peek_license_key);
        if let Some(notes) = &notes
            && let Some(key) = key.and_then(|key| state.requests.key_ref(key))
        {
            notes.key(key);
        }

        // 4. The clock window.
        let now = state.clock.now();
        if (now - timestamp).abs() > MAX_CLOCK_SKEW_SECS {
            return Err(AppError::new(
                ErrorCode::StaleTimestamp,
                format!(
                    "timestamp is {}s away from server time; the limit is {MAX_CLOCK_SKEW_SECS}s",
                    now - timestamp
                ),
            ));
        }

        // 5. The client IP's rate, before its nonce is recorded: one client
        // cannot fill the replay cache faster than its rate allows.
        state.guard.check_ip(ip).await?;

        // 6. Replays.
        state.guard.check_nonce(&nonce, now).await?;

        // 7. The license key's rate, across all four endpoints.
        if let Some(key) = key {
            tracing::Span::current().record("key", keys::mask(key));
            state.guard.check_key(key).await?;
        }

        // 8. Content type and body schema.
        let is_json = content_type
            .as_deref()
            .and_then(|v| v.split(';').next())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
        if !is_json {
            return Err(AppError::malformed(vec![FieldError::new(
                "content-type",
                "must be application/json",
            )]));
        }
        let json = json.map_err(|e| AppError::malformed(vec![e]))?;
        T::from_json(&json).map(Signed).map_err(AppError::malformed)
    }
}
