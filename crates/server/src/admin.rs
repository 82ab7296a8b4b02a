//! The admin commands' vocabulary (license states) and their output
//! (`license list|show`), for support staff.

use std::fmt::Write;

use keyslot_protocol::Device;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::store::License;

/// A state an admin can put a license in; `Deleted` is a soft delete.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
#[value(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AdminState {
    /// Usable.
    Active,
    /// Temporarily disabled.
    Suspended,
    /// Past its term.
    Expired,
    /// Permanently revoked.
    Revoked,
    /// Soft-deleted: answers 1703; setting another state restores it.
    Deleted,
}

impl AdminState {
    /// The state as stored, or `None` for a soft delete.
    pub fn stored_name(self) -> Option<&'static str> {
        match self {
            Self::Active => Some("ACTIVE"),
            Self::Suspended => Some("SUSPENDED"),
            Self::Expired => Some("EXPIRED"),
            Self::Revoked => Some("REVOKED"),
            Self::Deleted => None,
        }
    }
}

fn when(unix: Option<i64>) -> String {
    unix.and_then(|t| OffsetDateTime::from_unix_timestamp(t).ok())
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| "never".to_owned())
}

fn state(license: &License, now: i64) -> String {
    if license.deleted_at.is_some() {
        "DELETED".to_owned()
    } else {
        license.state_at(now).as_str().to_owned()
    }
}

/// One line per license: key, state, seats, expiry.
pub fn list(licenses: &[License], now: i64) -> String {
    let mut out = String::new();
    for l in licenses {
        let _ = writeln!(
            out,
            "{}  {:<9}  seats {}/{}  expires {}",
            l.key,
            state(l, now),
            l.used,
            l.max_activations,
            when(l.expires_at)
        );
    }
    if licenses.is_empty() {
        out.push_str("no licenses\n");
    }
    out
}

/// A license and its devices, in detail.
pub fn show(license: &License, devices: &[Device], now: i64) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "key:      {}", license.key);
    let _ = writeln!(out, "state:    {}", state(license, now));
    let _ = writeln!(
        out,
        "seats:    {} of {} used",
        license.used, license.max_activations
    );
    let _ = writeln!(out, "expires:  {}", when(license.expires_at));
    let _ = writeln!(out, "created:  {}", when(Some(license.created_at)));
    if license.deleted_at.is_some() {
        let _ = writeln!(out, "deleted:  {}", when(license.deleted_at));
    }
    let _ = writeln!(out, "devices:  {}", devices.len());
    for d in devices {
        let _ = writeln!(
            out,
            "  {}  {}  ({})  activated {}  last seen {}",
            d.id,
            d.name,
            d.platform,
            when(Some(d.created_at.unix_timestamp())),
            when(Some(d.last_seen_at.unix_timestamp()))
        );
    }
    out
}
