//! Test harness: a server state on a temp SQLite file with a manual clock,
//! signed requests, and replies checked against the protocol on every call.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use keyslot_protocol::lease::{JwkSet, LeaseClaims, verify_lease};
use keyslot_protocol::{ErrorCode, headers, sign_request, verify_response};
use keyslot_server::admin::AdminState;
use keyslot_server::lease::Leases;
use keyslot_server::store;
use keyslot_server::{AppState, Db, Limits, ManualClock, Secret, app};
use serde_json::{Value, json};
use tempfile::TempDir;
use tower::ServiceExt;

pub(crate) const SECRET: &[u8] = b"test-secret-do-not-use";
/// 2027-01-15T08:00:00Z
pub(crate) const T0: i64 = 1_800_000_000;

/// A fingerprint made from a small number.
pub(crate) fn fingerprint(n: u32) -> String {
    format!("{n:064x}")
}

/// Limits generous enough never to trip unless a test wants them to.
pub(crate) fn roomy() -> Limits {
    Limits {
        key_rate: 10_000,
        ip_rate: 10_000,
        ..Limits::default()
    }
}

/// A fresh random nonce.
pub(crate) fn nonce() -> String {
    let bytes: [u8; 16] = rand::random();
    hex::encode(bytes)
}

pub(crate) struct Harness {
    pub(crate) state: AppState,
    pub(crate) clock: Arc<ManualClock>,
    pub(crate) app: Router,
    pub(crate) secret: Option<&'static [u8]>,
    pub(crate) _dir: TempDir,
}

impl Harness {
    pub(crate) async fn new() -> Self {
        Self::with(roomy(), Some(SECRET)).await
    }

    pub(crate) async fn with(limits: Limits, secret: Option<&'static [u8]>) -> Self {
        let leases = Leases::ephemeral().expect("a lease key");
        Self::with_leases(limits, secret, Some(leases)).await
    }

    pub(crate) async fn with_leases(
        limits: Limits,
        secret: Option<&'static [u8]>,
        leases: Option<Leases>,
    ) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = Db::open(&keyslot_server::db::Location::sqlite(
            dir.path().join("licenses.db"),
        ))
        .await
        .expect("db opens");
        let clock = Arc::new(ManualClock::new(T0));
        let configured = secret.and_then(Secret::new);
        let state = AppState::build(db, configured, clock.clone(), limits, leases, None)
            .await
            .expect("state");
        Self {
            app: app(state.clone()),
            state,
            clock,
            secret,
            _dir: dir,
        }
    }

    pub(crate) fn db(&self) -> &Db {
        &self.state.db
    }

    /// A new ACTIVE license with `seats` seats.
    pub(crate) async fn license(&self, seats: u32) -> String {
        self.license_expiring(seats, None).await
    }

    pub(crate) async fn license_expiring(&self, seats: u32, expires_at: Option<i64>) -> String {
        let key = keyslot_server::keys::generate();
        store::create_license(self.db(), key, seats, expires_at, self.clock_now())
            .await
            .expect("license created")
    }

    pub(crate) async fn set_state(&self, key: &str, state: AdminState) {
        store::set_state(self.db(), key, state, self.clock_now())
            .await
            .expect("state set");
    }

    pub(crate) fn clock_now(&self) -> i64 {
        use keyslot_server::Clock;
        self.clock.now()
    }

    /// A correctly signed request for `path` with `body`, at the server's time.
    pub(crate) fn request(&self, path: &str, body: &Value) -> Signed {
        Signed {
            path: path.to_owned(),
            body: body.to_string().into_bytes(),
            timestamp: self.clock_now().to_string(),
            nonce: nonce(),
            secret: self.secret.unwrap_or(b"no-secret"),
            content_type: Some("application/json".to_owned()),
            ip: None,
            forwarded_for: None,
            drop_header: None,
            signature: None,
        }
    }

    pub(crate) async fn post(&self, path: &str, body: &Value) -> Reply {
        self.send(self.request(path, body)).await
    }

    pub(crate) async fn send(&self, signed: Signed) -> Reply {
        let nonce = signed.sent_nonce();
        let request = signed.build();
        let response = self.app.clone().oneshot(request).await.expect("infallible");
        Reply::read(response, nonce, self.secret).await
    }

    /// `GET /api/v1/license/keys`, with no signing headers at all.
    pub(crate) async fn get_keys(&self) -> Reply {
        let request = Request::get(keyslot_protocol::paths::KEYS)
            .body(Body::empty())
            .expect("request");
        let response = self.app.clone().oneshot(request).await.expect("infallible");
        Reply::read(response, String::new(), self.secret).await
    }

    /// The JWK Set the server serves.
    pub(crate) async fn keys(&self) -> JwkSet {
        serde_json::from_slice(&self.get_keys().await.body).expect("a JWK Set")
    }

    pub(crate) async fn activate(&self, key: &str, n: u32) -> Reply {
        self.post(keyslot_protocol::paths::ACTIVATE, &activation(key, n))
            .await
    }
}

