//! The snippet of docs/leases.md, "Or call Keyslot from Rust", compiled and
//! run: the docs show exactly the code between the markers.

// docs/leases.md: begin
use std::path::Path;

use keyslot_core::clock::{Clock, SystemClock};
use keyslot_core::error::LicenseError;
use keyslot_core::fingerprint::{self, ThisMachine};
use keyslot_core::lease::{self, pins};

/// Whether your software may run: the lease kept in `data_dir` checked on
/// this machine, offline. `app_id` is the one your app configures (its
/// `config.json` `app_id`), `None` for none; one built in wins either way.
fn licensed(data_dir: &Path, app_id: Option<&str>) -> Result<bool, LicenseError> {
    // Built in, else the set kept beside the lease (or name a JWK Set file).
    let keys = pins::pinned_keys(None, data_dir)?;
    let machine = ThisMachine::detect(fingerprint::app_id(app_id)?, data_dir)?;
    // `&[]`: no anchor of trusted time but the one kept beside the lease.
    let found = lease::check_here(data_dir, &machine, &keys, SystemClock.now(), &[])?;
    Ok(found.stage.works())
}
// docs/leases.md: end

use keyslot_protocol::lease::sign_lease;

use super::{DAY, World, vendor_key};

#[test]
fn the_docs_show_this_code() {
    let this = include_str!("from_rust.rs");
    let (_, code) = this
        .split_once("// docs/leases.md: begin\n")
        .expect("begin");
    let (code, _) = code.split_once("// docs/leases.md: end").expect("end");
    let docs = include_str!("../../../../../docs/leases.md");
    let (_, section) = docs
        .split_once("## 2. Or call Keyslot from Rust")
        .expect("the section");
    let (_, shown) = section.split_once("```rust\n").expect("a snippet");
    let (shown, _) = shown.split_once("```").expect("its end");
    assert_eq!(shown, code, "docs/leases.md shows this code");
}

#[test]
fn the_snippet_checks_the_lease_for_the_configured_app_id() {
    let world = World::new();
    let mut claims = world.claims(60, 7 * DAY, 3 * DAY);
    claims.fpr = world.fingerprint("acme-cad");
    world.keep(&sign_lease(&claims, &vendor_key()));
    std::fs::copy(
        world.0.path().join("keys.json"),
        world.data().join(pins::FETCHED_FILE),
    )
    .expect("keys kept beside the lease");
    assert!(licensed(&world.data(), Some("acme-cad")).expect("checks"));
    assert!(
        !licensed(&world.data(), None).expect("checks"),
        "under the default app id this machine is another one"
    );
    let cli = world.keyslot(&["check", "--app-id", "acme-cad"]);
    assert_eq!(cli.status.code(), Some(0), "keyslot check agrees");
}
