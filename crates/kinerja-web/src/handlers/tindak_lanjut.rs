//! The follow-up lists of a unit for one period (`/distribusi/{unit}/tindak-lanjut?periode=`):
//! the Sangat Baik recognition list and the improvement plans of those below Baik. Reached from
//! the distribution page, with the same readers.

use super::{Web, today};
use crate::AppState;
use crate::context::Ctx;
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use kinerja_core::CoreError;
use kinerja_core::services::tindak_lanjut::{self, TindakLanjut};
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
    let t = tindak_lanjut::daftar(&state.db, &web.actor, unit, periode, today()).await?;
    Ok(TindakLanjutPage {
        ctx: web.ctx,
        t,
        unit,
        periode,
    }
    .into_response())
}
