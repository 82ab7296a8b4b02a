//! What Keyslot remembers on disk besides secrets: which activation this
//! machine holds, a hint of the key (its last four characters), the last
//! license summary and the fingerprint component digests. Written atomically
//! (temp file, fsync, rename), so a failed write never corrupts the old state.

use std::io::Write;
use std::path::{Path, PathBuf};

use keyslot_protocol::LicenseSummary;
use serde::{Deserialize, Serialize};

use crate::error::LicenseError;
use crate::fingerprint::ComponentDigests;

/// The name of the app's data directory (its Tauri identifier), which the
/// CLI uses too: what one stores (the state, the lease), the other reads.
pub const APP_DATA_DIR: &str = "app.keyslot.desktop";

/// This machine's activation, as last confirmed by the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivationRecord {
    /// The seat's activation id.
    pub activation_id: String,
    /// `…ABCD`: the key's last four characters.
    pub key_hint: String,
    /// Unix seconds of the activation.
    pub activated_at: i64,
    /// The license as last seen.
    pub license: Option<LicenseSummary>,
    /// The `key_hash` a lease of this activation must carry (salted by the
    /// activation id, so it reveals nothing of the key): `keyslot check`
    /// needs no secret to tell a lease of another key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_hash: Option<String>,
    /// Whether the seat was confirmed by a license file carried from the
    /// vendor's offline page (not yet by the server itself).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub offline: bool,
}

/// The state file's contents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalState {
    /// The activation, if any.
    pub activation: Option<ActivationRecord>,
    /// Fingerprint component digests when the machine was activated.
    pub components: Option<ComponentDigests>,
}

/// The state file, `state.json` in the data directory.
#[derive(Debug, Clone)]
pub struct StateFile {
    path: PathBuf,
}

pub(crate) fn storage(action: &str, path: &Path, error: impl std::fmt::Display) -> LicenseError {
    LicenseError::Storage(format!("cannot {action} {}: {error}", path.display()))
}

impl StateFile {
    /// The state file in `dir` (created on first save).
    pub fn in_dir(dir: impl Into<PathBuf>) -> Self {
        Self {
            path: dir.into().join("state.json"),
        }
    }

    /// Where it lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the state; a missing file is the empty state.
    pub fn load(&self) -> Result<LocalState, LicenseError> {
        match std::fs::read(&self.path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| storage("read", &self.path, e)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(LocalState::default()),
            Err(e) => Err(storage("read", &self.path, e)),
        }
    }

    /// Replaces the state atomically (see [`write_atomically`]).
    pub fn save(&self, state: &LocalState) -> Result<(), LicenseError> {
        let json =
            serde_json::to_vec_pretty(state).map_err(|e| storage("encode", &self.path, e))?;
        write_atomically(&self.path, &json)
    }
}

/// Replaces the file at `path` with `bytes` atomically: a uniquely named temp
/// file in the same directory, fsynced, renamed over the old file, then the
/// directory fsynced. Concurrent writers (the app and the CLI) never share a
/// temp file, and a failed write leaves the old file as it was. The file is
/// the temp file's, so readable by its owner only (mode 0600 on Unix).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), LicenseError> {
    staged(path, bytes)?
        .persist(path)
        .map_err(|e| storage("write", path, e.error))?;
    sync_dir(path);
    Ok(())
}

/// Like [`write_atomically`], but only where no file is at `path` yet: of
/// concurrent writers the first wins, and the others leave its file as it is.
pub(crate) fn create_atomically(path: &Path, bytes: &[u8]) -> Result<(), LicenseError> {
    match staged(path, bytes)?.persist_noclobber(path) {
        Ok(_) => sync_dir(path),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(storage("write", path, e.error)),
    }
    Ok(())
}

/// `bytes` in a fsynced temp file beside `path`, its directory created.
fn staged(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, LicenseError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| storage("create", dir, e))?;
    let mut temp = tempfile::Builder::new()
        .prefix(".keyslot-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| storage("write", path, e))?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| storage("write", path, e))?;
    Ok(temp)
}

/// Makes a rename in `path`'s directory durable (best effort).
fn sync_dir(path: &Path) {
    if let Ok(dir) = std::fs::File::open(path.parent().unwrap_or(Path::new("."))) {
        let _ = dir.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_starts_empty() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = StateFile::in_dir(dir.path().join("nested"));
        assert_eq!(file.load().expect("empty"), LocalState::default());
        let state = LocalState {
            activation: Some(ActivationRecord {
                activation_id: "act_1".to_owned(),
                key_hint: "…WXYZ".to_owned(),
                activated_at: 1,
                license: None,
                key_hash: None,
                offline: true,
            }),
            components: None,
        };
        file.save(&state).expect("saves");
        assert_eq!(file.load().expect("loads"), state);
    }

    #[test]
    fn a_failed_write_reports_and_leaves_what_was_there() {
        let dir = tempfile::tempdir().expect("tempdir");
        // A non-empty directory where the state file should be: the rename fails.
        let blocked = StateFile::in_dir(dir.path());
        std::fs::create_dir_all(blocked.path()).expect("blocker");
        std::fs::write(blocked.path().join("keep"), b"x").expect("non-empty");
        let new = LocalState {
            components: Some(ComponentDigests::default()),
            ..LocalState::default()
        };
        assert!(matches!(blocked.save(&new), Err(LicenseError::Storage(_))));
        assert_eq!(
            std::fs::read(blocked.path().join("keep")).expect("kept"),
            b"x"
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "a failed save leaves no temp file");
    }
}
