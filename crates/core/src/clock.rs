//! Time and randomness, injected so clock-skew, replay and retry paths are
//! testable. The clock is the protocol's ([`keyslot_protocol::clock`]).

pub use keyslot_protocol::clock::{Clock, ManualClock, SystemClock};

/// A source of request nonces.
pub trait NonceSource: Send + Sync + 'static {
    /// A fresh nonce of 16–64 characters of `[A-Za-z0-9_-]`.
    fn nonce(&self) -> String;
}

/// 128 random bits as 32 hex characters.
#[derive(Debug, Default, Clone, Copy)]
pub struct RandomNonces;

impl NonceSource for RandomNonces {
    fn nonce(&self) -> String {
        hex::encode(rand::random::<[u8; 16]>())
    }
}
