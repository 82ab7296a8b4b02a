//! `AppError`: every failure a handler can answer with, as a protocol code.
//!
//! `IntoResponse` sets the status (and `Retry-After`) and leaves the error in
//! the response's extensions; [`crate::frame`] renders the envelope, because
//! only it knows the request id.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use keyslot_protocol::{ErrorCode, FieldError};

/// A protocol error on its way to the client.
#[derive(Debug, Clone)]
pub struct AppError {
    /// The protocol code.
    pub code: ErrorCode,
    /// The HTTP status; the code's own unless overridden (413 for huge bodies).
    pub status: StatusCode,
    /// Developer-facing message. Never internals, never a key or secret.
    pub message: String,
    /// Per-field details.
    pub details: Option<Vec<FieldError>>,
    /// Seconds for `Retry-After`.
    pub retry_after: Option<u64>,
}

impl AppError {
    /// An error with `code`'s own HTTP status.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            status: StatusCode::from_u16(code.http_status())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            message: message.into(),
            details: None,
            retry_after: None,
        }
    }

    /// A `1702` naming the bad fields.
    pub fn malformed(details: Vec<FieldError>) -> Self {
        Self::new(ErrorCode::Malformed, "request body failed validation").with_details(details)
    }

    /// A temporary server failure (`1711`, 503). The cause is logged here and
    /// never sent to the client.
    pub fn internal(cause: &dyn std::fmt::Display) -> Self {
        tracing::error!(%cause, "internal error");
        Self::new(
            ErrorCode::Unavailable,
            "temporary server failure, retry later",
        )
        .retry_after(1)
    }

    /// Adds `details`.
    pub fn with_details(mut self, details: Vec<FieldError>) -> Self {
        self.details = Some(details);
        self
    }

    /// Sets `Retry-After` (at least one second).
    pub fn retry_after(mut self, secs: u64) -> Self {
        self.retry_after = Some(secs.max(1));
        self
    }

    /// Overrides the HTTP status.
    pub fn with_status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }
}

impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        Self::internal(&error)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut response = self.status.into_response();
        if let Some(secs) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response.extensions_mut().insert(self);
        response
    }
}
