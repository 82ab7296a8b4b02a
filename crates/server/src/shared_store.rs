//! The replay cache and the rate limits of checks 5–7, shared by replicas
//! through Redis (`--shared-store redis://…`).
//!
//! Every key starts with `keyslot:`, and every key expires: a nonce's after
//! [`NONCE_TTL_SECS`], a rate bucket's once it is full again.
//! Redis holds no secret and no nonce: a license key's bucket is named by an
//! HMAC of the key under the replicas' shared salt, a nonce by the first 128
//! bits of its SHA-256; an IP's bucket by its address (IPv6 by /64).
//!
//! The rates are GCRA with the semantics of `governor`'s
//! `Quota::per_minute(rate)` ([`crate::limits`]), as one Lua script that reads
//! the time from Redis, so replicas with skewed clocks share one budget.
//!
//! Redis is asked with short timeouts and the connection is re-opened in the
//! background after a failure; while Redis cannot answer, every check is
//! [`Refusal::Unavailable`] (fail closed).

use std::net::IpAddr;
use std::sync::{Arc, LazyLock};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use hmac::{Hmac, KeyInit, Mac};
use keyslot_protocol::{MAX_CLOCK_SKEW_SECS, NONCE_RETENTION_SECS};
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{RedisResult, Script};
use sha2::{Digest, Sha256};

use crate::Limits;
use crate::limits::ip_bucket;

/// How long Redis holds a nonce: the protocol's [`NONCE_RETENTION_SECS`]
/// (a request is within one server's clock window for that long), and as
/// long again as the window's half, [`MAX_CLOCK_SKEW_SECS`], so that
/// replicas whose clocks differ by up to that much still refuse every
/// replay (a replica behind another accepts a timestamp for longer).
pub const NONCE_TTL_SECS: i64 = NONCE_RETENTION_SECS + MAX_CLOCK_SKEW_SECS;

/// How long connecting, and then each answer, may take.
const TIMEOUT: Duration = Duration::from_millis(250);

/// How long one check may take in all, waiting for a reconnection included.
const DEADLINE: Duration = Duration::from_millis(400);

/// How long [`connect`] may take, its retries included.
const CONNECT_DEADLINE: Duration = Duration::from_secs(5);

/// At most one warning about an unavailable Redis per this period.
const WARN_EVERY: Duration = Duration::from_secs(10);

/// GCRA on one bucket: `KEYS[1]` holds its theoretical arrival time (µs, on
/// Redis's clock); `ARGV[1]` is the emission interval and `ARGV[2]` the
/// tolerance (the burst beyond the first request), in µs. Returns 0 and
/// takes one request, or returns the µs to wait.
static GCRA: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local tat = tonumber(redis.call('GET', KEYS[1])) or now
local earliest = tat - tonumber(ARGV[2])
if now < earliest then
  return earliest - now
end
tat = math.max(tat, now) + tonumber(ARGV[1])
redis.call('SET', KEYS[1], string.format('%d', tat), 'PX', math.ceil((tat - now) / 1000))
return 0
",
    )
});

/// Why a shared check refused a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The bucket is empty: `1706`, retry after this many seconds (at least 1).
    RateLimited {
        /// Seconds until the bucket holds a request again, rounded up.
        retry_after: u64,
    },
    /// A replica saw this nonce in the last [`NONCE_TTL_SECS`] seconds.
    Replayed,
    /// Redis did not answer, or answered with an error: `1711`.
    Unavailable,
}

/// The replay cache and rate buckets in Redis, shared by every replica
/// connected to it. Cheap to clone.
#[derive(Clone)]
pub struct SharedStore(Arc<Inner>);

struct Inner {
    redis: ConnectionManager,
    /// Where Redis is (`host:port`, never the password), for messages.
    at: String,
    ip: Rate,
    key: Rate,
    /// HMAC-SHA256 keyed with the salt, names license keys' buckets.
    key_mac: Hmac<Sha256>,
    warnings: DefaultDirectRateLimiter,
}

/// A per-minute quota as GCRA's emission interval and tolerance, in µs.
#[derive(Clone, Copy)]
struct Rate {
    interval: u64,
    tolerance: u64,
}

impl Rate {
    /// `Quota::per_minute(rate)`: one request per 60/`rate` s, a burst of
    /// `rate` (0 counts as 1). The interval is at least 1 µs, which caps
    /// the rate at 60 million a minute.
    fn per_minute(rate: u32) -> Self {
        let rate = u64::from(rate.max(1));
        let interval = (60_000_000 / rate).max(1);
        Self {
            interval,
            tolerance: interval * (rate - 1),
        }
    }
}

