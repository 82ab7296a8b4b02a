//! The redacted support report: text a user can paste into a ticket. It
//! holds no key beyond its last four characters, no secret and no raw
//! machine id.

use std::fmt::Write as _;

use super::diagnostics::Diagnostics;
use super::next_step::NextStep;
use super::views::{rfc3339, rfc3339_of_unix};
use crate::dialects::SigningKeys;
use crate::error::ErrorReport;
use crate::locale::Lang;
use crate::sensitive::mask;

/// What the report is of: the diagnostics, the next step found in them
/// (in English), the last error the user saw and the language they saw it in.
pub struct Seen<'a> {
    /// The checks and the kept request outcomes.
    pub diagnostics: &'a Diagnostics,
    /// The next step, found in English.
    pub next_step: Option<&'a NextStep>,
    /// The error on screen when the report was asked for.
    pub last_error: Option<&'a ErrorReport>,
    /// The language the user saw.
    pub lang: Lang,
}

/// The report of what the user saw, written at `now` (unix seconds). It is
/// in English whatever the user's language: support reads it.
pub fn render(seen: &Seen<'_>, now: i64) -> String {
    let d = seen.diagnostics;
    let en = Lang::En;
    let mut out = String::new();
    let when = rfc3339_of_unix(now);
    let _ = writeln!(out, "Keyslot support report ({when})");
    let _ = writeln!(
        out,
        "app:          keyslot {} on {}",
        d.app_version, d.platform
    );
    let _ = writeln!(
        out,
        "language:     {} ({})",
        seen.lang.id(),
        seen.lang.english_name()
    );
    let _ = writeln!(out, "server:       {} ({})", d.server, d.provider);
    let reach = match (&d.server_reachable, &d.server_problem) {
        (true, None) => "yes, signature and clock accepted".to_owned(),
        (true, Some(p)) => format!("yes, but answered {} ({})", p.code, p.title_in(en)),
        (false, Some(p)) => format!("no: {} ({})", p.code, p.title_in(en)),
        (false, None) => "no".to_owned(),
    };
    let _ = writeln!(out, "reachable:    {reach}");
    match d.signing_keys {
        Some(SigningKeys::Pinned { count }) => {
            let _ = writeln!(out, "signing keys: pinned ({count})");
        }
        Some(SigningKeys::Fetched) => {
            let _ = writeln!(out, "signing keys: fetched from the server, not pinned");
        }
        None => {}
    }
    let _ = writeln!(out, "clock offset: {:+} s", d.clock_offset_secs);
    let keychain = match &d.keychain.problem {
        None => "ok".to_owned(),
        Some(p) => format!("{} ({})", p.code, p.title_in(en)),
    };
    let _ = writeln!(out, "keychain:     {keychain}");
    let _ = writeln!(
        out,
        "license:      {}",
        d.key_hint.as_deref().unwrap_or("none activated")
    );
    if let Some(id) = &d.activation_id {
        let _ = writeln!(out, "activation:   {id}");
    }
    if let Some(l) = &d.license {
        let expires = l
            .expires_at
            .map(rfc3339)
            .unwrap_or_else(|| "never".to_owned());
        let _ = writeln!(
            out,
            "last seen:    {} with {} of {} seats used, expires {expires}",
            l.state.as_str(),
            l.used_activations,
            l.max_activations
        );
    }
    let fingerprint = if d.fingerprint_changed.is_empty() {
        "unchanged since activation".to_owned()
    } else {
        format!(
            "changed since activation: {}",
            d.fingerprint_changed.join(", ")
        )
    };
    let _ = writeln!(
        out,
        "fingerprint:  {fingerprint} (components: {})",
        d.fingerprint_components.join(", ")
    );
    if let Some(l) = &d.lease {
        let at = |t: &Option<String>| t.clone().unwrap_or_else(|| "-".to_owned());
        let _ = writeln!(
            out,
            "lease:        {:?}, issued {}, renew after {}, ends {}, grace until {}, key {}",
            l.stage,
            at(&l.issued_at),
            at(&l.renew_after),
            at(&l.expires_at),
            at(&l.grace_ends_at),
            at(&l.key_id)
        );
        let _ = writeln!(
            out,
            "time:         trusted {}, wall clock {}",
            at(&l.trusted_time),
            l.wall_clock
        );
    }
    if let Some(e) = seen.last_error {
        let _ = writeln!(
            out,
            "last error:   {} {} (HTTP {}) request {}",
            e.provider,
            e.code,
            e.http_status.map_or("-".to_owned(), |s| s.to_string()),
            e.request_id.as_deref().unwrap_or("-")
        );
    }
    let _ = writeln!(
        out,
        "recent requests (newest first, of the app and the CLI):"
    );
    for o in &d.recent {
        let outcome = match &o.code {
            None => "ok".to_owned(),
            Some(c) => format!(
                "{} {} ({})",
                c.origin,
                c.code,
                c.title_in(o.http_status, en)
            ),
        };
        let _ = writeln!(
            out,
            "  {}  {} {}  {}  {}  attempt {}  {} ms  request {}{}",
            rfc3339_of_unix(o.at),
            o.provider,
            o.path,
            o.http_status.map_or("-".to_owned(), |s| s.to_string()),
            outcome,
            o.attempt,
            o.latency_ms,
            o.request_id.as_deref().unwrap_or("-"),
            if o.probe { "  (support check)" } else { "" }
        );
    }
    if d.recent.is_empty() {
        let _ = writeln!(out, "  none");
    }
    match seen.next_step {
        Some(step) => {
            let _ = writeln!(out, "next step:    {} ({})", step.cause, step.evidence);
            let _ = writeln!(out, "              code {}", step.code);
            for (n, text) in step.steps.iter().enumerate() {
                let _ = writeln!(out, "              {}. {text}", n + 1);
            }
        }
        None => {
            let _ = writeln!(
                out,
                "next step:    none found: every check passed and the last request succeeded"
            );
        }
    }
    redact_stray_keys(out)
}

