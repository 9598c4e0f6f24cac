//! A pegawai's angka kredit (`/pegawai/{id}/angka-kredit`): the conversion of each evaluation,
//! the AK brought in, the cumulative total against the next pangkat and jenjang; the admin
//! records the AK brought in on the same page. `/angka-kredit` is the actor's own.

use super::{Web, or_invalid, status_of, today};
use crate::AppState;
use crate::context::{Ctx, ErrorsExt};
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use kinerja_core::rules::angka_kredit::tampil;
use kinerja_core::services::evaluasi::angka_kredit::{self, AwalInput, RiwayatAk};
use kinerja_core::{CoreError, FieldErrors};

#[derive(Template, WebTemplate)]
#[template(path = "angka_kredit.html")]
pub struct AngkaKreditPage {
    ctx: Ctx,
    r: RiwayatAk,
    errors: FieldErrors,
    input: AwalInput,
}

impl AngkaKreditPage {
    fn ak(&self, v: &u32) -> String {
        tampil(*v)
    }
    fn ak_opt(&self, v: &Option<i64>) -> String {
        v.and_then(|v| u32::try_from(v).ok())
            .map_or_else(|| "-".into(), tampil)
    }
    fn ak_awal(&self, v: &i64) -> String {
        self.ak_opt(&Some(*v))
    }
    fn persen(&self, bagian: &u32, dari: &u32) -> u32 {
        (bagian * 100).checked_div(*dari).unwrap_or(100).min(100)
    }
}

async fn page(
    state: &AppState,
    web: Web,
    id: i32,
    errors: FieldErrors,
    input: Option<AwalInput>,
) -> AppResult<Response> {
    let r = angka_kredit::riwayat(&state.baca, &web.actor, id, today()).await?;
    let input = input.unwrap_or_else(|| match &r.awal {
        Some(a) => AwalInput {
            nilai: tampil(u32::try_from(a.nilai).unwrap_or(0)),
            per_tanggal: a.per_tanggal.to_string(),
            keterangan: a.keterangan.clone(),
        },
        None => AwalInput::default(),
    });
    Ok((
        status_of(&errors),
        AngkaKreditPage {
            ctx: web.ctx,
            r,
            errors,
            input,
        },
    )
        .into_response())
}

pub async fn show(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    page(&state, web, id, FieldErrors::new(), None).await
}

/// The actor's own page.
pub async fn sendiri(web: Web) -> AppResult<Redirect> {
    let id = web.actor.pegawai_id.ok_or(CoreError::NotFound)?;
    Ok(Redirect::to(&format!("/pegawai/{id}/angka-kredit")))
}

pub async fn simpan_awal(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
    Form(input): Form<AwalInput>,
) -> AppResult<Response> {
    let r = angka_kredit::simpan_awal(&state.tulis, &web.actor, id, &input, today()).await;
    match or_invalid(r)? {
        Ok(_) => Ok(Redirect::to(&format!("/pegawai/{id}/angka-kredit?ok=1")).into_response()),
        Err(errors) => page(&state, web, id, errors, Some(input)).await,
    }
}
