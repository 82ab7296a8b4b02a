//! Leases (protocol v1.1) on the server: the signing key and its file, the
//! JWK Set served at `GET /api/v1/license/keys`, and the leases that ride on
//! every `200` of `/activate` and `/status` for an active license.
//!
//! The format is `keyslot_protocol::lease`'s; this module holds what needs
//! I/O or state: PEM files (PKCS#8 private keys as `openssl genpkey
//! -algorithm ed25519` writes them, SPKI public keys), the key file created
//! with mode 0600 beside the database, and a cache so that a client polling
//! `/status` gets the same lease back until its `rnw` instead of a fresh
//! signature each time.
//!
//! The private key never leaves this module: it is not logged (its `Debug`
//! is redacted), not stored in the database, and not sent.

use std::collections::HashMap;
use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Context as _;
use axum::body::Bytes;
use ed25519_dalek::pkcs8::{DecodePrivateKey as _, DecodePublicKey as _, EncodePrivateKey as _};
use ed25519_dalek::{SigningKey, VerifyingKey};
use keyslot_protocol::lease::{JwkSet, LeaseClaims, jwk_of, key_hash, kid_of, sign_lease};
use keyslot_protocol::{Device, LicenseState, LicenseSummary};

use crate::private_file;

/// What the leases say about time, and who issued them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaseSettings {
    /// The `iss` claim (`--issuer`).
    pub issuer: String,
    /// Seconds from `iat` to `exp` (`--lease-ttl`), unless the license ends first.
    pub ttl: i64,
    /// Seconds from `iat` to `rnw` (`--lease-renew`).
    pub renew: i64,
    /// The `grace` claim (`--lease-grace`), unless the license ends first.
    pub grace: i64,
}

/// Longest `--lease-ttl`, `--lease-renew` and `--lease-grace` accepted: ten years.
pub const MAX_LEASE_SECS: i64 = 10 * 365 * 24 * 60 * 60;

impl Default for LeaseSettings {
    /// `keyslot`, 7 days, renew after 1 day, 3 days of grace.
    fn default() -> Self {
        Self {
            issuer: "keyslot".to_owned(),
            ttl: 604_800,
            renew: 86_400,
            grace: 259_200,
        }
    }
}

impl LeaseSettings {
    /// Checks the rules of the flags: every duration at least one second (and
    /// at most ten years), renew no longer than the TTL, an issuer.
    pub fn check(&self) -> Result<(), String> {
        for (flag, secs) in [
            ("--lease-ttl", self.ttl),
            ("--lease-renew", self.renew),
            ("--lease-grace", self.grace),
        ] {
            if !(1..=MAX_LEASE_SECS).contains(&secs) {
                return Err(format!(
                    "{flag} must be between 1 and {MAX_LEASE_SECS} seconds, not {secs}"
                ));
            }
        }
        if self.renew > self.ttl {
            return Err(format!(
                "--lease-renew ({} s) must not be longer than --lease-ttl ({} s): a client renews before its lease ends",
                self.renew, self.ttl
            ));
        }
        if self.issuer.trim().is_empty() || self.issuer.chars().any(char::is_control) {
            return Err("--issuer must be a non-empty name without control characters".to_owned());
        }
        Ok(())
    }

    /// The claims of a lease issued at `now` for `device`'s seat on a
    /// license whose key is `license_key` and whose answer is `license`.
    pub fn claims(
        &self,
        now: i64,
        license_key: &str,
        license: &LicenseSummary,
        device: &Device,
    ) -> LeaseClaims {
        let expires_at = license.expires_at.map(time::OffsetDateTime::unix_timestamp);
        let until_ttl = now.saturating_add(self.ttl);
        let exp = expires_at.map_or(until_ttl, |end| until_ttl.min(end));
        // Grace never reaches past the license's own end: 0 when exp is that end.
        let grace = expires_at.map_or(self.grace, |end| {
            self.grace.min(end.saturating_sub(exp)).max(0)
        });
        LeaseClaims {
            iss: self.issuer.clone(),
            sub: device.id.clone(),
            jti: ulid::Ulid::generate().to_string(),
            key_hash: key_hash(&device.id, license_key),
            fpr: device.fingerprint.clone(),
            iat: now,
            rnw: now.saturating_add(self.renew),
            exp,
            grace,
            license: license.clone(),
        }
    }
}

