//! The machine fingerprint: an app-specific SHA-256 over stable machine
//! facts (the OS machine id, CPU architecture and model, OS name). Only the
//! hash goes on the wire; each component's own hash is kept locally so
//! diagnostics can say which one changed, without storing the raw ids.
//!
//! The app id salting it is the vendor's: built into the binary
//! (`KEYSLOT_BUILTIN_APP_ID` at build time), which nothing replaces; else the
//! app's `config.json` `app_id` or the CLI's `--app-id`; else `keyslot`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::LicenseError;
use crate::state::{create_atomically, storage, write_atomically};

/// The app id of a vendor who configures none, which every activation made
/// before it was configurable has.
pub const DEFAULT_APP_ID: &str = "keyslot";

/// The app id built into this binary: `KEYSLOT_BUILTIN_APP_ID` when building it.
const BUILT_IN_APP_ID: Option<&str> = option_env!("KEYSLOT_BUILTIN_APP_ID");

/// The file in the data directory keeping this machine's id where the OS
/// has none to read.
pub const MACHINE_ID_FILE: &str = "machine-id";

/// The app id salting the fingerprint: built in, else `configured`, else
/// [`DEFAULT_APP_ID`]. An empty one configured is a mistake, not the default.
pub fn app_id(configured: Option<&str>) -> Result<&str, LicenseError> {
    choose_app_id(BUILT_IN_APP_ID, configured)
}

/// [`app_id`] with the built-in id `built_in`, so the order is testable.
fn choose_app_id<'a>(
    built_in: Option<&'static str>,
    configured: Option<&'a str>,
) -> Result<&'a str, LicenseError> {
    match built_in.or(configured) {
        Some(id) if id.trim().is_empty() => Err(LicenseError::Config("app_id is empty".to_owned())),
        Some(id) => Ok(id),
        None => Ok(DEFAULT_APP_ID),
    }
}

/// What systemd's `/etc/machine-id` holds until the first boot completes:
/// shared by every such host, so no machine id at all.
const UNINITIALIZED_MACHINE_ID: &str = "uninitialized";

/// The OS machine id `read`, or where the OS gave none (nothing, blank, or
/// systemd's `uninitialized`), the one kept in `dir`: 128 random bits in
/// hex, made on first use and kept in [`MACHINE_ID_FILE`] (mode 0600; of two
/// processes making one at once, the first one's stays). A kept file that
/// holds no such id is replaced. So hosts without a readable id never share
/// one fingerprint.
pub fn machine_id_or_kept(read: Option<String>, dir: &Path) -> Result<String, LicenseError> {
    if let Some(id) = read
        .map(|id| id.trim().to_owned())
        .filter(|id| !id.is_empty() && id != UNINITIALIZED_MACHINE_ID)
    {
        return Ok(id);
    }
    let path = dir.join(MACHINE_ID_FILE);
    let made = || hex::encode(rand::random::<[u8; 16]>());
    match kept_machine_id(&path)? {
        Kept::Id(id) => return Ok(id),
        Kept::Missing => create_atomically(&path, made().as_bytes())?,
        Kept::Invalid => write_atomically(&path, made().as_bytes())?,
    }
    match kept_machine_id(&path)? {
        Kept::Id(id) => Ok(id),
        Kept::Missing | Kept::Invalid => Err(storage("read", &path, "it holds no machine id")),
    }
}

/// What the [`MACHINE_ID_FILE`] holds.
enum Kept {
    Missing,
    /// Anything but 32 lowercase hex digits (surrounding whitespace aside).
    Invalid,
    Id(String),
}

fn kept_machine_id(path: &Path) -> Result<Kept, LicenseError> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Kept::Missing),
        Err(e) => return Err(storage("read", path, e)),
    };
    Ok(match std::str::from_utf8(&bytes).map(str::trim) {
        Ok(id) if id.len() == 32 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) => {
            Kept::Id(id.to_owned())
        }
        _ => Kept::Invalid,
    })
}

/// The raw facts a fingerprint is made of. Never sent, never stored as is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Components {
    /// The OS machine id (`/etc/machine-id`, IOPlatformUUID, MachineGuid).
    pub machine_id: String,
    /// CPU architecture, e.g. `x86_64`.
    pub cpu_arch: String,
    /// CPU model name.
    pub cpu_brand: String,
    /// OS name, e.g. `Debian GNU/Linux`.
    pub os_name: String,
}

impl Components {
    /// Reads them from this machine. The machine id is never empty (see
    /// [`machine_id_or_kept`]: `data_dir` keeps one where the OS has none);
    /// another fact that cannot be read is empty.
    pub fn of_this_machine(data_dir: &Path) -> Result<Self, LicenseError> {
        use sysinfo::{CpuRefreshKind, RefreshKind, System};
        let cpu_brand =
            System::new_with_specifics(RefreshKind::nothing().with_cpu(CpuRefreshKind::nothing()))
                .ok()
                .and_then(|system| system.cpus().first().map(|c| c.brand().trim().to_owned()))
                .unwrap_or_default();
        Ok(Self {
            machine_id: machine_id_or_kept(machine_uid::get().ok(), data_dir)?,
            cpu_arch: System::cpu_arch(),
            cpu_brand,
            os_name: System::name().unwrap_or_default(),
        })
    }

