//! One server per database, unless they share a store. Without
//! `--shared-store` the replay cache and the rate buckets live in the
//! serving process's memory, so two servers on one database would each
//! accept the nonces the other has seen. [`ServeLock`] makes such a second
//! one refuse to start, held while serving: on SQLite an OS lock on
//! `DB_FILE.serve.lock`, on PostgreSQL a session advisory lock (released
//! when its connection ends, a crash included). A server with its own
//! replay cache takes it exclusively; servers sharing a store take it
//! shared, so any number of them serve together, and never beside one
//! with a cache of its own. The admin commands do not take it.
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
use sqlx::{PgConnection, PgPool};

/// The advisory lock's key on PostgreSQL: "keyslot" in ASCII.
const PG_LOCK_KEY: i64 = 0x006b_6579_736c_6f74;

/// Held while a server serves a database; dropping it releases the database
/// for another server.
#[derive(Debug)]
pub enum ServeLock {
    /// The lock file's handle.
    File {
        /// Held, not read.
        _file: File,
    },
    /// The connection whose session holds the advisory lock.
    Postgres {
        /// The session: the lock lasts as long as it does.
        session: PgConnection,
        /// Whether it is the shared lock.
        shared: bool,
    },
}

/// Why the lock was refused: a server that must be alone, or one that is.
fn refused(shared: bool, database: &str) -> anyhow::Error {
    if shared {
        anyhow::anyhow!(
            "a keyslot-server without --shared-store is serving {database}; stop it \
             first: its replay cache is its own, so it would accept the replayed \
             requests of servers sharing a store, and they its own"
        )
    } else {
        anyhow::anyhow!(
            "another keyslot-server is already serving {database}; stop it first, or \
             give every server --shared-store: two servers with replay caches of \
             their own would each accept the other's replayed requests"
        )
    }
}

impl ServeLock {
    /// Takes the advisory lock of the PostgreSQL database of `pool` on a
    /// connection of its own, `shared` or exclusively, or says why not.
    pub async fn acquire_postgres(pool: &PgPool, shared: bool) -> anyhow::Result<Self> {
        let mut conn = pool.acquire().await?.detach();
        let sql = if shared {
            "SELECT pg_try_advisory_lock_shared($1)"
        } else {
            "SELECT pg_try_advisory_lock($1)"
        };
        let locked: bool = sqlx::query_scalar(sql)
            .bind(PG_LOCK_KEY)
            .fetch_one(&mut conn)
            .await?;
        if !locked {
            return Err(refused(shared, "this database"));
        }
        Ok(Self::Postgres {
            session: conn,
            shared,
        })
    }

    /// Checks that the lock still holds. On PostgreSQL it ends with its
    /// session (the database restarted, the connection dropped); then it is
    /// taken again on a new connection from `pool`, unless another server
    /// took it meanwhile, which is the error.
    pub async fn keep(&mut self, pool: &PgPool) -> anyhow::Result<()> {
        let Self::Postgres { session, shared } = self else {
            return Ok(());
        };
        if sqlx::query("SELECT 1").execute(&mut *session).await.is_ok() {
            return Ok(());
        }
        *self = Self::acquire_postgres(pool, *shared).await?;
        tracing::info!("took the database's serve lock again on a new connection");
        Ok(())
    }

    /// Takes the lock of the database at `db`, `shared` or exclusively, or
    /// says why not.
    pub fn acquire(db: &Path, shared: bool) -> anyhow::Result<Self> {
        let path = path(db)
            .with_context(|| format!("cannot resolve the database path {}", db.display()))?;
        let file = crate::private_file::open_or_create(&path)
            .with_context(|| format!("cannot open the lock file {}", path.display()))?;
        let locked = if shared {
            file.try_lock_shared()
        } else {
            file.try_lock()
        };
        match locked {
            Ok(()) => Ok(Self::File { _file: file }),
            Err(TryLockError::WouldBlock) => {
                let held = format!("{} (it holds {})", db.display(), path.display());
                Err(refused(shared, &held))
            }
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
