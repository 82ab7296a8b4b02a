//! `keyslot check` and `keyslot lease`: the lease alone decides, with no
//! network, no server flag and no keychain (no D-Bus session at all).

use std::path::PathBuf;
use std::process::{Command, Output};

use ed25519_dalek::SigningKey;
use keyslot_core::fingerprint::ThisMachine;
use keyslot_core::state::{ActivationRecord, LocalState, StateFile};
use keyslot_protocol::lease::{JwkSet, LeaseClaims, jwk_of, key_hash, sign_lease};
use keyslot_protocol::{LicenseState, LicenseSummary};

mod from_rust;

const KEY: &str = "KS-CHECK-AAAAA-BBBBB-CCCCC";
const DAY: i64 = 86_400;

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs() as i64
}

fn vendor_key() -> SigningKey {
    SigningKey::from_bytes(&[42; 32])
}

/// A data directory holding an activation (a lease of it is kept with
/// [`World::keep`]), and the vendor's JWK Set in `keys.json` beside it.
struct World(tempfile::TempDir);

impl World {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        StateFile::in_dir(dir.path().join("data"))
            .save(&LocalState {
                activation: Some(ActivationRecord {
                    activation_id: "act_check".to_owned(),
                    key_hint: "…CCCC".to_owned(),
                    activated_at: now(),
                    license: None,
                    key_hash: Some(key_hash("act_check", KEY)),
                    offline: false,
                }),
                components: None,
            })
            .expect("state");
        let keys = JwkSet {
            keys: vec![jwk_of(&vendor_key().verifying_key())],
        };
        std::fs::write(
            dir.path().join("keys.json"),
            serde_json::to_string(&keys).expect("json"),
        )
        .expect("keys");
        Self(dir)
    }

    fn data(&self) -> PathBuf {
        self.0.path().join("data")
    }

    /// This machine's fingerprint for `app_id`, as the CLI finds it here.
    fn fingerprint(&self, app_id: &str) -> String {
        ThisMachine::detect(app_id, &self.data())
            .expect("this machine")
            .fingerprint
    }

    /// A lease of this machine's seat, issued `ago` seconds ago, ending after
    /// `ttl`, with `grace`.
    fn claims(&self, ago: i64, ttl: i64, grace: i64) -> LeaseClaims {
        let iat = now() - ago;
        LeaseClaims {
            iss: "keyslot".to_owned(),
            sub: "act_check".to_owned(),
            jti: "lease_check".to_owned(),
            key_hash: key_hash("act_check", KEY),
            fpr: self.fingerprint("keyslot"),
            iat,
            rnw: iat + DAY,
            exp: iat + ttl,
            grace,
            license: LicenseSummary {
                state: LicenseState::Active,
                max_activations: 2,
                used_activations: 1,
                expires_at: None,
            },
        }
    }

    /// Keeps `lease` as the stored lease.
    fn keep(&self, lease: &str) {
        std::fs::write(self.data().join("lease.jwt"), lease).expect("lease");
    }

    /// `keyslot ARGS` in this world, with no D-Bus session and no server.
    fn command(&self, args: &[&str]) -> Command {
        let mut command = crate::keyslot_command();
        command
            .args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("KEYSLOT_DATA_DIR", self.data())
            .env("KEYSLOT_LEASE_KEYS", self.0.path().join("keys.json"));
        command
    }

    fn keyslot(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("keyslot runs")
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn a_valid_lease_works_offline_and_says_until_when() {
    let world = World::new();
    let lease = sign_lease(&world.claims(60, 7 * DAY, 3 * DAY), &vendor_key());
    world.keep(&lease);
    let text = world.keyslot(&["check"]);
    assert_eq!(text.status.code(), Some(0), "{}", stdout(&text));
    assert!(
        stdout(&text).starts_with("Licensed: works offline until "),
        "{}",
        stdout(&text)
    );
    let json = world.keyslot(&["check", "--json"]);
    assert_eq!(json.status.code(), Some(0));
    let found: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    let mut members: Vec<&str> = found
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    members.sort_unstable();
    assert_eq!(
        members,
        [
            "activation_id",
            "expires_at",
            "grace_ends_at",
            "license",
            "renew_after",
            "stage"
        ]
    );
    assert_eq!(found["stage"], "valid");
    assert_eq!(found["activation_id"], "act_check");
    assert_eq!(found["license"]["state"], "ACTIVE");
    let printed = world.keyslot(&["lease"]);
    assert_eq!(printed.status.code(), Some(0));
    assert_eq!(stdout(&printed).trim(), lease);
    let all = format!("{}{}", stdout(&text), stdout(&json));
    assert!(!all.contains(KEY), "the key is never printed");
}

#[test]
fn grace_then_expired() {
    let world = World::new();
    world.keep(&sign_lease(
        &world.claims(8 * DAY, 7 * DAY, 3 * DAY),
        &vendor_key(),
    ));
    let grace = world.keyslot(&["check"]);
    assert_eq!(grace.status.code(), Some(0), "grace still works");
    assert!(
        stdout(&grace).starts_with("Connect to the internet within "),
        "{}",
        stdout(&grace)
    );
    world.keep(&sign_lease(
        &world.claims(11 * DAY, 7 * DAY, 3 * DAY),
        &vendor_key(),
    ));
    let expired = world.keyslot(&["check", "--json"]);
    assert_eq!(expired.status.code(), Some(21));
    let found: serde_json::Value = serde_json::from_slice(&expired.stdout).expect("json");
    assert_eq!(found["stage"], "expired");
}

#[test]
fn before_any_activation_check_says_no_lease_without_lease_keys() {
    let world = World::new();
    let mut check = world.command(&["check"]);
    check.env_remove("KEYSLOT_LEASE_KEYS");
    assert_eq!(check.output().expect("runs").status.code(), Some(20));
    world.keep(&sign_lease(
        &world.claims(60, 7 * DAY, 3 * DAY),
        &vendor_key(),
    ));
    let mut check = world.command(&["check"]);
    check.env_remove("KEYSLOT_LEASE_KEYS");
    let output = check.output().expect("runs");
    assert_eq!(
        output.status.code(),
        Some(3),
        "a lease with no key to check it against"
    );
}

#[test]
fn no_lease_edited_foreign_and_elsewhere_leases_have_their_exit_codes() {
    let world = World::new();
    assert_eq!(world.keyslot(&["check"]).status.code(), Some(20));
    assert_eq!(world.keyslot(&["lease"]).status.code(), Some(20));

    let lease = sign_lease(&world.claims(60, 7 * DAY, 3 * DAY), &vendor_key());
    let (head, rest) = lease.split_once('.').expect("parts");
    let payload_first = rest.chars().next().expect("payload");
    let flipped = if payload_first == 'e' { 'f' } else { 'e' };
    let edited = format!("{head}.{flipped}{}", &rest[1..]);
    world.keep(&edited);
    let tampered = world.keyslot(&["check"]);
    assert_eq!(tampered.status.code(), Some(22), "{}", stdout(&tampered));

    let foreign = sign_lease(
        &world.claims(60, 7 * DAY, 3 * DAY),
        &SigningKey::from_bytes(&[7; 32]),
    );
    world.keep(&foreign);
    assert_eq!(world.keyslot(&["check"]).status.code(), Some(22));

    let mut elsewhere = world.claims(60, 7 * DAY, 3 * DAY);
    elsewhere.fpr = "0".repeat(64);
    world.keep(&sign_lease(&elsewhere, &vendor_key()));
    let other = world.keyslot(&["check"]);
    assert_eq!(other.status.code(), Some(23));
    assert!(
        stdout(&other).starts_with("This license was activated on another computer"),
        "the catalog's words: {}",
        stdout(&other)
    );
}

#[test]
fn without_pinned_keys_nothing_is_trusted() {
    let world = World::new();
    world.keep(&sign_lease(
        &world.claims(60, 7 * DAY, 3 * DAY),
        &vendor_key(),
    ));
    let output = world
        .command(&["check"])
        .env_remove("KEYSLOT_LEASE_KEYS")
        .output()
        .expect("runs");
    assert_ne!(output.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("lease keys")
            || stdout(&output).contains("lease keys"),
        "says what is missing: {output:?}"
    );
}

#[test]
fn check_salts_the_fingerprint_with_the_vendors_app_id() {
    let world = World::new();
    let mut claims = world.claims(60, 7 * DAY, 3 * DAY);
    claims.fpr = world.fingerprint("acme-cad");
    world.keep(&sign_lease(&claims, &vendor_key()));
    let flag = world.keyslot(&["check", "--app-id", "acme-cad"]);
    assert_eq!(flag.status.code(), Some(0), "{}", stdout(&flag));
    let env = world
        .command(&["check"])
        .env("KEYSLOT_APP_ID", "acme-cad")
        .output()
        .expect("runs");
    assert_eq!(env.status.code(), Some(0), "{}", stdout(&env));
    assert_eq!(
        world.keyslot(&["check"]).status.code(),
        Some(23),
        "under the default app id this machine is another one"
    );
}
