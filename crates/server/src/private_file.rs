//! Files only their owner may read and write (mode 0600 on unix, whatever
//! the umask): the database, the lease key and the serve lock.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// Creates a new file at `path`, readable and writable by its owner only;
/// fails with `AlreadyExists` rather than open an existing one.
pub fn create_new(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path)?;
    // The umask may have taken bits away from the mode asked for (it can
    // only take them away): set it again, explicitly.
    restrict(&file)?;
    Ok(file)
}

/// Opens `path` for reading and writing, creating it as [`create_new`] does
/// if there is none. An existing file keeps its mode.
pub fn open_or_create(path: &Path) -> io::Result<File> {
    match create_new(path) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            OpenOptions::new().read(true).write(true).open(path)
        }
        created => created,
    }
}

/// Logs a warning when the file at `path` (`what`, for the message) can be
/// read or written by other users than its owner.
#[cfg(unix)]
pub fn warn_if_open_to_others(path: &Path, what: &str) {
    use std::os::unix::fs::PermissionsExt as _;
    if let Ok(meta) = std::fs::metadata(path)
        && meta.permissions().mode() & 0o077 != 0
    {
        tracing::warn!(
            path = %path.display(),
            mode = format!("{:o}", meta.permissions().mode() & 0o777),
            "the {what} is open to other users; chmod 600 it"
        );
    }
}

/// Logs a warning when the file at `path` is open to other users (unix only).
#[cfg(not(unix))]
pub fn warn_if_open_to_others(_path: &Path, _what: &str) {}

#[cfg(unix)]
fn restrict(file: &File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    file.set_permissions(std::fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn restrict(_file: &File) -> io::Result<()> {
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt as _;

    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).expect("meta").permissions().mode() & 0o777
    }

    #[test]
    fn new_files_are_0600_and_existing_ones_are_left_as_they_are() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("f");
        create_new(&path).expect("created");
        assert_eq!(mode(&path), 0o600);
        assert_eq!(
            create_new(&path).map(drop).map_err(|e| e.kind()),
            Err(io::ErrorKind::AlreadyExists)
        );
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        open_or_create(&path).expect("opened");
        assert_eq!(mode(&path), 0o640);
        let other = dir.path().join("g");
        open_or_create(&other).expect("created");
        assert_eq!(mode(&other), 0o600);
    }
}
