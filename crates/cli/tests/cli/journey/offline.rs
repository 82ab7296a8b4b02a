//! The air gap, whole: the licensed machine runs `keyslot` in a network
//! namespace of its own (`unshare -rn`: no interface but a loopback that is
//! down, so no route to the server), and the code and the license file cross
//! by hand: the test carries them to the real server's offline page.

use std::process::Output;

use super::{World, run, stderr, stdout};

/// `keyslot ARGS` on the machine without a network.
fn cut_off(world: &World, args: &[&str]) -> std::process::Command {
    let mut all = vec!["-rn", super::BIN];
    all.extend_from_slice(args);
    world.command_of("unshare", &all)
}

async fn offline(world: &World, args: &[&str]) -> Output {
    run(cut_off(world, args), None).await
}

async fn offline_fed(world: &World, args: &[&str], input: &str) -> Output {
    run(cut_off(world, args), Some(input.to_owned())).await
}

/// An HTTP client for the vendor's side (reqwest comes without a crypto provider).
fn http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

/// What the vendor's page answers for `code`: the license file (200), or
/// the status of its refusal.
async fn page(world: &World, code: &str) -> (u16, String) {
    let answer = http()
        .post(format!("{}/offline/activate", world.url))
        // A code is base64url and dots: nothing to escape in a form.
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("code={code}&download=1"))
        .send()
        .await
        .expect("the page answers");
    let status = answer.status().as_u16();
    (status, answer.text().await.expect("text"))
}

/// How many seats `key` holds on the server.
async fn seats(world: &World, key: &str) -> usize {
    let (_, devices) = keyslot_server::store::show_license(world.server().db(), key)
        .await
        .expect("the license");
    devices.len()
}

/// Asserts `output` is the catalog's refusal titled `title` (exit 3: it
/// needs a person).
fn refused(output: &Output, title: &str) {
    assert_eq!(output.status.code(), Some(3), "{}", stderr(output));
    assert!(stderr(output).contains(title), "{}", stderr(output));
}

