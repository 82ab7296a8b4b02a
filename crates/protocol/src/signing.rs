//! HMAC-SHA256 signing of requests and responses.
//!
//! ```text
//! request:  METHOD \n PATH \n TIMESTAMP \n NONCE \n hex(sha256(BODY))
//! response: REQUEST_NONCE \n STATUS \n hex(sha256(BODY))
//! ```
//!
//! Signatures are lowercase hex. Verification is constant-time
//! (`Mac::verify_slice`). Time and nonce are inputs, never read here.

use hmac::{KeyInit, Mac};
use sha2::{Digest, Sha256};

type HmacSha256 = hmac::Hmac<Sha256>;

/// Why a signature or its headers were refused. Every variant is a `1700`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignatureError {
    /// A required header is absent (or not visible ASCII).
    #[error("missing header {0}")]
    MissingHeader(&'static str),
    /// The timestamp is not a whole number of seconds.
    #[error("timestamp is not an integer")]
    BadTimestamp,
    /// The nonce is not 16–64 characters of `[A-Za-z0-9_-]`.
    #[error("nonce must be 16-64 characters of [A-Za-z0-9_-]")]
    BadNonce,
    /// The signature does not match.
    #[error("signature mismatch")]
    Mismatch,
}

/// The signature headers of a request, checked for shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedHeaders<'a> {
    /// Unix seconds claimed by the client.
    pub timestamp: i64,
    /// The request nonce.
    pub nonce: &'a str,
    /// The claimed signature (hex).
    pub signature: &'a str,
}

impl<'a> SignedHeaders<'a> {
    /// Checks the three header values for presence and shape (check 2 of
    /// the server's order); the HMAC itself is checked by [`verify_request`].
    pub fn parse(
        timestamp: Option<&'a str>,
        nonce: Option<&'a str>,
        signature: Option<&'a str>,
    ) -> Result<Self, SignatureError> {
        use crate::headers;
        let timestamp = timestamp.ok_or(SignatureError::MissingHeader(headers::TIMESTAMP))?;
        let nonce = nonce.ok_or(SignatureError::MissingHeader(headers::NONCE))?;
        let signature = signature.ok_or(SignatureError::MissingHeader(headers::SIGNATURE))?;
        let timestamp = parse_timestamp(timestamp).ok_or(SignatureError::BadTimestamp)?;
        if !is_valid_nonce(nonce) {
            return Err(SignatureError::BadNonce);
        }
        Ok(Self {
            timestamp,
            nonce,
            signature,
        })
    }
}