    fn named(&self) -> [(&'static str, &str); 4] {
        [
            ("machine_id", &self.machine_id),
            ("cpu_arch", &self.cpu_arch),
            ("cpu_brand", &self.cpu_brand),
            ("os_name", &self.os_name),
        ]
    }

    /// The fingerprint for `app_id`: 64 lowercase hex. Two apps on one machine
    /// get unrelated fingerprints.
    pub fn fingerprint(&self, app_id: &str) -> String {
        let mut hash = Sha256::new();
        hash.update(b"keyslot/fingerprint/v1\n");
        hash.update(app_id.as_bytes());
        for (name, value) in self.named() {
            hash.update(format!("\n{name}={value}").as_bytes());
        }
        hex::encode(hash.finalize())
    }

    /// Per-component hashes (salted with `app_id`), safe to keep on disk.
    pub fn digests(&self, app_id: &str) -> ComponentDigests {
        ComponentDigests(
            self.named()
                .into_iter()
                .map(|(name, value)| {
                    let digest =
                        Sha256::digest(format!("keyslot/component/v1\n{app_id}\n{name}={value}"));
                    (name.to_owned(), hex::encode(&digest[..8]))
                })
                .collect(),
        )
    }
}

/// Short hashes of each fingerprint component, by component name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComponentDigests(pub BTreeMap<String, String>);

impl ComponentDigests {
    /// Names of the components that differ from `earlier`.
    pub fn changed_since(&self, earlier: &ComponentDigests) -> Vec<String> {
        self.0
            .iter()
            .filter(|(name, digest)| earlier.0.get(*name) != Some(*digest))
            .map(|(name, _)| name.clone())
            .collect()
    }
}

/// This machine's platform string, e.g. `linux-x86_64`.
pub fn platform() -> String {
    format!("{}-{}", std::env::consts::OS, std::env::consts::ARCH)
}

/// A human name for this machine (its host name), for the device list.
pub fn machine_name() -> String {
    sysinfo::System::host_name()
        .ok()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "This computer".to_owned())
}

/// This machine as the service presents it to servers.
#[derive(Debug, Clone)]
pub struct ThisMachine {
    /// App-specific fingerprint (64 hex).
    pub fingerprint: String,
    /// Device name shown in device lists.
    pub name: String,
    /// Platform string, e.g. `linux-x86_64`.
    pub platform: String,
    /// Digests of the fingerprint's components, to tell later which changed.
    pub digests: ComponentDigests,
}

impl ThisMachine {
    /// Reads this machine, for `app_id` (see [`app_id`]), with its data
    /// directory `data_dir` (see [`Components::of_this_machine`]).
    pub fn detect(app_id: &str, data_dir: &Path) -> Result<Self, LicenseError> {
        Ok(Self::from_components(
            &Components::of_this_machine(data_dir)?,
            app_id,
            machine_name(),
        ))
    }

    /// A machine made of given components (tests, demos).
    pub fn from_components(components: &Components, app_id: &str, name: String) -> Self {
        Self {
            fingerprint: components.fingerprint(app_id),
            name,
            platform: platform(),
            digests: components.digests(app_id),
        }
    }

