//! Leases: any token, near-valid JWS, and JWS signed by the pinned key
//! over any header and payload. A token verifies only when the pinned key
//! signed it, with the lease's `alg`, `typ` and `kid`, over claims of the
//! right types; the first check that fails names the outcome, in the
//! order docs/protocol.md gives.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signer as _, SigningKey};
use keyslot_fuzz::proptest::prelude::*;
use keyslot_fuzz::{Json, check, near};
use keyslot_protocol::lease::{
    JwkSet, LeaseClaims, LeaseRejection, Stage, jwk_of, kid_of, stage, verify_lease,
};
use serde_json::{Value, json};

use crate::FPR;

fn signer() -> SigningKey {
    SigningKey::from_bytes(&[3; 32])
}

fn pinned() -> JwkSet {
    JwkSet {
        keys: vec![jwk_of(&signer().verifying_key())],
    }
}

fn header_template() -> Value {
    json!({"alg": "EdDSA", "typ": "keyslot-lease+jwt", "kid": kid_of(&signer().verifying_key())})
}

fn claims_template() -> Value {
    json!({"iss": "keyslot", "sub": "act_1", "jti": "lease_1",
        "key_hash": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "fpr": FPR, "iat": 1_767_225_600, "rnw": 1_767_312_000, "exp": 1_767_830_400,
        "grace": 259_200, "license": {"state": "ACTIVE", "max_activations": 3,
            "used_activations": 1, "expires_at": "2027-01-01T00:00:00Z"}})
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn signed(header: &Json, payload: &Json) -> String {
    let input = format!("{}.{}", b64(&header.bytes()), b64(&payload.bytes()));
    format!(
        "{input}.{}",
        b64(&signer().sign(input.as_bytes()).to_bytes())
    )
}

/// A JSON object, or `None`.
fn object(bytes: &[u8]) -> Option<serde_json::Map<String, Value>> {
    match serde_json::from_slice(bytes).ok()? {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

/// What the specification says of a token the pinned key signed over
/// `header` and `payload`.
fn expected(header: &Json, payload: &Json) -> Result<LeaseClaims, LeaseRejection> {
    let (Some(header), Some(payload)) = (object(&header.bytes()), object(&payload.bytes())) else {
        return Err(LeaseRejection::Malformed);
    };
    let text = |name: &str| header.get(name).and_then(Value::as_str);
    let ours = matches!(text("alg"), Some("EdDSA" | "Ed25519"))
        && text("typ") == Some("keyslot-lease+jwt")
        && text("kid") == Some(kid_of(&signer().verifying_key()).as_str());
    if !ours {
        return Err(LeaseRejection::Tampered);
    }
    serde_json::from_value(Value::Object(payload)).map_err(|_| LeaseRejection::Malformed)
}

/// Tokens no pinned key signed: any text, three parts of base64url with
/// a header and payload near a lease's and any signature, or a signed
/// lease with one character of any part edited.
fn unsigned_tokens() -> BoxedStrategy<String> {
    let signature = prop_oneof![
        prop::collection::vec(any::<u8>(), 64),
        prop::collection::vec(any::<u8>(), 0..80)
    ];
    let parts = (
        near(&header_template()),
        near(&claims_template()),
        signature,
    )
        .prop_map(|(h, p, s)| format!("{}.{}.{}", b64(&h.bytes()), b64(&p.bytes()), b64(&s)));
    let lease = signed(&Json::of(&header_template()), &Json::of(&claims_template()));
    let edited = keyslot_fuzz::edited(lease.clone()).prop_filter("changed", move |t| *t != lease);
    prop_oneof![any::<String>(), "[A-Za-z0-9_.=+/-]{0,300}", parts, edited].boxed()
}

#[test]
fn fuzz_unsigned_leases() {
    let tokens = unsigned_tokens();
    let keys = pinned();
    check(tokens, |token| {
        let rejection = verify_lease(&token, &keys);
        prop_assert!(rejection.is_err(), "an unsigned lease verified");
        Ok(())
    });
}

#[test]
fn fuzz_signed_leases() {
    let headers = prop_oneof![3 => near(&header_template()), 1 => keyslot_fuzz::wild()];
    let payloads = prop_oneof![3 => near(&claims_template()), 1 => keyslot_fuzz::wild()];
    let keys = pinned();
    check(
        (headers, payloads, any::<i64>()),
        |(header, payload, now)| {
            let verified = verify_lease(&signed(&header, &payload), &keys);
            prop_assert_eq!(&verified, &expected(&header, &payload));
            if let Ok(claims) = verified {
                let at = stage(&claims, now);
                let grace_ends = claims.exp.saturating_add(claims.grace.max(0));
                prop_assert_eq!(
                    at,
                    if now < claims.exp {
                        Stage::Valid
                    } else if now < grace_ends {
                        Stage::Grace
                    } else {
                        Stage::Expired
                    }
                );
            }
            Ok(())
        },
    );
}

#[test]
fn fuzz_key_sets() {
    let template = serde_json::to_value(pinned()).expect("a JWK Set");
    let texts = prop_oneof![
        near(&template).prop_map(|j| j.bytes()),
        prop::collection::vec(any::<u8>(), 0..300)
    ];
    check(texts, |text| {
        let Ok(set) = serde_json::from_slice::<JwkSet>(&text) else {
            return Ok(());
        };
        for jwk in &set.keys {
            if let Some(key) = jwk.verifying_key() {
                prop_assert_eq!(kid_of(&key), jwk.kid.clone());
                prop_assert!(jwk.kty == "OKP" && jwk.crv == "Ed25519");
                prop_assert_eq!(
                    set.find(&jwk.kid).map(|k| kid_of(&k)),
                    Some(jwk.kid.clone())
                );
            }
        }
        Ok(())
    });
}
