//! Request bodies and their schema: what the server accepts, field by field.
//!
//! A body is parsed from JSON once ([`parse_json`]), then checked into its
//! typed form ([`RequestBody::from_json`]), which names every bad field so a
//! `1702` answer can say exactly what to fix. Unknown fields are ignored, so
//! a newer client can talk to an older server.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One problem with one field of a request, as carried in `error.details`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FieldError {
    /// Dotted path of the field, e.g. `machine.fingerprint`.
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

impl FieldError {
    /// A problem with `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// The machine that asks for a seat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Machine {
    /// 64 lowercase hex characters: an app-specific hash, never raw ids.
    pub fingerprint: String,
    /// Human name, 1–128 characters.
    pub name: String,
    /// Platform, 1–64 characters, e.g. `linux-x86_64`.
    pub platform: String,
}

/// Body of `/activate`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivateRequest {
    /// The license key.
    pub license_key: String,
    /// The machine to activate.
    pub machine: Machine,
}

/// Body of `/status`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusRequest {
    /// The license key.
    pub license_key: String,
    /// This machine's fingerprint.
    pub fingerprint: String,
}

/// Body of `/devices`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DevicesRequest {
    /// The license key.
    pub license_key: String,
}

/// Body of `/deactivate`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeactivateRequest {
    /// The license key.
    pub license_key: String,
    /// Id of the activation to free.
    pub activation_id: String,
}

/// `Debug` of the request bodies prints everything but the license key.
macro_rules! debug_without_key {
    ($($name:ident { $($field:ident),* }),+) => {$(
        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($name))
                    .field("license_key", &"<redacted>")
                    $(.field(stringify!($field), &self.$field))*
                    .finish()
            }
        }
    )+};
}

debug_without_key!(
    ActivateRequest { machine },
    StatusRequest { fingerprint },
    DevicesRequest {},
    DeactivateRequest { activation_id }
);

/// A request body that can be checked field by field.
pub trait RequestBody: Sized {
    /// Checks a parsed JSON value; on failure names every bad field.
    fn from_json(value: &Value) -> Result<Self, Vec<FieldError>>;

    /// The license key, for callers (rate limiters) that need it before
    /// the full check. Present whenever `license_key` is a string.
    fn peek_license_key(value: &Value) -> Option<&str> {
        value.get("license_key")?.as_str()
    }
}

/// Parses raw body bytes as JSON.
pub fn parse_json(body: &[u8]) -> Result<Value, FieldError> {
    serde_json::from_slice(body)
        .map_err(|e| FieldError::new("body", format!("not valid JSON: {e}")))
}

/// Parses and checks a whole body.
pub fn parse_request<T: RequestBody>(body: &[u8]) -> Result<T, Vec<FieldError>> {
    let value = parse_json(body).map_err(|e| vec![e])?;
    T::from_json(&value)
}

/// Walks one JSON object, collecting field errors as it goes.
struct Fields<'a> {
    object: Option<&'a Map<String, Value>>,
    prefix: &'static str,
    errors: Vec<FieldError>,
}

impl<'a> Fields<'a> {
    fn new(value: &'a Value, prefix: &'static str) -> Self {
        let mut fields = Self {
            object: value.as_object(),
            prefix,
            errors: Vec::new(),
        };
        if fields.object.is_none() {
            let name = if prefix.is_empty() {
                "body"
            } else {
                prefix.trim_end_matches('.')
            };
            fields
                .errors
                .push(FieldError::new(name, "must be a JSON object"));
        }
        fields
    }

    fn fail(&mut self, field: &str, message: &str) {
        self.errors
            .push(FieldError::new(format!("{}{field}", self.prefix), message));
    }

    fn value(&mut self, field: &str) -> Option<&'a Value> {
        let object = self.object?;
        let found = object.get(field).filter(|v| !v.is_null());
        if found.is_none() {
            self.fail(field, "is required");
        }
        found
    }

    /// A string field checked by `check`, which explains a bad value.
    fn string(&mut self, field: &str, check: fn(&str) -> Result<(), &'static str>) -> String {
        let Some(value) = self.value(field) else {
            return String::new();
        };
        let Some(text) = value.as_str() else {
            self.fail(field, "must be a string");
            return String::new();
        };
        if let Err(why) = check(text) {
            self.fail(field, why);
        }
        text.to_owned()
    }

    fn finish<T>(self, value: T) -> Result<T, Vec<FieldError>> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(self.errors)
        }
    }
}

/// What one string field of a request body must be: the validator below
/// applies it, and the OpenAPI document states it (`minLength`,
/// `maxLength` and `pattern`, in ECMA-262 syntax, which the `regex` crate
/// reads too); a property test holds the two to the same answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldRule {
    /// Fewest characters (Unicode scalar values).
    pub min_chars: usize,
    /// Most characters.
    pub max_chars: usize,
    /// What the characters must match, anchored at both ends.
    pub pattern: &'static str,
}

