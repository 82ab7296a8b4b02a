//! The API held to its OpenAPI document by tools written elsewhere:
//! `openapi-spec-validator` accepts the committed document, and Schemathesis
//! fuzzes the real binary from the document it serves, with every check it
//! has, a fixed number of examples per operation, and a stateful phase that
//! follows the document's links from an activation. The tools are pinned in
//! `tests/api-fuzz/requirements.txt`; `scripts/setup.sh` installs them.

use std::path::PathBuf;
use std::process::Command;

use crate::binary::{SECRET, admin, serve};

/// Examples per operation and phase: a few seconds a run.
const EXAMPLES: &str = "100";

/// The virtual environment `scripts/setup.sh` installs the tools into.
fn venv() -> PathBuf {
    let venv = std::env::var_os("KEYSLOT_API_FUZZ_VENV").map_or_else(
        || {
            let cache = std::env::var_os("XDG_CACHE_HOME").map_or_else(
                || PathBuf::from(std::env::var_os("HOME").expect("HOME")).join(".cache"),
                PathBuf::from,
            );
            cache.join("keyslot/api-fuzz")
        },
        PathBuf::from,
    );
    assert!(
        venv.join("bin/schemathesis").is_file(),
        "no Schemathesis in {}: run scripts/setup.sh",
        venv.display()
    );
    venv
}

fn run(command: &mut Command) -> String {
    let out = command.output().expect("runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{command:?} failed:\n{text}");
    text
}

#[test]
fn an_independent_validator_accepts_the_document() {
    let document = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json");
    let out = run(Command::new(venv().join("bin/openapi-spec-validator")).arg(document));
    assert!(out.contains("OK"), "{out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schemathesis_finds_nothing_with_every_check_and_walks_the_links() {
    let venv = venv();
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("licenses.db");
    let created = admin(&[
        "license",
        "create",
        "--db",
        db.to_str().expect("utf-8"),
        "--seats",
        "100000",
    ]);
    assert!(created.status.success(), "{created:?}");
    let key = String::from_utf8(created.stdout).expect("utf-8");
    let key = key.lines().last().expect("the key").to_owned();
    // Limits no run reaches: a 429 would stop generated cases short of the logic.
    let high = [
        "--key-rate",
        "1000000",
        "--ip-rate",
        "1000000",
        "--deactivation-budget",
        "1000000",
    ];
    let server = serve(dir.path(), Some(SECRET), &high).await;

    let addr = server.addr;
    let work = dir.path().to_owned();
    let hooks = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/api-fuzz");
    let out = tokio::task::spawn_blocking(move || {
        run(Command::new(venv.join("bin/schemathesis"))
            .args(["run", &format!("http://{addr}/openapi.json")])
            .args([
                "--checks",
                "all",
                "--max-examples",
                EXAMPLES,
                "--workers",
                "1",
            ])
            .args(["--no-color"])
            // Its caches go to the test's directory, not the source tree.
            .current_dir(&work)
            .env("SCHEMATHESIS_HOOKS", "hooks")
            .env("PYTHONPATH", hooks)
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .env("KEYSLOT_FUZZ_SECRET", SECRET)
            .env("KEYSLOT_FUZZ_KEY", key))
    })
    .await
    .expect("joins");
    drop(server);
    let summary: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("generated") || l.contains("API Links") || l.contains("Scenarios"))
        .collect();
    eprintln!("schemathesis: {}", summary.join(" | "));
    assert!(
        out.contains("API Links:    3 covered / 3 selected / 3 total"),
        "the stateful phase followed every link:\n{out}"
    );
    for phase in ["Coverage", "Fuzzing", "Stateful"] {
        assert!(
            out.contains(&format!("✅  {phase}")),
            "{phase} ran and passed:\n{out}"
        );
    }
}
