//! The one most likely cause of a user's trouble and what to do about it,
//! read from the diagnostics and the kept request outcomes, in the catalog's
//! words: so support's first reply to a ticket can be the fix.
//!
//! What is wrong now comes before what went wrong earlier: no keychain, then
//! an unreachable server, then a clock off, then any other problem the probe
//! met, then the user's own last request, if it failed.

use keyslot_protocol::MAX_CLOCK_SKEW_SECS;
use serde::Serialize;

use super::diagnostics::Diagnostics;
use super::views::rfc3339_of_unix;
use crate::catalog::{self, Action, Kind, Origin, Provider};
use crate::dialects::{Capabilities, free_seat_elsewhere};
use crate::error::ErrorReport;
use crate::locale::{self, Args, Lang};
use crate::transport::{Outcome, OutcomeCode};

/// The most likely cause and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NextStep {
    /// What most likely went wrong: the catalog's title.
    pub cause: String,
    /// What shows it, e.g. `1705 3 times, the last at 2026-12-04T10:00:00Z`.
    pub evidence: String,
    /// The code behind it, e.g. `license-api 1705`.
    pub code: String,
    /// The one action the app offers for it.
    pub action: Action,
    /// What to do, in order: the catalog's steps, and where, when we know.
    pub steps: Vec<String>,
}

/// The next step for `d` on a server that can do `capabilities`, in
/// `lang`; `None` when every check passed and the user's last request
/// succeeded.
pub(crate) fn find(d: &Diagnostics, capabilities: &Capabilities, lang: Lang) -> Option<NextStep> {
    let mut args = Args::new();
    args.set("server", d.server.as_str());
    if let Some(problem) = d.keychain.problem.as_ref().filter(|_| !d.keychain.ok) {
        let evidence = locale::text(lang, "evidence-keychain");
        return Some(of_report(problem, evidence, lang));
    }
    if !d.server_reachable {
        let evidence = locale::text_with(lang, "evidence-unreachable", &args);
        return d
            .server_problem
            .as_ref()
            .map(|p| of_report(p, evidence, lang));
    }
    let clock_problem = d
        .server_problem
        .as_ref()
        .filter(|p| p.kind == Kind::ClockSkew);
    if clock_problem.is_some() || d.clock_offset_secs.abs() > MAX_CLOCK_SKEW_SECS {
        return Some(clock_off(d.clock_offset_secs, clock_problem, lang));
    }
    if let Some(problem) = &d.server_problem {
        args.set("code", problem.code.as_str());
        let evidence = locale::text_with(lang, "evidence-check-answered", &args);
        return Some(of_report(problem, evidence, lang));
    }
    last_failure(d, capabilities, lang)
}

/// The step of `report`, its texts resolved again in `lang`.
fn of_report(report: &ErrorReport, evidence: String, lang: Lang) -> NextStep {
    NextStep {
        cause: report.title_in(lang),
        evidence,
        code: format!("{} {}", report.provider, report.code),
        action: report.action,
        steps: report.steps_in(lang),
    }
}

/// The clock `offset_secs` ahead of the server's: the probe's report of it,
/// or the catalog's entry for clocks apart.
fn clock_off(offset_secs: i64, problem: Option<&ErrorReport>, lang: Lang) -> NextStep {
    let mut args = Args::new();
    args.set("secs", offset_secs.unsigned_abs());
    let evidence = match offset_secs {
        0 => locale::text(lang, "evidence-clock-refused"),
        ahead if ahead > 0 => locale::text_with(lang, "evidence-clock-ahead", &args),
        _ => locale::text_with(lang, "evidence-clock-behind", &args),
    };
    if let Some(problem) = problem {
        return of_report(problem, evidence, lang);
    }
    let entry = catalog::lookup(Origin::Local, "clocks_apart", None, None);
    NextStep {
        cause: entry.title(lang),
        evidence,
        code: "keyslot clocks_apart".to_owned(),
        action: entry.action,
        steps: entry.steps(lang),
    }
}

