//! Sizes of what crosses an air gap by hand (issue 23's numbers): the
//! request code in characters, the QR code of the offline page's address
//! with the code in its fragment, and the license file (a lease the real
//! server's settings sign) with its own QR code, each at error correction M,
//! which a phone reads from a screen. A typical machine name, and the
//! longest a code carries. Writes `target/bench-results/offline-codes.json`:
//! `cargo bench -p keyslot-core --bench offline_codes`.

use std::path::PathBuf;

use ed25519_dalek::SigningKey;
use keyslot_protocol::lease::sign_lease;
use keyslot_protocol::offline::{
    MAX_NAME_BYTES, MAX_PLATFORM_BYTES, OfflineRequest, RequestKind, key_sha256,
};
use keyslot_protocol::{Device, LicenseState, LicenseSummary};
use keyslot_server::lease::LeaseSettings;
use qrcode::{EcLevel, QrCode, Version};
use time::OffsetDateTime;

const PAGE: &str = "https://licenses.example-vendor.com/offline";
const KEY: &str = "KS-ABCDE-FGHJK-MNPQR-STVWX";
const FPR: &str = "5f0c6e8a2b1d4f3e9a7c0b2d4e6f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d2f";
const NOW: i64 = 1_796_990_400;

/// The QR version `text` needs at error correction M.
fn qr_version(text: &str) -> i16 {
    match QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .expect("fits a QR code")
        .version()
    {
        Version::Normal(v) | Version::Micro(v) => v,
    }
}

fn request(name: &str, platform: &str) -> String {
    OfflineRequest {
        kind: RequestKind::Activate,
        issued_at: NOW,
        nonce: [0xa5; 16],
        key_sha256: key_sha256(KEY),
        fingerprint: FPR.to_owned(),
        name: name.to_owned(),
        platform: platform.to_owned(),
    }
    .encode(b"a shared secret of the vendor")
}

fn lease() -> String {
    let at = |unix| OffsetDateTime::from_unix_timestamp(unix).expect("time");
    let license = LicenseSummary {
        state: LicenseState::Active,
        max_activations: 25,
        used_activations: 12,
        expires_at: Some(at(NOW + 365 * 86_400)),
    };
    let device = Device {
        id: format!("act_{}", ulid::Ulid::generate()),
        fingerprint: FPR.to_owned(),
        name: "Ada's lab workstation".to_owned(),
        platform: "linux-x86_64".to_owned(),
        created_at: at(NOW),
        last_seen_at: at(NOW),
    };
    let claims = LeaseSettings::default().claims(NOW, KEY, &license, &device);
    sign_lease(&claims, &SigningKey::from_bytes(&[9; 32]))
}

fn results_path() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../target")));
    target.join("bench-results").join("offline-codes.json")
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        println!("offline_codes: run with `cargo bench -p keyslot-core --bench offline_codes`");
        return;
    }
    let typical = request("Ada's lab workstation", "linux-x86_64");
    let longest = request(&"n".repeat(MAX_NAME_BYTES), &"p".repeat(MAX_PLATFORM_BYTES));
    let lease = lease();
    let figures = serde_json::json!({
        "page": PAGE,
        "request_code_chars": { "typical": typical.len(), "longest": longest.len() },
        "request_qr_version_m": {
            "typical": qr_version(&format!("{PAGE}#{typical}")),
            "longest": qr_version(&format!("{PAGE}#{longest}")),
        },
        "lease_chars": lease.len(),
        "lease_qr_version_m": qr_version(&lease),
    });
    let path = results_path();
    std::fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
    std::fs::write(&path, serde_json::to_string_pretty(&figures).expect("json")).expect("write");
    println!("{}", serde_json::to_string_pretty(&figures).expect("json"));
    println!("written to {}", path.display());
}
