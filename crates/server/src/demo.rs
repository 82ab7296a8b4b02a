//! Demo data: the licenses the app's demo mode shows as "Try a demo key",
//! each in a state that shows one part of the product at once.

use keyslot_protocol::{ActivateRequest, Machine};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::Db;
use crate::admin::AdminState;
use crate::store::{self, AdminError};

/// One demo license.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DemoKey {
    /// The key (demo keys are not secret).
    pub key: String,
    /// What it demonstrates, for the "Try a demo key" list.
    pub label: &'static str,
}

/// The demo licenses, in the order the app lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DemoKeys {
    /// 3 seats, 2 held by other devices, 1 free.
    pub free: DemoKey,
    /// 3 seats, all held by other devices: activation offers "Free a slot".
    pub full: DemoKey,
    /// Suspended.
    pub suspended: DemoKey,
    /// Revoked.
    pub revoked: DemoKey,
    /// Past its expiry date.
    pub expired: DemoKey,
}

impl DemoKeys {
    /// All five, in display order.
    pub fn all(&self) -> [&DemoKey; 5] {
        [
            &self.free,
            &self.full,
            &self.suspended,
            &self.revoked,
            &self.expired,
        ]
    }
}

const OTHER_DEVICES: [(&str, &str); 3] = [
    ("Ada's desktop", "windows-x86_64"),
    ("Old work laptop", "macos-aarch64"),
    ("Living-room PC", "linux-x86_64"),
];

fn demo_fingerprint(seed: &str) -> String {
    hex::encode(Sha256::digest(format!("keyslot-demo-device\n{seed}")))
}

/// Creates the demo licenses in `db` at time `now`, with their other devices.
/// Their keys are the same in every demo database (each app's own), so the
/// README can offer them as `keyslot://activate?key=…` links.
pub async fn seed(db: &Db, now: i64) -> Result<DemoKeys, AdminError> {
    let create = |key: &str, label: &'static str, expires_at: Option<i64>| {
        let key = key.to_owned();
        async move {
            let key = store::create_license(db, key, 3, expires_at, now).await?;
            Ok::<_, AdminError>(DemoKey { key, label })
        }
    };
    let free = create("KS-DEMO-FREE-SEAT", "3 seats, 1 free", None).await?;
    let full = create("KS-DEMO-ALL-IN-USE", "3 seats, all in use", None).await?;
    let suspended = create("KS-DEMO-SUSPENDED", "Suspended", None).await?;
    let revoked = create("KS-DEMO-REVOKED", "Revoked", None).await?;
    let expired = create("KS-DEMO-EXPIRED", "Expired", Some(now - 86_400)).await?;

    for (license, devices) in [(&free, 2), (&full, 3)] {
        for (name, platform) in &OTHER_DEVICES[..devices] {
            let request = ActivateRequest {
                license_key: license.key.clone(),
                machine: Machine {
                    fingerprint: demo_fingerprint(&format!("{}/{name}", license.label)),
                    name: (*name).to_owned(),
                    platform: (*platform).to_owned(),
                },
            };
            store::activate(db, now - 3 * 86_400, &request)
                .await
                .map_err(|e| AdminError::Demo(e.message))?;
        }
    }
    store::set_state(db, &suspended.key, AdminState::Suspended, now).await?;
    store::set_state(db, &revoked.key, AdminState::Revoked, now).await?;
    Ok(DemoKeys {
        free,
        full,
        suspended,
        revoked,
        expired,
    })
}