/// Connects to Redis at `url` (which may carry a password; it is never
/// printed) and checks that it answers and runs scripts.
/// `key_salt` names the license keys' buckets: replicas must share it.
pub async fn connect(
    url: &str,
    limits: &Limits,
    key_salt: [u8; 32],
) -> anyhow::Result<SharedStore> {
    let client = redis::Client::open(url)
        .map_err(|e| anyhow::anyhow!("the shared store's URL is not a Redis URL: {e}"))?;
    let at = client.get_connection_info().addr().to_string();
    let config = ConnectionManagerConfig::new()
        .set_connection_timeout(Some(TIMEOUT))
        .set_response_timeout(Some(TIMEOUT))
        .set_number_of_retries(3)
        .set_min_delay(Duration::from_millis(50))
        .set_max_delay(Duration::from_secs(1));
    let start = async {
        let mut redis = ConnectionManager::new_with_config(client, config).await?;
        GCRA.prepare_invoke().load_async(&mut redis).await?;
        RedisResult::Ok(redis)
    };
    let redis = match tokio::time::timeout(CONNECT_DEADLINE, start).await {
        // Redis's errors print their cause already.
        Ok(connected) => connected.map_err(|e| anyhow::anyhow!("{e}")),
        Err(_) => Err(anyhow::anyhow!("no answer in {CONNECT_DEADLINE:?}")),
    }
    .with_context(|| format!("cannot use the shared store, Redis at {at}"))?;
    // A key of its own, from the salt: the buckets' names are not the
    // request log's key hashes, so the two cannot be matched.
    let mut derive =
        <Hmac<Sha256> as KeyInit>::new_from_slice(&key_salt).expect("HMAC takes any key length");
    derive.update(b"keyslot shared store: license key buckets");
    let key_mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&derive.finalize().into_bytes())
        .expect("HMAC takes any key length");
    Ok(SharedStore(Arc::new(Inner {
        redis,
        at,
        ip: Rate::per_minute(limits.ip_rate),
        key: Rate::per_minute(limits.key_rate),
        key_mac,
        warnings: RateLimiter::direct(Quota::with_period(WARN_EVERY).expect("a period")),
    })))
}

impl SharedStore {
    /// Takes one request from the client IP's bucket (check 5): the same
    /// bucket as [`crate::limits::RateLimits::check_ip`].
    pub async fn check_ip(&self, ip: IpAddr) -> Result<(), Refusal> {
        self.take(format!("keyslot:ip:{}", ip_bucket(ip)), self.0.ip)
            .await
    }

    /// Records `nonce` (check 6), or says a replica saw it in the last
    /// [`NONCE_TTL_SECS`] seconds.
    pub async fn check_nonce(&self, nonce: &str) -> Result<(), Refusal> {
        let digest = Sha256::digest(nonce.as_bytes());
        let mut set = redis::cmd("SET");
        set.arg(format!("keyslot:nonce:{}", hex::encode(&digest[..16])))
            .arg(1)
            .arg("NX")
            .arg("EX")
            .arg(NONCE_TTL_SECS);
        let mut redis = self.0.redis.clone();
        // `OK` if the nonce was new, nil if it is held.
        let set: Option<String> = self.ask(set.query_async(&mut redis)).await?;
        match set {
            Some(_) => Ok(()),
            None => Err(Refusal::Replayed),
        }
    }

    /// Takes one request from the license key's bucket (check 7).
    pub async fn check_key(&self, key: &str) -> Result<(), Refusal> {
        let mut mac = self.0.key_mac.clone();
        mac.update(key.as_bytes());
        let tag = mac.finalize().into_bytes();
        self.take(
            format!("keyslot:key:{}", hex::encode(&tag[..16])),
            self.0.key,
        )
        .await
    }

    /// How long Redis takes to answer a `PING`, for `/healthz`.
    pub async fn ping(&self) -> Result<Duration, Refusal> {
        let started = Instant::now();
        let mut redis = self.0.redis.clone();
        let _pong: String = self.ask(redis::cmd("PING").query_async(&mut redis)).await?;
        Ok(started.elapsed())
    }

    /// Takes one request from `bucket`, which holds `rate`.
    async fn take(&self, bucket: String, rate: Rate) -> Result<(), Refusal> {
        let mut gcra = GCRA.prepare_invoke();
        gcra.key(bucket).arg(rate.interval).arg(rate.tolerance);
        let mut redis = self.0.redis.clone();
        let wait: u64 = self.ask(gcra.invoke_async(&mut redis)).await?;
        match wait {
            0 => Ok(()),
            micros => Err(Refusal::RateLimited {
                retry_after: micros.div_ceil(1_000_000),
            }),
        }
    }

    /// Redis's answer, or [`Refusal::Unavailable`] if it has none within
    /// [`DEADLINE`] or answers with an error.
    async fn ask<T>(&self, answer: impl Future<Output = RedisResult<T>>) -> Result<T, Refusal> {
        let error = match tokio::time::timeout(DEADLINE, answer).await {
            Ok(Ok(answer)) => return Ok(answer),
            Ok(Err(e)) => e.to_string(),
            Err(_) => format!("no answer in {DEADLINE:?}"),
        };
        if self.0.warnings.check().is_ok() {
            tracing::warn!(redis = %self.0.at, %error, "shared store unavailable; refusing requests");
        }
        Err(Refusal::Unavailable)
    }
}

impl std::fmt::Debug for SharedStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedStore")
            .field("redis", &self.0.at)
            .finish_non_exhaustive()
    }
}
