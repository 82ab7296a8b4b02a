//! Trusted time: the client's own idea of "now" for judging a lease, which
//! a wall clock turned back or forward cannot move (docs/protocol.md, "Leases").
//!
//! An [`Anchor`] records a trusted time together with the boot it was taken
//! in and the time since boot then (`CLOCK_BOOTTIME`, which counts suspend).
//! Within that boot, trusted time is the anchor's time plus the boot time
//! elapsed since, whatever the wall clock says. After a reboot, the first
//! check takes the later of the wall clock and the anchor's time, and refuses
//! a wall clock more than an hour behind the anchor. A verified answer from
//! the server re-anchors at the server's time, even backwards. Everything
//! here is pure: the machine's readings are passed in.

use serde::{Deserialize, Serialize};

/// How far a wall clock may be behind the anchor after a reboot before it is
/// taken for a clock turned back (NTP-sized corrections stay well inside).
pub const ROLLBACK_TOLERANCE_SECS: i64 = 3600;

/// A trusted time, and where in the machine's life it was taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// Trusted unix seconds at the moment of the anchor.
    pub trusted: i64,
    /// The boot it was taken in (`/proc/sys/kernel/random/boot_id` on Linux).
    pub boot_id: String,
    /// Milliseconds since that boot (suspend included) at the moment.
    pub since_boot_ms: u64,
}

/// What the machine says now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The wall clock, unix seconds.
    pub wall: i64,
    /// The current boot's id.
    pub boot_id: String,
    /// Milliseconds since this boot, suspend included.
    pub since_boot_ms: u64,
}

impl Reading {
    /// The anchor a verified answer sets: the server's time, this boot, now.
    pub fn anchor_at(&self, server_time: i64) -> Anchor {
        Anchor {
            trusted: server_time,
            boot_id: self.boot_id.clone(),
            since_boot_ms: self.since_boot_ms,
        }
    }
}

/// Trusted time now, and the anchor to record if this check made a new one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trusted {
    /// Trusted unix seconds.
    pub now: i64,
    /// A new anchor for this boot, to be kept (after a reboot, or with none kept).
    pub record: Option<Anchor>,
}

/// The wall clock was turned back: after a reboot it reads more than
/// [`ROLLBACK_TOLERANCE_SECS`] earlier than the trusted time last recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RolledBack {
    /// What the wall clock says.
    pub wall: i64,
    /// The trusted time it is behind.
    pub trusted: i64,
}

