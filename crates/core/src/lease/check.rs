//! The local check: where a stored lease stands, judged on this machine
//! without the network, in the order docs/protocol.md gives (malformed,
//! tampered, other machine or key, clock turned back, then the stage at
//! trusted time). This is what `keyslot check` answers.

use keyslot_protocol::LicenseSummary;
use keyslot_protocol::lease::{JwkSet, LeaseRejection, Stage, stage, verify_lease};
use serde::Serialize;

use super::trusted_time::{Anchor, Reading, trusted_now};
use crate::error::LicenseError;
use crate::locale::{self, Args, Lang};
use crate::service::views::rfc3339_of_unix;

/// What the local check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum Verdict {
    /// The lease holds.
    Valid,
    /// The lease has ended; its grace period runs: the software works and
    /// asks the user to connect.
    Grace,
    /// The lease and its grace have ended.
    Expired,
    /// No lease is stored: never activated, forgotten, or a server without leases.
    NoLease,
    /// The stored lease is not a lease.
    Malformed,
    /// The stored lease was not signed by a pinned key.
    Tampered,
    /// The lease belongs to another machine.
    OtherMachine,
    /// The lease belongs to another license key than the one activated here.
    OtherKey,
    /// After a reboot, the wall clock reads more than an hour before the
    /// trusted time last recorded.
    ClockRolledBack,
}

impl Verdict {
    /// Whether the software may run: valid, or in grace.
    pub fn works(self) -> bool {
        matches!(self, Self::Valid | Self::Grace)
    }

    /// `keyslot check`'s exit code: 0 valid or grace, 20 no lease, 21
    /// expired, 22 malformed or tampered, 23 another machine or key, 24 a
    /// clock turned back.
    pub fn exit_code(self) -> u8 {
        match self {
            Self::Valid | Self::Grace => 0,
            Self::NoLease => 20,
            Self::Expired => 21,
            Self::Malformed | Self::Tampered => 22,
            Self::OtherMachine | Self::OtherKey => 23,
            Self::ClockRolledBack => 24,
        }
    }
}

/// The check's answer, as `keyslot check --json` prints it: times (unix
/// seconds here) as RFC 3339, `null` where there is none (no lease, or one
/// that did not verify).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeaseCheck {
    /// What the check found.
    pub stage: Verdict,
    /// When the lease ends (`exp`).
    #[serde(serialize_with = "as_rfc3339")]
    pub expires_at: Option<i64>,
    /// When its grace ends (`exp + grace`).
    #[serde(serialize_with = "as_rfc3339")]
    pub grace_ends_at: Option<i64>,
    /// When the client should renew it (`rnw`).
    #[serde(serialize_with = "as_rfc3339")]
    pub renew_after: Option<i64>,
    /// The activation the lease belongs to.
    pub activation_id: Option<String>,
    /// The license, as the lease says.
    pub license: Option<LicenseSummary>,
    /// The trusted time the stage was judged at, when it came to that.
    #[serde(skip)]
    pub trusted_now: Option<i64>,
    /// When the server issued the lease (`iat`): when the license was last confirmed.
    #[serde(skip)]
    pub issued_at: Option<i64>,
    /// The key id (`kid`) of a lease that verified.
    #[serde(skip)]
    pub key_id: Option<String>,
}

/// The `kid` in the header of `lease` (trusted only once its signature verified).
pub(crate) fn key_id(lease: &str) -> Option<String> {
    use base64::Engine as _;
    let header = lease.trim().split('.').next()?;
    let header = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(header)
        .ok()?;
    let header: serde_json::Value = serde_json::from_slice(&header).ok()?;
    header.get("kid")?.as_str().map(str::to_owned)
}

fn as_rfc3339<S: serde::Serializer>(at: &Option<i64>, serializer: S) -> Result<S::Ok, S::Error> {
    match at {
        Some(at) => serializer.serialize_str(&rfc3339_of_unix(*at)),
        None => serializer.serialize_none(),
    }
}

impl LeaseCheck {
    /// The failure this check amounts to, for its catalog entry; `None`
    /// while the license works (valid, or in grace).
    pub fn error(&self) -> Option<LicenseError> {
        match self.stage {
            Verdict::Valid | Verdict::Grace => None,
            Verdict::NoLease => Some(LicenseError::NotActivated),
            other => Some(LicenseError::Lease(other)),
        }
    }

