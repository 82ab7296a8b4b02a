//! The error catalog: every raw code of every supported license server,
//! resolved to a domain [`Kind`], a friendly title and message, concrete
//! steps, one [`Action`] and the [`RetryClass`] the code's own seed table gives.
//!
//! Each provider module declares its codes with [`codes!`] (the code string,
//! the context it is valid in, its HTTP status) and their meanings in one
//! exhaustive `match`: adding a code without its meaning does not compile.
//! The texts are in `locales/<lang>/catalog.ftl`, one message per code (or
//! one `shared-…` message several codes name); a code without its text in
//! every language fails the completeness tests.
//! Unknown codes of a known provider fall back by HTTP status ([`fallback`]).
//!
//! Texts are for a person in a hurry: what happened and what to do, calm,
//! never the raw code, never internals. Support sees the raw code separately.

mod appauth;
mod geckoguard;
mod keyslot;
mod license_api;
mod licensekit;
mod licentric;
mod shared;

use serde::Serialize;

use crate::locale::{self, Lang};

/// A license server the app can talk to: Keyslot's own protocol (the
/// License API, seed 000) or one of four other vendors' (seeds 001–004).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Provider {
    /// Keyslot's own protocol, the License API (seed 000).
    LicenseApi,
    /// appauth (seed 001).
    Appauth,
    /// GeckoGuard (seed 002).
    Geckoguard,
    /// LicenseKit (seed 003).
    Licensekit,
    /// Licentric (seed 004).
    Licentric,
}

impl Provider {
    /// Every provider, in catalog order.
    pub const ALL: [Provider; 5] = [
        Self::LicenseApi,
        Self::Appauth,
        Self::Geckoguard,
        Self::Licensekit,
        Self::Licentric,
    ];

    /// The provider id, as configs, reports and the catalog name it: e.g. `license-api`.
    pub const fn id(self) -> &'static str {
        match self {
            Self::LicenseApi => "license-api",
            Self::Appauth => "appauth",
            Self::Geckoguard => "geckoguard",
            Self::Licensekit => "licensekit",
            Self::Licentric => "licentric",
        }
    }

    /// Parses a provider id.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.id() == id)
    }
}

/// Where an error comes from: a license server's answer, or this side of the
/// wire (network, keychain, an answer that failed its check, local state).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    /// A license server's coded answer.
    Server(Provider),
    /// The app itself, id `keyslot`.
    Local,
}

impl Origin {
    /// Every origin, in catalog order.
    pub const ALL: [Origin; 6] = [
        Self::Server(Provider::LicenseApi),
        Self::Server(Provider::Appauth),
        Self::Server(Provider::Geckoguard),
        Self::Server(Provider::Licensekit),
        Self::Server(Provider::Licentric),
        Self::Local,
    ];

    /// The origin id: the provider's, or `keyslot`.
    pub const fn id(self) -> &'static str {
        match self {
            Self::Server(provider) => provider.id(),
            Self::Local => "keyslot",
        }
    }

    /// Parses an origin id.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.id() == id)
    }
}

impl From<Provider> for Origin {
    fn from(provider: Provider) -> Self {
        Self::Server(provider)
    }
}

