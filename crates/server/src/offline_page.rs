//! The offline page: where a person brings the request code of a machine
//! without a network (pasted, or opened from its QR code as
//! `/offline#KSR1.…`) and takes its license back.
//!
//! - `GET /offline`: the form. It works without JavaScript; `fill.js`
//!   only copies a code from the address's fragment into it.
//! - `POST /offline/activate`: one endpoint for all three kinds of code
//!   (activate, renew, deactivate), since a form cannot choose without
//!   script. The answer is a page with the license as text, as a QR code
//!   and as a download (`download=1`: the license file itself), or a page
//!   saying the seat is free. Refusals show the form again, the code
//!   kept, the reason in `#error`, with the HTTP status (and
//!   `Retry-After`) the API gives for that code. Answers and refusals show
//!   the request id (`#support-ref`) for a person to quote to support; the
//!   call is in the request log under it, with the license and the seat.
//!
//! The rules are [`crate::offline`]'s; the rates are the signed API's
//! (per client IP, then per license key). Every word comes from
//! `locales/<lang>/offline.ftl` in the language `Accept-Language` asks for;
//! every answer carries [`SECURITY_HEADERS`]; nothing is inline (no
//! `style=`, no script in the page), so the CSP can forbid it.

use std::net::IpAddr;

use axum::extract::{DefaultBodyLimit, FromRequest, Request, State};
use axum::http::StatusCode;
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use keyslot_locale::{Args, Lang, attribute, steps, text, text_with};
use keyslot_protocol::{ErrorCode, FieldError};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use serde::Deserialize;

use crate::error::AppError;
use crate::frame::Refused;
use crate::lease::Leases;
use crate::offline::{self, Answer};
use crate::request_log::{Notes, RequestId};
use crate::signed::{BODY_TIMEOUT, MAX_BODY_BYTES};
use crate::{AppState, client_ip, keys, store};

/// The form's page.
pub const PAGE: &str = "/offline";
/// Where the form is sent.
pub const SUBMIT: &str = "/offline/activate";
const SCRIPT: &str = "/offline/fill.js";
const STYLE: &str = "/offline/offline.css";

/// The headers of every answer of these routes.
pub const SECURITY_HEADERS: [(&str, &str); 4] = [
    (
        "content-security-policy",
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; \
         form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    ),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("cache-control", "no-store"),
];

/// The page's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(PAGE, get(page))
        .route(SUBMIT, post(submit))
        .route(SCRIPT, get(script))
        .route(STYLE, get(style))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::map_response(secure))
}

async fn secure(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        headers.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    response
}

async fn script() -> Response {
    let js = include_str!("../assets/fill.js");
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        js,
    )
        .into_response()
}

async fn style() -> Response {
    let css = include_str!("../assets/offline.css");
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], css).into_response()
}

/// The language of the first range of `Accept-Language` (by weight, then
/// order) that the app speaks; English when none is.
pub fn language(accept_language: &str) -> Lang {
    let mut ranges: Vec<(f32, usize, &str)> = accept_language
        .split(',')
        .enumerate()
        .filter_map(|(order, range)| {
            let mut parts = range.split(';');
            let tag = parts.next()?.trim();
            let weight = match parts.find_map(|p| p.trim().strip_prefix("q=")) {
                Some(q) => q.trim().parse().ok()?,
                None => 1.0,
            };
            (weight > 0.0).then_some((weight, order, tag))
        })
        .collect();
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranges
        .into_iter()
        .find_map(|(_, _, tag)| Lang::parse(tag))
        .unwrap_or(Lang::En)
}

fn language_of(headers: &HeaderMap) -> Lang {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map_or(Lang::En, language)
}

/// The offline page's form.
#[utoipa::path(
    get, path = "/offline", tag = "offline",
    responses(
        (status = 200, description = "The form where a person pastes a machine's offline request \
            code (HTML, in the language of Accept-Language: en, de or ja), which it posts to \
            `POST /offline/activate` (application/x-www-form-urlencoded, field `code`, optional \
            `download=1`; see \"Offline requests\" in docs/protocol.md). Works without \
            JavaScript; `/offline#KSR1.…` fills the form through its one script.",
            content_type = "text/html"),
        (status = 404, description = "This server signs no leases: it answers no request code",
            content_type = "text/html"),
    )
)]
pub async fn page(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let lang = language_of(&headers);
    if state.leases.is_none() {
        return no_leases(lang);
    }
    html_response(StatusCode::OK, form_page(lang, "", None))
}

/// The form's fields.
#[derive(Debug, Deserialize)]
struct Submitted {
    /// An offline request code (`KSR1.…`, whitespace ignored) of any kind.
    code: String,
    /// `1`: answer the lease as the file `keyslot.lease`.
    #[serde(default)]
    download: Option<String>,
}

