//! Replay protection: every nonce seen in the last ten minutes is refused.
//!
//! A nonce seen at `t` is refused up to and including `t + 600` (a request
//! stamped 300 s ahead of the server stays within the clock window until
//! exactly then) and forgotten after. The check is exact: no probabilistic
//! filter, so a fresh nonce is refused only if its keyed 64-bit hash
//! collides with one held (about one chance in 10^12 per request with the
//! ten minutes of a full-rate server held).
//!
//! Memory is what bounds the rate a server can sustain, so the cache spends
//! at most [`BYTES_PER_NONCE`] per nonce held: one table per minute of
//! arrival, dropped whole once every nonce in it has expired. The current
//! minute is an open-addressing table (the hash, and the second of the
//! minute it came in); at the turn of the minute it becomes a sorted run
//! (9 bytes a nonce, a sixteenth of room to reuse its memory for a busier
//! minute, and a small index to find the hash's place), read-only
//! until it is dropped. A lookup probes the open table and each of the ten
//! sorted runs.
//!
//! New entries are written to SQLite (as 128-bit SHA-256 prefixes, so they
//! do not depend on this process's hash key) in batches by
//! [`NonceStore::flush`] and read back at start, so a restart does not
//! reopen the replay window.
//!
//! Only requests that passed the HMAC, clock and per-IP rate checks are
//! recorded, so one client adds at most its rate; but the secret ships with
//! every client, so the cache is capped as well: past [`MAX_REMEMBERED`]
//! entries new requests are refused (fail closed, `1711`) until old ones
//! expire.

use std::hash::{BuildHasher, RandomState};
use std::sync::Mutex;

use keyslot_protocol::NONCE_RETENTION_SECS;
use sha2::{Digest, Sha256};

use crate::Db;
use crate::db::{read_conn, write_tx};
use crate::queries::Conn as _;

/// Rows per `INSERT` when persisting (two bound values each).
const BATCH: usize = 400;

/// The most memory a nonce held may cost, in bytes, over the window at a
/// steady rate: about 10 in a sorted run, and up to 13.5 for the one
/// minute in the open table (`a_steady_rate_is_held_in_twelve_bytes_a_nonce`).
pub const BYTES_PER_NONCE: usize = 12;

/// The memory the replay cache may use at most: 128 MiB.
pub const MEMORY_BUDGET: usize = 128 << 20;

/// Most nonces held at once: [`MEMORY_BUDGET`] / [`BYTES_PER_NONCE`],
/// about 11.2 million, which is a sustained 18,600 requests/s over the 601
/// seconds a nonce is held.
pub const MAX_REMEMBERED: usize = MEMORY_BUDGET / BYTES_PER_NONCE;

/// Seconds of arrival one table covers.
const MINUTE: i64 = 60;

/// The start of the minute `at` is in.
fn minute_of(at: i64) -> i64 {
    at - at.rem_euclid(MINUTE)
}

/// The open table grows when fuller than this.
const MAX_LOAD: f64 = 0.8;

/// Outcome of recording a nonce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    /// First time in the window: go on.
    Fresh,
    /// A replay.
    Replayed,
    /// The cache is full: refuse for now.
    Full,
}

/// The current minute's nonces: linear probing over keyed hashes (`0`
/// marks an empty slot; a hash of 0 is stored as 1), each with the second
/// of the minute it arrived in.
#[derive(Debug, Default)]
struct OpenTable {
    hashes: Vec<u64>,
    seconds: Vec<u8>,
    len: usize,
}

impl OpenTable {
    /// Slots for `expected` nonces and a fifth more without growing.
    fn slots_for(expected: usize) -> usize {
        ((expected as f64 * 1.2 / MAX_LOAD) as usize).max(64)
    }

    /// A table that holds `expected` nonces and a fifth more without growing.
    fn sized_for(expected: usize) -> Self {
        let slots = Self::slots_for(expected);
        Self {
            hashes: vec![0; slots],
            seconds: vec![0; slots],
            len: 0,
        }
    }

    /// The slot `hash` starts probing at (`hash` scaled to the table's size).
    fn home(&self, hash: u64) -> usize {
        ((u128::from(hash) * self.hashes.len() as u128) >> 64) as usize
    }

