//! The frame around every response: request id (also in the request's
//! extensions, as a [`RequestId`], for a page that shows it), error
//! envelope, response signature, `Date` from the server clock, one log line
//! per request, and a row of the request log per license call.

use std::time::Instant;

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use keyslot_protocol::{API_PREFIX, ErrorCode, ErrorEnvelope, headers, sign_response};
use time::OffsetDateTime;
use time::macros::format_description;
use tracing::Instrument;

use crate::client_ip;
use crate::request_log::{self, Call, Notes, RequestId};
use crate::{AppState, error::AppError};

/// Formats unix seconds as an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`).
pub fn http_date(unix: i64) -> Option<String> {
    let format = format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    OffsetDateTime::from_unix_timestamp(unix)
        .ok()?
        .format(&format)
        .ok()
}

/// In a response's extensions: the protocol code it refuses with, in a body
/// of its own (the offline page's HTML), which the frame leaves as it is.
/// An [`AppError`] there is answered as its envelope instead.
#[derive(Debug, Clone, Copy)]
pub struct Refused(pub ErrorCode);

/// The middleware; see the module docs.
pub async fn frame(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let started = Instant::now();
    let ulid = ulid::Ulid::generate();
    let request_id = ulid.to_string();
    let path = req.uri().path().to_owned();
    req.extensions_mut().insert(RequestId(ulid));
    let logged = request_log::endpoint(&path)
        .filter(|_| state.requests.is_on())
        .map(|endpoint| {
            let notes = Notes::default();
            req.extensions_mut().insert(notes.clone());
            let trusted = &state.limits.trusted_proxies;
            let ip = client_ip::of_request(req.extensions(), req.headers(), trusted);
            (endpoint, ip, notes)
        });
    let signs = path.starts_with(API_PREFIX);
    let nonce = req
        .headers()
        .get(headers::NONCE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let span = tracing::info_span!(
        "request",
        id = %request_id,
        method = %req.method(),
        path = %path,
        key = tracing::field::Empty,
    );
    let mut response = next.run(req).instrument(span.clone()).await;

    let code = response.extensions_mut().remove::<AppError>().map(|error| {
        let code = error.code;
        let envelope = ErrorEnvelope::new(code, error.message, error.details, request_id.as_str());
        let body = serde_json::to_vec(&envelope).unwrap_or_default();
        *response.body_mut() = Body::from(body);
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        response.headers_mut().remove(header::CONTENT_LENGTH);
        code
    });
    let code = code.or_else(|| response.extensions().get::<Refused>().map(|r| r.0));

    let headers = response.headers_mut();
    if let Ok(id) = HeaderValue::from_str(&request_id) {
        headers.insert(headers::REQUEST_ID, id);
    }
    if let Some(date) = http_date(state.clock.now()).and_then(|d| HeaderValue::from_str(&d).ok()) {
        headers.insert(header::DATE, date);
    }

    if signs && let Some(secret) = &state.secret {
        let (mut parts, body) = response.into_parts();
        // Our own responses are small and already in memory.
        let bytes = to_bytes(body, usize::MAX).await.unwrap_or_default();
        let signature = sign_response(&nonce, parts.status.as_u16(), &bytes, secret.expose());
        if let Ok(value) = HeaderValue::from_str(&signature) {
            parts.headers.insert(headers::SIGNATURE, value);
        }
        response = Response::from_parts(parts, Body::from(bytes));
    }

    let status = response.status().as_u16();
    let code = code.map(|c| c.number());
    let elapsed = started.elapsed();
    if let Some((endpoint, client_ip, notes)) = logged {
        state.requests.record(Call {
            request_id: ulid,
            at: state.clock.now(),
            endpoint,
            status,
            code,
            client_ip,
            latency_us: u32::try_from(elapsed.as_micros()).unwrap_or(u32::MAX),
            noted: notes.take(),
        });
    }
    let millis = elapsed.as_secs_f64() * 1000.0;
    span.in_scope(|| {
        if status >= 500 {
            tracing::warn!(status, code, millis, "answered");
        } else {
            tracing::info!(status, code, millis, "answered");
        }
    });
    response
}

#[cfg(test)]
mod tests {
    #[test]
    fn http_dates_use_the_imf_fixdate_form() {
        assert_eq!(
            super::http_date(784_111_777).as_deref(),
            Some("Sun, 06 Nov 1994 08:49:37 GMT")
        );
    }
}
