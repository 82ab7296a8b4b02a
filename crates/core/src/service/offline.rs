//! A license without a network on this machine (docs/leases.md, "Without a
//! network"): a request code this machine makes, carried to the vendor's
//! offline page (by a phone's camera, or as text), and the license file the
//! page answers, imported here and checked exactly like a lease that came
//! online. The same for renewing, and a code that frees the seat.

use keyslot_protocol::lease::{key_hash, verify_lease};
use keyslot_protocol::offline::{OfflineRequest, REQUEST_VALIDITY_SECS, RequestKind, key_sha256};
use std::io::Read;
use std::path::Path;

use qrcode::{EcLevel, QrCode};

use super::LicenseService;
use super::views::{LicenseView, OfflineRequestView, rfc3339_of_unix};
use crate::error::LicenseError;
use crate::key::LicenseKey;
use crate::lease::{self, Expected, Verdict};
use crate::secrets::SecretName;

/// Longest license file read, in bytes: a lease is under 1 KiB.
pub const MAX_LEASE_FILE_BYTES: usize = 16 * 1024;

/// Whether `code` is a whole request code (what the app saves to a file).
pub fn is_request_code(code: &str) -> bool {
    OfflineRequest::is_well_formed(code)
}

/// A license file's text from `source` (stdin, a file), read no further
/// than [`MAX_LEASE_FILE_BYTES`]. One that can't be read (logged, with
/// `whence`), is larger, or is not UTF-8 is no license file: to the user,
/// the file they chose isn't one.
pub fn read_license_file(source: impl Read, whence: &str) -> Result<String, LicenseError> {
    let malformed = LicenseError::LeaseFile(Verdict::Malformed);
    let mut bytes = Vec::new();
    if let Err(error) = source
        .take(MAX_LEASE_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
    {
        tracing::warn!(%error, "cannot read the license file {whence}");
        return Err(malformed);
    }
    if bytes.len() > MAX_LEASE_FILE_BYTES {
        return Err(malformed);
    }
    String::from_utf8(bytes).map_err(|_| malformed)
}

/// The license file at `path` (see [`read_license_file`]).
pub fn open_license_file(path: &Path) -> Result<String, LicenseError> {
    let whence = path.display().to_string();
    match std::fs::File::open(path) {
        Ok(file) => read_license_file(file, &whence),
        Err(error) => {
            tracing::warn!(%error, "cannot open the license file {whence}");
            Err(LicenseError::LeaseFile(Verdict::Malformed))
        }
    }
}

/// `text` as a QR code, an `<svg>` element (no XML declaration: it goes
/// inside a page), at error correction M (a phone reads it from a screen);
/// `None` when it does not fit one QR code.
pub fn qr_svg(text: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let document = code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    document
        .find("<svg")
        .map(|start| document[start..].to_owned())
}

/// `text` as a QR code of Unicode half blocks for a terminal, drawn light
/// on dark (a terminal's usual colours; phones read either way); `None`
/// when it does not fit one QR code.
pub fn qr_terminal(text: &str) -> Option<String> {
    use qrcode::render::unicode::Dense1x2;
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    Some(
        code.render::<Dense1x2>()
            .dark_color(Dense1x2::Light)
            .light_color(Dense1x2::Dark)
            .quiet_zone(true)
            .build(),
    )
}

impl LicenseService {
    /// A request to activate this machine with `key`, without a network.
    /// The key waits in the keychain beside any working one until a
    /// license file for it is imported.
    pub async fn offline_request(
        &self,
        key: &LicenseKey,
    ) -> Result<OfflineRequestView, LicenseError> {
        let view = self.request(RequestKind::Activate, key)?;
        let pending = key.as_secret().clone();
        self.keychain(move |s| s.set(SecretName::PendingLicenseKey, &pending))
            .await?;
        tracing::info!(key = %key.masked(), "offline activation requested");
        Ok(view)
    }

    /// A request to renew the stored license's lease, without a network.
    pub async fn renewal_request(&self) -> Result<OfflineRequestView, LicenseError> {
        let key = self.required_key().await?;
        self.request(RequestKind::Renew, &key)
    }

    /// Removes the license from this machine and returns the code that
    /// frees its seat at the offline page. The seat stays held until the
    /// code reaches the page, and a copy of the lease holds until it ends.
    pub async fn forget_offline(&self) -> Result<OfflineRequestView, LicenseError> {
        let key = self.required_key().await?;
        let view = self.request(RequestKind::Deactivate, &key)?;
        self.wipe().await?;
        tracing::info!(key = %key.masked(), "license removed; deactivation code made");
        Ok(view)
    }

    /// The code of a `kind` request for `key` from this machine, now.
    fn request(
        &self,
        kind: RequestKind,
        key: &LicenseKey,
    ) -> Result<OfflineRequestView, LicenseError> {
        let now = self.clock.now();
        let request = OfflineRequest {
            kind,
            issued_at: now,
            nonce: rand::random(),
            key_sha256: key_sha256(key.expose()),
            fingerprint: self.machine.fingerprint.clone(),
            name: self.machine.name.clone(),
            platform: self.machine.platform.clone(),
        };
        let (code, page) = self.client.offline_code(&request)?;
        let page_url = format!("{page}#{code}");
        let qr_svg = qr_svg(&page_url).ok_or_else(|| {
            LicenseError::Config("the server's address is too long for a QR code".to_owned())
        })?;
        Ok(OfflineRequestView {
            kind: kind.as_str().to_owned(),
            code,
            page_url,
            page,
            qr_svg,
            answered_until: rfc3339_of_unix(now.saturating_add(REQUEST_VALIDITY_SECS)),
        })
    }

    /// Imports a license file from the offline page: verified with the
    /// pinned keys (built in or configured: nothing can be fetched offline,
    /// and a set kept in the data directory is the user's to replace), for this machine, for
    /// the key of the waiting request (or the stored key, for a renewal),
    /// and holding at trusted time. Only then is it kept, with the waiting
    /// key in the place of any stored one. A file that fails changes nothing.
    pub async fn import_lease(&self, text: &str) -> Result<LicenseView, LicenseError> {
        let lease = text.trim();
        if lease.len() > MAX_LEASE_FILE_BYTES {
            return Err(LicenseError::LeaseFile(Verdict::Malformed));
        }
        let keys = self.pinned_keys()?.ok_or(LicenseError::NoLeaseKeys)?;
        let claims = verify_lease(lease, &keys)
            .map_err(|rejection| LicenseError::LeaseFile(rejection.into()))?;
        let pending = self
            .keychain(|s| s.get(SecretName::PendingLicenseKey))
            .await?
            .map(|k| LicenseKey::parse(k.expose()))
            .transpose()?;
        let candidates = [pending.clone(), self.stored_key().await?];
        let key = candidates
            .into_iter()
            .flatten()
            .find(|k| key_hash(&claims.sub, k.expose()) == claims.key_hash);
        let expected_hash = key.as_ref().map(|k| key_hash(&claims.sub, k.expose()));
        let reading = lease::read_this_machine(self.clock.now());
        let mut anchors = self.keychain_anchor().await;
        anchors.extend(self.leases.store.anchor());
        let (found, _) = lease::check::check(
            Some(lease),
            &keys,
            Expected {
                fingerprint: &self.machine.fingerprint,
                key_hash: expected_hash.as_deref(),
            },
            &anchors,
            &reading,
        );
        if !found.stage.works() {
            return Err(LicenseError::LeaseFile(found.stage));
        }
        let key = key.ok_or(LicenseError::LeaseFile(Verdict::OtherKey))?;
        // The keychain first: if it fails, nothing has changed. A renewal of
        // the stored key leaves a request for another key waiting.
        let was_pending = pending.is_some_and(|p| p.expose() == key.expose());
        let stored = key.as_secret().clone();
        self.keychain(move |s| {
            s.set(SecretName::LicenseKey, &stored)?;
            if was_pending {
                s.delete(SecretName::PendingLicenseKey)?;
            }
            Ok(())
        })
        .await?;
        // Trusted time never goes back: an old file imported again must not
        // turn it back to that file's `iat` (it would hold forever).
        let anchor_at = found
            .trusted_now
            .map_or(claims.iat, |now| now.max(claims.iat));
        self.keep_lease(lease, anchor_at).await;
        self.remember(&key, &claims.sub, &claims.license, true);
        tracing::info!(key = %key.masked(), activation = %claims.sub, "license file imported");
        self.lease_view(&key, &found)
            .ok_or(LicenseError::LeaseFile(Verdict::Malformed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_read_whole_up_to_the_largest_license_file_and_no_further() {
        let dir = tempfile::tempdir().expect("tempdir");
        let at = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).expect("written");
            path
        };
        let largest = "a".repeat(MAX_LEASE_FILE_BYTES);
        assert_eq!(
            open_license_file(&at("ok.lease", largest.as_bytes())).as_deref(),
            Ok(largest.as_str())
        );
        let malformed = Err(LicenseError::LeaseFile(Verdict::Malformed));
        let larger = format!("{largest}a");
        assert_eq!(
            open_license_file(&at("big.lease", larger.as_bytes())),
            malformed
        );
        assert_eq!(
            open_license_file(&at("binary.lease", &[0xff, 0xfe, 0x00])),
            malformed
        );
        assert_eq!(
            open_license_file(&dir.path().join("missing.lease")),
            malformed
        );
        assert_eq!(
            open_license_file(dir.path()),
            malformed,
            "a folder is no file"
        );
        assert_eq!(
            read_license_file(&b"a lease\n"[..], "bytes").as_deref(),
            Ok("a lease\n")
        );
    }
}
