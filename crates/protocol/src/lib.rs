//! The native Keyslot license protocol (v1, and the leases of v1.1), as
//! specified in `docs/protocol.md` (a test keeps that page's code table equal
//! to [`ErrorCode`]'s).
//!
//! This crate is pure: it holds the wire types, the error codes, the request
//! schema checks, the signing recipe and the [`lease`] format (Ed25519 signed
//! JWS), and performs no I/O. Time and nonces
//! are always passed in, so every function here is deterministic; the
//! [`clock`] module defines how callers inject time.

pub mod clock;
pub mod codes;
pub mod lease;
pub mod offline;
pub mod request;
pub mod signing;
pub mod wire;

pub use codes::ErrorCode;
pub use request::{
    ActivateRequest, DeactivateRequest, DevicesRequest, FieldError, Machine, RequestBody,
    StatusRequest, parse_json, parse_request,
};
pub use signing::{
    SignatureError, SignedHeaders, sign_request, sign_response, verify_request, verify_response,
};
pub use wire::{
    ActivateResponse, DeactivateResponse, Device, DevicesResponse, ErrorBody, ErrorEnvelope,
    LicenseState, LicenseSummary, StatusResponse,
};

/// Path prefix of every signed endpoint.
pub const API_PREFIX: &str = "/api/v1/license";

/// The endpoints, by path: four signed ones, and the lease keys.
pub mod paths {
    /// `POST` — activate this machine on a license.
    pub const ACTIVATE: &str = "/api/v1/license/activate";
    /// `POST` — the license and this machine's activation.
    pub const STATUS: &str = "/api/v1/license/status";
    /// `POST` — every device holding a seat.
    pub const DEVICES: &str = "/api/v1/license/devices";
    /// `POST` — free a seat.
    pub const DEACTIVATE: &str = "/api/v1/license/deactivate";
    /// `GET`, not signed — the JSON Web Key Set that verifies leases (v1.1).
    pub const KEYS: &str = "/api/v1/license/keys";
}

/// Header names of the protocol (lowercase, as HTTP/2 and `http` spell them).
pub mod headers {
    /// Unix time of the request in whole seconds.
    pub const TIMESTAMP: &str = "x-license-timestamp";
    /// Fresh random nonce of the request.
    pub const NONCE: &str = "x-license-nonce";
    /// Signature of a request (by the client) or of a response (by the server).
    pub const SIGNATURE: &str = "x-license-signature";
    /// Unique id of every response.
    pub const REQUEST_ID: &str = "x-request-id";
}

/// Largest allowed distance between a request's timestamp and the server's clock.
pub const MAX_CLOCK_SKEW_SECS: i64 = 300;

/// How long the server remembers a nonce to reject replays.
pub const NONCE_RETENTION_SECS: i64 = 600;
