//! Secrets (license key, API secret, tokens) live in the OS keychain and
//! nowhere else on disk. [`SecretStore`] is the seam: [`KeyringStore`] in the
//! app, [`MemoryStore`] in tests.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::error::LicenseError;
use crate::sensitive::Sensitive;

/// The secrets Keyslot keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SecretName {
    /// The activated license key.
    LicenseKey,
    /// The vendor's shared signing secret (native protocol) or app secret.
    ApiSecret,
    /// The vendor's API key or app id, where a dialect needs one.
    ApiKey,
    /// A session token (appauth), wiped with the license.
    SessionToken,
    /// GeckoGuard's refresh token: set by the vendor's installer like the
    /// API key, replaced when a refresh rotates it, kept when a license is
    /// removed (it is the vendor's, not the license's).
    RefreshToken,
    /// The key of an offline request waiting for its license file: it
    /// replaces [`Self::LicenseKey`] only when a lease for it is imported,
    /// so a key the server never accepted never replaces a working one.
    PendingLicenseKey,
    /// The second copy of the lease's anchor of trusted time (not a secret:
    /// kept where deleting it takes more than deleting a file).
    LeaseAnchor,
}

impl SecretName {
    /// The keychain account name.
    pub const fn account(self) -> &'static str {
        match self {
            Self::LicenseKey => "license-key",
            Self::ApiSecret => "api-secret",
            Self::ApiKey => "api-key",
            Self::SessionToken => "session-token",
            Self::RefreshToken => "refresh-token",
            Self::PendingLicenseKey => "pending-license-key",
            Self::LeaseAnchor => "lease-anchor",
        }
    }
}

/// Where secrets are kept. A missing entry is `Ok(None)`; a missing or
/// locked keychain is a [`LicenseError::Keychain`] that says which.
pub trait SecretStore: Send + Sync + 'static {
    /// Reads a secret.
    fn get(&self, name: SecretName) -> Result<Option<Sensitive<String>>, LicenseError>;
    /// Writes a secret, replacing any old value.
    fn set(&self, name: SecretName, value: &Sensitive<String>) -> Result<(), LicenseError>;
    /// Deletes a secret; deleting a missing one is fine.
    fn delete(&self, name: SecretName) -> Result<(), LicenseError>;
}

/// The OS keychain (Secret Service on Linux, Keychain on macOS, Credential
/// Manager on Windows), via the `keyring` crate.
#[derive(Debug, Clone)]
pub struct KeyringStore {
    service: String,
}

impl KeyringStore {
    /// Secrets under the keychain service `service` (e.g. `keyslot`).
    pub fn new(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
        }
    }

    fn entry(&self, name: SecretName) -> Result<keyring::Entry, LicenseError> {
        keyring::Entry::new(&self.service, name.account()).map_err(keychain_error)
    }
}

/// Maps a keychain failure to a friendly error naming what is missing.
/// Platform messages never contain the secret.
fn keychain_error(error: keyring::Error) -> LicenseError {
    match error {
        keyring::Error::NoStorageAccess(e) => LicenseError::Keychain {
            locked: true,
            detail: format!("the keychain is locked or refused access ({e})"),
        },
        keyring::Error::NoDefaultStore => LicenseError::Keychain {
            locked: false,
            detail: "no keychain service is running (on Linux: no Secret Service, e.g. gnome-keyring, on the session bus)"
                .to_owned(),
        },
        keyring::Error::PlatformFailure(e) => LicenseError::Keychain {
            locked: false,
            detail: format!("the keychain failed ({e})"),
        },
        other => LicenseError::Keychain {
            locked: false,
            detail: format!("the keychain answered unexpectedly ({})", error_kind(&other)),
        },
    }
}

/// Names the error without its payload (which may hold secret bytes).
fn error_kind(error: &keyring::Error) -> &'static str {
    match error {
        keyring::Error::BadEncoding(_) => "stored value is not text",
        keyring::Error::BadDataFormat(..) => "stored value has an unexpected format",
        keyring::Error::TooLong(..) => "value too long",
        keyring::Error::Invalid(..) => "invalid entry",
        keyring::Error::Ambiguous(_) => "several matching entries",
        _ => "unknown error",
    }
}

impl SecretStore for KeyringStore {
    fn get(&self, name: SecretName) -> Result<Option<Sensitive<String>>, LicenseError> {
        match self.entry(name)?.get_password() {
            Ok(value) => Ok(Some(Sensitive::new(value))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(keychain_error(e)),
        }
    }

    fn set(&self, name: SecretName, value: &Sensitive<String>) -> Result<(), LicenseError> {
        self.entry(name)?
            .set_password(value.expose())
            .map_err(keychain_error)
    }

    fn delete(&self, name: SecretName) -> Result<(), LicenseError> {
        match self.entry(name)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(keychain_error(e)),
        }
    }
}

/// Secrets in memory, for tests; can be made to fail like a locked keychain.
#[derive(Debug, Default)]
pub struct MemoryStore {
    values: Mutex<HashMap<SecretName, Sensitive<String>>>,
    locked: Mutex<bool>,
}

impl MemoryStore {
    /// Makes every call fail as a locked keychain would (or not).
    pub fn set_locked(&self, locked: bool) {
        if let Ok(mut l) = self.locked.lock() {
            *l = locked;
        }
    }

    fn check(&self) -> Result<(), LicenseError> {
        if self.locked.lock().map(|l| *l).unwrap_or(false) {
            return Err(LicenseError::Keychain {
                locked: true,
                detail: "the keychain is locked".to_owned(),
            });
        }
        Ok(())
    }

    fn values(&self) -> std::sync::MutexGuard<'_, HashMap<SecretName, Sensitive<String>>> {
        self.values
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl SecretStore for MemoryStore {
    fn get(&self, name: SecretName) -> Result<Option<Sensitive<String>>, LicenseError> {
        self.check()?;
        Ok(self.values().get(&name).cloned())
    }

    fn set(&self, name: SecretName, value: &Sensitive<String>) -> Result<(), LicenseError> {
        self.check()?;
        self.values().insert(name, value.clone());
        Ok(())
    }

    fn delete(&self, name: SecretName) -> Result<(), LicenseError> {
        self.check()?;
        self.values().remove(&name);
        Ok(())
    }
}
