//! Organisation admin: instansi (super admin), unit kerja tree, jabatan, PLT/PLH.

use super::{ListQuery, Web, instansi_qs, or_invalid, scope};
use crate::AppState;
use crate::context::{Ctx, ErrorsExt};
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kinerja_core::db::entities::instansi;
use kinerja_core::rules::jabatan::{JenisJabatan, jenjang_label};
use kinerja_core::services::Page;
use kinerja_core::services::organisasi::instansi::{
    self as instansi_svc, InstansiInput, JENIS as JENIS_INSTANSI,
};
use kinerja_core::services::organisasi::jabatan::{self as jabatan_svc, JabatanInput, JabatanRow};
use kinerja_core::services::organisasi::penugasan::{self, PenugasanInput, PenugasanRow};
use kinerja_core::services::organisasi::unit_kerja::{self as unit_svc, UnitInput, UnitNode};
use kinerja_core::{CoreError, FieldErrors};

fn with_qs(path: &str, iq: &str) -> String {
    if iq.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{iq}")
    }
}

// ---------- Unit kerja ----------

#[derive(Template, WebTemplate)]
#[template(path = "unit_tree.html")]
pub struct UnitTreePage {
    ctx: Ctx,
    nodes: Vec<UnitNode>,
    iq: String,
}

impl UnitTreePage {
    fn indent(&self, depth: &usize) -> String {
        format!("depth-{}", (*depth).min(6))
    }
}

pub async fn unit_tree(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<ListQuery>,
) -> AppResult<UnitTreePage> {
    let instansi_id = scope(&web.actor, q.instansi())?;
    web.actor.require_admin_instansi(instansi_id)?;
    let nodes = unit_svc::tree(&state.db, &web.actor, instansi_id).await?;
    Ok(UnitTreePage {
        ctx: web.ctx,
        nodes,
        iq: instansi_qs(&web.actor, instansi_id),
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "unit_form.html")]
pub struct UnitFormPage {
    ctx: Ctx,
    id: Option<i32>,
    input: UnitInput,
    errors: FieldErrors,
    parents: Vec<UnitNode>,
    iq: String,
}

async fn unit_page(
    state: &AppState,
    web: Web,
    instansi_id: i32,
    id: Option<i32>,
    input: UnitInput,
    errors: FieldErrors,
) -> AppResult<UnitFormPage> {
    let parents = unit_svc::tree(&state.db, &web.actor, instansi_id)
        .await?
        .into_iter()
        .filter(|n| Some(n.unit.id) != id)
        .collect();
    let iq = instansi_qs(&web.actor, instansi_id);
    Ok(UnitFormPage {
        ctx: web.ctx,
        id,
        input,
        errors,
        parents,
        iq,
    })
}

pub async fn unit_new(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<ListQuery>,
) -> AppResult<UnitFormPage> {
    let instansi_id = scope(&web.actor, q.instansi())?;
    web.actor.require_admin_instansi(instansi_id)?;
    unit_page(
        &state,
        web,
        instansi_id,
        None,
        UnitInput {
            aktif: Some("on".into()),
            ..Default::default()
        },
        FieldErrors::new(),
    )
    .await
}

pub async fn unit_create(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<ListQuery>,
    Form(input): Form<UnitInput>,
) -> AppResult<Response> {
    let instansi_id = scope(&web.actor, q.instansi())?;
    let r = unit_svc::save(&state.tulis, &web.actor, instansi_id, None, &input).await;
    let iq = instansi_qs(&web.actor, instansi_id);
    match or_invalid(r)? {
        Ok(_) => Ok(Redirect::to(&with_qs("/unit", &iq)).into_response()),
        Err(errors) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            unit_page(&state, web, instansi_id, None, input, errors).await?,
        )
            .into_response()),
    }
}

