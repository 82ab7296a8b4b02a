//! The catalog against the seeds: every code of every seed table (transcribed
//! independently into `fixtures/seed-codes.json`, each code checked to occur in
//! its seed file) has a row with the seed's HTTP status and retry class, and
//! texts a person can use.

use std::collections::{HashMap, HashSet};

use keyslot_core::catalog::{self, Provider, RetryClass, Row};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct SeedRow {
    seed: String,
    provider: String,
    code: String,
    context: Option<String>,
    http_status: Option<u16>,
    retry: Option<RetryClass>,
}

fn fixture() -> Vec<SeedRow> {
    serde_json::from_str(include_str!("fixtures/seed-codes.json")).expect("fixture parses")
}

fn seed_text(seed: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds");
    let entry = std::fs::read_dir(dir)
        .expect("shared/seeds beside the repository")
        .filter_map(Result::ok)
        .find(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(&format!("{seed}_"))
        })
        .unwrap_or_else(|| panic!("seed {seed}"));
    std::fs::read_to_string(entry.path()).expect("seed readable")
}

type Key<'a> = (&'a str, &'a str, Option<&'a str>);

fn catalog_by_key(rows: &[Row]) -> HashMap<Key<'_>, &Row> {
    rows.iter()
        .map(|r| ((r.provider, r.code, r.context), r))
        .collect()
}

#[test]
fn every_fixture_code_is_in_its_seed() {
    let protocol = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/PROTOCOL.md"
    ))
    .expect("PROTOCOL.md");
    let mut seeds = HashMap::new();
    for row in fixture() {
        let text = seeds
            .entry(row.seed.clone())
            .or_insert_with(|| seed_text(&row.seed));
        assert!(
            text.contains(&row.code) || (row.code == "1710" && protocol.contains("1710")),
            "{} {} is not in seed {}",
            row.provider,
            row.code,
            row.seed
        );
    }
}

#[test]
fn every_seed_code_has_a_row_with_the_seeds_status_and_retry_class() {
    let rows = catalog::rows();
    let by_key = catalog_by_key(&rows);
    let fixture = fixture();
    assert!(fixture.len() > 100, "all five seeds transcribed");
    for seed in &fixture {
        let key = (
            seed.provider.as_str(),
            seed.code.as_str(),
            seed.context.as_deref(),
        );
        let row = by_key
            .get(&key)
            .unwrap_or_else(|| panic!("no catalog row for {key:?}"));
        assert_eq!(row.http_status, seed.http_status, "{key:?}");
        if let Some(retry) = seed.retry {
            assert_eq!(row.retry, retry, "retry class of {key:?}");
        }
        // Resolving the raw code finds this very row.
        let provider = Provider::from_id(&seed.provider).expect("provider");
        let entry = catalog::lookup(
            provider,
            &seed.code,
            seed.context.as_deref(),
            seed.http_status,
        );
        assert_eq!(entry.title, row.title, "{key:?}");
    }
}

#[test]
fn the_catalog_invents_no_codes() {
    let fixture = fixture();
    let seeded: HashSet<Key<'_>> = fixture
        .iter()
        .map(|s| (s.provider.as_str(), s.code.as_str(), s.context.as_deref()))
        .collect();
    let rows = catalog::rows();
    let mut keys = HashSet::new();
    for row in &rows {
        let key = (row.provider, row.code, row.context);
        assert!(keys.insert(key), "duplicate row {key:?}");
        let ours =
            row.provider == "keyslot" || (row.provider == "license-api" && row.code == "1711");
        assert!(ours || seeded.contains(&key), "{key:?} is in no seed table");
    }
}

#[test]
fn texts_are_for_people() {
    const JARGON: [&str; 10] = [
        "HWID",
        "JWT",
        "nonce",
        "HTTP",
        "API key",
        "scope",
        "Redis",
        "CSRF",
        "Zod",
        "idempotency",
    ];
    for row in catalog::rows() {
        let texts: Vec<&str> = [row.title, row.message]
            .into_iter()
            .chain(row.steps.iter().copied())
            .collect();
        assert!(
            !row.title.is_empty() && !row.message.is_empty(),
            "{}/{}",
            row.provider,
            row.code
        );
        assert!(
            !row.steps.is_empty() && row.steps.len() <= 4,
            "{}/{}: 1-4 steps",
            row.provider,
            row.code
        );
        assert!(
            row.title.len() <= 70,
            "{}/{}: title too long",
            row.provider,
            row.code
        );
        // Identifier-like codes (HWID_MISMATCH, 1705, no_credits) must never show;
        // a code that is a plain English word ("expired") may be used as one.
        let code_like = row.code.contains('_')
            || row.code.chars().any(|c| c.is_ascii_digit())
            || row.code.chars().all(|c| c.is_ascii_uppercase());
        for text in texts {
            let words: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .collect();
            let shown = code_like && words.contains(&row.code);
            assert!(
                !shown,
                "{}/{} shows its raw code: {text}",
                row.provider, row.code
            );
            for jargon in JARGON {
                assert!(
                    !text.contains(jargon),
                    "{}/{} says {jargon:?}: {text}",
                    row.provider,
                    row.code
                );
            }
        }
    }
}

#[test]
fn a_vendor_billing_problem_is_never_shown_as_such() {
    let rows = catalog::rows();
    let no_credits: Vec<&Row> = rows
        .iter()
        .filter(|r| r.provider == "appauth" && r.code == "no_credits")
        .collect();
    assert_eq!(no_credits.len(), 3, "developer API, validate and heartbeat");
    for row in no_credits {
        let text = format!("{} {} {}", row.title, row.message, row.steps.join(" ")).to_lowercase();
        for word in [
            "credit",
            "billing",
            "payment",
            "balance",
            "developer",
            "account",
        ] {
            assert!(!text.contains(word), "no_credits mentions {word:?}: {text}");
        }
    }
}

#[test]
fn the_domain_has_enough_kinds() {
    let kinds: HashSet<_> = catalog::rows().iter().map(|r| r.kind).collect();
    assert!(kinds.len() >= 15, "{} kinds", kinds.len());
}

#[test]
fn unknown_codes_fall_back_by_status() {
    let entry = |status| catalog::lookup(Provider::Geckoguard, "BRAND_NEW_CODE", None, status);
    assert_eq!(entry(Some(503)).retry, RetryClass::Backoff);
    assert_eq!(entry(Some(429)).retry, RetryClass::Backoff);
    assert_eq!(entry(Some(400)).retry, RetryClass::Never);
    assert_eq!(entry(None).retry, RetryClass::Never);
    // A known code with an unknown context still resolves to that code.
    let revoked = catalog::lookup(
        Provider::Appauth,
        "revoked",
        Some("future_endpoint"),
        Some(200),
    );
    assert_eq!(revoked.kind, keyslot_core::catalog::Kind::Revoked);
}

#[test]
fn the_catalog_serializes_as_the_cli_prints_it() {
    let json = serde_json::to_value(catalog::rows()).expect("serializes");
    let first = &json[0];
    for field in [
        "provider",
        "code",
        "http_status",
        "kind",
        "retry",
        "action",
        "title",
        "message",
        "steps",
    ] {
        assert!(first.get(field).is_some(), "{field}");
    }
    assert!(
        json.as_array()
            .expect("array")
            .iter()
            .all(|r| r["code"].is_string())
    );
    let with_context = json
        .as_array()
        .expect("array")
        .iter()
        .filter(|r| r.get("context").is_some())
        .count();
    assert!(with_context > 0);
}