/// What went wrong, in the domain's words; the UI and the service branch on this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum Kind {
    /// The key does not exist, was deleted, or belongs to another product.
    InvalidKey,
    /// The license is past its end date.
    Expired,
    /// The license was revoked for good.
    Revoked,
    /// The license exists but is on hold (suspended, inactive).
    Suspended,
    /// Every seat is taken.
    DeviceLimit,
    /// The license is bound to another device (sticky binding, not a seat count).
    DeviceMismatch,
    /// This machine holds no seat (never activated, or freed).
    MachineNotActivated,
    /// Too many sessions or instances at once.
    ConcurrencyLimit,
    /// This device or network is blocked by the vendor.
    Blocked,
    /// A usage quota of the license is used up.
    QuotaExceeded,
    /// Seats were freed too often; the next one is allowed later.
    DeactivationLimit,
    /// The computer's clock is too far off, or a signature went stale.
    ClockSkew,
    /// Too many requests; slow down.
    RateLimited,
    /// An answer failed its signature or nonce check: possibly tampered with.
    Tampered,
    /// The app's request was refused as unsigned or wrongly signed.
    SigningRejected,
    /// The app's vendor credentials (API key, app id/secret) are wrong or lack rights.
    VendorCredentials,
    /// A session or access token ran out; sign in again.
    SessionExpired,
    /// The request was malformed (a bug or version mismatch in the app).
    InvalidRequest,
    /// Something the request named does not exist.
    NotFound,
    /// The request conflicts with the current state.
    Conflict,
    /// The license server is misconfigured; only its operator can fix it.
    ServerMisconfigured,
    /// The license server is down or failing for now.
    ServerUnavailable,
    /// No network, DNS, proxy or TLS problem on the way to the server.
    Network,
    /// The server took too long to answer.
    Timeout,
    /// The server's answer could not be read.
    BadResponse,
    /// The OS keychain is missing or locked.
    KeychainUnavailable,
    /// Nothing is activated on this machine yet.
    NotActivated,
    /// The license server does not offer this action; it is done elsewhere.
    Unsupported,
    /// Something unexpected.
    Unknown,
}

/// The one button an error view offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum Action {
    /// Open the device list to free a seat, then retry.
    FreeSlot,
    /// Activate this machine.
    Activate,
    /// Try again.
    Retry,
    /// Open the system clock settings.
    SyncClock,
    /// Type a different key.
    EnterNewKey,
    /// Open the vendor's renewal page.
    Renew,
    /// Open the support page with the report.
    ContactSupport,
    /// Check the network connection.
    CheckConnection,
    /// Close the app on other devices, then retry.
    CloseOtherSessions,
    /// Sign in again.
    SignIn,
}

/// How a client may retry, taken from the code's seed table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum RetryClass {
    /// Retrying the same request gets the same answer.
    Never,
    /// Transient: exponential backoff with jitter, `Retry-After` as the floor.
    Backoff,
    /// Re-sign with a corrected clock (or fresh nonce), once.
    AfterClockFix,
    /// Once, after a corrective action (e.g. activate, then retry).
    AfterAction,
    /// Refresh the session or token once, then retry.
    RefreshToken,
    /// Not a client concern (the server retries itself).
    NotApplicable,
}

/// What one code means: its kind, retry class and action, and where its
/// texts are. The texts are resolved per language ([`Entry::title`], …)
/// from `locales/<lang>/catalog.ftl`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// What went wrong, in the domain's words (the service branches on it).
    pub kind: Kind,
    /// How a client may retry, from the code's seed table.
    pub retry: RetryClass,
    /// The one action.
    pub action: Action,
    texts: Texts,
}

/// Where an entry's texts are in the catalog's Fluent files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Texts {
    /// The code's own message, `<origin>-[<context>-]<code>`.
    Code {
        origin: Origin,
        code: &'static str,
        context: Option<&'static str>,
    },
    /// A message several codes share (`shared-…`) or a fallback's.
    Named(&'static str),
}

impl Entry {
    /// The Fluent message id of this entry's texts.
    pub fn text_id(&self) -> String {
        match self.texts {
            Texts::Code {
                origin,
                code,
                context,
            } => {
                let mut id = format!("{}-", origin.id());
                if let Some(context) = context {
                    id.push_str(context);
                    id.push('-');
                }
                id.push_str(code);
                id.to_ascii_lowercase().replace('_', "-")
            }
            Texts::Named(id) => id.to_owned(),
        }
    }

    /// A short title, in `lang`.
    pub fn title(&self, lang: Lang) -> String {
        locale::text(lang, &self.text_id())
    }

