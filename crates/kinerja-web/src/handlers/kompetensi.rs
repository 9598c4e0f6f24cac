//! The competency dictionary (`/kompetensi`) and a jabatan's Standar Kompetensi Jabatan
//! (`/jabatan/{id}/kompetensi`): read by everyone of the instansi, changed by its admin. Each post
//! calls one service; a refused form comes back with 422 and what was typed.

use super::{Web, instansi_dari, instansi_qs, or_invalid, status_of};
use crate::AppState;
use crate::context::{Ctx, ErrorsExt};
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use kinerja_core::FieldErrors;
use kinerja_core::db::entities::kompetensi as kompetensi_entity;
use kinerja_core::rules::kamus_kompetensi::kelompok_label;
use kinerja_core::services::kompetensi::kamus::{self as kompetensi, KompetensiInput, Skj};
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Debug, Default, Deserialize)]
pub struct InstansiQuery {
    #[serde(default)]
    pub instansi: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "kompetensi.html")]
pub struct KamusPage {
    ctx: Ctx,
    kamus: Vec<kompetensi_entity::Model>,
    dapat_ubah: bool,
    input: KompetensiInput,
    errors: FieldErrors,
    iq: String,
}

impl KamusPage {
    fn kelompok(&self, c: &str) -> &'static str {
        kelompok_label(c)
    }
}

async fn kamus_page(
    state: &AppState,
    web: Web,
    q: &InstansiQuery,
    input: KompetensiInput,
    errors: FieldErrors,
) -> AppResult<Response> {
    let iid = instansi_dari(&web.actor, &q.instansi)?;
    let kamus = kompetensi::kamus(&state.baca, &web.actor, iid).await?;
    Ok((
        status_of(&errors),
        KamusPage {
            dapat_ubah: web.actor.can_admin_instansi(iid),
            iq: instansi_qs(&web.actor, iid),
            ctx: web.ctx,
            kamus,
            input,
            errors,
        },
    )
        .into_response())
}

pub async fn kamus(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<InstansiQuery>,
) -> AppResult<Response> {
    kamus_page(
        &state,
        web,
        &q,
        KompetensiInput::default(),
        FieldErrors::new(),
    )
    .await
}

pub async fn tambah(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<InstansiQuery>,
    Form(input): Form<KompetensiInput>,
) -> AppResult<Response> {
    let iid = instansi_dari(&web.actor, &q.instansi)?;
    let r = kompetensi::tambah_teknis(&state.tulis, &web.actor, iid, &input).await;
    match or_invalid(r)? {
        Ok(k) => Ok(Redirect::to(&format!(
            "/kompetensi?{}#k-{}",
            instansi_qs(&web.actor, iid),
            k.id
        ))
        .into_response()),
        Err(errors) => kamus_page(&state, web, &q, input, errors).await,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "standar_kompetensi.html")]
pub struct StandarPage {
    ctx: Ctx,
    s: Skj,
    /// What was typed into a refused form, by kompetensi id.
    isian: HashMap<i32, String>,
    errors: FieldErrors,
    tersimpan: bool,
}

impl StandarPage {
    fn kelompok(&self, c: &str) -> &'static str {
        kelompok_label(c)
    }
    /// The level to select for a competency: as typed, else saved, else suggested.
    fn dipilih(&self, b: &kompetensi::BarisSkj, level: &u8) -> bool {
        match self.isian.get(&b.kompetensi.id) {
            Some(v) => v == &level.to_string(),
            None => b.nilai() == Some(*level),
        }
    }
    fn field(&self, id: &i32) -> String {
        format!("level_{id}")
    }
}

async fn standar_page(
    state: &AppState,
    web: Web,
    jabatan_id: i32,
    isian: HashMap<i32, String>,
    errors: FieldErrors,
    tersimpan: bool,
) -> AppResult<Response> {
    let s = kompetensi::standar(&state.baca, &web.actor, jabatan_id).await?;
    Ok((
        status_of(&errors),
        StandarPage {
            ctx: web.ctx,
            s,
            isian,
            errors,
            tersimpan,
        },
    )
        .into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct OkQuery {
    #[serde(default)]
    pub ok: String,
}

pub async fn standar(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
    Query(q): Query<OkQuery>,
) -> AppResult<Response> {
    standar_page(
        &state,
        web,
        id,
        HashMap::new(),
        FieldErrors::new(),
        !q.ok.is_empty(),
    )
    .await
}

pub async fn simpan_standar(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
    Form(f): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let isian: HashMap<i32, String> = f
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("level_")?.parse().ok()?, v.clone())))
        .collect();
    let r = kompetensi::simpan_standar(&state.tulis, &web.actor, id, &isian).await;
    match or_invalid(r)? {
        Ok(_) => Ok(Redirect::to(&format!("/jabatan/{id}/kompetensi?ok=1")).into_response()),
        Err(errors) => standar_page(&state, web, id, isian, errors, false).await,
    }
}
