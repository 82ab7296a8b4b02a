//! Leases (protocol v1.1): a license held offline, proven with a public key.
//!
//! A lease is a compact JWS (RFC 7515) signed with Ed25519 (RFC 8032) by a
//! private key that never leaves the vendor's server; clients verify it with
//! a pinned public key from a JSON Web Key Set (RFC 7517, RFC 8037).
//! `docs/protocol.md` ("Leases (v1.1)") is the specification; this module is
//! its reference implementation, pure like the rest of the crate: no I/O,
//! time always passed in.
//!
//! - [`kid_of`], [`jwk_of`], [`JwkSet`]: the key id and the key set the
//!   server publishes at `GET /api/v1/license/keys`.
//! - [`LeaseClaims`], [`key_hash`], [`sign_lease`]: what the server signs.
//! - [`verify_lease`] (steps 1–2 of the verification: `malformed`, then
//!   `tampered`) and [`stage`] (step 5). Steps 3 (`other_machine`,
//!   `other_key`) and 4 (`clock_rolled_back`) need the machine's fingerprint
//!   and its trusted time, so they belong to the client.
//!
//! # Why the JWS framing is written here
//!
//! The cryptography is `ed25519-dalek`'s (signing, and strict verification);
//! the digests are `sha2`'s; the encoding is `base64`'s. Only the framing of
//! the compact JWS (three base64url parts joined by `.`, the signature over
//! the ASCII bytes of the first two) is written here, because the protocol
//! fixes details a general JOSE library decides otherwise: the order of the
//! checks and the outcome each failure names, `alg` accepted as `EdDSA` or
//! as its RFC 9864 name `Ed25519` (and nothing else, `none` included), the
//! exact `typ`, and keys chosen only by a `kid` derived from the key itself.
//!
//! # Decisions where the specification is silent
//!
//! - Base64url is strict: no padding, no characters outside the URL-safe
//!   alphabet, canonical trailing bits; anything else is `malformed`.
//! - A pinned JWK is used only if `kty` is `OKP`, `crv` is `Ed25519`, `x` is
//!   the base64url of a valid 32-byte Ed25519 public key, its `kid` is
//!   [`kid_of`] that key, `alg` (when present) is `EdDSA` or `Ed25519` and
//!   `use` (when present) is `sig`. Any other JWK is never used, as if it
//!   were absent; a set can hold keys of other kinds without failing.
//! - The signature is checked with `verify_strict` (no small-order keys, no
//!   non-canonical `R`), which every signature of an honest signer passes.
//! - A payload that verifies but does not hold every claim with its type
//!   (a signed object of another kind) is `malformed`: it is decoded only
//!   after the signature has verified.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::wire::LicenseSummary;

/// The `typ` header of every lease.
pub const LEASE_TYP: &str = "keyslot-lease+jwt";

/// The `alg` the server writes (RFC 8037).
pub const LEASE_ALG: &str = "EdDSA";

/// The other name verifiers accept for the same algorithm (RFC 9864).
pub const LEASE_ALG_FULLY_SPECIFIED: &str = "Ed25519";

/// Prefix of every key id.
pub const KID_PREFIX: &str = "ks1-";

/// The claims of a lease: the payload of its JWS.
///
/// Members a verifier does not know are ignored when decoding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaseClaims {
    /// The issuer (the server's `--issuer`, default `keyslot`).
    pub iss: String,
    /// The activation id (`act_…`) the lease belongs to.
    pub sub: String,
    /// A unique id of this lease.
    pub jti: String,
    /// [`key_hash`] of `sub` and the license key: binds the lease to a key
    /// without revealing it.
    pub key_hash: String,
    /// The machine fingerprint the seat holds (64 lowercase hex).
    pub fpr: String,
    /// Issued at: unix seconds, server clock.
    pub iat: i64,
    /// Renew after: `iat + lease_renew`; from then on the client fetches a new
    /// lease when it can.
    pub rnw: i64,
    /// The lease ends: `min(iat + lease_ttl, the license's expires_at)`.
    pub exp: i64,
    /// Seconds after `exp` during which the software keeps working while it
    /// asks the user to connect; never past the license's own `expires_at`.
    pub grace: i64,
    /// The license, as the answers of `/activate` and `/status` describe it.
    pub license: LicenseSummary,
}