pub async fn unit_edit(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<UnitFormPage> {
    let u = unit_svc::get(&state.db, &web.actor, id).await?;
    web.actor.require_admin_instansi(u.instansi_id)?;
    unit_page(
        &state,
        web,
        u.instansi_id,
        Some(id),
        UnitInput::from(&u),
        FieldErrors::new(),
    )
    .await
}

pub async fn unit_update(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
    Form(input): Form<UnitInput>,
) -> AppResult<Response> {
    let u = unit_svc::get(&state.tulis, &web.actor, id).await?;
    let r = unit_svc::save(&state.tulis, &web.actor, u.instansi_id, Some(id), &input).await;
    let iq = instansi_qs(&web.actor, u.instansi_id);
    match or_invalid(r)? {
        Ok(_) => Ok(Redirect::to(&with_qs("/unit", &iq)).into_response()),
        Err(errors) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            unit_page(&state, web, u.instansi_id, Some(id), input, errors).await?,
        )
            .into_response()),
    }
}

// ---------- Jabatan ----------

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

pub async fn jabatan_list(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<ListQuery>,
) -> AppResult<JabatanListPage> {
    let instansi_id = scope(&web.actor, q.instansi())?;
    let page = jabatan_svc::list(&state.db, &web.actor, instansi_id, &q.q, q.page()).await?;
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

async fn jabatan_page(
    state: &AppState,
    web: Web,
    instansi_id: i32,
    id: Option<i32>,
    input: JabatanInput,
    errors: FieldErrors,
) -> AppResult<JabatanFormPage> {
    let units = unit_svc::tree(&state.db, &web.actor, instansi_id).await?;
    let atasan = jabatan_svc::options(&state.db, &web.actor, instansi_id)
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

pub async fn jabatan_new(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<ListQuery>,
) -> AppResult<JabatanFormPage> {
    let instansi_id = scope(&web.actor, q.instansi())?;
    web.actor.require_admin_instansi(instansi_id)?;
    jabatan_page(
        &state,
        web,
        instansi_id,
        None,
        JabatanInput::default(),
        FieldErrors::new(),
    )
    .await
}

pub async fn jabatan_create(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<ListQuery>,
    Form(input): Form<JabatanInput>,
) -> AppResult<Response> {
    let instansi_id = scope(&web.actor, q.instansi())?;
    let r = jabatan_svc::save(&state.tulis, &web.actor, instansi_id, None, &input).await;
    let iq = instansi_qs(&web.actor, instansi_id);
    match or_invalid(r)? {
        Ok(_) => Ok(Redirect::to(&with_qs("/jabatan", &iq)).into_response()),
        Err(errors) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            jabatan_page(&state, web, instansi_id, None, input, errors).await?,
        )
            .into_response()),
    }
}

pub async fn jabatan_edit(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<JabatanFormPage> {
    let j = jabatan_svc::get(&state.db, &web.actor, id).await?;
    web.actor.require_admin_instansi(j.instansi_id)?;
    jabatan_page(
        &state,
        web,
        j.instansi_id,
        Some(id),
        JabatanInput::from(&j),
        FieldErrors::new(),
    )
    .await
}

pub async fn jabatan_update(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
    Form(input): Form<JabatanInput>,
) -> AppResult<Response> {
    let j = jabatan_svc::get(&state.tulis, &web.actor, id).await?;
    let r = jabatan_svc::save(&state.tulis, &web.actor, j.instansi_id, Some(id), &input).await;
    let iq = instansi_qs(&web.actor, j.instansi_id);
    match or_invalid(r)? {
        Ok(_) => Ok(Redirect::to(&with_qs("/jabatan", &iq)).into_response()),
        Err(errors) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            jabatan_page(&state, web, j.instansi_id, Some(id), input, errors).await?,
        )
            .into_response()),
    }
}

// ---------- PLT / PLH ----------

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