    /// One or two calm sentences, in `lang`: what happened.
    pub fn message(&self, lang: Lang) -> String {
        locale::attribute(lang, &self.text_id(), "message")
    }

    /// What to do, in order, in `lang`.
    pub fn steps(&self, lang: Lang) -> Vec<String> {
        locale::steps(lang, &self.text_id())
    }
}

/// What a provider module says a code means; [`Code::entry`] adds where
/// its texts are.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Meaning {
    kind: Kind,
    retry: RetryClass,
    action: Action,
    /// A shared message's id; `None` for the code's own message.
    shared: Option<&'static str>,
}

/// One row of the whole catalog, as `keyslot catalog --json` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// The origin's id: a provider's, or `keyslot` for the app's own codes.
    pub provider: &'static str,
    /// The raw code, always a string.
    pub code: &'static str,
    /// Where a code's meaning differs by endpoint, which endpoint.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<&'static str>,
    /// The HTTP status the code comes with, where the seed gives one.
    pub http_status: Option<u16>,
    /// What went wrong, in the domain's words.
    pub kind: Kind,
    /// How a client may retry, from the code's seed table.
    pub retry: RetryClass,
    /// The one button the error view offers.
    pub action: Action,
    /// The Fluent message id of the texts.
    pub text_id: String,
    /// A short title.
    pub title: String,
    /// One or two calm sentences: what happened.
    pub message: String,
    /// What to do, in order.
    pub steps: Vec<String>,
}

/// A code declared by a provider module.
pub(crate) trait Code: Copy + 'static {
    const ORIGIN: Origin;
    const ALL: &'static [Self];
    fn as_str(self) -> &'static str;
    fn context(self) -> Option<&'static str>;
    fn http_status(self) -> Option<u16>;
    fn meaning(self) -> Meaning;

    /// The code's entry: its meaning, and its texts (its own or shared).
    fn entry(self) -> Entry {
        let m = self.meaning();
        Entry {
            kind: m.kind,
            retry: m.retry,
            action: m.action,
            texts: match m.shared {
                Some(id) => Texts::Named(id),
                None => Texts::Code {
                    origin: Self::ORIGIN,
                    code: self.as_str(),
                    context: self.context(),
                },
            },
        }
    }
}