    /// One line for a person, in `lang`: until when the license works
    /// offline, how soon to connect, or what is wrong (the catalog's title
    /// and message).
    pub fn summary(&self, lang: Lang) -> String {
        let mut args = Args::new();
        match (self.stage, self.expires_at, self.grace_ends_at) {
            (Verdict::Valid, Some(exp), _) => {
                args.set("until", locale::date(lang, exp));
                locale::text_with(lang, "lease-valid", &args)
            }
            (Verdict::Grace, _, Some(end)) => {
                let left = end - self.trusted_now.unwrap_or(end);
                args.set("left", locale::span(lang, u64::try_from(left).unwrap_or(0)));
                args.set("until", locale::date(lang, end));
                locale::text_with(lang, "lease-grace", &args)
            }
            _ => match self.error() {
                Some(error) => {
                    let entry = error.entry();
                    format!("{} {}", entry.title(lang), entry.message(lang))
                }
                None => locale::text(lang, "lease-licensed"),
            },
        }
    }

    fn bare(stage: Verdict) -> Self {
        Self {
            stage,
            expires_at: None,
            grace_ends_at: None,
            renew_after: None,
            activation_id: None,
            license: None,
            trusted_now: None,
            issued_at: None,
            key_id: None,
        }
    }
}

impl From<LeaseRejection> for Verdict {
    /// Steps 1–2 of the verification: why a lease did not verify.
    fn from(rejection: LeaseRejection) -> Self {
        match rejection {
            LeaseRejection::Malformed => Self::Malformed,
            LeaseRejection::Tampered => Self::Tampered,
        }
    }
}

/// What the check expects of a lease on this machine.
#[derive(Debug, Clone, Copy)]
pub struct Expected<'a> {
    /// This machine's fingerprint.
    pub fingerprint: &'a str,
    /// The `key_hash` of the activation made here, kept in the state (no
    /// secret is needed to check it); `None` matches no lease.
    pub key_hash: Option<&'a str>,
}

/// Checks `lease` (as stored, if any) against the pinned `keys`, this
/// machine and trusted time from the kept `anchors` and the machine's
/// `reading`. Also returns the anchor to keep when the check made a new one.
pub fn check(
    lease: Option<&str>,
    keys: &JwkSet,
    expected: Expected<'_>,
    anchors: &[Anchor],
    reading: &Reading,
) -> (LeaseCheck, Option<Anchor>) {
    let Some(lease) = lease else {
        return (LeaseCheck::bare(Verdict::NoLease), None);
    };
    let claims = match verify_lease(lease.trim(), keys) {
        Ok(claims) => claims,
        Err(rejection) => return (LeaseCheck::bare(rejection.into()), None),
    };
    let mut found = LeaseCheck {
        stage: Verdict::Valid,
        expires_at: Some(claims.exp),
        grace_ends_at: Some(claims.exp.saturating_add(claims.grace.max(0))),
        renew_after: Some(claims.rnw),
        activation_id: Some(claims.sub.clone()),
        license: Some(claims.license.clone()),
        trusted_now: None,
        issued_at: Some(claims.iat),
        key_id: key_id(lease),
    };
    if claims.fpr != expected.fingerprint {
        found.stage = Verdict::OtherMachine;
        return (found, None);
    }
    if expected.key_hash != Some(claims.key_hash.as_str()) {
        found.stage = Verdict::OtherKey;
        return (found, None);
    }
    let trusted = match trusted_now(anchors, reading, claims.iat) {
        Ok(trusted) => trusted,
        Err(_) => {
            found.stage = Verdict::ClockRolledBack;
            return (found, None);
        }
    };
    found.trusted_now = Some(trusted.now);
    found.stage = match stage(&claims, trusted.now) {
        Stage::Valid => Verdict::Valid,
        Stage::Grace => Verdict::Grace,
        Stage::Expired => Verdict::Expired,
    };
    (found, trusted.record)
}

