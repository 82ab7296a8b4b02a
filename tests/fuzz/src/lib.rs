//! What Keyslot's fuzz tests share (tests only): [`check`], the runner every
//! target goes through, and proptest strategies for what comes from outside:
//! [`near`] JSON (a valid template with values of the wrong type, at their
//! limits, missing, doubled or nested too deep), [`body`] bytes, HTTP
//! [`status`]es and [`header_value`]s.
//!
//! Every fuzz test is named `fuzz_…`, so `cargo test fuzz_` selects them.
//! A target runs 256 cases in the normal suite; `PROPTEST_CASES` (proptest's
//! own variable) sets another number, as `scripts/fuzz.sh` does for long
//! runs. A failing case's seed is kept by proptest's default persistence in
//! a `proptest-regressions/` directory beside the crate's (or the test
//! target's) sources, never inside `src/`, and replayed first on every later
//! run: commit such files with the fix.

use std::fmt::{self, Debug, Display};
use std::panic::Location;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestError, TestRunner};
use serde_json::Value;

pub use proptest;

/// Runs `test` on cases drawn from `strategy` until proptest's case count
/// (256, or `PROPTEST_CASES`) passed, then prints how many ran. A failure
/// or a panic is shrunk to a minimal input and kept as a regression seed;
/// that input is then run once more outside proptest, so a panic fails the
/// calling test with its own message, place and backtrace.
#[track_caller]
pub fn check<S>(strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S: Strategy,
    S::Value: Clone + Debug,
{
    let config = Config {
        source_file: Some(Location::caller().file()),
        ..Config::default()
    };
    let cases = config.cases;
    let name = std::thread::current()
        .name()
        .map_or_else(|| Location::caller().to_string(), str::to_owned);
    match TestRunner::new(config).run(&strategy, &test) {
        Ok(()) => eprintln!("{name}: {cases} cases passed"),
        Err(TestError::Abort(why)) => panic!("{name}: aborted: {why}"),
        Err(TestError::Fail(why, input)) => {
            eprintln!("{name}: {why}\nminimal failing input: {input:#?}");
            let again = test(input);
            panic!("{name}: {why} (run again: {again:?})");
        }
    }
}

/// JSON as text may hold it, beyond what `serde_json::Value` can: numbers
/// as written (`1e999`, 30 digits), duplicate keys, nesting deeper than
/// parsers allow. Written out by `Display`.
#[derive(Clone, PartialEq)]
pub enum Json {
    /// Literal text: `null`, `true`, a number as written, deep nesting.
    Raw(String),
    /// A string (escaped when written).
    Str(String),
    /// An array.
    Arr(Vec<Json>),
    /// An object, keys in order, duplicates kept.
    Obj(Vec<(String, Json)>),
}

impl Json {
    /// The JSON text, as bytes.
    pub fn bytes(&self) -> Vec<u8> {
        self.to_string().into_bytes()
    }

    /// This value, from `value`.
    pub fn of(value: &Value) -> Self {
        match value {
            Value::String(s) => Self::Str(s.clone()),
            Value::Array(items) => Self::Arr(items.iter().map(Self::of).collect()),
            Value::Object(map) => {
                Self::Obj(map.iter().map(|(k, v)| (k.clone(), Self::of(v))).collect())
            }
            other => Self::Raw(other.to_string()),
        }
    }
}

impl Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let string = |f: &mut fmt::Formatter<'_>, s: &str| {
            f.write_str(&serde_json::to_string(s).map_err(|_| fmt::Error)?)
        };
        match self {
            Self::Raw(text) => f.write_str(text),
            Self::Str(s) => string(f, s),
            Self::Arr(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            Self::Obj(members) => {
                f.write_str("{")?;
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    string(f, key)?;
                    write!(f, ":{value}")?;
                }
                f.write_str("}")
            }
        }
    }
}

/// Shown as its text, cut: a failing input stays readable.
impl Debug for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.to_string();
        match text.char_indices().nth(2000) {
            Some((at, _)) => write!(f, "{}… ({} bytes)", &text[..at], text.len()),
            None => f.write_str(&text),
        }
    }
}