/// `POST /offline/activate`: answers an offline request code, whatever its
/// kind (docs/protocol.md, "Offline requests"). Not in the OpenAPI
/// document: its fuzzer cannot make a code that verifies, and a
/// schema-valid string that is no code is rightly a 400.
async fn submit(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let lang = language_of(&parts.headers);
    let Some(leases) = &state.leases else {
        return no_leases(lang);
    };
    let reference = parts.extensions.get::<RequestId>().copied();
    let notes = parts.extensions.get::<Notes>().cloned();
    let trusted = &state.limits.trusted_proxies;
    let ip = client_ip::of_request(&parts.extensions, &parts.headers, trusted);
    let read = Form::<Submitted>::from_request(Request::from_parts(parts, body), &state);
    let form = match tokio::time::timeout(BODY_TIMEOUT, read).await {
        Ok(Ok(Form(form))) => form,
        Ok(Err(rejection)) => {
            let why = FieldError::new("body", rejection.body_text());
            let error = AppError::malformed(vec![why]).with_status(rejection.status());
            return refused(lang, reference, "", &error);
        }
        Err(_) => {
            let late = FieldError::new("body", "not received in time");
            let error = AppError::malformed(vec![late]).with_status(StatusCode::REQUEST_TIMEOUT);
            return refused(lang, reference, "", &error);
        }
    };
    match respond(&state, leases, ip, &form.code, notes.as_ref()).await {
        Ok(Answer::Lease(lease)) if form.download.as_deref() == Some("1") => (
            [
                (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"keyslot.lease\"",
                ),
            ],
            format!("{lease}\n"),
        )
            .into_response(),
        Ok(Answer::Lease(lease)) => html_response(
            StatusCode::OK,
            lease_page(lang, reference, &form.code, &lease),
        ),
        Ok(Answer::Freed { name }) => {
            html_response(StatusCode::OK, freed_page(lang, reference, &name))
        }
        Err(error) => refused(lang, reference, &form.code, &error),
    }
}

/// The checks of the signed API, in its order, then the answer: the
/// secret (`1707`), the code (`1702`, `1700`, `1701`), the client IP's
/// rate and the license key's (`1706`). The license's key, once the code
/// named one that exists, and the seat answered are noted for the request
/// log.
async fn respond(
    state: &AppState,
    leases: &Leases,
    ip: IpAddr,
    code: &str,
    notes: Option<&Notes>,
) -> Result<Answer, AppError> {
    let secret = state.secret.as_ref().ok_or_else(|| {
        AppError::new(
            ErrorCode::SecretNotSet,
            "server has no LICENSE_API_SECRET configured",
        )
    })?;
    let now = state.clock.now();
    let verified = offline::verify(code, secret, now)?;
    state.guard.check_ip(ip).await?;
    if let Some(key) = store::key_of(&state.db, &verified.request.key_sha256).await? {
        tracing::Span::current().record("key", keys::mask(&key));
        if let Some(notes) = notes
            && let Some(key) = state.requests.key_ref(&key)
        {
            notes.key(key);
        }
        state.guard.check_key(&key).await?;
    }
    let answered = offline::answer(&state.db, now, &state.limits, leases, &verified).await?;
    if let Some(notes) = notes {
        notes.activation(&answered.activation_id);
    }
    Ok(answered.answer)
}

fn html_response(status: StatusCode, page: Markup) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page.into_string(),
    )
        .into_response()
}

/// The form again, `code` kept, with why it was refused and the request's
/// `reference`; the frame logs the refusal's code.
fn refused(lang: Lang, reference: Option<RequestId>, code: &str, error: &AppError) -> Response {
    let number = match error.code {
        ErrorCode::Unknown(_) => ErrorCode::Unavailable.number(),
        known => known.number(),
    };
    let id = format!("offline-error-{number}");
    let notice = notice(lang, &id, error.retry_after, reference);
    let mut response = html_response(error.status, form_page(lang, code, Some(notice)));
    if let Some(secs) = error.retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    response.extensions_mut().insert(Refused(error.code));
    response
}

/// A server that signs no leases answers no request code.
fn no_leases(lang: Lang) -> Response {
    let body = html! { (notice(lang, "offline-error-no-leases", None, None)) };
    html_response(StatusCode::NOT_FOUND, layout(lang, body))
}

/// "Reference for support: …": the request id of an answer, for a person to
/// quote; support finds the call by it (`keyslot-server request show`).
fn support_ref(lang: Lang, reference: Option<RequestId>) -> Markup {
    let Some(id) = reference else {
        return html! {};
    };
    let mut args = Args::new();
    args.set("id", id.to_string());
    html! { p id="support-ref" class="muted" { (text_with(lang, "offline-support-ref", &args)) } }
}

/// The `#error` alert of message `id`: its title, `.message` and steps,
/// the wait when there is one, and the request's `reference`.
fn notice(lang: Lang, id: &str, retry_after: Option<u64>, reference: Option<RequestId>) -> Markup {
    let wait = retry_after.map(|secs| {
        let mut args = Args::new();
        args.set("wait", keyslot_locale::span(lang, secs));
        text_with(lang, "offline-wait", &args)
    });
    html! {
        div id="error" class="alert" role="alert" {
            h2 { (text(lang, id)) }
            p { (attribute(lang, id, "message")) }
            @if let Some(wait) = wait { p { (wait) } }
            ol { @for step in steps(lang, id) { li { (step) } } }
            (support_ref(lang, reference))
        }
    }
}

