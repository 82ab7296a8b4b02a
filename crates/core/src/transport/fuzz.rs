//! Fuzzing what a server's answer brings (tests only). [`Answer`] is any
//! status, headers and body; [`Answer::reply`] makes it the [`Reply`] a
//! dialect reads, as `Transport::send` does (`x-request-id`, `Retry-After`
//! against the answer's `Date`); [`assert_clear`] is what every failure a
//! reader makes of it must be. `Retry-After` and `Date` are fuzzed here.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use keyslot_fuzz::proptest::prelude::*;
use keyslot_fuzz::proptest::test_runner::TestCaseError;
use keyslot_fuzz::{check, header_value, status};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde_json::Value;

use super::{MAX_BODY, Reply, RetryPolicy, Tries, decide, http};
use crate::error::LicenseError;

/// An answer as a server may send it.
#[derive(Clone)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(&'static str, Vec<u8>)>,
    pub(crate) body: Vec<u8>,
}

/// Status, headers and the body as text, cut: a failing case stays readable.
impl std::fmt::Debug for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let body = String::from_utf8_lossy(&self.body);
        let cut: String = body.chars().take(2000).collect();
        f.debug_struct("Answer")
            .field("status", &self.status)
            .field(
                "headers",
                &self
                    .headers
                    .iter()
                    .map(|(n, v)| (n, String::from_utf8_lossy(v)))
                    .collect::<Vec<_>>(),
            )
            .field("body", &cut)
            .field("body_len", &self.body.len())
            .finish()
    }
}

impl Answer {
    /// The answer as the transport hands it to a dialect.
    pub(crate) fn reply(&self) -> Reply {
        let mut headers = HeaderMap::new();
        for (name, value) in &self.headers {
            if let Ok(value) = HeaderValue::from_bytes(value) {
                headers.append(HeaderName::from_static(name), value);
            }
        }
        let request_id = http::header(&headers, keyslot_protocol::headers::REQUEST_ID);
        let server_time = http::header(&headers, "date").and_then(|d| http::unix_of_http_date(&d));
        let now = server_time
            .map(|t| UNIX_EPOCH + Duration::from_secs(t.max(0) as u64))
            .unwrap_or_else(SystemTime::now);
        let retry_after =
            http::header(&headers, "retry-after").and_then(|v| http::retry_after(&v, now));
        let local = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        Reply {
            status: self.status,
            request_id,
            retry_after,
            headers,
            body: self.body.clone(),
            date_offset: server_time.map(|server| server - local),
            verified: false,
        }
    }
}

/// An HTTP date, near now or anywhere from 1970 to 9999.
fn http_date() -> BoxedStrategy<Vec<u8>> {
    prop_oneof![-86_400i64..86_400, 0i64..253_402_300_799 - 1_800_000_000,]
        .prop_map(|offset| {
            let at = UNIX_EPOCH + Duration::from_secs((1_800_000_000 + offset) as u64);
            httpdate::fmt_http_date(at).into_bytes()
        })
        .boxed()
}

/// The headers every answer may have (`x-request-id`, `Date`,
/// `Retry-After`) and the dialect's own `more`, each present or not, with
/// a plausible or an arbitrary value.
fn headers(
    more: Vec<(&'static str, BoxedStrategy<Vec<u8>>)>,
) -> BoxedStrategy<Vec<(&'static str, Vec<u8>)>> {
    let seconds = any::<u64>().prop_map(|s| s.to_string().into_bytes());
    let common: Vec<(&'static str, BoxedStrategy<Vec<u8>>)> = vec![
        (
            "x-request-id",
            prop_oneof!["[0-9A-Z]{26}".prop_map(String::into_bytes), header_value()].boxed(),
        ),
        ("date", prop_oneof![http_date(), header_value()].boxed()),
        (
            "retry-after",
            prop_oneof![seconds, http_date(), header_value()].boxed(),
        ),
    ];
    let each: Vec<_> = common
        .into_iter()
        .chain(more)
        .map(|(name, value)| prop::option::of(value.prop_map(move |v| (name, v))))
        .collect();
    each.prop_map(|headers| headers.into_iter().flatten().collect())
        .boxed()
}

/// Answers near one of the `templates` (a body and the status it comes
/// with): a status near it ([`keyslot_fuzz::status`]), a body near it
/// ([`keyslot_fuzz::body`]), and headers as [`headers`] makes them, with
/// the dialect's `more`. Bodies stay within [`MAX_BODY`], as the transport
/// reads them.
pub(crate) fn answers(
    templates: &[(u16, Value)],
    more: Vec<(&'static str, BoxedStrategy<Vec<u8>>)>,
) -> BoxedStrategy<Answer> {
    let near = templates
        .iter()
        .map(|(usual, template)| (status(*usual), keyslot_fuzz::body(template)));
    (prop::strategy::Union::new(near), headers(more))
        .prop_map(|((status, keyslot_fuzz::Bytes(mut body)), headers)| {
            body.truncate(MAX_BODY);
            Answer {
                status,
                headers,
                body,
            }
        })
        .boxed()
}

/// What every failure read from an answer must be: resolved to a titled
/// message for people, and a retry decision that stops or waits within
/// the time left.
pub(crate) fn assert_clear(error: &LicenseError) -> Result<(), TestCaseError> {
    let report = error.report();
    prop_assert!(
        !report.title.is_empty() && !report.message.is_empty(),
        "{error:?}"
    );
    let left = Duration::from_secs(20);
    let first = Tries {
        attempts: 1,
        resigned: false,
    };
    if let super::Next::Wait(wait) = decide(error, None, first, &RetryPolicy::default(), 0.5, left)
    {
        prop_assert!(wait < left, "{error:?} waits {wait:?}");
    }
    Ok(())
}

#[test]
fn fuzz_retry_after_and_date() {
    let now = UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    check(
        (prop_oneof![http_date(), header_value()], any::<u64>()),
        |(value, secs)| {
            let text = String::from_utf8_lossy(&value);
            let wait = http::retry_after(&text, now);
            if let Some(at) = http::unix_of_http_date(&text) {
                prop_assert!(at >= 0);
                prop_assert_eq!(
                    wait,
                    Some(Duration::from_secs((at - 1_800_000_000).max(0) as u64))
                );
            }
            let seconds = format!(" {secs} ");
            prop_assert_eq!(
                http::retry_after(&seconds, now),
                Some(Duration::from_secs(secs))
            );
            Ok(())
        },
    );
}
