//! The last request outcomes, for diagnostics and the support report.
//!
//! The app and the CLI keep them in one file, `outcomes.json` in the data
//! directory, so a failure in one process is in another's report: each
//! outcome is added under a lock (`outcomes.lock`, so two writers never drop
//! each other's line) by an atomic rewrite of the last [`OUTCOMES_KEPT`]. The
//! file is read as untrusted: one that is too large, unreadable or not ours is
//! replaced at the next write, and an entry that fails its bounds is dropped,
//! so nothing in it can crash a reader or put words in a report.

use std::collections::VecDeque;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::catalog::{self, Origin, Provider};
use crate::error::is_request_id;
use crate::locale::Lang;

/// How many request outcomes are kept.
const OUTCOMES_KEPT: usize = 50;
/// How many of them may be the support check's own: its re-runs never push
/// out the user's failures.
const PROBES_KEPT: usize = 5;
/// How long a writer waits for another's lock before it skips its outcome
/// (a process stopped while holding it must not hang every call).
const LOCK_WAIT: Duration = Duration::from_millis(250);
/// What is kept of a code that is not a short token (a server's prose): its
/// title was the real code's when it happened.
const UNREADABLE: &str = "unreadable";

/// The file's name in the data directory.
const FILE_NAME: &str = "outcomes.json";
/// The lock writers take, beside it.
const LOCK_NAME: &str = "outcomes.lock";
/// A file larger than this is not ours: 50 outcomes take about 15 KiB.
const MAX_FILE_BYTES: u64 = 256 * 1024;
/// The file format's version.
const VERSION: u32 = 1;

tokio::task_local! {
    /// Set while the support page's probe runs: its calls are logged as probes.
    static PROBE: ();
}

/// Runs `calls` as the diagnostic probe: the outcomes they log are marked
/// [`Outcome::probe`], so they are never read as the user's own failures.
pub(crate) async fn as_probe<T>(calls: impl Future<Output = T>) -> T {
    PROBE.scope((), calls).await
}

/// Whether the running task is the probe.
pub(crate) fn in_probe() -> bool {
    PROBE.try_with(|_| ()).is_ok()
}

/// One finished attempt. Holds no key, secret, token or fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Outcome {
    /// Unix seconds when it finished.
    pub at: i64,
    /// The license server's provider id.
    pub provider: String,
    /// Endpoint path.
    pub path: String,
    /// Which attempt of its call it was, from 1.
    pub attempt: u32,
    /// HTTP status, if an answer came.
    pub http_status: Option<u16>,
    /// Why it failed, if it did.
    pub code: Option<OutcomeCode>,
    /// The answer's request id.
    pub request_id: Option<String>,
    /// Round-trip time in milliseconds.
    pub latency_ms: u64,
    /// A call of the support page's probe, not one the user made.
    pub probe: bool,
}

/// The catalog code an attempt failed with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OutcomeCode {
    /// Who gave it: the provider's id, or `keyslot` for this side of the wire.
    pub origin: String,
    /// The raw code.
    pub code: String,
    /// The endpoint context, where the provider's codes differ by endpoint.
    pub context: Option<String>,
    /// The catalog's title for it, resolved again whenever the file is read
    /// (a file's own title is never shown).
    pub title: String,
}

impl OutcomeCode {
    /// `code` of `origin` in `context`, titled by the catalog; a code that
    /// is not a short token is kept as [`UNREADABLE`].
    pub(crate) fn new(
        origin: Origin,
        code: &str,
        context: Option<&str>,
        http: Option<u16>,
    ) -> Self {
        Self {
            origin: origin.id().to_owned(),
            code: if is_token(code) { code } else { UNREADABLE }.to_owned(),
            context: context.filter(|c| is_token(c)).map(str::to_owned),
            title: catalog::lookup(origin, code, context, http).title(Lang::current()),
        }
    }

    /// The catalog's title of this code in `lang`, the code having come
    /// with status `http`.
    pub fn title_in(&self, http: Option<u16>, lang: Lang) -> String {
        match Origin::from_id(&self.origin) {
            Some(origin) => {
                catalog::lookup(origin, &self.code, self.context.as_deref(), http).title(lang)
            }
            None => self.title.clone(),
        }
    }
}