fn layout(lang: Lang, body: Markup) -> Markup {
    let title = text(lang, "offline-title");
    html! {
        (DOCTYPE)
        html lang=(lang.id()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                link rel="stylesheet" href=(STYLE);
                script src=(SCRIPT) defer {}
            }
            body {
                main {
                    h1 { (title) }
                    (body)
                }
            }
        }
    }
}

fn form_page(lang: Lang, code: &str, error: Option<Markup>) -> Markup {
    layout(
        lang,
        html! {
            p { (text(lang, "offline-intro")) }
            @if let Some(error) = error { (error) }
            form method="post" action=(SUBMIT) {
                label for="code" { (text(lang, "offline-code-label")) }
                textarea id="code" name="code" required spellcheck="false" autocomplete="off"
                    autocapitalize="off" rows="6" { (code) }
                button id="submit" type="submit" { (text(lang, "offline-submit")) }
            }
        },
    )
}

fn lease_page(lang: Lang, reference: Option<RequestId>, code: &str, lease: &str) -> Markup {
    layout(
        lang,
        html! {
            div class="done" role="status" {
                h2 { (text(lang, "offline-lease-title")) }
                p { (text(lang, "offline-lease-intro")) }
            }
            label for="lease" { (text(lang, "offline-lease-label")) }
            textarea id="lease" readonly rows="8" spellcheck="false" { (lease) }
            (qr_code(lease, &text(lang, "offline-lease-qr")))
            form method="post" action=(SUBMIT) {
                input type="hidden" name="code" value=(code);
                input type="hidden" name="download" value="1";
                button id="download" type="submit" { (text(lang, "offline-download")) }
            }
            (support_ref(lang, reference))
            p { a href=(PAGE) { (text(lang, "offline-again")) } }
        },
    )
}

fn freed_page(lang: Lang, reference: Option<RequestId>, name: &str) -> Markup {
    let mut args = Args::new();
    args.set("name", name);
    layout(
        lang,
        html! {
            div id="freed" class="done" role="status" {
                h2 { (text(lang, "offline-freed-title")) }
                p { (text_with(lang, "offline-freed", &args)) }
            }
            (support_ref(lang, reference))
            p { a href=(PAGE) { (text(lang, "offline-again")) } }
        },
    )
}

/// `lease` as a QR code (error correction M), inline SVG labelled `label`:
/// the drawing `qrcode` renders (presentation attributes only), inside an
/// `<svg>` of this page's own (the renderer's opens with an XML
/// declaration, which HTML does not take). Nothing when it does not fit.
fn qr_code(lease: &str, label: &str) -> Markup {
    use qrcode::render::svg;
    let Ok(code) = qrcode::QrCode::with_error_correction_level(lease, qrcode::EcLevel::M) else {
        return html! {};
    };
    let drawn = code
        .render::<svg::Color>()
        .quiet_zone(true)
        .module_dimensions(1, 1)
        .build();
    let inner = drawn
        .find("<svg")
        .and_then(|start| drawn[start..].find('>').map(|end| start + end + 1))
        .and_then(|start| Some(&drawn[start..drawn.rfind("</svg>")?]))
        .unwrap_or_default();
    // Four modules of quiet zone on each side.
    let size = code.width() + 8;
    html! {
        svg id="lease-qr" class="qr" role="img" aria-label=(label)
            xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {size} {size}"))
            shape-rendering="crispEdges" {
            (PreEscaped(inner))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_language_the_app_speaks_wins_by_weight_then_order() {
        for (header, lang) in [
            ("", Lang::En),
            ("de", Lang::De),
            ("de-CH, en;q=0.8", Lang::De),
            ("fr-FR, fr;q=0.9, ja;q=0.8, de;q=0.7", Lang::Ja),
            ("en;q=0.5, de;q=0.9", Lang::De),
            ("de;q=0, ja", Lang::Ja),
            ("*", Lang::En),
            ("fr, es", Lang::En),
            ("de;q=nonsense, ja", Lang::Ja),
        ] {
            assert_eq!(language(header), lang, "{header:?}");
        }
    }

    #[test]
    fn the_qr_code_is_inline_svg_without_styles_or_scripts() {
        let lease = "eyJhbGciOiJFZERTQSJ9.".repeat(30);
        let svg = qr_code(&lease, "a \"label\" <here>").into_string();
        assert!(svg.starts_with("<svg id=\"lease-qr\""), "{svg}");
        assert!(svg.contains("aria-label=\"a &quot;label&quot; &lt;here&gt;\""));
        assert!(
            svg.contains("<path fill=\"#000\" d=\"M"),
            "the modules are drawn"
        );
        assert!(!svg.contains("<?xml") && !svg.contains("style") && !svg.contains("script"));
        assert_eq!(svg.matches("<svg").count(), 1);
        assert!(svg.ends_with("</svg>"));
    }
}
