//! Fuzzing the link reader: a link built around any key and any other
//! parameters opens Activate with exactly what [`LicenseKey::parse`] makes
//! of that key; any other text is read without a panic, and only a
//! `keyslot:` link is ever accepted.

use keyslot_fuzz::proptest::prelude::*;
use keyslot_fuzz::{check, edited, string};
use url::form_urlencoded;

use super::{Link, LinkError, MAX_LEN, parse};
use crate::key::LicenseKey;

/// What a link's key may be: key-like (valid or nearly), or anything.
fn key() -> BoxedStrategy<String> {
    prop_oneof![" ?[A-Za-z0-9_-]{0,130} ?", "[ -~]{0,40}", string()].boxed()
}

/// Parameters other than `key`, as a link from a mail may carry them.
fn others() -> BoxedStrategy<Vec<(String, String)>> {
    let name = string().prop_filter("not key", |n| n != "key");
    prop::collection::vec((name, string()), 0..4).boxed()
}

#[test]
fn fuzz_activate_links() {
    let strategy = (
        key(),
        others(),
        any::<prop::sample::Index>(),
        "[kK][eE][yY][sS][lL][oO][tT]",
    );
    check(strategy, |(key, others, at, scheme)| {
        let mut query = form_urlencoded::Serializer::new(String::new());
        let at = at.index(others.len() + 1);
        query.extend_pairs(&others[..at]);
        query.append_pair("key", &key);
        query.extend_pairs(&others[at..]);
        let link = format!("{scheme}://activate?{}", query.finish());
        let expected = if link.len() > MAX_LEN {
            Err(LinkError::TooLong)
        } else {
            Ok(Link::Activate(LicenseKey::parse(&key).ok()))
        };
        prop_assert_eq!(parse(&link), expected);
        Ok(())
    });
}

#[test]
fn fuzz_link_text() {
    let valid = "keyslot://activate?key=KS-ABCDE-FGHJK-MNPQR-STVWX".to_owned();
    let strategy = prop_oneof![edited(valid), string()];
    check(strategy, |text| {
        if parse(&text).is_ok() {
            // What a URL reader skips: leading controls and spaces, tabs and newlines.
            let read: String = text
                .trim_start_matches(|c: char| c <= ' ')
                .chars()
                .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                .take(8)
                .collect();
            prop_assert!(read.eq_ignore_ascii_case("keyslot:"), "accepted {text:?}");
        }
        Ok(())
    });
}
