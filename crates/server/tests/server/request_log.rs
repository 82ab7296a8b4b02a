//! The request log: every license call kept with its request id, never the
//! key; retention by age and by count; and `request show|list` on the real
//! binary, finding a call by the id its answer carried.

use std::path::Path;
use std::process::Output;

use keyslot_protocol::paths;
use keyslot_server::Limits;
use keyslot_server::request_log::{self, Retention, Row};
use serde_json::json;
use sqlx::SqlitePool;

use crate::binary::{Running, SECRET, admin, serve};
use crate::support::{Harness, Reply, SECRET as HARNESS_SECRET, activation, roomy};

fn request_id(reply: &Reply) -> String {
    reply
        .headers
        .get(keyslot_protocol::headers::REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .expect("a request id")
        .to_owned()
}

/// The harness's request log file, opened beside its own handle.
async fn file(h: &Harness) -> SqlitePool {
    request_log::open(
        &request_log::file_of(&h.db().as_sqlite().expect("SQLite").path),
        false,
    )
    .await
    .expect("the log file")
}

async fn logged(h: &Harness, reply: &Reply) -> Row {
    h.state.requests.flush().await.expect("flushes");
    request_log::find(&file(h).await, &request_id(reply))
        .await
        .expect("reads")
        .unwrap_or_else(|| panic!("{} is not in the log", request_id(reply)))
}

/// The real server on a new database in `dir`, the database's path and
/// the key of a one-seat license.
async fn served(dir: &Path) -> (Running, String, String) {
    let db = dir.join("licenses.db").to_str().expect("utf-8").to_owned();
    let server = serve(dir, Some(SECRET), &[]).await;
    let created = admin(&["license", "create", "--db", &db, "--seats", "1"]);
    let key = String::from_utf8(created.stdout).expect("utf-8");
    (server, db, key.trim().to_owned())
}

/// `keyslot-server request show --db DB ID`.
fn show(db: &str, id: &str) -> Output {
    admin(&["request", "show", "--db", db, id])
}

/// `keyslot-server request list --db DB --key KEY --since SINCE`.
fn list_since(db: &str, key: &str, since: &str) -> Output {
    admin(&[
        "request", "list", "--db", db, "--key", key, "--since", since,
    ])
}

/// A harness whose request log keeps calls for `retention`.
async fn keeping(retention: Retention) -> Harness {
    let limits = Limits {
        request_log: retention,
        ..roomy()
    };
    Harness::with(limits, Some(HARNESS_SECRET)).await
}

async fn count(h: &Harness) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM request_log")
        .fetch_one(&file(h).await)
        .await
        .expect("counts")
}

