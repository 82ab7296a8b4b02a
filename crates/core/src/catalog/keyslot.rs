//! Problems found on this side of the wire (`keyslot`): the network, the
//! keychain, answers that fail their signature, this machine's own state,
//! and a vendor's "not found" for this machine's seat, read as "no seat".
//! Network failures back off (docs/protocol.md, "Retry policy"); the rest need a
//! person.

use super::{Action::*, Entry, Kind::*, Origin, RetryClass::*, codes, entry, shared};

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
    }
}

impl KeyslotCode {
    fn text(self) -> Entry {
        match self {
            Self::Offline => entry(
                Network,
                Backoff,
                CheckConnection,
                "Can't reach the license server",
                "This computer couldn't connect to the license server. Your license is not affected.",
                &[
                    "Check that you are connected to the internet.",
                    "If you use a VPN or firewall, allow the app through.",
                    "Try again.",
                ],
            ),
            Self::DnsFailed => entry(
                Network,
                Backoff,
                CheckConnection,
                "Can't find the license server",
                "The server's address couldn't be looked up. This is usually a network or DNS problem.",
                &["Check your internet connection.", "Try again in a moment."],
            ),
            Self::ProxyFailed => entry(
                Network,
                Backoff,
                CheckConnection,
                "The proxy didn't let the request through",
                "This computer sends traffic through a proxy, and the proxy refused or failed the connection.",
                &[
                    "Check your proxy settings, or ask your IT team to allow the license server.",
                    "Try again.",
                ],
            ),
            Self::TlsFailed => entry(
                Network,
                Never,
                ContactSupport,
                "The connection to the license server isn't secure",
                "The server's security certificate couldn't be verified, so the app stopped before sending anything.",
                &[
                    "Check that your computer's date and time are correct.",
                    "If your network inspects secure traffic, try another network.",
                    "If it keeps happening, contact support with the report.",
                ],
            ),
            Self::TimedOut => entry(
                Timeout,
                Backoff,
                Retry,
                "The license server took too long",
                "No answer came in time. The server may be busy or your connection slow.",
                &[
                    "Try again in a moment.",
                    "If it keeps happening, check your connection.",
                ],
            ),
            Self::BadAnswer => entry(
                BadResponse,
                Backoff,
                Retry,
                "The license server's answer couldn't be read",
                "Something between this computer and the server may have changed or cut the answer.",
                &[
                    "Try again.",
                    "If it keeps happening, contact support with the report.",
                ],
            ),
            Self::ResponseTampered => entry(
                Tampered,
                Never,
                ContactSupport,
                "The answer couldn't be verified",
                "The reply did not carry the license server's valid signature, so the app did not trust it. Nothing was changed.",
                &[
                    "Try from another network (some networks alter traffic).",
                    "Contact support with the report.",
                ],
            ),
            Self::KeychainMissing => entry(
                KeychainUnavailable,
                Never,
                ContactSupport,
                "No keychain to keep your license in",
                "The app stores your license key in the system keychain, and none is available on this computer.",
                &[
                    "On Linux, install and start a Secret Service keyring: the gnome-keyring package (or KWallet).",
                    "Then open the app again.",
                ],
            ),
            Self::KeychainLocked => entry(
                KeychainUnavailable,
                AfterAction,
                Retry,
                "Your keychain is locked",
                "The system keychain that holds your license key is locked.",
                &[
                    "Unlock your keychain (usually by signing in again).",
                    "Then try again.",
                ],
            ),
            Self::NothingActivated => entry(
                NotActivated,
                Never,
                Activate,
                "No license on this device yet",
                "This device hasn't been activated with a license key.",
                &["Enter your license key to activate this device."],
            ),
            Self::KeyShape => entry(
                InvalidKey,
                Never,
                EnterNewKey,
                "That doesn't look like a license key",
                "The key has characters or a length no license key has.",
                &[
                    "Copy the key from your purchase email and paste it.",
                    "Check for missing or extra characters.",
                ],
            ),
            Self::SecretMissing => entry(
                VendorCredentials,
                Never,
                ContactSupport,
                "The app isn't set up to talk to its license server",
                "The credentials the app needs for the license server are missing on this computer.",
                &["Reinstall the app, or contact support with the report."],
            ),
            Self::SecretRejected => entry(
                VendorCredentials,
                Never,
                ContactSupport,
                "The app's credentials don't match the server's",
                "The license server refused the app's signature, so the secret it was installed with is not the one the server expects.",
                &["Contact support with the report; the app needs its current credentials."],
            ),
            Self::BadConfig => entry(
                VendorCredentials,
                Never,
                ContactSupport,
                "The app's settings are invalid",
                "The app's configuration file has a value it can't use.",
                &["Contact support with the report; they will tell you what to change."],
            ),
            Self::StorageFailed => entry(
                Unknown,
                Never,
                ContactSupport,
                "Couldn't save the app's data",
                "The app couldn't write its settings to disk.",
                &[
                    "Check that the disk has free space.",
                    "Try again, or contact support with the report.",
                ],
            ),
            Self::NotSupported => entry(
                Unsupported,
                Never,
                ContactSupport,
                "This is done elsewhere",
                "Your license server doesn't let the app do this. Your license is fine.",
                &["If you need help, contact support with the report."],
            ),
            Self::NoSeat => shared::NO_SEAT,
            Self::LeaseExpired => entry(
                Expired,
                Never,
                CheckConnection,
                "Connect to keep using this license",
                "This license has been offline for longer than it allows, so it is paused until it can check in with the license server. Nothing is lost.",
                &[
                    "Connect this computer to the internet.",
                    "Then try again, or open the app once while online.",
                ],
            ),
            Self::LeaseTampered => entry(
                Tampered,
                Never,
                Activate,
                "The license on this computer can't be verified",
                "The saved proof of your license was changed or damaged, so the app doesn't trust it. Your license itself is fine.",
                &[
                    "Connect to the internet and activate again with your license key.",
                    "If it keeps happening, contact support with the report.",
                ],
            ),
            Self::LeaseOtherMachine => entry(
                MachineNotActivated,
                Never,
                Activate,
                "This license was activated on another computer",
                "The saved license belongs to another computer or another key, so it doesn't count here. Copying a license between computers doesn't move it.",
                &[
                    "Activate this computer with your license key.",
                    "If all seats are in use, free the old computer's seat first.",
                ],
            ),
            Self::ClockRolledBack => entry(
                ClockSkew,
                Never,
                SyncClock,
                "Your computer's clock was turned back",
                "After a restart, the date on this computer is earlier than the license last saw, so the license can't be checked offline.",
                &[
                    "Set your computer's date and time automatically.",
                    "Or connect to the internet: the license server sets the time right.",
                ],
            ),
            Self::ClocksApart => entry(
                ClockSkew,
                Never,
                SyncClock,
                "Your clock and the license server's are too far apart",
                "One of the two clocks is wrong, so the app can't check your license safely. Nothing was changed.",
                &[
                    "Check that your computer's date, time and time zone are right and set automatically.",
                    "If they are, the license server's clock is wrong: contact support with the report.",
                ],
            ),
        }
    }
}