/// The code a `keyslot … --offline` run printed: its only stdout line.
fn code_of(output: &Output) -> String {
    assert!(output.status.success(), "{}", stderr(output));
    let out = stdout(output);
    let code = out.trim();
    assert!(
        code.starts_with("KSR1.") && !code.contains(char::is_whitespace),
        "{out}"
    );
    code.to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_machine_without_a_network_is_activated_renewed_and_freed_by_hand() {
    let world = World::start().await;
    let key = world.license(2, None).await;
    let dir = tempfile::tempdir().expect("dir");
    let keys = dir.path().join("keys.json");
    let set = http()
        .get(format!("{}/api/v1/license/keys", world.url))
        .send()
        .await
        .expect("keys")
        .text()
        .await
        .expect("text");
    std::fs::write(&keys, set).expect("keys written");
    let keys = keys.display().to_string();

    // The licensed side really has no route: an online command can't reach the server.
    let unreachable = offline_fed(&world, &["activate", "-"], &key).await;
    assert_eq!(
        unreachable.status.code(),
        Some(4),
        "{}",
        stderr(&unreachable)
    );
    assert!(stderr(&unreachable).contains("Can't reach the license server"));

    // 1. The request: a code on stdout, also written to a file; the key never in it.
    let request_file = dir.path().join("request.txt");
    let made = offline_fed(
        &world,
        &[
            "activate",
            "--offline",
            "-",
            "--out",
            &request_file.display().to_string(),
        ],
        &key,
    )
    .await;
    let code = code_of(&made);
    assert!(!code.contains(&key) && !stderr(&made).contains(&key));
    assert!(
        stderr(&made).contains(&format!("{}/offline#{code}", world.url)),
        "{}",
        stderr(&made)
    );
    assert_eq!(
        std::fs::read_to_string(&request_file).expect("file").trim(),
        code
    );
    assert_eq!(seats(&world, &key).await, 0, "nothing is taken yet");

    // 2. The vendor's page answers a lease; the same code again answers the same lease.
    let (status, lease) = page(&world, &code).await;
    assert_eq!(status, 200, "{lease}");
    assert_eq!(
        page(&world, &code).await,
        (200, lease.clone()),
        "a replay answers the same lease"
    );
    assert_eq!(seats(&world, &key).await, 1, "one seat, however often");

    // A lease for another machine's fingerprint: this machine salted with
    // another vendor's app id has one (the machine id is the OS's), and a
    // data directory of its own keeps its pending key apart.
    let other = tempfile::tempdir().expect("dir");
    let mut foreign = cut_off(
        &world,
        &["--app-id", "another-vendor", "activate", "--offline", "-"],
    );
    foreign.env("KEYSLOT_DATA_DIR", other.path());
    let foreign_code = code_of(&run(foreign, Some(key.clone())).await);
    let (status, foreign_lease) = page(&world, &foreign_code).await;
    assert_eq!(status, 200, "{foreign_lease}");
    let foreign_file = dir.path().join("foreign.lease");
    std::fs::write(&foreign_file, &foreign_lease).expect("written");

    // 3. Back on the licensed machine: refused without keys, for another
    // machine, or cut short; then imported, and `keyslot check` says licensed.
    let lease_file = dir.path().join("keyslot.lease");
    std::fs::write(&lease_file, &lease).expect("written");
    let lease_path = lease_file.display().to_string();
    let keyless = offline(&world, &["lease", "import", &lease_path]).await;
    refused(&keyless, "The app can't check license files");
    let wrong = offline(
        &world,
        &[
            "--lease-keys",
            &keys,
            "lease",
            "import",
            &foreign_file.display().to_string(),
        ],
    )
    .await;
    refused(&wrong, "This license file is for another computer");
    let cut = offline_fed(
        &world,
        &["--lease-keys", &keys, "lease", "import", "-"],
        &lease[..lease.len() / 2],
    )
    .await;
    refused(&cut, "That isn't a license file");
    let none = offline(&world, &["check", "--lease-keys", &keys]).await;
    assert_eq!(
        none.status.code(),
        Some(20),
        "refusals kept nothing: {}",
        stdout(&none)
    );

    let imported = offline(
        &world,
        &[
            "--lease-keys",
            &keys,
            "lease",
            "import",
            &lease_path,
            "--json",
        ],
    )
    .await;
    assert!(imported.status.success(), "{}", stderr(&imported));
    let view: serde_json::Value = serde_json::from_slice(&imported.stdout).expect("json");
    assert_eq!(view["activated_offline"], true);
    assert_eq!(view["seats_used"], 1);
    let check = offline(&world, &["check", "--lease-keys", &keys]).await;
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    assert!(
        stdout(&check).starts_with("Licensed: works offline until"),
        "{}",
        stdout(&check)
    );
    let status = offline(&world, &["--lease-keys", &keys, "status"]).await;
    assert!(status.status.success(), "{}", stderr(&status));
    assert!(
        stdout(&status).contains("Activated offline"),
        "{}",
        stdout(&status)
    );

    // 4. Renewal the same way: a new lease for the seat still held.
    let renewal = code_of(&offline(&world, &["lease", "renew"]).await);
    let (status, renewed) = page(&world, &renewal).await;
    assert_eq!(status, 200, "{renewed}");
    assert_ne!(renewed, lease, "a new lease");
    let renew_file = dir.path().join("renewed.lease");
    std::fs::write(&renew_file, &renewed).expect("written");
    let imported = offline(
        &world,
        &[
            "--lease-keys",
            &keys,
            "lease",
            "import",
            &renew_file.display().to_string(),
        ],
    )
    .await;
    assert!(imported.status.success(), "{}", stderr(&imported));
    assert_eq!(
        offline(&world, &["lease"]).await.stdout,
        format!("{}\n", renewed.trim()).into_bytes()
    );

    // 5. Freeing offline: the license leaves at once, the seat when the page takes the code.
    // The code is printed even when the file it should also go to can't be
    // written: a deactivation code can't be made again.
    // (A folder can't be made inside a file.)
    let unwritable = request_file.join("code.txt");
    let unwritable = unwritable.display().to_string();
    let freed_here = offline(&world, &["forget", "--offline", "--out", &unwritable]).await;
    assert_eq!(freed_here.status.code(), Some(3), "{}", stderr(&freed_here));
    let freeing = stdout(&freed_here).trim().to_owned();
    assert!(freeing.starts_with("KSR1."), "{freeing}");
    let gone = offline(&world, &["check", "--lease-keys", &keys]).await;
    assert_eq!(gone.status.code(), Some(20), "{}", stdout(&gone));
    assert_eq!(
        seats(&world, &key).await,
        2,
        "this machine's and the foreign one"
    );
    let (status, _) = page(&world, &freeing).await;
    assert_eq!(status, 200);
    assert_eq!(seats(&world, &key).await, 1, "freed");
    assert_eq!(
        page(&world, &freeing).await.0,
        200,
        "a replay frees nothing more"
    );
    assert_eq!(seats(&world, &key).await, 1);
}
