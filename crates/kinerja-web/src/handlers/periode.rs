//! Evaluation periods of an instansi: open a year, close and reopen periods.

use super::{ListQuery, Web, instansi_qs, scope};
use crate::AppState;
use crate::context::{Ctx, ErrorsExt};
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kinerja_core::db::entities::periode as periode_entity;
use kinerja_core::services::perencanaan::periode::{self, BukaTahunInput};
use kinerja_core::{CoreError, FieldErrors};

#[derive(Template, WebTemplate)]
#[template(path = "periode.html")]
pub struct PeriodePage {
    ctx: Ctx,
    items: Vec<periode_entity::Model>,
    input: BukaTahunInput,
    errors: FieldErrors,
    iq: String,
}

async fn page(
    state: &AppState,
    web: Web,
    instansi_id: i32,
    input: BukaTahunInput,
    errors: FieldErrors,
) -> AppResult<PeriodePage> {
    web.actor.require_admin_instansi(instansi_id)?;
    let items = periode::daftar(&state.baca, &web.actor, instansi_id).await?;
    let iq = instansi_qs(&web.actor, instansi_id);
    Ok(PeriodePage {
        ctx: web.ctx,
        items,
        input,
        errors,
        iq,
    })
}

pub async fn index(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<ListQuery>,
) -> AppResult<PeriodePage> {
    let instansi_id = scope(&web.actor, q.instansi())?;
    let next_year = (super::today() + chrono::Duration::days(62))
        .format("%Y")
        .to_string();
    let input = BukaTahunInput {
        tahun: next_year,
        skema: "TRIWULAN".into(),
        tenggang_hari: "10".into(),
    };
    page(&state, web, instansi_id, input, FieldErrors::new()).await
}

pub async fn buka_tahun(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<ListQuery>,
    Form(input): Form<BukaTahunInput>,
) -> AppResult<Response> {
    let instansi_id = scope(&web.actor, q.instansi())?;
    match periode::buka_tahun(&state.tulis, &web.actor, instansi_id, &input).await {
        Ok(_) => Ok(Redirect::to(&format!(
            "/periode?{}",
            instansi_qs(&web.actor, instansi_id)
        ))
        .into_response()),
        Err(CoreError::Validation(errors)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            page(&state, web, instansi_id, input, errors).await?,
        )
            .into_response()),
        Err(e) => Err(e.into()),
    }
}

async fn set(state: AppState, web: Web, id: i32, buka: bool) -> AppResult<Response> {
    let p = periode::ubah_status(&state.tulis, &web.actor, id, buka).await?;
    Ok(Redirect::to(&format!(
        "/periode?{}",
        instansi_qs(&web.actor, p.instansi_id)
    ))
    .into_response())
}

pub async fn tutup(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    set(state, web, id, false).await
}

pub async fn buka(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    set(state, web, id, true).await
}
