//! [`LicenseKey`]: a license key parsed once, where it enters (a command's
//! argument, the CLI, the keychain), and taken by every service method.

use std::fmt;

use crate::error::LicenseError;
use crate::sensitive::Sensitive;

/// A license key with surrounding whitespace removed (pasted keys often carry
/// some) and the shape of a key: 4–128 of `[A-Za-z0-9_-]`. Its `Debug` is
/// redacted, and it implements neither `Display` nor `Serialize`.
#[derive(Clone, PartialEq, Eq)]
pub struct LicenseKey(Sensitive<String>);

impl LicenseKey {
    /// Parses a key as typed or stored.
    pub fn parse(input: &str) -> Result<Self, LicenseError> {
        let key = input.trim();
        let shaped = (4..=128).contains(&key.len())
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !shaped {
            return Err(LicenseError::InvalidKeyFormat);
        }
        Ok(Self(Sensitive::new(key.to_owned())))
    }

    /// The key itself, for the request that must carry it.
    pub fn expose(&self) -> &str {
        self.0.expose()
    }

    /// The key as the keychain stores it.
    pub fn as_secret(&self) -> &Sensitive<String> {
        &self.0
    }

    /// What may be shown of it: `…ABCD`.
    pub fn masked(&self) -> String {
        self.0.masked()
    }
}

impl fmt::Debug for LicenseKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LicenseKey(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_trimmed_and_shape_checked() {
        let key = LicenseKey::parse("  KS-ABCDE-FGHJK-MNPQR-STVWX\n").expect("a key");
        assert_eq!(key.expose(), "KS-ABCDE-FGHJK-MNPQR-STVWX");
        assert_eq!(key.masked(), "…TVWX");
        assert_eq!(format!("{key:?}"), "LicenseKey(<redacted>)");
        for bad in ["", "abc", "KS ABCDE", "KS-ÄBCDE-FGHJK", &"A".repeat(129)] {
            assert_eq!(
                LicenseKey::parse(bad),
                Err(LicenseError::InvalidKeyFormat),
                "{bad:?}"
            );
        }
    }
}
