//! Where a lease is kept: `lease.jwt` beside `state.json` (not a secret:
//! anyone may read it, nobody can forge it), and `lease-anchor.json`, the
//! last anchor of trusted time. Both written atomically.

use std::path::{Path, PathBuf};

use keyslot_protocol::lease::JwkSet;

use super::pins::{FETCHED_FILE, parse_jwk_set};
use super::trusted_time::Anchor;
use crate::error::LicenseError;
use crate::state::{storage, write_atomically};

/// The largest lease file read; a larger one is not a lease.
const MAX_LEASE: u64 = 64 * 1024;

/// The lease and anchor files of one data directory.
#[derive(Debug, Clone)]
pub struct LeaseStore {
    dir: PathBuf,
}

impl LeaseStore {
    /// The files in `dir` (the state file's directory).
    pub fn in_dir(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The lease file.
    pub fn lease_path(&self) -> PathBuf {
        self.dir.join("lease.jwt")
    }

    fn anchor_path(&self) -> PathBuf {
        self.dir.join("lease-anchor.json")
    }

    /// The stored lease (compact JWS), if any. A file too large to be a
    /// lease is returned cut, so the check calls it malformed.
    pub fn lease(&self) -> Result<Option<String>, LicenseError> {
        let path = self.lease_path();
        match std::fs::File::open(&path) {
            Ok(file) => {
                use std::io::Read;
                let mut text = String::new();
                file.take(MAX_LEASE)
                    .read_to_string(&mut text)
                    .map_err(|e| storage("read", &path, e))?;
                Ok(Some(text))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(storage("read", &path, e)),
        }
    }

    /// Keeps `lease`, replacing the one stored.
    pub fn keep(&self, lease: &str) -> Result<(), LicenseError> {
        write_atomically(&self.lease_path(), format!("{lease}\n").as_bytes())
    }

    /// Deletes the lease (a missing file is no error). Its anchor of
    /// trusted time stays: trusted time must never go back, and an old
    /// lease brought back after a forget would otherwise hold again.
    pub fn delete(&self) -> Result<(), LicenseError> {
        remove(&self.lease_path())
    }

    /// The anchor kept beside the lease; an unreadable one is none.
    pub fn anchor(&self) -> Option<Anchor> {
        let bytes = std::fs::read(self.anchor_path()).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Keeps `anchor`.
    pub fn keep_anchor(&self, anchor: &Anchor) -> Result<(), LicenseError> {
        let path = self.anchor_path();
        let json = serde_json::to_vec(anchor).map_err(|e| storage("encode", &path, e))?;
        write_atomically(&path, &json)
    }
}

impl LeaseStore {
    /// The server's lease keys kept from a fetch (development only: where
    /// nothing is pinned), if any.
    pub fn fetched_keys(&self) -> Option<JwkSet> {
        let path = self.dir.join(FETCHED_FILE);
        let text = std::fs::read_to_string(&path).ok()?;
        parse_jwk_set(&text, &path.display().to_string()).ok()
    }

    /// How long ago the fetched keys were kept, if they are.
    pub fn fetched_keys_age(&self, now: std::time::SystemTime) -> Option<std::time::Duration> {
        let kept = std::fs::metadata(self.dir.join(FETCHED_FILE))
            .and_then(|m| m.modified())
            .ok()?;
        Some(now.duration_since(kept).unwrap_or_default())
    }

    /// Keeps the server's lease keys, fetched where nothing is pinned.
    pub fn keep_fetched_keys(&self, keys: &JwkSet) -> Result<(), LicenseError> {
        let path = self.dir.join(FETCHED_FILE);
        let json = serde_json::to_vec(keys).map_err(|e| storage("encode", &path, e))?;
        write_atomically(&path, &json)
    }
}

fn remove(path: &Path) -> Result<(), LicenseError> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(storage("delete", path, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_reads_and_deletes_the_lease_keeping_its_anchor() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = LeaseStore::in_dir(dir.path().join("data"));
        assert_eq!(store.lease().expect("readable"), None);
        assert_eq!(store.anchor(), None);
        store.keep("a.b.c").expect("kept");
        let anchor = Anchor {
            trusted: 1,
            boot_id: "boot".to_owned(),
            since_boot_ms: 2,
        };
        store.keep_anchor(&anchor).expect("kept");
        assert_eq!(store.lease().expect("readable").as_deref(), Some("a.b.c\n"));
        assert_eq!(store.anchor(), Some(anchor.clone()));
        store.delete().expect("deleted");
        assert_eq!(store.lease().expect("readable"), None);
        assert_eq!(store.anchor(), Some(anchor), "trusted time stays");
        store.delete().expect("deleting nothing is fine");
    }

    #[test]
    fn a_file_too_large_is_read_cut() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = LeaseStore::in_dir(dir.path());
        std::fs::write(store.lease_path(), vec![b'a'; 1 << 20]).expect("written");
        let read = store.lease().expect("readable").expect("some");
        assert_eq!(read.len() as u64, MAX_LEASE);
    }
}
