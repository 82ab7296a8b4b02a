//! Offline leases, the client's side (docs/protocol.md, "Leases"): trusted
//! time, which a wall clock turned back or forward cannot move, the files a
//! lease is kept in, and the local check of a stored lease.

pub mod check;
#[cfg(test)]
mod fuzz;
pub mod pins;
pub mod store;
pub mod trusted_time;

pub use check::{Expected, LeaseCheck, Verdict, check};
pub use store::LeaseStore;
pub use trusted_time::{Anchor, Reading, RolledBack, Trusted, trusted_now};

use std::path::Path;

pub use keyslot_protocol::lease::JwkSet;

use crate::error::LicenseError;
use crate::fingerprint::ThisMachine;
use crate::state::StateFile;

/// Checks the lease kept in `data_dir` on `machine` against `keys`, at the
/// wall clock `wall`, with the anchor kept beside the lease and any
/// `more_anchors` (the keychain's copy, where the caller may read it): what
/// `keyslot check` answers, and the call a vendor's Rust software makes. It never touches
/// the network and reads no secret; it writes only a new anchor of trusted
/// time, when it made one (after a reboot).
pub fn check_here(
    data_dir: &Path,
    machine: &ThisMachine,
    keys: &JwkSet,
    wall: i64,
    more_anchors: &[Anchor],
) -> Result<LeaseCheck, LicenseError> {
    let store = LeaseStore::in_dir(data_dir);
    let lease = store.lease()?;
    let state = StateFile::in_dir(data_dir).load()?;
    let key_hash = state
        .activation
        .as_ref()
        .and_then(|a| a.key_hash.as_deref());
    let expected = Expected {
        fingerprint: &machine.fingerprint,
        key_hash,
    };
    let anchors: Vec<Anchor> = store
        .anchor()
        .into_iter()
        .chain(more_anchors.iter().cloned())
        .collect();
    let (found, record) = check(
        lease.as_deref(),
        keys,
        expected,
        &anchors,
        &read_this_machine(wall),
    );
    if let Some(anchor) = record
        && let Err(error) = store.keep_anchor(&anchor)
    {
        tracing::warn!(%error, "could not keep the anchor of trusted time");
    }
    Ok(found)
}

/// Reads this machine's boot id and time since boot (suspend included),
/// with the wall clock `wall`. Where the platform can't say, the boot id is
/// empty and the time since boot 0: every check then counts as a new boot.
pub fn read_this_machine(wall: i64) -> Reading {
    Reading {
        wall,
        boot_id: boot_id(),
        since_boot_ms: since_boot_ms(),
    }
}

#[cfg(target_os = "linux")]
fn boot_id() -> String {
    std::fs::read_to_string("/proc/sys/kernel/random/boot_id")
        .map(|id| id.trim().to_owned())
        .unwrap_or_default()
}

#[cfg(target_os = "linux")]
fn since_boot_ms() -> u64 {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::Boottime);
    u64::try_from(t.tv_sec).unwrap_or(0) * 1000 + u64::try_from(t.tv_nsec).unwrap_or(0) / 1_000_000
}

#[cfg(not(target_os = "linux"))]
fn boot_id() -> String {
    String::new()
}

#[cfg(not(target_os = "linux"))]
fn since_boot_ms() -> u64 {
    0
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn this_machine_has_a_boot_and_a_time_since_it() {
        let first = super::read_this_machine(0);
        std::thread::sleep(std::time::Duration::from_millis(20));
        let second = super::read_this_machine(0);
        assert_eq!(first.boot_id.len(), 36, "a UUID: {:?}", first.boot_id);
        assert_eq!(first.boot_id, second.boot_id);
        assert!(second.since_boot_ms >= first.since_boot_ms + 20);
    }
}