/// One public key of a JSON Web Key Set (RFC 7517; RFC 8037 for `OKP`).
///
/// Members missing from a JWK decode as empty strings, so a set that also
/// holds keys of other kinds (an RSA key has no `crv` or `x`) still decodes;
/// such keys are never used to verify (see `Jwk::verifying_key`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct Jwk {
    /// Key type: `OKP`.
    pub kty: String,
    /// Curve: `Ed25519`.
    pub crv: String,
    /// Algorithm: `EdDSA`.
    pub alg: String,
    /// Use: `sig`.
    #[serde(rename = "use")]
    pub use_: String,
    /// The key id: `ks1-` + the first 16 lowercase hex characters of
    /// SHA-256 of the raw public key (`kid_of`).
    pub kid: String,
    /// The raw 32-byte public key, base64url without padding.
    pub x: String,
}

impl Jwk {
    /// The Ed25519 key this JWK holds, if it may be used to verify leases:
    /// `OKP`/`Ed25519`, a valid `x`, a `kid` derived from it, and `alg` and
    /// `use` either absent or the lease's.
    pub fn verifying_key(&self) -> Option<VerifyingKey> {
        let usable = self.kty == "OKP"
            && self.crv == "Ed25519"
            && ["", LEASE_ALG, LEASE_ALG_FULLY_SPECIFIED].contains(&self.alg.as_str())
            && ["", "sig"].contains(&self.use_.as_str());
        if !usable {
            return None;
        }
        let bytes: [u8; 32] = decode_part(&self.x)?.try_into().ok()?;
        let key = VerifyingKey::from_bytes(&bytes).ok()?;
        (kid_of(&key) == self.kid).then_some(key)
    }
}

/// A JSON Web Key Set: what `GET /api/v1/license/keys` answers and what a
/// client pins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JwkSet {
    /// The keys, in the server's order.
    pub keys: Vec<Jwk>,
}

impl JwkSet {
    /// The usable key named `kid`, if any (see [`Jwk::verifying_key`]).
    pub fn find(&self, kid: &str) -> Option<VerifyingKey> {
        self.keys
            .iter()
            .filter(|jwk| jwk.kid == kid)
            .find_map(Jwk::verifying_key)
    }
}

/// The key id of `public`: `"ks1-"` + the first 16 lowercase hex characters
/// of SHA-256 of its raw 32 bytes.
pub fn kid_of(public: &VerifyingKey) -> String {
    let digest = Sha256::digest(public.as_bytes());
    format!("{KID_PREFIX}{}", &hex::encode(digest)[..16])
}

/// The JWK of `public`, as the server publishes it.
pub fn jwk_of(public: &VerifyingKey) -> Jwk {
    Jwk {
        kty: "OKP".to_owned(),
        crv: "Ed25519".to_owned(),
        alg: LEASE_ALG.to_owned(),
        use_: "sig".to_owned(),
        kid: kid_of(public),
        x: URL_SAFE_NO_PAD.encode(public.as_bytes()),
    }
}

/// The `key_hash` claim: lowercase hex SHA-256 of the UTF-8 bytes of
/// `activation_id + "\n" + license_key`.
pub fn key_hash(activation_id: &str, license_key: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(activation_id.as_bytes());
    hasher.update(b"\n");
    hasher.update(license_key.as_bytes());
    hex::encode(hasher.finalize())
}

/// The JOSE header the server writes, members in this order.
#[derive(Serialize)]
struct Header<'a> {
    alg: &'a str,
    typ: &'a str,
    kid: &'a str,
}