#[tokio::test]
async fn every_license_call_is_logged_with_its_request_id_and_never_the_key() {
    let h = Harness::new().await;
    let key = h.license(1).await;
    let hint = format!("…{}", &key[key.len() - 4..]);

    let first = h.activate(&key, 1).await;
    let seat = first.ok()["activation"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let row = logged(&h, &first).await;
    assert_eq!(row.endpoint, paths::ACTIVATE);
    assert_eq!((row.status, row.code), (200, None));
    assert_eq!(row.key_hint.as_deref(), Some(hint.as_str()));
    assert_eq!(row.activation_id.as_deref(), Some(seat.as_str()));
    assert_eq!(row.client_ip, "0.0.0.0", "the oneshot harness has no peer");

    let full = h.activate(&key, 2).await;
    full.error(1705);
    let row = logged(&h, &full).await;
    assert_eq!((row.status, row.code), (409, Some(1705)));
    assert_eq!(row.activation_id, None);

    let status = h
        .post(
            paths::STATUS,
            &json!({"license_key": key, "fingerprint": crate::support::fingerprint(1)}),
        )
        .await;
    status.ok();
    assert_eq!(
        logged(&h, &status).await.activation_id.as_deref(),
        Some(seat.as_str())
    );

    let unknown_seat = h
        .post(
            paths::DEACTIVATE,
            &json!({"license_key": key, "activation_id": "act_nope"}),
        )
        .await;
    unknown_seat.error(1709);
    let row = logged(&h, &unknown_seat).await;
    assert_eq!(
        row.activation_id.as_deref(),
        Some("act_nope"),
        "the seat asked for"
    );

    // A forged signature is logged, but the key it names is not believed.
    let mut forged = h.request(paths::DEVICES, &json!({"license_key": key}));
    forged.secret = b"not-the-secret";
    let forged = h.send(forged).await;
    let row = logged(&h, &forged).await;
    assert_eq!((row.status, row.code), (401, Some(1700)));
    assert_eq!(row.key_hint, None);

    // Not a license call: not logged.
    let keys = h.get_keys().await;
    h.state.requests.flush().await.expect("flushes");
    assert_eq!(
        request_log::find(&file(&h).await, &request_id(&keys))
            .await
            .expect("reads"),
        None
    );

    // The key's calls, oldest first; the key itself is nowhere in the table.
    let hmac_key = request_log::hmac_key(h.db()).await.expect("the log's key");
    let hash = request_log::key_hash(&hmac_key, &key);
    let calls = request_log::for_key(&file(&h).await, hash, i64::MIN, 100)
        .await
        .expect("reads");
    let codes: Vec<Option<i64>> = calls.iter().map(|r| r.code).collect();
    assert_eq!(codes, [None, Some(1705), None, Some(1709)]);
    // Nowhere in the log's files, its write-ahead log included.
    let mut files = 0;
    for entry in std::fs::read_dir(h._dir.path()).expect("dir") {
        let path = entry.expect("entry").path();
        if path.to_string_lossy().contains(".requests") {
            let bytes = std::fs::read(&path).expect("readable");
            assert!(
                !bytes.windows(key.len()).any(|w| w == key.as_bytes()),
                "{} holds the key",
                path.display()
            );
            files += 1;
        }
    }
    assert!(files >= 2, "the log and its write-ahead log were read");
}

#[tokio::test]
async fn retention_drops_rows_by_age_then_by_count() {
    let h = keeping(Retention {
        days: 1,
        rows: 3,
        file: None,
    })
    .await;
    let key = h.license(10).await;
    for n in 0..2 {
        h.activate(&key, n).await.ok();
    }
    let prune = || h.state.requests.prune(h.clock_now());
    h.clock.advance(86_400 + 1);
    let fresh = h.activate(&key, 2).await;
    h.state.requests.flush().await.expect("flushes");
    assert_eq!(count(&h).await, 3);

    let pruned = prune().await.expect("prunes");
    assert_eq!(pruned, 2, "the two older than a day");
    assert!(
        logged(&h, &fresh).await.status == 200,
        "the fresh one stays"
    );

    let mut newest = Vec::new();
    for n in 3..7 {
        newest.push(request_id(&h.activate(&key, n).await));
    }
    h.state.requests.flush().await.expect("flushes");
    let pruned = prune().await.expect("prunes");
    assert_eq!(pruned, 2, "five rows, three kept");
    let kept: Vec<String> = sqlx::query_scalar("SELECT request_id FROM request_log ORDER BY id")
        .fetch_all(&file(&h).await)
        .await
        .expect("reads")
        .into_iter()
        .map(|id: Vec<u8>| ulid::Ulid::from_bytes(id.try_into().expect("16 bytes")).to_string())
        .collect();
    assert_eq!(kept, newest[1..], "the newest three");

    // Nothing to drop, then everything old: the bounds at their edges.
    assert_eq!(prune().await.expect("prunes"), 0);
    h.clock.advance(86_400 + 1);
    assert_eq!(prune().await.expect("prunes"), 3, "all older than a day");
    assert_eq!(count(&h).await, 0);
    assert_eq!(prune().await.expect("prunes"), 0, "an empty log");
}

#[tokio::test]
async fn with_no_days_nothing_is_logged_and_no_file_made() {
    let h = keeping(Retention {
        days: 0,
        rows: 10,
        file: None,
    })
    .await;
    let key = h.license(1).await;
    h.activate(&key, 1).await.ok();
    h.state.requests.flush().await.expect("flushes");
    let pruned = h.state.requests.prune(h.clock_now()).await;
    assert_eq!(pruned.expect("prunes"), 0);
    assert!(!request_log::file_of(&h.db().as_sqlite().expect("SQLite").path).exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_show_and_list_find_a_call_by_its_id_and_a_license_by_its_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (server, db_arg, key) = served(dir.path()).await;
    let db_arg = db_arg.as_str();

    server.post(paths::ACTIVATE, activation(&key, 1)).await.ok();
    let mut refused = Vec::new();
    for n in 2..5 {
        let reply = server.post(paths::ACTIVATE, activation(&key, n)).await;
        reply.error(1705);
        refused.push(request_id(&reply));
    }
    // A graceful stop writes what the last second gathered.
    server.terminate().await;

    let shown = show(db_arg, &refused[0]);
    let text = String::from_utf8_lossy(&shown.stdout);
    assert!(
        shown.status.success(),
        "{}",
        String::from_utf8_lossy(&shown.stderr)
    );
    for line in [
        format!("request:     {}", refused[0]),
        "endpoint:    /api/v1/license/activate".to_owned(),
        "answer:      409 1705 LICENSE_API_LIMIT_REACHED".to_owned(),
        format!("license:     …{}", &key[key.len() - 4..]),
        "client:      127.0.0.1".to_owned(),
    ] {
        assert!(text.contains(&line), "{line:?} not in\n{text}");
    }
    assert!(!text.contains(&key), "the key is printed");

    let listed = list_since(db_arg, &key, "1h");
    let text = String::from_utf8_lossy(&listed.stdout);
    assert!(
        listed.status.success(),
        "{}",
        String::from_utf8_lossy(&listed.stderr)
    );
    assert_eq!(text.lines().count(), 5, "four calls and the count:\n{text}");
    assert!(
        text.lines()
            .nth(3)
            .is_some_and(|l| l.ends_with(&refused[2])),
        "oldest first:\n{text}"
    );
    assert!(
        text.ends_with("4 calls: 1 × 200, 3 × 409 1705 LICENSE_API_LIMIT_REACHED\n"),
        "{text}"
    );
    let later = list_since(db_arg, &key, "2099-01-01T00:00:00Z");
    assert_eq!(
        String::from_utf8_lossy(&later.stdout),
        "no calls in the request log for that key\n"
    );

    let missing = show(db_arg, "01J0000000000000000000000");
    assert!(!missing.status.success());
    assert!(
        String::from_utf8_lossy(&missing.stderr)
            .contains("no call 01J0000000000000000000000 in the request log"),
        "{}",
        String::from_utf8_lossy(&missing.stderr)
    );
    let bad_since = list_since(db_arg, &key, "yesterday");
    assert!(!bad_since.status.success());
    assert!(String::from_utf8_lossy(&bad_since.stderr).contains("e.g. 2027-01-01T00:00:00Z"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_written_before_a_crash_survives_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (server, db_arg, key) = served(dir.path()).await;
    let db_arg = db_arg.as_str();
    let reply = server
        .post(paths::DEVICES, json!({"license_key": key}))
        .await;
    reply.ok();
    // Two flushes later (one a second), SIGKILL: no graceful stop writes it.
    tokio::time::sleep(std::time::Duration::from_millis(2_100)).await;
    server.crash().await;

    let shown = show(db_arg, &request_id(&reply));
    assert!(
        shown.status.success(),
        "{}",
        String::from_utf8_lossy(&shown.stderr)
    );
    assert!(String::from_utf8_lossy(&shown.stdout).contains("answer:      200\n"));
}