/// The user's newest request, if it failed (`recent` is newest first; the
/// probe's own calls are not the user's). Its code is counted by calls
/// (first attempts), not by retries.
fn last_failure(d: &Diagnostics, capabilities: &Capabilities, lang: Lang) -> Option<NextStep> {
    let mine: Vec<&Outcome> = d.recent.iter().filter(|o| !o.probe).collect();
    let newest = mine.first()?;
    let code = newest.code.as_ref()?;
    let origin = Origin::from_id(&code.origin)?;
    let entry = catalog::lookup(
        origin,
        &code.code,
        code.context.as_deref(),
        newest.http_status,
    );
    let times = mine
        .iter()
        .filter(|o| o.attempt == 1 && o.code.as_ref().is_some_and(|c| same(c, code)))
        .count()
        .max(1);
    let mut args = Args::new();
    args.set("code", code.code.as_str());
    args.set("times", times);
    args.set("when", rfc3339_of_unix(newest.at));
    let evidence = locale::text_with(lang, "evidence-last-failure", &args);
    let mut steps = entry.steps(lang);
    // Where seats are freed is known for the server configured now only.
    if entry.action == Action::FreeSlot && newest.provider == d.provider {
        steps.insert(steps.len().min(1), where_to_free(d, capabilities, lang));
    }
    Some(NextStep {
        cause: entry.title(lang),
        evidence,
        code: format!("{} {}", code.origin, code.code),
        action: entry.action,
        steps,
    })
}

fn same(a: &OutcomeCode, b: &OutcomeCode) -> bool {
    a.origin == b.origin && a.code == b.code
}

