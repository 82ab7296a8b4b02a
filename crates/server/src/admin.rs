//! The admin commands' vocabulary (license states) and their output
//! (`license list|show`, `request show|list`), for support staff.

use std::fmt::Write;

use std::collections::BTreeMap;

use keyslot_protocol::{API_PREFIX, Device, ErrorCode};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::request_log::Row;
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

/// A call's answer: `200`, or `409 1705 LICENSE_API_LIMIT_REACHED`.
fn answer(row: &Row) -> String {
    match row.code {
        Some(code) => {
            let name = u16::try_from(code).map_or("unknown", |c| ErrorCode::from_number(c).name());
            format!("{} {code} {name}", row.status)
        }
        None => row.status.to_string(),
    }
}

fn millis(row: &Row) -> String {
    format!("{:.1} ms", row.latency_us as f64 / 1000.0)
}

/// A call's endpoint as `request list` names it: an API call by its last
/// segment (`activate`), the offline page's by its path (`/offline/activate`).
fn endpoint(row: &Row) -> &str {
    row.endpoint
        .strip_prefix(API_PREFIX)
        .and_then(|rest| rest.strip_prefix('/'))
        .unwrap_or(&row.endpoint)
}

/// One logged call, in detail (`request show`).
pub fn request(row: &Row) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "request:     {}", row.request_id);
    let _ = writeln!(out, "time:        {}", when(Some(row.at)));
    let _ = writeln!(out, "endpoint:    {}", row.endpoint);
    let _ = writeln!(out, "answer:      {}", answer(row));
    let _ = writeln!(
        out,
        "license:     {}",
        row.key_hint.as_deref().unwrap_or("-")
    );
    let _ = writeln!(
        out,
        "activation:  {}",
        row.activation_id.as_deref().unwrap_or("-")
    );
    let _ = writeln!(out, "client:      {}", row.client_ip);
    let _ = writeln!(out, "latency:     {}", millis(row));
    out
}

/// A license's calls, one a line, then how many of each answer (`request list`).
pub fn requests(rows: &[Row]) -> String {
    let mut out = String::new();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for row in rows {
        let _ = writeln!(
            out,
            "{}  {:<17}  {:<36}  {:<30}  {:<15}  {:>8}  {}",
            when(Some(row.at)),
            endpoint(row),
            answer(row),
            row.activation_id.as_deref().unwrap_or("-"),
            row.client_ip,
            millis(row),
            row.request_id
        );
        *counts.entry(answer(row)).or_default() += 1;
    }
    if rows.is_empty() {
        out.push_str("no calls in the request log for that key\n");
        return out;
    }
    let summary: Vec<String> = counts
        .iter()
        .map(|(answer, n)| format!("{n} × {answer}"))
        .collect();
    let _ = writeln!(out, "{} calls: {}", rows.len(), summary.join(", "));
    out
}