    /// The second `hash` arrived in, if it is here.
    fn get(&self, hash: u64) -> Option<u8> {
        if self.hashes.is_empty() {
            return None;
        }
        let mut slot = self.home(hash);
        loop {
            match self.hashes[slot] {
                0 => return None,
                h if h == hash => return Some(self.seconds[slot]),
                _ => slot = (slot + 1) % self.hashes.len(),
            }
        }
    }

    /// Adds `hash` (not already here), seen at `second` of the minute.
    fn insert(&mut self, hash: u64, second: u8) {
        if (self.len + 1) as f64 > self.hashes.len() as f64 * MAX_LOAD {
            self.grow();
        }
        let mut slot = self.home(hash);
        while self.hashes[slot] != 0 {
            slot = (slot + 1) % self.hashes.len();
        }
        self.hashes[slot] = hash;
        self.seconds[slot] = second;
        self.len += 1;
    }

    fn grow(&mut self) {
        let bigger = Self::sized_for(self.len);
        let old = std::mem::replace(self, bigger);
        for (hash, second) in old.entries() {
            self.insert(hash, second);
        }
    }

    /// Empties the table for the next minute, which is likely to bring
    /// `expected` nonces: its memory is kept if they fit without growing
    /// and it is at most a quarter larger than a new table would be, so a
    /// rate that wavers does not reallocate (and fragment) it every minute.
    fn reuse_for(&mut self, expected: usize) {
        let slots = Self::slots_for(expected);
        let fits = self.hashes.len() as f64 * MAX_LOAD >= expected as f64;
        if fits && self.hashes.len() <= slots + slots / 4 {
            self.hashes.fill(0);
            self.len = 0;
        } else {
            *self = Self::sized_for(expected);
        }
    }

    fn entries(&self) -> impl Iterator<Item = (u64, u8)> + '_ {
        self.hashes
            .iter()
            .zip(&self.seconds)
            .filter(|(hash, _)| **hash != 0)
            .map(|(hash, second)| (*hash, *second))
    }

    fn heap_bytes(&self) -> usize {
        self.hashes.capacity() * 8 + self.seconds.capacity()
    }
}

/// A past minute's nonces, sorted by hash, with an index of where each
/// range of leading bits starts.
#[derive(Debug, Default)]
struct SortedRun {
    hashes: Vec<u64>,
    seconds: Vec<u8>,
    /// `starts[p]` is the first position whose hash has leading bits `p`;
    /// the last entry is the length.
    starts: Vec<u32>,
    /// How many leading bits `starts` is indexed by.
    bits: u32,
}

impl SortedRun {
    /// The run of `open`'s nonces, in the memory of `spare` (a run that
    /// was dropped) where it is large enough: a server at a steady rate
    /// then allocates nothing from minute to minute, and its memory does
    /// not fragment. Where it must allocate, it takes a sixteenth more, so
    /// that a minute a little busier later fits in it too. The hashes are
    /// sorted in their final place, and each one's second is looked up in
    /// `open` again.
    fn from(open: &OpenTable, spare: Self) -> Self {
        let Self {
            mut hashes,
            mut seconds,
            mut starts,
            ..
        } = spare;
        let room = open.len + open.len / 16;
        hashes.clear();
        if hashes.capacity() < open.len {
            hashes.reserve_exact(room);
        }
        hashes.extend(open.hashes.iter().copied().filter(|hash| *hash != 0));
        hashes.sort_unstable();
        seconds.clear();
        if seconds.capacity() < open.len {
            seconds.reserve_exact(room);
        }
        seconds.extend(
            hashes
                .iter()
                .map(|hash| open.get(*hash).unwrap_or_default()),
        );
        // About eight nonces per index entry: half a byte each.
        let bits = (hashes.len() / 8).max(1).ilog2();
        starts.clear();
        starts.reserve_exact((1 << bits) + 1);
        for (position, hash) in hashes.iter().enumerate() {
            let prefix = Self::prefix(*hash, bits);
            while starts.len() <= prefix {
                starts.push(position as u32);
            }
        }
        starts.resize((1 << bits) + 1, hashes.len() as u32);
        Self {
            hashes,
            seconds,
            starts,
            bits,
        }
    }

    fn prefix(hash: u64, bits: u32) -> usize {
        hash.checked_shr(64 - bits).unwrap_or(0) as usize
    }

    fn get(&self, hash: u64) -> Option<u8> {
        let prefix = Self::prefix(hash, self.bits);
        let range = self.starts[prefix] as usize..self.starts[prefix + 1] as usize;
        let start = range.start;
        let found = self.hashes[range].binary_search(&hash).ok()?;
        Some(self.seconds[start + found])
    }