#[cfg(test)]
mod tests {
    use ed25519_dalek::SigningKey;
    use keyslot_protocol::lease::{LeaseClaims, jwk_of, key_hash, sign_lease};
    use keyslot_protocol::{LicenseState, LicenseSummary};

    use super::*;

    const T: i64 = 1_767_225_600;
    const FPR: &str = "5f0c6e8a2b1d4f3e9a7c0b2d4e6f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d2f";
    const KEY: &str = "KS-ABCDE-FGHJK-MNPQR-STVWX";

    fn signer(seed: u8) -> SigningKey {
        SigningKey::from_bytes(&[seed; 32])
    }

    fn keys_of(key: &SigningKey) -> JwkSet {
        JwkSet {
            keys: vec![jwk_of(&key.verifying_key())],
        }
    }

    fn claims() -> LeaseClaims {
        LeaseClaims {
            iss: "keyslot".to_owned(),
            sub: "act_1".to_owned(),
            jti: "lease_1".to_owned(),
            key_hash: key_hash("act_1", KEY),
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
        }
    }

    fn reading(wall: i64, since_boot_secs: u64) -> Reading {
        Reading {
            wall,
            boot_id: "boot-a".to_owned(),
            since_boot_ms: since_boot_secs * 1000,
        }
    }

    fn expected(key_hash: &str) -> Expected<'_> {
        Expected {
            fingerprint: FPR,
            key_hash: Some(key_hash),
        }
    }

    #[test]
    fn every_verdict_in_its_order() {
        let key = signer(7);
        let keys = keys_of(&key);
        let lease = sign_lease(&claims(), &key);
        let hash = key_hash("act_1", KEY);
        let anchor = reading(T, 100).anchor_at(T);
        let at = |secs: u64| reading(T, 100 + secs);
        let verdict = |lease: Option<&str>, expected: Expected<'_>, reading: &Reading| {
            check(
                lease,
                &keys,
                expected,
                std::slice::from_ref(&anchor),
                reading,
            )
            .0
            .stage
        };
        assert_eq!(verdict(None, expected(&hash), &at(0)), Verdict::NoLease);
        assert_eq!(
            verdict(Some("a.b"), expected(&hash), &at(0)),
            Verdict::Malformed
        );
        let foreign = sign_lease(&claims(), &signer(8));
        assert_eq!(
            verdict(Some(&foreign), expected(&hash), &at(0)),
            Verdict::Tampered
        );
        let zeros = "0".repeat(64);
        let elsewhere = Expected {
            fingerprint: &zeros,
            key_hash: Some(&hash),
        };
        assert_eq!(
            verdict(Some(&lease), elsewhere, &at(0)),
            Verdict::OtherMachine
        );
        let other_key = key_hash("act_1", "KS-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ");
        assert_eq!(
            verdict(Some(&lease), expected(&other_key), &at(0)),
            Verdict::OtherKey
        );
        let unknown_key = Expected {
            fingerprint: FPR,
            key_hash: None,
        };
        assert_eq!(
            verdict(Some(&lease), unknown_key, &at(0)),
            Verdict::OtherKey
        );
        let rebooted_back = Reading {
            wall: T - 2 * 3600,
            boot_id: "boot-b".to_owned(),
            since_boot_ms: 5_000,
        };
        assert_eq!(
            verdict(Some(&lease), expected(&hash), &rebooted_back),
            Verdict::ClockRolledBack
        );
        assert_eq!(
            verdict(Some(&lease), expected(&hash), &at(0)),
            Verdict::Valid
        );
        assert_eq!(
            verdict(Some(&lease), expected(&hash), &at(7 * 86_400)),
            Verdict::Grace
        );
        assert_eq!(
            verdict(Some(&lease), expected(&hash), &at(10 * 86_400)),
            Verdict::Expired
        );
    }

    #[test]
    fn the_stage_follows_elapsed_time_not_the_wall_clock() {
        let key = signer(7);
        let lease = sign_lease(&claims(), &key);
        let hash = key_hash("act_1", KEY);
        let anchor = reading(T, 100).anchor_at(T);
        // Nine days of boot time later, with the wall clock turned back 30 days: grace.
        let back = reading(T - 30 * 86_400, 100 + 9 * 86_400);
        let (found, record) = check(
            Some(&lease),
            &keys_of(&key),
            expected(&hash),
            std::slice::from_ref(&anchor),
            &back,
        );
        assert_eq!(found.stage, Verdict::Grace);
        assert_eq!(record, None, "nothing to write within a boot");
        // An hour later on the wall clock turned forward 30 days: still valid.
        let ahead = reading(T + 30 * 86_400, 100 + 3600);
        let (found, _) = check(
            Some(&lease),
            &keys_of(&key),
            expected(&hash),
            std::slice::from_ref(&anchor),
            &ahead,
        );
        assert_eq!(found.stage, Verdict::Valid);
    }

    #[test]
    fn the_answer_has_the_leases_times_and_the_json_shape_vendors_read() {
        let key = signer(7);
        let lease = sign_lease(&claims(), &key);
        let hash = key_hash("act_1", KEY);
        let (found, record) = check(
            Some(&lease),
            &keys_of(&key),
            expected(&hash),
            &[],
            &reading(T + 60, 5),
        );
        assert_eq!(record.map(|a| a.trusted), Some(T + 60), "first anchor kept");
        let json = serde_json::to_value(&found).expect("serializes");
        assert_eq!(json["stage"], "valid");
        assert_eq!(json["expires_at"], "2026-01-08T00:00:00Z");
        assert_eq!(json["grace_ends_at"], "2026-01-11T00:00:00Z");
        assert_eq!(json["renew_after"], "2026-01-02T00:00:00Z");
        assert_eq!(json["activation_id"], "act_1");
        assert_eq!(json["license"]["state"], "ACTIVE");
        let none = serde_json::to_value(
            check(None, &keys_of(&key), expected(&hash), &[], &reading(T, 5)).0,
        )
        .expect("serializes");
        assert_eq!(
            none,
            serde_json::json!({"stage": "no_lease", "expires_at": null, "grace_ends_at": null, "renew_after": null, "activation_id": null, "license": null})
        );
    }

    #[test]
    fn the_summary_says_until_when_how_soon_or_what_is_wrong() {
        let key = signer(7);
        let lease = sign_lease(&claims(), &key);
        let hash = key_hash("act_1", KEY);
        let anchor = reading(T, 100).anchor_at(T);
        let at = |secs: u64| {
            check(
                Some(&lease),
                &keys_of(&key),
                expected(&hash),
                std::slice::from_ref(&anchor),
                &reading(T, 100 + secs),
            )
            .0
        };
        assert_eq!(
            at(0).summary(Lang::En),
            "Licensed: works offline until Thu 8 Jan 2026."
        );
        assert_eq!(
            at(8 * 86_400).summary(Lang::En),
            "Connect to the internet within 2 days to keep using this license (until Sun 11 Jan 2026)."
        );
        assert_eq!(
            at(8 * 86_400).summary(Lang::De),
            "Verbinden Sie sich bis So., 11. Jan. 2026 mit dem Internet, um diese Lizenz weiter zu nutzen (noch 2 Tage)."
        );
        assert_eq!(
            at(8 * 86_400).summary(Lang::Ja),
            "このライセンスを使い続けるには、2日以内（2026年1月11日（日）まで）にインターネットに接続してください。"
        );
        let expired = at(11 * 86_400);
        assert!(expired.error().is_some());
        assert!(
            expired
                .summary(Lang::En)
                .starts_with("Connect to keep using this license"),
            "{}",
            expired.summary(Lang::En)
        );
        assert_eq!(
            expired.error().map(|e| e.report().code).as_deref(),
            Some("lease_expired")
        );
    }

    #[test]
    fn exit_codes_are_the_documented_ones() {
        use Verdict::*;
        let codes = [
            (Valid, 0),
            (Grace, 0),
            (NoLease, 20),
            (Expired, 21),
            (Malformed, 22),
            (Tampered, 22),
            (OtherMachine, 23),
            (OtherKey, 23),
            (ClockRolledBack, 24),
        ];
        for (verdict, code) in codes {
            assert_eq!(verdict.exit_code(), code, "{verdict:?}");
            assert_eq!(verdict.works(), code == 0, "{verdict:?}");
        }
    }
}