/// The lease of a `200` answer, verified with `keys` (the served set)
/// through `keyslot_protocol::lease::verify_lease`.
pub(crate) fn lease_of(answer: &Value, keys: &JwkSet) -> LeaseClaims {
    let lease = answer["lease"]
        .as_str()
        .unwrap_or_else(|| panic!("a lease in {answer}"));
    verify_lease(lease, keys).unwrap_or_else(|e| panic!("the lease verifies: {e}"))
}

/// An `/activate` body for machine number `n`.
pub(crate) fn activation(key: &str, n: u32) -> Value {
    json!({
        "license_key": key,
        "machine": {"fingerprint": fingerprint(n), "name": format!("Machine {n} — Ada’s ☕"), "platform": "linux-x86_64"}
    })
}

/// A request under construction, with knobs to break it.
#[derive(Clone)]
pub(crate) struct Signed {
    pub(crate) path: String,
    pub(crate) body: Vec<u8>,
    pub(crate) timestamp: String,
    pub(crate) nonce: String,
    pub(crate) secret: &'static [u8],
    pub(crate) content_type: Option<String>,
    pub(crate) ip: Option<SocketAddr>,
    /// An `X-Forwarded-For` header to send.
    pub(crate) forwarded_for: Option<String>,
    pub(crate) drop_header: Option<&'static str>,
    pub(crate) signature: Option<String>,
}

impl Signed {
    /// A correctly signed request stamped with the real time, for real servers.
    pub(crate) fn now(path: &str, body: &Value, secret: &'static [u8]) -> Self {
        Self {
            path: path.to_owned(),
            body: body.to_string().into_bytes(),
            timestamp: time::OffsetDateTime::now_utc().unix_timestamp().to_string(),
            nonce: nonce(),
            secret,
            content_type: Some("application/json".to_owned()),
            ip: None,
            forwarded_for: None,
            drop_header: None,
            signature: None,
        }
    }

    /// The nonce as the server sees it: empty when the header is absent or
    /// not visible ASCII (the response is then signed over an empty nonce).
    pub(crate) fn sent_nonce(&self) -> String {
        let sent = self.drop_header != Some(headers::NONCE);
        let visible = self.nonce.bytes().all(|b| (0x20..0x7f).contains(&b));
        if sent && visible {
            self.nonce.clone()
        } else {
            String::new()
        }
    }

    pub(crate) fn signature(&self) -> String {
        self.signature.clone().unwrap_or_else(|| {
            let ts = self.timestamp.parse().unwrap_or(0);
            sign_request("POST", &self.path, ts, &self.nonce, &self.body, self.secret)
        })
    }

    pub(crate) fn build(self) -> Request<Body> {
        let mut builder = Request::post(&self.path);
        let signature = self.signature();
        for (name, value) in [
            (headers::TIMESTAMP, self.timestamp.as_str()),
            (headers::NONCE, self.nonce.as_str()),
            (headers::SIGNATURE, signature.as_str()),
        ] {
            if self.drop_header != Some(name) {
                builder = builder.header(name, value);
            }
        }
        if let Some(ct) = &self.content_type {
            builder = builder.header("content-type", ct);
        }
        if let Some(forwarded) = &self.forwarded_for {
            builder = builder.header("x-forwarded-for", forwarded);
        }
        let mut request = builder.body(Body::from(self.body)).expect("request");
        if let Some(ip) = self.ip {
            request.extensions_mut().insert(ConnectInfo(ip));
        }
        request
    }
}

/// A response, with the protocol's invariants already checked.
#[derive(Debug)]
pub(crate) struct Reply {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

impl Reply {
    /// Reads `response` and checks what every response must have: a request
    /// id, and (with a secret) a valid response signature over the request nonce.
    pub(crate) async fn read(
        response: axum::response::Response,
        nonce: String,
        secret: Option<&[u8]>,
    ) -> Self {
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        let request_id = headers
            .get(headers::REQUEST_ID)
            .expect("x-request-id on every response");
        assert_eq!(request_id.len(), 26, "request ids are ULIDs");
        let signature = headers
            .get(headers::SIGNATURE)
            .map(|v| v.to_str().expect("ascii"));
        match secret {
            Some(secret) => {
                let signature = signature.expect("every response to a license call is signed");
                verify_response(&nonce, status.as_u16(), &body, signature, secret)
                    .unwrap_or_else(|_| panic!("response signature must verify ({status})"));
            }
            None => assert!(signature.is_none(), "nothing to sign with"),
        }
        Self {
            status,
            headers,
            body,
        }
    }

