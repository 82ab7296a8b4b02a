//! License keys: generation and masking for logs.

/// Crockford base32: no I, L, O or U, so keys survive being read aloud or retyped.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A new random key, `KS-XXXXX-XXXXX-XXXXX-XXXXX` (100 bits of entropy).
pub fn generate() -> String {
    let mut key = String::from("KS");
    for _ in 0..4 {
        key.push('-');
        for _ in 0..5 {
            key.push(ALPHABET[rand::random_range(0..ALPHABET.len())] as char);
        }
    }
    key
}

/// Whether `key` is acceptable for `license create --key`: 4–128 characters
/// of `[A-Za-z0-9_-]`.
pub fn is_valid_custom(key: &str) -> bool {
    (4..=128).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// What logs may show of a key: its last four characters, and nothing of a
/// key shorter than 16 characters (four would be too much of it).
pub fn mask(key: &str) -> String {
    let chars: Vec<char> = key.chars().collect();
    if chars.len() < 16 {
        return "…".to_owned();
    }
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_keys_have_the_documented_shape() {
        let key = generate();
        assert_eq!(key.len(), 26);
        let groups: Vec<&str> = key.split('-').collect();
        assert_eq!(groups[0], "KS");
        assert_eq!(groups.len(), 5);
        for group in &groups[1..] {
            assert_eq!(group.len(), 5);
            assert!(group.bytes().all(|b| ALPHABET.contains(&b)), "{key}");
        }
        assert_ne!(generate(), key);
        assert!(is_valid_custom(&key));
    }

    #[test]
    fn masks_keep_only_the_last_four() {
        assert_eq!(mask("KS-ABCDE-FGHJK-MNPQR-STVWX"), "…TVWX");
        assert_eq!(mask("short-key"), "…");
        assert_eq!(mask("☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕é"), "…☕☕☕é");
    }

    #[test]
    fn custom_keys_are_checked() {
        assert!(is_valid_custom("DEMO-FREE-1"));
        assert!(!is_valid_custom("abc"));
        assert!(!is_valid_custom("has space"));
        assert!(!is_valid_custom(&"a".repeat(129)));
    }
}