/// Numbers at and past the limits of the types answers are read into.
const EDGE_NUMBERS: &[&str] = &[
    "0",
    "-0",
    "-1",
    "0.5",
    "1.0",
    "1e3",
    "255",
    "256",
    "65535",
    "65536",
    "4294967295",
    "4294967296",
    "-2147483649",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "123456789012345678901234567890",
    "1e308",
    "1e999",
    "-1e999",
    "1e-999",
];

/// Strings that look like the times, ids and hashes answers carry, valid
/// or just not.
const EDGE_STRINGS: &[&str] = &[
    "",
    " ",
    "2026-01-01T00:00:00Z",
    "2026-01-01T00:00:00+14:00",
    "2026-02-30T00:00:00Z",
    "2026-13-45T99:99:99Z",
    "9999-12-31T23:59:60Z",
    "+275760-09-13T00:00:00Z",
    "-000001-01-01T00:00:00Z",
    "0000-01-01T00:00:00Z",
    "2026-01-01",
    "1767225600",
    "ACTIVE",
    "active",
    "SUSPENDED",
    "REVOKED",
    "success",
    "failed",
    "\u{0}",
    "\u{202E}evil",
    "\u{FEFF}",
    "5f0c6e8a2b1d4f3e9a7c0b2d4e6f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d2f",
    "5F0C6E8A2B1D4F3E9A7C0B2D4E6F8A1C3E5B7D9F0A2C4E6B8D0F1A3C5E7B9D2F",
    "5f0c6e8a2b1d4f3e9a7c0b2d4e6f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d2",
    "act_01J8X3W4Y5Z6A7B8C9D0EFGHJK",
    "ks1-0000000000000000",
];

/// A number of the right type or not: small, at a type's limit, beyond
/// any, or arbitrary.
pub fn number() -> BoxedStrategy<Json> {
    prop_oneof![
        prop::sample::select(EDGE_NUMBERS).prop_map(|n| Json::Raw(n.to_owned())),
        any::<i64>().prop_map(|n| Json::Raw(n.to_string())),
        any::<u64>().prop_map(|n| Json::Raw(n.to_string())),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| Json::Raw(format!("{f:e}"))),
    ]
    .boxed()
}

/// A string: near the shapes answers use, arbitrary, or long.
pub fn string() -> BoxedStrategy<String> {
    prop_oneof![
        prop::sample::select(EDGE_STRINGS).prop_map(str::to_owned),
        any::<String>(),
        "[ -~]{0,80}",
        (0..10_000usize, any::<char>()).prop_map(|(n, c)| c.to_string().repeat(n)),
    ]
    .boxed()
}

/// `text` with one character removed, added or replaced, or in upper case:
/// a fingerprint one character short, a state word in another case.
pub fn edited(text: String) -> BoxedStrategy<String> {
    (any::<prop::sample::Index>(), any::<char>(), 0..4u8)
        .prop_map(move |(at, c, how)| {
            let mut chars: Vec<char> = text.chars().collect();
            let at = at.index(chars.len() + 1);
            match how {
                0 if at < chars.len() => {
                    chars.remove(at);
                }
                1 => chars.insert(at, c),
                2 if at < chars.len() => chars[at] = c,
                _ => return text.to_uppercase(),
            }
            chars.into_iter().collect()
        })
        .boxed()
}

/// Arrays or objects nested deeper than `serde_json` reads (128 levels),
/// or just within.
fn deep() -> BoxedStrategy<Json> {
    (1..400usize, any::<bool>())
        .prop_map(|(depth, arrays)| {
            Json::Raw(if arrays {
                format!("{}{}", "[".repeat(depth), "]".repeat(depth))
            } else {
                format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth))
            })
        })
        .boxed()
}

/// Any JSON value, mostly of a type a field does not expect: scalars at
/// their limits, strings, small arrays and objects, deep nesting.
pub fn wild() -> BoxedStrategy<Json> {
    let leaf = prop_oneof![
        prop::sample::select(&["null", "true", "false"][..]).prop_map(|t| Json::Raw(t.to_owned())),
        number(),
        string().prop_map(Json::Str),
    ];
    prop_oneof![
        4 => leaf.clone(),
        1 => prop::collection::vec(leaf.clone(), 0..4).prop_map(Json::Arr),
        1 => prop::collection::vec(("[a-z_]{0,8}", leaf), 0..4).prop_map(Json::Obj),
        1 => deep(),
    ]
    .boxed()
}