/// Signs `claims` with `key`: the compact JWS
/// `B64URL(header) "." B64URL(payload) "." B64URL(signature)`, with the
/// header `{"alg":"EdDSA","typ":"keyslot-lease+jwt","kid":kid_of(key)}` and
/// the payload `claims` as compact JSON in declaration order.
pub fn sign_lease(claims: &LeaseClaims, key: &SigningKey) -> String {
    let kid = kid_of(&key.verifying_key());
    let header = Header {
        alg: LEASE_ALG,
        typ: LEASE_TYP,
        kid: &kid,
    };
    // Serializing plain strings, integers and the summary cannot fail.
    let header = serde_json::to_vec(&header).unwrap_or_default();
    let payload = serde_json::to_vec(claims).unwrap_or_default();
    let mut jws = URL_SAFE_NO_PAD.encode(header);
    jws.push('.');
    URL_SAFE_NO_PAD.encode_string(payload, &mut jws);
    let signature = key.sign(jws.as_bytes());
    jws.push('.');
    URL_SAFE_NO_PAD.encode_string(signature.to_bytes(), &mut jws);
    jws
}

/// Why a lease was refused by [`verify_lease`] (steps 1–2 of the
/// specification; the client's steps 3–4 have outcomes of their own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LeaseRejection {
    /// Not three base64url parts, a header or payload that is not a JSON
    /// object, or (once the signature verified) claims missing or ill-typed.
    #[error("the lease is malformed")]
    Malformed,
    /// `alg` neither `EdDSA` nor `Ed25519`, `typ` not `keyslot-lease+jwt`, a
    /// `kid` that names no usable pinned key, or a signature that does not verify.
    #[error("the lease was not signed by a pinned key (tampered)")]
    Tampered,
}

/// Decodes one base64url part, strictly (see the module docs).
fn decode_part(part: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(part).ok()
}

/// A JSON object, or `None`.
fn json_object(bytes: &[u8]) -> Option<serde_json::Map<String, serde_json::Value>> {
    match serde_json::from_slice(bytes).ok()? {
        serde_json::Value::Object(map) => Some(map),
        _ => None,
    }
}

/// Verifies `jws` against the pinned `keys`: steps 1 (`malformed`) and 2
/// (`tampered`) of the specification, in that order, the first failure
/// naming the outcome. Returns the claims of a lease that passes both.
///
/// It says nothing about the machine, the key or the time: the caller checks
/// `fpr` and `key_hash` (step 3), its trusted time (step 4) and [`stage`].
pub fn verify_lease(jws: &str, keys: &JwkSet) -> Result<LeaseClaims, LeaseRejection> {
    // 1. Three base64url parts; header and payload JSON objects.
    let mut parts = jws.split('.');
    let (Some(header_b64), Some(payload_b64), Some(signature_b64), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(LeaseRejection::Malformed);
    };
    let decoded = [header_b64, payload_b64, signature_b64].map(decode_part);
    let [Some(header), Some(payload), Some(signature)] = decoded else {
        return Err(LeaseRejection::Malformed);
    };
    let header = json_object(&header).ok_or(LeaseRejection::Malformed)?;
    let payload = json_object(&payload).ok_or(LeaseRejection::Malformed)?;

    // 2. The header's alg, typ and kid, then the signature.
    let text = |name: &str| header.get(name).and_then(serde_json::Value::as_str);
    let alg_ok = matches!(text("alg"), Some(LEASE_ALG | LEASE_ALG_FULLY_SPECIFIED));
    if !alg_ok || text("typ") != Some(LEASE_TYP) {
        return Err(LeaseRejection::Tampered);
    }
    let key = text("kid")
        .and_then(|kid| keys.find(kid))
        .ok_or(LeaseRejection::Tampered)?;
    let signature = <[u8; 64]>::try_from(signature.as_slice())
        .map(|bytes| Signature::from_bytes(&bytes))
        .map_err(|_| LeaseRejection::Tampered)?;
    let signed = &jws[..header_b64.len() + 1 + payload_b64.len()];
    key.verify_strict(signed.as_bytes(), &signature)
        .map_err(|_| LeaseRejection::Tampered)?;

    serde_json::from_value(serde_json::Value::Object(payload))
        .map_err(|_| LeaseRejection::Malformed)
}

/// Where a verified lease stands at a trusted time (step 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Trusted time is before `exp`.
    Valid,
    /// Trusted time is at or after `exp`, before `exp + grace`: the software
    /// works and asks the user to connect.
    Grace,
    /// Trusted time is at or after `exp + grace`.
    Expired,
}

