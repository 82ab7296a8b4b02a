//! `/status`'s read on SQLite, kept in memory while the database is
//! unchanged. On SQLite every query is two hand-offs between threads (to
//! sqlx's worker thread and back), which is where a signed `/status` spent
//! most of its time (docs/benchmarks.md). A polling client asks the same
//! question again and again; the answer only changes when the database
//! does.
//!
//! How a kept answer knows the database is unchanged: in WAL mode every
//! commit, by any connection of any process, rewrites the *wal-index
//! header* at the start of `DB_FILE-shm` (its change counter, last frame
//! and checksum; <https://www.sqlite.org/walformat.html>) before the commit
//! returns. An answer is kept with the header as it was before its read,
//! and used only while the header is the same, which costs one `pread` of
//! 96 bytes, not a query. So an answer is never older than the last
//! commit: a seat freed, or a license revoked by an admin command, is seen
//! from the next call on, as without the cache (tested).
//!
//! Nothing is kept without a `-shm` file to read (another journal mode),
//! nor while the header's two copies differ (a commit under way). The
//! server's pools never close their connections, so the `-shm` file it
//! opened stays the database's. At most [`MAX_ENTRIES`] answers are kept;
//! when full, all are dropped.

use std::collections::HashMap;
use std::fs::File;
use std::hash::{BuildHasher as _, RandomState};
use std::os::unix::fs::FileExt as _;
use std::path::Path;
use std::sync::Mutex;

use crate::store::LicenseAndSeat;

/// Answers kept at most (a few hundred bytes each).
const MAX_ENTRIES: usize = 16_384;

/// The wal-index header's size; the file starts with two copies of it.
const HEADER: usize = 48;

/// The database's state as the wal-index header says it.
type State = [u8; HEADER];

/// A kept answer.
#[derive(Debug)]
struct Entry {
    key: String,
    fingerprint: String,
    /// The state it was read in.
    state: State,
    /// `None`: no such license.
    row: Option<LicenseAndSeat>,
}

/// The kept answers, by a keyed hash of the license key and fingerprint
/// (checked against the entry's own: a collision is a miss).
#[derive(Debug)]
pub(crate) struct ReadCache {
    /// `DB_FILE-shm`, if it could be opened.
    shm: Option<File>,
    hasher: RandomState,
    entries: Mutex<HashMap<u64, Entry>>,
}

impl ReadCache {
    /// The cache of the SQLite database at `db`, open in WAL mode (its
    /// `-shm` file exists); one that keeps nothing if it cannot be read.
    pub(crate) fn of(db: &Path) -> Self {
        let shm = File::open(crate::db::beside(db, "-shm"));
        if let Err(error) = &shm {
            tracing::warn!(%error, "cannot read the database's -shm file; /status reads the database every time");
        }
        Self {
            shm: shm.ok(),
            hasher: RandomState::new(),
            entries: Mutex::default(),
        }
    }

    /// The database's state now; `None` when it cannot be told (no `-shm`
    /// file, a read that failed, or a commit under way).
    pub(crate) fn state(&self) -> Option<State> {
        let mut both = [0u8; 2 * HEADER];
        self.shm.as_ref()?.read_exact_at(&mut both, 0).ok()?;
        let (first, second) = both.split_at(HEADER);
        (first == second).then(|| first.try_into().ok()).flatten()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Entry>> {
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn slot(&self, key: &str, fingerprint: &str) -> u64 {
        self.hasher.hash_one((key, fingerprint))
    }

    /// The answer kept for `key` and `fingerprint`, if the database is as
    /// it was when it was read.
    pub(crate) fn get(&self, key: &str, fingerprint: &str) -> Option<Option<LicenseAndSeat>> {
        let now = self.state()?;
        let entries = self.lock();
        let entry = entries.get(&self.slot(key, fingerprint))?;
        (entry.state == now && entry.key == key && entry.fingerprint == fingerprint)
            .then(|| entry.row.clone())
    }

    /// Keeps `row`, read in `state` (taken before the read).
    pub(crate) fn put(
        &self,
        key: &str,
        fingerprint: &str,
        state: State,
        row: Option<LicenseAndSeat>,
    ) {
        let entry = Entry {
            key: key.to_owned(),
            fingerprint: fingerprint.to_owned(),
            state,
            row,
        };
        let mut entries = self.lock();
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(self.slot(key, fingerprint), entry);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64) -> Option<LicenseAndSeat> {
        Some(LicenseAndSeat::for_tests(id))
    }

    fn id(kept: Option<Option<LicenseAndSeat>>) -> Option<i64> {
        kept.flatten().map(|r| r.license.id)
    }

    /// A cache over a `-shm` file of two header copies that `write` sets.
    fn cache(dir: &Path) -> (ReadCache, impl Fn(u8, u8)) {
        let db = dir.join("l.db");
        let shm = crate::db::beside(&db, "-shm");
        let write = move |first: u8, second: u8| {
            let mut bytes = vec![first; HEADER];
            bytes.extend(vec![second; HEADER]);
            std::fs::write(&shm, bytes).expect("written");
        };
        write(1, 1);
        (ReadCache::of(&db), write)
    }

    #[test]
    fn an_answer_is_kept_while_the_header_is_the_same() {
        let dir = tempfile::tempdir().expect("dir");
        let (cache, write) = cache(dir.path());
        let state = cache.state().expect("a state");
        cache.put("KEY-1", "fp", state, row(1));
        assert_eq!(id(cache.get("KEY-1", "fp")), Some(1));
        assert!(cache.get("KEY-1", "other").is_none());
        assert!(cache.get("KEY-2", "fp").is_none());
        write(2, 2);
        assert!(cache.get("KEY-1", "fp").is_none(), "a commit since");
        write(1, 2);
        assert!(cache.state().is_none(), "a commit under way");
        assert!(cache.get("KEY-1", "fp").is_none());
    }

    #[test]
    fn without_a_shm_file_nothing_is_kept() {
        let dir = tempfile::tempdir().expect("dir");
        let cache = ReadCache::of(&dir.path().join("none.db"));
        assert!(cache.state().is_none());
        assert!(cache.get("KEY-1", "fp").is_none());
    }

    #[test]
    fn a_full_cache_starts_again() {
        let dir = tempfile::tempdir().expect("dir");
        let (cache, _) = cache(dir.path());
        let state = cache.state().expect("a state");
        for n in 0..MAX_ENTRIES {
            cache.put(&format!("KEY-{n}"), "fp", state, None);
        }
        assert_eq!(cache.lock().len(), MAX_ENTRIES);
        cache.put("KEY-last", "fp", state, row(7));
        assert_eq!(cache.lock().len(), 1);
        assert_eq!(id(cache.get("KEY-last", "fp")), Some(7));
    }
}
