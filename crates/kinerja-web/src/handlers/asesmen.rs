//! Competency assessment rounds (`/asesmen`): the admin opens, follows and closes rounds; every
//! pegawai fills the forms assigned to them and reads their own result, with the gap, JPM and
//! profile chart (`/asesmen/hasil/{peserta}`). Each post calls one service; a refused form comes
//! back with 422 and what was typed.

use super::kompetensi::{InstansiQuery, OkQuery};
use super::{Web, instansi_dari, instansi_qs, or_invalid, status_of, today};
use crate::AppState;
use crate::context::{Ctx, ErrorsExt};
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Datelike;
use kinerja_core::FieldErrors;
use kinerja_core::db::entities::unit_kerja;
use kinerja_core::rules::angka_kredit::tampil;
use kinerja_core::rules::kompetensi::Kelompok;
use kinerja_core::services::kompetensi::asesmen::{
    self, AsesmenInput, Daftar, Formulir, Hasil, RincianPutaran,
};
use kinerja_core::services::organisasi::cakupan;
use kinerja_reports::chart::{ProfilBaris, profil_svg};
use std::borrow::Borrow;
use std::collections::HashMap;

/// Hundredths as "3,40"; "-" when absent.
pub(super) fn level(v: &Option<u32>) -> String {
    v.map_or_else(|| "-".into(), tampil)
}

/// A gap in hundredths with its sign: "+0,40", "-1,00".
pub(super) fn gap(v: &Option<i32>) -> String {
    match v {
        None => "-".into(),
        Some(g) if *g < 0 => format!("-{}", tampil(g.unsigned_abs())),
        Some(g) => format!("+{}", tampil(*g as u32)),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "asesmen_list.html")]
pub struct DaftarPage {
    ctx: Ctx,
    d: Daftar,
    units: Vec<unit_kerja::Model>,
    /// A unit head (not an admin): links to the unit report.
    kepala_unit: bool,
    input: AsesmenInput,
    errors: FieldErrors,
    iq: String,
}

async fn daftar_page(
    state: &AppState,
    web: Web,
    q: &InstansiQuery,
    input: AsesmenInput,
    errors: FieldErrors,
) -> AppResult<Response> {
    let iid = instansi_dari(&web.actor, &q.instansi)?;
    let d = asesmen::daftar(&state.baca, &web.actor, iid).await?;
    // The units the actor may report on: all for an admin, their own and below for a head.
    let terlihat = cakupan::unit_terlihat(&state.baca, &web.actor, iid).await;
    let kepala_unit = !d.dapat_buka && terlihat.is_ok();
    let units = if d.dapat_buka { terlihat? } else { Vec::new() };
    let input = if input.tahun.is_empty() {
        AsesmenInput {
            tahun: today().year().to_string(),
            ..input
        }
    } else {
        input
    };
    Ok((
        status_of(&errors),
        DaftarPage {
            iq: instansi_qs(&web.actor, iid),
            ctx: web.ctx,
            d,
            units,
            kepala_unit,
            input,
            errors,
        },
    )
        .into_response())
}

pub async fn index(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<InstansiQuery>,
) -> AppResult<Response> {
    daftar_page(&state, web, &q, AsesmenInput::default(), FieldErrors::new()).await
}

pub async fn buka(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<InstansiQuery>,
    Form(input): Form<AsesmenInput>,
) -> AppResult<Response> {
    let iid = instansi_dari(&web.actor, &q.instansi)?;
    let r = asesmen::buka(&state.tulis, &web.actor, iid, &input, today()).await;
    match or_invalid(r)? {
        Ok(a) => Ok(Redirect::to(&format!("/asesmen/{}", a.id)).into_response()),
        Err(errors) => daftar_page(&state, web, &q, input, errors).await,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "asesmen_detail.html")]
pub struct RincianPage {
    ctx: Ctx,
    r: RincianPutaran,
    errors: FieldErrors,
    /// The participant whose add-rater form was refused.
    gagal: Option<i32>,
}

impl RincianPage {
    fn level(&self, v: &Option<u32>) -> String {
        level(v)
    }
    fn kelompok(&self, i: impl Borrow<usize>) -> &'static str {
        Kelompok::ALL[*i.borrow()].label()
    }
    fn gagal_di(&self, id: &i32) -> bool {
        self.gagal == Some(*id)
    }
}

async fn rincian_page(
    state: &AppState,
    web: Web,
    id: i32,
    errors: FieldErrors,
    gagal: Option<i32>,
) -> AppResult<Response> {
    let r = asesmen::rincian(&state.baca, &web.actor, id).await?;
    Ok((
        status_of(&errors),
        RincianPage {
            ctx: web.ctx,
            r,
            errors,
            gagal,
        },
    )
        .into_response())
}

pub async fn rincian(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    rincian_page(&state, web, id, FieldErrors::new(), None).await
}

