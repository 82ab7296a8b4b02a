//! The shared store against a real `redis-server`, two `SharedStore`s on one
//! Redis standing in for two replicas.

use std::net::IpAddr;
use std::time::{Duration, Instant};

use keyslot_server::Limits;
use keyslot_server::shared_store::{Refusal, SharedStore, connect};

use crate::redis::Redis;
use crate::support::nonce;

const SALT: [u8; 32] = [7; 32];
const LICENSE_KEY: &str = "KS-SHARED-STORE-TEST-KEY";

/// Three requests a minute per key and per IP.
fn three_a_minute() -> Limits {
    Limits {
        key_rate: 3,
        ip_rate: 3,
        ..Limits::default()
    }
}

async fn replica(redis: &Redis) -> SharedStore {
    connect(&redis.url(), &three_a_minute(), SALT)
        .await
        .expect("connects")
}

fn ip(text: &str) -> IpAddr {
    text.parse().expect("an address")
}

/// Whether `refusal` is a rate limit until the next request is due: 3/min
/// with a burst of 3 is one request every 20 s once the burst is spent
/// (as `governor`'s `Quota::per_minute(3)`).
fn waits_for_the_next_request(refusal: Result<(), Refusal>) -> bool {
    matches!(refusal, Err(Refusal::RateLimited { retry_after }) if (19..=20).contains(&retry_after))
}

#[tokio::test]
async fn a_nonce_seen_at_one_replica_is_replayed_at_the_other() {
    let redis = Redis::start();
    let (a, b) = (replica(&redis).await, replica(&redis).await);
    let (first, second) = (nonce(), nonce());

    assert_eq!(a.check_nonce(&first).await, Ok(()));
    assert_eq!(b.check_nonce(&first).await, Err(Refusal::Replayed));
    assert_eq!(a.check_nonce(&first).await, Err(Refusal::Replayed));
    assert_eq!(b.check_nonce(&second).await, Ok(()));
}

#[tokio::test]
async fn replicas_share_a_license_keys_budget() {
    let redis = Redis::start();
    let (a, b) = (replica(&redis).await, replica(&redis).await);

    assert_eq!(a.check_key(LICENSE_KEY).await, Ok(()));
    assert_eq!(b.check_key(LICENSE_KEY).await, Ok(()));
    assert_eq!(a.check_key(LICENSE_KEY).await, Ok(()));
    let refused = b.check_key(LICENSE_KEY).await;
    assert!(waits_for_the_next_request(refused), "{refused:?}");
    assert!(waits_for_the_next_request(a.check_key(LICENSE_KEY).await));
    assert_eq!(b.check_key("KS-ANOTHER-KEY").await, Ok(()));
}

#[tokio::test]
async fn a_spent_budget_takes_a_request_again_after_retry_after() {
    let redis = Redis::start();
    let limits = Limits {
        key_rate: 60,
        ..Limits::default()
    };
    let (a, b) = (
        connect(&redis.url(), &limits, SALT)
            .await
            .expect("connects"),
        connect(&redis.url(), &limits, SALT)
            .await
            .expect("connects"),
    );
    for replica in [&a, &b].into_iter().cycle().take(60) {
        assert_eq!(replica.check_key(LICENSE_KEY).await, Ok(()));
    }
    let Err(Refusal::RateLimited { retry_after }) = a.check_key(LICENSE_KEY).await else {
        panic!("the 61st request in a minute was taken");
    };
    assert_eq!(retry_after, 1);
    tokio::time::sleep(Duration::from_secs(retry_after)).await;
    assert_eq!(b.check_key(LICENSE_KEY).await, Ok(()));
    assert!(matches!(
        a.check_key(LICENSE_KEY).await,
        Err(Refusal::RateLimited { .. })
    ));
}

#[tokio::test]
async fn replicas_share_an_ips_budget_ipv6_by_its_64() {
    let redis = Redis::start();
    let (a, b) = (replica(&redis).await, replica(&redis).await);

    assert_eq!(a.check_ip(ip("2001:db8:1:2::1")).await, Ok(()));
    assert_eq!(b.check_ip(ip("2001:db8:1:2::2")).await, Ok(()));
    assert_eq!(a.check_ip(ip("2001:db8:1:2:ffff::")).await, Ok(()));
    let refused = b.check_ip(ip("2001:db8:1:2:ffff:ffff:ffff:ffff")).await;
    assert!(waits_for_the_next_request(refused), "{refused:?}");
    assert_eq!(a.check_ip(ip("2001:db8:1:3::1")).await, Ok(()));

    for _ in 0..3 {
        assert_eq!(a.check_ip(ip("203.0.113.1")).await, Ok(()));
    }
    assert!(waits_for_the_next_request(
        b.check_ip(ip("::ffff:203.0.113.1")).await
    ));
    assert_eq!(b.check_ip(ip("203.0.113.2")).await, Ok(()));
}