    pub(crate) fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|_| panic!("JSON body, got {:?}", self.body))
    }

    pub(crate) fn ok(&self) -> Value {
        assert_eq!(
            self.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&self.body)
        );
        self.json()
    }

    /// Asserts an error envelope with `code`, its documented status and name,
    /// and `request_id` equal to the header. Returns the envelope.
    pub(crate) fn error(&self, code: u16) -> Value {
        let expected = ErrorCode::from_number(code);
        let json = self.json();
        assert_eq!(json["error"]["code"], code, "{json}");
        assert_eq!(self.status.as_u16(), expected.http_status(), "{json}");
        assert_eq!(json["error"]["name"], expected.name());
        assert!(
            json["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
        assert_eq!(
            json["request_id"].as_str(),
            self.headers
                .get(headers::REQUEST_ID)
                .and_then(|v| v.to_str().ok())
        );
        let allowed: [&str; 2] = ["error", "request_id"];
        assert!(
            json.as_object()
                .expect("object")
                .keys()
                .all(|k| allowed.contains(&k.as_str()))
        );
        json
    }

    /// `Retry-After` in seconds.
    pub(crate) fn retry_after(&self) -> u64 {
        self.headers
            .get("retry-after")
            .expect("Retry-After")
            .to_str()
            .expect("ascii")
            .parse()
            .expect("whole seconds")
    }

    /// The fields named in `error.details`.
    pub(crate) fn detail_fields(&self) -> Vec<String> {
        self.json()["error"]["details"]
            .as_array()
            .map(|d| {
                d.iter()
                    .map(|e| e["field"].as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// The status a real listener answers to `signed`, whose body it may stop
/// reading (too large). A plain client failed now and then with a broken
/// pipe: the server answered 413 and closed while the body was still being
/// written, and the client reported its write error instead of the answer.
/// Here the request is raw HTTP/1.1 with `Expect: 100-continue`, the body is
/// written on its own task once the server asks for it (its write errors are
/// no concern of the test), and the answer is read meanwhile.
pub(crate) async fn status_expecting_continue(addr: SocketAddr, signed: Signed) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let request = signed.build();
    let mut head = format!("POST {} HTTP/1.1\r\nhost: {addr}\r\n", request.uri());
    for (name, value) in request.headers() {
        let value = value.to_str().expect("ascii header");
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    let body = request
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    head.push_str(&format!(
        "content-length: {}\r\nexpect: 100-continue\r\nconnection: close\r\n\r\n",
        body.len()
    ));
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    stream.write_all(head.as_bytes()).await.expect("head");
    let mut status = read_status(&mut stream).await;
    if status == 100 {
        // Written on its own task: the server may still stop reading midway.
        let (mut read, mut write) = stream.into_split();
        tokio::spawn(async move {
            let _ = write.write_all(&body).await;
        });
        status = read_status(&mut read).await;
    }
    return status;

    async fn read_status(stream: &mut (impl AsyncReadExt + Unpin)) -> u16 {
        let mut seen = Vec::new();
        let mut byte = [0u8; 1];
        // The status line, then the rest of that answer's head.
        while !seen.ends_with(b"\r\n\r\n") {
            let n = stream.read(&mut byte).await.expect("reads the answer");
            assert!(
                n == 1,
                "closed without an answer: {:?}",
                String::from_utf8_lossy(&seen)
            );
            seen.push(byte[0]);
        }
        let text = String::from_utf8_lossy(&seen);
        text.split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status line: {text:?}"))
    }
}

/// `GET path` over a new TCP connection to a real listener, with no
/// signing headers: the status, the headers and the body.
pub(crate) async fn http_get(addr: SocketAddr, path: &str) -> (u16, HeaderMap, Vec<u8>) {
    let stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .expect("handshake");
    tokio::spawn(connection);
    let request = Request::get(path)
        .header("host", addr.to_string())
        .body(Body::empty())
        .expect("request");
    let response = sender.send_request(request).await.expect("response");
    let (parts, body) = response.into_parts();
    let body = body.collect().await.expect("body").to_bytes().to_vec();
    (parts.status.as_u16(), parts.headers, body)
}

/// Sends `signed` over a new TCP connection to a real listener.
pub(crate) async fn http(addr: SocketAddr, signed: Signed, secret: Option<&[u8]>) -> Reply {
    try_http(addr, signed, secret)
        .await
        .unwrap_or_else(|error| panic!("no answer from {addr}: {error}"))
}

/// [`http`], or why no answer came (a server that is gone).
pub(crate) async fn try_http(
    addr: SocketAddr,
    signed: Signed,
    secret: Option<&[u8]>,
) -> Result<Reply, String> {
    let nonce = signed.sent_nonce();
    let mut request = signed.build();
    request
        .headers_mut()
        .insert("host", addr.to_string().parse().expect("host"));
    let stream = tokio::net::TcpStream::connect(addr)
        .await
        .map_err(|e| format!("connect: {e}"))?;
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .map_err(|e| format!("handshake: {e}"))?;
    tokio::spawn(connection);
    let response = sender
        .send_request(request)
        .await
        .map_err(|e| format!("response: {e}"))?;
    let (parts, body) = response.into_parts();
    let body = body
        .collect()
        .await
        .map_err(|e| format!("body: {e}"))?
        .to_bytes();
    let response = axum::response::Response::from_parts(parts, Body::from(body));
    Ok(Reply::read(response, nonce, secret).await)
}
