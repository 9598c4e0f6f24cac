//! Talent and unit reports: the nine-box (`/talenta`), the competency settings
//! (`/pengaturan-kompetensi`), and a unit's competency heat map, training needs and yearly JP
//! (`/laporan-kompetensi`, with its XLSX). Each page calls one service, which decides who may
//! read it.

use super::kompetensi::InstansiQuery;
use super::{
    ListQuery, Web, instansi_dari, instansi_qs, or_invalid, status_of, tahun_dari, xlsx_attachment,
};
use crate::AppState;
use crate::context::{Ctx, ErrorsExt};
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use kinerja_core::FieldErrors;
use kinerja_core::db::entities::unit_kerja;
use kinerja_core::rules::angka_kredit::tampil;
use kinerja_core::rules::kompetensi::Kelompok;
use kinerja_core::rules::pengembangan::JP_MINIMUM;
use kinerja_core::services::kompetensi::pengaturan::{
    self as pengaturan_kompetensi, PengaturanKompetensiInput, SkalaJpm,
};
use kinerja_core::services::kompetensi::peta::{self as peta_kompetensi, PetaKompetensi};
use kinerja_core::services::kompetensi::talenta::{self, PetaTalenta};
use kinerja_core::services::{kompetensi::pengembangan, organisasi::cakupan};
use kinerja_reports::xlsx;
use serde::Deserialize;

#[derive(Template, WebTemplate)]
#[template(path = "talenta.html")]
pub struct TalentaPage {
    ctx: Ctx,
    p: PetaTalenta,
    iq: String,
}

impl TalentaPage {
    fn persen(&self, v: &u32) -> String {
        format!("{}%", tampil(*v))
    }
}

pub async fn peta(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<LaporanQuery>,
) -> AppResult<Response> {
    let iid = instansi_dari(&web.actor, &q.instansi)?;
    let p = talenta::peta(&state.baca, &web.actor, iid, q.tahun()).await?;
    Ok(TalentaPage {
        iq: instansi_qs(&web.actor, iid),
        ctx: web.ctx,
        p,
    }
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "pengaturan_kompetensi.html")]
pub struct PengaturanPage {
    ctx: Ctx,
    input: PengaturanKompetensiInput,
    skala: [SkalaJpm; 2],
    kelompok: [Kelompok; 4],
    errors: FieldErrors,
    tersimpan: bool,
    iq: String,
}

impl PengaturanPage {
    fn bobot(&self, k: &Kelompok) -> &str {
        match k {
            Kelompok::Diri => &self.input.bobot_diri,
            Kelompok::Atasan => &self.input.bobot_atasan,
            Kelompok::Rekan => &self.input.bobot_rekan,
            Kelompok::Bawahan => &self.input.bobot_bawahan,
        }
    }
    fn field(&self, k: &Kelompok) -> String {
        format!("bobot_{}", k.code().to_lowercase())
    }
}

pub async fn pengaturan(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let iid = instansi_dari(&web.actor, &q.instansi)?;
    web.actor.require_admin_instansi(iid)?;
    let p = pengaturan_kompetensi::baca(&state.baca, iid).await?;
    Ok(PengaturanPage {
        iq: instansi_qs(&web.actor, iid),
        ctx: web.ctx,
        input: p.into(),
        skala: SkalaJpm::ALL,
        kelompok: Kelompok::ALL,
        errors: FieldErrors::new(),
        tersimpan: !q.ok.is_empty(),
    }
    .into_response())
}

pub async fn simpan_pengaturan(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<InstansiQuery>,
    Form(input): Form<PengaturanKompetensiInput>,
) -> AppResult<Response> {
    let iid = instansi_dari(&web.actor, &q.instansi)?;
    let r = pengaturan_kompetensi::simpan(&state.tulis, &web.actor, iid, &input).await;
    match or_invalid(r)? {
        Ok(_) => {
            let iq = instansi_qs(&web.actor, iid);
            Ok(Redirect::to(&format!("/pengaturan-kompetensi?ok=1&{iq}")).into_response())
        }
        Err(errors) => Ok((
            status_of(&errors),
            PengaturanPage {
                iq: instansi_qs(&web.actor, iid),
                ctx: web.ctx,
                input,
                skala: SkalaJpm::ALL,
                kelompok: Kelompok::ALL,
                errors,
                tersimpan: false,
            },
        )
            .into_response()),
    }
}

/// The instansi, unit and year of the talent map and the unit report.
#[derive(Debug, Default, Deserialize)]
pub struct LaporanQuery {
    #[serde(default)]
    pub instansi: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub tahun: String,
}

impl LaporanQuery {
    fn tahun(&self) -> i32 {
        tahun_dari(&self.tahun)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "peta_kompetensi.html")]
pub struct LaporanPage {
    ctx: Ctx,
    units: Vec<unit_kerja::Model>,
    p: Option<PetaKompetensi>,
    jp: Vec<pengembangan::BarisJp>,
    tahun: i32,
    jp_minimum: u32,
}

impl LaporanPage {
    fn memenuhi(&self) -> usize {
        self.jp.iter().filter(|b| b.memenuhi()).count()
    }
}

/// The unit picker, and the reports of the chosen unit.
pub async fn laporan(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<LaporanQuery>,
) -> AppResult<Response> {
    let iid = instansi_dari(&web.actor, &q.instansi)?;
    let units = cakupan::unit_terlihat(&state.baca, &web.actor, iid).await?;
    let tahun = q.tahun();
    let unit = q
        .unit
        .parse::<i32>()
        .ok()
        .or_else(|| (units.len() == 1).then(|| units[0].id));
    let (p, jp) = match unit {
        Some(u) => (
            Some(peta_kompetensi::unit(&state.baca, &web.actor, u, tahun).await?),
            pengembangan::jp_unit(&state.baca, &web.actor, u, tahun).await?,
        ),
        None => (None, Vec::new()),
    };
    Ok(LaporanPage {
        ctx: web.ctx,
        units,
        p,
        jp,
        tahun,
        jp_minimum: JP_MINIMUM,
    }
    .into_response())
}

pub async fn laporan_xlsx(
    State(state): State<AppState>,
    web: Web,
    Path(unit): Path<i32>,
    Query(q): Query<LaporanQuery>,
) -> AppResult<Response> {
    let tahun = q.tahun();
    let p = peta_kompetensi::unit(&state.baca, &web.actor, unit, tahun).await?;
    let judul = format!("Laporan kompetensi {} tahun {}", p.unit.nama, p.tahun);
    let kolom: Vec<String> = p
        .kolom
        .iter()
        .map(|k| format!("{} {}", k.kode, k.nama))
        .collect();
    let baris: Vec<xlsx::BarisPeta> = p
        .baris
        .iter()
        .map(|b| xlsx::BarisPeta {
            jabatan: b.jabatan.nama.clone(),
            pemegang: b.pemegang,
            dinilai: b.dinilai,
            persen: b.sel.iter().map(|s| s.persen()).collect(),
        })
        .collect();
    let kebutuhan: Vec<xlsx::BarisKebutuhan> = p
        .kebutuhan
        .iter()
        .map(|k| xlsx::BarisKebutuhan {
            uraian: k.uraian.clone(),
            jenis: p.jenis_label(&k.jenis),
            kompetensi: k.kompetensi.clone(),
            pegawai: k.pegawai,
            jp: k.jp,
        })
        .collect();
    xlsx_attachment(
        format!("laporan-kompetensi-{unit}-{tahun}.xlsx"),
        move || xlsx::peta_kompetensi(&judul, &kolom, &baris, &kebutuhan),
    )
    .await
}