/// A last guard: anything in the report that looks like a full license key
/// (`KS-XXXXX-…`) is masked.
fn redact_stray_keys(report: String) -> String {
    report
        .split_inclusive(char::is_whitespace)
        .map(|word| {
            let trimmed = word.trim_end();
            if trimmed.starts_with("KS-") && trimmed.len() >= 20 {
                format!("{}{}", mask(trimmed), &word[trimmed.len()..])
            } else {
                word.to_owned()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Action;
    use crate::dialects::Capabilities;
    use crate::error::LicenseError;
    use crate::service::NextStep;
    use crate::service::diagnostics::sample;
    use crate::transport::{Outcome, outcomes_sample};

    #[test]
    fn it_lists_the_requests_newest_first_with_titles_and_ends_with_the_next_step() {
        let mut d = sample();
        d.recent = vec![
            Outcome {
                probe: true,
                ..outcomes_sample(1_764_900_060, Some("1703"))
            },
            outcomes_sample(1_764_900_000, Some("1705")),
        ];
        let step = NextStep {
            cause: "All seats are in use".to_owned(),
            evidence: "1705 at 2025-12-05T02:00:00Z".to_owned(),
            code: "license-api 1705".to_owned(),
            action: Action::FreeSlot,
            steps: vec!["Free a seat.".to_owned(), "Then activate.".to_owned()],
        };
        let mut seen = Seen {
            diagnostics: &d,
            next_step: Some(&step),
            last_error: None,
            lang: Lang::En,
        };
        let report = render(&seen, 1_764_900_100);
        let lines: Vec<&str> = report.lines().collect();
        let at = |needle: &str| {
            lines
                .iter()
                .position(|l| l.contains(needle))
                .unwrap_or_else(|| panic!("{needle:?} not in\n{report}"))
        };
        assert!(at("license-api 1703 (That license key wasn't found)") < at("1705 (All seats"));
        assert!(lines[at("1703")].ends_with("(support check)"));
        assert!(lines[at("1705 (All seats")].contains("attempt 1  12 ms  request 01JREQUEST"));
        assert_eq!(
            &lines[lines.len() - 4..],
            [
                "next step:    All seats are in use (1705 at 2025-12-05T02:00:00Z)",
                "              code license-api 1705",
                "              1. Free a seat.",
                "              2. Then activate.",
            ]
        );

        seen.next_step = None;
        let report = render(&seen, 1_764_900_100);
        assert!(report.ends_with(
            "next step:    none found: every check passed and the last request succeeded\n"
        ));
    }

    #[test]
    fn it_is_in_english_whatever_the_user_saw_and_names_their_language() {
        let mut d = sample();
        d.recent = vec![outcomes_sample(1_764_900_000, Some("1705"))];
        if let Some(c) = &mut d.recent[0].code {
            c.title = c.title_in(None, Lang::Ja);
        }
        // A proxy's 5xx page, as the user saw it in Japanese.
        let problem = LicenseError::BadResponse {
            http_status: 502,
            request_id: None,
        }
        .report_in(Lang::Ja);
        d.server_problem = Some(problem.clone());
        let step = crate::service::next_step::find(&d, &Capabilities::online(), Lang::En);
        let seen = Seen {
            diagnostics: &d,
            next_step: step.as_ref(),
            last_error: Some(&problem),
            lang: Lang::Ja,
        };
        let report = render(&seen, 1_764_900_100);
        assert!(report.contains("language:     ja (Japanese)"), "{report}");
        let english = LicenseError::BadResponse {
            http_status: 502,
            request_id: None,
        }
        .report_in(Lang::En);
        let next = format!("next step:    {} (", english.title);
        assert!(report.contains(&next), "{report}");
        for (n, step) in english.steps.iter().enumerate() {
            let line = format!("              {}. {step}", n + 1);
            assert!(report.contains(&line), "{line:?} not in\n{report}");
        }
        let english = |e: &ErrorReport| e.title_in(Lang::En);
        assert!(report.contains(&english(&problem)), "{report}");
        assert!(report.contains("1705 (All seats are in use)"), "{report}");
        assert!(
            !report.contains(&problem.title),
            "Japanese title in:\n{report}"
        );
        assert!(
            !report.chars().any(|c| c as u32 >= 0x3000),
            "no Japanese at all:\n{report}"
        );
    }
}
