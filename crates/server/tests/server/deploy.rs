//! The systemd unit of `deploy/` (docs/deploy.md) as `systemd-analyze
//! verify` reads it: every directive known and well-formed, and the command
//! it starts executable. The unit names `/usr/bin/keyslot-server`, which a
//! test machine lacks, so what is verified is a copy whose `ExecStart=` runs
//! the binary built here instead, with the same flags.

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_keyslot-server");
const UNIT: &str = "keyslot-server.service";
/// The installed binary, as the unit names it.
const INSTALLED: &str = "ExecStart=/usr/bin/keyslot-server serve ";

#[test]
fn unit_verifies_without_warnings() {
    let unit = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../deploy")
            .join(UNIT),
    )
    .expect("deploy/keyslot-server.service");
    let starts: Vec<_> = unit
        .lines()
        .filter(|l| l.starts_with("ExecStart="))
        .collect();
    assert!(
        matches!(starts[..], [line] if line.starts_with(INSTALLED)),
        "one ExecStart= running {INSTALLED}…, found {starts:?}"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    // The unit's name comes from the file's: keep it.
    let copy = dir.path().join(UNIT);
    let built = INSTALLED.replace("/usr/bin/keyslot-server", BIN);
    std::fs::write(&copy, unit.replace(INSTALLED, &built)).expect("writes the copy");

    let out = Command::new("systemd-analyze")
        .args(["verify", "--man=no", "--recursive-errors=no"])
        .arg(&copy)
        .output()
        .expect("systemd-analyze runs (Debian package `systemd`)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Units the system has may warn too; those are not ours to fix.
    let ours: Vec<_> = stderr.lines().filter(|l| l.contains(UNIT)).collect();
    assert!(
        out.status.success() && ours.is_empty(),
        "systemd-analyze verify: {}\n{stderr}",
        out.status
    );
}
