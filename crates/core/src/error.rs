//! [`LicenseError`]: every way a license operation can fail, and
//! [`ErrorReport`]: the same, resolved against the catalog once, for the UI,
//! the CLI and the support report.

use std::time::Duration;

use keyslot_protocol::FieldError;
use serde::Serialize;

use crate::catalog::{self, Action, Kind, Origin, Provider, RetryClass};
use crate::lease::Verdict;
use crate::locale::Lang;

/// A failure on the way to the network or back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NetworkFailure {
    /// No route, connection refused or reset.
    Offline,
    /// The host name could not be resolved.
    Dns,
    /// The proxy refused or failed the connection.
    Proxy,
    /// The TLS handshake or certificate check failed.
    Tls,
}

impl NetworkFailure {
    fn code(self) -> &'static str {
        match self {
            Self::Offline => "offline",
            Self::Dns => "dns_failed",
            Self::Proxy => "proxy_failed",
            Self::Tls => "tls_failed",
        }
    }
}

/// A coded answer from a license server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiFailure {
    /// The server that answered.
    pub provider: Provider,
    /// The raw code, as a string.
    pub code: String,
    /// The endpoint context, where a provider's codes differ by endpoint.
    pub context: Option<&'static str>,
    /// HTTP status.
    pub http_status: u16,
    /// The server's developer message (for logs, never shown as is).
    pub message: String,
    /// Per-field details.
    pub details: Vec<FieldError>,
    /// `x-request-id` (or the provider's request id).
    pub request_id: Option<String>,
    /// `Retry-After`, if sent.
    pub retry_after: Option<Duration>,
    /// For a clock-skew answer: how far this computer's clock is ahead of the
    /// server's, in seconds (negative: behind).
    pub clock_offset_secs: Option<i64>,
}

/// Everything that can go wrong in a license operation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LicenseError {
    /// The server answered with an error code.
    #[error("{} answered {} (HTTP {})", .0.provider.id(), .0.code, .0.http_status)]
    Api(Box<ApiFailure>),
    /// A vendor's "not found" when validating this machine's seat: it
    /// holds none (freed elsewhere), and can be activated again. The answer
    /// is kept for support.
    #[error("this machine holds no seat ({} answered {})", .0.provider.id(), .0.code)]
    NoSeat(Box<ApiFailure>),
    /// The answer's signature did not verify.
    #[error("the answer failed its signature check")]
    Tampered {
        /// HTTP status of the suspicious answer.
        http_status: Option<u16>,
        /// Its request id, if any.
        request_id: Option<String>,
    },
    /// The server's verified clock is more than a day from this computer's:
    /// one of them is wrong, and nothing was re-signed with it.
    #[error("this computer's clock is {ahead_secs} s ahead of the server's")]
    ClocksApart {
        /// How far this computer's clock is ahead of the server's (negative: behind).
        ahead_secs: i64,
    },
    /// The stored lease does not let the license run offline: expired,
    /// not signed by a pinned key, another machine's or key's, or judged
    /// with a clock turned back. ([`Verdict::NoLease`] is [`Self::NotActivated`].)
    #[error("the license's lease does not hold: {0:?}")]
    Lease(Verdict),
    /// A license file brought from the offline page is not one for this
    /// machine and key that holds now (the stage says why).
    #[error("the license file does not hold here: {0:?}")]
    LeaseFile(Verdict),
    /// A license file can't be checked: no lease key is pinned or kept.
    #[error("no lease key is pinned to check a license file with")]
    NoLeaseKeys,
    /// The network failed.
    #[error("network failure: {0:?}")]
    Network(NetworkFailure),
    /// No answer in time.
    #[error("the server did not answer in time")]
    Timeout,
    /// An answer that is not the protocol's (not JSON, truncated, a proxy's page).
    #[error("unreadable answer (HTTP {http_status})")]
    BadResponse {
        /// HTTP status.
        http_status: u16,
        /// Request id, if any.
        request_id: Option<String>,
    },
    /// The keychain is missing (`locked == false`) or locked.
    #[error("keychain unavailable: {detail}")]
    Keychain {
        /// Locked rather than missing.
        locked: bool,
        /// What the platform said (never a secret).
        detail: String,
    },
    /// Nothing is activated on this machine.
    #[error("no license is activated on this machine")]
    NotActivated,
    /// The key does not have the shape of a license key.
    #[error("not a license key")]
    InvalidKeyFormat,
    /// No API secret is configured.
    #[error("no API secret configured")]
    SecretMissing,
    /// The server refused the app's signature: the API secrets differ.
    #[error("the server rejected the API secret")]
    SecretRejected,
    /// The configuration is invalid.
    #[error("invalid configuration: {0}")]
    Config(String),
    /// Local (non-secret) state could not be read or written.
    #[error("{0}")]
    Storage(String),
    /// The license server does not offer this action.
    #[error("the license server does not offer this")]
    Unsupported {
        /// Where the user can do it instead.
        elsewhere: String,
    },
}

