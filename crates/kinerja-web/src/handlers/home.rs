//! The home page, per role: the super admin sees every instansi, an admin their instansi at a
//! glance, a pegawai their own profile, penilai chain and team.

use super::{Web, today};
use crate::AppState;
use crate::context::Ctx;
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use kinerja_core::db::entities::instansi;
use kinerja_core::services::jejak::audit::AuditView;
use kinerja_core::services::organisasi::pegawai::{PegawaiDetail, PegawaiRow};
use kinerja_core::services::{
    jejak::audit, organisasi::instansi as instansi_svc, organisasi::jabatan, organisasi::pegawai,
    organisasi::penilai, organisasi::unit_kerja,
};

pub struct InstansiStat {
    pub instansi: instansi::Model,
    pub pegawai: u64,
    pub unit: u64,
    pub jabatan: u64,
}

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
pub struct HomePage {
    ctx: Ctx,
    stats: Vec<InstansiStat>,
    recent: Vec<AuditView>,
    me: Option<PegawaiDetail>,
    team: Vec<PegawaiRow>,
}

pub async fn home(State(state): State<AppState>, web: Web) -> AppResult<HomePage> {
    let db = &state.baca;
    let a = &web.actor;
    let mut stats = Vec::new();
    let mut recent = Vec::new();
    if a.is_admin() {
        for i in instansi_svc::daftar(db, a).await? {
            stats.push(InstansiStat {
                pegawai: pegawai::jumlah(db, i.id, true).await?,
                unit: unit_kerja::jumlah(db, i.id).await?,
                jabatan: jabatan::jumlah(db, i.id).await?,
                instansi: i,
            });
        }
        recent = audit::recent(db, a, a.instansi_id, 1)
            .await?
            .items
            .into_iter()
            .take(8)
            .collect();
    }
    let (me, team) = match a.pegawai_id {
        Some(id) => {
            let d = pegawai::rincian(db, a, id, today()).await?;
            let team = penilai::tim(db, &d.row.pegawai, today()).await?;
            (Some(d), pegawai::baris(db, team).await?)
        }
        None => (None, Vec::new()),
    };
    Ok(HomePage {
        ctx: web.ctx,
        stats,
        recent,
        me,
        team,
    })
}
