//! Login, logout, password change and the language switch.

use super::{PublicWeb, Web};
use crate::AppState;
use crate::context::{Ctx, ErrorsExt};
use crate::error::AppResult;
use crate::session::{
    ClientAddr, DEVICE_COOKIE, DEVICE_COOKIE_SECS, LANG_COOKIE, SESSION_COOKIE, cookie, safe_next,
    set_cookie,
};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{AppendHeaders, IntoResponse, Redirect, Response};
use kinerja_core::services::akun::auth;
use kinerja_core::{CoreError, FieldErrors};
use serde::Deserialize;

#[derive(Template, WebTemplate)]
#[template(path = "login.html")]
pub struct LoginPage {
    ctx: Ctx,
    login: String,
    next: String,
    error: String,
}

#[derive(Deserialize, Default)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

pub async fn login_form(web: PublicWeb, Query(q): Query<NextQuery>) -> Response {
    if web.ctx.actor.is_some() {
        return Redirect::to(&safe_next(Some(&q.next))).into_response();
    }
    LoginPage {
        ctx: web.ctx,
        login: String::new(),
        next: q.next,
        error: String::new(),
    }
    .into_response()
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// Logs in. The browser's previous session ends, and the browser is remembered as known to the
/// account (`auth::masuk` says why).
pub async fn login(
    State(state): State<AppState>,
    web: PublicWeb,
    headers: HeaderMap,
    alamat: ClientAddr,
    Form(f): Form<LoginForm>,
) -> AppResult<Response> {
    let alamat = alamat.0.map(|a| a.to_string());
    let percobaan = auth::Percobaan {
        login_name: &f.login,
        password: &f.password,
        session_secs: state.config.session_secs,
        alamat: alamat.as_deref(),
        perangkat: cookie(&headers, DEVICE_COOKIE),
        sesi_lama: cookie(&headers, SESSION_COOKIE),
    };
    let next = safe_next(Some(&f.next));
    match auth::masuk(&state.tulis, &percobaan).await {
        Ok(ok) => {
            let sesi = set_cookie(
                SESSION_COOKIE,
                &ok.token,
                state.config.session_secs,
                state.config.secure_cookies,
            );
            let perangkat = set_cookie(
                DEVICE_COOKIE,
                &ok.perangkat,
                DEVICE_COOKIE_SECS,
                state.config.secure_cookies,
            );
            Ok((
                AppendHeaders([(header::SET_COOKIE, sesi), (header::SET_COOKIE, perangkat)]),
                Redirect::to(&next),
            )
                .into_response())
        }
        Err(e @ (CoreError::BadCredentials | CoreError::Throttled { .. })) => {
            let status = if matches!(e, CoreError::Throttled { .. }) {
                StatusCode::TOO_MANY_REQUESTS
            } else {
                StatusCode::UNAUTHORIZED
            };
            let page = LoginPage {
                ctx: web.ctx,
                login: f.login,
                next: f.next,
                error: e.to_string(),
            };
            Ok((status, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        auth::logout(&state.tulis, token).await?;
    }
    let c = set_cookie(SESSION_COOKIE, "", 0, state.config.secure_cookies);
    Ok(([(header::SET_COOKIE, c)], Redirect::to("/masuk")).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "password.html")]
pub struct PasswordPage {
    ctx: Ctx,
    errors: FieldErrors,
}

pub async fn password_form(web: Web) -> PasswordPage {
    PasswordPage {
        ctx: web.ctx,
        errors: FieldErrors::new(),
    }
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    lama: String,
    #[serde(default)]
    baru: String,
    #[serde(default)]
    konfirmasi: String,
}

pub async fn change_password(
    State(state): State<AppState>,
    web: Web,
    Form(f): Form<PasswordForm>,
) -> AppResult<Response> {
    match auth::change_password(&state.tulis, &web.actor, &f.lama, &f.baru, &f.konfirmasi).await {
        Ok(()) => {
            // Every session was ended; log in again with the new password.
            let c = set_cookie(SESSION_COOKIE, "", 0, state.config.secure_cookies);
            Ok(([(header::SET_COOKIE, c)], Redirect::to("/masuk")).into_response())
        }
        Err(CoreError::Validation(errors)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            PasswordPage {
                ctx: web.ctx,
                errors,
            },
        )
            .into_response()),
        Err(e) => Err(e.into()),
    }
}

pub async fn set_lang(
    Path(lang): Path<String>,
    headers: HeaderMap,
    Query(q): Query<NextQuery>,
) -> Response {
    let lang = crate::i18n::Lang::from_code(&lang).unwrap_or(crate::i18n::Lang::Id);
    let back = if q.next.is_empty() {
        headers
            .get(header::REFERER)
            .and_then(|r| r.to_str().ok())
            .and_then(|r| {
                r.split_once("://")
                    .and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_string()))
            })
            .unwrap_or_else(|| "/".into())
    } else {
        q.next
    };
    let c = set_cookie(LANG_COOKIE, lang.code(), 365 * 24 * 3600, false);
    (
        [(header::SET_COOKIE, c)],
        Redirect::to(&safe_next(Some(&back))),
    )
        .into_response()
}