/// Trusted time now, from the kept `anchors` (beside the lease and in the
/// keychain; the later counts), never earlier than `floor` (the lease's `iat`).
pub fn trusted_now(
    anchors: &[Anchor],
    reading: &Reading,
    floor: i64,
) -> Result<Trusted, RolledBack> {
    let same_boot = anchors
        .iter()
        .filter(|a| a.boot_id == reading.boot_id)
        .map(|a| {
            let elapsed = reading.since_boot_ms.saturating_sub(a.since_boot_ms) / 1000;
            a.trusted
                .saturating_add(i64::try_from(elapsed).unwrap_or(i64::MAX))
        })
        .max();
    let earlier_boots = anchors
        .iter()
        .filter(|a| a.boot_id != reading.boot_id)
        .map(|a| a.trusted)
        .max();
    let trusted = match (same_boot, earlier_boots) {
        (Some(now), None) => {
            return Ok(Trusted {
                now: now.max(floor),
                record: None,
            });
        }
        (Some(now), Some(before)) => now.max(before),
        (None, Some(before)) => {
            if reading.wall < before.saturating_sub(ROLLBACK_TOLERANCE_SECS) {
                return Err(RolledBack {
                    wall: reading.wall,
                    trusted: before,
                });
            }
            reading.wall.max(before)
        }
        (None, None) => reading.wall,
    };
    let now = trusted.max(floor);
    Ok(Trusted {
        now,
        record: Some(reading.anchor_at(now)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;
    const T: i64 = 1_767_225_600;

    fn reading(wall: i64, boot: &str, since_boot_secs: u64) -> Reading {
        Reading {
            wall,
            boot_id: boot.to_owned(),
            since_boot_ms: since_boot_secs * 1000,
        }
    }

    #[test]
    fn within_a_boot_only_elapsed_boot_time_counts() {
        let anchor = reading(T, "boot-a", 100).anchor_at(T);
        for wall in [T - 30 * DAY, T + 30 * DAY, T + 3600] {
            let later = reading(wall, "boot-a", 100 + 3600);
            let trusted = trusted_now(std::slice::from_ref(&anchor), &later, 0).expect("trusted");
            assert_eq!(
                trusted.now,
                T + 3600,
                "wall clock at {wall} changes nothing"
            );
            assert_eq!(trusted.record, None, "nothing to write within a boot");
        }
    }

    #[test]
    fn after_a_reboot_a_clock_turned_back_is_refused_and_ntp_corrections_are_not() {
        let anchor = reading(T, "boot-a", 100).anchor_at(T);
        let back = reading(T - 2 * 3600, "boot-b", 30);
        assert_eq!(
            trusted_now(std::slice::from_ref(&anchor), &back, 0),
            Err(RolledBack {
                wall: T - 2 * 3600,
                trusted: T
            })
        );
        // A few minutes behind: corrected clocks drift; the anchor's time counts.
        let drift = reading(T - 300, "boot-b", 30);
        let trusted = trusted_now(std::slice::from_ref(&anchor), &drift, 0).expect("accepted");
        assert_eq!(trusted.now, T);
        assert_eq!(
            trusted.record,
            Some(drift.anchor_at(T)),
            "re-anchored for this boot"
        );
        // Ahead: the wall clock counts, and is recorded.
        let ahead = reading(T + DAY, "boot-b", 30);
        let trusted = trusted_now(std::slice::from_ref(&anchor), &ahead, 0).expect("accepted");
        assert_eq!(trusted.now, T + DAY);
    }

    #[test]
    fn a_verified_answer_heals_an_anchor_a_wrong_clock_pushed_ahead() {
        // A wrong clock a day ahead became the anchor after a reboot...
        let pushed = reading(T + DAY, "boot-b", 30).anchor_at(T + DAY);
        // ...then the server's time (a lease's iat) re-anchors, backwards.
        let now = reading(T + DAY, "boot-b", 90);
        let healed = now.anchor_at(T + 60);
        let trusted = trusted_now(std::slice::from_ref(&healed), &now, 0).expect("trusted");
        assert_eq!(trusted.now, T + 60);
        assert!(pushed.trusted > healed.trusted);
    }

    #[test]
    fn of_two_anchors_the_later_counts_and_one_alone_is_enough() {
        let older = reading(T, "boot-a", 100).anchor_at(T);
        let newer = reading(T + 600, "boot-a", 700).anchor_at(T + 600);
        let now = reading(T - 30 * DAY, "boot-a", 1_000);
        let both = trusted_now(&[older.clone(), newer.clone()], &now, 0).expect("trusted");
        assert_eq!(both.now, T + 900);
        let only_new = trusted_now(std::slice::from_ref(&newer), &now, 0).expect("trusted");
        assert_eq!(only_new.now, T + 900);
        let only_old = trusted_now(std::slice::from_ref(&older), &now, 0).expect("trusted");
        assert_eq!(
            only_old.now,
            T + 900,
            "the same boot projects to the same time"
        );
        // After a reboot, with one of the two deleted, the other still refuses a clock turned back.
        let rebooted = reading(T - DAY, "boot-b", 10);
        assert!(trusted_now(std::slice::from_ref(&newer), &rebooted, 0).is_err());
    }

    #[test]
    fn trusted_time_is_never_before_the_lease_was_issued() {
        let none = trusted_now(&[], &reading(T - DAY, "boot-a", 5), T).expect("trusted");
        assert_eq!(none.now, T);
        assert_eq!(none.record.map(|a| a.trusted), Some(T));
    }
}
