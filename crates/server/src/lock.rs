//! One server per database. The replay cache and the rate buckets live in
//! the serving process's memory, so two servers on one database would each
//! accept the nonces the other has seen. [`ServeLock`] makes a second one
//! refuse to start: an exclusive OS lock on `DB_FILE.serve.lock`, held while
//! serving. The admin commands do not take it.
//!
//! `DB_FILE` is the database's real path, whatever path it was named by (a
//! symbolic link to it or to a directory on the way, `..`): one database,
//! one lock file. A hard link is another name and escapes the lock.
//!
//! The lock file stays on disk after a stop (removing it could let two
//! servers lock two different files); what counts is the lock, which the OS
//! releases when the holder closes it or exits, even after a crash.

use std::fs::{File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

/// Held while a server serves a database; dropping it releases the database
/// for another server.
#[derive(Debug)]
pub struct ServeLock {
    _file: File,
}

impl ServeLock {
    /// Takes the lock of the database at `db`, or says which server holds it.
    pub fn acquire(db: &Path) -> anyhow::Result<Self> {
        let path = path(db)
            .with_context(|| format!("cannot resolve the database path {}", db.display()))?;
        let file = crate::private_file::open_or_create(&path)
            .with_context(|| format!("cannot open the lock file {}", path.display()))?;
        match file.try_lock() {
            Ok(()) => Ok(Self { _file: file }),
            Err(TryLockError::WouldBlock) => Err(anyhow::anyhow!(
                "another keyslot-server is already serving {} (it holds {}); \
                 stop it first: two servers on one database would each accept \
                 the other's replayed requests",
                db.display(),
                path.display()
            )),
            Err(TryLockError::Error(e)) => {
                Err(e).with_context(|| format!("cannot lock {}", path.display()))
            }
        }
    }
}

/// The lock file of the database at `db`: `DB_FILE.serve.lock` beside its
/// real path. That is the canonical path of the file when it is a symbolic
/// link (it must lead to a file), else its name in its directory's
/// canonical path (the directory must exist; the file need not yet).
pub fn path(db: &Path) -> io::Result<PathBuf> {
    let is_link = db
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink());
    let real = if is_link {
        db.canonicalize()?
    } else {
        let name = db
            .file_name()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))?;
        let dir = match db.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        dir.canonicalize()?.join(name)
    };
    Ok(crate::db::beside(&real, ".serve.lock"))
}
