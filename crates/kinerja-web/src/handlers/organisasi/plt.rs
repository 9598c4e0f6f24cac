//! Pelaksana tugas and pelaksana harian (PLT/PLH): who acts in a vacant or absent jabatan.

use super::with_qs;
use crate::AppState;
use crate::context::{Ctx, ErrorsExt};
use crate::error::AppResult;
use crate::handlers::{ListQuery, Web, instansi_qs, or_invalid, scope};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kinerja_core::FieldErrors;
use kinerja_core::services::organisasi::jabatan::{self as jabatan_svc, JabatanRow};
use kinerja_core::services::organisasi::penugasan::{self, PenugasanInput, PenugasanRow};

#[derive(Template, WebTemplate)]
#[template(path = "plt.html")]
pub struct PltPage {
    ctx: Ctx,
    rows: Vec<PenugasanRow>,
    input: PenugasanInput,
    errors: FieldErrors,
    jabatan: Vec<JabatanRow>,
    iq: String,
}

async fn halaman(
    state: &AppState,
    web: Web,
    instansi_id: i32,
    input: PenugasanInput,
    errors: FieldErrors,
) -> AppResult<PltPage> {
    let rows = penugasan::daftar(&state.baca, &web.actor, instansi_id).await?;
    let jabatan = jabatan_svc::pilihan(&state.baca, &web.actor, instansi_id).await?;
    let iq = instansi_qs(&web.actor, instansi_id);
    Ok(PltPage {
        ctx: web.ctx,
        rows,
        input,
        errors,
        jabatan,
        iq,
    })
}

pub async fn index(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<ListQuery>,
) -> AppResult<PltPage> {
    let instansi_id = scope(&web.actor, q.instansi())?;
    let input = PenugasanInput {
        jenis: "PLT".into(),
        mulai: crate::handlers::today().to_string(),
        ..Default::default()
    };
    halaman(&state, web, instansi_id, input, FieldErrors::new()).await
}

pub async fn create(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<ListQuery>,
    Form(input): Form<PenugasanInput>,
) -> AppResult<Response> {
    let instansi_id = scope(&web.actor, q.instansi())?;
    let r = penugasan::buat(&state.tulis, &web.actor, instansi_id, &input).await;
    let iq = instansi_qs(&web.actor, instansi_id);
    match or_invalid(r)? {
        Ok(_) => Ok(Redirect::to(&with_qs("/plt", &iq)).into_response()),
        Err(errors) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            halaman(&state, web, instansi_id, input, errors).await?,
        )
            .into_response()),
    }
}

pub async fn destroy(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    penugasan::hapus(&state.tulis, &web.actor, id).await?;
    let back = web
        .actor
        .instansi_id
        .map(|_| "/plt".to_string())
        .unwrap_or_else(|| "/instansi".into());
    Ok(Redirect::to(&back).into_response())
}
