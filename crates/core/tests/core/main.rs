//! Integration tests of keyslot-core.

mod architecture;
mod catalog;
mod dialects;
mod faults;
mod fuzz;
mod journey;
mod leases;
mod locales;
mod offline;

use std::sync::Arc;

use keyslot_core::clock::{RandomNonces, SystemClock};
use keyslot_core::dialects::Dialect;
use keyslot_core::dialects::license_api::LicenseApi;
use keyslot_core::key::LicenseKey;
use keyslot_core::sensitive::Sensitive;
use keyslot_core::transport::{OutcomeLog, RetryPolicy, Timeouts, Wiring};

/// `text` as a license key (the edge's parse, as a command does).
pub(crate) fn license_key(text: &str) -> LicenseKey {
    LicenseKey::parse(text).expect("a license key")
}

/// The License API at `url`, signing with `secret`, backing off by `policy`.
pub(crate) fn license_api(url: &str, secret: &str, policy: RetryPolicy) -> Dialect {
    let wiring = Wiring {
        server: url.to_owned(),
        clock: Arc::new(SystemClock),
        nonces: Arc::new(RandomNonces),
        policy,
        timeouts: Timeouts::default(),
        outcomes: OutcomeLog::default(),
    };
    Dialect::LicenseApi(
        LicenseApi::new(&wiring, Sensitive::new(secret.to_owned())).expect("connects"),
    )
}