impl LicenseError {
    /// The origin and code this error is catalogued under, and the
    /// endpoint context where a provider's codes differ by endpoint.
    pub fn code(&self) -> (Origin, &str, Option<&'static str>) {
        let local = |code| (Origin::Local, code, None);
        match self {
            Self::Api(f) => (Origin::Server(f.provider), f.code.as_str(), f.context),
            Self::NoSeat(_) => local("no_seat"),
            Self::Tampered { .. } => local("response_tampered"),
            Self::ClocksApart { .. } => local("clocks_apart"),
            Self::Lease(Verdict::Expired) => local("lease_expired"),
            Self::Lease(Verdict::OtherMachine | Verdict::OtherKey) => local("lease_other_machine"),
            Self::Lease(Verdict::ClockRolledBack) => local("clock_rolled_back"),
            Self::Lease(_) => local("lease_tampered"),
            Self::LeaseFile(Verdict::Tampered) => local("lease_file_tampered"),
            Self::LeaseFile(Verdict::OtherMachine) => local("lease_file_other_machine"),
            Self::LeaseFile(Verdict::OtherKey) => local("lease_file_other_key"),
            Self::LeaseFile(Verdict::Expired) => local("lease_file_expired"),
            Self::LeaseFile(Verdict::ClockRolledBack) => local("clock_rolled_back"),
            Self::LeaseFile(_) => local("lease_file_malformed"),
            Self::NoLeaseKeys => local("no_lease_keys"),
            Self::Network(n) => local(n.code()),
            Self::Timeout => local("timeout"),
            Self::BadResponse { .. } => local("bad_response"),
            Self::Keychain { locked: true, .. } => local("keychain_locked"),
            Self::Keychain { locked: false, .. } => local("keychain_unavailable"),
            Self::NotActivated => local("not_activated"),
            Self::InvalidKeyFormat => local("invalid_key_format"),
            Self::SecretMissing => local("api_secret_missing"),
            Self::SecretRejected => local("api_secret_rejected"),
            Self::Config(_) => local("config_invalid"),
            Self::Storage(_) => local("storage_failed"),
            Self::Unsupported { .. } => local("not_supported"),
        }
    }

    /// The HTTP status behind the error, if one.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            Self::Api(f) | Self::NoSeat(f) => Some(f.http_status),
            Self::Tampered { http_status, .. } => *http_status,
            Self::BadResponse { http_status, .. } => Some(*http_status),
            _ => None,
        }
    }

    /// The request id behind the error, if one, and shaped like an id.
    pub fn request_id(&self) -> Option<&str> {
        let id = match self {
            Self::Api(f) | Self::NoSeat(f) => f.request_id.as_deref(),
            Self::Tampered { request_id, .. } | Self::BadResponse { request_id, .. } => {
                request_id.as_deref()
            }
            _ => None,
        };
        id.filter(|id| is_request_id(id))
    }

    /// The catalog entry for this error.
    pub fn entry(&self) -> catalog::Entry {
        let (origin, code, context) = self.code();
        catalog::lookup(origin, code, context, self.http_status())
    }

    /// The retry class of this error.
    pub fn retry_class(&self) -> RetryClass {
        self.entry().retry
    }

    /// The error resolved for people in this process's language: what the
    /// UI shows and support reads.
    pub fn report(&self) -> ErrorReport {
        self.report_in(Lang::current())
    }

    /// The error resolved for people, in `lang`.
    pub fn report_in(&self, lang: Lang) -> ErrorReport {
        let entry = self.entry();
        let (origin, code, context) = self.code();
        let (retry_after_secs, clock_offset_secs, details) = match self {
            Self::Api(f) | Self::NoSeat(f) => (
                f.retry_after.map(|d| d.as_secs()),
                f.clock_offset_secs,
                f.details.clone(),
            ),
            Self::ClocksApart { ahead_secs } => (None, Some(*ahead_secs), Vec::new()),
            // What in the configuration is wrong (it names no secret).
            Self::Config(detail) => (
                None,
                None,
                vec![FieldError {
                    field: "configuration".to_owned(),
                    message: detail.clone(),
                }],
            ),
            _ => (None, None, Vec::new()),
        };
        let mut steps = entry.steps(lang);
        if let Self::Unsupported { elsewhere } = self {
            steps.insert(0, elsewhere.clone());
        }
        ErrorReport {
            kind: entry.kind,
            code: code.to_owned(),
            context: context.map(str::to_owned),
            title: entry.title(lang),
            message: entry.message(lang),
            steps,
            action: entry.action,
            retry: entry.retry,
            request_id: self.request_id().map(str::to_owned),
            http_status: self.http_status(),
            provider: origin.id().to_owned(),
            retry_after_secs,
            clock_offset_secs,
            details,
        }
    }
}