    /// This machine as the protocol's requests carry it.
    pub fn as_machine(&self) -> keyslot_protocol::Machine {
        keyslot_protocol::Machine {
            fingerprint: self.fingerprint.clone(),
            name: self.name.clone(),
            platform: self.platform.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Components {
        Components {
            machine_id: "4c4c4544004d3510804bb4c04f4d5931".to_owned(),
            cpu_arch: "x86_64".to_owned(),
            cpu_brand: "AMD EPYC".to_owned(),
            os_name: "Debian GNU/Linux".to_owned(),
        }
    }

    #[test]
    fn fingerprints_are_stable_app_specific_and_hide_the_ids() {
        let c = sample();
        let fp = c.fingerprint("keyslot");
        assert_eq!(fp, c.fingerprint("keyslot"));
        assert_eq!(fp.len(), 64);
        assert!(fp.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')));
        assert_ne!(fp, c.fingerprint("another-app"));
        assert!(!fp.contains(&c.machine_id));
    }

    #[test]
    fn diagnostics_name_the_component_that_changed() {
        let before = sample().digests("keyslot");
        let mut moved = sample();
        moved.cpu_brand = "Intel Xeon".to_owned();
        assert_eq!(
            moved.digests("keyslot").changed_since(&before),
            ["cpu_brand"]
        );
        assert!(
            sample()
                .digests("keyslot")
                .changed_since(&before)
                .is_empty()
        );
        let stored = serde_json::to_string(&before).expect("serializes");
        assert!(!stored.contains("4c4c4544"), "raw ids are never stored");
    }

    #[test]
    fn the_default_app_id_keeps_every_fingerprint_and_a_configured_one_changes_it() {
        let c = sample();
        // Pinned: activations made before the app id was configurable keep their seat.
        let pinned = "ee46a5cabe548b1151b83bf4291d8564ff72a04bd4f1acc244af88fbf84887cd";
        assert_eq!(
            c.fingerprint(choose_app_id(None, None).expect("default")),
            pinned
        );
        let configured = choose_app_id(None, Some("acme-cad")).expect("configured");
        assert_eq!(configured, "acme-cad");
        assert_ne!(c.fingerprint(configured), pinned);
        assert_eq!(
            choose_app_id(Some("built-in"), Some("acme-cad")).expect("built in"),
            "built-in",
            "a built-in app id wins over the configured one"
        );
        assert!(matches!(
            choose_app_id(None, Some(" ")),
            Err(LicenseError::Config(_))
        ));
        if BUILT_IN_APP_ID.is_none() {
            assert_eq!(app_id(None).expect("default"), DEFAULT_APP_ID);
        }
    }

    #[test]
    fn without_an_os_machine_id_one_is_made_once_per_data_directory_and_kept() {
        let (one, two) = (
            tempfile::tempdir().expect("dir"),
            tempfile::tempdir().expect("dir"),
        );
        let nested = one.path().join("app.keyslot.desktop");
        let first = machine_id_or_kept(None, &nested).expect("made");
        assert_eq!(first.len(), 32, "128 random bits in hex: {first}");
        assert_eq!(
            machine_id_or_kept(Some(" \n".to_owned()), &nested).expect("kept"),
            first,
            "an empty OS id counts as none; the kept one is read back"
        );
        let other = machine_id_or_kept(None, two.path()).expect("made");
        assert!(!other.is_empty());
        assert_ne!(other, first, "two hosts without an OS id never share one");

        let file = nested.join(MACHINE_ID_FILE);
        assert_eq!(std::fs::read_to_string(&file).expect("kept"), first);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "only its owner reads it");
        }
        // A readable OS id is used as it is, and nothing is written for it.
        let three = tempfile::tempdir().expect("dir");
        assert_eq!(
            machine_id_or_kept(Some("4c4c4544\n".to_owned()), three.path()).expect("os"),
            "4c4c4544"
        );
        assert!(!three.path().join(MACHINE_ID_FILE).exists());
    }

    #[test]
    fn a_kept_file_holding_no_machine_id_is_replaced_by_a_new_one() {
        let invalid: [&[u8]; 5] = [
            b"",
            b" \n\t",
            b"not-a-machine-id",
            b"4C4C4544004D3510804BB4C04F4D593\xff",
            b"4c4c4544004d3510804bb4c04f4d5931aa",
        ];
        for bytes in invalid {
            let dir = tempfile::tempdir().expect("dir");
            let file = dir.path().join(MACHINE_ID_FILE);
            std::fs::write(&file, bytes).expect("invalid file");
            let id = machine_id_or_kept(None, dir.path()).expect("replaced");
            assert_eq!(id.len(), 32, "{bytes:?} gave {id}");
            assert!(id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')));
            assert_eq!(std::fs::read_to_string(&file).expect("kept"), id);
            assert_eq!(
                machine_id_or_kept(None, dir.path()).expect("kept"),
                id,
                "the new one is kept"
            );
        }
        // A valid kept id, surrounding whitespace aside, stays as it is.
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join(MACHINE_ID_FILE);
        std::fs::write(&file, "4c4c4544004d3510804bb4c04f4d5931\n").expect("valid file");
        assert_eq!(
            machine_id_or_kept(None, dir.path()).expect("kept"),
            "4c4c4544004d3510804bb4c04f4d5931"
        );
    }

    #[test]
    fn systemds_uninitialized_placeholder_is_no_machine_id() {
        let (one, two) = (
            tempfile::tempdir().expect("dir"),
            tempfile::tempdir().expect("dir"),
        );
        let placeholder = || Some("uninitialized\n".to_owned());
        let first = machine_id_or_kept(placeholder(), one.path()).expect("kept");
        let second = machine_id_or_kept(placeholder(), two.path()).expect("kept");
        assert_ne!(first, "uninitialized");
        assert_ne!(first, second, "two such hosts never share one id");
        assert_eq!(
            std::fs::read_to_string(one.path().join(MACHINE_ID_FILE)).expect("kept"),
            first
        );
        assert_eq!(
            machine_id_or_kept(Some(String::new()), one.path()).expect("kept"),
            first,
            "an empty one is none either"
        );
    }

    #[test]
    fn this_machine_has_a_stable_fingerprint() {
        let dir = tempfile::tempdir().expect("dir");
        let a = Components::of_this_machine(dir.path()).expect("reads");
        let b = Components::of_this_machine(dir.path()).expect("reads");
        assert_eq!(a.fingerprint("keyslot"), b.fingerprint("keyslot"));
        assert!(!a.machine_id.is_empty(), "a machine id, read or kept");
    }
}
