//! The organisational predikat and the distribution of predikat beneath it
//! (`/distribusi`): the leader of a unit above, or the admin, sets a unit's predikat; every unit
//! shows its scope's distribution against the pattern, as a chart; the simulator shows what
//! another predikat would require without saving. Also the XLSX recap of a unit and the
//! instansi's evaluation settings.

use super::{
    Web, instansi_dari, instansi_qs, or_invalid, scope, status_of, today, xlsx_attachment,
};
use crate::AppState;
use crate::context::{Ctx, ErrorsExt};
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use kinerja_core::rules::distribusi::{self as aturan, PredikatOrganisasi, Sebaran};
use kinerja_core::services::evaluasi::distribusi::{self, Gambaran, Unit};
use kinerja_core::services::evaluasi::pengaturan::{self, ModeDistribusi, PengaturanInput};
use kinerja_core::services::evaluasi::rekap;
use kinerja_core::{CoreError, FieldErrors};
use kinerja_reports::{chart, xlsx};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct DistribusiQuery {
    #[serde(default)]
    pub periode: String,
    /// The unit whose chart is shown (and simulated).
    #[serde(default)]
    pub unit: String,
    /// A predikat to simulate for `unit`.
    #[serde(default)]
    pub predikat: String,
    #[serde(default)]
    pub instansi: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "distribusi.html")]
pub struct DistribusiPage {
    ctx: Ctx,
    g: Gambaran,
    /// The unit whose chart is drawn, the predikat drawn (simulated or set) and the chart.
    terpilih: Option<(Unit, Option<PredikatOrganisasi>, String)>,
    pilihan: [PredikatOrganisasi; 5],
    errors: FieldErrors,
    iq: String,
}

impl DistribusiPage {
    fn label(&self, i: &usize) -> &'static str {
        chart::LABEL[*i]
    }
    fn indent(&self, d: &usize) -> String {
        "\u{a0}\u{a0}\u{a0}".repeat(*d)
    }
    fn sama(&self, org: &Option<PredikatOrganisasi>, p: &PredikatOrganisasi) -> bool {
        org.as_ref() == Some(p)
    }
    fn mode(&self) -> &'static str {
        self.g.pengaturan.distribusi.label()
    }
}

/// The page; `catatan_diketik` is the note of a refused form, shown again instead of the stored
/// one so that nothing typed is lost.
async fn page(
    state: &AppState,
    web: Web,
    q: &DistribusiQuery,
    errors: FieldErrors,
    catatan_diketik: Option<String>,
) -> AppResult<Response> {
    let iid = instansi_dari(&web.actor, &q.instansi)?;
    let unit: Option<i32> = q.unit.parse().ok();
    let sim = unit.zip(PredikatOrganisasi::from_code(&q.predikat));
    let g = distribusi::gambaran(
        &state.baca,
        &web.actor,
        iid,
        q.periode.parse().ok(),
        sim,
        today(),
    )
    .await?;
    let pilih = unit
        .and_then(|u| g.units.iter().find(|x| x.id == u))
        .or_else(|| g.units.iter().find(|x| x.predikat.is_some()))
        .or_else(|| g.units.first())
        .cloned();
    let terpilih = pilih.map(|mut u| {
        if let Some(catatan) = catatan_diketik {
            u.catatan = catatan;
        }
        let org = match &g.simulasi {
            Some(s) if s.unit == u.id => Some(s.predikat),
            _ => u.predikat,
        };
        let batas = org.map(aturan::batas).unwrap_or_default();
        let svg = chart::sebaran_svg(&u.sebaran.0, &batas);
        (u, org, svg)
    });
    let iq = instansi_qs(&web.actor, iid);
    Ok((
        status_of(&errors),
        DistribusiPage {
            ctx: web.ctx,
            g,
            terpilih,
            pilihan: PredikatOrganisasi::ALL,
            errors,
            iq,
        },
    )
        .into_response())
}

pub async fn show(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<DistribusiQuery>,
) -> AppResult<Response> {
    page(&state, web, &q, FieldErrors::new(), None).await
}

#[derive(Debug, Default, Deserialize)]
pub struct PredikatForm {
    #[serde(default)]
    pub predikat: String,
    #[serde(default)]
    pub catatan: String,
}

pub async fn tetapkan(
    State(state): State<AppState>,
    web: Web,
    Path((unit, periode)): Path<(i32, i32)>,
    Query(q): Query<DistribusiQuery>,
    Form(f): Form<PredikatForm>,
) -> AppResult<Response> {
    let r = distribusi::tetapkan(
        &state.tulis,
        &web.actor,
        unit,
        periode,
        &f.predikat,
        &f.catatan,
        today(),
    )
    .await;
    match or_invalid(r)? {
        Ok(_) => Ok(Redirect::to(&format!(
            "/distribusi?periode={periode}&unit={unit}&{}",
            q.instansi_qs()
        ))
        .into_response()),
        Err(errors) => {
            let q = DistribusiQuery {
                periode: periode.to_string(),
                unit: unit.to_string(),
                predikat: f.predikat,
                instansi: q.instansi,
            };
            page(&state, web, &q, errors, Some(f.catatan)).await
        }
    }
}

