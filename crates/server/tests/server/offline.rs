//! The offline page over real HTTP (a listener on 127.0.0.1:0, the
//! harness's manual clock), and `keyslot-server lease issue` as a process.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::process::{Command, Stdio};

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use keyslot_protocol::lease::{JwkSet, LeaseClaims, key_hash, verify_lease};
use keyslot_protocol::offline::{
    OfflineRequest, REQUEST_FUTURE_SECS, REQUEST_VALIDITY_SECS, RequestKind, key_sha256,
};
use keyslot_server::admin::AdminState;
use keyslot_server::lease::Leases;
use keyslot_server::serve::Server;
use keyslot_server::{Limits, store};
use regex::Regex;

use crate::support::{Harness, SECRET, fingerprint, roomy};

/// A harness and a real listener serving its state.
struct Live {
    h: Harness,
    server: Server,
}

impl Live {
    async fn new() -> Self {
        Self::on(Harness::new().await).await
    }

    async fn on(h: Harness) -> Self {
        let addr = "127.0.0.1:0".parse().expect("addr");
        let server = Server::start(addr, h.state.clone()).await.expect("serves");
        Self { h, server }
    }

    fn addr(&self) -> SocketAddr {
        self.server.addr
    }

    /// The code of a `kind` request by machine `n` for `key`, made now.
    fn code(&self, kind: RequestKind, key: &str, n: u32) -> String {
        code_at(kind, key, n, self.h.clock_now(), SECRET)
    }

    async fn submit(&self, code: &str) -> Page {
        submit(self.addr(), code, &[]).await
    }

    async fn seats(&self, key: &str) -> usize {
        let (_, devices) = store::show_license(self.h.db(), key)
            .await
            .expect("license");
        devices.len()
    }
}

fn code_at(kind: RequestKind, key: &str, n: u32, issued_at: i64, secret: &[u8]) -> String {
    OfflineRequest {
        kind,
        issued_at,
        nonce: rand::random(),
        key_sha256: key_sha256(key),
        fingerprint: fingerprint(n),
        name: format!("Machine {n} — Ada’s <b>lab</b>"),
        platform: "linux-x86_64".to_owned(),
    }
    .encode(secret)
}

/// An answer of the page.
#[derive(Debug)]
struct Page {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Page {
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .unwrap_or_else(|| panic!("{name} in {:?}", self.headers))
            .to_str()
            .expect("ascii")
    }

