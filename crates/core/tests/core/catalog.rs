//! The catalog against the seeds.
//!
//! `fixtures/seed-codes.json` holds the error tables of the five documents the
//! catalog is built from, as facts: one row per code, with the document's
//! HTTP status, its words on what the code means, what to do and whether to
//! retry, and the document the row comes from (its `about` says more). The
//! tests here run from the clone alone: every code of every table has a
//! catalog row with the document's status and retry class, the catalog
//! invents no codes, and the native protocol's codes are the ones
//! `docs/protocol.md` and `keyslot-protocol` list.
//!
//! The documents themselves are not in the repository. Where they are at
//! hand, `KEYSLOT_SEED_DOCS` names their folder (`.ci/run` sets it when it
//! finds them) and one more test compares the fixture with them, text by text;
//! without it that test says so and checks nothing.

use std::collections::{BTreeSet, HashMap, HashSet};

use keyslot_core::catalog::{self, Origin, Provider, RetryClass, Row};
use keyslot_core::locale::Lang;
use keyslot_protocol::ErrorCode;
use serde::Deserialize;

/// The protocol document, whose code table two of the fixture's rows quote.
const PROTOCOL: &str = include_str!("../../../../docs/protocol.md");

const FIXTURE: &str = include_str!("fixtures/seed-codes.json");

/// Every member a row of `codes` must have, even where its value is `null`.
const ROW_FIELDS: [&str; 9] = [
    "seed",
    "provider",
    "code",
    "context",
    "http_status",
    "retry_class",
    "meaning",
    "guidance",
    "retry_says",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    about: Vec<String>,
    documents: Vec<Document>,
    codes: Vec<SeedRow>,
}

/// One source document.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    /// What rows call it: `000`…`004`, or `protocol` for `docs/protocol.md`.
    seed: String,
    provider: String,
    vendor: String,
    /// Its file name (in `KEYSLOT_SEED_DOCS`), or its path in the repository.
    file: String,
    title: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedRow {
    seed: String,
    provider: String,
    code: String,
    context: Option<String>,
    http_status: Option<u16>,
    retry_class: Option<RetryClass>,
    meaning: String,
    guidance: Option<String>,
    retry_says: Option<String>,
}

/// The seed of the rows `docs/protocol.md` is the source of.
const PROTOCOL_SEED: &str = "protocol";

fn fixture() -> Fixture {
    serde_json::from_str(FIXTURE).expect("fixture parses")
}

type Key<'a> = (&'a str, &'a str, Option<&'a str>);

fn catalog_by_key(rows: &[Row]) -> HashMap<Key<'_>, &Row> {
    rows.iter()
        .map(|r| ((r.provider, r.code, r.context), r))
        .collect()
}

fn key(row: &SeedRow) -> Key<'_> {
    (
        row.provider.as_str(),
        row.code.as_str(),
        row.context.as_deref(),
    )
}

/// The cells of the row of `docs/protocol.md`'s code table for `code`.
fn protocol_row(code: u16) -> Vec<&'static str> {
    let prefix = format!("| {code} |");
    let line = PROTOCOL
        .lines()
        .find(|line| line.starts_with(&prefix))
        .unwrap_or_else(|| panic!("docs/protocol.md has no row for {code}"));
    line.trim_matches('|').split('|').map(str::trim).collect()
}

