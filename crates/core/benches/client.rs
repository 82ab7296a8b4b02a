//! Client-side cost of a signed call, next to the raw HTTP round trip on
//! loopback, in the same run (criterion; figures in `target/criterion`).
//!
//! - `overhead/sign_serialize_verify_decode`: what the client adds per call,
//!   without the network: serialize the body, sign it, verify the answer's
//!   signature, decode it.
//! - `loopback/raw_http`: an unsigned POST with reqwest to a bare axum handler.
//! - `loopback/signed_status`: the License API dialect's `status`, through the
//!   shared transport and its retry loop, against an axum handler
//!   that checks nothing and signs its answer, i.e. the raw round trip plus
//!   the client's work.

use std::sync::Arc;
use std::time::Duration;

use axum::http::HeaderMap;
use criterion::{Criterion, criterion_group, criterion_main};
use keyslot_core::clock::{RandomNonces, SystemClock};
use keyslot_core::deadline::Deadline;
use keyslot_core::dialects::license_api::LicenseApi;
use keyslot_core::key::LicenseKey;
use keyslot_core::sensitive::Sensitive;
use keyslot_core::transport::{OutcomeLog, RetryPolicy, Timeouts, Wiring};
use keyslot_protocol::{
    Machine, StatusRequest, StatusResponse, headers, paths, sign_request, sign_response,
    verify_response,
};

const SECRET: &[u8] = b"bench-secret";
const BODY: &str = r#"{"license":{"state":"ACTIVE","max_activations":3,"used_activations":2,"expires_at":null},"activation":{"id":"act_01M8A0000000000000000000000","fingerprint":"5f0c6e8a2b1d4f3e9a7c0b2d4e6f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d2f","name":"Ada's laptop","platform":"linux-x86_64","created_at":"2026-11-25T00:00:00Z","last_seen_at":"2026-11-25T00:00:00Z"}}"#;

fn request() -> StatusRequest {
    StatusRequest {
        license_key: "KS-ABCDE-FGHJK-MNPQR-STVWX".to_owned(),
        fingerprint: "5f0c6e8a2b1d4f3e9a7c0b2d4e6f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d2f".to_owned(),
    }
}

fn overhead(c: &mut Criterion) {
    let req = request();
    let nonce = "0123456789abcdef0123456789abcdef";
    let answer_signature = sign_response(nonce, 200, BODY.as_bytes(), SECRET);
    c.bench_function("overhead/sign_serialize_verify_decode", |b| {
        b.iter(|| {
            let body = serde_json::to_vec(std::hint::black_box(&req)).expect("serializes");
            let signature =
                sign_request("POST", paths::STATUS, 1_800_000_000, nonce, &body, SECRET);
            verify_response(nonce, 200, BODY.as_bytes(), &answer_signature, SECRET)
                .expect("verifies");
            let decoded: StatusResponse = serde_json::from_str(BODY).expect("decodes");
            (signature, decoded)
        })
    });
}

async fn signed_answer(headers: HeaderMap) -> impl axum::response::IntoResponse {
    let nonce = headers
        .get(headers::NONCE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let signature = sign_response(nonce, 200, BODY.as_bytes(), SECRET);
    (
        [
            ("content-type", "application/json".to_owned()),
            (headers::SIGNATURE, signature),
        ],
        BODY,
    )
}

fn loopback(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let addr = runtime.block_on(async {
        let app = axum::Router::new()
            .route(
                "/raw",
                axum::routing::post(|| async { ([("content-type", "application/json")], BODY) }),
            )
            .route(paths::STATUS, axum::routing::post(signed_answer));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move { axum::serve(listener, app).await });
        addr
    });
    // As the transport does: reqwest comes without a crypto provider.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let raw = reqwest::Client::new();
    let raw_url = format!("http://{addr}/raw");
    let body = serde_json::to_vec(&request()).expect("serializes");
    c.bench_function("loopback/raw_http", |b| {
        b.to_async(&runtime).iter(|| async {
            let response = raw
                .post(&raw_url)
                .body(body.clone())
                .send()
                .await
                .expect("sent");
            response.bytes().await.expect("body")
        })
    });

    let wiring = Wiring {
        server: format!("http://{addr}"),
        clock: Arc::new(SystemClock),
        nonces: Arc::new(RandomNonces),
        policy: RetryPolicy::default(),
        timeouts: Timeouts::default(),
        outcomes: OutcomeLog::default(),
    };
    let secret = String::from_utf8(SECRET.to_vec()).expect("text");
    let client = LicenseApi::new(&wiring, Sensitive::new(secret)).expect("client");
    let req = request();
    let key = LicenseKey::parse(&req.license_key).expect("a key");
    let machine = Machine {
        fingerprint: req.fingerprint.clone(),
        name: "Ada's laptop".to_owned(),
        platform: "linux-x86_64".to_owned(),
    };
    c.bench_function("loopback/signed_status", |b| {
        b.to_async(&runtime).iter(|| async {
            client
                .status(&key, &machine, Deadline::after(Duration::from_secs(5)))
                .await
                .expect("answer")
        })
    });
}

criterion_group!(benches, overhead, loopback);
criterion_main!(benches);