/// The default key file: `DB_FILE.lease-key.pem`, beside the database.
pub fn default_key_path(db: &Path) -> PathBuf {
    crate::db::beside(db, ".lease-key.pem")
}

/// A signing key; its `Debug` never prints it.
pub struct LeaseKey(SigningKey);

impl fmt::Debug for LeaseKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LeaseKey({}, <private key redacted>)", self.kid())
    }
}

impl LeaseKey {
    /// Wraps a key (tests and embedders that keep their own).
    pub fn new(key: SigningKey) -> Self {
        Self(key)
    }

    /// A new key from the operating system's random source.
    pub fn generate() -> anyhow::Result<Self> {
        use rand::TryRng as _;
        let mut seed = [0u8; 32];
        rand::rngs::SysRng
            .try_fill_bytes(&mut seed)
            .map_err(|e| anyhow::anyhow!("no randomness for a lease key: {e}"))?;
        let key = SigningKey::from_bytes(&seed);
        seed.fill(0);
        Ok(Self(key))
    }

    /// Reads a PKCS#8 PEM private key (`openssl genpkey -algorithm ed25519`).
    /// The error never quotes the file.
    pub fn read(path: &Path) -> anyhow::Result<Self> {
        let pem = zeroizing(
            std::fs::read_to_string(path)
                .with_context(|| format!("cannot read lease key {}", path.display()))?,
        );
        let key = SigningKey::from_pkcs8_pem(&pem).map_err(|e| {
            anyhow::anyhow!(
                "{} is not an Ed25519 private key in PKCS#8 PEM ({e}); \
                 `openssl genpkey -algorithm ed25519` writes one",
                path.display()
            )
        })?;
        private_file::warn_if_open_to_others(path, "lease key file");
        Ok(Self(key))
    }

    /// Reads the key at `path`, or creates one there (mode 0600) if there is
    /// none. Returns the key and whether it was created.
    pub fn read_or_create(path: &Path) -> anyhow::Result<(Self, bool)> {
        if path.exists() {
            return Ok((Self::read(path)?, false));
        }
        let key = Self::generate()?;
        match key.write_new(path) {
            Ok(()) => Ok((key, true)),
            // Another process created it first: use theirs.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                Ok((Self::read(path)?, false))
            }
            Err(e) => Err(e).with_context(|| format!("cannot create lease key {}", path.display())),
        }
    }

    /// Writes the key as PKCS#8 PEM to a new file at `path`, readable by its
    /// owner only; fails with `AlreadyExists` rather than replace a key. The
    /// file appears whole or not at all (written aside, then linked).
    fn write_new(&self, path: &Path) -> std::io::Result<()> {
        let pem = ed25519_dalek::pkcs8::KeypairBytes {
            secret_key: self.0.to_bytes(),
            public_key: None,
        }
        .to_pkcs8_pem(pkcs8::LineEnding::LF)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
        let aside = path.with_file_name(format!(
            ".{}.{}.tmp",
            path.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("lease-key"),
            ulid::Ulid::generate()
        ));
        let written = (|| {
            let mut file = private_file::create_new(&aside)?;
            file.write_all(pem.as_bytes())?;
            file.sync_all()?;
            std::fs::hard_link(&aside, path)
        })();
        let _ = std::fs::remove_file(&aside);
        written
    }

    /// The public key.
    pub fn verifying_key(&self) -> VerifyingKey {
        self.0.verifying_key()
    }

    /// Its key id.
    pub fn kid(&self) -> String {
        kid_of(&self.0.verifying_key())
    }
}

