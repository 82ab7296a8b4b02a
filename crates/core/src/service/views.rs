//! What the service returns to the app and the CLI: views free of secrets,
//! the key shown only as `…ABCD`.

use keyslot_protocol::{Device, LicenseState};
use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::dialects::Capabilities;
use crate::lease::Verdict;

/// A device as the UI lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DeviceView {
    /// Activation id (to free it).
    pub id: String,
    /// Device name.
    pub name: String,
    /// Platform.
    pub platform: String,
    /// When it took its seat, RFC 3339.
    pub activated_at: String,
    /// When the server last heard from it, RFC 3339.
    pub last_seen_at: String,
    /// Whether it is this machine.
    pub this_device: bool,
}

/// The license as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LicenseView {
    /// `…ABCD`.
    pub key_hint: String,
    /// Active, suspended, expired, revoked.
    pub state: LicenseState,
    /// Seats held.
    pub seats_used: u32,
    /// Seats allowed.
    pub seats_total: u32,
    /// When it ends, RFC 3339, if it does.
    pub expires_at: Option<String>,
    /// This machine's seat.
    pub this_device: DeviceView,
    /// How far this computer's clock is ahead of the server's, if it was off.
    pub clock_offset_secs: Option<i64>,
    /// What the license server lets the app do.
    pub capabilities: Capabilities,
    /// The lease the license holds by offline, where the server issues them.
    pub lease: Option<LeaseView>,
    /// Whether this view comes from the lease alone: the server could not
    /// be reached.
    pub offline: bool,
    /// Whether this machine was activated with a license file from the
    /// vendor's offline page and has not reached the server since.
    pub activated_offline: bool,
}

/// An offline request: the code to carry to the vendor's offline page, and
/// that page's address with the code in its fragment (what the QR holds).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OfflineRequestView {
    /// What the code asks: `activate`, `renew` or `deactivate`.
    pub kind: String,
    /// The request code (`KSR1.…`): no secret, the key only as a hash.
    pub code: String,
    /// The vendor's offline page with the code in its fragment.
    pub page_url: String,
    /// The page without the code, to type on another computer.
    pub page: String,
    /// `page_url` as a QR code (SVG, error correction M).
    pub qr_svg: String,
    /// Until when the page answers the code, RFC 3339.
    pub answered_until: String,
}

/// A lease, as the License and Support pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LeaseView {
    /// Valid, or in grace (a lease that doesn't hold is an error instead).
    pub stage: Verdict,
    /// When the server issued it: when the license was last confirmed, RFC 3339.
    pub confirmed_at: String,
    /// When the app renews it, RFC 3339.
    pub renew_after: String,
    /// When it ends, RFC 3339.
    pub expires_at: String,
    /// When its grace ends, RFC 3339.
    pub grace_ends_at: String,
}

/// A freed seat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FreedView {
    /// `…ABCD`.
    pub key_hint: String,
    /// Seats held now.
    pub seats_used: u32,
    /// Seats allowed.
    pub seats_total: u32,
    /// The device whose seat was freed.
    pub freed: DeviceView,
    /// Whether it was this machine (which then forgot the license).
    pub forgot_this_device: bool,
}

/// The devices holding seats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DevicesView {
    /// `…ABCD`.
    pub key_hint: String,
    /// Seats held.
    pub seats_used: u32,
    /// Seats allowed.
    pub seats_total: u32,
    /// Oldest first.
    pub devices: Vec<DeviceView>,
}

/// `time` as RFC 3339.
pub(crate) fn rfc3339(time: OffsetDateTime) -> String {
    time.format(&Rfc3339).unwrap_or_default()
}

/// Unix seconds as RFC 3339.
pub(crate) fn rfc3339_of_unix(at: i64) -> String {
    rfc3339(OffsetDateTime::from_unix_timestamp(at).unwrap_or(OffsetDateTime::UNIX_EPOCH))
}

/// `device` as listed, marked when its fingerprint is `ours`.
pub(crate) fn device_view(device: Device, ours: &str) -> DeviceView {
    DeviceView {
        this_device: device.fingerprint == ours,
        id: device.id,
        name: device.name,
        platform: device.platform,
        activated_at: rfc3339(device.created_at),
        last_seen_at: rfc3339(device.last_seen_at),
    }
}