pub async fn tutup(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    asesmen::tutup(&state.tulis, &web.actor, id).await?;
    Ok(Redirect::to(&format!("/asesmen/{id}")).into_response())
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct PenilaiForm {
    #[serde(default)]
    pub asesmen_id: String,
    #[serde(default)]
    pub penilai_id: String,
    #[serde(default)]
    pub kelompok: String,
}

pub async fn tambah_penilai(
    State(state): State<AppState>,
    web: Web,
    Path(peserta): Path<i32>,
    Form(f): Form<PenilaiForm>,
) -> AppResult<Response> {
    let r = asesmen::tambah_penilai(
        &state.tulis,
        &web.actor,
        peserta,
        &f.penilai_id,
        &f.kelompok,
    )
    .await;
    let aid: i32 = f.asesmen_id.parse().unwrap_or_default();
    match or_invalid(r)? {
        Ok(t) => Ok(
            Redirect::to(&format!("/asesmen/{}#peserta-{peserta}", t.asesmen_id)).into_response(),
        ),
        Err(errors) => rincian_page(&state, web, aid, errors, Some(peserta)).await,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "asesmen_form.html")]
pub struct FormulirPage {
    ctx: Ctx,
    f: Formulir,
    /// As typed into a refused form: kompetensi id → (level, example).
    isian: HashMap<i32, (String, String)>,
    errors: FieldErrors,
    tersimpan: bool,
}

impl FormulirPage {
    fn dipilih(&self, b: &asesmen::BarisFormulir, lv: impl Borrow<usize>) -> bool {
        let lv = *lv.borrow();
        match self.isian.get(&b.kompetensi.id) {
            Some((v, _)) => v == &lv.to_string(),
            None => b.level.map(usize::from) == Some(lv),
        }
    }
    /// (level 1–5, description) of a competency.
    fn uraian_level<'a>(&self, b: &'a asesmen::BarisFormulir) -> Vec<(usize, &'a str)> {
        (1..=5).zip(b.kompetensi.level()).collect()
    }
    fn msg(&self, f: &str, b: &asesmen::BarisFormulir) -> String {
        self.errors.msg(&format!("{f}_{}", b.kompetensi.id))
    }
    fn bukti(&self, b: &asesmen::BarisFormulir) -> String {
        match self.isian.get(&b.kompetensi.id) {
            Some((_, t)) => t.clone(),
            None => b.bukti.clone(),
        }
    }
}

async fn formulir_page(
    state: &AppState,
    web: Web,
    id: i32,
    isian: HashMap<i32, (String, String)>,
    errors: FieldErrors,
    tersimpan: bool,
) -> AppResult<Response> {
    let f = asesmen::formulir(&state.baca, &web.actor, id).await?;
    Ok((
        status_of(&errors),
        FormulirPage {
            ctx: web.ctx,
            f,
            isian,
            errors,
            tersimpan,
        },
    )
        .into_response())
}

pub async fn formulir(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
    Query(q): Query<OkQuery>,
) -> AppResult<Response> {
    formulir_page(
        &state,
        web,
        id,
        HashMap::new(),
        FieldErrors::new(),
        !q.ok.is_empty(),
    )
    .await
}

pub async fn simpan(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
    Form(f): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let mut isian: HashMap<i32, (String, String)> = HashMap::new();
    for (k, v) in f {
        if let Some(kid) = k.strip_prefix("level_").and_then(|s| s.parse().ok()) {
            isian.entry(kid).or_default().0 = v;
        } else if let Some(kid) = k.strip_prefix("bukti_").and_then(|s| s.parse().ok()) {
            isian.entry(kid).or_default().1 = v;
        }
    }
    let r = asesmen::simpan(&state.tulis, &web.actor, id, &isian).await;
    match or_invalid(r)? {
        Ok(_) => Ok(Redirect::to(&format!("/asesmen/tugas/{id}?ok=1")).into_response()),
        Err(errors) => formulir_page(&state, web, id, isian, errors, false).await,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "asesmen_hasil.html")]
pub struct HasilPage {
    ctx: Ctx,
    h: Hasil,
    profil: String,
}

impl HasilPage {
    fn level(&self, v: &Option<u32>) -> String {
        level(v)
    }
    fn gap(&self, v: Option<i32>) -> String {
        gap(&v)
    }
    fn kelompok(&self, i: impl Borrow<usize>) -> &'static str {
        Kelompok::ALL[*i.borrow()].label()
    }
    /// "Diri sendiri 20%, Atasan langsung 50%, …".
    fn bobot_teks(&self) -> String {
        Kelompok::ALL
            .iter()
            .zip(self.h.pengaturan.bobot)
            .map(|(k, b)| format!("{} {b}%", k.label()))
            .collect::<Vec<_>>()
            .join(", ")
    }
    /// Peers or subordinates answered, but fewer than three: the count without the mean.
    fn tersembunyi(&self, b: &asesmen::BarisHasil, i: impl Borrow<usize>) -> Option<usize> {
        let i = *i.borrow();
        (Kelompok::ALL[i].anonim() && b.kelompok[i].is_none() && b.jumlah[i] > 0)
            .then_some(b.jumlah[i])
    }
}

pub async fn hasil(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    let h = asesmen::hasil(&state.baca, &web.actor, id, today()).await?;
    let profil = profil_svg(
        &h.baris
            .iter()
            .map(|b| ProfilBaris {
                label: format!("{} {}", b.kompetensi.kode, b.kompetensi.nama),
                standar: b.standar,
                capaian: b.capaian,
            })
            .collect::<Vec<_>>(),
    );
    Ok(HasilPage {
        ctx: web.ctx,
        h,
        profil,
    }
    .into_response())
}
