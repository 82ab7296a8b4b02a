//! How `keyslot` prints: text for people, `--json` for scripts.

use keyslot_core::catalog::{Entry, Row};
use keyslot_core::error::{ErrorReport, LicenseError};
use keyslot_core::key::LicenseKey;
use keyslot_core::lease::LeaseCheck;
use keyslot_core::locale::{self, Args, Lang};
use keyslot_core::service::{DevicesView, Diagnostics, FreedView, LicenseView, OfflineRequestView};
use keyslot_core::state::write_atomically;
use serde::Serialize;
use std::io::IsTerminal as _;

fn json<T: Serialize>(value: &T) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).unwrap_or_default()
    );
}

/// A failure: the friendly message on stderr; with `--json` also the report on stdout.
pub(crate) fn error(report: &ErrorReport, as_json: bool) {
    if as_json {
        json(&serde_json::json!({ "error": report }));
    }
    eprintln!("{}", report.title);
    eprintln!("{}", report.message);
    for (n, step) in report.steps.iter().enumerate() {
        eprintln!("  {}. {step}", n + 1);
    }
    for detail in &report.details {
        eprintln!("  {}: {}", detail.field, detail.message);
    }
    let lang = Lang::current();
    let mut args = Args::new();
    if let Some(secs) = report.retry_after_secs {
        args.set("left", locale::span(lang, secs));
        eprintln!("{}", locale::text_with(lang, "error-retry-after", &args));
    }
    if let Some(offset) = report.clock_offset_secs.filter(|o| *o != 0) {
        eprintln!("{}", clock_words(offset));
    }
    // For support, in English as the support report is.
    let request = report.request_id.as_deref().unwrap_or("-");
    eprintln!(
        "(support: {} {} request {request})",
        report.provider, report.code
    );
}

/// How far off this computer's clock is, in the chosen language.
fn clock_words(offset: i64) -> String {
    let lang = Lang::current();
    let mut args = Args::new();
    args.set("span", locale::span(lang, offset.unsigned_abs()));
    let id = if offset > 0 {
        "error-clock-fast"
    } else {
        "error-clock-slow"
    };
    locale::text_with(lang, id, &args)
}

/// The license.
pub(crate) fn license(view: &LicenseView, as_json: bool) {
    if as_json {
        return json(view);
    }
    println!("License {}: {}", view.key_hint, view.state.as_str());
    println!("Seats:   {} of {} used", view.seats_used, view.seats_total);
    println!("Expires: {}", view.expires_at.as_deref().unwrap_or("never"));
    println!(
        "Device:  {} ({}), id {}",
        view.this_device.name, view.this_device.platform, view.this_device.id
    );
    if let Some(lease) = &view.lease {
        let how = if view.activated_offline {
            "Activated offline with a license file from the offline page"
        } else if view.offline {
            "Offline: the server could not be reached; the lease holds"
        } else {
            "Confirmed by the server"
        };
        println!(
            "Lease:   {how} ({:?}), last confirmed {}, works offline until {} (grace until {})",
            lease.stage, lease.confirmed_at, lease.expires_at, lease.grace_ends_at
        );
    }
    if let Some(offset) = view.clock_offset_secs {
        println!("Note:    {}", clock_words(offset));
    }
}

/// An offline request: the code alone on stdout (so it can be piped or
/// redirected), what to do with it on stderr; with `--json`, the view
/// without its QR code. Then written to `out` if given: printed first, so a
/// file that can't be written loses no code (a deactivation code can't be
/// made again).
pub(crate) fn offline_request(
    view: &OfflineRequestView,
    out: Option<&std::path::Path>,
    as_json: bool,
) -> Result<(), LicenseError> {
    if as_json {
        json(&serde_json::json!({
            "kind": view.kind,
            "code": view.code,
            "page": view.page,
            "page_url": view.page_url,
            "answered_until": view.answered_until,
        }));
    } else {
        println!("{}", view.code);
        if std::io::stderr().is_terminal()
            && let Some(qr) = keyslot_core::service::offline::qr_terminal(&view.page_url)
        {
            eprintln!("{qr}");
        }
        let answer = if view.kind == "deactivate" {
            "The license was removed from this machine. Its seat is freed when the page takes this code."
        } else {
            "Then bring the license file it gives you back and run `keyslot lease import FILE`."
        };
        eprintln!(
            "Take this code to {} (or open {} on a phone) by {}.\n{answer}",
            view.page, view.page_url, view.answered_until
        );
    }
    match out {
        Some(path) => write_atomically(path, format!("{}\n", view.code).as_bytes()),
        None => Ok(()),
    }
}

/// The devices.
pub(crate) fn devices(view: &DevicesView, as_json: bool) {
    if as_json {
        return json(view);
    }
    println!(
        "License {}: {} of {} seats used",
        view.key_hint, view.seats_used, view.seats_total
    );
    for d in &view.devices {
        let marker = if d.this_device { "*" } else { " " };
        println!(
            "{marker} {}  {}  ({})  activated {}  last seen {}",
            d.id, d.name, d.platform, d.activated_at, d.last_seen_at
        );
    }
    if view.devices.iter().any(|d| d.this_device) {
        println!("* this device");
    }
}

