//! Fuzzing the client's side of leases: the local check of any stored
//! token (garbage, near-valid JWS, or signed claims of any values), trusted
//! time from any anchors and readings, and the files it reads (the lease,
//! its anchor, the fetched keys, the state file). No token that a pinned
//! key did not sign ever lets the license work.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signer as _, SigningKey};
use keyslot_fuzz::proptest::prelude::*;
use keyslot_fuzz::proptest::test_runner::TestCaseError;
use keyslot_fuzz::{Json, check, near};
use keyslot_protocol::lease::{JwkSet, LeaseClaims, jwk_of, key_hash, kid_of};
use serde_json::{Value, json};

use super::pins::{FETCHED_FILE, parse_jwk_set};
use super::{Anchor, Expected, LeaseCheck, LeaseStore, Reading, Verdict, check_here, trusted_now};
use crate::fingerprint::{ComponentDigests, ThisMachine};
use crate::state::StateFile;
use crate::transport::fuzz::assert_clear;

const T: i64 = 1_767_225_600;
const FPR: &str = "5f0c6e8a2b1d4f3e9a7c0b2d4e6f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d2f";

fn signer() -> SigningKey {
    SigningKey::from_bytes(&[7; 32])
}

fn pinned() -> JwkSet {
    JwkSet {
        keys: vec![jwk_of(&signer().verifying_key())],
    }
}

fn hash() -> String {
    key_hash("act_1", "KS-ABCDE-FGHJK-MNPQR-STVWX")
}

fn header_template() -> Value {
    json!({"alg": "EdDSA", "typ": "keyslot-lease+jwt", "kid": kid_of(&signer().verifying_key())})
}