/// Free text: at least one character that is not white space, and no
/// control, bidi-embedding, -override or -isolate, zero-width space or BOM
/// characters (the pattern spells out [`char::is_control`], Rust's
/// `White_Space` and [`is_spoofing_format`]).
const TEXT_PATTERN: &str = concat!(
    r"^[^\u0000-\u001F\u007F-\u009F\u200B\u202A-\u202E\u2066-\u2069\uFEFF]*",
    r"[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200B\u2028\u2029\u202A-\u202F\u205F\u2066-\u2069\u3000\uFEFF]",
    r"[^\u0000-\u001F\u007F-\u009F\u200B\u202A-\u202E\u2066-\u2069\uFEFF]*$",
);

/// Free text of 1 to `max_chars` characters.
const fn free_text(max_chars: usize) -> FieldRule {
    FieldRule {
        min_chars: 1,
        max_chars,
        pattern: TEXT_PATTERN,
    }
}

/// `license_key`: free text, 1–128 characters.
pub const LICENSE_KEY: FieldRule = free_text(128);

/// `fingerprint`: 64 lowercase hex characters.
pub const FINGERPRINT: FieldRule = FieldRule {
    min_chars: 64,
    max_chars: 64,
    pattern: "^[0-9a-f]{64}$",
};

/// `machine.name`: free text, 1–128 characters.
pub const MACHINE_NAME: FieldRule = free_text(128);

/// `machine.platform`: free text, 1–64 characters.
pub const PLATFORM: FieldRule = free_text(64);

/// `activation_id`: 1–64 characters of `[A-Za-z0-9_-]`.
pub const ACTIVATION_ID: FieldRule = FieldRule {
    min_chars: 1,
    max_chars: 64,
    pattern: "^[A-Za-z0-9_-]{1,64}$",
};

/// Every string field of every request body: the schema's name, the
/// property, its rule.
pub const FIELD_RULES: &[(&str, &str, FieldRule)] = &[
    ("ActivateRequest", "license_key", LICENSE_KEY),
    ("Machine", "fingerprint", FINGERPRINT),
    ("Machine", "name", MACHINE_NAME),
    ("Machine", "platform", PLATFORM),
    ("StatusRequest", "license_key", LICENSE_KEY),
    ("StatusRequest", "fingerprint", FINGERPRINT),
    ("DevicesRequest", "license_key", LICENSE_KEY),
    ("DeactivateRequest", "license_key", LICENSE_KEY),
    ("DeactivateRequest", "activation_id", ACTIVATION_ID),
];

/// The free-text rule with a limit of `max_chars`, for other formats that
/// carry the same fields (the offline request code).
pub(crate) fn check_free_text(value: &str, max_chars: usize) -> Result<(), &'static str> {
    text(value, free_text(max_chars))
}

fn text(value: &str, rule: FieldRule) -> Result<(), &'static str> {
    if value.trim().is_empty() {
        return Err("must not be empty");
    }
    if value.chars().count() > rule.max_chars {
        return Err("is too long");
    }
    if value
        .chars()
        .any(|c| c.is_control() || is_spoofing_format(c))
    {
        return Err("must not contain control, bidi-override or invisible characters");
    }
    Ok(())
}

/// Format characters that can make a name display as something else:
/// bidi embeddings, overrides and isolates, zero-width space, BOM. Joiners
/// (U+200C, U+200D) and the LRM/RLM marks stay allowed: scripts and emoji use them.
fn is_spoofing_format(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}' | '\u{FEFF}')
}

fn license_key(value: &str) -> Result<(), &'static str> {
    text(value, LICENSE_KEY)
}

/// Whether `value` passes the [`LICENSE_KEY`] rule, as the body check applies it.
pub fn is_license_key(value: &str) -> bool {
    license_key(value).is_ok()
}

fn fingerprint(value: &str) -> Result<(), &'static str> {
    let ok = value.len() == FINGERPRINT.max_chars
        && value
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    if ok {
        Ok(())
    } else {
        Err("must be 64 lowercase hex characters")
    }
}

fn machine_name(value: &str) -> Result<(), &'static str> {
    text(value, MACHINE_NAME)
}

fn platform(value: &str) -> Result<(), &'static str> {
    text(value, PLATFORM)
}

fn activation_id(value: &str) -> Result<(), &'static str> {
    let ok = (ACTIVATION_ID.min_chars..=ACTIVATION_ID.max_chars).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if ok {
        Ok(())
    } else {
        Err("must be 1-64 characters of [A-Za-z0-9_-]")
    }
}

impl RequestBody for ActivateRequest {
    fn from_json(value: &Value) -> Result<Self, Vec<FieldError>> {
        let mut fields = Fields::new(value, "");
        let license_key = fields.string("license_key", license_key);
        let machine = match fields.value("machine") {
            Some(machine) => {
                let mut inner = Fields::new(machine, "machine.");
                let parsed = Machine {
                    fingerprint: inner.string("fingerprint", fingerprint),
                    name: inner.string("name", machine_name),
                    platform: inner.string("platform", platform),
                };
                fields.errors.append(&mut inner.errors);
                parsed
            }
            None => Machine {
                fingerprint: String::new(),
                name: String::new(),
                platform: String::new(),
            },
        };
        fields.finish(Self {
            license_key,
            machine,
        })
    }
}

