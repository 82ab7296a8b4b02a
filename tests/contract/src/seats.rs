//! The seats of [`crate::GOOD_KEY`], for the vendors that list and free them.

use std::sync::Mutex;

/// One seat.
#[derive(Debug, Clone)]
pub(crate) struct Seat {
    pub(crate) id: String,
    pub(crate) fingerprint: String,
    pub(crate) name: String,
    pub(crate) platform: String,
}

/// The seats taken, oldest first, starting with one held by another
/// machine, and how many were ever taken (so an id is never reused).
#[derive(Debug)]
pub(crate) struct Seats(Mutex<(Vec<Seat>, usize)>);

impl Default for Seats {
    fn default() -> Self {
        let old = Seat {
            id: "seat-old-laptop".to_owned(),
            fingerprint: "0".repeat(64),
            name: "old-laptop".to_owned(),
            platform: "windows-x86_64".to_owned(),
        };
        Self(Mutex::new((vec![old], 1)))
    }
}

impl Seats {
    /// Takes a seat for `fingerprint` (or returns the one it holds); `None`
    /// when every seat is taken.
    pub(crate) fn take(&self, fingerprint: &str, name: &str, platform: &str) -> Option<Seat> {
        let mut guard = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let (seats, taken) = &mut *guard;
        if let Some(seat) = seats.iter().find(|s| s.fingerprint == fingerprint) {
            return Some(seat.clone());
        }
        if seats.len() as u32 >= crate::SEATS {
            return None;
        }
        *taken += 1;
        let seat = Seat {
            id: format!("seat-{taken}"),
            fingerprint: fingerprint.to_owned(),
            name: name.to_owned(),
            platform: platform.to_owned(),
        };
        seats.push(seat.clone());
        Some(seat)
    }

    /// The seat of `fingerprint`.
    pub(crate) fn of(&self, fingerprint: &str) -> Option<Seat> {
        let guard = self.0.lock().unwrap_or_else(|e| e.into_inner());
        guard
            .0
            .iter()
            .find(|s| s.fingerprint == fingerprint)
            .cloned()
    }

    /// Every seat.
    pub(crate) fn all(&self) -> Vec<Seat> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).0.clone()
    }

    /// Frees the seat `id`.
    pub(crate) fn free(&self, id: &str) -> Option<Seat> {
        let mut guard = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let at = guard.0.iter().position(|s| s.id == id)?;
        Some(guard.0.remove(at))
    }

    /// How many are taken.
    pub(crate) fn used(&self) -> u32 {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).0.len() as u32
    }
}
