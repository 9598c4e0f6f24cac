//! The audit trail: per record (`?entity=pegawai&id=7`) or the instansi's recent changes.

use super::{ListQuery, Web};
use crate::AppState;
use crate::context::Ctx;
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use kinerja_core::services::Page;
use kinerja_core::services::jejak::audit::{self, AuditView};
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct AuditQuery {
    #[serde(default)]
    entity: String,
    #[serde(default)]
    id: String,
    #[serde(flatten)]
    list: ListQuery,
}

#[derive(Template, WebTemplate)]
#[template(path = "audit.html")]
pub struct AuditPage {
    ctx: Ctx,
    entity: String,
    id: String,
    page: Page<AuditView>,
}

pub async fn index(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<AuditQuery>,
) -> AppResult<AuditPage> {
    let page = match q.id.parse::<i64>() {
        Ok(id) if !q.entity.is_empty() => {
            audit::history(&state.baca, &web.actor, &q.entity, id, q.list.page()).await?
        }
        _ => {
            let chosen = q.list.instansi().or(web.actor.instansi_id);
            audit::recent(&state.baca, &web.actor, chosen, q.list.page()).await?
        }
    };
    Ok(AuditPage {
        ctx: web.ctx,
        entity: q.entity,
        id: q.id,
        page,
    })
}