impl DistribusiQuery {
    fn instansi_qs(&self) -> String {
        if self.instansi.is_empty() {
            String::new()
        } else {
            format!("instansi={}", self.instansi)
        }
    }
}

/// The XLSX recap of unit `unit` and the units beneath it for `?periode=`.
pub async fn rekap_xlsx(
    State(state): State<AppState>,
    web: Web,
    Path(unit): Path<i32>,
    Query(q): Query<DistribusiQuery>,
) -> AppResult<Response> {
    let periode: i32 = q.periode.parse().map_err(|_| CoreError::NotFound)?;
    let r = rekap::unit(&state.baca, &web.actor, unit, periode, today()).await?;
    let rows: Vec<xlsx::BarisRekap> = r
        .baris
        .into_iter()
        .map(|b| xlsx::BarisRekap {
            nama: b.nama,
            nip: b.nip,
            jabatan: b.jabatan,
            unit: b.unit,
            rating_hasil: b.rating_hasil.into(),
            rating_perilaku: b.rating_perilaku.into(),
            predikat: b.predikat.into(),
            angka_kredit: b.angka_kredit.map(|x| x as f64 / 100.0),
            status: b.status.into(),
        })
        .collect();
    let judul = r.judul;
    xlsx_attachment(format!("rekap-evaluasi-{unit}-{periode}.xlsx"), move || {
        xlsx::rekap(&judul, &rows)
    })
    .await
}

#[derive(Template, WebTemplate)]
#[template(path = "pengaturan.html")]
pub struct PengaturanPage {
    ctx: Ctx,
    input: PengaturanInput,
    modes: [ModeDistribusi; 3],
    errors: FieldErrors,
    iq: String,
}

async fn pengaturan_page(
    state: &AppState,
    web: Web,
    iid: i32,
    input: Option<PengaturanInput>,
    errors: FieldErrors,
) -> AppResult<Response> {
    web.actor.require_admin_instansi(iid)?;
    let input = match input {
        Some(i) => i,
        None => pengaturan::baca(&state.baca, iid).await?.into(),
    };
    let iq = instansi_qs(&web.actor, iid);
    Ok((
        status_of(&errors),
        PengaturanPage {
            ctx: web.ctx,
            input,
            modes: ModeDistribusi::ALL,
            errors,
            iq,
        },
    )
        .into_response())
}

pub async fn pengaturan_show(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<DistribusiQuery>,
) -> AppResult<Response> {
    let iid = scope(&web.actor, q.instansi.parse().ok())?;
    pengaturan_page(&state, web, iid, None, FieldErrors::new()).await
}

#[derive(Debug, Default, Deserialize)]
pub struct PengaturanForm {
    #[serde(default)]
    pub distribusi_mode: String,
    #[serde(default)]
    pub saran_di_atas: String,
    #[serde(default)]
    pub saran_sesuai: String,
    #[serde(default)]
    pub ukuran_minimum: String,
    #[serde(default)]
    pub batas_keputusan_hari: String,
}

pub async fn pengaturan_simpan(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<DistribusiQuery>,
    Form(f): Form<PengaturanForm>,
) -> AppResult<Response> {
    let iid = scope(&web.actor, q.instansi.parse().ok())?;
    let input = PengaturanInput {
        distribusi_mode: f.distribusi_mode,
        saran_di_atas: f.saran_di_atas,
        saran_sesuai: f.saran_sesuai,
        ukuran_minimum: f.ukuran_minimum,
        batas_keputusan_hari: f.batas_keputusan_hari,
    };
    match or_invalid(pengaturan::simpan(&state.tulis, &web.actor, iid, &input).await)? {
        Ok(_) => Ok(Redirect::to(&format!(
            "/pengaturan-kinerja?ok=1&{}",
            instansi_qs(&web.actor, iid)
        ))
        .into_response()),
        Err(errors) => pengaturan_page(&state, web, iid, Some(input), errors).await,
    }
}

/// Shares for the table: "7 (70%)".
pub fn bagian(s: &Sebaran, i: usize) -> String {
    let n = s.n();
    let c = s.0[i];
    match (c * 100).checked_div(n) {
        Some(persen) => format!("{c} ({persen}%)"),
        None => "0".into(),
    }
}

impl DistribusiPage {
    fn bagian(&self, s: &Sebaran, i: &usize) -> String {
        bagian(s, *i)
    }
}