    fn len(&self) -> usize {
        self.hashes.len()
    }

    fn heap_bytes(&self) -> usize {
        self.hashes.capacity() * 8 + self.seconds.capacity() + self.starts.capacity() * 4
    }
}

/// The nonces that arrived in one minute.
#[derive(Debug)]
struct Minute<T> {
    /// Unix time of its first second (a multiple of 60).
    start: i64,
    table: T,
}

#[derive(Debug, Default)]
struct Cache {
    /// The current minute's, if any arrived yet.
    open: Option<Minute<OpenTable>>,
    /// Past minutes, oldest first.
    runs: Vec<Minute<SortedRun>>,
    /// The memory of the last run dropped, for the next one.
    spare: SortedRun,
    /// The latest time seen: the cache's clock never goes back, so a clock
    /// stepped back makes nonces expire later, never sooner.
    latest: i64,
    /// Entries not yet written to the database.
    pending: Vec<(u128, i64)>,
}

impl Cache {
    /// Moves the clock to `now` (or keeps it, if it is earlier): seals the
    /// open minute if it has ended and drops the minutes that expired whole.
    fn advance(&mut self, now: i64) -> i64 {
        self.latest = self.latest.max(now);
        let now = self.latest;
        if let Some(mut open) = self.open.take_if(|open| open.start + MINUTE <= now) {
            // The oldest is dropped before a run is built: memory peaks lower.
            self.drop_expired(now);
            let expected = open.table.len;
            if expected > 0 {
                self.runs.push(Minute {
                    start: open.start,
                    table: SortedRun::from(&open.table, std::mem::take(&mut self.spare)),
                });
            }
            // The next minute is likely to bring as many, in the same memory.
            open.table.reuse_for(expected);
            open.start = minute_of(now);
            self.open = Some(open);
        }
        self.drop_expired(now);
        now
    }

    fn drop_expired(&mut self, now: i64) {
        let expired = self
            .runs
            .iter()
            .take_while(|run| run.start + MINUTE - 1 < now - NONCE_RETENTION_SECS)
            .count();
        if let Some(last) = self.runs.drain(..expired).next_back() {
            self.spare = last.table;
        }
    }

    /// When `hash` was last seen, if it is held.
    fn seen_at(&self, hash: u64) -> Option<i64> {
        let open = self
            .open
            .iter()
            .filter_map(|m| Some(m.start + i64::from(m.table.get(hash)?)));
        let runs = self
            .runs
            .iter()
            .rev()
            .filter_map(|m| Some(m.start + i64::from(m.table.get(hash)?)));
        open.chain(runs).next()
    }

    fn insert(&mut self, hash: u64, now: i64) {
        let open = self.open.get_or_insert_with(|| Minute {
            start: minute_of(now),
            table: OpenTable::default(),
        });
        open.table.insert(hash, (now - open.start) as u8);
    }

    /// Nonces held, in the open table and the runs.
    fn len(&self) -> usize {
        let open = self.open.as_ref().map_or(0, |m| m.table.len);
        open + self.runs.iter().map(|m| m.table.len()).sum::<usize>()
    }

    /// Records `hash` as seen at `now` unless it was seen in the window,
    /// or `capacity` nonces are held.
    fn record(&mut self, hash: u64, now: i64, capacity: usize) -> Seen {
        let now = self.advance(now);
        if self
            .seen_at(hash)
            .is_some_and(|at| at >= now - NONCE_RETENTION_SECS)
        {
            return Seen::Replayed;
        }
        if self.len() >= capacity {
            return Seen::Full;
        }
        self.insert(hash, now);
        Seen::Fresh
    }

    fn heap_bytes(&self) -> usize {
        let open = self.open.as_ref().map_or(0, |m| m.table.heap_bytes());
        let runs = self.runs.iter().map(|m| m.table.heap_bytes());
        open + self.spare.heap_bytes() + runs.sum::<usize>()
    }
}

/// The replay cache.
#[derive(Debug)]
pub struct NonceStore {
    cache: Mutex<Cache>,
    /// The key of the in-memory hash: a nonce's hash here cannot be
    /// predicted from outside this process.
    key: RandomState,
}

impl Default for NonceStore {
    fn default() -> Self {
        Self {
            cache: Mutex::default(),
            key: RandomState::new(),
        }
    }
}

