//! Unit kerja: the tree of an instansi's units, and adding or changing one.

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
use kinerja_core::services::organisasi::unit_kerja::{self as unit_svc, UnitInput, UnitNode};

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

pub async fn index(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<ListQuery>,
) -> AppResult<UnitTreePage> {
    let instansi_id = scope(&web.actor, q.instansi())?;
    web.actor.require_admin_instansi(instansi_id)?;
    let nodes = unit_svc::pohon(&state.baca, &web.actor, instansi_id).await?;
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

async fn form(
    state: &AppState,
    web: Web,
    instansi_id: i32,
    id: Option<i32>,
    input: UnitInput,
    errors: FieldErrors,
) -> AppResult<UnitFormPage> {
    let parents = unit_svc::pohon(&state.baca, &web.actor, instansi_id)
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

pub async fn new(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<ListQuery>,
) -> AppResult<UnitFormPage> {
    let instansi_id = scope(&web.actor, q.instansi())?;
    web.actor.require_admin_instansi(instansi_id)?;
    form(
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

pub async fn create(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<ListQuery>,
    Form(input): Form<UnitInput>,
) -> AppResult<Response> {
    let instansi_id = scope(&web.actor, q.instansi())?;
    let r = unit_svc::simpan(&state.tulis, &web.actor, instansi_id, None, &input).await;
    let iq = instansi_qs(&web.actor, instansi_id);
    match or_invalid(r)? {
        Ok(_) => Ok(Redirect::to(&with_qs("/unit", &iq)).into_response()),
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
) -> AppResult<UnitFormPage> {
    let u = unit_svc::lihat(&state.baca, &web.actor, id).await?;
    web.actor.require_admin_instansi(u.instansi_id)?;
    form(
        &state,
        web,
        u.instansi_id,
        Some(id),
        UnitInput::from(&u),
        FieldErrors::new(),
    )
    .await
}

pub async fn update(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
    Form(input): Form<UnitInput>,
) -> AppResult<Response> {
    let u = unit_svc::lihat(&state.tulis, &web.actor, id).await?;
    let r = unit_svc::simpan(&state.tulis, &web.actor, u.instansi_id, Some(id), &input).await;
    let iq = instansi_qs(&web.actor, u.instansi_id);
    match or_invalid(r)? {
        Ok(_) => Ok(Redirect::to(&with_qs("/unit", &iq)).into_response()),
        Err(errors) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            form(&state, web, u.instansi_id, Some(id), input, errors).await?,
        )
            .into_response()),
    }
}