/// What a code or context may be: 1 to 64 of `A-Z a-z 0-9 . _ : -`.
fn is_token(s: &str) -> bool {
    crate::error::is_token(s, 64)
}

impl Outcome {
    /// Whether every field is within the bounds this side writes: what a
    /// read keeps of a file another program may have written.
    fn is_sound(&self) -> bool {
        let path = (1..=200).contains(&self.path.len())
            && self.path.starts_with('/')
            && self.path.bytes().all(|b| b.is_ascii_graphic());
        let code = self.code.as_ref().is_none_or(|c| {
            Origin::from_id(&c.origin).is_some()
                && is_token(&c.code)
                && c.context.as_deref().is_none_or(is_token)
        });
        Provider::from_id(&self.provider).is_some()
            && path
            && (1..=100).contains(&self.attempt)
            && code
            && self.request_id.as_deref().is_none_or(is_request_id)
    }

    /// Gives the code the catalog's title (the file never supplies one).
    fn titled(mut self) -> Self {
        if let Some(c) = &mut self.code {
            c.title = c.title_in(self.http_status, Lang::current());
        }
        self
    }
}

/// The file's contents.
#[derive(Serialize, Deserialize)]
struct Kept {
    version: u32,
    /// Oldest first.
    outcomes: Vec<Outcome>,
}

/// Where outcomes are kept; cheap to clone (clones share the log).
#[derive(Debug, Clone)]
pub struct OutcomeLog(Arc<Store>);

#[derive(Debug)]
enum Store {
    /// `outcomes.json` in this directory, shared with every process that uses it.
    Dir(PathBuf),
    /// This process's memory only (tests, benchmarks), oldest first.
    Memory(Mutex<VecDeque<Outcome>>),
}

impl Default for OutcomeLog {
    /// A log in this process's memory only.
    fn default() -> Self {
        Self(Arc::new(Store::Memory(Mutex::new(VecDeque::new()))))
    }
}

impl OutcomeLog {
    /// The log in `dir` (the data directory), shared by the app and the CLI.
    pub fn in_dir(dir: impl Into<PathBuf>) -> Self {
        Self(Arc::new(Store::Dir(dir.into())))
    }

    /// Adds `outcome`, dropping the oldest beyond [`OUTCOMES_KEPT`] (and the
    /// support check's beyond [`PROBES_KEPT`]). An outcome out of bounds, or
    /// a log that cannot be written, is reported in the logs; the call goes on.
    pub(crate) async fn record(&self, outcome: Outcome) {
        if !outcome.is_sound() {
            tracing::warn!(path = %outcome.path, "an outcome out of bounds is not kept");
            return;
        }
        match &*self.0 {
            Store::Memory(outcomes) => {
                if let Ok(mut outcomes) = outcomes.lock() {
                    push(&mut outcomes, outcome);
                }
            }
            Store::Dir(dir) => {
                let dir = dir.clone();
                let written = tokio::task::spawn_blocking(move || append(&dir, outcome)).await;
                if let Ok(Err(error)) = written {
                    tracing::warn!(%error, "could not keep the request outcome");
                }
            }
        }
    }

    /// The outcomes, newest first.
    pub fn list(&self) -> Vec<Outcome> {
        let oldest_first: Vec<Outcome> = match &*self.0 {
            Store::Memory(outcomes) => outcomes
                .lock()
                .map(|o| o.iter().cloned().collect())
                .unwrap_or_default(),
            // Writes are atomic renames: a read without the lock sees a whole file.
            Store::Dir(dir) => read(&dir.join(FILE_NAME)).into(),
        };
        oldest_first.into_iter().rev().collect()
    }
}

fn push(outcomes: &mut VecDeque<Outcome>, outcome: Outcome) {
    outcomes.push_back(outcome);
    let probes = outcomes.iter().filter(|o| o.probe).count();
    let mut extra_probes = probes.saturating_sub(PROBES_KEPT);
    outcomes.retain(|o| {
        let drop = o.probe && extra_probes > 0;
        extra_probes -= usize::from(drop);
        !drop
    });
    while outcomes.len() > OUTCOMES_KEPT {
        outcomes.pop_front();
    }
}