fn claims_template() -> Value {
    json!({"iss": "keyslot", "sub": "act_1", "jti": "lease_1", "key_hash": hash(), "fpr": FPR,
        "iat": T, "rnw": T + 86_400, "exp": T + 7 * 86_400, "grace": 3 * 86_400,
        "license": {"state": "ACTIVE", "max_activations": 3, "used_activations": 1,
            "expires_at": "2027-01-01T00:00:00Z"}})
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Any i64, its limits and the values near the leases' times more often.
fn instant() -> BoxedStrategy<i64> {
    prop_oneof![
        any::<i64>(),
        prop::sample::select(&[i64::MIN, i64::MIN + 1, -1, 0, 1, i64::MAX - 1, i64::MAX][..]),
        (T - 30 * 86_400)..(T + 30 * 86_400),
    ]
    .boxed()
}

fn boot() -> BoxedStrategy<String> {
    prop_oneof![
        prop::sample::select(&["boot-a", "boot-b", ""][..]).prop_map(str::to_owned),
        ".{0,8}"
    ]
    .boxed()
}

fn since_boot() -> BoxedStrategy<u64> {
    prop_oneof![any::<u64>(), 0u64..10_000_000_000].boxed()
}

fn anchors() -> BoxedStrategy<Vec<Anchor>> {
    prop::collection::vec(
        (instant(), boot(), since_boot()).prop_map(|(trusted, boot_id, since_boot_ms)| Anchor {
            trusted,
            boot_id,
            since_boot_ms,
        }),
        0..4,
    )
    .boxed()
}

fn reading() -> BoxedStrategy<Reading> {
    (instant(), boot(), since_boot())
        .prop_map(|(wall, boot_id, since_boot_ms)| Reading {
            wall,
            boot_id,
            since_boot_ms,
        })
        .boxed()
}

/// A token that no pinned key signed: any text, three parts of base64url
/// with a header and payload near a lease's and any signature, or a signed
/// lease with one character edited.
fn unsigned_tokens() -> BoxedStrategy<String> {
    let parts = (
        near(&header_template()),
        near(&claims_template()),
        prop_oneof![
            prop::collection::vec(any::<u8>(), 64),
            prop::collection::vec(any::<u8>(), 0..80)
        ],
    )
        .prop_map(|(header, payload, signature)| {
            format!(
                "{}.{}.{}",
                b64(&header.bytes()),
                b64(&payload.bytes()),
                b64(&signature)
            )
        });
    let lease = signed(&Json::of(&header_template()), &Json::of(&claims_template()));
    // The check trims a stored lease: spaces around it change nothing.
    let edited =
        keyslot_fuzz::edited(lease.clone()).prop_filter("changed", move |t| t.trim() != lease);
    prop_oneof![any::<String>(), "[A-Za-z0-9_.=+/-]{0,300}", parts, edited].boxed()
}

/// `header` and `payload` as a JWS signed with the pinned key.
fn signed(header: &Json, payload: &Json) -> String {
    let input = format!("{}.{}", b64(&header.bytes()), b64(&payload.bytes()));
    let signature = signer().sign(input.as_bytes());
    format!("{input}.{}", b64(&signature.to_bytes()))
}

/// Claims of any values, for a signed lease.
fn any_claims() -> BoxedStrategy<Json> {
    let numbers = (instant(), instant(), instant(), instant());
    (
        numbers,
        prop::sample::select(vec![FPR.to_owned(), "0".repeat(64)]),
    )
        .prop_map(|((iat, rnw, exp, grace), fpr)| {
            let mut claims = claims_template();
            for (name, value) in [("iat", iat), ("rnw", rnw), ("exp", exp), ("grace", grace)] {
                claims[name] = json!(value);
            }
            claims["fpr"] = json!(fpr);
            Json::of(&claims)
        })
        .boxed()
}

/// What every answer of the check must be: no panic in what is shown of
/// it, and a clear error whenever the license does not work.
fn assert_shown(found: &LeaseCheck) -> Result<(), TestCaseError> {
    for lang in crate::locale::Lang::ALL {
        prop_assert!(!found.summary(lang).is_empty());
    }
    prop_assert!(serde_json::to_value(found).is_ok());
    match found.error() {
        Some(error) => assert_clear(&error),
        None => {
            prop_assert!(found.stage.works());
            Ok(())
        }
    }
}

#[test]
fn fuzz_trusted_time() {
    check(
        (anchors(), reading(), instant()),
        |(anchors, reading, floor)| {
            match trusted_now(&anchors, &reading, floor) {
                Ok(trusted) => {
                    prop_assert!(trusted.now >= floor);
                    if let Some(record) = trusted.record {
                        prop_assert_eq!(record, reading.anchor_at(trusted.now));
                    }
                }
                Err(rolled_back) => {
                    prop_assert_eq!(rolled_back.wall, reading.wall);
                    prop_assert!(rolled_back.wall < rolled_back.trusted);
                    prop_assert!(anchors.iter().all(|a| a.boot_id != reading.boot_id));
                }
            }
            Ok(())
        },
    );
}

#[test]
fn fuzz_unsigned_leases_never_work() {
    let keys = pinned();
    let hash = hash();
    check(
        (unsigned_tokens(), anchors(), reading()),
        |(token, anchors, reading)| {
            let expected = Expected {
                fingerprint: FPR,
                key_hash: Some(&hash),
            };
            let _ = super::check::key_id(&token);
            let (found, record) = super::check(Some(&token), &keys, expected, &anchors, &reading);
            prop_assert!(
                matches!(found.stage, Verdict::Malformed | Verdict::Tampered),
                "{:?}",
                found.stage
            );
            prop_assert_eq!(record, None);
            assert_shown(&found)
        },
    );
}

#[test]
fn fuzz_signed_leases_of_any_claims() {
    let keys = pinned();
    let hash = hash();
    let payloads = prop_oneof![near(&claims_template()), any_claims()];
    let cases = (
        near(&header_template()),
        payloads,
        anchors(),
        reading(),
        any::<bool>(),
    );
    check(cases, |(header, payload, anchors, reading, ours)| {
        let token = signed(&header, &payload);
        let expected = Expected {
            fingerprint: FPR,
            key_hash: ours.then_some(hash.as_str()),
        };
        let (found, record) = super::check(Some(&token), &keys, expected, &anchors, &reading);
        // As JWT parsers may (RFC 7519, section 4): of duplicate names, the last counts.
        let claims = serde_json::from_slice::<Value>(&payload.bytes())
            .ok()
            .and_then(|claims| serde_json::from_value::<LeaseClaims>(claims).ok());
        if claims.is_none() {
            prop_assert!(!found.stage.works(), "claims that do not parse");
        }
        if found.stage.works() || found.stage == Verdict::Expired {
            let claims = claims.expect("a lease that verified has claims");
            prop_assert!(claims.fpr == FPR && ours);
            let now = found.trusted_now.expect("judged at a trusted time");
            prop_assert!(now >= claims.iat);
            let grace_ends = claims.exp.saturating_add(claims.grace.max(0));
            match found.stage {
                Verdict::Valid => prop_assert!(now < claims.exp),
                Verdict::Grace => prop_assert!(claims.exp <= now && now < grace_ends),
                _ => prop_assert!(now >= grace_ends),
            }
        } else {
            prop_assert!(record.is_none());
        }
        assert_shown(&found)
    });
}

/// The lease-key set a vendor pins or a server serves.
fn key_set_template() -> Value {
    serde_json::to_value(pinned()).expect("a JWK Set")
}

#[test]
fn fuzz_lease_key_sets() {
    let texts = prop_oneof![
        near(&key_set_template()).prop_map(|j| j.to_string()),
        any::<String>()
    ];
    check(texts, |text| match parse_jwk_set(&text, "fuzz") {
        Ok(set) => {
            prop_assert!(set.keys.iter().any(|k| k.verifying_key().is_some()));
            for jwk in &set.keys {
                let _ = set.find(&jwk.kid);
            }
            Ok(())
        }
        Err(error) => {
            prop_assert!(!error.to_string().is_empty());
            assert_clear(&error)
        }
    });
}

/// The contents of one data directory: each file absent, near its valid
/// form, or any bytes.
fn file(template: BoxedStrategy<Vec<u8>>) -> BoxedStrategy<Option<Vec<u8>>> {
    prop::option::of(prop_oneof![
        template,
        prop::collection::vec(any::<u8>(), 0..300)
    ])
    .boxed()
}

fn state_template() -> Value {
    json!({"activation": {"activation_id": "act_1", "key_hint": "…WXYZ", "activated_at": T,
        "license": {"state": "ACTIVE", "max_activations": 3, "used_activations": 1,
            "expires_at": null}, "key_hash": hash()},
        "components": {"machine_id": "ab", "cpu": "cd"}})
}

fn anchor_template() -> Value {
    json!({"trusted": T, "boot_id": "boot-a", "since_boot_ms": 100_000})
}

#[test]
fn fuzz_data_directory_files() {
    let lease = signed(&Json::of(&header_template()), &Json::of(&claims_template()));
    let lease_file = prop_oneof![
        Just(format!("{lease}\n").into_bytes()),
        unsigned_tokens().prop_map(String::into_bytes),
    ];
    let json_file = |template: Value| keyslot_fuzz::body(&template).prop_map(|b| b.0).boxed();
    let files = (
        file(json_file(state_template())),
        file(lease_file.boxed()),
        file(json_file(anchor_template())),
        file(json_file(key_set_template())),
    );
    let machine = ThisMachine {
        fingerprint: FPR.to_owned(),
        name: "laptop".to_owned(),
        platform: "linux-x86_64".to_owned(),
        digests: ComponentDigests::default(),
    };
    let keys = pinned();
    check(
        (files, instant(), anchors()),
        |(files, wall, more_anchors)| {
            let dir = tempfile::tempdir().expect("a temp dir");
            let (state, lease_jwt, anchor, fetched) = &files;
            for (name, bytes) in [
                ("state.json", state),
                ("lease.jwt", lease_jwt),
                ("lease-anchor.json", anchor),
                (FETCHED_FILE, fetched),
            ] {
                if let Some(bytes) = bytes {
                    std::fs::write(dir.path().join(name), bytes).expect("written");
                }
            }
            let store = LeaseStore::in_dir(dir.path());
            if let Ok(Some(text)) = store.lease() {
                prop_assert!(text.len() <= 64 * 1024);
            }
            let _ = store.anchor();
            if let Some(set) = store.fetched_keys() {
                prop_assert!(set.keys.iter().any(|k| k.verifying_key().is_some()));
            }
            let loaded = StateFile::in_dir(dir.path()).load();
            match check_here(dir.path(), &machine, &keys, wall, &more_anchors) {
                Ok(found) => {
                    let kept = lease_jwt.as_deref() == Some(format!("{lease}\n").as_bytes());
                    let ours = loaded.is_ok_and(|s| {
                        s.activation.and_then(|a| a.key_hash).as_deref() == Some(hash().as_str())
                    });
                    if found.stage.works() {
                        prop_assert!(kept && ours, "a lease works that should not");
                    }
                    assert_shown(&found)
                }
                Err(error) => {
                    prop_assert!(!error.to_string().is_empty());
                    assert_clear(&error)
                }
            }
        },
    );
}
