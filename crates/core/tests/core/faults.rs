//! The native client against a scripted wiremock server: the fault paths a
//! real server can't produce on demand (5xx pages, truncated bodies, forged or
//! missing signatures, clock skew, slow answers, dead networks), driven only
//! through the public API of the License API's dialect, over the shared
//! transport.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, UNIX_EPOCH};

use keyslot_core::catalog::{Action, Kind, Provider};
use keyslot_core::clock::{Clock, ManualClock, RandomNonces, SystemClock};
use keyslot_core::deadline::Deadline;
use keyslot_core::dialects::Dialect;
use keyslot_core::dialects::license_api::LicenseApi;
use keyslot_core::error::{ApiFailure, LicenseError, NetworkFailure};
use keyslot_core::key::LicenseKey;
use keyslot_core::sensitive::Sensitive;
use keyslot_core::transport::{OutcomeLog, RetryPolicy, Timeouts, Wiring};
use keyslot_protocol::{
    ErrorCode, ErrorEnvelope, LicenseState, Machine, SignedHeaders, StatusRequest, headers, paths,
    sign_response, verify_request,
};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const SECRET: &str = "wiremock-shared-secret";
const FINGERPRINT: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
/// Retries in milliseconds rather than seconds.
const FAST: RetryPolicy = RetryPolicy {
    base: Duration::from_millis(10),
    cap: Duration::from_millis(100),
    max_attempts: 5,
};
const DEADLINE: Duration = Duration::from_secs(10);
/// 2026-01-01T00:00:00Z, the client's (manual) clock in the skew tests.
const T: i64 = 1_767_225_600;

/// How the scripted server signs one answer.
#[derive(Debug, Clone, Copy)]
enum Sig {
    /// Over the request's nonce, the status and the body, as the protocol says.
    Valid,
    /// No `x-license-signature` at all.
    Missing,
    /// Over a nonce other than the request's (a replayed answer).
    OtherNonce,
    /// Over a body other than the one sent (an altered answer).
    OtherBody,
}

#[derive(Debug, Clone)]
enum Body {
    Json(Value),
    /// The protocol's error envelope, its `request_id` the answer's.
    Envelope(ErrorCode),
    /// Bytes as they are, with a content type.
    Raw(&'static str, &'static str),
}

/// One scripted answer.
#[derive(Debug, Clone)]
struct Reply {
    status: u16,
    body: Body,
    sig: Sig,
    retry_after: Option<u64>,
    /// `Date`, in unix seconds (else hyper sets the real time).
    date: Option<i64>,
    delay: Option<Duration>,
}

impl Reply {
    fn new(status: u16, body: Body) -> Self {
        Self {
            status,
            body,
            sig: Sig::Valid,
            retry_after: None,
            date: None,
            delay: None,
        }
    }

    /// A signed 200 `/status` answer.
    fn ok() -> Self {
        Self::new(200, Body::Json(status_body()))
    }

    /// A signed envelope with the code's own HTTP status.
    fn envelope(code: ErrorCode) -> Self {
        Self::new(code.http_status(), Body::Envelope(code))
    }

    fn raw(status: u16, body: &'static str, mime: &'static str) -> Self {
        Self::new(status, Body::Raw(body, mime))
    }

    fn sig(self, sig: Sig) -> Self {
        Self { sig, ..self }
    }

    fn unsigned(self) -> Self {
        self.sig(Sig::Missing)
    }

    fn retry_after(self, secs: u64) -> Self {
        Self {
            retry_after: Some(secs),
            ..self
        }
    }

    fn date(self, unix: i64) -> Self {
        Self {
            date: Some(unix),
            ..self
        }
    }

    fn delay(self, delay: Duration) -> Self {
        Self {
            delay: Some(delay),
            ..self
        }
    }
}

/// Answers the n-th request with the n-th reply (the last one repeats),
/// signing each over the nonce of the request it answers.
struct Script {
    replies: Vec<Reply>,
    served: AtomicUsize,
}