/// Declares the codes of one origin:
/// `origin: Origin::Server(Provider::X); enum XCode { Variant = ("CODE", context, http_status), … }`.
macro_rules! codes {
    (origin: $origin:expr; $(#[$meta:meta])* enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = ($code:literal, $context:expr, $status:expr)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum $name { $($(#[$vmeta])* $variant),+ }

        impl $crate::catalog::Code for $name {
            const ORIGIN: $crate::catalog::Origin = $origin;
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            fn as_str(self) -> &'static str { match self { $(Self::$variant => $code),+ } }
            fn context(self) -> Option<&'static str> { match self { $(Self::$variant => $context),+ } }
            fn http_status(self) -> Option<u16> { match self { $(Self::$variant => $status),+ } }
            fn meaning(self) -> $crate::catalog::Meaning { $name::meaning(self) }
        }
    };
}
pub(crate) use codes;

/// A code with texts of its own (`<origin>-[<context>-]<code>`).
pub(crate) const fn meaning(kind: Kind, retry: RetryClass, action: Action) -> Meaning {
    Meaning {
        kind,
        retry,
        action,
        shared: None,
    }
}

/// A meaning several codes share, with the texts of message `id`.
pub(crate) const fn shared(
    id: &'static str,
    kind: Kind,
    retry: RetryClass,
    action: Action,
) -> Meaning {
    Meaning {
        kind,
        retry,
        action,
        shared: Some(id),
    }
}

/// An entry of no code, with the texts of message `id`.
const fn named(id: &'static str, kind: Kind, retry: RetryClass, action: Action) -> Entry {
    Entry {
        kind,
        retry,
        action,
        texts: Texts::Named(id),
    }
}

fn rows_of<C: Code>(lang: Lang) -> impl Iterator<Item = Row> {
    C::ALL.iter().map(move |&code| {
        let e = code.entry();
        Row {
            provider: C::ORIGIN.id(),
            code: code.as_str(),
            context: code.context(),
            http_status: code.http_status(),
            kind: e.kind,
            retry: e.retry,
            action: e.action,
            text_id: e.text_id(),
            title: e.title(lang),
            message: e.message(lang),
            steps: e.steps(lang),
        }
    })
}

/// The whole catalog in `lang`, provider by provider.
pub fn rows(lang: Lang) -> Vec<Row> {
    rows_of::<license_api::LicenseApiCode>(lang)
        .chain(rows_of::<appauth::AppauthCode>(lang))
        .chain(rows_of::<geckoguard::GeckoguardCode>(lang))
        .chain(rows_of::<licensekit::LicensekitCode>(lang))
        .chain(rows_of::<licentric::LicentricCode>(lang))
        .chain(rows_of::<keyslot::KeyslotCode>(lang))
        .collect()
}

fn find<C: Code>(code: &str, context: Option<&str>) -> Option<Entry> {
    let mut matching = C::ALL.iter().filter(|c| c.as_str() == code);
    let first = matching.clone().next()?;
    let chosen = match context {
        Some(context) => matching
            .find(|c| c.context() == Some(context))
            .unwrap_or(first),
        None => first,
    };
    Some(chosen.entry())
}

/// Resolves a raw code of `provider`. `context` picks among rows of a code
/// that means different things per endpoint (the first row otherwise);
/// an unknown code falls back by `http_status`, and so does an unreadable
/// answer with a 5xx status: a proxy's error page is the server being down,
/// not garbage.
pub fn lookup(
    origin: impl Into<Origin>,
    code: &str,
    context: Option<&str>,
    http_status: Option<u16>,
) -> Entry {
    let origin = origin.into();
    if origin == Origin::Local && code == "bad_response" && http_status.is_some_and(|s| s >= 500) {
        return fallback(http_status);
    }
    find_in(origin, code, context).unwrap_or_else(|| fallback(http_status))
}

fn find_in(origin: Origin, code: &str, context: Option<&str>) -> Option<Entry> {
    match origin {
        Origin::Server(Provider::LicenseApi) => find::<license_api::LicenseApiCode>(code, context),
        Origin::Server(Provider::Appauth) => find::<appauth::AppauthCode>(code, context),
        Origin::Server(Provider::Geckoguard) => find::<geckoguard::GeckoguardCode>(code, context),
        Origin::Server(Provider::Licensekit) => find::<licensekit::LicensekitCode>(code, context),
        Origin::Server(Provider::Licentric) => find::<licentric::LicentricCode>(code, context),
        Origin::Local => find::<keyslot::KeyslotCode>(code, context),
    }
}

/// Whether `provider`'s catalog has `code`.
pub fn knows(provider: Provider, code: &str) -> bool {
    find_in(provider.into(), code, None).is_some()
}

/// What an unknown code means, judged by its HTTP status alone.
pub fn fallback(http_status: Option<u16>) -> Entry {
    use Action::*;
    use Kind::*;
    use RetryClass::*;
    match http_status {
        Some(401) => named("fallback-401", VendorCredentials, Never, ContactSupport),
        Some(403) => named("fallback-403", Blocked, Never, ContactSupport),
        Some(404) => named("fallback-404", NotFound, Never, EnterNewKey),
        Some(409) | Some(422) => named("fallback-conflict", Conflict, Never, ContactSupport),
        Some(429) => named("fallback-429", RateLimited, Backoff, Retry),
        Some(400..=499) => named("fallback-4xx", InvalidRequest, Never, ContactSupport),
        Some(500..=599) => named("fallback-5xx", ServerUnavailable, Backoff, Retry),
        _ => named("fallback-unknown", Unknown, Never, ContactSupport),
    }
}
