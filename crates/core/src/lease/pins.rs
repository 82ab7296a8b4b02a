//! Which public keys a lease is checked against (docs/protocol.md,
//! "Leases"): a JWK Set the vendor built into the binary, which nothing
//! replaces; else one the app's config or the CLI names; else (development
//! only) the server's own set, fetched once and kept beside the lease.

use std::path::Path;

use keyslot_protocol::lease::JwkSet;

use crate::error::LicenseError;

/// The JWK Set built into this binary: the JSON the vendor put in
/// `KEYSLOT_BUILTIN_LEASE_KEYS` when building it.
const BUILT_IN: Option<&str> = option_env!("KEYSLOT_BUILTIN_LEASE_KEYS");

/// The file a fetched JWK Set is kept in, beside the lease.
pub const FETCHED_FILE: &str = "lease-keys.json";

/// Reads a JWK Set from `text`; one without a usable Ed25519 key is refused.
pub fn parse_jwk_set(text: &str, whence: &str) -> Result<JwkSet, LicenseError> {
    let set: JwkSet = serde_json::from_str(text)
        .map_err(|e| LicenseError::Config(format!("lease keys ({whence}): {e}")))?;
    if !set.keys.iter().any(|k| k.verifying_key().is_some()) {
        return Err(LicenseError::Config(format!(
            "lease keys ({whence}): no usable Ed25519 key"
        )));
    }
    Ok(set)
}

/// The built-in JWK Set, if the vendor built one in.
pub fn built_in() -> Result<Option<JwkSet>, LicenseError> {
    BUILT_IN
        .map(|text| parse_jwk_set(text, "built in"))
        .transpose()
}

/// The keys to check leases against: built in, else the file `given`, else
/// the set kept in `data_dir` from a fetch.
pub fn pinned_keys(given: Option<&Path>, data_dir: &Path) -> Result<JwkSet, LicenseError> {
    choose(BUILT_IN, given, data_dir)
}

/// [`pinned_keys`] with the built-in set `built_in` (JSON), so the order is testable.
fn choose(
    built_in: Option<&str>,
    given: Option<&Path>,
    data_dir: &Path,
) -> Result<JwkSet, LicenseError> {
    if let Some(text) = built_in {
        return parse_jwk_set(text, "built in");
    }
    let read = |path: &Path| {
        std::fs::read_to_string(path)
            .map_err(|e| LicenseError::Config(format!("lease keys {}: {e}", path.display())))
    };
    if let Some(path) = given {
        return parse_jwk_set(&read(path)?, &path.display().to_string());
    }
    let kept = data_dir.join(FETCHED_FILE);
    if kept.exists() {
        return parse_jwk_set(&read(&kept)?, &kept.display().to_string());
    }
    Err(LicenseError::Config(
        "no lease keys: pin the vendor's JWK Set (--lease-keys FILE or KEYSLOT_LEASE_KEYS)"
            .to_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use ed25519_dalek::SigningKey;
    use keyslot_protocol::lease::jwk_of;

    use super::*;

    fn set_json(seed: u8) -> String {
        let set = JwkSet {
            keys: vec![jwk_of(&SigningKey::from_bytes(&[seed; 32]).verifying_key())],
        };
        serde_json::to_string(&set).expect("json")
    }

    #[test]
    fn a_given_file_then_a_kept_one_and_nothing_is_an_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(matches!(
            choose(None, None, dir.path()),
            Err(LicenseError::Config(_))
        ));
        std::fs::write(dir.path().join(FETCHED_FILE), set_json(1)).expect("kept");
        let kept = choose(None, None, dir.path()).expect("the kept set");
        let given_path = dir.path().join("given.json");
        std::fs::write(&given_path, set_json(2)).expect("given");
        let given = choose(None, Some(&given_path), dir.path()).expect("the given set");
        assert_ne!(kept, given, "a given file comes before the kept set");
    }

    #[test]
    fn a_built_in_set_wins_over_a_given_file_and_a_kept_set() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join(FETCHED_FILE), set_json(1)).expect("kept");
        let given_path = dir.path().join("given.json");
        std::fs::write(&given_path, set_json(2)).expect("given");
        let built_in = set_json(3);
        let chosen = choose(Some(&built_in), Some(&given_path), dir.path()).expect("built in");
        assert_eq!(chosen, parse_jwk_set(&built_in, "test").expect("a set"));
        assert!(
            choose(Some("{}"), Some(&given_path), dir.path()).is_err(),
            "a broken built-in set is an error, never replaced"
        );
    }

    #[test]
    fn a_set_without_a_usable_key_is_refused() {
        for bad in [
            "{}",
            r#"{"keys":[]}"#,
            r#"{"keys":[{"kty":"RSA","kid":"r1"}]}"#,
            "not json",
        ] {
            assert!(
                matches!(parse_jwk_set(bad, "test"), Err(LicenseError::Config(_))),
                "{bad}"
            );
        }
        assert!(parse_jwk_set(&set_json(3), "test").is_ok());
    }
}
