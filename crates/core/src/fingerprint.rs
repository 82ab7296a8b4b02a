//! The machine fingerprint: an app-specific SHA-256 over stable machine
//! facts (the OS machine id, CPU architecture and model, OS name). Only the
//! hash goes on the wire; each component's own hash is kept locally so
//! diagnostics can say which one changed, without storing the raw ids.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

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
    /// Reads them from this machine. A fact that cannot be read is empty.
    pub fn of_this_machine() -> Self {
        use sysinfo::{CpuRefreshKind, RefreshKind, System};
        let cpu_brand =
            System::new_with_specifics(RefreshKind::nothing().with_cpu(CpuRefreshKind::nothing()))
                .ok()
                .and_then(|system| system.cpus().first().map(|c| c.brand().trim().to_owned()))
                .unwrap_or_default();
        Self {
            machine_id: machine_uid::get().unwrap_or_default().trim().to_owned(),
            cpu_arch: System::cpu_arch(),
            cpu_brand,
            os_name: System::name().unwrap_or_default(),
        }
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
    /// Reads this machine, for `app_id`.
    pub fn detect(app_id: &str) -> Self {
        Self::from_components(&Components::of_this_machine(), app_id, machine_name())
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
    fn this_machine_has_a_stable_fingerprint() {
        let a = Components::of_this_machine();
        let b = Components::of_this_machine();
        assert_eq!(a.fingerprint("keyslot"), b.fingerprint("keyslot"));
        assert!(!a.machine_id.is_empty(), "the OS machine id is readable");
    }
}
