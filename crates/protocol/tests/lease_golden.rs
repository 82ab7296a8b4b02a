//! The golden lease vectors of `crates/protocol/golden/`, made by
//! `make-lease.sh` with OpenSSL from the specification: `sign_lease` must
//! write the same bytes, `verify_lease` must give every vector its outcome,
//! and the independent Python verifier beside them must pass.

use std::path::{Path, PathBuf};
use std::process::Command;

use ed25519_dalek::SigningKey;
use keyslot_protocol::lease::{
    JwkSet, LeaseClaims, LeaseRejection, Stage, jwk_of, key_hash, kid_of, sign_lease, stage,
    verify_lease,
};
use serde::Deserialize;

fn golden() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("golden")
}

fn read(name: &str) -> String {
    std::fs::read_to_string(golden().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[derive(Deserialize)]
struct Inputs {
    seed: String,
    license_key: String,
    ttl: i64,
    renew: i64,
    grace: i64,
}

#[derive(Deserialize)]
struct Vector {
    name: String,
    outcome: String,
    lease: String,
}

#[derive(Deserialize)]
struct Vectors {
    valid: Vec<Vector>,
    invalid: Vec<Vector>,
}

fn inputs() -> Inputs {
    serde_json::from_str(&read("lease-inputs.json")).expect("lease-inputs.json")
}

fn signing_key() -> SigningKey {
    let seed: [u8; 32] = hex::decode(inputs().seed)
        .expect("hex")
        .try_into()
        .expect("32 bytes");
    SigningKey::from_bytes(&seed)
}

fn claims() -> LeaseClaims {
    serde_json::from_str(&read("lease-claims.json")).expect("lease-claims.json")
}

fn keys() -> JwkSet {
    serde_json::from_str(&read("lease-keys.json")).expect("lease-keys.json")
}

#[test]
fn sign_lease_writes_the_golden_bytes() {
    let lease = read("lease.jwt");
    assert_eq!(
        format!("{}\n", sign_lease(&claims(), &signing_key())),
        lease
    );
}

#[test]
fn the_golden_key_set_is_jwk_of_the_key() {
    let public = signing_key().verifying_key();
    let ours = JwkSet {
        keys: vec![jwk_of(&public)],
    };
    assert_eq!(ours, keys());
    assert_eq!(
        format!("{}\n", serde_json::to_string(&ours).expect("json")),
        read("lease-keys.json"),
        "the same bytes as OpenSSL's"
    );
    assert_eq!(kid_of(&public), "ks1-21fe31dfa154a261");
}

#[test]
fn verify_lease_accepts_the_golden_lease_and_its_claims_hold() {
    let inputs = inputs();
    let verified = verify_lease(read("lease.jwt").trim(), &keys()).expect("verifies");
    assert_eq!(verified, claims());
    assert_eq!(
        verified.key_hash,
        key_hash(&verified.sub, &inputs.license_key)
    );
    let expires_at = verified
        .license
        .expires_at
        .expect("the golden license expires")
        .unix_timestamp();
    assert_eq!(verified.exp, (verified.iat + inputs.ttl).min(expires_at));
    assert_eq!(verified.rnw, verified.iat + inputs.renew);
    assert_eq!(verified.grace, inputs.grace);
    assert!(verified.exp + verified.grace <= expires_at);
    assert_eq!(stage(&verified, verified.exp - 1), Stage::Valid);
    assert_eq!(stage(&verified, verified.exp), Stage::Grace);
    assert_eq!(
        stage(&verified, verified.exp + verified.grace),
        Stage::Expired
    );
}

#[test]
fn every_vector_has_its_outcome() {
    let vectors: Vectors =
        serde_json::from_str(&read("lease-vectors.json")).expect("lease-vectors.json");
    assert!(vectors.invalid.len() >= 20);
    for vector in vectors.valid.iter().chain(&vectors.invalid) {
        let outcome = match verify_lease(&vector.lease, &keys()) {
            Ok(verified) => {
                assert_eq!(verified, claims(), "{}", vector.name);
                "valid"
            }
            Err(LeaseRejection::Malformed) => "malformed",
            Err(LeaseRejection::Tampered) => "tampered",
        };
        assert_eq!(outcome, vector.outcome, "vector {}", vector.name);
    }
}

#[test]
fn the_independent_python_verifier_passes() {
    let script = golden().join("verify-lease.py");
    let out = Command::new("python3")
        .arg(&script)
        .output()
        .expect("python3 runs (scripts/setup.sh installs it with python3-cryptography)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout
            .lines()
            .last()
            .is_some_and(|l| l.ends_with(" 0 failed")),
        "{stdout}"
    );
}
