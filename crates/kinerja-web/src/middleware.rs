//! Cross-site request refusal and security headers.
//!
//! A state-changing request (anything but GET/HEAD/OPTIONS) from a browser carries
//! `Sec-Fetch-Site` or `Origin`; when either says another site sent it, it is refused with 403.
//! Only a request that a bearer token alone can authenticate is exempt: one with an
//! `Authorization: Bearer` header and no session cookie, which a browser never sends on its own
//! (no ambient credentials). A bearer header beside the session cookie exempts nothing, since
//! the cookie is what a forged cross-site post would ride on.

use axum::body::Body;
use axum::http::{HeaderValue, Method, Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Runs the request with its language (the `lang` cookie, then `Accept-Language`) as the current
/// one: read once here, and taken from here by the pages' context and by an error's page, which
/// is worded away from a handler's context.
pub async fn bahasa(req: Request<Body>, next: Next) -> Response {
    let lang = crate::session::lang_of(req.headers());
    crate::i18n::dengan_bahasa(lang, next.run(req)).await
}

pub async fn csrf(req: Request<Body>, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) || is_bearer(&req) {
        return next.run(req).await;
    }
    let h = req.headers();
    if let Some(site) = h.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return forbidden();
    }
    if let Some(origin) = h.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        let host = h
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let origin_host = origin.split_once("://").map(|(_, rest)| rest).unwrap_or("");
        if origin == "null" || origin_host != host {
            return forbidden();
        }
    }
    next.run(req).await
}

fn is_bearer(req: &Request<Body>) -> bool {
    req.headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("Bearer "))
        && crate::session::cookie(req.headers(), crate::session::SESSION_COOKIE).is_none()
}

fn forbidden() -> Response {
    (
        StatusCode::FORBIDDEN,
        "Permintaan ditolak: formulir dikirim dari situs lain (perlindungan CSRF).",
    )
        .into_response()
}

/// Content-Security-Policy without inline scripts or styles, and the usual hardening headers.
///
/// Every answer that did not choose its own caching (the assets do) gets `Cache-Control:
/// no-store`: pages, PDFs and workbooks carry personal ratings, and a shared computer's browser
/// cache or a proxy must not keep them. With `secure` (served over HTTPS, `Secure` cookies) the
/// browser is also told to come back over HTTPS only (`Strict-Transport-Security`).
pub async fn security_headers(
    axum::extract::State(secure): axum::extract::State<bool>,
    req: Request<Body>,
    next: Next,
) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if secure {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    res
}

/// A request body declared at most this large is read without waiting for an upload slot.
const SMALL_BODY: u64 = 64 * 1024;
/// The most bytes read ahead of a handler: one more than the largest body any route accepts,
/// so that a route's own limit still sees an oversized body and answers with its own message.
pub const MAX_READ_AHEAD: usize = crate::handlers::MAX_ROUTE_BODY + 1;
/// Longest pause between two parts of a request body before the request is given up.
pub const BODY_IDLE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);
/// Longest time to receive a whole request body (a 25 MB upload at 100 kB/s takes about four
/// minutes).
pub const BODY_TOTAL_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(300);

/// Reads a request's body before the request takes one of the places for handler work
/// (`handlers::MAX_IN_FLIGHT`), within [`BODY_IDLE_TIMEOUT`] between parts and
/// [`BODY_TOTAL_TIMEOUT`] overall. A client that stalls in its body therefore holds only its
/// own connection, never a place that other users' requests (the login page, `/health`) wait
/// for. Bodies larger than [`SMALL_BODY`] (uploads) are read a few at a time
/// (`upload_slots`), which bounds the memory that slow uploads hold.
///
/// When the handler answers that the database cannot be reached or the disk is full, a form
/// post is answered with its fields shown and ready to be sent again, so nothing typed is lost.
pub async fn read_body_first(
    axum::extract::State(upload_slots): axum::extract::State<
        std::sync::Arc<tokio::sync::Semaphore>,
    >,
    req: Request<Body>,
    next: Next,
) -> Response {
    use axum::body::HttpBody;
    use http_body_util::BodyExt;
    // From `Content-Length` (or the body itself in process); `None` for a chunked body.
    let hint = req.body().size_hint();
    if hint.exact() == Some(0) {
        return next.run(req).await;
    }
    let declared = hint.exact();
    let _slot = if declared.is_none_or(|n| n > SMALL_BODY) {
        upload_slots.clone().acquire_owned().await.ok()
    } else {
        None
    };
    let (parts, mut body) = req.into_parts();
    let deadline = tokio::time::Instant::now() + BODY_TOTAL_TIMEOUT;
    let mut buf = Vec::with_capacity(declared.unwrap_or(0).min(MAX_READ_AHEAD as u64) as usize);
    loop {
        let wait = deadline.min(tokio::time::Instant::now() + BODY_IDLE_TIMEOUT);
        match tokio::time::timeout_at(wait, body.frame()).await {
            Err(_) => return request_timeout(),
            Ok(None) => break,
            Ok(Some(Err(_))) => {
                return (StatusCode::BAD_REQUEST, "Isi permintaan terputus.").into_response();
            }
            Ok(Some(Ok(frame))) => {
                if let Ok(data) = frame.into_data() {
                    let room = MAX_READ_AHEAD - buf.len();
                    buf.extend_from_slice(&data[..data.len().min(room)]);
                    if buf.len() >= MAX_READ_AHEAD {
                        break;
                    }
                }
            }
        }
    }
    drop(_slot);
    let bytes = axum::body::Bytes::from(buf);
    let form = is_urlencoded(&parts.headers).then(|| bytes.clone());
    let path = parts.uri.path().to_string();
    let res = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    match res.extensions().get::<crate::error::GangguanMark>() {
        Some(mark) => offer_again(mark.0, &path, form.as_deref()),
        None => res,
    }
}

fn is_urlencoded(h: &axum::http::HeaderMap) -> bool {
    h.get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

fn request_timeout() -> Response {
    let mut res = (
        StatusCode::REQUEST_TIMEOUT,
        "Pengiriman data terlalu lambat atau terhenti; silakan kirim lagi.",
    )
        .into_response();
    res.headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    res
}

/// Fields never shown again: passwords are typed again.
const RAHASIA: [&str; 4] = ["password", "lama", "baru", "konfirmasi"];

/// The page for a form post refused by a fault of the surroundings: the message, and the
/// fields as they were typed with a button that posts them again to `path`. A multipart post
/// (files) is not repeated; the page says that the browser's Back button still has it.
fn offer_again(g: kinerja_core::error::Gangguan, path: &str, form: Option<&[u8]>) -> Response {
    let fields = form
        .map(|f| {
            url::form_urlencoded::parse(f)
                .filter(|(k, _)| !RAHASIA.contains(&k.as_ref()))
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect()
        })
        .unwrap_or_default();
    crate::error::gangguan_response(
        g,
        Some(crate::error::Ulang {
            action: path.to_string(),
            fields,
        }),
    )
}
