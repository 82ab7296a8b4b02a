//! [`Sensitive`]: a secret that cannot be printed, logged or serialized by accident.

use std::fmt;

/// Wraps a secret (license key, API secret, token). Its `Debug` prints
/// `<redacted>`, and it implements neither `Display` nor `Serialize`.
#[derive(Clone, PartialEq, Eq)]
pub struct Sensitive<T>(T);

impl<T> Sensitive<T> {
    /// Wraps `value`.
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// The secret itself, for the one place that must use it.
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl Sensitive<String> {
    /// What may be shown of a license key: its last four characters.
    pub fn masked(&self) -> String {
        mask(&self.0)
    }
}

/// Masks a license key to `…ABCD` (nothing of keys under 16 characters).
pub fn mask(key: &str) -> String {
    let chars: Vec<char> = key.chars().collect();
    if chars.len() < 16 {
        return "…".to_owned();
    }
    format!("…{}", chars[chars.len() - 4..].iter().collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret() {
        let key = Sensitive::new("KS-ABCDE-FGHJK-MNPQR-STVWX".to_owned());
        assert_eq!(format!("{key:?}"), "<redacted>");
        assert_eq!(format!("{:?}", Some(&key)), "Some(<redacted>)");
        assert_eq!(key.masked(), "…TVWX");
        assert_eq!(mask("short"), "…");
    }
}