impl Respond for Script {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let n = self.served.fetch_add(1, Ordering::SeqCst);
        let reply = &self.replies[n.min(self.replies.len() - 1)];
        let request_id = format!("req-{}", n + 1);
        let (body, mime) = match &reply.body {
            Body::Json(value) => (
                serde_json::to_vec(value).expect("JSON body serializes"),
                "application/json",
            ),
            Body::Envelope(code) => {
                let envelope = ErrorEnvelope::new(*code, code.name(), None, request_id.clone());
                (
                    serde_json::to_vec(&envelope).expect("envelope serializes"),
                    "application/json",
                )
            }
            Body::Raw(text, mime) => (text.as_bytes().to_vec(), *mime),
        };
        let nonce = header(request, headers::NONCE).unwrap_or_default();
        let signature = match reply.sig {
            Sig::Valid => Some(sign_response(nonce, reply.status, &body, SECRET.as_bytes())),
            Sig::Missing => None,
            Sig::OtherNonce => Some(sign_response(
                "replayed-nonce-0123456789",
                reply.status,
                &body,
                SECRET.as_bytes(),
            )),
            Sig::OtherBody => Some(sign_response(nonce, reply.status, b"{}", SECRET.as_bytes())),
        };
        let mut template =
            ResponseTemplate::new(reply.status).insert_header(headers::REQUEST_ID, request_id);
        if let Some(signature) = signature {
            template = template.insert_header(headers::SIGNATURE, signature);
        }
        if let Some(secs) = reply.retry_after {
            template = template.insert_header("retry-after", secs.to_string());
        }
        if let Some(unix) = reply.date {
            template = template.insert_header("date", http_date(unix));
        }
        if let Some(delay) = reply.delay {
            template = template.set_delay(delay);
        }
        template.set_body_raw(body, mime)
    }
}

fn http_date(unix: i64) -> String {
    let secs = u64::try_from(unix).expect("a time after 1970");
    httpdate::fmt_http_date(UNIX_EPOCH + Duration::from_secs(secs))
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name)?.to_str().ok()
}

/// A server answering `POST path` with `replies`, in order.
async fn serve_at(endpoint: &str, replies: Vec<Reply>) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(endpoint))
        .respond_with(Script {
            replies,
            served: AtomicUsize::new(0),
        })
        .mount(&server)
        .await;
    server
}

async fn serve(replies: Vec<Reply>) -> MockServer {
    serve_at(paths::STATUS, replies).await
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .expect("request recording is on")
}

/// The request's signature headers, after checking the signature itself.
fn verified(request: &Request) -> SignedHeaders<'_> {
    let signed = SignedHeaders::parse(
        header(request, headers::TIMESTAMP),
        header(request, headers::NONCE),
        header(request, headers::SIGNATURE),
    )
    .expect("the three signing headers, well-formed");
    verify_request(
        "POST",
        request.url.path(),
        &signed,
        &request.body,
        SECRET.as_bytes(),
    )
    .expect("the request signature verifies");
    signed
}

/// Every request was signed, each with a nonce of its own.
fn assert_fresh_nonces(requests: &[Request]) {
    let nonces: HashSet<&str> = requests.iter().map(|r| verified(r).nonce).collect();
    assert_eq!(nonces.len(), requests.len(), "a nonce was reused");
}

fn connect(
    base: &str,
    clock: Arc<dyn Clock>,
    policy: RetryPolicy,
    timeouts: Timeouts,
) -> Result<Dialect, LicenseError> {
    let wiring = Wiring {
        server: base.to_owned(),
        clock,
        nonces: Arc::new(RandomNonces),
        policy,
        timeouts,
        outcomes: OutcomeLog::default(),
    };
    LicenseApi::new(&wiring, Sensitive::new(SECRET.to_owned())).map(Dialect::LicenseApi)
}

fn client_with(
    base: &str,
    clock: Arc<dyn Clock>,
    policy: RetryPolicy,
    timeouts: Timeouts,
) -> Dialect {
    connect(base, clock, policy, timeouts).expect("client builds")
}

/// A client of `server` whose clock reads `now`.
fn client_at(server: &MockServer, now: i64) -> Dialect {
    client_with(
        &server.uri(),
        Arc::new(ManualClock::new(now)),
        FAST,
        Timeouts::default(),
    )
}

fn client(server: &MockServer) -> Dialect {
    client_with(
        &server.uri(),
        Arc::new(SystemClock),
        FAST,
        Timeouts::default(),
    )
}

const KEY: &str = "KS-ABCDE-FGHJK-MNPQR-STVWX";

fn key() -> LicenseKey {
    LicenseKey::parse(KEY).expect("a key")
}

fn machine() -> Machine {
    Machine {
        fingerprint: FINGERPRINT.to_owned(),
        name: "Ada's laptop".to_owned(),
        platform: "linux-x86_64".to_owned(),
    }
}

