//! The About view: the version, the server, and where the logs, state and
//! lease live, with "Open log folder" handing that folder (and only it) to
//! the desktop's opener.

use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;
use std::time::{Duration, Instant};

use keyslot_e2e::world::{World, app_binary, screenshot, testid, within_limit};

use crate::journeys::click;

/// Puts an `xdg-open` first on the PATH that writes what it is asked to
/// open to `calls` (no file manager runs under Xvfb), and returns that PATH.
fn recording_opener(dir: &Path, calls: &Path) -> String {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).expect("bin");
    let opener = bin.join("xdg-open");
    std::fs::write(
        &opener,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" >> '{}'\n",
            calls.display()
        ),
    )
    .expect("xdg-open");
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

async fn text(client: &fantoccini::Client, id: &str) -> String {
    testid(client, id).await.text().await.expect("text")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn about_says_where_things_live_and_opens_the_log_folder() {
    within_limit(async {
        let dir = tempfile::tempdir().expect("tempdir");
        let calls = dir.path().join("opened");
        let path = recording_opener(dir.path(), &calls);
        let world = World::start_with(app_binary("debug"), &[("PATH", &path)]);
        let client = world.launch().await;
        // After the start-up check, which would otherwise choose the view.
        testid(&client, "key-input").await;
        click(&client, "nav-about").await;
        assert!(
            text(&client, "about-version")
                .await
                .contains(env!("CARGO_PKG_VERSION"))
        );
        assert!(
            text(&client, "about-server")
                .await
                .contains(&world.demo_server_url())
        );
        assert!(
            text(&client, "about-provider")
                .await
                .contains("demo server on this computer")
        );
        let logs = world
            .demo_data_dir()
            .parent()
            .expect("data dir")
            .join("logs");
        assert!(
            text(&client, "about-log-dir")
                .await
                .contains(&*logs.to_string_lossy())
        );
        assert!(
            text(&client, "about-state-dir")
                .await
                .contains(&*world.demo_data_dir().to_string_lossy())
        );
        assert!(
            text(&client, "about-lease-file")
                .await
                .contains(&*world.demo_data_dir().join("lease.jwt").to_string_lossy())
        );
        screenshot(&client, "about").await;
        let logs_text = world.app_logs();
        assert_eq!(
            logs_text.matches("demo server running").count(),
            1,
            "each log line is written once"
        );

        click(&client, "open-log-folder").await;
        let started = Instant::now();
        loop {
            let opened = std::fs::read_to_string(&calls).unwrap_or_default();
            if !opened.is_empty() {
                assert_eq!(
                    opened.trim(),
                    logs.to_string_lossy(),
                    "opened only the log folder"
                );
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "the log folder was never handed to xdg-open"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        world.close(client).await;
    })
    .await;
}
