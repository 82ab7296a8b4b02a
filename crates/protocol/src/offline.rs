//! Offline request codes: what a machine without a network hands to the
//! vendor's offline page (`GET /offline`) to be activated, to renew its
//! lease, or to free its seat. The answer to an activation or a renewal is
//! an ordinary lease ([`crate::lease`]); a deactivation answers nothing.
//!
//! A code is one token without spaces, `KSR1.` and the base64url (no
//! padding) of this body, big-endian:
//!
//! | bytes | field |
//! |---|---|
//! | 1 | kind: 1 activate, 2 renew, 3 deactivate |
//! | 8 | issued at, unix seconds of the machine's clock |
//! | 16 | nonce, random |
//! | 32 | SHA-256 of the license key (never the key: the code travels through phones' cameras and photos) |
//! | 32 | the machine's fingerprint |
//! | 1 + n | the machine's name, UTF-8, n ≤ [`MAX_NAME_BYTES`] |
//! | 1 + n | the platform, UTF-8, n ≤ [`MAX_PLATFORM_BYTES`] |
//! | 16 | the first 16 bytes of HMAC-SHA256 with the API secret over `keyslot-offline-request\n` and the bytes above |
//!
//! Decoding is strict: anything but exactly this layout, or a fingerprint
//! of zeros, is [`CodeError::Malformed`] (so every truncation of a code is
//! refused), and
//! a tag that does not verify is [`CodeError::Tampered`], never an
//! ordinary denial. Whitespace inside a pasted code is ignored (mail and
//! chat wrap long lines).

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{KeyInit, Mac as _};
use sha2::{Digest as _, Sha256};

/// Every code begins with this: the format's name and version.
pub const REQUEST_PREFIX: &str = "KSR1.";

/// How long a request code is answered: seven days after it was made.
pub const REQUEST_VALIDITY_SECS: i64 = 7 * 86_400;

/// How far ahead of the server's clock a code's time may be: a machine that
/// never goes online may have a clock that is wrong by hours.
pub const REQUEST_FUTURE_SECS: i64 = 86_400;

/// Longest machine name carried, in UTF-8 bytes (longer names are cut at a
/// character boundary when the code is made).
pub const MAX_NAME_BYTES: usize = 64;

/// Longest platform carried, in UTF-8 bytes.
pub const MAX_PLATFORM_BYTES: usize = 32;

/// Longest code read, in characters, whitespace included: twice the longest
/// valid code.
pub const MAX_CODE_CHARS: usize = 1024;

const TAG_BYTES: usize = 16;
const TAG_CONTEXT: &[u8] = b"keyslot-offline-request\n";
const FIXED_BYTES: usize = 1 + 8 + 16 + 32 + 32;

/// What a code asks of the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RequestKind {
    /// Take a seat (or answer this machine's seat again) and issue a lease.
    Activate,
    /// Issue a new lease for the seat this machine still holds.
    Renew,
    /// Free this machine's seat.
    Deactivate,
}

impl RequestKind {
    const fn byte(self) -> u8 {
        match self {
            Self::Activate => 1,
            Self::Renew => 2,
            Self::Deactivate => 3,
        }
    }

    const fn from_byte(byte: u8) -> Option<Self> {
        match byte {
            1 => Some(Self::Activate),
            2 => Some(Self::Renew),
            3 => Some(Self::Deactivate),
            _ => None,
        }
    }

    /// The kind's name: `activate`, `renew`, `deactivate`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Activate => "activate",
            Self::Renew => "renew",
            Self::Deactivate => "deactivate",
        }
    }
}

/// A request, as the machine makes it and the server reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfflineRequest {
    /// What is asked.
    pub kind: RequestKind,
    /// When the code was made: unix seconds of the machine's clock.
    pub issued_at: i64,
    /// Makes each code unique.
    pub nonce: [u8; 16],
    /// SHA-256 of the license key ([`key_sha256`]).
    pub key_sha256: [u8; 32],
    /// The machine's fingerprint, 64 lowercase hex characters.
    pub fingerprint: String,
    /// The machine's name, at most [`MAX_NAME_BYTES`].
    pub name: String,
    /// The machine's platform, at most [`MAX_PLATFORM_BYTES`].
    pub platform: String,
}

/// Why a code was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    /// Not a request code: wrong prefix, not base64url, cut short, too long,
    /// an unknown kind, or a field that breaks its rule.
    #[error("not a Keyslot request code, or not all of one")]
    Malformed,
    /// Well formed, but its tag does not verify with the API secret: changed
    /// on the way, or made by someone without the vendor's app.
    #[error("the request code's signature does not verify")]
    Tampered,
}

/// SHA-256 of a license key's UTF-8 bytes, as a code carries it.
pub fn key_sha256(license_key: &str) -> [u8; 32] {
    Sha256::digest(license_key.as_bytes()).into()
}