#[test]
fn every_row_is_complete_and_names_its_document() {
    let raw: serde_json::Value = serde_json::from_str(FIXTURE).expect("fixture parses");
    for row in raw["codes"].as_array().expect("codes") {
        let fields: BTreeSet<&str> = row
            .as_object()
            .expect("a row is an object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(fields, BTreeSet::from(ROW_FIELDS), "{row}");
    }

    let fixture = fixture();
    assert!(!fixture.about.is_empty());
    let documents: HashMap<&str, &Document> = fixture
        .documents
        .iter()
        .map(|d| (d.seed.as_str(), d))
        .collect();
    assert_eq!(documents.len(), fixture.documents.len(), "seeds are unique");
    let vendor_documents = fixture
        .documents
        .iter()
        .filter(|d| d.seed != PROTOCOL_SEED)
        .count();
    assert_eq!(vendor_documents, 5, "the five error documents");
    for document in &fixture.documents {
        assert!(
            !document.file.is_empty() && !document.title.is_empty() && !document.vendor.is_empty(),
            "{document:?}"
        );
        assert!(
            Provider::from_id(&document.provider).is_some(),
            "{document:?}"
        );
    }

    let mut keys = HashSet::new();
    let mut rows_per_seed: HashMap<&str, usize> = HashMap::new();
    for row in &fixture.codes {
        let document = documents
            .get(row.seed.as_str())
            .unwrap_or_else(|| panic!("{:?} names no listed document", key(row)));
        assert_eq!(row.provider, document.provider, "{:?}", key(row));
        assert!(keys.insert(key(row)), "{:?} is listed twice", key(row));
        assert!(!row.code.is_empty() && !row.meaning.is_empty(), "{row:?}");
        for text in [&row.guidance, &row.retry_says].into_iter().flatten() {
            assert!(!text.trim().is_empty(), "{row:?}: null, not empty");
        }
        *rows_per_seed.entry(row.seed.as_str()).or_default() += 1;
    }
    for document in &fixture.documents {
        assert!(
            rows_per_seed.contains_key(document.seed.as_str()),
            "no rows from {}",
            document.seed
        );
    }
    assert!(fixture.codes.len() > 100, "all five documents transcribed");
}

#[test]
fn the_native_codes_are_the_protocols() {
    let fixture = fixture();
    let native: Vec<&SeedRow> = fixture
        .codes
        .iter()
        .filter(|r| r.provider == "license-api")
        .collect();
    let ours: BTreeSet<(String, Option<u16>)> = ErrorCode::ALL
        .into_iter()
        .map(|c| (c.number().to_string(), Some(c.http_status())))
        .collect();
    let fixture_codes: BTreeSet<(String, Option<u16>)> = native
        .iter()
        .map(|r| (r.code.clone(), r.http_status))
        .collect();
    assert_eq!(fixture_codes, ours, "document 000 plus docs/protocol.md");
    for row in &native {
        let number: u16 = row.code.parse().expect("numeric code");
        let cells = protocol_row(number);
        // code | name | HTTP | when | what the client does | retry
        assert_eq!(cells.len(), 6, "{cells:?}");
        assert_eq!(
            row.retry_class
                .map(|c| serde_json::to_value(c).expect("class")),
            Some(serde_json::Value::from(cells[5])),
            "{number}: docs/protocol.md's retry column and the fixture"
        );
        if row.seed == PROTOCOL_SEED {
            // The protocol's own codes quote its table.
            assert_eq!(row.meaning, cells[3], "{number}");
            assert_eq!(row.guidance.as_deref(), Some(cells[4]), "{number}");
            assert_eq!(row.retry_says.as_deref(), Some(cells[5]), "{number}");
        }
    }
}

#[test]
fn every_seed_code_has_a_row_with_the_seeds_status_and_retry_class() {
    let rows = catalog::rows(Lang::En);
    let by_key = catalog_by_key(&rows);
    let fixture = fixture();
    for seed in &fixture.codes {
        let key = key(seed);
        let row = by_key
            .get(&key)
            .unwrap_or_else(|| panic!("no catalog row for {key:?}"));
        assert_eq!(row.http_status, seed.http_status, "{key:?}");
        if let Some(retry) = seed.retry_class {
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
        assert_eq!(entry.text_id(), row.text_id, "{key:?}");
    }
}

#[test]
fn the_catalog_invents_no_codes() {
    let fixture = fixture();
    let seeded: HashSet<Key<'_>> = fixture.codes.iter().map(key).collect();
    let rows = catalog::rows(Lang::En);
    let mut keys = HashSet::new();
    for row in &rows {
        let key = (row.provider, row.code, row.context);
        assert!(keys.insert(key), "duplicate row {key:?}");
        let ours = row.provider == "keyslot";
        assert!(ours || seeded.contains(&key), "{key:?} is in no seed table");
    }
}

/// Whether `text` shows `code` as a word of its own (not inside a longer
/// run of ASCII letters, digits or `_`), in any script around it.
fn shows(text: &str, code: &str) -> bool {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    text.match_indices(code).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + code.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

#[test]
fn texts_are_for_people_in_every_language() {
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
    for lang in Lang::ALL {
        for row in catalog::rows(lang) {
            let at = format!("{}/{} ({lang:?})", row.provider, row.code);
            assert!(!row.title.is_empty() && !row.message.is_empty(), "{at}");
            assert!(
                !row.steps.is_empty() && row.steps.len() <= 4,
                "{at}: 1-4 steps"
            );
            assert!(row.title.chars().count() <= 70, "{at}: title too long");
            // Identifier-like codes (HWID_MISMATCH, 1705, no_credits) must never
            // show; a code that is a plain English word ("expired") may be used as one.
            let code_like = row.code.contains('_')
                || row.code.chars().any(|c| c.is_ascii_digit())
                || row.code.chars().all(|c| c.is_ascii_uppercase());
            for text in [&row.title, &row.message].into_iter().chain(&row.steps) {
                assert!(
                    !(code_like && shows(text, row.code)),
                    "{at} shows its raw code: {text}"
                );
                for jargon in JARGON {
                    assert!(!text.contains(jargon), "{at} says {jargon:?}: {text}");
                }
            }
        }
    }
}

#[test]
fn a_raw_code_is_found_in_any_script() {
    assert!(shows("コード1705が返されました", "1705"));
    assert!(shows("Fehler 1705.", "1705"));
    assert!(!shows("Seit 117050 Tagen", "1705"));
    assert!(!shows("NO_CREDITS_LEFT", "NO_CREDITS"));
}

#[test]
fn a_vendor_billing_problem_is_never_shown_as_such_in_any_language() {
    for (lang, words) in [
        (
            Lang::En,
            &[
                "credit",
                "billing",
                "payment",
                "balance",
                "developer",
                "account",
            ][..],
        ),
        (
            Lang::De,
            &[
                "guthaben",
                "kredit",
                "abrechnung",
                "zahlung",
                "konto",
                "entwickler",
            ][..],
        ),
        (
            Lang::Ja,
            &[
                "クレジット",
                "請求",
                "支払",
                "料金",
                "残高",
                "開発者",
                "アカウント",
            ][..],
        ),
    ] {
        let rows = catalog::rows(lang);
        let no_credits: Vec<&Row> = rows
            .iter()
            .filter(|r| r.provider == "appauth" && r.code == "no_credits")
            .collect();
        assert_eq!(no_credits.len(), 3, "developer API, validate and heartbeat");
        for row in no_credits {
            let text = format!("{} {} {}", row.title, row.message, row.steps.join(" "));
            let text = text.to_lowercase();
            for word in words {
                assert!(
                    !text.contains(word),
                    "no_credits ({lang:?}) mentions {word:?}: {text}"
                );
            }
        }
    }
}

#[test]
fn the_domain_has_enough_kinds() {
    let kinds: HashSet<_> = catalog::rows(Lang::En).iter().map(|r| r.kind).collect();
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
    // An unreadable answer is the server down when a 5xx came with it, for
    // every reader of the code (the error, the kept outcomes, the next step).
    let unreadable = |status| catalog::lookup(Origin::Local, "bad_response", None, Some(status));
    assert_eq!(
        unreadable(502).kind,
        keyslot_core::catalog::Kind::ServerUnavailable
    );
    assert_eq!(unreadable(502).text_id(), "fallback-5xx");
    assert_eq!(
        unreadable(200).kind,
        keyslot_core::catalog::Kind::BadResponse
    );
}

#[test]
fn the_catalog_serializes_as_the_cli_prints_it() {
    let json = serde_json::to_value(catalog::rows(Lang::En)).expect("serializes");
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

/// The variable naming the folder that holds the five error documents.
const SEED_DOCS: &str = "KEYSLOT_SEED_DOCS";

/// A code as a document's table lists it.
type TableRow = (String, Option<String>, Option<u16>);

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The leading run of `text` made of characters that pass `keep`.
fn run(text: &str, keep: impl Fn(char) -> bool) -> &str {
    let end = text.find(|c: char| !keep(c)).unwrap_or(text.len());
    &text[..end]
}

fn status(text: &str) -> Option<u16> {
    let digits = text.get(..3)?;
    digits
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| digits.parse().ok())
        .flatten()
}

/// The lines after the line `heading` (the first one at or after `from`)
/// up to the first line `stop` accepts.
fn lines_after<'a>(
    text: &'a str,
    from: &str,
    heading: &str,
    stop: impl Fn(&str) -> bool,
) -> Vec<&'a str> {
    let start = text.find(from).unwrap_or_else(|| panic!("{from:?}"));
    let lines: Vec<&str> = text[start..].lines().collect();
    let at = lines
        .iter()
        .position(|l| *l == heading)
        .unwrap_or_else(|| panic!("no table {heading:?}"));
    lines[at + 1..]
        .iter()
        .copied()
        .take_while(|l| !stop(l))
        .collect()
}

/// The codes of one document's tables, read from the document itself. Each
/// document lays its tables out its own way, so each has its reader.
fn document_table(seed: &str, text: &str, fixture: &[&SeedRow]) -> Vec<TableRow> {
    let row = |code: &str, context: Option<&str>, status: Option<u16>| {
        (code.to_owned(), context.map(str::to_owned), status)
    };
    let lower = |c: char| c.is_ascii_lowercase() || c == '_';
    let upper = |c: char| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_';
    let mut table = Vec::new();
    match seed {
        // `1700LICENSE_API_BAD_SIGNATURE401Missing header…`
        "000" => {
            for line in text.lines() {
                let (Some(code), Some(rest)) = (line.get(..4), line.get(4..)) else {
                    continue;
                };
                if !code.starts_with("17") || !code.bytes().all(|b| b.is_ascii_digit()) {
                    continue;
                }
                let name = run(rest, |c| c.is_ascii_uppercase() || c == '_');
                assert!(name.starts_with("LICENSE_API_"), "{line}");
                table.push(row(code, None, status(&rest[name.len()..])));
            }
        }
        // Four tables: the Developer API's (`400bad_request…`), then
        // validate's, heartbeat's and the SDK's own (`invalid_keyThe…`).
        "001" => {
            assert!(
                text.contains("return errors inside a 200 HTTP response"),
                "the SDK errors come in a 200"
            );
            for line in lines_after(text, "", "HTTP StatusError CodeDescription", str::is_empty) {
                let code = run(line.get(3..).unwrap_or_default(), lower);
                table.push(row(code, Some("developer_api"), status(line)));
            }
            let sdk = [
                (
                    "validate",
                    "Validate errors",
                    "Error CodeDescriptionUser-facing guidance",
                ),
                ("heartbeat", "Heartbeat errors", "Error CodeDescription"),
            ];
            for (context, section, heading) in sdk {
                for line in lines_after(text, section, heading, str::is_empty) {
                    table.push(row(run(line, lower), Some(context), Some(200)));
                }
            }
            let client = lines_after(text, "SDK client-side errors", "ErrorDescription", |l| {
                l.starts_with("These errors")
            });
            for line in client {
                // "HTTP/network errors" is a class of failures, not a code.
                let code = run(line, lower);
                if !code.is_empty() {
                    table.push(row(code, Some("client"), None));
                }
            }
        }
        // `CODE | 401 | triggered by | fix | retry? |`, then the authorize
        // reason codes (`CODE | meaning |`), which all come with a 403.
        "002" => {
            assert!(text.contains("The response status is 403."));
            let mut reasons = false;
            for line in text.lines() {
                if line.starts_with("| Reason code |") {
                    reasons = true;
                    continue;
                }
                let cells: Vec<&str> = line.split(" | ").collect();
                let code = cells[0];
                if code.is_empty() || run(code, upper) != code {
                    continue;
                }
                match (reasons, cells.len()) {
                    (false, 5) => table.push(row(code, None, status(cells[1]))),
                    (true, 2) => table.push(row(code, Some("authorize"), Some(403))),
                    _ => {}
                }
            }
        }
        // Two lists without separators (`LICENSE_EXPIREDLICENSE_INACTIVE…`):
        // each must be the fixture's codes of that list, in order.
        "003" => {
            for (heading, section) in [
                (
                    "Typical runtime-side errors include:",
                    "Common runtime failures",
                ),
                (
                    "Typical management-side errors include:",
                    "Common management failures",
                ),
            ] {
                assert!(text.contains(section), "{section}");
                let listed = lines_after(text, "", heading, |_| false)[0];
                let ours: Vec<&str> = fixture
                    .iter()
                    .filter(|r| r.meaning == section)
                    .map(|r| r.code.as_str())
                    .collect();
                assert_eq!(listed, ours.concat(), "{heading}");
                table.extend(ours.iter().map(|code| row(code, None, None)));
            }
        }
        // The examples (`400Invalid request body`, then `"code": "…"`) and
        // the status table (`| 400 | Bad Request | … |`).
        "004" => {
            let mut example_status = None;
            for line in text.lines() {
                if let Some(code) = line.strip_prefix("\"code\": \"") {
                    let code = run(code, upper);
                    let example = !code.is_empty() && code != "ERROR_CODE";
                    if let Some(status) = example_status.filter(|_| example) {
                        table.push(row(code, None, Some(status)));
                    }
                } else if let Some(cells) = line.strip_prefix("| ") {
                    if let Some(status) = status(cells).filter(|_| cells.as_bytes()[3] == b' ') {
                        table.push(row(&status.to_string(), Some("http_status"), Some(status)));
                    }
                } else if line.chars().nth(3).is_some_and(|c| c.is_ascii_uppercase()) {
                    example_status = status(line).or(example_status);
                }
            }
        }
        other => panic!("no reader for document {other}"),
    }
    table
}

#[test]
fn cross_check_with_the_seed_documents_when_keyslot_seed_docs_is_set() {
    let Some(folder) = std::env::var_os(SEED_DOCS) else {
        println!(
            "{SEED_DOCS} is not set: the fixture was not compared with the seed documents \
             (not in this repository). The fixture-based tests are the test; set {SEED_DOCS} \
             to the folder holding the documents to compare them too."
        );
        return;
    };
    let folder = std::path::PathBuf::from(folder);
    let fixture = fixture();
    for document in fixture.documents.iter().filter(|d| d.seed != PROTOCOL_SEED) {
        let path = folder.join(&document.file);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{SEED_DOCS} is set but {} is unreadable: {e}",
                path.display()
            )
        });
        assert!(text.contains(&document.title), "title of {}", document.file);
        let rows: Vec<&SeedRow> = fixture
            .codes
            .iter()
            .filter(|r| r.seed == document.seed)
            .collect();

        // Same codes, same statuses, both ways.
        let table = document_table(&document.seed, &text, &rows);
        let listed: BTreeSet<TableRow> = table.iter().cloned().collect();
        assert_eq!(
            listed.len(),
            table.len(),
            "{} lists a code twice",
            document.file
        );
        let ours: BTreeSet<TableRow> = rows
            .iter()
            .map(|r| (r.code.clone(), r.context.clone(), r.http_status))
            .collect();
        let missing: Vec<&TableRow> = listed.difference(&ours).collect();
        assert!(
            missing.is_empty(),
            "{} lists {missing:?}, the fixture does not",
            document.file
        );
        let extra: Vec<&TableRow> = ours.difference(&listed).collect();
        assert!(
            extra.is_empty(),
            "the fixture has {extra:?}, {} does not",
            document.file
        );

        // Every text is the document's, word for word.
        let words = flat(&text);
        for row in &rows {
            for said in [
                Some(&row.meaning),
                row.guidance.as_ref(),
                row.retry_says.as_ref(),
            ]
            .into_iter()
            .flatten()
            {
                assert!(
                    words.contains(&flat(said)),
                    "{:?}: {said:?} is not in {}",
                    key(row),
                    document.file
                );
            }
        }
    }
}
