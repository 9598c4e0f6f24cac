//! Pegawai pages: the searchable list, the profile, and the admin forms.

use super::{ListQuery, Web, instansi_qs, scope, today};
use crate::AppState;
use crate::context::{Ctx, ErrorsExt};
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use kinerja_core::rules::golongan::{GOLONGAN_PNS, GOLONGAN_PPPK};
use kinerja_core::services::organisasi::jabatan::{self, JabatanRow};
use kinerja_core::services::organisasi::pegawai::{
    self as svc, PegawaiDetail, PegawaiInput, PegawaiRow, PenilaiManualInput,
};
use kinerja_core::services::{Page, akun::auth};
use kinerja_core::{CoreError, FieldErrors};
use serde::Deserialize;

#[derive(Template, WebTemplate)]
#[template(path = "pegawai_list.html")]
pub struct ListPage {
    ctx: Ctx,
    q: String,
    page: Page<PegawaiRow>,
    iq: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "pegawai_rows.html")]
pub struct ListRows {
    ctx: Ctx,
    q: String,
    page: Page<PegawaiRow>,
    iq: String,
}

/// The list; an htmx request (search as you type) gets only the table.
pub async fn index(
    State(state): State<AppState>,
    web: Web,
    headers: HeaderMap,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let instansi_id = scope(&web.actor, q.instansi())?;
    let page = svc::cari(&state.baca, &web.actor, instansi_id, &q.q, q.page()).await?;
    let iq = instansi_qs(&web.actor, instansi_id);
    if headers.contains_key("hx-request") {
        return Ok(ListRows {
            ctx: web.ctx,
            q: q.q,
            page,
            iq,
        }
        .into_response());
    }
    Ok(ListPage {
        ctx: web.ctx,
        q: q.q,
        page,
        iq,
    }
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "pegawai_detail.html")]
pub struct DetailPage {
    ctx: Ctx,
    d: PegawaiDetail,
    errors: FieldErrors,
    penilai_form: PenilaiManualInput,
    reset_done: String,
}

pub async fn show(
    State(state): State<AppState>,
    mut web: Web,
    Path(id): Path<i32>,
    Query(q): Query<ListQuery>,
) -> AppResult<DetailPage> {
    let d = svc::rincian(&state.baca, &web.actor, id, today()).await?;
    if q.ok == "1" {
        web.ctx.notice = Some(web.ctx.t("tersimpan"));
    }
    Ok(DetailPage {
        ctx: web.ctx,
        d,
        errors: FieldErrors::new(),
        penilai_form: PenilaiManualInput::default(),
        reset_done: String::new(),
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "pegawai_form.html")]
pub struct FormPage {
    ctx: Ctx,
    id: Option<i32>,
    input: PegawaiInput,
    errors: FieldErrors,
    jabatan: Vec<JabatanRow>,
    golongan_pns: Vec<&'static str>,
    golongan_pppk: Vec<&'static str>,
    iq: String,
}

impl FormPage {
    fn selected_jabatan(&self, id: &i32) -> bool {
        self.input.jabatan_id == id.to_string()
    }
}

async fn form_page(
    state: &AppState,
    web: Web,
    instansi_id: i32,
    id: Option<i32>,
    input: PegawaiInput,
    errors: FieldErrors,
) -> AppResult<FormPage> {
    let jabatan = jabatan::pilihan(&state.baca, &web.actor, instansi_id).await?;
    let iq = instansi_qs(&web.actor, instansi_id);
    Ok(FormPage {
        ctx: web.ctx,
        id,
        input,
        errors,
        jabatan,
        golongan_pns: GOLONGAN_PNS.iter().map(|(c, _)| *c).collect(),
        golongan_pppk: GOLONGAN_PPPK.to_vec(),
        iq,
    })
}

pub async fn new(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<ListQuery>,
) -> AppResult<FormPage> {
    let instansi_id = scope(&web.actor, q.instansi())?;
    let input = PegawaiInput {
        status_asn: "PNS".into(),
        aktif: Some("on".into()),
        ..Default::default()
    };
    form_page(&state, web, instansi_id, None, input, FieldErrors::new()).await
}

pub async fn create(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<ListQuery>,
    Form(input): Form<PegawaiInput>,
) -> AppResult<Response> {
    let instansi_id = scope(&web.actor, q.instansi())?;
    match svc::simpan(&state.tulis, &web.actor, instansi_id, None, &input, today()).await {
        Ok(p) => Ok(Redirect::to(&format!("/pegawai/{}?ok=1", p.id)).into_response()),
        Err(CoreError::Validation(errors)) => {
            let page = form_page(&state, web, instansi_id, None, input, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn edit(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<FormPage> {
    let p = svc::lihat(&state.baca, &web.actor, id, today()).await?;
    web.actor.require_admin_instansi(p.instansi_id)?;
    form_page(
        &state,
        web,
        p.instansi_id,
        Some(id),
        PegawaiInput::from(&p),
        FieldErrors::new(),
    )
    .await
}

pub async fn update(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
    Form(input): Form<PegawaiInput>,
) -> AppResult<Response> {
    let p = svc::lihat(&state.tulis, &web.actor, id, today()).await?;
    match svc::simpan(
        &state.tulis,
        &web.actor,
        p.instansi_id,
        Some(id),
        &input,
        today(),
    )
    .await
    {
        Ok(p) => Ok(Redirect::to(&format!("/pegawai/{}?ok=1", p.id)).into_response()),
        Err(CoreError::Validation(errors)) => {
            let page = form_page(&state, web, p.instansi_id, Some(id), input, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn set_penilai(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
    Form(input): Form<PenilaiManualInput>,
) -> AppResult<Response> {
    match svc::atur_penilai_manual(&state.tulis, &web.actor, id, &input).await {
        Ok(_) => Ok(Redirect::to(&format!("/pegawai/{id}?ok=1")).into_response()),
        Err(CoreError::Validation(errors)) => {
            let d = svc::rincian(&state.tulis, &web.actor, id, today()).await?;
            let page = DetailPage {
                ctx: web.ctx,
                d,
                errors,
                penilai_form: input,
                reset_done: String::new(),
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    baru: String,
    #[serde(default)]
    konfirmasi: String,
}

pub async fn reset_password(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
    Form(f): Form<ResetForm>,
) -> AppResult<Response> {
    let result = auth::reset_password(&state.tulis, &web.actor, id, &f.baru, &f.konfirmasi).await;
    let (status, errors, done) = match result {
        Ok(login) => (StatusCode::OK, FieldErrors::new(), login),
        Err(CoreError::Validation(errors)) => {
            (StatusCode::UNPROCESSABLE_ENTITY, errors, String::new())
        }
        Err(e) => return Err(e.into()),
    };
    let d = svc::rincian(&state.tulis, &web.actor, id, today()).await?;
    let page = DetailPage {
        ctx: web.ctx,
        d,
        errors,
        penilai_form: PenilaiManualInput::default(),
        reset_done: done,
    };
    Ok((status, page).into_response())
}