/// The nonce as the database keeps it: the first 128 bits of its SHA-256.
fn digest(nonce: &str) -> u128 {
    let digest = Sha256::digest(nonce.as_bytes());
    let mut first = [0u8; 16];
    first.copy_from_slice(&digest[..16]);
    u128::from_be_bytes(first)
}

impl NonceStore {
    /// Loads the nonces of the last ten minutes from `db`.
    pub async fn load(db: &Db, now: i64) -> Result<Self, sqlx::Error> {
        let since = now - NONCE_RETENTION_SECS;
        let rows = read_conn!(db, |conn| conn.recent_nonces(since).await?);
        let store = Self::default();
        {
            let mut cache = store.lock();
            for (bytes, seen_at) in rows {
                let Ok(bytes) = <[u8; 16]>::try_from(bytes.as_slice()) else {
                    continue;
                };
                let hash = store.hash(u128::from_be_bytes(bytes));
                // In arrival order, so each lands in its minute.
                cache.record(hash, seen_at, usize::MAX);
            }
        }
        Ok(store)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Cache> {
        self.cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The in-memory hash of a nonce's digest; never 0 (an empty slot).
    fn hash(&self, digest: u128) -> u64 {
        self.key.hash_one(digest).max(1)
    }

    /// Records `nonce` as seen at `now`.
    pub fn check_and_insert(&self, nonce: &str, now: i64) -> Seen {
        self.record(nonce, now, MAX_REMEMBERED)
    }

    fn record(&self, nonce: &str, now: i64, capacity: usize) -> Seen {
        let digest = digest(nonce);
        let hash = self.hash(digest);
        let mut cache = self.lock();
        let seen = cache.record(hash, now, capacity);
        if seen == Seen::Fresh {
            let at = cache.latest;
            cache.pending.push((digest, at));
        }
        seen
    }

    /// How many nonces are held right now (some may have expired already,
    /// until their minute is dropped).
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether no nonce is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The memory the held nonces take, in bytes.
    pub fn heap_bytes(&self) -> usize {
        self.lock().heap_bytes()
    }

    /// Writes new nonces to the database and deletes expired ones there.
    /// On failure the batch is kept for the next flush.
    pub async fn flush(&self, db: &Db, now: i64) -> Result<(), sqlx::Error> {
        let pending = {
            let mut cache = self.lock();
            cache.advance(now);
            // The next second's batch in one allocation of about this size.
            let next = Vec::with_capacity(cache.pending.len());
            std::mem::replace(&mut cache.pending, next)
        };
        let result = Self::persist(db, &pending, now).await;
        if result.is_err() {
            self.lock().pending.extend(pending);
        }
        result
    }

    async fn persist(db: &Db, pending: &[(u128, i64)], now: i64) -> Result<(), sqlx::Error> {
        write_tx!(db, |conn| {
            for chunk in pending.chunks(BATCH) {
                conn.insert_nonces(chunk, chunk.len() == BATCH).await?;
            }
            conn.drop_nonces(now - NONCE_RETENTION_SECS).await
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A time at the start of a minute.
    const T0: i64 = 1_767_225_600;

    fn nonce(i: usize) -> String {
        format!("nonce-{i:012}")
    }

    #[test]
    fn a_nonce_is_refused_for_ten_minutes_then_forgotten() {
        let store = NonceStore::default();
        let seen = |nonce: &str, at: i64| store.check_and_insert(nonce, at);
        assert_eq!(seen("nonce-aaaaaaaaaaaa", T0), Seen::Fresh);
        assert_eq!(seen("nonce-aaaaaaaaaaaa", T0 + 1), Seen::Replayed);
        assert_eq!(seen("nonce-bbbbbbbbbbbb", T0 + 1), Seen::Fresh);
        // Kept through T0 + 600 inclusive: a request stamped T0 + 300 is still in its clock window then.
        assert_eq!(
            seen("nonce-aaaaaaaaaaaa", T0 + NONCE_RETENTION_SECS),
            Seen::Replayed
        );
        assert_eq!(
            seen("nonce-aaaaaaaaaaaa", T0 + NONCE_RETENTION_SECS + 1),
            Seen::Fresh
        );
        assert_eq!(
            seen("nonce-bbbbbbbbbbbb", T0 + NONCE_RETENTION_SECS + 2),
            Seen::Fresh
        );
    }

    /// The minute a nonce arrived in has been sealed into a sorted run, and
    /// older minutes dropped, by the time it is asked about again: 599 s
    /// on it is still refused, 601 s on it is forgotten.
    #[test]
    fn the_window_holds_to_the_second_across_the_turn_of_the_minute() {
        let store = NonceStore::default();
        // Mid-minute, with neighbours before and after it in its minute.
        let at = T0 + 30;
        for (i, t) in [(0, at - 20), (1, at), (2, at + 20)] {
            assert_eq!(store.check_and_insert(&nonce(i), t), Seen::Fresh);
        }
        // A stream of others turns the minutes over.
        for (i, t) in (at + 1..at + 581).step_by(7).enumerate() {
            assert_eq!(store.check_and_insert(&nonce(100 + i), t), Seen::Fresh);
        }
        // Still in the run of its minute, but 601 s old.
        assert_eq!(store.check_and_insert(&nonce(0), at + 581), Seen::Fresh);
        assert_eq!(store.check_and_insert(&nonce(1), at + 599), Seen::Replayed);
        assert_eq!(store.check_and_insert(&nonce(1), at + 600), Seen::Replayed);
        assert_eq!(store.check_and_insert(&nonce(2), at + 601), Seen::Replayed);
        assert_eq!(store.check_and_insert(&nonce(1), at + 601), Seen::Fresh);
    }

    #[test]
    fn a_clock_stepped_back_never_makes_a_nonce_expire_sooner() {
        let store = NonceStore::default();
        assert_eq!(store.check_and_insert(&nonce(1), T0 + 100), Seen::Fresh);
        // The clock goes back an hour: the nonce is still held until T0 + 700.
        assert_eq!(store.check_and_insert(&nonce(2), T0 - 3600), Seen::Fresh);
        assert_eq!(store.check_and_insert(&nonce(1), T0 + 700), Seen::Replayed);
        assert_eq!(store.check_and_insert(&nonce(2), T0 + 700), Seen::Replayed);
        assert_eq!(store.check_and_insert(&nonce(2), T0 + 701), Seen::Fresh);
    }

    #[test]
    fn a_full_cache_refuses_until_entries_expire() {
        let store = NonceStore::default();
        assert_eq!(store.record(&nonce(1), T0, 2), Seen::Fresh);
        assert_eq!(store.record(&nonce(2), T0, 2), Seen::Fresh);
        assert_eq!(store.record(&nonce(3), T0, 2), Seen::Full);
        assert_eq!(store.record(&nonce(1), T0, 2), Seen::Replayed);
        assert_eq!(store.len(), 2);
        assert_eq!(
            store.record(&nonce(3), T0 + NONCE_RETENTION_SECS + MINUTE, 2),
            Seen::Fresh
        );
        assert_eq!(store.len(), 1, "the first minute was dropped whole");
    }

    /// Ten minutes at a steady rate, then one more: every nonce of the
    /// window refused, memory within the budget per nonce held, and the
    /// minutes past dropped.
    #[test]
    fn a_steady_rate_is_held_in_twelve_bytes_a_nonce() {
        const RATE: usize = 200;
        let store = NonceStore::default();
        let mut i = 0;
        let mut peak = 0.0f64;
        for second in 0..=NONCE_RETENTION_SECS + MINUTE {
            for _ in 0..RATE {
                assert_eq!(store.check_and_insert(&nonce(i), T0 + second), Seen::Fresh);
                i += 1;
            }
            if second >= NONCE_RETENTION_SECS {
                peak = peak.max(store.heap_bytes() as f64 / store.len() as f64);
            }
        }
        assert!(
            peak <= BYTES_PER_NONCE as f64,
            "{peak:.2} bytes per nonce held"
        );
        // 661 s sent: the first minute is gone, the nonces of the last 601 s held.
        let now = T0 + NONCE_RETENTION_SECS + MINUTE;
        assert_eq!(store.check_and_insert(&nonce(0), now), Seen::Fresh);
        for back in [0, 1, 300, 599, 600] {
            let sent_at = (now - back - T0) as usize * RATE;
            assert_eq!(
                store.check_and_insert(&nonce(sent_at + 7), now),
                Seen::Replayed,
                "{back} s ago"
            );
        }
        assert_eq!(
            store.len(),
            (NONCE_RETENTION_SECS as usize + 1) * RATE + 1,
            "the minute before the window was dropped"
        );
    }
}
