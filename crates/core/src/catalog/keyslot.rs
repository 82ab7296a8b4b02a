//! Problems found on this side of the wire (`keyslot`): the network, the
//! keychain, answers that fail their signature, this machine's own state,
//! and a vendor's "not found" for this machine's seat, read as "no seat".
//! Network failures back off (docs/protocol.md, "Retry policy"); the rest need a
//! person.

use super::{Action::*, Kind::*, Meaning, Origin, RetryClass::*, codes, meaning, shared};

codes! {
    origin: Origin::Local;
    /// The app's own failure codes.
    enum KeyslotCode {
        Offline = ("offline", None, None),
        DnsFailed = ("dns_failed", None, None),
        ProxyFailed = ("proxy_failed", None, None),
        TlsFailed = ("tls_failed", None, None),
        TimedOut = ("timeout", None, None),
        BadAnswer = ("bad_response", None, None),
        ResponseTampered = ("response_tampered", None, None),
        KeychainMissing = ("keychain_unavailable", None, None),
        KeychainLocked = ("keychain_locked", None, None),
        NothingActivated = ("not_activated", None, None),
        KeyShape = ("invalid_key_format", None, None),
        SecretMissing = ("api_secret_missing", None, None),
        SecretRejected = ("api_secret_rejected", None, None),
        BadConfig = ("config_invalid", None, None),
        StorageFailed = ("storage_failed", None, None),
        NotSupported = ("not_supported", None, None),
        NoSeat = ("no_seat", None, None),
        ClocksApart = ("clocks_apart", None, None),
        LeaseExpired = ("lease_expired", None, None),
        LeaseTampered = ("lease_tampered", None, None),
        LeaseOtherMachine = ("lease_other_machine", None, None),
        ClockRolledBack = ("clock_rolled_back", None, None),
        LeaseFileMalformed = ("lease_file_malformed", None, None),
        LeaseFileTampered = ("lease_file_tampered", None, None),
        LeaseFileOtherMachine = ("lease_file_other_machine", None, None),
        LeaseFileOtherKey = ("lease_file_other_key", None, None),
        LeaseFileExpired = ("lease_file_expired", None, None),
        NoLeaseKeys = ("no_lease_keys", None, None),
    }
}

impl KeyslotCode {
    fn meaning(self) -> Meaning {
        match self {
            Self::Offline => meaning(Network, Backoff, CheckConnection),
            Self::DnsFailed => meaning(Network, Backoff, CheckConnection),
            Self::ProxyFailed => meaning(Network, Backoff, CheckConnection),
            Self::TlsFailed => meaning(Network, Never, ContactSupport),
            Self::TimedOut => meaning(Timeout, Backoff, Retry),
            Self::BadAnswer => meaning(BadResponse, Backoff, Retry),
            Self::ResponseTampered => meaning(Tampered, Never, ContactSupport),
            Self::KeychainMissing => meaning(KeychainUnavailable, Never, ContactSupport),
            Self::KeychainLocked => meaning(KeychainUnavailable, AfterAction, Retry),
            Self::NothingActivated => meaning(NotActivated, Never, Activate),
            Self::KeyShape => meaning(InvalidKey, Never, EnterNewKey),
            Self::SecretMissing => meaning(VendorCredentials, Never, ContactSupport),
            Self::SecretRejected => meaning(VendorCredentials, Never, ContactSupport),
            Self::BadConfig => meaning(VendorCredentials, Never, ContactSupport),
            Self::StorageFailed => meaning(Unknown, Never, ContactSupport),
            Self::NotSupported => meaning(Unsupported, Never, ContactSupport),
            Self::NoSeat => shared::NO_SEAT,
            Self::LeaseExpired => meaning(Expired, Never, CheckConnection),
            Self::LeaseTampered => meaning(Tampered, Never, Activate),
            Self::LeaseOtherMachine => meaning(MachineNotActivated, Never, Activate),
            Self::ClockRolledBack => meaning(ClockSkew, Never, SyncClock),
            Self::ClocksApart => meaning(ClockSkew, Never, SyncClock),
            Self::LeaseFileMalformed => meaning(InvalidRequest, Never, Retry),
            Self::LeaseFileTampered => meaning(Tampered, Never, ContactSupport),
            Self::LeaseFileOtherMachine => meaning(DeviceMismatch, Never, Retry),
            Self::LeaseFileOtherKey => meaning(InvalidKey, Never, Retry),
            Self::LeaseFileExpired => meaning(Expired, Never, Retry),
            Self::NoLeaseKeys => meaning(VendorCredentials, Never, ContactSupport),
        }
    }
}
