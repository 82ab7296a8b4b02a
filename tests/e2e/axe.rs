//! axe-core, the accessibility engine (npm `axe-core`, from `ui/node_modules`),
//! injected over WebDriver into the real window: [`check`] runs it on what
//! the window shows now, keeps the result as JSON beside the screenshots
//! (`target/e2e-screenshots/axe/NAME.json`) and fails on any violation of
//! impact serious or critical.

use std::path::PathBuf;

use fantoccini::Client;

use crate::world::{eval, target_dir};

/// Where `npm ci` in `ui/` puts axe-core.
fn source_path() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../ui/node_modules/axe-core/axe.min.js"
    ))
}

/// Runs axe-core on the window's page as it is now, saves the result as
/// `NAME.json` and panics on a serious or critical violation.
pub async fn check(client: &Client, name: &str) {
    if !eval(client, "return typeof window.axe === 'object'")
        .await
        .as_bool()
        .unwrap_or(false)
    {
        let path = source_path();
        let source = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("axe-core at {} (npm ci in ui/): {e}", path.display()));
        client
            .execute(&format!("{source}\nreturn true"), Vec::new())
            .await
            .expect("axe-core loads");
    }
    let result = client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] })
              .then((r) => done({
                url: r.url,
                engine: r.testEngine.version,
                passes: r.passes.length,
                incomplete: r.incomplete.map((v) => v.id),
                violations: r.violations.map((v) => ({
                  id: v.id, impact: v.impact, help: v.help,
                  nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
                })),
              }))
              .catch((e) => done({ error: String(e) }));"#,
            Vec::new(),
        )
        .await
        .expect("axe runs");
    assert!(
        result.get("error").is_none(),
        "axe failed on {name}: {result}"
    );
    let dir = target_dir().join("e2e-screenshots").join("axe");
    std::fs::create_dir_all(&dir).expect("axe results dir");
    std::fs::write(
        dir.join(format!("{name}.json")),
        serde_json::to_string_pretty(&result).expect("json"),
    )
    .expect("write axe result");
    let blocking: Vec<&serde_json::Value> = result["violations"]
        .as_array()
        .expect("violations")
        .iter()
        .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
        .collect();
    assert!(
        blocking.is_empty(),
        "{name}: serious or critical accessibility violations: {}",
        serde_json::to_string_pretty(&blocking).expect("json")
    );
}
