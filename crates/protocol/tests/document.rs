//! `docs/protocol.md` is the page a third party implements a client from: its
//! code table must list exactly the codes of this crate, each with its name
//! and HTTP status.

use std::collections::BTreeMap;

use keyslot_protocol::{ErrorCode, headers};

const DOCUMENT: &str = include_str!("../../../docs/protocol.md");

/// The header that opens the code table; its first three columns are checked.
const HEADER: &str = "| code | name | HTTP |";

/// One row of the document's code table.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    name: String,
    http_status: u16,
}

/// Parses the one table whose header starts with [`HEADER`]: every `|` line
/// after the header and its `|---|` line, up to the first line that is not
/// part of the table. Panics on a row it cannot read, so a malformed row
/// fails the test instead of being skipped.
fn document_codes(document: &str) -> BTreeMap<u16, Row> {
    let starts: Vec<usize> = document
        .lines()
        .enumerate()
        .filter(|(_, line)| line.starts_with(HEADER))
        .map(|(n, _)| n)
        .collect();
    assert_eq!(
        starts.len(),
        1,
        "docs/protocol.md must have exactly one table starting {HEADER:?}"
    );
    let mut lines = document.lines().skip(starts[0] + 1);
    let rule = lines.next().unwrap_or_default();
    assert!(
        rule.starts_with("|---"),
        "the code table's header is followed by {rule:?}"
    );
    let mut rows = BTreeMap::new();
    for line in lines.take_while(|line| line.starts_with('|')) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        assert!(cells.len() >= 3, "short row: {line}");
        let code: u16 = cells[0]
            .parse()
            .unwrap_or_else(|_| panic!("code of {line}"));
        let name = cells[1].trim_matches('`').to_owned();
        let http_status: u16 = cells[2]
            .parse()
            .unwrap_or_else(|_| panic!("HTTP status of {line}"));
        let row = Row { name, http_status };
        assert!(
            rows.insert(code, row).is_none(),
            "{code} is listed twice in docs/protocol.md"
        );
    }
    rows
}

fn crate_codes() -> BTreeMap<u16, Row> {
    ErrorCode::ALL
        .into_iter()
        .map(|code| {
            let row = Row {
                name: code.name().to_owned(),
                http_status: code.http_status(),
            };
            (code.number(), row)
        })
        .collect()
}

#[test]
fn the_documents_code_table_is_the_crates() {
    let documented = document_codes(DOCUMENT);
    let ours = crate_codes();
    for (code, row) in &ours {
        assert_eq!(
            documented.get(code),
            Some(row),
            "docs/protocol.md's row for {code} differs from keyslot-protocol"
        );
    }
    for code in documented.keys() {
        assert!(
            ours.contains_key(code),
            "docs/protocol.md lists {code}, which keyslot-protocol does not know"
        );
    }
    assert_eq!(documented, ours);
}

#[test]
fn the_parser_sees_a_changed_row() {
    let changed = DOCUMENT.replacen(
        "| 1705 | `LICENSE_API_LIMIT_REACHED` | 409 |",
        "| 1705 | `LICENSE_API_LIMIT_REACHED` | 403 |",
        1,
    );
    assert_ne!(
        changed, DOCUMENT,
        "the 1705 row is where the test expects it"
    );
    assert_ne!(document_codes(&changed), crate_codes());
    let extra = DOCUMENT.replacen(
        "| 1711 |",
        "| 1712 | `LICENSE_API_NEW` | 400 | | | never |\n| 1711 |",
        1,
    );
    assert_eq!(document_codes(&extra).len(), crate_codes().len() + 1);
}