fn within(time: Duration) -> Deadline {
    Deadline::after(time)
}

/// What a status request carries.
fn status_request() -> StatusRequest {
    StatusRequest {
        license_key: KEY.to_owned(),
        fingerprint: FINGERPRINT.to_owned(),
    }
}

/// The request id of the last answer the client logged.
fn last_request_id(client: &Dialect) -> Option<String> {
    client.outcomes().first().and_then(|o| o.request_id.clone())
}

fn status_body() -> Value {
    json!({
        "license": {
            "state": "ACTIVE",
            "max_activations": 3,
            "used_activations": 1,
            "expires_at": null
        },
        "activation": {
            "id": "act_1",
            "fingerprint": FINGERPRINT,
            "name": "Ada's laptop",
            "platform": "linux-x86_64",
            "created_at": "2026-01-01T00:00:00Z",
            "last_seen_at": "2026-01-02T00:00:00Z"
        }
    })
}

fn api(error: &LicenseError) -> &ApiFailure {
    match error {
        LicenseError::Api(failure) => failure,
        other => panic!("expected an API error, got {other:?}"),
    }
}

fn id(n: u32) -> Option<String> {
    Some(format!("req-{n}"))
}

#[tokio::test]
async fn a_signed_answer_decodes_and_the_request_is_signed() {
    let server = serve(vec![Reply::ok()]).await;
    let client = client(&server);
    let answer = client
        .status(&key(), &machine(), within(DEADLINE))
        .await
        .expect("a signed 200 is accepted");
    assert_eq!(last_request_id(&client), id(1));
    assert_eq!(client.outcomes().len(), 1, "attempts");
    assert_eq!(answer.license.state, LicenseState::Active);
    assert_eq!(answer.license.max_activations, 3);
    assert_eq!(answer.activation.id, "act_1");

    let requests = requests(&server).await;
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.url.path(), paths::STATUS);
    assert_eq!(header(request, "content-type"), Some("application/json"));
    let sent: StatusRequest = request.body_json().expect("the body is a status request");
    assert_eq!(sent, status_request());
    let signed = verified(request);
    let now = SystemClock.now();
    assert!(
        (signed.timestamp - now).abs() <= 5,
        "timestamp {} is now",
        signed.timestamp
    );
}

#[tokio::test]
async fn server_errors_are_retried_up_to_max_attempts_then_the_last_is_returned() {
    let server = serve(vec![Reply::envelope(ErrorCode::Unavailable)]).await;
    let client = client(&server);
    let error = client
        .status(&key(), &machine(), within(DEADLINE))
        .await
        .expect_err("503 every time");
    let failure = api(&error);
    assert_eq!(failure.code, "1711");
    assert_eq!(failure.http_status, 503);
    assert_eq!(failure.request_id, id(5), "the last answer's error");
    let requests = requests(&server).await;
    assert_eq!(requests.len(), 5);
    assert_fresh_nonces(&requests);
    let outcomes = client.outcomes();
    assert_eq!(outcomes.len(), 5);
    for (n, outcome) in (1..).zip(outcomes.iter().rev()) {
        assert_eq!(outcome.attempt, n, "newest first");
        assert_eq!(outcome.path, paths::STATUS);
        assert_eq!(outcome.http_status, Some(503));
        assert_eq!(outcome.code.as_ref().map(|c| c.code.as_str()), Some("1711"));
        assert_eq!(outcome.request_id, id(n));
    }
}

#[tokio::test]
async fn unsigned_proxy_pages_are_retried_then_reported_as_bad_responses() {
    let pages = [
        (
            502,
            "<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>",
            "text/html",
        ),
        (500, "Internal Server Error", "text/plain"),
    ];
    for (status, page, mime) in pages {
        let server = serve(vec![Reply::raw(status, page, mime).unsigned()]).await;
        let error = client(&server)
            .status(&key(), &machine(), within(DEADLINE))
            .await
            .expect_err("a proxy page every time");
        assert_eq!(
            error,
            LicenseError::BadResponse {
                http_status: status,
                request_id: id(5),
            }
        );
        let requests = requests(&server).await;
        assert_eq!(requests.len(), 5, "HTTP {status}");
        assert_fresh_nonces(&requests);
    }
}