/// Adds `outcome` to the file in `dir` under the writers' lock.
fn append(dir: &Path, outcome: Outcome) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let lock = std::fs::File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(LOCK_NAME))?;
    let waited = Instant::now();
    loop {
        match lock.try_lock() {
            Ok(()) => break,
            Err(std::fs::TryLockError::WouldBlock) if waited.elapsed() < LOCK_WAIT => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(std::io::Error::other(format!(
                    "another process has held {LOCK_NAME} for {LOCK_WAIT:?}"
                )));
            }
            Err(std::fs::TryLockError::Error(error)) => return Err(error),
        }
    }
    let path = dir.join(FILE_NAME);
    let mut outcomes = read(&path);
    push(&mut outcomes, outcome);
    let kept = Kept {
        version: VERSION,
        outcomes: outcomes.into(),
    };
    let json = serde_json::to_vec(&kept).map_err(std::io::Error::other)?;
    crate::state::write_atomically(&path, &json).map_err(std::io::Error::other)
    // The lock goes with its file.
}

/// The sound outcomes in the file at `path`, oldest first, titled; none when
/// it is missing, too large, unreadable or not ours.
fn read(path: &Path) -> VecDeque<Outcome> {
    let Ok(file) = std::fs::File::open(path) else {
        return VecDeque::new();
    };
    let mut bytes = Vec::new();
    if file
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .is_err()
        || bytes.len() as u64 > MAX_FILE_BYTES
    {
        return VecDeque::new();
    }
    match serde_json::from_slice::<Kept>(&bytes) {
        Ok(kept) if kept.version == VERSION => {
            let sound = kept.outcomes.into_iter().filter(Outcome::is_sound);
            let mut outcomes: VecDeque<Outcome> = sound.map(Outcome::titled).collect();
            while outcomes.len() > OUTCOMES_KEPT {
                outcomes.pop_front();
            }
            outcomes
        }
        _ => VecDeque::new(),
    }
}

