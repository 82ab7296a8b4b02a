//! Offline request codes: valid codes of any request, then cut, changed,
//! grown or replaced by any text. A code decodes only when it is exactly
//! the encoding of a request (whitespace aside) under the API secret;
//! anything else is `Malformed` or, for a well-formed code under another
//! secret or changed, `Tampered`. Nothing panics.

use keyslot_fuzz::check;
use keyslot_fuzz::proptest::prelude::*;
use keyslot_protocol::offline::{CodeError, OfflineRequest, RequestKind};

const SECRET: &[u8] = b"fuzz-secret";

fn request() -> impl Strategy<Value = OfflineRequest> {
    (
        prop_oneof![
            Just(RequestKind::Activate),
            Just(RequestKind::Renew),
            Just(RequestKind::Deactivate),
        ],
        any::<i64>(),
        any::<[u8; 16]>(),
        any::<[u8; 32]>(),
        "[0-9a-f]{64}",
        // Free text of the request schema: no control or format characters.
        "[A-Za-z0-9][^\\p{C}]{0,80}",
        "[a-z0-9][^\\p{C}]{0,40}",
    )
        .prop_map(
            |(kind, issued_at, nonce, key_sha256, fingerprint, name, platform)| OfflineRequest {
                kind,
                issued_at,
                nonce,
                key_sha256,
                fingerprint,
                name,
                platform,
            },
        )
}

/// What happens to a valid code on its way.
#[derive(Debug, Clone)]
enum Edit {
    None,
    Cut(prop::sample::Index),
    Flip(prop::sample::Index, u8),
    Insert(prop::sample::Index, String),
    Replace(String),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        Just(Edit::None),
        any::<prop::sample::Index>().prop_map(Edit::Cut),
        (any::<prop::sample::Index>(), 1..=255u8).prop_map(|(i, x)| Edit::Flip(i, x)),
        (any::<prop::sample::Index>(), any::<String>()).prop_map(|(i, s)| Edit::Insert(i, s)),
        any::<String>().prop_map(Edit::Replace),
    ]
}

fn apply(code: &str, edit: &Edit) -> String {
    let mut bytes = code.as_bytes().to_vec();
    match edit {
        Edit::None => {}
        Edit::Cut(at) => bytes.truncate(at.index(bytes.len())),
        Edit::Flip(at, x) => {
            let at = at.index(bytes.len());
            bytes[at] ^= x;
        }
        Edit::Insert(at, text) => {
            let at = at.index(bytes.len() + 1);
            bytes.splice(at..at, text.bytes());
        }
        Edit::Replace(text) => return text.clone(),
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn fuzz_offline_codes() {
    check((request(), edit()), |(sent, edit)| {
        let code = sent.encode(SECRET);
        let received = apply(&code, &edit);
        let compact: String = received.chars().filter(|c| !c.is_whitespace()).collect();
        match OfflineRequest::decode(&received, SECRET) {
            Ok(read) => {
                prop_assert_eq!(read.encode(SECRET), compact, "only an exact code decodes");
                prop_assert_eq!(
                    OfflineRequest::decode(&received, b"another secret"),
                    Err(CodeError::Tampered)
                );
            }
            Err(error) => {
                prop_assert!(
                    !matches!(edit, Edit::None),
                    "a code as made is refused: {:?}",
                    error
                );
                prop_assert!(compact != code || error == CodeError::Malformed);
            }
        }
        Ok(())
    });
}