#[test]
fn the_document_states_the_protocols_constants() {
    let flat = DOCUMENT.split_whitespace().collect::<Vec<_>>().join(" ");
    for path in [
        keyslot_protocol::paths::ACTIVATE,
        keyslot_protocol::paths::STATUS,
        keyslot_protocol::paths::DEVICES,
        keyslot_protocol::paths::DEACTIVATE,
    ] {
        assert!(flat.contains(&format!("POST {path}")), "{path}");
    }
    for (header, constant) in [
        ("X-License-Timestamp", headers::TIMESTAMP),
        ("X-License-Nonce", headers::NONCE),
        ("X-License-Signature", headers::SIGNATURE),
    ] {
        assert!(flat.contains(header), "{header}");
        assert_eq!(header.to_ascii_lowercase(), constant);
    }
    assert!(flat.contains(&format!(
        "within {} s of the server's clock",
        keyslot_protocol::MAX_CLOCK_SKEW_SECS
    )));
    assert!(flat.contains(&format!(
        "refuses a nonce it has seen in the last {} s",
        keyslot_protocol::NONCE_RETENTION_SECS
    )));
}

#[test]
fn the_worked_example_is_a_golden_vector() {
    // The example in the document is the first request vector, so it was
    // computed by OpenSSL and is checked by this crate's unit tests; here it
    // must also be what the crate computes from the values the page shows.
    let signature = keyslot_protocol::sign_request(
        "POST",
        keyslot_protocol::paths::ACTIVATE,
        1_767_225_600,
        "n0nce-0123456789ABCDEF",
        br#"{"license_key":"KS-TEST"}"#,
        b"keyslot-golden-secret",
    );
    assert!(DOCUMENT.contains(&format!("X-License-Signature: {signature}")));
    let response = keyslot_protocol::sign_response(
        "n0nce-0123456789ABCDEF",
        409,
        br#"{"error":{"code":1705,"name":"LICENSE_API_LIMIT_REACHED","message":"activation limit reached (3 of 3 seats used)"},"request_id":"01J8X3W4Y5Z6A7B8C9D0EFGHJK"}"#,
        b"keyslot-golden-secret",
    );
    assert!(DOCUMENT.contains(&response));
}

#[test]
fn the_lease_section_is_the_crates_lease_format() {
    use keyslot_protocol::lease::{LEASE_ALG, LEASE_ALG_FULLY_SPECIFIED, LEASE_TYP};
    let flat = DOCUMENT.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(&format!(
        r#"{{"alg":"{LEASE_ALG}","typ":"{LEASE_TYP}","kid":"ks1-…"}}"#
    )));
    assert!(flat.contains(&format!("`{LEASE_ALG_FULLY_SPECIFIED}`")));
    assert!(flat.contains(&format!("GET {}", keyslot_protocol::paths::KEYS)));
    // The example key set is the golden one, byte for byte.
    let golden = include_str!("../golden/lease-keys.json").trim();
    assert!(DOCUMENT.contains(golden), "docs/protocol.md shows {golden}");
    // The claim table lists exactly the claims the crate signs, in the order
    // it signs them (the golden claims file keeps that order).
    let golden_claims = include_str!("../golden/lease-claims.json");
    let signed: Vec<&str> = golden_claims
        .lines()
        .filter_map(|line| line.strip_prefix("  \""))
        .filter_map(|line| line.split('"').next())
        .collect();
    let start = DOCUMENT
        .find("| claim | type | meaning |")
        .expect("the claim table");
    let documented: Vec<&str> = DOCUMENT[start..]
        .lines()
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .map(|line| {
            line.split('|')
                .nth(1)
                .expect("cell")
                .trim()
                .trim_matches('`')
        })
        .collect();
    assert_eq!(documented, signed);
    let decoded: keyslot_protocol::lease::LeaseClaims =
        serde_json::from_str(golden_claims).expect("the golden claims decode");
    let json = serde_json::to_value(&decoded).expect("json");
    let mut ours: Vec<&str> = json
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    let mut sorted = documented.clone();
    ours.sort_unstable();
    sorted.sort_unstable();
    assert_eq!(
        sorted, ours,
        "LeaseClaims has exactly the documented claims"
    );
}
