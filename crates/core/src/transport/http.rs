//! The HTTP side of the transport: the client every server is reached with,
//! an answer read within bounds, and network failures told apart.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::error::{LicenseError, NetworkFailure};

/// The largest answer body read; a longer one is refused as unreadable.
pub const MAX_BODY: usize = 1 << 20;

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

/// A header's value, if it is text.
pub(super) fn header(headers: &reqwest::header::HeaderMap, name: &str) -> Option<String> {
    headers.get(name)?.to_str().ok().map(str::to_owned)
}

/// Unix seconds of an HTTP date.
pub(super) fn unix_of_http_date(value: &str) -> Option<i64> {
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(UNIX_EPOCH).ok()?.as_secs() as i64)
}

/// A `Retry-After`: seconds, or an HTTP date (RFC 9110), read as the wait
/// from `now` (the answer's `Date`, else this computer's clock).
pub(super) fn retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    match value.parse::<u64>() {
        Ok(secs) => Some(Duration::from_secs(secs)),
        Err(_) => httpdate::parse_http_date(value)
            .ok()
            .map(|at| at.duration_since(now).unwrap_or_default()),
    }
}

/// Reads `response`'s body, refusing one longer than [`MAX_BODY`] before it
/// is read whole: by its `Content-Length`, else once the bytes pass the cap.
pub(super) async fn bounded_body(
    mut response: reqwest::Response,
    unreadable: impl Fn() -> LicenseError,
) -> Result<Vec<u8>, LicenseError> {
    if response
        .content_length()
        .is_some_and(|n| n > MAX_BODY as u64)
    {
        return Err(unreadable());
    }
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) if body.len() + chunk.len() > MAX_BODY => return Err(unreadable()),
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            Ok(None) => return Ok(body),
            Err(e) if e.is_timeout() => return Err(LicenseError::Timeout),
            Err(_) => return Err(unreadable()),
        }
    }
}

/// Tells network, DNS, proxy and TLS failures apart from a `reqwest` error.
/// Only the causes are read, never the top-level message (it names the URL,
/// and a host called `proxy.example` must not look like a proxy failure).
pub(super) fn network_failure(error: &reqwest::Error) -> LicenseError {
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

/// HTTPS in production, plain HTTP only to this machine; and no credentials
/// in the URL (it is shown in diagnostics).
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

/// The HTTP client for the server at `base` (checked, returned without its
/// trailing `/`): system proxy honoured, no redirects.
pub(super) fn client(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_is_seconds_or_an_http_date() {
        let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let later = httpdate::fmt_http_date(now + Duration::from_secs(90));
        let earlier = httpdate::fmt_http_date(now - Duration::from_secs(5));
        assert_eq!(retry_after(" 30 ", now), Some(Duration::from_secs(30)));
        assert_eq!(retry_after(&later, now), Some(Duration::from_secs(90)));
        assert_eq!(retry_after(&earlier, now), Some(Duration::ZERO));
        assert_eq!(retry_after("soon", now), None);
    }
}
