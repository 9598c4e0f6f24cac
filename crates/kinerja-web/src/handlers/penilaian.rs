//! The penilai's evaluation sheet of an SKP for one period: realisasi per IKI, umpan balik on
//! every IKI and BerAKHLAK value, the two ratings and the resulting predikat.

use super::realisasi::PeriodeQuery;
use super::{Web, or_invalid, status_of, today};
use crate::AppState;
use crate::context::{Ctx, ErrorsExt};
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use kinerja_core::FieldErrors;
use kinerja_core::rules::distribusi::PredikatOrganisasi;
use kinerja_core::rules::predikat::Rating;
use kinerja_core::services::evaluasi::penilaian::{self, Lembar, PenilaianInput};
use kinerja_core::services::perencanaan::skp;

#[derive(Template, WebTemplate)]
#[template(path = "penilaian.html")]
pub struct PenilaianPage {
    ctx: Ctx,
    l: Lembar,
    errors: FieldErrors,
    /// What the penilai typed, when a post was refused.
    input: Option<PenilaianInput>,
    ratings: [Rating; 3],
}

impl PenilaianPage {
    fn aspek_label(&self, c: &str) -> &'static str {
        skp::aspek_label(c)
    }
    fn ub_iki(&self, id: &i32) -> String {
        match &self.input {
            Some(i) => i.umpan_iki.get(id).cloned().unwrap_or_default(),
            None => self.l.umpan_iki(id),
        }
    }
    fn ub_perilaku(&self, kode: &i32) -> String {
        match &self.input {
            Some(i) => i.umpan_perilaku.get(kode).cloned().unwrap_or_default(),
            None => self.l.umpan_perilaku(kode),
        }
    }
    fn dipilih(&self, field: &str, r: &Rating) -> bool {
        let current = match (&self.input, &self.l.evaluasi) {
            (Some(i), _) if field == "rating_hasil" => Some(i.rating_hasil.clone()),
            (Some(i), _) => Some(i.rating_perilaku.clone()),
            (None, Some(e)) if field == "rating_hasil" => e.rating_hasil.clone(),
            (None, Some(e)) => e.rating_perilaku.clone(),
            (None, None) => None,
        };
        current.as_deref() == Some(r.code())
    }
    fn status(&self, e: &kinerja_core::db::entities::evaluasi::Model) -> &'static str {
        kinerja_core::services::evaluasi::pihak::status_label(e, today())
    }
    fn dari_organisasi(&self, o: &PredikatOrganisasi) -> &'static str {
        penilaian::rating_dari_organisasi(*o).label()
    }
    fn rating_label(&self, code: &Option<String>) -> &'static str {
        code.as_deref()
            .and_then(Rating::from_code)
            .map_or("—", Rating::label)
    }
}

async fn page(
    state: &AppState,
    web: Web,
    skp_id: i32,
    periode: Option<i32>,
    errors: FieldErrors,
    input: Option<PenilaianInput>,
) -> AppResult<Response> {
    let l = penilaian::lembar(&state.baca, &web.actor, skp_id, periode, today()).await?;
    let status = status_of(&errors);
    Ok((
        status,
        PenilaianPage {
            ctx: web.ctx,
            l,
            errors,
            input,
            ratings: [Rating::DiAtas, Rating::Sesuai, Rating::DiBawah],
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
    page(
        &state,
        web,
        id,
        q.periode.parse().ok(),
        FieldErrors::new(),
        None,
    )
    .await
}

pub async fn simpan(
    State(state): State<AppState>,
    web: Web,
    Path((id, periode)): Path<(i32, i32)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let input = PenilaianInput::from_pairs(&fields);
    let r = penilaian::simpan(&state.tulis, &web.actor, id, periode, &input, today()).await;
    match or_invalid(r)? {
        Ok(_) => {
            Ok(Redirect::to(&format!("/penilaian/{id}?periode={periode}&ok=1")).into_response())
        }
        Err(errors) => page(&state, web, id, Some(periode), errors, Some(input)).await,
    }
}