/// A freed seat.
pub(crate) fn freed(view: &FreedView, as_json: bool) {
    if as_json {
        return json(view);
    }
    println!("Freed the seat of {} ({}).", view.freed.name, view.freed.id);
    println!(
        "License {}: {} of {} seats used",
        view.key_hint, view.seats_used, view.seats_total
    );
    if view.forgot_this_device {
        println!("That was this device, so the license was removed from it.");
    }
}

/// What the app does with an activate link carrying `key`: Activate with
/// the key filled in, or with none (missing or malformed), the catalog's
/// hint for a malformed key. Only the masked key is printed.
pub(crate) fn opened(key: Option<&LicenseKey>, as_json: bool) {
    let hint = key
        .is_none()
        .then(|| LicenseError::InvalidKeyFormat.report());
    if as_json {
        let hint = hint.map(|r| serde_json::json!({ "title": r.title, "message": r.message }));
        let key = key.map(LicenseKey::masked);
        return json(&serde_json::json!({ "view": "activate", "key": key, "hint": hint }));
    }
    if let Some(key) = key {
        println!(
            "Opens Keyslot on the Activate view with the key {} filled in. \
Nothing is activated until you press Activate.",
            key.masked()
        );
    }
    if let Some(hint) = hint {
        println!("Opens Keyslot on the Activate view with the key field empty, and under it:");
        println!("  {}", hint.title);
        println!("  {}", hint.message);
    }
}

/// A message for commands without data.
pub(crate) fn done(message: &str, as_json: bool) {
    if as_json {
        return json(&serde_json::json!({ "ok": true }));
    }
    println!("{message}");
}

/// The diagnostics; `false` if a check failed.
pub(crate) fn doctor(d: &Diagnostics, as_json: bool) -> bool {
    let healthy = d.server_reachable
        && d.server_problem.is_none()
        && d.clock_offset_secs.abs() <= 300
        && d.keychain.ok
        && d.fingerprint_changed.is_empty();
    if as_json {
        json(d);
        return healthy;
    }
    let check = |ok: bool| if ok { "ok  " } else { "FAIL" };
    println!(
        "[{}] server {} reachable",
        check(d.server_reachable),
        d.server
    );
    if let Some(p) = &d.server_problem {
        println!("       {}: {}", p.title, p.message);
    }
    println!(
        "[{}] clock offset {:+} s",
        check(d.clock_offset_secs.abs() <= 300),
        d.clock_offset_secs
    );
    println!("[{}] keychain", check(d.keychain.ok));
    if let Some(p) = &d.keychain.problem {
        println!("       {}: {}", p.title, p.message);
    }
    let changed = &d.fingerprint_changed;
    if changed.is_empty() {
        println!("[ok  ] fingerprint unchanged");
    } else {
        println!("[FAIL] fingerprint changed: {}", changed.join(", "));
    }
    match &d.key_hint {
        Some(hint) => println!("[ok  ] license {hint} stored"),
        None => println!("[    ] no license activated"),
    }
    for o in d.recent.iter().filter(|o| !o.probe).take(5) {
        let outcome = o
            .code
            .as_ref()
            .map_or("ok".to_owned(), |c| format!("{} ({})", c.code, c.title));
        println!(
            "       {} {} {} {} ms request {}",
            o.path,
            o.http_status.map_or("-".to_owned(), |s| s.to_string()),
            outcome,
            o.latency_ms,
            o.request_id.as_deref().unwrap_or("-")
        );
    }
    if let Some(step) = &d.next_step {
        println!("next step: {} ({})", step.cause, step.evidence);
        for (n, text) in step.steps.iter().enumerate() {
            println!("  {}. {text}", n + 1);
        }
    }
    healthy
}

/// What `keyslot check` found: one line for a person, or the JSON vendors read.
pub(crate) fn lease_check(found: &LeaseCheck, as_json: bool) {
    if as_json {
        return json(found);
    }
    println!("{}", found.summary(Lang::current()));
}

/// One catalog entry.
pub(crate) fn explain(entry: &Entry, as_json: bool) {
    let lang = Lang::current();
    let (title, message, steps) = (entry.title(lang), entry.message(lang), entry.steps(lang));
    if as_json {
        return json(&serde_json::json!({
            "kind": entry.kind, "retry": entry.retry, "action": entry.action,
            "title": title, "message": message, "steps": steps,
        }));
    }
    println!("{title}");
    println!("{message}");
    for (n, step) in steps.iter().enumerate() {
        println!("  {}. {step}", n + 1);
    }
}

/// The whole catalog.
pub(crate) fn catalog(rows: &[Row], as_json: bool) {
    if as_json {
        return json(&rows);
    }
    for r in rows {
        let context = r.context.map(|c| format!(" ({c})")).unwrap_or_default();
        println!(
            "{:<12} {:<28} {:?} {:?}  {}",
            r.provider,
            format!("{}{context}", r.code),
            r.retry,
            r.action,
            r.title
        );
    }
}
