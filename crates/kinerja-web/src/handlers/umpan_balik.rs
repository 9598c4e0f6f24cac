//! Feedback threads and the notification list.

use super::{Web, today};
use crate::AppState;
use crate::context::{Ctx, ErrorsExt};
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kinerja_core::FieldErrors;
use kinerja_core::db::entities::notifikasi as notifikasi_entity;
use kinerja_core::services::harian::umpan_balik::{self, Utas};
use kinerja_core::services::{Page, jejak::notifikasi};
use serde::Deserialize;

use super::or_invalid;

#[derive(Template, WebTemplate)]
#[template(path = "umpan_balik.html")]
pub struct UtasPage {
    ctx: Ctx,
    u: Utas,
    teks: String,
    errors: FieldErrors,
}

#[derive(Debug, Default, Deserialize)]
pub struct TeksInput {
    #[serde(default)]
    pub teks: String,
}

pub async fn show(
    State(state): State<AppState>,
    web: Web,
    Path((skp_id, sasaran, id)): Path<(i32, String, i64)>,
) -> AppResult<UtasPage> {
    let u = umpan_balik::utas(&state.baca, &web.actor, skp_id, &sasaran, id, today()).await?;
    Ok(UtasPage {
        ctx: web.ctx,
        u,
        teks: String::new(),
        errors: FieldErrors::new(),
    })
}

pub async fn kirim(
    State(state): State<AppState>,
    web: Web,
    Path((skp_id, sasaran, id)): Path<(i32, String, i64)>,
    Form(input): Form<TeksInput>,
) -> AppResult<Response> {
    let r = umpan_balik::kirim(
        &state.tulis,
        &web.actor,
        skp_id,
        &sasaran,
        id,
        &input.teks,
        today(),
    )
    .await;
    match or_invalid(r)? {
        Ok(_) => Ok(Redirect::to(&format!("/umpan-balik/{skp_id}/{sasaran}/{id}")).into_response()),
        Err(errors) => {
            let u =
                umpan_balik::utas(&state.tulis, &web.actor, skp_id, &sasaran, id, today()).await?;
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                UtasPage {
                    ctx: web.ctx,
                    u,
                    teks: input.teks,
                    errors,
                },
            )
                .into_response())
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "notifikasi.html")]
pub struct NotifikasiPage {
    ctx: Ctx,
    page: Page<notifikasi_entity::Model>,
    q: String,
    iq: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    pub page: String,
}

pub async fn index(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<PageQuery>,
) -> AppResult<NotifikasiPage> {
    let page = notifikasi::daftar(&state.baca, &web.actor, super::nomor_halaman(&q.page)).await?;
    Ok(NotifikasiPage {
        ctx: web.ctx,
        page,
        q: String::new(),
        iq: String::new(),
    })
}

/// Opens a notification (the form of its "Buka" button): marks it read and goes where it
/// points.
pub async fn buka(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    let to = notifikasi::buka(&state.tulis, &web.actor, id).await?;
    Ok(Redirect::to(&crate::session::safe_next(Some(&to))).into_response())
}

/// Follows a notification's link without marking it read: a `GET` changes nothing.
pub async fn tuju(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    let to = notifikasi::tautan(&state.baca, &web.actor, id).await?;
    Ok(Redirect::to(&crate::session::safe_next(Some(&to))).into_response())
}

pub async fn baca_semua(State(state): State<AppState>, web: Web) -> AppResult<Response> {
    notifikasi::baca_semua(&state.tulis, &web.actor).await?;
    Ok(Redirect::to("/notifikasi").into_response())
}
