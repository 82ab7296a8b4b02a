//! The last request outcomes, kept for diagnostics and the support report.

use std::collections::VecDeque;
use std::sync::Mutex;

use serde::Serialize;

/// How many request outcomes diagnostics keep.
const OUTCOMES_KEPT: usize = 20;

/// One finished attempt. Holds no secret and no key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Outcome {
    /// Unix seconds when it finished.
    pub at: i64,
    /// Endpoint path.
    pub path: String,
    /// HTTP status, if an answer came.
    pub http_status: Option<u16>,
    /// The error code, if it failed (the server's raw code or Keyslot's own).
    pub code: Option<String>,
    /// The answer's request id.
    pub request_id: Option<String>,
    /// Round-trip time in milliseconds.
    pub latency_ms: u64,
}

/// The last [`OUTCOMES_KEPT`] outcomes, oldest first.
#[derive(Debug)]
pub(crate) struct OutcomeLog(Mutex<VecDeque<Outcome>>);

impl Default for OutcomeLog {
    fn default() -> Self {
        Self(Mutex::new(VecDeque::with_capacity(OUTCOMES_KEPT)))
    }
}

impl OutcomeLog {
    /// Adds `outcome`, dropping the oldest when full.
    pub(crate) fn record(&self, outcome: Outcome) {
        if let Ok(mut outcomes) = self.0.lock() {
            if outcomes.len() == OUTCOMES_KEPT {
                outcomes.pop_front();
            }
            outcomes.push_back(outcome);
        }
    }

    /// The outcomes, oldest first.
    pub(crate) fn list(&self) -> Vec<Outcome> {
        self.0
            .lock()
            .map(|o| o.iter().cloned().collect())
            .unwrap_or_default()
    }
}