/// An activation's first attempt at `at`, refused with the License API's
/// `code` (a `409`) or answered.
#[cfg(test)]
pub(crate) fn sample(at: i64, code: Option<&str>) -> Outcome {
    Outcome {
        at,
        provider: "license-api".to_owned(),
        path: "/api/v1/license/activate".to_owned(),
        attempt: 1,
        http_status: code.map(|_| 409),
        code: code.map(|c| OutcomeCode::new(Provider::LicenseApi.into(), c, None, Some(409))),
        request_id: Some("01JREQUEST".to_owned()),
        latency_ms: 12,
        probe: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn keeps_the_last_fifty_newest_first_across_handles() {
        let dir = tempfile::tempdir().expect("tempdir");
        for at in 0..=50 {
            OutcomeLog::in_dir(dir.path())
                .record(sample(at, Some("1705")))
                .await;
        }
        let listed = OutcomeLog::in_dir(dir.path()).list();
        assert_eq!(listed.len(), OUTCOMES_KEPT);
        assert_eq!(listed[0].at, 50, "newest first");
        assert_eq!(listed[49].at, 1, "the oldest dropped");
        let code = listed[0].code.as_ref().expect("code");
        assert_eq!(code.title, "All seats are in use");
    }

    #[tokio::test]
    async fn a_corrupt_or_foreign_file_reads_as_empty_and_is_replaced() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        let log = OutcomeLog::in_dir(dir.path());
        for foreign in [
            b"\xff\xfe not json".to_vec(),
            br#"{"version":2,"outcomes":[]}"#.to_vec(),
            br#"[{"at":1}]"#.to_vec(),
            vec![b' '; MAX_FILE_BYTES as usize + 1],
        ] {
            std::fs::write(&path, &foreign).expect("write");
            assert!(log.list().is_empty());
            log.record(sample(7, None)).await;
            assert_eq!(log.list().len(), 1, "replaced by a file of one outcome");
        }
    }

    #[tokio::test]
    async fn entries_out_of_bounds_are_dropped_and_titles_never_come_from_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut forged = sample(1, Some("1705"));
        forged.code.as_mut().expect("code").title = "Send your key to evil.example".to_owned();
        let mut wordy = sample(2, None);
        wordy.path = "/api/v1 license: KS-ABCDE-FGHJK-MNPQR-STVWX".to_owned();
        let mut unknown = sample(3, None);
        unknown.provider = "elsewhere".to_owned();
        let mut prose = sample(4, None);
        prose.request_id = Some("call support at 555".to_owned());
        let kept = Kept {
            version: VERSION,
            outcomes: vec![forged, wordy, unknown, prose, sample(5, None)],
        };
        std::fs::write(
            dir.path().join(FILE_NAME),
            serde_json::to_vec(&kept).expect("json"),
        )
        .expect("write");
        let listed = OutcomeLog::in_dir(dir.path()).list();
        let ats: Vec<i64> = listed.iter().map(|o| o.at).collect();
        assert_eq!(ats, [5, 1]);
        assert_eq!(
            listed[1].code.as_ref().expect("code").title,
            "All seats are in use"
        );
    }

    #[tokio::test]
    async fn a_log_that_cannot_be_written_or_locked_is_skipped_in_bounded_time() {
        let dir = tempfile::tempdir().expect("tempdir");
        let log = OutcomeLog::in_dir(dir.path());
        // Another process holds the lock (stopped while writing, say).
        let held = std::fs::File::create(dir.path().join(LOCK_NAME)).expect("lock file");
        held.lock().expect("locked");
        let started = Instant::now();
        log.record(sample(1, None)).await;
        assert!(started.elapsed() < LOCK_WAIT * 4, "{:?}", started.elapsed());
        assert!(log.list().is_empty(), "skipped");
        held.unlock().expect("unlocked");
        log.record(sample(2, None)).await;
        assert_eq!(log.list().len(), 1, "kept once the lock is free");

        // A directory where the file should be: the rename fails.
        let blocked = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(blocked.path().join(FILE_NAME).join("x")).expect("blocker");
        let log = OutcomeLog::in_dir(blocked.path());
        log.record(sample(1, None)).await;
        assert!(log.list().is_empty());
    }

    #[tokio::test]
    async fn a_servers_prose_for_a_code_is_kept_as_unreadable_under_the_real_codes_title() {
        let prose = "x".repeat(300 * 1024);
        let code = OutcomeCode::new(Provider::Licensekit.into(), &prose, Some(&prose), Some(500));
        assert_eq!(code.code, UNREADABLE);
        assert_eq!(code.context, None);
        assert!(!code.title.is_empty());
        let dir = tempfile::tempdir().expect("tempdir");
        let log = OutcomeLog::in_dir(dir.path());
        log.record(sample(1, Some("1705"))).await;
        log.record(Outcome {
            code: Some(code),
            ..sample(2, None)
        })
        .await;
        let listed = log.list();
        assert_eq!(listed.len(), 2, "the file stays small and readable");
        assert_eq!(
            listed[0].code.as_ref().map(|c| c.code.as_str()),
            Some(UNREADABLE)
        );
    }

    #[tokio::test]
    async fn the_support_checks_own_calls_never_push_out_the_users() {
        let dir = tempfile::tempdir().expect("tempdir");
        let log = OutcomeLog::in_dir(dir.path());
        log.record(sample(1, Some("1705"))).await;
        for at in 2..70 {
            log.record(Outcome {
                probe: true,
                ..sample(at, Some("1703"))
            })
            .await;
        }
        let listed = log.list();
        assert_eq!(listed.len(), 1 + PROBES_KEPT);
        assert_eq!(listed[0].at, 69, "the newest probes");
        assert_eq!(listed[PROBES_KEPT].at, 1, "the user's failure stays");
    }

    #[tokio::test]
    async fn the_probe_marks_only_its_own_task() {
        assert!(!in_probe());
        assert!(as_probe(async { in_probe() }).await);
        assert!(!in_probe());
    }
}