/// JSON near `template`: mostly the template, with a few defects. Each
/// member is mostly kept (itself near), else replaced by a [`wild`] value
/// or dropped, now and then an extra or doubled member; array items
/// repeated 0–3 times; scalars mostly kept, else [`edited`] or of their
/// type but at its limits. Shrinks towards the template.
pub fn near(template: &Value) -> BoxedStrategy<Json> {
    match template {
        Value::Object(map) => {
            let members: Vec<_> = map
                .iter()
                .map(|(key, value)| {
                    let key = key.clone();
                    prop_oneof![
                        12 => near(value).prop_map(Some),
                        1 => wild().prop_map(Some),
                        1 => Just(None),
                    ]
                    .prop_map(move |value| value.map(|v| (key.clone(), v)))
                })
                .collect();
            let keys: Vec<String> = map.keys().cloned().collect();
            let extra_key = if keys.is_empty() {
                "[a-z_]{0,8}".boxed()
            } else {
                prop_oneof!["[a-z_]{0,8}", prop::sample::select(keys)].boxed()
            };
            (members, prop::option::weighted(0.2, (extra_key, wild())))
                .prop_map(|(members, extra)| {
                    Json::Obj(members.into_iter().flatten().chain(extra).collect())
                })
                .boxed()
        }
        Value::Array(items) => match items.first() {
            Some(item) => prop::collection::vec(near(item), 0..4)
                .prop_map(Json::Arr)
                .boxed(),
            None => prop::collection::vec(wild(), 0..3)
                .prop_map(Json::Arr)
                .boxed(),
        },
        Value::String(s) => prop_oneof![
            6 => Just(Json::Str(s.clone())),
            2 => edited(s.clone()).prop_map(Json::Str),
            1 => string().prop_map(Json::Str),
        ]
        .boxed(),
        Value::Number(_) => prop_oneof![6 => Just(Json::of(template)), 1 => number()].boxed(),
        other => prop_oneof![6 => Just(Json::of(other)), 1 => wild()].boxed(),
    }
}

/// Bytes from outside, shown as text (cut) when a case fails.
#[derive(Clone, PartialEq)]
pub struct Bytes(pub Vec<u8>);

impl Debug for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = String::from_utf8_lossy(&self.0);
        let cut: String = text.chars().take(2000).collect();
        write!(f, "{cut:?} ({} bytes)", self.0.len())
    }
}

/// A body from outside: `template` as it is, [`near`] it, cut short, or
/// any JSON or bytes at all.
pub fn body(template: &Value) -> BoxedStrategy<Bytes> {
    let near_it = near(template).prop_map(|j| j.bytes());
    prop_oneof![
        2 => Just(Json::of(template).bytes()),
        6 => near_it.clone(),
        1 => (near_it, any::<prop::sample::Index>()).prop_map(|(mut bytes, cut)| {
            bytes.truncate(cut.index(bytes.len() + 1));
            bytes
        }),
        1 => wild().prop_map(|j| j.bytes()),
        1 => prop::collection::vec(any::<u8>(), 0..512),
    ]
    .prop_map(Bytes)
    .boxed()
}

/// An HTTP status: `usual` (the status a body comes with), a common one,
/// or any a client can receive (100–999).
pub fn status(usual: u16) -> BoxedStrategy<u16> {
    prop_oneof![
        2 => Just(usual),
        1 => prop::sample::select(&[200u16, 201, 204, 301, 400, 401, 403, 404, 409, 413, 422, 429, 500, 502, 503][..]),
        1 => 100u16..=999,
    ]
    .boxed()
}

/// A header value as HTTP can carry it (visible ASCII, spaces, tabs and
/// bytes 0x80–0xFF, which are not text): short, arbitrary or 8 KiB long.
pub fn header_value() -> BoxedStrategy<Vec<u8>> {
    let byte = prop_oneof![0x20u8..=0x7e, 0x80u8..=0xff, Just(b'\t')];
    prop_oneof![
        "[ -~]{0,80}".prop_map(String::into_bytes),
        prop::collection::vec(byte, 0..80),
        (0..8192usize).prop_map(|n| vec![b'7'; n]),
    ]
    .boxed()
}
