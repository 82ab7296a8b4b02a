//! The error catalog: every raw code of every supported license server,
//! resolved to a domain [`Kind`], a friendly title and message, concrete
//! steps, one [`Action`] and the [`RetryClass`] the code's own seed table gives.
//!
//! Each provider module declares its codes with [`codes!`] (the code string,
//! the context it is valid in, its HTTP status) and writes their texts in one
//! exhaustive `match`: adding a code without its text does not compile.
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

/// What the user is told about one code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// What went wrong, in the domain's words (the service branches on it).
    pub kind: Kind,
    /// How a client may retry, from the code's seed table.
    pub retry: RetryClass,
    /// The one action.
    pub action: Action,
    /// A short title.
    pub title: &'static str,
    /// One or two calm sentences: what happened.
    pub message: &'static str,
    /// What to do, in order.
    pub steps: &'static [&'static str],
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
    /// A short title.
    pub title: &'static str,
    /// One or two calm sentences: what happened.
    pub message: &'static str,
    /// What to do, in order.
    pub steps: &'static [&'static str],
}

/// A code declared by a provider module.
pub(crate) trait Code: Copy + 'static {
    const ORIGIN: Origin;
    const ALL: &'static [Self];
    fn as_str(self) -> &'static str;
    fn context(self) -> Option<&'static str>;
    fn http_status(self) -> Option<u16>;
    fn entry(self) -> Entry;
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
            fn entry(self) -> $crate::catalog::Entry { self.text() }
        }
    };
}
pub(crate) use codes;

/// Shorthand for an [`Entry`] in provider modules.
pub(crate) const fn entry(
    kind: Kind,
    retry: RetryClass,
    action: Action,
    title: &'static str,
    message: &'static str,
    steps: &'static [&'static str],
) -> Entry {
    Entry {
        kind,
        retry,
        action,
        title,
        message,
        steps,
    }
}

fn rows_of<C: Code>() -> impl Iterator<Item = Row> {
    C::ALL.iter().map(|&code| {
        let e = code.entry();
        Row {
            provider: C::ORIGIN.id(),
            code: code.as_str(),
            context: code.context(),
            http_status: code.http_status(),
            kind: e.kind,
            retry: e.retry,
            action: e.action,
            title: e.title,
            message: e.message,
            steps: e.steps,
        }
    })
}

/// The whole catalog, provider by provider.
pub fn rows() -> Vec<Row> {
    rows_of::<license_api::LicenseApiCode>()
        .chain(rows_of::<appauth::AppauthCode>())
        .chain(rows_of::<geckoguard::GeckoguardCode>())
        .chain(rows_of::<licensekit::LicensekitCode>())
        .chain(rows_of::<licentric::LicentricCode>())
        .chain(rows_of::<keyslot::KeyslotCode>())
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
/// an unknown code falls back by `http_status`.
pub fn lookup(
    origin: impl Into<Origin>,
    code: &str,
    context: Option<&str>,
    http_status: Option<u16>,
) -> Entry {
    let found = match origin.into() {
        Origin::Server(Provider::LicenseApi) => find::<license_api::LicenseApiCode>(code, context),
        Origin::Server(Provider::Appauth) => find::<appauth::AppauthCode>(code, context),
        Origin::Server(Provider::Geckoguard) => find::<geckoguard::GeckoguardCode>(code, context),
        Origin::Server(Provider::Licensekit) => find::<licensekit::LicensekitCode>(code, context),
        Origin::Server(Provider::Licentric) => find::<licentric::LicentricCode>(code, context),
        Origin::Local => find::<keyslot::KeyslotCode>(code, context),
    };
    found.unwrap_or_else(|| fallback(http_status))
}

/// Whether `provider`'s catalog has `code`.
pub fn knows(provider: Provider, code: &str) -> bool {
    rows()
        .iter()
        .any(|row| row.provider == provider.id() && row.code == code)
}

/// What an unknown code means, judged by its HTTP status alone.
pub fn fallback(http_status: Option<u16>) -> Entry {
    use Action::*;
    use Kind::*;
    use RetryClass::*;
    match http_status {
        Some(401) => entry(
            VendorCredentials,
            Never,
            ContactSupport,
            "Couldn't sign in to the license server",
            "The license server did not accept this app's credentials.",
            &[
                "Make sure the app is up to date.",
                "If it keeps happening, contact support with the report.",
            ],
        ),
        Some(403) => entry(
            Blocked,
            Never,
            ContactSupport,
            "Access denied",
            "The license server refused this request.",
            &[
                "Check that you are using the right license key.",
                "Contact support with the report.",
            ],
        ),
        Some(404) => entry(
            NotFound,
            Never,
            EnterNewKey,
            "License not found",
            "The license server could not find what was asked for.",
            &[
                "Check the license key for typos.",
                "If it is right, contact support with the report.",
            ],
        ),
        Some(409) | Some(422) => entry(
            Conflict,
            Never,
            ContactSupport,
            "That can't be done right now",
            "The license server refused the change in the license's current state.",
            &[
                "Refresh and try once more.",
                "If it keeps happening, contact support with the report.",
            ],
        ),
        Some(429) => entry(
            RateLimited,
            Backoff,
            Retry,
            "Too many attempts",
            "The license server asked us to slow down.",
            &["Wait a moment; the app will try again by itself."],
        ),
        Some(400..=499) => entry(
            InvalidRequest,
            Never,
            ContactSupport,
            "The app sent a request the server didn't accept",
            "This is a problem in the app, not with your license.",
            &[
                "Update the app to the latest version.",
                "If it keeps happening, contact support with the report.",
            ],
        ),
        Some(500..=599) => entry(
            ServerUnavailable,
            Backoff,
            Retry,
            "The license server is having trouble",
            "This is on the server's side, not yours. It usually passes quickly.",
            &[
                "Wait a minute and try again.",
                "If it lasts, contact support with the report.",
            ],
        ),
        _ => entry(
            Unknown,
            Never,
            ContactSupport,
            "Something unexpected happened",
            "The license server gave an answer the app does not recognise.",
            &[
                "Try again.",
                "If it keeps happening, contact support with the report.",
            ],
        ),
    }
}