/// The stage of `claims` at `trusted_now` (unix seconds, the client's
/// trusted time, never the wall clock as is): `valid` while it is < `exp`,
/// `grace` while < `exp + grace`, `expired` after.
pub fn stage(claims: &LeaseClaims, trusted_now: i64) -> Stage {
    if trusted_now < claims.exp {
        Stage::Valid
    } else if trusted_now < claims.exp.saturating_add(claims.grace.max(0)) {
        Stage::Grace
    } else {
        Stage::Expired
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::LicenseState;

    /// RFC 8032, section 7.1, test 1: the golden vectors' key.
    const SEED: [u8; 32] = [
        0x9d, 0x61, 0xb1, 0x9d, 0xef, 0xfd, 0x5a, 0x60, 0xba, 0x84, 0x4a, 0xf4, 0x92, 0xec, 0x2c,
        0xc4, 0x44, 0x49, 0xc5, 0x69, 0x7b, 0x32, 0x69, 0x19, 0x70, 0x3b, 0xac, 0x03, 0x1c, 0xae,
        0x7f, 0x60,
    ];
    /// RFC 8032, test 2: another server.
    const OTHER_SEED: [u8; 32] = [
        0x4c, 0xcd, 0x08, 0x9b, 0x28, 0xff, 0x96, 0xda, 0x9d, 0xb6, 0xc3, 0x46, 0xec, 0x11, 0x4e,
        0x0f, 0x5b, 0x8a, 0x31, 0x9f, 0x35, 0xab, 0xa6, 0x24, 0xda, 0x8c, 0xf6, 0xed, 0x4f, 0xb8,
        0xa6, 0xfb,
    ];

    fn key() -> SigningKey {
        SigningKey::from_bytes(&SEED)
    }

    fn other() -> SigningKey {
        SigningKey::from_bytes(&OTHER_SEED)
    }

    fn pinned(keys: &[&SigningKey]) -> JwkSet {
        JwkSet {
            keys: keys.iter().map(|k| jwk_of(&k.verifying_key())).collect(),
        }
    }

    fn claims() -> LeaseClaims {
        LeaseClaims {
            iss: "keyslot".to_owned(),
            sub: "act_01J8X3W4Y5Z6A7B8C9D0EFGHJK".to_owned(),
            jti: "01KDXJ3R00ABCDEFGHJKMNPQRS".to_owned(),
            key_hash: key_hash("act_01J8X3W4Y5Z6A7B8C9D0EFGHJK", "KS-TEST"),
            fpr: "5f0c6e8a2b1d4f3e9a7c0b2d4e6f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d2f".to_owned(),
            iat: 1_767_225_600,
            rnw: 1_767_312_000,
            exp: 1_767_830_400,
            grace: 259_200,
            license: LicenseSummary {
                state: LicenseState::Active,
                max_activations: 3,
                used_activations: 1,
                expires_at: Some(time::macros::datetime!(2027-01-01 0:00 UTC)),
            },
        }
    }

    fn b64(bytes: impl AsRef<[u8]>) -> String {
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// A JWS of any header and payload text, signed by `key` as a server would.
    fn forge(header: &str, payload: &str, key: &SigningKey) -> String {
        let input = format!("{}.{}", b64(header), b64(payload));
        let signature = key.sign(input.as_bytes());
        format!("{input}.{}", b64(signature.to_bytes()))
    }

    fn header(alg: &str, typ: &str, key: &SigningKey) -> String {
        format!(
            r#"{{"alg":"{alg}","typ":"{typ}","kid":"{}"}}"#,
            kid_of(&key.verifying_key())
        )
    }

    fn payload() -> String {
        serde_json::to_string(&claims()).expect("serializes")
    }

    fn outcome(jws: &str) -> Result<LeaseClaims, LeaseRejection> {
        verify_lease(jws, &pinned(&[&key()]))
    }

    fn parts(jws: &str) -> Vec<String> {
        jws.split('.').map(str::to_owned).collect()
    }

    /// Decodes part `n`, XORs byte `at` with 1, re-encodes.
    fn flip_decoded(jws: &str, n: usize, at: usize) -> String {
        let mut parts = parts(jws);
        let mut bytes = URL_SAFE_NO_PAD.decode(&parts[n]).expect("decodes");
        bytes[at] ^= 0x01;
        parts[n] = b64(bytes);
        parts.join(".")
    }

    #[test]
    fn a_signed_lease_verifies_and_round_trips_its_claims() {
        let jws = sign_lease(&claims(), &key());
        assert_eq!(outcome(&jws), Ok(claims()));
        let header: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(&parts(&jws)[0]).expect("b64"))
                .expect("json");
        assert_eq!(
            header,
            serde_json::json!({"alg": "EdDSA", "typ": LEASE_TYP, "kid": "ks1-21fe31dfa154a261"})
        );
        assert!(!jws.contains('='), "no padding");
    }

    #[test]
    fn kid_and_jwk_follow_the_specification() {
        let public = key().verifying_key();
        assert_eq!(
            hex::encode(public.as_bytes()),
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "RFC 8032 test 1"
        );
        let digest = hex::encode(Sha256::digest(public.as_bytes()));
        assert_eq!(kid_of(&public), format!("ks1-{}", &digest[..16]));
        let jwk = serde_json::to_value(jwk_of(&public)).expect("serializes");
        assert_eq!(
            jwk,
            serde_json::json!({
                "kty": "OKP", "crv": "Ed25519", "alg": "EdDSA", "use": "sig",
                "kid": kid_of(&public), "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
            })
        );
        assert_eq!(jwk_of(&public).verifying_key(), Some(public));
    }

    #[test]
    fn key_hash_is_salted_by_the_activation() {
        let hash = key_hash("act_A", "KS-TEST");
        assert_eq!(hash, hex::encode(Sha256::digest(b"act_A\nKS-TEST")));
        assert_ne!(hash, key_hash("act_B", "KS-TEST"));
        assert_ne!(hash, key_hash("act_A", "KS-TESU"));
        assert_eq!(hash.len(), 64);
        assert!(
            hash.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        );
    }

    #[test]
    fn the_ed25519_alias_is_accepted() {
        let jws = forge(&header("Ed25519", LEASE_TYP, &key()), &payload(), &key());
        assert_eq!(outcome(&jws), Ok(claims()));
    }

    #[test]
    fn other_algorithms_are_tampering() {
        // alg none: unsigned, and even signed.
        let none = format!(
            "{}.{}.",
            b64(header("none", LEASE_TYP, &key())),
            b64(payload())
        );
        assert_eq!(outcome(&none), Err(LeaseRejection::Tampered));
        let signed_none = forge(&header("none", LEASE_TYP, &key()), &payload(), &key());
        assert_eq!(outcome(&signed_none), Err(LeaseRejection::Tampered));
        // HS256 keyed with the public key's bytes (the classic confusion).
        let input = format!(
            "{}.{}",
            b64(header("HS256", LEASE_TYP, &key())),
            b64(payload())
        );
        let mut mac =
            <hmac::Hmac<Sha256> as hmac::KeyInit>::new_from_slice(key().verifying_key().as_bytes())
                .expect("any key length");
        hmac::Mac::update(&mut mac, input.as_bytes());
        let hs256 = format!("{input}.{}", b64(hmac::Mac::finalize(mac).into_bytes()));
        assert_eq!(outcome(&hs256), Err(LeaseRejection::Tampered));
        for alg in ["eddsa", "ED25519", "ES256", "RS256", ""] {
            let jws = forge(&header(alg, LEASE_TYP, &key()), &payload(), &key());
            assert_eq!(outcome(&jws), Err(LeaseRejection::Tampered), "{alg}");
        }
        let numeric = forge(
            &format!(
                r#"{{"alg":1,"typ":"{LEASE_TYP}","kid":"{}"}}"#,
                kid_of(&key().verifying_key())
            ),
            &payload(),
            &key(),
        );
        assert_eq!(outcome(&numeric), Err(LeaseRejection::Tampered));
    }

    #[test]
    fn the_typ_must_be_the_leases() {
        for typ in [
            "JWT",
            "keyslot-lease+JWT",
            "application/keyslot-lease+jwt",
            "",
        ] {
            let jws = forge(&header("EdDSA", typ, &key()), &payload(), &key());
            assert_eq!(outcome(&jws), Err(LeaseRejection::Tampered), "{typ}");
        }
        let missing = forge(
            &format!(
                r#"{{"alg":"EdDSA","kid":"{}"}}"#,
                kid_of(&key().verifying_key())
            ),
            &payload(),
            &key(),
        );
        assert_eq!(outcome(&missing), Err(LeaseRejection::Tampered));
    }

    #[test]
    fn only_pinned_kids_verify() {
        // A kid nobody pinned, and no kid at all.
        let unknown = forge(
            r#"{"alg":"EdDSA","typ":"keyslot-lease+jwt","kid":"ks1-0000000000000000"}"#,
            &payload(),
            &key(),
        );
        assert_eq!(outcome(&unknown), Err(LeaseRejection::Tampered));
        let missing = forge(
            r#"{"alg":"EdDSA","typ":"keyslot-lease+jwt"}"#,
            &payload(),
            &key(),
        );
        assert_eq!(outcome(&missing), Err(LeaseRejection::Tampered));
        // Another server's lease, under its own kid: not pinned here.
        let theirs = sign_lease(&claims(), &other());
        assert_eq!(outcome(&theirs), Err(LeaseRejection::Tampered));
        assert_eq!(verify_lease(&theirs, &pinned(&[&other()])), Ok(claims()));
        // Another key claiming our kid: the signature fails.
        let claimed = forge(&header("EdDSA", LEASE_TYP, &key()), &payload(), &other());
        assert_eq!(outcome(&claimed), Err(LeaseRejection::Tampered));
        // With both keys pinned, each lease finds its own.
        let both = pinned(&[&key(), &other()]);
        assert_eq!(verify_lease(&theirs, &both), Ok(claims()));
        assert_eq!(
            verify_lease(&sign_lease(&claims(), &key()), &both),
            Ok(claims())
        );
        // Nothing pinned: nothing verifies.
        let jws = sign_lease(&claims(), &key());
        assert_eq!(
            verify_lease(&jws, &JwkSet::default()),
            Err(LeaseRejection::Tampered)
        );
    }

    #[test]
    fn unusable_jwks_are_never_used() {
        let jws = sign_lease(&claims(), &key());
        let good = jwk_of(&key().verifying_key());
        let other_x = jwk_of(&other().verifying_key()).x;
        let bad = [
            Jwk {
                kty: "RSA".to_owned(),
                ..good.clone()
            },
            Jwk {
                kty: "EC".to_owned(),
                ..good.clone()
            },
            Jwk {
                crv: "X25519".to_owned(),
                ..good.clone()
            },
            Jwk {
                crv: "Ed448".to_owned(),
                ..good.clone()
            },
            Jwk {
                alg: "ES256".to_owned(),
                ..good.clone()
            },
            Jwk {
                use_: "enc".to_owned(),
                ..good.clone()
            },
            Jwk {
                x: format!("{}=", good.x),
                ..good.clone()
            },
            Jwk {
                x: good.x[..42].to_owned(),
                ..good.clone()
            },
            Jwk {
                x: good.x.replace('_', "/"),
                ..good.clone()
            },
            Jwk {
                x: b64([0u8; 33]),
                ..good.clone()
            },
            Jwk {
                x: String::new(),
                ..good.clone()
            },
            // A kid that is not derived from its key.
            Jwk {
                x: other_x,
                ..good.clone()
            },
        ];
        for jwk in bad {
            let keys = JwkSet {
                keys: vec![jwk.clone()],
            };
            assert_eq!(
                verify_lease(&jws, &keys),
                Err(LeaseRejection::Tampered),
                "{jwk:?}"
            );
        }
        // alg and use may be absent.
        let bare = Jwk {
            alg: String::new(),
            use_: String::new(),
            ..good.clone()
        };
        assert!(verify_lease(&jws, &JwkSet { keys: vec![bare] }).is_ok());
        // A set with a key of another kind still decodes, and its Ed25519 key is used.
        let mixed: JwkSet = serde_json::from_value(serde_json::json!({"keys": [
            {"kty": "RSA", "kid": good.kid, "n": "AQAB", "e": "AQAB", "alg": "RS256"},
            serde_json::to_value(&good).expect("jwk"),
        ]}))
        .expect("decodes");
        assert_eq!(mixed.keys.len(), 2);
        assert!(verify_lease(&jws, &mixed).is_ok());
    }

    #[test]
    fn a_flipped_byte_in_any_part_is_tampering() {
        let jws = sign_lease(&claims(), &key());
        let header_len = URL_SAFE_NO_PAD.decode(&parts(&jws)[0]).expect("b64").len();
        // Byte 50 of the header is the "1" of "ks1-": the kid is unknown.
        assert_eq!(
            outcome(&flip_decoded(&jws, 0, 50)),
            Err(LeaseRejection::Tampered)
        );
        // The last digit of iat: still JSON, no longer what was signed.
        let at = payload().find("\"iat\":").expect("iat") + 6 + 9;
        assert_eq!(
            outcome(&flip_decoded(&jws, 1, at)),
            Err(LeaseRejection::Tampered)
        );
        for at in 0..64 {
            assert_eq!(
                outcome(&flip_decoded(&jws, 2, at)),
                Err(LeaseRejection::Tampered),
                "signature byte {at}"
            );
        }
        // Any change of any byte of the header or payload fails one way or the other.
        for (n, len) in [(0, header_len), (1, payload().len())] {
            for at in 0..len {
                assert!(
                    outcome(&flip_decoded(&jws, n, at)).is_err(),
                    "part {n} byte {at}"
                );
            }
        }
    }

    #[test]
    fn every_changed_character_is_refused() {
        let jws = sign_lease(&claims(), &key());
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (i, c) in jws.bytes().enumerate().filter(|(_, c)| *c != b'.') {
            let next = ALPHABET[(ALPHABET.iter().position(|a| *a == c).expect("b64url") + 1) % 64];
            let mut changed = jws.clone().into_bytes();
            changed[i] = next;
            let changed = String::from_utf8(changed).expect("ascii");
            assert!(outcome(&changed).is_err(), "position {i}");
        }
    }

    #[test]
    fn payloads_that_are_not_json_objects_are_malformed() {
        let h = header("EdDSA", LEASE_TYP, &key());
        for payload in [
            "not json",
            "[1,2,3]",
            "\"lease\"",
            "42",
            "null",
            "",
            "{\"iss\":",
        ] {
            assert_eq!(
                outcome(&forge(&h, payload, &key())),
                Err(LeaseRejection::Malformed),
                "{payload:?}"
            );
        }
        for header in ["EdDSA", "[\"EdDSA\"]", ""] {
            assert_eq!(
                outcome(&forge(header, &payload(), &key())),
                Err(LeaseRejection::Malformed),
                "{header:?}"
            );
        }
        // Malformed comes first: a bad payload under a bad alg is malformed.
        let both = forge(&header("none", LEASE_TYP, &key()), "[]", &key());
        assert_eq!(outcome(&both), Err(LeaseRejection::Malformed));
        // Payload bytes that are not UTF-8.
        let input = format!("{}.{}", b64(&h), b64([0xff, 0xfe, b'{', b'}']));
        let jws = format!("{input}.{}", b64(key().sign(input.as_bytes()).to_bytes()));
        assert_eq!(outcome(&jws), Err(LeaseRejection::Malformed));
    }

    #[test]
    fn a_signed_object_without_the_claims_is_malformed() {
        let h = header("EdDSA", LEASE_TYP, &key());
        assert_eq!(
            outcome(&forge(&h, "{}", &key())),
            Err(LeaseRejection::Malformed)
        );
        let mut wrong = serde_json::to_value(claims()).expect("json");
        wrong["exp"] = serde_json::json!("soon");
        assert_eq!(
            outcome(&forge(&h, &wrong.to_string(), &key())),
            Err(LeaseRejection::Malformed)
        );
        // The same object unsigned is tampering: nothing is decoded before the signature.
        let unsigned = format!("{}.{}.{}", b64(&h), b64(wrong.to_string()), b64([0u8; 64]));
        assert_eq!(outcome(&unsigned), Err(LeaseRejection::Tampered));
    }

    #[test]
    fn unknown_members_are_ignored() {
        let mut extended = serde_json::to_value(claims()).expect("json");
        extended["nbf"] = serde_json::json!(1);
        extended["license"]["plan"] = serde_json::json!("pro");
        let h = format!(
            r#"{{"alg":"EdDSA","typ":"{LEASE_TYP}","kid":"{}","x5u":"https://example.invalid"}}"#,
            kid_of(&key().verifying_key())
        );
        assert_eq!(
            outcome(&forge(&h, &extended.to_string(), &key())),
            Ok(claims())
        );
    }

    #[test]
    fn anything_but_three_strict_base64url_parts_is_malformed() {
        let jws = sign_lease(&claims(), &key());
        let p = parts(&jws);
        let cases = [
            String::new(),
            ".".to_owned(),
            "..".to_owned(),
            format!("{}.{}", p[0], p[1]),
            format!("{jws}.{}", p[2]),
            format!("{jws}."),
            format!(".{jws}"),
            format!("{}.{}.{}==", p[0], p[1], p[2]),
            format!("{}=.{}.{}", p[0], p[1], p[2]),
            format!("{}.{}=.{}", p[0], p[1], p[2]),
            format!("{}.{}.{}*", p[0], p[1], &p[2][1..]),
            format!(" {jws}"),
            format!("{jws}\n"),
            jws.replacen('-', "+", 1).replacen('_', "/", 1),
            // 89 characters: a length (1 mod 4) no base64 text can have.
            format!("{}.{}.{}AAA", p[0], p[1], p[2]),
        ];
        for case in cases {
            if case == jws {
                continue;
            }
            assert_eq!(outcome(&case), Err(LeaseRejection::Malformed), "{case:?}");
        }
        // Non-canonical trailing bits: the signature's last character is 'A',
        // 'Q', 'g' or 'w' (4 free bits); 'B' decodes to the same bytes leniently.
        let last = p[2].chars().last().expect("char");
        let lenient = match last {
            'A' => 'B',
            'Q' => 'R',
            'g' => 'h',
            'w' => 'x',
            other => panic!("a 64-byte signature ends in A, Q, g or w, not {other}"),
        };
        let noncanonical = format!("{}.{}.{}{lenient}", p[0], p[1], &p[2][..p[2].len() - 1]);
        assert_eq!(outcome(&noncanonical), Err(LeaseRejection::Malformed));
    }

    #[test]
    fn short_or_long_signatures_are_tampering() {
        let jws = sign_lease(&claims(), &key());
        let p = parts(&jws);
        let signature = URL_SAFE_NO_PAD.decode(&p[2]).expect("b64");
        for bytes in [
            &[][..],
            &signature[..63],
            &[&signature[..], &[0][..]].concat()[..],
        ] {
            let case = format!("{}.{}.{}", p[0], p[1], b64(bytes));
            assert_eq!(
                outcome(&case),
                Err(LeaseRejection::Tampered),
                "{} bytes",
                bytes.len()
            );
        }
    }

    #[test]
    fn stages_change_exactly_at_exp_and_exp_plus_grace() {
        let c = claims();
        assert_eq!(stage(&c, c.iat), Stage::Valid);
        assert_eq!(stage(&c, c.exp - 1), Stage::Valid);
        assert_eq!(stage(&c, c.exp), Stage::Grace);
        assert_eq!(stage(&c, c.exp + c.grace - 1), Stage::Grace);
        assert_eq!(stage(&c, c.exp + c.grace), Stage::Expired);
        assert_eq!(stage(&c, i64::MAX), Stage::Expired);
        let no_grace = LeaseClaims {
            grace: 0,
            ..claims()
        };
        assert_eq!(stage(&no_grace, c.exp - 1), Stage::Valid);
        assert_eq!(stage(&no_grace, c.exp), Stage::Expired);
        let huge = LeaseClaims {
            exp: i64::MAX - 1,
            grace: i64::MAX,
            ..claims()
        };
        assert_eq!(stage(&huge, i64::MAX - 1), Stage::Grace);
        assert_eq!(
            serde_json::to_value([Stage::Valid, Stage::Grace, Stage::Expired]).expect("json"),
            serde_json::json!(["valid", "grace", "expired"])
        );
    }

    #[test]
    fn rejections_say_what_they_are() {
        assert_eq!(
            LeaseRejection::Malformed.to_string(),
            "the lease is malformed"
        );
        assert!(LeaseRejection::Tampered.to_string().contains("tampered"));
    }
}
