//! Contract servers: each other vendor's license server (seeds 001–004) as
//! a wiremock server on loopback, answering as its seed documents. Every
//! code of a seed's tables is reachable by the license key sent:
//!
//! - [`GOOD_KEY`] is a working license with [`SEATS`] seats;
//! - `E-<CODE>` answers `<CODE>` in the vendor's standard error envelope,
//!   with the status of its seed table (Licentric: `E-<status>-<CODE>`);
//! - vendor-specific prefixes (a GeckoGuard denial `R-<REASON>`, appauth's
//!   `V-`/`H-`/`D-` per endpoint, `T-…` for a tampered answer) are
//!   described in each module.
//!
//! Each server checks the vendor's credentials ([`API_KEY`], [`SECRET`])
//! and signatures as the vendor would.

pub mod appauth;
pub mod geckoguard;
pub mod licensekit;
pub mod licentric;
mod seats;

/// The vendor's API key (GeckoGuard's `X-Api-Key`, appauth's app id, the
/// bearer token of LicenseKit and Licentric).
pub const API_KEY: &str = "contract-api-key";
/// The vendor's signing or app secret.
pub const SECRET: &str = "contract-secret";
/// A working license.
pub const GOOD_KEY: &str = "GOOD-KEY-0001";
/// Seats of [`GOOD_KEY`].
pub const SEATS: u32 = 3;

/// The JSON body of a request (`Null` if it has none).
fn body(request: &wiremock::Request) -> serde_json::Value {
    serde_json::from_slice(&request.body).unwrap_or(serde_json::Value::Null)
}

/// A string field of a JSON body.
fn field<'a>(body: &'a serde_json::Value, name: &str) -> &'a str {
    body.get(name).and_then(|v| v.as_str()).unwrap_or_default()
}

/// The bearer token of a request.
fn bearer(request: &wiremock::Request) -> Option<&str> {
    request
        .headers
        .get("authorization")?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
}
