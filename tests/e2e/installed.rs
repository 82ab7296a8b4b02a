//! The installed package's app, `/usr/bin/keyslot-app`: one journey, with the
//! key arriving as a `keyslot://` link the desktop opens through the
//! package's desktop entry. `bash scripts/test-package.sh` installs the
//! package, runs this, and removes it.

use std::path::{Path, PathBuf};

use keyslot_e2e::world::{World, screenshot, within_limit};

use crate::links::a_link_fills_the_key_and_waits_for_enter;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the installed package: bash scripts/test-package.sh"]
async fn the_installed_app_opens_a_link_from_the_desktop_and_activates() {
    within_limit(async {
        let world = World::start_with(PathBuf::from("/usr/bin/keyslot-app"), &[]);
        let client = world.launch().await;
        // gio finds the handler of x-scheme-handler/keyslot as the desktop
        // does: the installed entry, whose Exec hands the link to this window.
        a_link_fills_the_key_and_waits_for_enter(&world, &client, Path::new("gio"), &["open"])
            .await;
        screenshot(&client, "installed-license").await;
        assert!(
            world.cli(&["--version"], &[]).starts_with("keyslot "),
            "the CLI beside the installed app"
        );
        world.close(client).await;
    })
    .await;
}
