//! `keyslot://` links, as a vendor's mail or web page carries them:
//! `keyslot://activate?key=KS-…` opens Activate with the key filled in.
//! [`parse`] only reads the link; nothing is activated until the user says so.
//!
//! The scheme and the action are case-insensitive; the query is
//! form-urlencoded (`%2D` and `+` decoded); its first `key` wins and other
//! parameters are ignored. A key that is missing or not shaped like one
//! ([`LicenseKey::parse`], which trims it) still opens Activate, empty.

use thiserror::Error;
use url::Url;

use crate::key::LicenseKey;

/// The scheme Keyslot registers for its links.
pub const SCHEME: &str = "keyslot";

/// The longest link read, in bytes: a key is at most 128 characters, so a
/// longer link is not one of ours, and it is refused before it is parsed.
pub const MAX_LEN: usize = 4096;

/// What a link asks Keyslot to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// Open Activate with this key filled in (`None`: the link had no
    /// key, or something not shaped like one).
    Activate(Option<LicenseKey>),
}

/// Why a link was refused. The text is for the user, and never repeats the
/// link (it may hold a key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum LinkError {
    /// Over [`MAX_LEN`] bytes.
    #[error("That link is too long to be a Keyslot link (over {MAX_LEN} bytes).")]
    TooLong,
    /// Not a URL at all.
    #[error("That is not a link: a Keyslot link starts with keyslot://")]
    NotAUrl,
    /// A URL of another scheme (`https:`, `mailto:`…).
    #[error("That is not a Keyslot link: a Keyslot link starts with keyslot://")]
    NotKeyslot,
    /// A `keyslot:` link asking for something other than `activate`.
    #[error(
        "Keyslot cannot open that link: this version only opens keyslot://activate links. \
         An update of Keyslot may know it."
    )]
    UnknownAction,
}

/// Reads `input` as a Keyslot link.
pub fn parse(input: &str) -> Result<Link, LinkError> {
    if input.len() > MAX_LEN {
        return Err(LinkError::TooLong);
    }
    let url = Url::parse(input).map_err(|_| LinkError::NotAUrl)?;
    // `Url` lowercases the scheme, but keeps a `keyslot:` host as written.
    if url.scheme() != SCHEME {
        return Err(LinkError::NotKeyslot);
    }
    let activate = url
        .host_str()
        .is_some_and(|host| host.eq_ignore_ascii_case("activate"))
        && matches!(url.path(), "" | "/");
    if !activate {
        return Err(LinkError::UnknownAction);
    }
    let key = url
        .query_pairs()
        .find(|(name, _)| name == "key")
        .and_then(|(_, key)| LicenseKey::parse(&key).ok());
    Ok(Link::Activate(key))
}