#[tokio::test]
async fn redis_holds_no_license_key_nor_nonce_and_everything_expires() {
    let redis = Redis::start();
    let store = replica(&redis).await;
    let nonce = nonce();
    store.check_nonce(&nonce).await.expect("fresh");
    store.check_key(LICENSE_KEY).await.expect("within budget");
    store
        .check_ip(ip("203.0.113.1"))
        .await
        .expect("within budget");

    let mut raw = ::redis::Client::open(redis.url())
        .expect("a URL")
        .get_multiplexed_async_connection()
        .await
        .expect("connects");
    let keys: Vec<String> = ::redis::cmd("KEYS")
        .arg("*")
        .query_async(&mut raw)
        .await
        .expect("KEYS");
    assert_eq!(keys.len(), 3, "{keys:?}");
    for key in &keys {
        assert!(key.starts_with("keyslot:"), "{key}");
        assert!(!key.contains(LICENSE_KEY) && !key.contains(&nonce), "{key}");
        let value: String = ::redis::cmd("GET")
            .arg(key)
            .query_async(&mut raw)
            .await
            .expect("GET");
        assert!(!value.contains(LICENSE_KEY) && !value.contains(&nonce));
        let ttl_ms: i64 = ::redis::cmd("PTTL")
            .arg(key)
            .query_async(&mut raw)
            .await
            .expect("PTTL");
        // A nonce for 900 s; a bucket until it is full again (one request: 20 s).
        let most = if key.starts_with("keyslot:nonce:") {
            keyslot_server::shared_store::NONCE_TTL_SECS * 1000
        } else {
            20_000
        };
        assert!((1..=most).contains(&ttl_ms), "{key} expires in {ttl_ms} ms");
    }
}

/// Runs `check` and says how long it took.
async fn timed<T>(check: impl Future<Output = T>) -> (T, Duration) {
    let started = Instant::now();
    let outcome = check.await;
    (outcome, started.elapsed())
}

#[tokio::test]
async fn a_stopped_redis_is_unavailable_within_a_second() {
    let mut redis = Redis::start();
    let store = replica(&redis).await;
    assert!(store.ping().await.is_ok());
    redis.stop();

    for _ in 0..3 {
        let (outcome, took) = timed(store.check_nonce(&nonce())).await;
        assert_eq!(outcome, Err(Refusal::Unavailable));
        assert!(took < Duration::from_secs(1), "took {took:?}");
        let (outcome, took) = timed(store.check_key(LICENSE_KEY)).await;
        assert_eq!(outcome, Err(Refusal::Unavailable));
        assert!(took < Duration::from_secs(1), "took {took:?}");
        let (outcome, took) = timed(store.ping()).await;
        assert_eq!(outcome, Err(Refusal::Unavailable));
        assert!(took < Duration::from_secs(1), "took {took:?}");
    }
}

#[tokio::test]
async fn a_hung_redis_is_unavailable_within_a_second() {
    let redis = Redis::start();
    let store = replica(&redis).await;
    redis.freeze(true);

    let (outcome, took) = timed(store.check_ip(ip("203.0.113.1"))).await;
    assert_eq!(outcome, Err(Refusal::Unavailable));
    assert!(took < Duration::from_secs(1), "took {took:?}");
    let (outcome, took) = timed(store.check_nonce(&nonce())).await;
    assert_eq!(outcome, Err(Refusal::Unavailable));
    assert!(took < Duration::from_secs(1), "took {took:?}");

    redis.freeze(false);
    assert!(answers_within(&store, Duration::from_secs(5)).await);
}

/// Whether `store` takes a fresh nonce within `limit`, trying every 50 ms.
async fn answers_within(store: &SharedStore, limit: Duration) -> bool {
    let started = Instant::now();
    while started.elapsed() < limit {
        if store.check_nonce(&nonce()).await.is_ok() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}

#[tokio::test]
async fn a_restarted_redis_is_used_again_without_reconnecting_by_hand() {
    let mut redis = Redis::start();
    let store = replica(&redis).await;
    assert_eq!(store.check_key(LICENSE_KEY).await, Ok(()));
    redis.stop();
    assert_eq!(store.check_nonce(&nonce()).await, Err(Refusal::Unavailable));

    redis.start_again();
    assert!(answers_within(&store, Duration::from_secs(5)).await);
    // The new Redis has an empty script cache: the rate script is loaded again.
    assert_eq!(store.check_key(LICENSE_KEY).await, Ok(()));
    assert!(store.ping().await.is_ok());
}

#[tokio::test]
async fn an_unreachable_redis_fails_at_start_with_a_clear_message() {
    let mut redis = Redis::start();
    let url = redis.url();
    redis.stop();

    let (outcome, took) = timed(connect(&url, &three_a_minute(), SALT)).await;
    let Err(error) = outcome else {
        panic!("connected to a stopped Redis");
    };
    let message = format!("{error:#}");
    assert!(
        message.starts_with("cannot use the shared store, Redis at 127.0.0.1:")
            && message.contains("Connection refused"),
        "{message}"
    );
    assert!(took < Duration::from_secs(6), "took {took:?}");
}

#[tokio::test]
async fn the_urls_password_is_never_printed() {
    let redis = Redis::with_password(Some("open-sesame-7f3a"));
    let store = connect(&redis.url(), &three_a_minute(), SALT)
        .await
        .expect("the right password connects");
    assert_eq!(store.check_nonce(&nonce()).await, Ok(()));
    assert!(!format!("{store:?}").contains("open-sesame"));

    let wrong = redis.url().replace("open-sesame-7f3a", "wrong-guess-9c1d");
    let Err(error) = connect(&wrong, &three_a_minute(), SALT).await else {
        panic!("a wrong password connected");
    };
    let message = format!("{error:#} {error:?}");
    assert!(message.contains("127.0.0.1:"), "{message}");
    assert!(!message.contains("wrong-guess"), "{message}");

    let Err(error) = connect("redis://:wrong-guess-9c1d@[bad", &three_a_minute(), SALT).await
    else {
        panic!("a malformed URL connected");
    };
    let message = format!("{error:#} {error:?}");
    assert!(!message.contains("wrong-guess"), "{message}");
}
