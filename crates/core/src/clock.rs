//! Time and randomness, injected so clock-skew, replay and retry paths are testable.

use std::sync::atomic::{AtomicI64, Ordering};

/// A source of the current unix time in whole seconds.
pub trait Clock: Send + Sync + 'static {
    /// Now, in unix seconds.
    fn now(&self) -> i64;
}

/// The system clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> i64 {
        time::OffsetDateTime::now_utc().unix_timestamp()
    }
}

/// A clock that stands still until moved, or runs at an offset; for tests.
#[derive(Debug)]
pub struct ManualClock(AtomicI64);

impl ManualClock {
    /// A clock showing `now`.
    pub fn new(now: i64) -> Self {
        Self(AtomicI64::new(now))
    }

    /// Moves the clock by `secs`.
    pub fn advance(&self, secs: i64) {
        self.0.fetch_add(secs, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

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