#[cfg(test)]
mod fuzz;

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "KS-ABCDE-FGHJK-MNPQR-STVWX";

    /// The key `input` opens Activate with.
    fn key_of(input: &str) -> Option<String> {
        match parse(input) {
            Ok(Link::Activate(key)) => key.map(|k| k.expose().to_owned()),
            Err(error) => panic!("{input}: {error}"),
        }
    }

    #[test]
    fn an_activate_link_carries_its_key() {
        assert_eq!(
            key_of(&format!("keyslot://activate?key={KEY}")),
            Some(KEY.into())
        );
        assert_eq!(
            key_of(&format!("keyslot://activate/?key={KEY}")),
            Some(KEY.into())
        );
    }

    #[test]
    fn the_scheme_and_the_action_are_case_insensitive() {
        assert_eq!(
            key_of(&format!("KEYSLOT://Activate?key={KEY}")),
            Some(KEY.into())
        );
        assert_eq!(
            key_of(&format!("KeySlot://ACTIVATE?key={KEY}")),
            Some(KEY.into())
        );
    }

    #[test]
    fn other_parameters_are_ignored_and_the_first_key_wins() {
        let link = format!("keyslot://activate?utm_source=mail&key={KEY}&key=KS-OTHER-KEY-0000&x");
        assert_eq!(key_of(&link), Some(KEY.into()));
        assert_eq!(
            key_of(&format!("keyslot://activate?key={KEY}#fragment")),
            Some(KEY.into())
        );
    }

    #[test]
    fn the_key_is_form_urlencoded_and_trimmed() {
        let encoded = "keyslot://activate?key=KS%2DABCDE-FGHJK-MNPQR-STVWX";
        assert_eq!(key_of(encoded), Some(KEY.into()));
        assert_eq!(
            key_of(&format!("keyslot://activate?key=%20{KEY}%20")),
            Some(KEY.into())
        );
        assert_eq!(
            key_of(&format!("keyslot://activate?key=+{KEY}++")),
            Some(KEY.into())
        );
    }

    #[test]
    fn a_missing_or_malformed_key_opens_activate_empty() {
        for link in [
            "keyslot://activate",
            "keyslot://activate?",
            "keyslot://activate?key=",
            "keyslot://activate?Key=KS-ABCDE-FGHJK",
            "keyslot://activate?key=abc",
            "keyslot://activate?key=KS+ABCDE",
            "keyslot://activate?key=KS-%C3%84BCDE-FGHJK",
            "keyslot://activate?key=%FF%FEKS-ABCDE",
        ] {
            assert_eq!(parse(link), Ok(Link::Activate(None)), "{link}");
        }
        let long = format!("keyslot://activate?key={}", "A".repeat(129));
        assert_eq!(parse(&long), Ok(Link::Activate(None)));
    }

    #[test]
    fn other_links_are_refused_with_words_that_never_repeat_them() {
        for (input, error) in [
            ("", LinkError::NotAUrl),
            ("KS-ABCDE-FGHJK-MNPQR-STVWX", LinkError::NotAUrl),
            (
                "activate?key=KS-ABCDE-FGHJK-MNPQR-STVWX",
                LinkError::NotAUrl,
            ),
            (
                "https://activate?key=KS-ABCDE-FGHJK-MNPQR-STVWX",
                LinkError::NotKeyslot,
            ),
            (
                "mailto:KS-ABCDE-FGHJK-MNPQR-STVWX@example.com",
                LinkError::NotKeyslot,
            ),
            (
                "keyslotx://activate?key=KS-ABCDE-FGHJK-MNPQR-STVWX",
                LinkError::NotKeyslot,
            ),
            (
                "keyslot://forget?key=KS-ABCDE-FGHJK-MNPQR-STVWX",
                LinkError::UnknownAction,
            ),
            (
                "keyslot:activate?key=KS-ABCDE-FGHJK-MNPQR-STVWX",
                LinkError::UnknownAction,
            ),
            (
                "keyslot://activate/more?key=KS-ABCDE-FGHJK-MNPQR-STVWX",
                LinkError::UnknownAction,
            ),
            (
                "keyslot://?key=KS-ABCDE-FGHJK-MNPQR-STVWX",
                LinkError::UnknownAction,
            ),
        ] {
            assert_eq!(parse(input), Err(error), "{input:?}");
            assert!(!error.to_string().contains("KS-ABCDE"), "{error}");
        }
    }

    #[test]
    fn a_link_over_the_bound_is_refused_before_it_is_read() {
        let padding = "&x=".to_owned() + &"A".repeat(10 * 1024);
        let long = format!("keyslot://activate?key={KEY}{padding}");
        assert_eq!(parse(&long), Err(LinkError::TooLong));
        // Not a URL either, but the length is what is said.
        assert_eq!(parse(&"\u{0}".repeat(MAX_LEN + 1)), Err(LinkError::TooLong));
        let at_bound = format!("keyslot://activate?key={KEY}&x=");
        let at_bound = at_bound.clone() + &"A".repeat(MAX_LEN - at_bound.len());
        assert_eq!(at_bound.len(), MAX_LEN);
        assert_eq!(key_of(&at_bound), Some(KEY.into()));
    }

    #[test]
    fn a_link_prints_no_key() {
        let link = parse(&format!("keyslot://activate?key={KEY}")).expect("a link");
        assert!(!format!("{link:?}").contains("KS-ABCDE"), "{link:?}");
    }
}
