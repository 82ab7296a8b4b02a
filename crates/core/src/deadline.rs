//! [`Deadline`]: the moment a user action must be finished by. Every call an
//! action makes, and every retry of it, shares the one deadline.

use std::time::{Duration, Instant};

/// How long one user action may take, retries included: long enough for a
/// few backoffs, short enough that the window is never stuck. The app and
/// the CLI both use it.
pub const ACTION_TIME: Duration = Duration::from_secs(20);

/// A point in time by which something must be done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Deadline(Instant);

impl Deadline {
    /// `time` from now.
    pub fn after(time: Duration) -> Self {
        Self(Instant::now() + time)
    }

    /// The time left until it (zero once it has passed).
    pub fn left(self) -> Duration {
        self.0.saturating_duration_since(Instant::now())
    }

    /// The earlier of this deadline and `time` from now.
    pub fn within(self, time: Duration) -> Self {
        self.min(Self::after(time))
    }
}
