//! The session cookie and the extractors that turn it into an [`Actor`].

use crate::AppState;
use crate::i18n::Lang;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use kinerja_core::services::akun::auth;
use kinerja_core::{Actor, CoreResult};

pub const SESSION_COOKIE: &str = "kinerja_sesi";
pub const LANG_COOKIE: &str = "lang";
/// The "known device" cookie: a browser that has logged in to an account before keeps its own
/// failed-login counter for it (`auth::masuk`).
pub const DEVICE_COOKIE: &str = "kinerja_perangkat";
pub const DEVICE_COOKIE_SECS: i64 = 365 * 24 * 3600;

/// The network address of the client: the peer of the connection or, behind a reverse proxy
/// that the settings trust (`WebConfig::behind_proxy`), the last address of
/// `X-Forwarded-For`, the one that proxy appended. `None` when neither is known (in-process
/// tests).
pub struct ClientAddr(pub Option<std::net::IpAddr>);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if state.config.behind_proxy
            && let Some(ip) = parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .next_back()
                .and_then(|a| a.trim().parse().ok())
        {
            return Ok(ClientAddr(Some(ip)));
        }
        Ok(ClientAddr(
            parts
                .extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|c| c.0.ip()),
        ))
    }
}

/// Reads one cookie from the request headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

pub fn set_cookie(name: &str, value: &str, max_age: i64, secure: bool) -> String {
    format!(
        "{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{}",
        if secure { "; Secure" } else { "" }
    )
}

pub fn lang_of(headers: &HeaderMap) -> Lang {
    Lang::negotiate(
        cookie(headers, LANG_COOKIE),
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    )
}

/// A logged-in user. Requests without a valid session are sent to the login page.
pub struct CurrentActor(pub Actor);

impl FromRequestParts<AppState> for CurrentActor {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match MaybeActor::from_request_parts(parts, state).await?.0 {
            Some(a) => Ok(CurrentActor(a)),
            None => Err(to_login(parts)),
        }
    }
}

/// Sends a request without a valid session to the login page; a page asked for with GET is
/// opened again after the login.
pub fn to_login(parts: &Parts) -> Response {
    let next = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or("/");
    let target = if parts.method == axum::http::Method::GET {
        format!("/masuk?next={}", url_encode(next))
    } else {
        "/masuk".to_string()
    };
    Redirect::to(&target).into_response()
}

/// The actor of a page request and their unread notifications, read together.
pub async fn page_actor(parts: &Parts, state: &AppState) -> Result<(Actor, u64), Response> {
    page_session(parts, |token| auth::actor_for_page(&state.baca, token)).await
}

/// [`page_actor`] with the period of the actor's instansi that holds `today`, read in the same
/// statement (`auth::actor_for_page_kini`), for the pages that show the current period.
pub async fn page_actor_kini(
    parts: &Parts,
    state: &AppState,
    today: chrono::NaiveDate,
) -> Result<auth::Halaman, Response> {
    page_session(parts, |token| {
        auth::actor_for_page_kini(&state.baca, token, today)
    })
    .await
}

/// What `read` finds for the session cookie of a page request: without a cookie, or for an
/// unknown or expired session, the way to the login.
async fn page_session<'a, T, F>(
    parts: &'a Parts,
    read: impl FnOnce(&'a str) -> F,
) -> Result<T, Response>
where
    F: Future<Output = CoreResult<Option<T>>>,
{
    let Some(token) = cookie(&parts.headers, SESSION_COOKIE) else {
        return Err(to_login(parts));
    };
    match read(token).await {
        Ok(Some(found)) => Ok(found),
        Ok(None) => Err(to_login(parts)),
        Err(e) => Err(crate::error::AppError::from(e).into_response()),
    }
}

/// The actor when there is a valid session, `None` otherwise.
pub struct MaybeActor(pub Option<Actor>);

impl FromRequestParts<AppState> for MaybeActor {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some(token) = cookie(&parts.headers, SESSION_COOKIE) else {
            return Ok(MaybeActor(None));
        };
        match auth::actor_for_session(&state.baca, token).await {
            Ok(a) => Ok(MaybeActor(a)),
            Err(e) => Err(crate::error::AppError::from(e).into_response()),
        }
    }
}

pub fn url_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Only local paths are followed after login or a language switch, so `next` cannot send users
/// to another site. A browser strips tabs and newlines from a URL and reads `\\` as `/`, so
/// `/\t/evil.example` becomes `//evil.example`: any control character, white space or
/// backslash refuses the whole value, as does a second slash at the start. Whatever is refused
/// goes to `/`.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && n.len() <= 2048
                && !n
                    .chars()
                    .any(|c| c.is_control() || c.is_whitespace() || c == '\\') =>
        {
            n.to_string()
        }
        _ => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_is_local_only() {
        assert_eq!(safe_next(Some("/pegawai?q=a")), "/pegawai?q=a");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(None), "/");
        for evil in [
            "/\t/evil.example/",
            "/\n/evil.example",
            "/\u{7f}",
            "/\r",
            "/\\evil.example",
            "/ /evil.example",
            "/\u{a0}/evil.example",
            "/\u{2028}",
        ] {
            assert_eq!(safe_next(Some(evil)), "/", "{evil:?}");
        }
    }

    #[test]
    fn cookies_are_read() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            "a=1; kinerja_sesi=abc; lang=en".parse().unwrap(),
        );
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie(&h, "lang"), Some("en"));
        assert_eq!(cookie(&h, "x"), None);
    }
}
