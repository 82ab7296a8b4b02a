//! Cost of the local lease check (criterion; figures in `target/criterion`):
//!
//! - `lease/ed25519_verify`: the bare Ed25519 check of a lease's signature,
//!   the floor of any verification (the in-run baseline);
//! - `lease/check`: what `keyslot check` does once the files are read:
//!   split and decode the JWS, check header and signature, decode the
//!   claims, compare machine and key, trusted time, stage.

use criterion::{Criterion, criterion_group, criterion_main};
use ed25519_dalek::{Signature, SigningKey};
use keyslot_core::lease::{Expected, Reading, check};
use keyslot_protocol::lease::{JwkSet, LeaseClaims, jwk_of, key_hash, sign_lease};
use keyslot_protocol::{LicenseState, LicenseSummary};

const T: i64 = 1_800_000_000;
const FPR: &str = "5f0c6e8a2b1d4f3e9a7c0b2d4e6f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d2f";

fn lease(c: &mut Criterion) {
    let key = SigningKey::from_bytes(&[9; 32]);
    let keys = JwkSet {
        keys: vec![jwk_of(&key.verifying_key())],
    };
    let hash = key_hash("act_bench", "KS-ABCDE-FGHJK-MNPQR-STVWX");
    let claims = LeaseClaims {
        iss: "keyslot".to_owned(),
        sub: "act_bench".to_owned(),
        jti: "lease_bench".to_owned(),
        key_hash: hash.clone(),
        fpr: FPR.to_owned(),
        iat: T,
        rnw: T + 86_400,
        exp: T + 7 * 86_400,
        grace: 3 * 86_400,
        license: LicenseSummary {
            state: LicenseState::Active,
            max_activations: 3,
            used_activations: 1,
            expires_at: None,
        },
    };
    let jws = sign_lease(&claims, &key);
    let reading = Reading {
        wall: T + 60,
        boot_id: "boot".to_owned(),
        since_boot_ms: 5_000,
    };
    let anchor = reading.anchor_at(T);
    let expected = Expected {
        fingerprint: FPR,
        key_hash: Some(&hash),
    };
    assert!(
        check(
            Some(&jws),
            &keys,
            expected,
            std::slice::from_ref(&anchor),
            &reading
        )
        .0
        .stage
        .works()
    );

    let (signed, signature) = jws.rsplit_once('.').expect("three parts");
    use base64::Engine as _;
    let signature = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(signature)
        .expect("base64url");
    let signature = Signature::from_slice(&signature).expect("64 bytes");
    let public = key.verifying_key();
    c.bench_function("lease/ed25519_verify", |b| {
        b.iter(|| {
            public
                .verify_strict(std::hint::black_box(signed.as_bytes()), &signature)
                .expect("verifies")
        })
    });
    c.bench_function("lease/check", |b| {
        b.iter(|| {
            check(
                Some(std::hint::black_box(&jws)),
                &keys,
                expected,
                std::slice::from_ref(&anchor),
                &reading,
            )
        })
    });
}

criterion_group!(benches, lease);
criterion_main!(benches);