async fn plt_page(
    state: &AppState,
    web: Web,
    instansi_id: i32,
    input: PenugasanInput,
    errors: FieldErrors,
) -> AppResult<PltPage> {
    let rows = penugasan::list(&state.db, &web.actor, instansi_id).await?;
    let jabatan = jabatan_svc::options(&state.db, &web.actor, instansi_id).await?;
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

pub async fn plt_list(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<ListQuery>,
) -> AppResult<PltPage> {
    let instansi_id = scope(&web.actor, q.instansi())?;
    let input = PenugasanInput {
        jenis: "PLT".into(),
        mulai: super::today().to_string(),
        ..Default::default()
    };
    plt_page(&state, web, instansi_id, input, FieldErrors::new()).await
}

pub async fn plt_create(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<ListQuery>,
    Form(input): Form<PenugasanInput>,
) -> AppResult<Response> {
    let instansi_id = scope(&web.actor, q.instansi())?;
    let r = penugasan::create(&state.tulis, &web.actor, instansi_id, &input).await;
    let iq = instansi_qs(&web.actor, instansi_id);
    match or_invalid(r)? {
        Ok(_) => Ok(Redirect::to(&with_qs("/plt", &iq)).into_response()),
        Err(errors) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            plt_page(&state, web, instansi_id, input, errors).await?,
        )
            .into_response()),
    }
}

pub async fn plt_delete(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    penugasan::delete(&state.tulis, &web.actor, id).await?;
    let back = web
        .actor
        .instansi_id
        .map(|_| "/plt".to_string())
        .unwrap_or_else(|| "/instansi".into());
    Ok(Redirect::to(&back).into_response())
}

// ---------- Instansi ----------

#[derive(Template, WebTemplate)]
#[template(path = "instansi_list.html")]
pub struct InstansiListPage {
    ctx: Ctx,
    items: Vec<instansi::Model>,
}

pub async fn instansi_list(State(state): State<AppState>, web: Web) -> AppResult<InstansiListPage> {
    if !web.actor.is_admin() {
        return Err(CoreError::Forbidden.into());
    }
    let items = instansi_svc::list(&state.db, &web.actor).await?;
    Ok(InstansiListPage {
        ctx: web.ctx,
        items,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "instansi_form.html")]
pub struct InstansiFormPage {
    ctx: Ctx,
    id: Option<i32>,
    input: InstansiInput,
    errors: FieldErrors,
    jenis: Vec<(&'static str, &'static str)>,
}

pub async fn instansi_new(web: Web) -> AppResult<InstansiFormPage> {
    web.actor.require_super_admin()?;
    Ok(InstansiFormPage {
        ctx: web.ctx,
        id: None,
        input: InstansiInput {
            aktif: Some("on".into()),
            ..Default::default()
        },
        errors: FieldErrors::new(),
        jenis: JENIS_INSTANSI.to_vec(),
    })
}

pub async fn instansi_create(
    State(state): State<AppState>,
    web: Web,
    Form(input): Form<InstansiInput>,
) -> AppResult<Response> {
    let r = instansi_svc::save(&state.tulis, &web.actor, None, &input).await;
    match or_invalid(r)? {
        Ok(_) => Ok(Redirect::to("/instansi").into_response()),
        Err(errors) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            InstansiFormPage {
                ctx: web.ctx,
                id: None,
                input,
                errors,
                jenis: JENIS_INSTANSI.to_vec(),
            },
        )
            .into_response()),
    }
}

pub async fn instansi_edit(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<InstansiFormPage> {
    web.actor.require_super_admin()?;
    let i = instansi_svc::get(&state.db, &web.actor, id).await?;
    Ok(InstansiFormPage {
        ctx: web.ctx,
        id: Some(id),
        input: InstansiInput::from(&i),
        errors: FieldErrors::new(),
        jenis: JENIS_INSTANSI.to_vec(),
    })
}

pub async fn instansi_update(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
    Form(input): Form<InstansiInput>,
) -> AppResult<Response> {
    let r = instansi_svc::save(&state.tulis, &web.actor, Some(id), &input).await;
    match or_invalid(r)? {
        Ok(_) => Ok(Redirect::to("/instansi").into_response()),
        Err(errors) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            InstansiFormPage {
                ctx: web.ctx,
                id: Some(id),
                input,
                errors,
                jenis: JENIS_INSTANSI.to_vec(),
            },
        )
            .into_response()),
    }
}