#[tokio::test]
async fn a_503_that_recovers_on_the_third_attempt_succeeds() {
    let unavailable = Reply::envelope(ErrorCode::Unavailable);
    let server = serve(vec![unavailable.clone(), unavailable, Reply::ok()]).await;
    let client = client(&server);
    client
        .status(&key(), &machine(), within(DEADLINE))
        .await
        .expect("the third attempt succeeds");
    assert_eq!(client.outcomes().len(), 3, "attempts");
    assert_eq!(last_request_id(&client), id(3));
    let requests = requests(&server).await;
    assert_eq!(requests.len(), 3);
    assert_fresh_nonces(&requests);
}

#[tokio::test]
async fn retry_after_is_the_floor_of_the_wait() {
    let server = serve(vec![
        Reply::envelope(ErrorCode::RateLimited).retry_after(1),
        Reply::ok(),
    ])
    .await;
    let policy = RetryPolicy {
        max_attempts: 2,
        ..FAST
    };
    let client = client_with(
        &server.uri(),
        Arc::new(SystemClock),
        policy,
        Timeouts::default(),
    );
    let started = Instant::now();
    client
        .status(&key(), &machine(), within(DEADLINE))
        .await
        .expect("the second attempt succeeds");
    let elapsed = started.elapsed();
    assert_eq!(client.outcomes().len(), 2, "attempts");
    assert!(
        elapsed >= Duration::from_secs(1),
        "retried after {elapsed:?}, before Retry-After: 1"
    );
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn a_429_without_retry_after_still_backs_off_and_retries() {
    let server = serve(vec![Reply::envelope(ErrorCode::RateLimited), Reply::ok()]).await;
    let started = Instant::now();
    let client = client(&server);
    client
        .status(&key(), &machine(), within(DEADLINE))
        .await
        .expect("the second attempt succeeds");
    assert_eq!(client.outcomes().len(), 2, "attempts");
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "the fast policy's backoff, not a second"
    );
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn a_retry_after_beyond_the_deadline_returns_at_once() {
    let server = serve(vec![
        Reply::envelope(ErrorCode::RateLimited).retry_after(30),
    ])
    .await;
    let started = Instant::now();
    let error = client(&server)
        .status(&key(), &machine(), within(Duration::from_secs(2)))
        .await
        .expect_err("waiting 30 s would miss the deadline");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "did not wait out the 30 s"
    );
    assert_eq!(api(&error).code, "1706");
    assert_eq!(error.report().retry_after_secs, Some(30));
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn an_unsigned_1707_is_accepted_and_not_retried() {
    let server = serve(vec![Reply::envelope(ErrorCode::SecretNotSet).unsigned()]).await;
    let error = client(&server)
        .status(&key(), &machine(), within(DEADLINE))
        .await
        .expect_err("the server has no secret");
    let failure = api(&error);
    assert_eq!(failure.code, "1707");
    assert_eq!(failure.http_status, 500);
    assert_eq!(
        failure.request_id, None,
        "an unsigned request id is unproven"
    );
    assert_eq!(error.report().kind, Kind::ServerMisconfigured);
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn slow_answers_hit_the_deadline() {
    let server = serve(vec![Reply::ok().delay(Duration::from_secs(5))]).await;
    let started = Instant::now();
    let error = client(&server)
        .status(&key(), &machine(), within(Duration::from_millis(300)))
        .await
        .expect_err("no answer within 300 ms");
    let elapsed = started.elapsed();
    assert_eq!(error, LicenseError::Timeout);
    assert!(
        elapsed >= Duration::from_millis(250),
        "gave up early: {elapsed:?}"
    );
    assert!(
        elapsed < Duration::from_secs(4),
        "did not wait out the 5 s answer: {elapsed:?}"
    );
}

#[tokio::test]
async fn a_slow_attempt_times_out_and_the_next_one_succeeds() {
    let server = serve(vec![Reply::ok().delay(Duration::from_secs(5)), Reply::ok()]).await;
    let timeouts = Timeouts {
        connect: Duration::from_secs(1),
        attempt: Duration::from_millis(200),
    };
    let client = client_with(&server.uri(), Arc::new(SystemClock), FAST, timeouts);
    let started = Instant::now();
    client
        .status(&key(), &machine(), within(DEADLINE))
        .await
        .expect("the second attempt answers at once");
    assert_eq!(client.outcomes().len(), 2, "attempts");
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "did not wait out the 5 s answer"
    );
    assert_eq!(
        client.outcomes()[1].code.as_ref().map(|c| c.code.as_str()),
        Some("timeout"),
        "the first attempt timed out"
    );
}

#[tokio::test]
async fn unreadable_answers_are_bad_responses_and_retried() {
    let answers = [
        Reply::raw(200, r#"{"license": {"#, "application/json"),
        Reply::raw(200, "<html><body>It works!</body></html>", "text/html"),
        Reply::raw(200, r#"{"ok": true}"#, "application/json"),
        Reply::raw(500, "upstream exploded", "text/plain"),
    ];
    for reply in answers {
        let status = reply.status;
        let server = serve(vec![reply.clone()]).await;
        let error = client(&server)
            .status(&key(), &machine(), within(DEADLINE))
            .await
            .expect_err("unreadable every time");
        assert_eq!(
            error,
            LicenseError::BadResponse {
                http_status: status,
                request_id: id(5),
            },
            "{reply:?}"
        );
        assert_eq!(requests(&server).await.len(), 5, "{reply:?}");
    }
}

#[tokio::test]
async fn a_missing_or_wrong_signature_is_tampering_never_a_denial() {
    let answers = [
        (Reply::ok().unsigned(), 200),
        (
            Reply::envelope(ErrorCode::Revoked).sig(Sig::OtherNonce),
            403,
        ),
        (Reply::envelope(ErrorCode::Revoked).sig(Sig::OtherBody), 403),
        (Reply::envelope(ErrorCode::Revoked).unsigned(), 403),
        // Only 1707 may come unsigned; an unsigned 1711 is forged, not retried.
        (Reply::envelope(ErrorCode::Unavailable).unsigned(), 503),
    ];
    for (reply, status) in answers {
        let server = serve(vec![reply.clone()]).await;
        let error = client(&server)
            .status(&key(), &machine(), within(DEADLINE))
            .await
            .expect_err("a forged answer");
        assert_eq!(
            error,
            LicenseError::Tampered {
                http_status: Some(status),
                // As forged as the rest of the answer: not kept.
                request_id: None,
            },
            "{reply:?}"
        );
        assert_eq!(error.report().kind, Kind::Tampered);
        assert_eq!(
            requests(&server).await.len(),
            1,
            "tampering is not retried: {reply:?}"
        );
    }
}

#[tokio::test]
async fn a_stale_timestamp_is_resigned_once_with_the_servers_clock() {
    let server = serve(vec![
        Reply::envelope(ErrorCode::StaleTimestamp).date(T + 420),
        Reply::ok().date(T + 420),
    ])
    .await;
    let client = client_at(&server, T);
    client
        .status(&key(), &machine(), within(DEADLINE))
        .await
        .expect("the re-signed request succeeds");
    assert_eq!(client.outcomes().len(), 2, "attempts");
    assert_eq!(
        client.clock_offset_secs(),
        -420,
        "this clock is 7 min behind"
    );

    let requests = requests(&server).await;
    assert_eq!(requests.len(), 2);
    assert_fresh_nonces(&requests);
    assert_eq!(verified(&requests[0]).timestamp, T);
    let resigned = verified(&requests[1]).timestamp;
    assert!(
        (resigned - (T + 420)).abs() <= 1,
        "re-signed at {resigned}, not the server's {}",
        T + 420
    );
}

#[tokio::test]
async fn a_second_stale_timestamp_is_returned_with_the_offset() {
    let server = serve(vec![
        Reply::envelope(ErrorCode::StaleTimestamp).date(T + 420),
    ])
    .await;
    let client = client_at(&server, T);
    let error = client
        .status(&key(), &machine(), within(DEADLINE))
        .await
        .expect_err("1701 twice");
    assert_eq!(api(&error).code, "1701");
    assert_eq!(requests(&server).await.len(), 2, "re-signed once, no more");
    let report = error.report();
    assert_eq!(report.clock_offset_secs, Some(-420));
    assert_eq!(report.kind, Kind::ClockSkew);
    assert_eq!(report.action, Action::SyncClock);
    assert_eq!(report.request_id, id(2));
}

#[tokio::test]
async fn denials_that_need_the_user_are_not_retried() {
    let server = serve(vec![Reply::envelope(ErrorCode::MachineNotActivated)]).await;
    let error = client(&server)
        .status(&key(), &machine(), within(DEADLINE))
        .await
        .expect_err("this machine holds no seat");
    assert_eq!(api(&error).code, "1709");
    let report = error.report();
    assert_eq!(report.kind, Kind::MachineNotActivated);
    assert_eq!(report.action, Action::Activate);
    assert_eq!(report.request_id, id(1));
    assert_eq!(report.http_status, Some(404));
    assert_eq!(report.provider, Provider::LicenseApi.id());
    assert_eq!(requests(&server).await.len(), 1);

    let server = serve_at(
        paths::ACTIVATE,
        vec![Reply::envelope(ErrorCode::LimitReached)],
    )
    .await;
    let error = client(&server)
        .activate(&key(), &machine(), within(DEADLINE))
        .await
        .expect_err("every seat is taken");
    assert_eq!(api(&error).code, "1705");
    let report = error.report();
    assert_eq!(report.kind, Kind::DeviceLimit);
    assert_eq!(report.action, Action::FreeSlot);
    assert_eq!(report.request_id, id(1));
    assert_eq!(report.http_status, Some(409));
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn a_refused_connection_is_offline_and_every_attempt_is_recorded() {
    let client = client_with(
        "http://127.0.0.1:1",
        Arc::new(SystemClock),
        FAST,
        Timeouts::default(),
    );
    let error = client
        .status(&key(), &machine(), within(Duration::from_secs(2)))
        .await
        .expect_err("nothing listens on port 1");
    assert_eq!(error, LicenseError::Network(NetworkFailure::Offline));
    let outcomes = client.outcomes();
    assert_eq!(outcomes.len(), 5, "{outcomes:?}");
    for outcome in &outcomes {
        assert_eq!(outcome.path, paths::STATUS);
        assert_eq!(
            outcome.code.as_ref().map(|c| c.code.as_str()),
            Some("offline")
        );
        assert_eq!(outcome.http_status, None);
        assert_eq!(outcome.request_id, None);
    }
}

#[tokio::test]
async fn an_unknown_host_is_a_dns_failure() {
    let client = client_with(
        "https://no-such-host.invalid",
        Arc::new(SystemClock),
        FAST,
        Timeouts::default(),
    );
    let error = client
        .status(&key(), &machine(), within(Duration::from_secs(5)))
        .await
        .expect_err("`.invalid` never resolves");
    assert_eq!(error, LicenseError::Network(NetworkFailure::Dns));
    let outcomes = client.outcomes();
    assert!(!outcomes.is_empty());
    for outcome in &outcomes {
        assert!(
            outcome.code.as_ref().map(|c| c.code.as_str()) == Some("dns_failed"),
            "{outcome:?}"
        );
        assert_eq!(outcome.http_status, None);
    }
}

#[tokio::test]
async fn an_unsigned_1707_at_another_status_is_tampering() {
    // Only a server without a secret answers unsigned, and only with 500 1707.
    let forged = Reply {
        status: 403,
        ..Reply::envelope(ErrorCode::SecretNotSet).unsigned()
    };
    let server = serve(vec![forged]).await;
    let error = client(&server)
        .status(&key(), &machine(), within(DEADLINE))
        .await
        .expect_err("forged");
    assert!(
        matches!(
            error,
            LicenseError::Tampered {
                http_status: Some(403),
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn server_urls_must_be_https_or_loopback_and_carry_no_credentials() {
    let build = |url: &str| connect(url, Arc::new(SystemClock), FAST, Timeouts::default());
    for ok in [
        "https://licenses.example.com",
        "http://127.0.0.1:8787",
        "http://localhost:1",
        "http://[::1]:80",
    ] {
        assert!(build(ok).is_ok(), "{ok}");
    }
    for refused in [
        "http://licenses.example.com",
        "https://user:pw@licenses.example.com",
        "ftp://127.0.0.1",
        "not a url",
    ] {
        assert!(
            matches!(build(refused), Err(LicenseError::Config(_))),
            "{refused}"
        );
    }
}

#[tokio::test]
async fn redirects_are_not_followed() {
    // A redirect would re-send the body, with the license key, to another place.
    let target = serve(vec![Reply::ok()]).await;
    let redirecting = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(307)
                .insert_header("location", format!("{}{}", target.uri(), paths::STATUS)),
        )
        .mount(&redirecting)
        .await;
    let error = client(&redirecting)
        .status(&key(), &machine(), within(DEADLINE))
        .await
        .expect_err("not followed");
    assert!(
        matches!(
            error,
            LicenseError::BadResponse {
                http_status: 307,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        requests(&target).await.is_empty(),
        "the key never reached the other server"
    );
}

#[tokio::test]
async fn a_forged_stale_timestamp_teaches_no_clock() {
    // The same 1701 with the server 7 min ahead, but not signed as the
    // protocol says: tampering, never a reason to move the clock.
    for forged in [Sig::Missing, Sig::OtherBody, Sig::OtherNonce] {
        let server = serve(vec![
            Reply::envelope(ErrorCode::StaleTimestamp)
                .date(T + 420)
                .sig(forged),
            Reply::ok().date(T + 420),
        ])
        .await;
        let client = client_at(&server, T);
        let error = client
            .status(&key(), &machine(), within(DEADLINE))
            .await
            .expect_err("tampered");
        assert!(
            matches!(error, LicenseError::Tampered { .. }),
            "{forged:?}: {error:?}"
        );
        assert_eq!(
            requests(&server).await.len(),
            1,
            "{forged:?}: not re-signed"
        );
        assert_eq!(client.clock_offset_secs(), 0, "{forged:?}");
        assert_eq!(client.observed_clock_offset_secs(), 0, "{forged:?}");
    }
}

#[tokio::test]
async fn a_verified_clock_more_than_a_day_away_is_not_followed() {
    let two_days = 2 * 86_400;
    let server = serve(vec![
        Reply::envelope(ErrorCode::StaleTimestamp).date(T + two_days),
        Reply::ok().date(T + two_days),
    ])
    .await;
    let client = client_at(&server, T);
    let error = client
        .status(&key(), &machine(), within(DEADLINE))
        .await
        .expect_err("the clocks are too far apart");
    assert_eq!(
        error,
        LicenseError::ClocksApart {
            ahead_secs: -two_days
        }
    );
    assert_eq!(requests(&server).await.len(), 1, "nothing re-signed");
    assert_eq!(client.clock_offset_secs(), 0, "the offset was not taken");
    let report = error.report();
    assert_eq!(report.code, "clocks_apart");
    assert_eq!(report.kind, Kind::ClockSkew);
    assert_eq!(report.action, Action::SyncClock);
    assert_eq!(report.clock_offset_secs, Some(-two_days));
    assert!(report.title.contains("too far apart"), "{}", report.title);
}

/// A raw HTTP server that answers every request with `head` and then
/// `body_bytes` of body (`0` for none), in 64 KiB writes, and then holds the
/// connection open without ending the answer.
async fn endless_answers(head: &'static str, body_bytes: usize) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut request = vec![0; 64 * 1024];
                let _ = socket.read(&mut request).await;
                let _ = socket.write_all(head.as_bytes()).await;
                let chunk = vec![b'x'; 64 * 1024];
                let mut sent = 0;
                while sent < body_bytes {
                    let framed = if head.contains("chunked") {
                        [
                            format!("{:x}\r\n", chunk.len()).into_bytes(),
                            chunk.clone(),
                            b"\r\n".to_vec(),
                        ]
                        .concat()
                    } else {
                        chunk.clone()
                    };
                    if socket.write_all(&framed).await.is_err() {
                        return;
                    }
                    sent += chunk.len();
                }
                tokio::time::sleep(Duration::from_secs(30)).await;
            });
        }
    });
    format!("http://{addr}")
}

#[tokio::test]
async fn an_answer_over_a_mebibyte_is_refused_without_reading_it_whole() {
    // Announced as 2 MiB: refused on its Content-Length, before any body.
    // Streamed without end: refused once past 1 MiB. Read whole, either
    // would run into the deadline instead (a timeout).
    let announced = endless_answers(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2097152\r\n\r\n",
        0,
    )
    .await;
    let streamed = endless_answers(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n",
        2 * 1024 * 1024,
    )
    .await;
    for base in [announced, streamed] {
        let client = client_with(
            &base,
            Arc::new(SystemClock),
            RetryPolicy {
                max_attempts: 2,
                ..FAST
            },
            Timeouts::default(),
        );
        let error = client
            .status(&key(), &machine(), within(Duration::from_secs(8)))
            .await
            .expect_err("too long");
        assert!(
            matches!(
                error,
                LicenseError::BadResponse {
                    http_status: 200,
                    ..
                }
            ),
            "{base}: {error:?}"
        );
        assert_eq!(
            client.outcomes().len(),
            2,
            "{base}: refused, then retried once"
        );
    }
}