impl RequestBody for StatusRequest {
    fn from_json(value: &Value) -> Result<Self, Vec<FieldError>> {
        let mut fields = Fields::new(value, "");
        let request = Self {
            license_key: fields.string("license_key", license_key),
            fingerprint: fields.string("fingerprint", fingerprint),
        };
        fields.finish(request)
    }
}

impl RequestBody for DevicesRequest {
    fn from_json(value: &Value) -> Result<Self, Vec<FieldError>> {
        let mut fields = Fields::new(value, "");
        let request = Self {
            license_key: fields.string("license_key", license_key),
        };
        fields.finish(request)
    }
}

impl RequestBody for DeactivateRequest {
    fn from_json(value: &Value) -> Result<Self, Vec<FieldError>> {
        let mut fields = Fields::new(value, "");
        let request = Self {
            license_key: fields.string("license_key", license_key),
            activation_id: fields.string("activation_id", activation_id),
        };
        fields.finish(request)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const FP: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    fn fields_of(errors: Vec<FieldError>) -> Vec<String> {
        errors.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_valid_activation_parses_and_ignores_unknown_fields() {
        let body = json!({
            "license_key": "KS-ABCDE-FGHJK-MNPQR-STVWX",
            "machine": {"fingerprint": FP, "name": "Ada’s laptop ☕", "platform": "linux-x86_64"},
            "future_field": true
        });
        let request = parse_request::<ActivateRequest>(body.to_string().as_bytes()).expect("valid");
        assert_eq!(request.machine.name, "Ada’s laptop ☕");
    }

    #[test]
    fn every_bad_field_is_named() {
        let body = json!({"license_key": "", "machine": {"fingerprint": "ABC", "name": 7}});
        let errors = ActivateRequest::from_json(&body).expect_err("invalid");
        assert_eq!(
            fields_of(errors),
            [
                "license_key",
                "machine.fingerprint",
                "machine.name",
                "machine.platform"
            ]
        );
    }

    #[test]
    fn names_may_use_joiners_but_not_bidi_overrides() {
        let machine = |name: &str| json!({"license_key": "k", "machine": {"fingerprint": FP, "name": name, "platform": "p"}});
        assert!(
            ActivateRequest::from_json(&machine("👨\u{200D}👩\u{200D}👧 שלום\u{200F}")).is_ok()
        );
        let spoofed =
            ActivateRequest::from_json(&machine("Ada\u{202E}gpj.exe")).expect_err("override");
        assert_eq!(fields_of(spoofed), ["machine.name"]);
    }

    #[test]
    fn non_objects_and_non_json_are_rejected() {
        assert_eq!(
            fields_of(parse_request::<DevicesRequest>(b"[1]").expect_err("array")),
            ["body"]
        );
        assert_eq!(
            fields_of(parse_request::<DevicesRequest>(b"{").expect_err("truncated")),
            ["body"]
        );
        assert_eq!(
            fields_of(
                ActivateRequest::from_json(&json!({"license_key": "k", "machine": "x"}))
                    .expect_err("x")
            ),
            ["machine"]
        );
    }

    #[test]
    fn field_rules() {
        let long = "x".repeat(129);
        for (body, field) in [
            (
                json!({"license_key": long, "fingerprint": FP}),
                "license_key",
            ),
            (
                json!({"license_key": "k\u{7}", "fingerprint": FP}),
                "license_key",
            ),
            (
                json!({"license_key": "\u{202E}yek", "fingerprint": FP}),
                "license_key",
            ),
            (
                json!({"license_key": "k\u{200B}", "fingerprint": FP}),
                "license_key",
            ),
            (
                json!({"license_key": "k", "fingerprint": FP.to_uppercase()}),
                "fingerprint",
            ),
            (
                json!({"license_key": "k", "fingerprint": null}),
                "fingerprint",
            ),
        ] {
            assert_eq!(
                fields_of(StatusRequest::from_json(&body).expect_err("invalid")),
                [field]
            );
        }
        let bad_id = json!({"license_key": "k", "activation_id": "a b"});
        assert_eq!(
            fields_of(DeactivateRequest::from_json(&bad_id).expect_err("invalid")),
            ["activation_id"]
        );
    }

    #[test]
    fn debug_never_shows_the_key() {
        let request = StatusRequest {
            license_key: "KS-SECRET-KEY-12345".into(),
            fingerprint: FP.into(),
        };
        let printed = format!("{request:?}");
        assert!(
            !printed.contains("KS-SECRET") && printed.contains(FP),
            "{printed}"
        );
    }

    #[test]
    fn the_key_can_be_peeked_before_the_full_check() {
        let body = json!({"license_key": "KS-1", "fingerprint": 3});
        assert_eq!(StatusRequest::peek_license_key(&body), Some("KS-1"));
        assert_eq!(StatusRequest::peek_license_key(&json!([])), None);
    }
}
