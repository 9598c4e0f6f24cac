//! A unit's results for one period, reached from the distribution page with the same readers:
//! every pegawai's result with a link to their evaluation (`/distribusi/{unit}/hasil`), and the
//! follow-up lists (`/distribusi/{unit}/tindak-lanjut`): the Sangat Baik recognition list and the
//! improvement plans of those below Baik.

use super::{Web, today};
use crate::AppState;
use crate::context::Ctx;
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use kinerja_core::CoreError;
use kinerja_core::services::evaluasi::rekap::{self, Rekap};
use kinerja_core::services::evaluasi::tindak_lanjut::{self, TindakLanjut};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct PeriodeQuery {
    #[serde(default)]
    pub periode: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "tindak_lanjut.html")]
pub struct TindakLanjutPage {
    ctx: Ctx,
    t: TindakLanjut,
    unit: i32,
    periode: i32,
}

impl TindakLanjutPage {
    fn status_rencana(&self, c: &str) -> &'static str {
        tindak_lanjut::status_label_rencana(c)
    }
}

pub async fn show(
    State(state): State<AppState>,
    web: Web,
    Path(unit): Path<i32>,
    Query(q): Query<PeriodeQuery>,
) -> AppResult<Response> {
    let periode: i32 = q.periode.parse().map_err(|_| CoreError::NotFound)?;
    let t = tindak_lanjut::daftar(&state.baca, &web.actor, unit, periode, today()).await?;
    Ok(TindakLanjutPage {
        ctx: web.ctx,
        t,
        unit,
        periode,
    }
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "hasil_unit.html")]
pub struct HasilUnitPage {
    ctx: Ctx,
    r: Rekap,
}

impl HasilUnitPage {
    fn ak(&self, v: &Option<i64>) -> String {
        self.ctx.nilai_opt(v)
    }
}

pub async fn hasil(
    State(state): State<AppState>,
    web: Web,
    Path(unit): Path<i32>,
    Query(q): Query<PeriodeQuery>,
) -> AppResult<Response> {
    let periode: i32 = q.periode.parse().map_err(|_| CoreError::NotFound)?;
    let r = rekap::unit(&state.baca, &web.actor, unit, periode, today()).await?;
    Ok(HasilUnitPage { ctx: web.ctx, r }.into_response())
}