    /// The lease in `#lease`.
    fn lease(&self) -> String {
        let found = Regex::new(r#"<textarea id="lease"[^>]*>([^<]*)</textarea>"#)
            .expect("regex")
            .captures(&self.body)
            .unwrap_or_else(|| panic!("a lease in {}", self.body));
        found[1].to_owned()
    }

    /// The code kept in `#code`.
    fn kept_code(&self) -> String {
        let found = Regex::new(r#"<textarea id="code"[^>]*>([^<]*)</textarea>"#)
            .expect("regex")
            .captures(&self.body)
            .unwrap_or_else(|| panic!("the form in {}", self.body));
        found[1].to_owned()
    }

    /// Asserts a refusal with `status` whose alert has `title`, the form
    /// kept below it.
    fn refused(&self, status: u16, title: &str) {
        assert_eq!(self.status.as_u16(), status, "{}", self.body);
        assert!(
            self.body
                .contains(r#"<div id="error" class="alert" role="alert">"#)
        );
        assert!(self.body.contains(title), "{title:?} in {}", self.body);
        assert!(self.body.contains(r#"<button id="submit" type="submit">"#));
        let alert = Regex::new(r#"(?s)<div id="error".*?</div>"#)
            .expect("regex")
            .find(&self.body)
            .expect("the alert");
        let raw = Regex::new(r"\b17\d\d\b").expect("regex");
        assert!(
            !raw.is_match(alert.as_str()),
            "no raw code: {}",
            alert.as_str()
        );
    }
}

/// `application/x-www-form-urlencoded` of `value`.
fn form_encoded(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            b' ' => "+".to_owned(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

async fn send(addr: SocketAddr, request: Request<Body>) -> Page {
    let stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .expect("handshake");
    tokio::spawn(connection);
    let response = sender.send_request(request).await.expect("response");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    Page {
        status,
        headers,
        body: String::from_utf8(body.to_vec()).expect("utf-8"),
    }
}

async fn get(addr: SocketAddr, path: &str, language: Option<&str>) -> Page {
    let mut request = Request::get(path).header("host", addr.to_string());
    if let Some(language) = language {
        request = request.header("accept-language", language);
    }
    send(addr, request.body(Body::empty()).expect("request")).await
}

/// The form posted with `code` and `extra` fields.
async fn submit(addr: SocketAddr, code: &str, extra: &[(&str, &str)]) -> Page {
    let mut body = format!("code={}", form_encoded(code));
    for (name, value) in extra {
        body.push_str(&format!("&{name}={}", form_encoded(value)));
    }
    send(addr, post(addr).body(Body::from(body)).expect("request")).await
}

/// The form posted with `code`, the page asked for in `language`.
async fn submit_in(addr: SocketAddr, code: &str, language: &str) -> Page {
    let body = format!("code={}", form_encoded(code));
    let request = post(addr).header("accept-language", language);
    send(addr, request.body(Body::from(body)).expect("request")).await
}

/// A post of the form to `addr`, without its body yet.
fn post(addr: SocketAddr) -> axum::http::request::Builder {
    Request::post("/offline/activate")
        .header("host", addr.to_string())
        .header("content-type", "application/x-www-form-urlencoded")
}

fn claims(lease: &str, keys: &JwkSet) -> LeaseClaims {
    verify_lease(lease, keys).unwrap_or_else(|e| panic!("the lease verifies: {e}"))
}

/// Asserts the headers every answer of the page's routes carries.
fn assert_secure(page: &Page) {
    assert_eq!(
        page.header("content-security-policy"),
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; \
         form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    );
    assert_eq!(page.header("x-content-type-options"), "nosniff");
    assert_eq!(page.header("referrer-policy"), "no-referrer");
    assert_eq!(page.header("cache-control"), "no-store");
}

/// Asserts an HTML page with nothing inline that the CSP would block.
fn assert_nothing_inline(page: &Page) {
    assert!(page.header("content-type").starts_with("text/html"));
    let body = &page.body;
    assert!(body.starts_with("<!DOCTYPE html>"), "{body}");
    assert!(
        !body.contains("<style") && !body.contains("style="),
        "{body}"
    );
    let scripts = Regex::new(r"<script[^>]*>").expect("regex");
    for script in scripts.find_iter(body) {
        assert_eq!(
            script.as_str(),
            r#"<script src="/offline/fill.js" defer>"#,
            "{body}"
        );
    }
    assert!(!Regex::new(r"\son[a-z]+=").expect("regex").is_match(body));
    assert!(!body.contains("javascript:"));
}

#[tokio::test]
async fn activation_answers_a_lease_for_that_machine_and_the_same_again() {
    let live = Live::new().await;
    let key = live.h.license(2).await;
    let keys = live.h.keys().await;

    let form = get(live.addr(), "/offline", None).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains(r#"<html lang="en">"#));
    for id in [
        r#"<form method="post" action="/offline/activate">"#,
        r#"<label for="code">"#,
        r#"<textarea id="code" name="code" required spellcheck="false" autocomplete="off""#,
        r#"<button id="submit" type="submit">"#,
    ] {
        assert!(form.body.contains(id), "{id} in {}", form.body);
    }

    let code = live.code(RequestKind::Activate, &key, 1);
    let page = live.submit(&code).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let lease = page.lease();
    let claims = claims(&lease, &keys);
    assert_eq!(claims.fpr, fingerprint(1));
    assert_eq!(claims.key_hash, key_hash(&claims.sub, &key));
    assert_eq!(claims.iat, live.h.clock_now());
    assert!(
        page.body
            .contains(r#"<svg id="lease-qr" class="qr" role="img" aria-label=""#)
    );
    assert!(
        page.body
            .contains(r#"<button id="download" type="submit">"#)
    );
    assert!(page.body.contains(&format!(
        r#"<input type="hidden" name="code" value="{code}">"#
    )));
    assert_eq!(live.seats(&key).await, 1);

    // The same code, later and wrapped as mail wraps it: the same lease, one seat.
    live.h.clock.advance(3_600);
    let wrapped = format!("{}\r\n{}", &code[..50], &code[50..]);
    let again = live.submit(&wrapped).await;
    assert_eq!(again.lease(), lease);
    assert_eq!(live.seats(&key).await, 1);

    // A new code from the same machine: its seat again, a new lease.
    let fresh = live
        .submit(&live.code(RequestKind::Activate, &key, 1))
        .await;
    let renewed = self::claims(&fresh.lease(), &keys);
    assert_eq!(renewed.sub, claims.sub);
    assert_ne!(fresh.lease(), lease);
    assert_eq!(live.seats(&key).await, 1);
}

#[tokio::test]
async fn the_download_is_the_lease_file_and_every_route_is_locked_down() {
    let live = Live::new().await;
    let key = live.h.license(1).await;
    let code = live.code(RequestKind::Activate, &key, 1);
    let page = live.submit(&code).await;
    let download = submit(live.addr(), &code, &[("download", "1")]).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.header("content-type"), "text/plain; charset=utf-8");
    assert_eq!(
        download.header("content-disposition"),
        r#"attachment; filename="keyslot.lease""#
    );
    assert_eq!(download.body, format!("{}\n", page.lease()));
    assert_eq!(live.seats(&key).await, 1);
    assert_secure(&download);

    let script = get(live.addr(), "/offline/fill.js", None).await;
    assert_eq!(
        script.header("content-type"),
        "text/javascript; charset=utf-8"
    );
    assert!(script.body.contains("getElementById(\"code\")"));
    let style = get(live.addr(), "/offline/offline.css", None).await;
    assert_eq!(style.header("content-type"), "text/css; charset=utf-8");
    assert!(style.body.contains(":focus-visible"));
    let refused = live.submit("KSR1.nonsense").await;
    let freed = live
        .submit(&live.code(RequestKind::Deactivate, &key, 1))
        .await;
    let form = get(live.addr(), "/offline", None).await;
    for answer in [&page, &script, &style, &refused, &freed, &form] {
        assert_secure(answer);
    }
    for html in [&page, &refused, &freed, &form] {
        assert_nothing_inline(html);
    }
}

#[tokio::test]
async fn the_page_speaks_the_language_asked_for() {
    let live = Live::new().await;
    for (asked, lang) in [
        (Some("de-DE,de;q=0.9,en;q=0.8"), "de"),
        (Some("fr, ja;q=0.5"), "ja"),
        (Some("fr"), "en"),
        (None, "en"),
    ] {
        let page = get(live.addr(), "/offline", asked).await;
        assert!(
            page.body.contains(&format!(r#"<html lang="{lang}">"#)),
            "{asked:?}: {}",
            page.body
        );
    }
}

#[tokio::test]
async fn a_full_license_says_so_and_takes_no_seat() {
    let live = Live::new().await;
    let key = live.h.license(1).await;
    live.submit(&live.code(RequestKind::Activate, &key, 1))
        .await
        .lease();
    let page = live
        .submit(&live.code(RequestKind::Activate, &key, 2))
        .await;
    page.refused(409, "All seats of this license are in use");
    assert_eq!(live.seats(&key).await, 1);
}

#[tokio::test]
async fn renewal_needs_a_live_seat_and_answers_a_new_lease() {
    let live = Live::new().await;
    let key = live.h.license(2).await;
    let keys = live.h.keys().await;
    let first = live
        .submit(&live.code(RequestKind::Activate, &key, 1))
        .await
        .lease();
    // Before its renewal time, too: a person who carried a code gets the whole term.
    live.h.clock.advance(60);
    let renewed = live
        .submit(&live.code(RequestKind::Renew, &key, 1))
        .await
        .lease();
    assert_ne!(renewed, first);
    let (before, after) = (claims(&first, &keys), claims(&renewed, &keys));
    assert_eq!(after.sub, before.sub);
    assert_eq!(after.iat, before.iat + 60);
    assert!(after.exp > before.exp);
    assert_eq!(live.seats(&key).await, 1);

    let page = live.submit(&live.code(RequestKind::Renew, &key, 2)).await;
    page.refused(404, "This computer does not hold a seat");
    assert_eq!(live.seats(&key).await, 1);
}

#[tokio::test]
async fn deactivation_frees_the_seat_once_and_spends_the_budget_once() {
    let limits = Limits {
        deactivation_budget: 2,
        ..roomy()
    };
    let live = Live::on(Harness::with(limits, Some(SECRET)).await).await;
    let key = live.h.license(1).await;
    let activate = |n| live.code(RequestKind::Activate, &key, n);
    let first = activate(1);
    live.submit(&first).await.lease();

    let free = live.code(RequestKind::Deactivate, &key, 1);
    for _ in 0..3 {
        let page = live.submit(&free).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(
            page.body
                .contains(r#"<div id="freed" class="done" role="status">"#)
        );
        // The name the machine gave, escaped.
        assert!(
            page.body
                .contains("The seat of Machine 1 — Ada’s &lt;b&gt;lab&lt;/b&gt; is free."),
            "{}",
            page.body
        );
        assert_eq!(live.seats(&key).await, 0);
    }
    // The activation code again, its seat freed: no lease again, no seat.
    live.submit(&first)
        .await
        .refused(404, "This computer does not hold a seat");
    assert_eq!(live.seats(&key).await, 0);

    // The replays spent nothing: a second deactivation fits the budget of 2.
    live.submit(&activate(2)).await.lease();
    let page = live
        .submit(&live.code(RequestKind::Deactivate, &key, 2))
        .await;
    assert!(page.body.contains(r#"id="freed""#), "{}", page.body);

    // A third does not; nor does freeing a machine without a seat.
    live.submit(&activate(3)).await.lease();
    let page = live
        .submit(&live.code(RequestKind::Deactivate, &key, 3))
        .await;
    page.refused(429, "Seats cannot be freed right now");
    let wait: u64 = page.header("retry-after").parse().expect("seconds");
    assert!(wait > 0 && wait <= 30 * 86_400, "{wait}");
    assert_eq!(live.seats(&key).await, 1);
    let page = live
        .submit(&live.code(RequestKind::Deactivate, &key, 9))
        .await;
    page.refused(404, "This computer does not hold a seat");
}

#[tokio::test]
async fn bad_codes_are_refused_with_the_code_kept() {
    let live = Live::new().await;
    let key = live.h.license(2).await;
    let now = live.h.clock_now();

    let forged = code_at(RequestKind::Activate, &key, 1, now, b"another secret");
    live.submit(&forged)
        .await
        .refused(401, "This request code was changed");

    let whole = live.code(RequestKind::Activate, &key, 1);
    let cut = &whole[..whole.len() - 5];
    let page = live.submit(cut).await;
    page.refused(400, "This is not a whole request code");
    assert_eq!(page.kept_code(), cut);

    for issued_at in [
        now - REQUEST_VALIDITY_SECS - 1,
        now + REQUEST_FUTURE_SECS + 1,
    ] {
        let page = live
            .submit(&code_at(RequestKind::Activate, &key, 1, issued_at, SECRET))
            .await;
        page.refused(401, "This request code has expired");
    }

    let unknown = live.code(RequestKind::Activate, "KS-NOBODY-HAS-THIS", 1);
    live.submit(&unknown)
        .await
        .refused(404, "This license was not found");
    assert_eq!(live.seats(&key).await, 0);

    // An empty form.
    let empty = live.submit("").await;
    empty.refused(400, "This is not a whole request code");
}

#[tokio::test]
async fn revoked_and_suspended_licenses_answer_nothing_not_even_a_replay() {
    let live = Live::new().await;
    let key = live.h.license(2).await;
    let code = live.code(RequestKind::Activate, &key, 1);
    live.submit(&code).await.lease();
    live.h.set_state(&key, AdminState::Suspended).await;
    live.submit(&code)
        .await
        .refused(403, "This license is not active");
    live.h.set_state(&key, AdminState::Revoked).await;
    live.submit(&code)
        .await
        .refused(403, "This license was withdrawn");
    live.submit(&live.code(RequestKind::Renew, &key, 1))
        .await
        .refused(403, "This license was withdrawn");
}

#[tokio::test]
async fn the_rates_of_the_signed_api_apply() {
    let limits = Limits {
        ip_rate: 2,
        ..roomy()
    };
    let live = Live::on(Harness::with(limits, Some(SECRET)).await).await;
    let key = live.h.license(5).await;
    for n in 1..=2 {
        live.submit(&live.code(RequestKind::Activate, &key, n))
            .await
            .lease();
    }
    let page = live
        .submit(&live.code(RequestKind::Activate, &key, 3))
        .await;
    page.refused(429, "Too many tries in a short time");
    assert!(page.header("retry-after").parse::<u64>().expect("seconds") >= 1);
    assert!(page.body.contains("You can try again in"), "{}", page.body);
    assert_eq!(live.seats(&key).await, 2);

    let limits = Limits {
        key_rate: 1,
        ..roomy()
    };
    let live = Live::on(Harness::with(limits, Some(SECRET)).await).await;
    let key = live.h.license(5).await;
    live.submit(&live.code(RequestKind::Activate, &key, 1))
        .await
        .lease();
    live.submit(&live.code(RequestKind::Activate, &key, 2))
        .await
        .refused(429, "Too many tries in a short time");
}

#[tokio::test]
async fn without_a_secret_or_leases_the_page_says_it_cannot_answer() {
    let live = Live::on(Harness::with(roomy(), None).await).await;
    let code = code_at(
        RequestKind::Activate,
        "KS-ANY",
        1,
        live.h.clock_now(),
        SECRET,
    );
    live.submit(&code)
        .await
        .refused(500, "This page is not set up yet");

    let live = Live::on(Harness::with_leases(roomy(), Some(SECRET), None::<Leases>).await).await;
    for page in [
        get(live.addr(), "/offline", None).await,
        live.submit(&code).await,
    ] {
        assert_eq!(page.status, StatusCode::NOT_FOUND);
        assert!(
            page.body.contains("This page is not available"),
            "{}",
            page.body
        );
        assert!(page.body.contains(r#"id="error""#));
        assert!(!page.body.contains("<form"));
        assert_secure(&page);
    }
}

// ---- the request log ----

/// The request id the page shows in `#support-ref`: the answer's `x-request-id`.
fn support_ref(page: &Page) -> String {
    let found = Regex::new(
        r#"<p id="support-ref" class="muted">Reference for support: ([0-9A-HJKMNP-TV-Z]{26})</p>"#,
    )
    .expect("regex")
    .captures(&page.body)
    .unwrap_or_else(|| panic!("a reference for support in {}", page.body));
    assert_eq!(&found[1], page.header("x-request-id"));
    found[1].to_owned()
}

/// `keyslot-server request show --db DB ID`, which must find the call.
fn request_show(db: &str, id: &str) -> String {
    let shown = crate::binary::admin(&["request", "show", "--db", db, id]);
    assert!(
        shown.status.success(),
        "{}",
        String::from_utf8_lossy(&shown.stderr)
    );
    String::from_utf8(shown.stdout).expect("utf-8")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_answer_shows_its_request_id_and_support_finds_the_call_by_it() {
    let live = Live::new().await;
    let key = live.h.license(1).await;
    let keys = live.h.keys().await;
    let hint = format!("…{}", &key[key.len() - 4..]);
    let db = live
        .h
        .db()
        .as_sqlite()
        .expect("SQLite")
        .path
        .to_str()
        .expect("utf-8")
        .to_owned();

    let taken_code = live.code(RequestKind::Activate, &key, 1);
    let taken = live.submit(&taken_code).await;
    let seat = claims(&taken.lease(), &keys).sub;
    let full_code = live.code(RequestKind::Activate, &key, 2);
    let full = live.submit(&full_code).await;
    full.refused(409, "All seats of this license are in use");
    let alert = Regex::new(r#"(?s)<div id="error".*?</div>"#)
        .expect("regex")
        .find(&full.body)
        .expect("the alert");
    assert!(
        alert.as_str().contains(r#"<p id="support-ref""#),
        "the reference is in the alert: {}",
        alert.as_str()
    );
    let freed_code = live.code(RequestKind::Deactivate, &key, 1);
    let freed = live.submit(&freed_code).await;
    assert!(freed.body.contains(r#"id="freed""#), "{}", freed.body);
    let nobody = live
        .submit(&live.code(RequestKind::Activate, "KS-NOBODY-HAS-THIS", 1))
        .await;
    nobody.refused(404, "This license was not found");
    let german = submit_in(live.addr(), &live.code(RequestKind::Renew, &key, 1), "de").await;
    assert!(
        german.body.contains(&format!(
            "Referenz für den Support: {}",
            german.header("x-request-id")
        )),
        "{}",
        german.body
    );
    let ids: Vec<String> = [&taken, &full, &freed, &nobody]
        .into_iter()
        .map(support_ref)
        .collect();
    live.h.state.requests.flush().await.expect("flushes");

    let shown: Vec<String> = ids.iter().map(|id| request_show(&db, id)).collect();
    let expected = [
        ("200", hint.as_str(), seat.as_str()),
        ("409 1705 LICENSE_API_LIMIT_REACHED", hint.as_str(), "-"),
        ("200", hint.as_str(), seat.as_str()),
        ("404 1703 LICENSE_API_NOT_FOUND", "-", "-"),
    ];
    for ((text, id), (answer, license, activation)) in shown.iter().zip(&ids).zip(expected) {
        for line in [
            format!("request:     {id}"),
            "endpoint:    /offline/activate".to_owned(),
            format!("answer:      {answer}\n"),
            format!("license:     {license}\n"),
            format!("activation:  {activation}\n"),
            "client:      127.0.0.1\n".to_owned(),
        ] {
            assert!(text.contains(&line), "{line:?} not in\n{text}");
        }
    }

    // The license's calls (the code of no license is nobody's), told apart
    // from the API's by their endpoint.
    let listed = crate::binary::admin(&["request", "list", "--db", &db, "--key", &key]);
    let text = String::from_utf8(listed.stdout).expect("utf-8");
    assert!(
        listed.status.success(),
        "{}",
        String::from_utf8_lossy(&listed.stderr)
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "four calls and the count:\n{text}");
    for (line, id) in lines.iter().zip([
        &ids[0],
        &ids[1],
        &ids[2],
        &german.header("x-request-id").to_owned(),
    ]) {
        assert!(
            line.contains("  /offline/activate  ") && line.ends_with(id.as_str()),
            "{id} in {line:?}"
        );
    }
    assert_eq!(
        lines[4],
        "4 calls: 2 × 200, 1 × 404 1709 LICENSE_API_MACHINE_NOT_ACTIVATED, \
         1 × 409 1705 LICENSE_API_LIMIT_REACHED"
    );

    // Neither the key, nor the codes, nor the key's SHA-256 they carry is
    // anywhere in the log's files, its write-ahead log included.
    let key_sha256 = key_sha256(&key);
    let secrets: Vec<&[u8]> = vec![
        key.as_bytes(),
        &key_sha256,
        taken_code.as_bytes(),
        full_code.as_bytes(),
        freed_code.as_bytes(),
    ];
    let (mut files, mut hints) = (0, 0);
    for entry in std::fs::read_dir(live.h._dir.path()).expect("dir") {
        let path = entry.expect("entry").path();
        if path.to_string_lossy().contains(".requests") {
            let bytes = std::fs::read(&path).expect("readable");
            let hint = hint.as_bytes();
            hints += bytes.windows(hint.len()).filter(|w| *w == hint).count();
            // Any 12 bytes of one: no part of it either.
            let pieces: HashSet<&[u8]> = bytes.windows(12).collect();
            for secret in &secrets {
                assert!(
                    !secret.windows(12).any(|piece| pieces.contains(piece)),
                    "{} holds part of {}",
                    path.display(),
                    String::from_utf8_lossy(secret)
                );
            }
            files += 1;
        }
    }
    assert!(files >= 2, "the log and its write-ahead log were read");
    assert!(hints >= 4, "the rows were read: the masked key is there");
}

// ---- keyslot-server lease issue ----

const BIN: &str = env!("CARGO_BIN_EXE_keyslot-server");

/// `lease issue --db DB --request -` with `code` on standard input.
fn issue(db: &std::path::Path, code: &str, secret: Option<&str>) -> std::process::Output {
    let mut command = Command::new(BIN);
    command
        .args(["lease", "issue", "--request", "-", "--db"])
        .arg(db)
        .env_remove("LICENSE_API_SECRET")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(secret) = secret {
        command.env("LICENSE_API_SECRET", secret);
    }
    let mut child = command.spawn().expect("runs");
    {
        use std::io::Write as _;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(code.as_bytes()).expect("written");
    }
    child.wait_with_output().expect("ends")
}

#[test]
fn lease_issue_answers_a_code_once_and_the_same_again() {
    let secret = crate::binary::SECRET;
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("licenses.db");
    let db_arg = db.to_str().expect("utf-8");
    let created = crate::binary::admin(&["license", "create", "--db", db_arg, "--seats", "1"]);
    assert!(created.status.success());
    let key = String::from_utf8(created.stdout).expect("utf-8");
    let key = key.lines().last().expect("the key");
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    // No key yet: `lease issue` makes none (its leases would verify nowhere).
    let keyless = issue(
        &db,
        &code_at(RequestKind::Activate, key, 1, now, secret.as_bytes()),
        Some(secret),
    );
    assert!(!keyless.status.success());
    assert!(
        String::from_utf8_lossy(&keyless.stderr).contains("no lease key at"),
        "{}",
        String::from_utf8_lossy(&keyless.stderr)
    );
    assert!(!keyslot_server::lease::default_key_path(&db).exists());
    let shown = Command::new(BIN)
        .args(["lease-key", "show", "--db", db_arg])
        .output()
        .expect("runs");
    let keys: JwkSet = serde_json::from_slice(&shown.stdout).expect("the key set");

    let code = code_at(RequestKind::Activate, key, 1, now, secret.as_bytes());
    let out = issue(&db, &format!("{code}\n"), Some(secret));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lease = String::from_utf8(out.stdout).expect("utf-8");
    let lease = lease.trim_end();
    let claims = claims(lease, &keys);
    assert_eq!(claims.fpr, fingerprint(1));
    assert_eq!(claims.key_hash, key_hash(&claims.sub, key));
    let again = issue(&db, &code, Some(secret));
    assert_eq!(String::from_utf8_lossy(&again.stdout).trim_end(), lease);

    // The same code through --request CODE.
    let by_arg = Command::new(BIN)
        .args(["lease", "issue", "--db", db_arg, "--request", &code])
        .env("LICENSE_API_SECRET", secret)
        .output()
        .expect("runs");
    assert_eq!(String::from_utf8_lossy(&by_arg.stdout).trim_end(), lease);

    let refusals = [
        (
            code_at(RequestKind::Activate, key, 2, now, secret.as_bytes()),
            Some(secret),
            "every seat of the license is taken",
        ),
        (
            code_at(RequestKind::Activate, key, 2, now, b"another"),
            Some(secret),
            "does not verify",
        ),
        (
            code[..40].to_owned(),
            Some(secret),
            "not a whole request code",
        ),
        (code.clone(), None, "LICENSE_API_SECRET is not set"),
    ];
    for (code, secret, says) in refusals {
        let out = issue(&db, &code, secret);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{says}");
        assert!(out.stdout.is_empty(), "{says}");
        assert!(stderr.contains(says), "{says:?} in {stderr}");
    }

    let free = code_at(RequestKind::Deactivate, key, 1, now, secret.as_bytes());
    for _ in 0..2 {
        let out = issue(&db, &free, Some(secret));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "the seat of \"Machine 1 — Ada’s <b>lab</b>\" is free\n"
        );
    }
}