/// An error as people see it: `{kind, code, title, message, steps[], action,
/// retry, request_id, http_status, provider}`, plus what the UI needs to say
/// "try again in 30 s" or "your clock is 7 minutes fast". Contains no secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ErrorReport {
    /// What went wrong, in the domain's words (the UI branches on it).
    pub kind: Kind,
    /// The raw code, for support details only (never shown as the message).
    pub code: String,
    /// Where the code's meaning differs by endpoint, which endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// A short title.
    pub title: String,
    /// One or two calm sentences: what happened.
    pub message: String,
    /// What to do, in order.
    pub steps: Vec<String>,
    /// The one button the error view offers.
    pub action: Action,
    /// How the app may retry, from the code's seed table.
    pub retry: RetryClass,
    /// Request id, for support.
    pub request_id: Option<String>,
    /// HTTP status, for support.
    pub http_status: Option<u16>,
    /// Who answered: the provider's id, or `keyslot` for a problem on this side.
    pub provider: String,
    /// Seconds to wait, when the server said.
    pub retry_after_secs: Option<u64>,
    /// How far this computer's clock is from the server's (positive: ahead).
    pub clock_offset_secs: Option<i64>,
    /// Per-field details from the server.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<FieldError>,
}

impl ErrorReport {
    /// The title in `lang`, resolved again from the code (the support
    /// report is in English whatever language the user saw).
    pub fn title_in(&self, lang: Lang) -> String {
        self.entry()
            .map_or_else(|| self.title.clone(), |e| e.title(lang))
    }

    /// The catalog's steps in `lang`, resolved again from the code. A step
    /// put before them (where a server frees seats) is not among them.
    pub fn steps_in(&self, lang: Lang) -> Vec<String> {
        self.entry()
            .map_or_else(|| self.steps.clone(), |e| e.steps(lang))
    }

    fn entry(&self) -> Option<catalog::Entry> {
        let origin = Origin::from_id(&self.provider)?;
        Some(catalog::lookup(
            origin,
            &self.code,
            self.context.as_deref(),
            self.http_status,
        ))
    }
}

/// Whether `id`, which came from the network, looks like a request id (1 to
/// 128 of `A-Z a-z 0-9 . _ : -`): anything else is not shown, so a server's
/// or a forger's prose never reaches the error view or the report.
pub(crate) fn is_request_id(id: &str) -> bool {
    is_token(id, 128)
}

/// Whether `s` is 1 to `max` of `A-Z a-z 0-9 . _ : -`: the shape of an id
/// or code from outside that may be shown as it is.
pub(crate) fn is_token(s: &str, max: usize) -> bool {
    (1..=max).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_id_shaped_request_ids_are_kept() {
        for id in ["req_01J9Z3", "7f9c2ba4-e88f-11ee", "abc.def:1"] {
            assert!(is_request_id(id), "{id}");
        }
        let long = "a".repeat(129);
        for id in ["", "call +1-555-0100", "id\nforged", "ïd", long.as_str()] {
            assert!(!is_request_id(id), "{id:?}");
        }
        let error = LicenseError::BadResponse {
            http_status: 502,
            request_id: Some("Call us at +1 555 0100".to_owned()),
        };
        assert_eq!(error.request_id(), None);
        assert_eq!(error.report().request_id, None);
    }
}
