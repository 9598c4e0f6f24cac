//! The realisasi sheet of an SKP for one period: proposals from verified activities, the
//! pegawai's confirmed figures and their evidence.

use super::aktivitas::{field, read_multipart};
use super::{Web, or_invalid, status_of, today};
use crate::AppState;
use crate::context::{Ctx, ErrorsExt};
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use kinerja_core::FieldErrors;
use kinerja_core::services::evaluasi::realisasi::{self, Lembar, RealisasiInput};
use kinerja_core::services::perencanaan::skp;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct PeriodeQuery {
    #[serde(default)]
    pub periode: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "realisasi.html")]
pub struct RealisasiPage {
    ctx: Ctx,
    l: Lembar,
    errors: FieldErrors,
    gagal: Option<i32>,
    input: RealisasiInput,
}

impl RealisasiPage {
    fn gagal_pada(&self, id: &i32) -> bool {
        self.gagal == Some(*id)
    }

    fn aspek_label(&self, c: &str) -> &'static str {
        skp::aspek_label(c)
    }
    fn nilai_awal(&self, b: &realisasi::Baris) -> String {
        if self.gagal == Some(b.iki.id) {
            return self.input.nilai.clone();
        }
        match (&b.realisasi, b.usulan) {
            (Some(r), _) => self.ctx.nilai_opt(&r.nilai),
            (None, Some(u)) => self.ctx.nilai(&u).replace('.', ""),
            _ => String::new(),
        }
    }
    fn keterangan_awal(&self, b: &realisasi::Baris) -> String {
        if self.gagal == Some(b.iki.id) {
            return self.input.keterangan.clone();
        }
        b.realisasi
            .as_ref()
            .map(|r| r.keterangan.clone())
            .unwrap_or_default()
    }
}

async fn page(
    state: &AppState,
    web: Web,
    skp_id: i32,
    periode: Option<i32>,
    errors: FieldErrors,
    gagal: Option<i32>,
    input: RealisasiInput,
) -> AppResult<Response> {
    let l = realisasi::lembar(&state.baca, &web.actor, skp_id, periode, today()).await?;
    let status = status_of(&errors);
    Ok((
        status,
        RealisasiPage {
            ctx: web.ctx,
            l,
            errors,
            gagal,
            input,
        },
    )
        .into_response())
}

pub async fn show(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
    Query(q): Query<PeriodeQuery>,
) -> AppResult<Response> {
    let per = q.periode.parse().ok();
    page(
        &state,
        web,
        id,
        per,
        FieldErrors::new(),
        None,
        RealisasiInput::default(),
    )
    .await
}

pub async fn simpan(
    State(state): State<AppState>,
    web: Web,
    Path((iki_id, periode_id)): Path<(i32, i32)>,
    mp: Multipart,
) -> AppResult<Response> {
    let (fields, files, too_big) = read_multipart(mp).await;
    let get = |n: &str| field(&fields, n);
    let input = RealisasiInput {
        nilai: get("nilai"),
        keterangan: get("keterangan"),
        tautan: get("tautan"),
    };
    let skp_id: i32 = get("skp_id").parse().unwrap_or_default();
    if let Some(m) = too_big {
        let mut e = FieldErrors::new();
        e.add("berkas", m);
        return page(
            &state,
            web,
            skp_id,
            Some(periode_id),
            e,
            Some(iki_id),
            input,
        )
        .await;
    }
    let r = realisasi::simpan(
        &state.tulis,
        &state.bukti,
        &web.actor,
        iki_id,
        periode_id,
        &input,
        &files,
        today(),
    )
    .await;
    match or_invalid(r)? {
        Ok(saved) => Ok(Redirect::to(&format!(
            "/skp/{}/realisasi?periode={}#iki-{}",
            saved.skp_id, periode_id, iki_id
        ))
        .into_response()),
        Err(errors) => {
            page(
                &state,
                web,
                skp_id,
                Some(periode_id),
                errors,
                Some(iki_id),
                input,
            )
            .await
        }
    }
}

/// The pegawai submits the period's realisasi to the penilai.
pub async fn ajukan(
    State(state): State<AppState>,
    web: Web,
    Path((skp_id, periode_id)): Path<(i32, i32)>,
) -> AppResult<Response> {
    let r = realisasi::ajukan(&state.tulis, &web.actor, skp_id, periode_id, today()).await;
    match or_invalid(r)? {
        Ok(_) => Ok(Redirect::to(&format!(
            "/skp/{skp_id}/realisasi?periode={periode_id}&ok=1"
        ))
        .into_response()),
        Err(errors) => {
            page(
                &state,
                web,
                skp_id,
                Some(periode_id),
                errors,
                None,
                RealisasiInput::default(),
            )
            .await
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct KembalikanForm {
    #[serde(default)]
    pub catatan: String,
}

/// The penilai returns a submission with a note.
pub async fn kembalikan(
    State(state): State<AppState>,
    web: Web,
    Path((skp_id, periode_id)): Path<(i32, i32)>,
    Form(f): Form<KembalikanForm>,
) -> AppResult<Response> {
    let r = realisasi::kembalikan(
        &state.tulis,
        &web.actor,
        skp_id,
        periode_id,
        &f.catatan,
        today(),
    )
    .await;
    match or_invalid(r)? {
        Ok(()) => Ok(Redirect::to(&format!(
            "/skp/{skp_id}/realisasi?periode={periode_id}&ok=1"
        ))
        .into_response()),
        Err(errors) => {
            let input = RealisasiInput {
                keterangan: f.catatan,
                ..Default::default()
            };
            page(&state, web, skp_id, Some(periode_id), errors, None, input).await
        }
    }
}
