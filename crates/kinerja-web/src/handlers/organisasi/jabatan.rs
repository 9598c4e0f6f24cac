//! Jabatan: the list of an instansi's positions, and adding or changing one.

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
use kinerja_core::rules::jabatan::{JenisJabatan, jenjang_label};
use kinerja_core::services::Page;
use kinerja_core::services::organisasi::jabatan::{self as jabatan_svc, JabatanInput, JabatanRow};
use kinerja_core::services::organisasi::unit_kerja::{self as unit_svc, UnitNode};

#[derive(Template, WebTemplate)]
#[template(path = "jabatan_list.html")]
pub struct JabatanListPage {
    ctx: Ctx,
    q: String,
    page: Page<JabatanRow>,
    iq: String,
}

impl JabatanListPage {
    fn jenis_label(&self, code: &str) -> &'static str {
        JenisJabatan::from_code(code)
            .map(|j| j.label())
            .unwrap_or("")
    }
    fn jenjang_label<'a>(&self, code: &'a str) -> &'a str {
        jenjang_label(code)
    }
}

pub async fn index(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<ListQuery>,
) -> AppResult<JabatanListPage> {
    let instansi_id = scope(&web.actor, q.instansi())?;
    let page = jabatan_svc::daftar(&state.baca, &web.actor, instansi_id, &q.q, q.page()).await?;
    Ok(JabatanListPage {
        ctx: web.ctx,
        q: q.q,
        page,
        iq: instansi_qs(&web.actor, instansi_id),
    })
}

pub struct JenisOption {
    pub code: &'static str,
    pub label: &'static str,
    pub jenjang: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "jabatan_form.html")]
pub struct JabatanFormPage {
    ctx: Ctx,
    id: Option<i32>,
    input: JabatanInput,
    errors: FieldErrors,
    units: Vec<UnitNode>,
    atasan: Vec<JabatanRow>,
    jenis: Vec<JenisOption>,
    iq: String,
}

async fn form(
    state: &AppState,
    web: Web,
    instansi_id: i32,
    id: Option<i32>,
    input: JabatanInput,
    errors: FieldErrors,
) -> AppResult<JabatanFormPage> {
    let units = unit_svc::pohon(&state.baca, &web.actor, instansi_id).await?;
    let atasan = jabatan_svc::pilihan(&state.baca, &web.actor, instansi_id)
        .await?
        .into_iter()
        .filter(|j| Some(j.jabatan.id) != id)
        .collect();
    let jenis = JenisJabatan::ALL
        .iter()
        .map(|j| JenisOption {
            code: j.code(),
            label: j.label(),
            jenjang: j
                .jenjang()
                .iter()
                .map(|(_, l)| *l)
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect();
    let iq = instansi_qs(&web.actor, instansi_id);
    Ok(JabatanFormPage {
        ctx: web.ctx,
        id,
        input,
        errors,
        units,
        atasan,
        jenis,
        iq,
    })
}

pub async fn new(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<ListQuery>,
) -> AppResult<JabatanFormPage> {
    let instansi_id = scope(&web.actor, q.instansi())?;
    web.actor.require_admin_instansi(instansi_id)?;
    form(
        &state,
        web,
        instansi_id,
        None,
        JabatanInput::default(),
        FieldErrors::new(),
    )
    .await
}

pub async fn create(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<ListQuery>,
    Form(input): Form<JabatanInput>,
) -> AppResult<Response> {
    let instansi_id = scope(&web.actor, q.instansi())?;
    let r = jabatan_svc::simpan(&state.tulis, &web.actor, instansi_id, None, &input).await;
    let iq = instansi_qs(&web.actor, instansi_id);
    match or_invalid(r)? {
        Ok(_) => Ok(Redirect::to(&with_qs("/jabatan", &iq)).into_response()),
        Err(errors) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            form(&state, web, instansi_id, None, input, errors).await?,
        )
            .into_response()),
    }
}

pub async fn edit(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<JabatanFormPage> {
    let j = jabatan_svc::lihat(&state.baca, &web.actor, id).await?;
    web.actor.require_admin_instansi(j.instansi_id)?;
    form(
        &state,
        web,
        j.instansi_id,
        Some(id),
        JabatanInput::from(&j),
        FieldErrors::new(),
    )
    .await
}

pub async fn update(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
    Form(input): Form<JabatanInput>,
) -> AppResult<Response> {
    let j = jabatan_svc::lihat(&state.tulis, &web.actor, id).await?;
    let r = jabatan_svc::simpan(&state.tulis, &web.actor, j.instansi_id, Some(id), &input).await;
    let iq = instansi_qs(&web.actor, j.instansi_id);
    match or_invalid(r)? {
        Ok(_) => Ok(Redirect::to(&with_qs("/jabatan", &iq)).into_response()),
        Err(errors) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            form(&state, web, j.instansi_id, Some(id), input, errors).await?,
        )
            .into_response()),
    }
}