fn zeroizing(text: String) -> pkcs8::der::zeroize::Zeroizing<String> {
    pkcs8::der::zeroize::Zeroizing::new(text)
}

/// Reads a PEM public key (`-----BEGIN PUBLIC KEY-----`, SPKI), as
/// `openssl pkey -pubout` writes it.
pub fn read_public_key(path: &Path) -> anyhow::Result<VerifyingKey> {
    let pem = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read lease public key {}", path.display()))?;
    VerifyingKey::from_public_key_pem(&pem).map_err(|e| {
        anyhow::anyhow!(
            "{} is not an Ed25519 public key in PEM ({e}); `openssl pkey -pubout` writes one",
            path.display()
        )
    })
}

/// Where the keys come from: the flags `--lease-key` and `--lease-public-key`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyFiles {
    /// The private key; `None` for the default file beside the database.
    pub key: Option<PathBuf>,
    /// Public keys published beside it (a rotation: publish first, sign later).
    pub public: Vec<PathBuf>,
}

impl KeyFiles {
    /// The signing key (created at the default path beside the SQLite
    /// database `db` if there is none) and every public key. Logs where the
    /// key came from, never the key. On PostgreSQL (`db` is `None`) the key
    /// file must be named and exist: replicas must sign with one key.
    pub fn load(&self, db: Option<&Path>) -> anyhow::Result<(LeaseKey, Vec<VerifyingKey>)> {
        // The public keys first: a bad one leaves no new key file behind.
        let public = self
            .public
            .iter()
            .map(|path| read_public_key(path))
            .collect::<anyhow::Result<Vec<_>>>()?;
        let key = match (&self.key, db) {
            (Some(path), _) => LeaseKey::read(path)?,
            (None, None) => anyhow::bail!(
                "with PostgreSQL, give --lease-key PATH: every replica must sign leases with \
                 the same key (an Ed25519 key in PKCS#8 PEM, made once with \
                 `openssl genpkey -algorithm ed25519 -out lease-key.pem`)"
            ),
            (None, Some(db)) => {
                let path = default_key_path(db);
                let (key, created) = LeaseKey::read_or_create(&path)?;
                if created {
                    tracing::info!(path = %path.display(), kid = %key.kid(), "created a lease key");
                }
                key
            }
        };
        Ok((key, public))
    }
}

/// Everything `serve` needs to issue leases: the key files and the settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeaseOptions {
    /// Where the keys are.
    pub files: KeyFiles,
    /// Issuer and durations.
    pub settings: LeaseSettings,
}

impl LeaseOptions {
    /// Checks the settings and loads the keys (see [`KeyFiles::load`]).
    pub fn load(&self, db: Option<&Path>) -> anyhow::Result<Leases> {
        self.settings.check().map_err(anyhow::Error::msg)?;
        let (key, public) = self.files.load(db)?;
        Ok(Leases::new(key, &public, self.settings.clone()))
    }
}

/// The JWK Set of `signing` and `public`: the signing key first, each key
/// once.
pub fn key_set(signing: &VerifyingKey, public: &[VerifyingKey]) -> JwkSet {
    let mut keys = vec![jwk_of(signing)];
    for key in public {
        let jwk = jwk_of(key);
        if !keys.iter().any(|k| k.kid == jwk.kid) {
            keys.push(jwk);
        }
    }
    JwkSet { keys }
}

/// A lease already signed, answered again until its `rnw`.
struct Cached {
    lease: String,
    iat: i64,
    rnw: i64,
    exp: i64,
    key_hash: String,
    fpr: String,
    license: LicenseSummary,
}

/// Issues leases: the key, the settings, the served key set and the cache.
pub struct Leases {
    key: LeaseKey,
    kid: String,
    settings: LeaseSettings,
    key_set: JwkSet,
    key_set_json: Bytes,
    cache: Mutex<HashMap<String, Cached>>,
}