/// Where this license's seats are freed, in `lang`: here, or where the
/// server says.
fn where_to_free(d: &Diagnostics, capabilities: &Capabilities, lang: Lang) -> String {
    match Provider::from_id(&d.provider) {
        Some(provider) if !capabilities.free_seat => free_seat_elsewhere(provider, lang),
        _ => locale::text(lang, "free-seat-here"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{LicenseError, NetworkFailure};
    use crate::service::KeychainHealth;

    fn healthy() -> Diagnostics {
        crate::service::diagnostics::sample()
    }

    fn outcome(at: i64, code: Option<&str>, probe: bool) -> Outcome {
        Outcome {
            probe,
            ..crate::transport::outcomes_sample(at, code)
        }
    }

    #[test]
    fn nothing_to_do_when_the_checks_pass_and_the_last_request_succeeded() {
        let mut d = healthy();
        assert_eq!(find(&d, &Capabilities::online(), Lang::En), None);
        d.recent = vec![outcome(9, None, false), outcome(8, Some("1705"), false)];
        assert_eq!(
            find(&d, &Capabilities::online(), Lang::En),
            None,
            "fixed since"
        );
    }

    #[test]
    fn seats_full_says_where_to_free_one() {
        let mut d = healthy();
        // Newest first, a probe's "not found" in between.
        d.recent = vec![
            outcome(1_764_900_000, Some("1703"), true),
            outcome(1_764_899_000, Some("1705"), false),
            outcome(1_764_898_000, Some("1705"), false),
            outcome(1_764_897_000, None, false),
            outcome(1_764_896_000, Some("1705"), false),
        ];
        let step = find(&d, &Capabilities::online(), Lang::En).expect("a step");
        assert_eq!(step.cause, "All seats are in use");
        assert_eq!(step.code, "license-api 1705");
        assert_eq!(step.action, Action::FreeSlot);
        assert_eq!(
            step.evidence,
            "1705 3 times, the last at 2025-12-05T01:43:20Z"
        );
        assert!(step.steps[0].starts_with("Free a seat held by a device"));
        assert!(step.steps[1].contains("keyslot free"), "{:?}", step.steps);
        assert!(step.steps[2].starts_with("Then activate"));

        let german = find(&d, &Capabilities::online(), Lang::De).expect("a step");
        let entry = catalog::lookup(Provider::LicenseApi, "1705", None, None);
        assert_eq!(german.cause, entry.title(Lang::De));
        assert_eq!(
            german.evidence,
            "1705 3-mal, zuletzt um 2025-12-05T01:43:20Z"
        );
        assert_eq!(german.steps[1], locale::text(Lang::De, "free-seat-here"));

        // A server that frees no seats through the app: the step says where.
        d.provider = "appauth".to_owned();
        for o in &mut d.recent {
            o.provider = "appauth".to_owned();
        }
        let step = find(&d, &crate::dialects::appauth::capabilities(), Lang::En).expect("a step");
        assert!(
            step.steps[1].contains("vendor's support"),
            "{:?}",
            step.steps
        );
    }

    #[test]
    fn a_code_counts_calls_not_retries_and_another_servers_seats_are_not_placed() {
        let mut d = healthy();
        let retried = |attempt| Outcome {
            attempt,
            ..outcome(1_764_900_000, Some("1705"), false)
        };
        d.recent = vec![retried(3), retried(2), retried(1)];
        let step = find(&d, &Capabilities::online(), Lang::En).expect("a step");
        assert_eq!(step.evidence, "1705 at 2025-12-05T02:00:00Z", "one call");
        assert_eq!(step.steps.len(), 3, "with where to free a seat");

        d.provider = "geckoguard".to_owned();
        let step = find(&d, &Capabilities::online(), Lang::En).expect("a step");
        assert_eq!(
            step.steps.len(),
            2,
            "a license-api failure, geckoguard configured now"
        );
    }

    #[test]
    fn revoked_says_contact_support() {
        let mut d = healthy();
        d.recent = vec![outcome(1_764_900_000, Some("1708"), false)];
        let step = find(&d, &Capabilities::online(), Lang::En).expect("a step");
        assert_eq!(step.cause, "This license was revoked");
        assert_eq!(step.action, Action::ContactSupport);
        assert_eq!(step.evidence, "1708 at 2025-12-05T02:00:00Z");
    }

    #[test]
    fn a_clock_off_gives_the_offset_and_says_fix_the_clock() {
        let mut d = healthy();
        d.clock_offset_secs = 3_600;
        d.recent = vec![outcome(1, Some("1705"), false)];
        let step = find(&d, &Capabilities::online(), Lang::En).expect("a step");
        assert_eq!(step.action, Action::SyncClock);
        assert_eq!(
            step.evidence,
            "this computer's clock is 3600 s ahead of the server's"
        );
        assert!(step.steps[0].contains("date, time and time zone"));
        d.clock_offset_secs = -400;
        let step = find(&d, &Capabilities::online(), Lang::En).expect("a step");
        assert!(step.evidence.contains("400 s behind"), "{}", step.evidence);
        d.clock_offset_secs = MAX_CLOCK_SKEW_SECS;
        assert_ne!(
            find(&d, &Capabilities::online(), Lang::En).map(|s| s.action),
            Some(Action::SyncClock),
            "within the protocol's window"
        );
    }

    #[test]
    fn no_keychain_names_the_package() {
        let mut d = healthy();
        d.keychain = KeychainHealth {
            ok: false,
            problem: Some(
                LicenseError::Keychain {
                    locked: false,
                    detail: "no secret service".to_owned(),
                }
                .report(),
            ),
        };
        d.server_reachable = false;
        let step = find(&d, &Capabilities::online(), Lang::En).expect("a step");
        assert_eq!(step.cause, "No keychain to keep your license in");
        assert_eq!(step.code, "keyslot keychain_unavailable");
        assert!(step.steps[0].contains("gnome-keyring"), "{:?}", step.steps);
    }

    #[test]
    fn an_unreachable_server_says_check_the_connection() {
        let mut d = healthy();
        d.server_reachable = false;
        d.server_problem = Some(LicenseError::Network(NetworkFailure::Offline).report());
        d.recent = vec![outcome(1, Some("1705"), false)];
        let step = find(&d, &Capabilities::online(), Lang::En).expect("a step");
        assert_eq!(step.cause, "Can't reach the license server");
        assert_eq!(step.evidence, "https://license.example did not answer");
        assert_eq!(step.action, Action::CheckConnection);
        assert!(step.steps[0].contains("connected to the internet"));
    }
}
