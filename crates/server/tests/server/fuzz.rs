//! Fuzzing the server's front door through the real router (`oneshot`):
//! any signing headers (right, stale, malformed, missing), content type
//! and body (any bytes, or JSON near each request, with a real license key
//! or not) on every license endpoint. Every answer is framed (request id,
//! a signature over the request's nonce as sent), a `200` only answers a
//! correctly signed request, and every other answer is a protocol error
//! envelope of a 4xx: nothing a client sends makes the server fail (5xx).

use axum::body::Body;
use axum::http::{HeaderValue, Request, StatusCode};
use http_body_util::BodyExt;
use keyslot_fuzz::proptest::prelude::*;
use keyslot_fuzz::{Bytes, check, header_value};
use keyslot_protocol::{
    ActivateResponse, DeactivateResponse, DevicesResponse, ErrorCode, ErrorEnvelope,
    StatusResponse, headers, paths, sign_request, verify_response,
};
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::support::{Harness, SECRET, T0, fingerprint};

/// A header as the client sends it: mostly a plausible value, else any
/// bytes or none.
fn sent(plausible: BoxedStrategy<String>) -> BoxedStrategy<Option<Vec<u8>>> {
    prop::option::weighted(
        0.95,
        prop_oneof![8 => plausible.prop_map(String::into_bytes), 1 => header_value()],
    )
    .boxed()
}

/// The signature: right for what is sent, or any value, or none.
#[derive(Debug, Clone)]
enum Signature {
    Right,
    Sent(Option<Vec<u8>>),
}

#[derive(Debug, Clone)]
struct Case {
    path: &'static str,
    timestamp: Option<Vec<u8>>,
    nonce: Option<Vec<u8>>,
    signature: Signature,
    content_type: Option<Vec<u8>>,
    body: Bytes,
}

/// Each endpoint with a valid body for it, for the license `key`.
fn endpoints(key: &str) -> Vec<(&'static str, Value)> {
    let machine = json!({"fingerprint": fingerprint(1), "name": "Ada", "platform": "linux-x86_64"});
    vec![
        (
            paths::ACTIVATE,
            json!({"license_key": key, "machine": machine}),
        ),
        (
            paths::STATUS,
            json!({"license_key": key, "fingerprint": fingerprint(1)}),
        ),
        (paths::DEVICES, json!({"license_key": key})),
        (
            paths::DEACTIVATE,
            json!({"license_key": key, "activation_id": "act_01J8X3W4Y5Z6A7B8C9D0EFGHJK"}),
        ),
    ]
}

fn cases(license: &str) -> BoxedStrategy<Case> {
    let timestamp = prop_oneof![
        6 => Just(T0.to_string()),
        1 => (T0 - 900..T0 + 900).prop_map(|t| t.to_string()),
        1 => "[0-9]{0,16}",
    ];
    let content_type = prop_oneof![
        6 => Just("application/json".to_owned()),
        1 => "(application/json|text/plain|APPLICATION/JSON)(; ?charset=utf-8)?",
    ];
    let signature = prop_oneof![
        6 => Just(Signature::Right),
        1 => sent("[0-9a-f]{64}".boxed()).prop_map(Signature::Sent),
    ];
    // A body near the endpoint's, with the real key or an unknown one.
    let requests = prop::strategy::Union::new(
        [endpoints(license), endpoints("KS-NOT-A-KEY")]
            .concat()
            .into_iter()
            .map(|(path, template)| (Just(path), keyslot_fuzz::body(&template))),
    );
    (
        requests,
        sent(timestamp.boxed()),
        sent("[A-Za-z0-9_-]{16,64}".boxed()),
        signature,
        sent(content_type.boxed()),
    )
        .prop_map(
            |((path, body), timestamp, nonce, signature, content_type)| Case {
                path,
                timestamp,
                nonce,
                signature,
                content_type,
                body,
            },
        )
        .boxed()
}

impl Case {
    /// Header values as the server reads them: text, or not at all.
    fn text(value: &Option<Vec<u8>>) -> Option<&str> {
        value
            .as_deref()
            .and_then(|v| HeaderValue::from_bytes(v).ok())
            .and_then(|_| std::str::from_utf8(value.as_deref()?).ok())
            .filter(|v| v.bytes().all(|b| (0x20..0x7f).contains(&b) || b == b'\t'))
    }