impl fmt::Debug for Leases {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Leases")
            .field("kid", &self.kid)
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl Leases {
    /// Signs with `key` and publishes it with `public`.
    pub fn new(key: LeaseKey, public: &[VerifyingKey], settings: LeaseSettings) -> Self {
        let key_set = key_set(&key.verifying_key(), public);
        let key_set_json = Bytes::from(serde_json::to_vec(&key_set).unwrap_or_default());
        Self {
            kid: key.kid(),
            key,
            settings,
            key_set,
            key_set_json,
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// Leases with a new random key and the default settings, for servers
    /// that are embedded without a key file (tests; the key changes with
    /// every start).
    pub fn ephemeral() -> anyhow::Result<Self> {
        Ok(Self::new(
            LeaseKey::generate()?,
            &[],
            LeaseSettings::default(),
        ))
    }

    /// The key id leases are signed with.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The settings.
    pub fn settings(&self) -> &LeaseSettings {
        &self.settings
    }

    /// The JWK Set served at `GET /api/v1/license/keys`.
    pub fn key_set(&self) -> &JwkSet {
        &self.key_set
    }

    /// The same, as the exact bytes served.
    pub fn key_set_json(&self) -> Bytes {
        self.key_set_json.clone()
    }

    /// The lease for `device`'s seat at `now`: the one answered before, while
    /// it is before its `rnw` and says the same about the key, the machine
    /// and the license; else a new one. `None` for a license that is not
    /// active (no lease is ever issued for one).
    pub fn lease(
        &self,
        now: i64,
        license_key: &str,
        license: &LicenseSummary,
        device: &Device,
    ) -> Option<String> {
        if license.state != LicenseState::Active {
            return None;
        }
        let hash = key_hash(&device.id, license_key);
        let fresh = |c: &Cached| {
            c.iat <= now
                && now < c.rnw
                && now < c.exp
                && c.key_hash == hash
                && c.fpr == device.fingerprint
                && c.license == *license
        };
        if let Some(cached) = self.lock().get(&device.id).filter(|c| fresh(c)) {
            return Some(cached.lease.clone());
        }
        self.lease_anew(now, license_key, license, device)
    }

    /// A new lease for `device`'s seat at `now`, never the cached one (an
    /// offline answer: the person who carried the code gets the whole
    /// term); it becomes the one [`Leases::lease`] answers again. `None`
    /// for a license that is not active.
    pub fn lease_anew(
        &self,
        now: i64,
        license_key: &str,
        license: &LicenseSummary,
        device: &Device,
    ) -> Option<String> {
        if license.state != LicenseState::Active {
            return None;
        }
        let claims = self.settings.claims(now, license_key, license, device);
        let lease = sign_lease(&claims, &self.key.0);
        let cached = Cached {
            lease: lease.clone(),
            iat: claims.iat,
            rnw: claims.rnw,
            exp: claims.exp,
            key_hash: claims.key_hash,
            fpr: claims.fpr,
            license: claims.license,
        };
        self.lock().insert(claims.sub, cached);
        Some(lease)
    }

    /// Forgets the leases that would not be answered again after `now`.
    pub fn retain_fresh(&self, now: i64) {
        self.lock().retain(|_, c| now < c.rnw && now < c.exp);
    }

    /// How many leases the cache holds.
    pub fn cached(&self) -> usize {
        self.lock().len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Cached>> {
        // The map stays consistent even if a holder panicked: entries are
        // inserted whole.
        self.cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use keyslot_protocol::lease::{Stage, stage, verify_lease};

    fn device(id: &str, n: u8) -> Device {
        Device {
            id: id.to_owned(),
            fingerprint: format!("{n:064x}"),
            name: "m".to_owned(),
            platform: "linux-x86_64".to_owned(),
            created_at: time::OffsetDateTime::UNIX_EPOCH,
            last_seen_at: time::OffsetDateTime::UNIX_EPOCH,
        }
    }

    fn summary(expires_at: Option<i64>) -> LicenseSummary {
        LicenseSummary {
            state: LicenseState::Active,
            max_activations: 2,
            used_activations: 1,
            expires_at: expires_at
                .map(|t| time::OffsetDateTime::from_unix_timestamp(t).expect("time")),
        }
    }

    const NOW: i64 = 1_800_000_000;

    #[test]
    fn exp_and_grace_never_pass_the_licenses_end() {
        let s = LeaseSettings::default();
        let d = device("act_1", 1);
        let far = s.claims(NOW, "K", &summary(Some(NOW + 365 * 86_400)), &d);
        assert_eq!((far.exp, far.grace), (NOW + s.ttl, s.grace));
        let none = s.claims(NOW, "K", &summary(None), &d);
        assert_eq!((none.exp, none.grace), (NOW + s.ttl, s.grace));
        // The license ends during the grace: grace stops there.
        let in_grace = s.claims(NOW, "K", &summary(Some(NOW + s.ttl + 100)), &d);
        assert_eq!((in_grace.exp, in_grace.grace), (NOW + s.ttl, 100));
        // The license ends before the TTL: exp is its end, no grace.
        let soon = s.claims(NOW, "K", &summary(Some(NOW + 60)), &d);
        assert_eq!((soon.exp, soon.grace), (NOW + 60, 0));
        let exactly = s.claims(NOW, "K", &summary(Some(NOW + s.ttl)), &d);
        assert_eq!((exactly.exp, exactly.grace), (NOW + s.ttl, 0));
        assert_eq!(soon.rnw, NOW + s.renew);
        assert_eq!(soon.iat, NOW);
    }

    #[test]
    fn settings_are_checked() {
        assert_eq!(LeaseSettings::default().check(), Ok(()));
        let ok = |ttl, renew, grace| {
            LeaseSettings {
                ttl,
                renew,
                grace,
                ..LeaseSettings::default()
            }
            .check()
        };
        assert_eq!(ok(1, 1, 1), Ok(()));
        assert!(ok(0, 1, 1).is_err());
        assert!(ok(10, 0, 1).is_err());
        assert!(ok(10, 5, 0).is_err());
        assert!(ok(10, 11, 1).unwrap_err().contains("--lease-renew"));
        assert!(ok(MAX_LEASE_SECS + 1, 1, 1).is_err());
        let nameless = LeaseSettings {
            issuer: " ".to_owned(),
            ..LeaseSettings::default()
        };
        assert!(nameless.check().is_err());
    }

    #[test]
    fn a_lease_is_answered_again_until_rnw_or_a_change() {
        let leases = Leases::ephemeral().expect("key");
        let d = device("act_1", 1);
        let license = summary(None);
        let first = leases.lease(NOW, "K", &license, &d).expect("a lease");
        let claims = verify_lease(&first, leases.key_set()).expect("verifies");
        assert_eq!(stage(&claims, NOW), Stage::Valid);
        assert_eq!(
            leases.lease(NOW + 10, "K", &license, &d),
            Some(first.clone())
        );
        let renew = leases.settings().renew;
        assert_eq!(
            leases.lease(NOW + renew - 1, "K", &license, &d),
            Some(first.clone())
        );
        // At rnw, a new one.
        let second = leases
            .lease(NOW + renew, "K", &license, &d)
            .expect("a lease");
        assert_ne!(second, first);
        // The license changed: a new one.
        let more = LicenseSummary {
            used_activations: 2,
            ..license.clone()
        };
        let third = leases
            .lease(NOW + renew + 1, "K", &more, &d)
            .expect("a lease");
        assert_ne!(third, second);
        let claims = verify_lease(&third, leases.key_set()).expect("verifies");
        assert_eq!(claims.license, more);
        // Another key, another machine for the same id, a clock gone back: new ones.
        assert_ne!(
            leases.lease(NOW + renew + 2, "K2", &more, &d).as_ref(),
            Some(&third)
        );
        let moved = device("act_1", 2);
        let fourth = leases
            .lease(NOW + renew + 3, "K2", &more, &moved)
            .expect("lease");
        assert_eq!(
            verify_lease(&fourth, leases.key_set()).expect("ok").fpr,
            moved.fingerprint
        );
        let back = leases.lease(NOW, "K2", &more, &moved).expect("lease");
        assert_eq!(verify_lease(&back, leases.key_set()).expect("ok").iat, NOW);
        // No lease for a license that is not active.
        for state in [
            LicenseState::Suspended,
            LicenseState::Expired,
            LicenseState::Revoked,
        ] {
            let inactive = LicenseSummary {
                state,
                ..license.clone()
            };
            assert_eq!(leases.lease(NOW, "K", &inactive, &d), None);
        }
        assert_eq!(leases.cached(), 1);
        leases.retain_fresh(NOW + 10 * renew);
        assert_eq!(leases.cached(), 0);
    }

    #[test]
    fn the_key_set_lists_the_signing_key_first_and_each_key_once() {
        let a = LeaseKey::generate().expect("key");
        let b = LeaseKey::generate().expect("key");
        let set = key_set(
            &a.verifying_key(),
            &[b.verifying_key(), a.verifying_key(), b.verifying_key()],
        );
        let kids: Vec<_> = set.keys.iter().map(|k| k.kid.clone()).collect();
        assert_eq!(kids, [a.kid(), b.kid()]);
    }

    #[test]
    fn key_files_are_created_private_and_read_back() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("licenses.db");
        let path = default_key_path(&db);
        assert_eq!(path, dir.path().join("licenses.db.lease-key.pem"));
        let (key, created) = LeaseKey::read_or_create(&path).expect("created");
        assert!(created);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let (again, created) = LeaseKey::read_or_create(&path).expect("read");
        assert!(!created);
        assert_eq!(again.kid(), key.kid());
        let pem = std::fs::read_to_string(&path).expect("pem");
        assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"), "{pem}");
        assert!(!format!("{key:?}").contains(&pem[28..60]));
        assert!(format!("{key:?}").contains("redacted"));
        // Nothing left aside.
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn the_golden_openssl_pems_are_read() {
        let golden = concat!(env!("CARGO_MANIFEST_DIR"), "/../protocol/golden/");
        let key = LeaseKey::read(Path::new(&format!("{golden}lease-key.pem"))).expect("pem");
        assert_eq!(key.kid(), "ks1-21fe31dfa154a261");
        let public = read_public_key(Path::new(&format!("{golden}lease-public.pem"))).expect("pem");
        assert_eq!(public, key.verifying_key());
        let keys: JwkSet = serde_json::from_str(
            &std::fs::read_to_string(format!("{golden}lease-keys.json")).expect("json"),
        )
        .expect("set");
        assert_eq!(key_set(&public, &[]), keys);
    }

    #[test]
    fn bad_key_files_are_explained_without_quoting_them() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("bad.pem");
        std::fs::write(
            &path,
            "-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n-----END PRIVATE KEY-----\n",
        )
        .expect("write");
        let error = format!("{:#}", LeaseKey::read(&path).expect_err("refused"));
        assert!(error.contains("PKCS#8"), "{error}");
        assert!(!error.contains("c2VjcmV0"), "{error}");
        let error = format!("{:#}", read_public_key(&path).expect_err("refused"));
        assert!(error.contains("public key"), "{error}");
        let missing = format!(
            "{:#}",
            LeaseKey::read(&dir.path().join("none.pem")).expect_err("x")
        );
        assert!(missing.contains("cannot read lease key"), "{missing}");
    }
}