/// `text` cut to at most `max` bytes at a character boundary.
fn cut(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn tag(secret: &[u8], body: &[u8]) -> [u8; TAG_BYTES] {
    let mut mac =
        <hmac::Hmac<Sha256> as KeyInit>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(TAG_CONTEXT);
    mac.update(body);
    let full = mac.finalize().into_bytes();
    let mut out = [0u8; TAG_BYTES];
    out.copy_from_slice(&full[..TAG_BYTES]);
    out
}

impl OfflineRequest {
    /// The code of this request, tagged with the API `secret`. The name and
    /// the platform are cut to their limits; a fingerprint that is not 64
    /// hex characters is written as zeros (it cannot come from
    /// `ThisMachine`), which [`OfflineRequest::decode`] refuses.
    pub fn encode(&self, secret: &[u8]) -> String {
        let name = cut(&self.name, MAX_NAME_BYTES);
        let platform = cut(&self.platform, MAX_PLATFORM_BYTES);
        let mut fingerprint = [0u8; 32];
        if hex::decode_to_slice(&self.fingerprint, &mut fingerprint).is_err() {
            fingerprint = [0; 32];
        }
        let mut body = Vec::with_capacity(FIXED_BYTES + 2 + name.len() + platform.len());
        body.push(self.kind.byte());
        body.extend_from_slice(&self.issued_at.to_be_bytes());
        body.extend_from_slice(&self.nonce);
        body.extend_from_slice(&self.key_sha256);
        body.extend_from_slice(&fingerprint);
        for text in [name, platform] {
            body.push(u8::try_from(text.len()).expect("cut to at most 64 bytes"));
            body.extend_from_slice(text.as_bytes());
        }
        let tag = tag(secret, &body);
        body.extend_from_slice(&tag);
        format!("{REQUEST_PREFIX}{}", URL_SAFE_NO_PAD.encode(body))
    }

    /// Reads `code` and verifies its tag with the API `secret`.
    pub fn decode(code: &str, secret: &[u8]) -> Result<Self, CodeError> {
        let (request, body, claimed) = Self::parse(code)?;
        // In constant time: the tag is a MAC.
        let mut mac =
            <hmac::Hmac<Sha256> as KeyInit>::new_from_slice(secret).expect("any key length");
        mac.update(TAG_CONTEXT);
        mac.update(&body);
        mac.verify_truncated_left(&claimed)
            .map_err(|_| CodeError::Tampered)?;
        Ok(request)
    }

    /// Whether `code` has a request code's whole structure (its tag is not
    /// checked: that needs the secret).
    pub fn is_well_formed(code: &str) -> bool {
        Self::parse(code).is_ok()
    }

    /// The structure of `code`: the request, the tagged bytes and the tag.
    fn parse(code: &str) -> Result<(Self, Vec<u8>, [u8; TAG_BYTES]), CodeError> {
        if code.chars().count() > MAX_CODE_CHARS {
            return Err(CodeError::Malformed);
        }
        let compact: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        let encoded = compact
            .strip_prefix(REQUEST_PREFIX)
            .ok_or(CodeError::Malformed)?;
        let mut bytes = URL_SAFE_NO_PAD
            .decode(encoded)
            .map_err(|_| CodeError::Malformed)?;
        if bytes.len() < FIXED_BYTES + 2 + TAG_BYTES {
            return Err(CodeError::Malformed);
        }
        let claimed: [u8; TAG_BYTES] = bytes
            .split_off(bytes.len() - TAG_BYTES)
            .try_into()
            .map_err(|_| CodeError::Malformed)?;
        let mut reader = Reader(&bytes);
        let kind = RequestKind::from_byte(reader.byte()?).ok_or(CodeError::Malformed)?;
        let issued_at = i64::from_be_bytes(reader.array()?);
        let nonce = reader.array()?;
        let key_sha256 = reader.array()?;
        let fingerprint: [u8; 32] = reader.array()?;
        // What `encode` writes for a fingerprint that is not one: no machine.
        if fingerprint == [0; 32] {
            return Err(CodeError::Malformed);
        }
        let fingerprint = hex::encode(fingerprint);
        let name = reader.text(MAX_NAME_BYTES)?;
        let platform = reader.text(MAX_PLATFORM_BYTES)?;
        if !reader.0.is_empty() {
            return Err(CodeError::Malformed);
        }
        let request = Self {
            kind,
            issued_at,
            nonce,
            key_sha256,
            fingerprint,
            name,
            platform,
        };
        Ok((request, bytes, claimed))
    }
}

/// Reads a body front to back; any shortfall is [`CodeError::Malformed`].
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], CodeError> {
        if self.0.len() < n {
            return Err(CodeError::Malformed);
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    fn byte(&mut self) -> Result<u8, CodeError> {
        Ok(self.take(1)?[0])
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], CodeError> {
        self.take(N)?.try_into().map_err(|_| CodeError::Malformed)
    }

    /// A length byte and that many bytes of UTF-8 that pass the request
    /// schema's free-text rule.
    fn text(&mut self, max: usize) -> Result<String, CodeError> {
        let len = usize::from(self.byte()?);
        if len > max {
            return Err(CodeError::Malformed);
        }
        let text = std::str::from_utf8(self.take(len)?).map_err(|_| CodeError::Malformed)?;
        crate::request::check_free_text(text, max).map_err(|_| CodeError::Malformed)?;
        Ok(text.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"test-secret";

    fn request() -> OfflineRequest {
        OfflineRequest {
            kind: RequestKind::Activate,
            issued_at: 1_796_990_400,
            nonce: [7; 16],
            key_sha256: key_sha256("KS-TEST-0001"),
            fingerprint: "ab".repeat(32),
            name: "Ada’s lab PC ☕".to_owned(),
            platform: "linux-x86_64".to_owned(),
        }
    }

    #[test]
    fn a_code_round_trips_for_every_kind() {
        for kind in [
            RequestKind::Activate,
            RequestKind::Renew,
            RequestKind::Deactivate,
        ] {
            let sent = OfflineRequest { kind, ..request() };
            let code = sent.encode(SECRET);
            assert!(code.starts_with(REQUEST_PREFIX), "{code}");
            assert!(
                code.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)),
                "{code}"
            );
            assert_eq!(OfflineRequest::decode(&code, SECRET), Ok(sent));
        }
    }

    #[test]
    fn the_code_carries_a_hash_of_the_key_never_the_key() {
        let code = request().encode(SECRET);
        let bytes = URL_SAFE_NO_PAD
            .decode(&code[REQUEST_PREFIX.len()..])
            .expect("base64url");
        let window = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
        assert!(!window(b"KS-TEST-0001"));
        assert!(window(&key_sha256("KS-TEST-0001")));
    }

    #[test]
    fn every_truncation_is_refused_as_malformed() {
        let code = request().encode(SECRET);
        assert!(OfflineRequest::is_well_formed(&code));
        for end in 0..code.len() {
            assert!(
                !OfflineRequest::is_well_formed(&code[..end]),
                "cut at {end}"
            );
            assert_eq!(
                OfflineRequest::decode(&code[..end], SECRET),
                Err(CodeError::Malformed),
                "cut at {end}"
            );
        }
    }

    #[test]
    fn a_changed_code_or_another_secret_is_tampering() {
        let code = request().encode(SECRET);
        assert_eq!(
            OfflineRequest::decode(&code, b"other"),
            Err(CodeError::Tampered)
        );
        // Flip one bit of the body (not the tag, not the lengths).
        let mut bytes = URL_SAFE_NO_PAD
            .decode(&code[REQUEST_PREFIX.len()..])
            .expect("b64");
        bytes[20] ^= 1;
        let changed = format!("{REQUEST_PREFIX}{}", URL_SAFE_NO_PAD.encode(&bytes));
        assert_eq!(
            OfflineRequest::decode(&changed, SECRET),
            Err(CodeError::Tampered)
        );
    }

    #[test]
    fn pasted_whitespace_is_ignored_and_junk_is_malformed() {
        let code = request().encode(SECRET);
        let wrapped = format!("  {}\n{} \r\n", &code[..40], &code[40..]);
        assert_eq!(OfflineRequest::decode(&wrapped, SECRET), Ok(request()));
        let body = &code[REQUEST_PREFIX.len()..];
        for junk in [
            String::new(),
            "KSR1.".to_owned(),
            format!("KSR2.{body}"),
            format!("ksr1.{body}"),
            format!("{code}A"),
            format!("{code}AAAA"),
            format!("{code}="),
            code.replace('-', "+"),
            "x".repeat(MAX_CODE_CHARS + 1),
            format!("{code}{}", " ".repeat(MAX_CODE_CHARS)),
        ] {
            if junk == code {
                continue;
            }
            assert_eq!(
                OfflineRequest::decode(&junk, SECRET),
                Err(CodeError::Malformed),
                "{junk:?}"
            );
        }
    }

    #[test]
    fn long_names_are_cut_at_a_character_boundary_and_bad_text_is_refused() {
        let long = OfflineRequest {
            name: "é".repeat(100),
            platform: "p".repeat(40),
            ..request()
        };
        let back = OfflineRequest::decode(&long.encode(SECRET), SECRET).expect("valid");
        assert_eq!(back.name, "é".repeat(MAX_NAME_BYTES / 2));
        assert_eq!(back.platform, "p".repeat(MAX_PLATFORM_BYTES));
        let nobody = OfflineRequest {
            fingerprint: "not hex".to_owned(),
            ..request()
        };
        assert_eq!(
            OfflineRequest::decode(&nobody.encode(SECRET), SECRET),
            Err(CodeError::Malformed),
            "no machine"
        );
        let spoofed = OfflineRequest {
            name: "\u{202E}evil".to_owned(),
            ..request()
        };
        assert_eq!(
            OfflineRequest::decode(&spoofed.encode(SECRET), SECRET),
            Err(CodeError::Malformed)
        );
        let unknown_kind = {
            let code = request().encode(SECRET);
            let mut bytes = URL_SAFE_NO_PAD
                .decode(&code[REQUEST_PREFIX.len()..])
                .expect("b64");
            bytes[0] = 9;
            format!("{REQUEST_PREFIX}{}", URL_SAFE_NO_PAD.encode(&bytes))
        };
        assert_eq!(
            OfflineRequest::decode(&unknown_kind, SECRET),
            Err(CodeError::Malformed)
        );
    }
}
