//! Monitoring pages: the penilai's or unit head's team, a member's drill-down (their SKP and
//! activities), and the admin's fill-in progress per unit.

use super::{ListQuery, Web, WebKini, scope, today};
use crate::AppState;
use crate::context::Ctx;
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use kinerja_core::db::entities::periode;
use kinerja_core::services::harian::monitoring::{self, Tim, UnitProgres};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct TimQuery {
    #[serde(default)]
    pub semua: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "monitoring.html")]
pub struct MonitoringPage {
    ctx: Ctx,
    tim: Tim,
    semua: bool,
}

pub async fn tim(
    State(state): State<AppState>,
    WebKini { web, periode }: WebKini,
    Query(q): Query<TimQuery>,
) -> AppResult<MonitoringPage> {
    let semua = q.semua == "1";
    let tim = monitoring::tim_dalam(&state.baca, &web.actor, periode, semua, today()).await?;
    Ok(MonitoringPage {
        ctx: web.ctx,
        tim,
        semua,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "monitoring_unit.html")]
pub struct UnitPage {
    ctx: Ctx,
    periode: Option<periode::Model>,
    rows: Vec<UnitProgres>,
}

pub async fn unit(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<ListQuery>,
) -> AppResult<UnitPage> {
    let instansi_id = scope(&web.actor, q.instansi())?;
    let (periode, rows) =
        monitoring::progres_unit(&state.baca, &web.actor, instansi_id, today()).await?;
    Ok(UnitPage {
        ctx: web.ctx,
        periode,
        rows,
    })
}
