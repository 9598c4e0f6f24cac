//! Instansi (super admin): the list, and adding or changing one.

use crate::AppState;
use crate::context::{Ctx, ErrorsExt};
use crate::error::AppResult;
use crate::handlers::{Web, or_invalid};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kinerja_core::db::entities::instansi;
use kinerja_core::services::organisasi::instansi::{
    self as instansi_svc, InstansiInput, JENIS as JENIS_INSTANSI,
};
use kinerja_core::{CoreError, FieldErrors};

#[derive(Template, WebTemplate)]
#[template(path = "instansi_list.html")]
pub struct InstansiListPage {
    ctx: Ctx,
    items: Vec<instansi::Model>,
}

pub async fn index(State(state): State<AppState>, web: Web) -> AppResult<InstansiListPage> {
    if !web.actor.is_admin() {
        return Err(CoreError::Forbidden.into());
    }
    let items = instansi_svc::daftar(&state.baca, &web.actor).await?;
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

pub async fn new(web: Web) -> AppResult<InstansiFormPage> {
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

pub async fn create(
    State(state): State<AppState>,
    web: Web,
    Form(input): Form<InstansiInput>,
) -> AppResult<Response> {
    let r = instansi_svc::simpan(&state.tulis, &web.actor, None, &input).await;
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

pub async fn edit(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<InstansiFormPage> {
    web.actor.require_super_admin()?;
    let i = instansi_svc::lihat(&state.baca, &web.actor, id).await?;
    Ok(InstansiFormPage {
        ctx: web.ctx,
        id: Some(id),
        input: InstansiInput::from(&i),
        errors: FieldErrors::new(),
        jenis: JENIS_INSTANSI.to_vec(),
    })
}

pub async fn update(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
    Form(input): Form<InstansiInput>,
) -> AppResult<Response> {
    let r = instansi_svc::simpan(&state.tulis, &web.actor, Some(id), &input).await;
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