    /// The signature this case sends.
    fn signature(&self) -> Option<Vec<u8>> {
        match &self.signature {
            Signature::Right => {
                let timestamp = Self::text(&self.timestamp)?.parse().ok()?;
                let nonce = Self::text(&self.nonce)?;
                let right = sign_request("POST", self.path, timestamp, nonce, &self.body.0, SECRET);
                Some(right.into_bytes())
            }
            Signature::Sent(value) => value.clone(),
        }
    }

    fn request(&self) -> Request<Body> {
        let mut request = Request::post(self.path);
        let signature = self.signature();
        for (name, value) in [
            (headers::TIMESTAMP, &self.timestamp),
            (headers::NONCE, &self.nonce),
            (headers::SIGNATURE, &signature),
            ("content-type", &self.content_type),
        ] {
            if let Some(value) = value
                .as_deref()
                .and_then(|v| HeaderValue::from_bytes(v).ok())
            {
                request = request.header(name, value);
            }
        }
        request
            .body(Body::from(self.body.0.clone()))
            .expect("a request")
    }

    /// Whether the request is signed as the protocol says, at the server's time.
    fn signed(&self) -> bool {
        let stamped = Self::text(&self.timestamp)
            .and_then(keyslot_protocol::signing::parse_timestamp)
            .is_some_and(|t| (t - T0).abs() <= 300);
        let nonce = Self::text(&self.nonce).is_some_and(keyslot_protocol::signing::is_valid_nonce);
        stamped && nonce && matches!(self.signature, Signature::Right)
    }
}

#[test]
fn fuzz_license_endpoints() {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let harness = runtime.block_on(Harness::new());
    let license = runtime.block_on(harness.license(3));
    check(cases(&license), |case| {
        let response = runtime.block_on(harness.app.clone().oneshot(case.request()));
        let response = response.expect("infallible");
        let status = response.status();
        let framed = response.headers().clone();
        let body = runtime
            .block_on(response.into_body().collect())
            .expect("a body")
            .to_bytes();
        let request_id = framed
            .get(headers::REQUEST_ID)
            .and_then(|v| v.to_str().ok());
        prop_assert_eq!(request_id.map(str::len), Some(26), "a request id");
        // The frame signs over the nonce as it was sent, if it was text.
        let nonce = framed_nonce(&case);
        let signature = framed.get(headers::SIGNATURE).and_then(|v| v.to_str().ok());
        let verified = signature
            .is_some_and(|s| verify_response(nonce, status.as_u16(), &body, s, SECRET).is_ok());
        prop_assert!(verified, "an answer not signed over the nonce");
        if status == StatusCode::OK {
            prop_assert!(case.signed(), "a 200 to a request not signed");
            let read = match case.path {
                paths::ACTIVATE => serde_json::from_slice::<ActivateResponse>(&body).is_ok(),
                paths::STATUS => serde_json::from_slice::<StatusResponse>(&body).is_ok(),
                paths::DEVICES => serde_json::from_slice::<DevicesResponse>(&body).is_ok(),
                _ => serde_json::from_slice::<DeactivateResponse>(&body).is_ok(),
            };
            prop_assert!(read, "a 200 that is not the endpoint's answer");
            return Ok(());
        }
        let envelope = serde_json::from_slice::<ErrorEnvelope>(&body);
        prop_assert!(envelope.is_ok(), "{status}: not an envelope");
        let envelope = envelope.expect("checked");
        let code = envelope.error.code;
        prop_assert!(!matches!(code, ErrorCode::Unknown(_)) && !envelope.error.message.is_empty());
        prop_assert_eq!(envelope.error.name.as_str(), code.name());
        prop_assert_eq!(Some(envelope.request_id.as_str()), request_id);
        let oversized = code == ErrorCode::Malformed
            && [StatusCode::PAYLOAD_TOO_LARGE, StatusCode::REQUEST_TIMEOUT].contains(&status);
        prop_assert!(
            status.as_u16() == code.http_status() || oversized,
            "{status} {code}"
        );
        prop_assert!(
            status.is_client_error(),
            "{status} {code}: {}",
            envelope.error.message
        );
        if !case.signed() {
            prop_assert!(
                matches!(code, ErrorCode::BadSignature | ErrorCode::StaleTimestamp) || oversized,
                "{code} to a request not signed"
            );
        }
        Ok(())
    });
}

/// The nonce the frame signs the answer over: the header's text, else "".
fn framed_nonce(case: &Case) -> &str {
    case.nonce
        .as_deref()
        .filter(|v| HeaderValue::from_bytes(v).is_ok())
        .and_then(|v| std::str::from_utf8(v).ok())
        .filter(|v| v.bytes().all(|b| (0x20..0x7f).contains(&b) || b == b'\t'))
        .unwrap_or_default()
}
