//! The signing headers and signatures: any header values, and signatures
//! that are right, nearly right or anything. A signature verifies exactly
//! when it is the lowercase hex HMAC of the canonical string.

use keyslot_fuzz::check;
use keyslot_fuzz::proptest::prelude::*;
use keyslot_protocol::signing::{is_valid_nonce, parse_timestamp};
use keyslot_protocol::{
    SignatureError, SignedHeaders, sign_request, sign_response, verify_request, verify_response,
};

/// A header value: plausible for one of the three, or anything.
fn header() -> BoxedStrategy<Option<String>> {
    prop::option::of(prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        "0|[1-9][0-9]{0,16}",
        "[A-Za-z0-9_-]{10,70}",
        "[0-9a-f]{64}",
        any::<String>(),
    ])
    .boxed()
}

#[test]
fn fuzz_signed_headers() {
    check(
        (header(), header(), header()),
        |(timestamp, nonce, signature)| {
            let parsed =
                SignedHeaders::parse(timestamp.as_deref(), nonce.as_deref(), signature.as_deref());
            match parsed {
                Ok(headers) => {
                    let written = headers.timestamp.to_string();
                    prop_assert_eq!(Some(written.as_str()), timestamp.as_deref());
                    prop_assert!(is_valid_nonce(headers.nonce));
                    prop_assert_eq!(Some(headers.nonce), nonce.as_deref());
                    prop_assert_eq!(Some(headers.signature), signature.as_deref());
                }
                Err(error) => {
                    prop_assert!(!error.to_string().is_empty());
                    let (ts, n, s) = (timestamp.as_deref(), nonce.as_deref(), signature.as_deref());
                    let expected = match (ts, n, s) {
                        (None, _, _) => SignatureError::MissingHeader("x-license-timestamp"),
                        (_, None, _) => SignatureError::MissingHeader("x-license-nonce"),
                        (_, _, None) => SignatureError::MissingHeader("x-license-signature"),
                        (Some(ts), _, _) if parse_timestamp(ts).is_none() => {
                            SignatureError::BadTimestamp
                        }
                        _ => SignatureError::BadNonce,
                    };
                    prop_assert_eq!(error, expected);
                }
            }
            Ok(())
        },
    );
}

/// The claimed signature: the right one, one with a character changed,
/// the right one in uppercase, or any text.
#[derive(Debug, Clone)]
enum Claimed {
    Right,
    Changed(prop::sample::Index, char),
    Upper,
    Any(String),
}

fn claimed() -> BoxedStrategy<Claimed> {
    prop_oneof![
        Just(Claimed::Right),
        (any::<prop::sample::Index>(), any::<char>()).prop_map(|(i, c)| Claimed::Changed(i, c)),
        Just(Claimed::Upper),
        any::<String>().prop_map(Claimed::Any),
    ]
    .boxed()
}

impl Claimed {
    fn of(&self, right: &str) -> String {
        match self {
            Self::Right => right.to_owned(),
            Self::Changed(at, c) => {
                let mut chars: Vec<char> = right.chars().collect();
                let at = at.index(chars.len());
                chars[at] = *c;
                chars.into_iter().collect()
            }
            Self::Upper => right.to_uppercase(),
            Self::Any(text) => text.clone(),
        }
    }
}

#[test]
fn fuzz_signatures() {
    let cases = (
        prop_oneof![Just("POST".to_owned()), "[A-Z]{0,8}"],
        prop_oneof![Just("/api/v1/license/activate".to_owned()), ".{0,40}"],
        any::<i64>(),
        ".{0,70}",
        prop::collection::vec(any::<u8>(), 0..300),
        prop::collection::vec(any::<u8>(), 0..80),
        any::<u16>(),
        claimed(),
    );
    check(
        cases,
        |(method, path, timestamp, nonce, body, secret, status, claimed)| {
            let right = sign_request(&method, &path, timestamp, &nonce, &body, &secret);
            let signature = claimed.of(&right);
            let headers = SignedHeaders {
                timestamp,
                nonce: &nonce,
                signature: &signature,
            };
            let verified = verify_request(&method, &path, &headers, &body, &secret);
            prop_assert_eq!(verified.is_ok(), signature == right);
            let right = sign_response(&nonce, status, &body, &secret);
            let signature = claimed.of(&right);
            let verified = verify_response(&nonce, status, &body, &signature, &secret);
            prop_assert_eq!(verified.is_ok(), signature == right);
            Ok(())
        },
    );
}