/// Whether `nonce` has the protocol's shape: 16–64 of `[A-Za-z0-9_-]`.
pub fn is_valid_nonce(nonce: &str) -> bool {
    (16..=64).contains(&nonce.len())
        && nonce
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Parses a timestamp header: decimal digits only (at most 15), no sign and
/// no leading zero, so the parsed number prints back as the exact header
/// value the client signed.
pub fn parse_timestamp(value: &str) -> Option<i64> {
    let canonical = !value.is_empty()
        && value.len() <= 15
        && value.bytes().all(|b| b.is_ascii_digit())
        && (value == "0" || !value.starts_with('0'));
    if !canonical {
        return None;
    }
    value.parse().ok()
}

/// Lowercase hex SHA-256 of `body`.
pub fn body_hash(body: &[u8]) -> String {
    hex::encode(Sha256::digest(body))
}

/// The string a request signature covers.
pub fn canonical_request(
    method: &str,
    path: &str,
    timestamp: i64,
    nonce: &str,
    body: &[u8],
) -> String {
    format!(
        "{method}\n{path}\n{timestamp}\n{nonce}\n{}",
        body_hash(body)
    )
}

/// The string a response signature covers.
pub fn canonical_response(request_nonce: &str, status: u16, body: &[u8]) -> String {
    format!("{request_nonce}\n{status}\n{}", body_hash(body))
}

fn mac(secret: &[u8], message: &str) -> HmacSha256 {
    // HMAC takes keys of any length, so this cannot fail.
    let mut mac =
        <HmacSha256 as KeyInit>::new_from_slice(secret).expect("HMAC accepts any key length");
    mac.update(message.as_bytes());
    mac
}

fn verify(secret: &[u8], message: &str, signature_hex: &str) -> Result<(), SignatureError> {
    // The protocol spells signatures in lowercase hex; anything else is a mismatch.
    let well_formed = signature_hex.len() == 64
        && signature_hex
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    if !well_formed {
        return Err(SignatureError::Mismatch);
    }
    let claimed = hex::decode(signature_hex).map_err(|_| SignatureError::Mismatch)?;
    mac(secret, message)
        .verify_slice(&claimed)
        .map_err(|_| SignatureError::Mismatch)
}

/// Signs a request: lowercase hex of HMAC-SHA256 over [`canonical_request`].
pub fn sign_request(
    method: &str,
    path: &str,
    timestamp: i64,
    nonce: &str,
    body: &[u8],
    secret: &[u8],
) -> String {
    hex::encode(
        mac(
            secret,
            &canonical_request(method, path, timestamp, nonce, body),
        )
        .finalize()
        .into_bytes(),
    )
}

/// Verifies a request signature in constant time.
pub fn verify_request(
    method: &str,
    path: &str,
    headers: &SignedHeaders<'_>,
    body: &[u8],
    secret: &[u8],
) -> Result<(), SignatureError> {
    let canonical = canonical_request(method, path, headers.timestamp, headers.nonce, body);
    verify(secret, &canonical, headers.signature)
}

/// Signs a response to the request that carried `request_nonce`.
pub fn sign_response(request_nonce: &str, status: u16, body: &[u8], secret: &[u8]) -> String {
    hex::encode(
        mac(secret, &canonical_response(request_nonce, status, body))
            .finalize()
            .into_bytes(),
    )
}

/// Verifies a response signature in constant time.
pub fn verify_response(
    request_nonce: &str,
    status: u16,
    body: &[u8],
    signature_hex: &str,
    secret: &[u8],
) -> Result<(), SignatureError> {
    verify(
        secret,
        &canonical_response(request_nonce, status, body),
        signature_hex,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    /// Computed with OpenSSL by `golden/make-vectors.sh`.
    const VECTORS: &str = include_str!("../golden/signing-vectors.json");

    #[derive(Deserialize)]
    struct Vectors {
        secret: String,
        requests: Vec<RequestVector>,
        responses: Vec<ResponseVector>,
    }

    #[derive(Deserialize)]
    struct RequestVector {
        method: String,
        path: String,
        timestamp: i64,
        nonce: String,
        body: String,
        signature: String,
    }

    #[derive(Deserialize)]
    struct ResponseVector {
        nonce: String,
        status: u16,
        body: String,
        signature: String,
    }

    fn vectors() -> Vectors {
        serde_json::from_str(VECTORS).expect("golden vectors parse")
    }

    #[test]
    fn request_signatures_match_the_openssl_vectors() {
        let v = vectors();
        assert_eq!(v.requests.len(), 3);
        for r in &v.requests {
            let secret = v.secret.as_bytes();
            let got = sign_request(
                &r.method,
                &r.path,
                r.timestamp,
                &r.nonce,
                r.body.as_bytes(),
                secret,
            );
            assert_eq!(got, r.signature, "{}", r.path);
            let headers = SignedHeaders {
                timestamp: r.timestamp,
                nonce: &r.nonce,
                signature: &r.signature,
            };
            verify_request(&r.method, &r.path, &headers, r.body.as_bytes(), secret)
                .expect("verifies");
        }
    }

    #[test]
    fn response_signatures_match_the_openssl_vectors() {
        let v = vectors();
        assert_eq!(v.responses.len(), 2);
        for r in &v.responses {
            let secret = v.secret.as_bytes();
            assert_eq!(
                sign_response(&r.nonce, r.status, r.body.as_bytes(), secret),
                r.signature
            );
            verify_response(&r.nonce, r.status, r.body.as_bytes(), &r.signature, secret)
                .expect("verifies");
        }
    }

    #[test]
    fn any_change_breaks_the_signature() {
        let v = vectors();
        let r = &v.requests[0];
        let secret = v.secret.as_bytes();
        let ok = |method: &str, path: &str, ts: i64, nonce: &str, body: &str, secret: &[u8]| {
            let headers = SignedHeaders {
                timestamp: ts,
                nonce,
                signature: &r.signature,
            };
            verify_request(method, path, &headers, body.as_bytes(), secret).is_ok()
        };
        assert!(ok(
            &r.method,
            &r.path,
            r.timestamp,
            &r.nonce,
            &r.body,
            secret
        ));
        assert!(!ok("GET", &r.path, r.timestamp, &r.nonce, &r.body, secret));
        assert!(!ok(
            &r.method,
            "/api/v1/license/status",
            r.timestamp,
            &r.nonce,
            &r.body,
            secret
        ));
        assert!(!ok(
            &r.method,
            &r.path,
            r.timestamp + 1,
            &r.nonce,
            &r.body,
            secret
        ));
        assert!(!ok(
            &r.method,
            &r.path,
            r.timestamp,
            "n0nce-0123456789ABCDEX",
            &r.body,
            secret
        ));
        assert!(!ok(&r.method, &r.path, r.timestamp, &r.nonce, "{}", secret));
        assert!(!ok(
            &r.method,
            &r.path,
            r.timestamp,
            &r.nonce,
            &r.body,
            b"other-secret"
        ));
        let resp = &v.responses[0];
        assert!(
            verify_response(
                &resp.nonce,
                200,
                resp.body.as_bytes(),
                &resp.signature,
                secret
            )
            .is_err()
        );
        assert!(
            verify_response(&resp.nonce, resp.status, resp.body.as_bytes(), "zz", secret).is_err()
        );
    }

    #[test]
    fn header_shapes() {
        let sig = Some("ab");
        let nonce = Some("abcdefghijklmnop");
        assert!(SignedHeaders::parse(Some("1767225600"), nonce, sig).is_ok());
        assert_eq!(
            SignedHeaders::parse(None, nonce, sig),
            Err(SignatureError::MissingHeader("x-license-timestamp"))
        );
        assert_eq!(
            SignedHeaders::parse(Some("1"), None, sig),
            Err(SignatureError::MissingHeader("x-license-nonce"))
        );
        assert_eq!(
            SignedHeaders::parse(Some("1"), nonce, None),
            Err(SignatureError::MissingHeader("x-license-signature"))
        );
        for bad in [
            "",
            "-5",
            "+5",
            "1.5",
            "12a",
            "1234567890123456",
            "01767225600",
            " 1",
        ] {
            assert_eq!(
                SignedHeaders::parse(Some(bad), nonce, sig),
                Err(SignatureError::BadTimestamp),
                "{bad}"
            );
        }
        for bad in [
            "short",
            "abcdefghijklmno!",
            &"a".repeat(65),
            "abcdefghijklmnoé",
        ] {
            assert_eq!(
                SignedHeaders::parse(Some("1"), Some(bad), sig),
                Err(SignatureError::BadNonce),
                "{bad}"
            );
        }
        assert!(is_valid_nonce(&"a".repeat(64)));
        assert!(is_valid_nonce("A_b-0123456789zZ"));
    }
}
