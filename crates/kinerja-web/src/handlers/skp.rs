//! SKP pages: the list, the SKP with its RHK, IKI, BerAKHLAK expectations, lampiran, rencana
//! aksi and workflow buttons, the RHK edit form, the printable Dokumen SKP and the cascade view.

use super::{Web, or_invalid, pdf_inline, status_of, today};
use crate::AppState;
use crate::context::{Ctx, ErrorsExt};
use crate::error::{AppError, AppResult};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Datelike;
use kinerja_core::db::entities::{pegawai, skp as skp_entity};
use kinerja_core::rules::alur_skp::{self, Aksi};

use kinerja_core::services::perencanaan::kaskade::{self, Kaskade};
use kinerja_core::services::perencanaan::skp::{
    self, ASPEK, BuatInput, IkiInput, LampiranInput, PERSPEKTIF, RencanaAksiInput, RhkInput,
    SkpView,
};
use kinerja_core::services::{
    evaluasi::rincian as evaluasi_svc, harian::umpan_balik, organisasi::akses,
    organisasi::pegawai as pegawai_svc, organisasi::unit_kerja as unit_svc,
};
use kinerja_core::{CoreError, FieldErrors};
use kinerja_reports::dokumen;
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Debug, Default, Deserialize)]
pub struct SkpQuery {
    #[serde(default)]
    pub pegawai: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "skp_list.html")]
pub struct SkpListPage {
    ctx: Ctx,
    pegawai: pegawai::Model,
    sendiri: bool,
    items: Vec<skp_entity::Model>,
    menunggu: Vec<(skp_entity::Model, String)>,
    input: BuatInput,
    errors: FieldErrors,
}

impl SkpListPage {
    fn label(&self, s: &str) -> &'static str {
        alur_skp::label(s)
    }
}

async fn list_page(
    state: &AppState,
    web: Web,
    pegawai_id: Option<i32>,
    input: BuatInput,
    errors: FieldErrors,
) -> AppResult<SkpListPage> {
    let t = today();
    let id = match pegawai_id.or(web.actor.pegawai_id) {
        Some(id) => id,
        None => return Err(AppError::Redirect("/pegawai".into())),
    };
    let (p, h) = akses::pegawai_terlihat(&state.baca, &web.actor, id, t).await?;
    let items = skp::daftar(&state.baca, &web.actor, id, t).await?;
    let sendiri = h == akses::Hubungan::Sendiri;
    let menunggu = if sendiri {
        skp::menunggu_penetapan(&state.baca, &web.actor).await?
    } else {
        Vec::new()
    };
    Ok(SkpListPage {
        ctx: web.ctx,
        pegawai: p,
        sendiri,
        items,
        menunggu,
        input,
        errors,
    })
}

pub async fn index(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<SkpQuery>,
) -> AppResult<SkpListPage> {
    let input = BuatInput {
        tahun: today().year().to_string(),
        pendekatan: skp::KUANTITATIF.into(),
    };
    list_page(
        &state,
        web,
        q.pegawai.parse().ok(),
        input,
        FieldErrors::new(),
    )
    .await
}

pub async fn buat(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<SkpQuery>,
    Form(input): Form<BuatInput>,
) -> AppResult<Response> {
    let id = q
        .pegawai
        .parse()
        .ok()
        .or(web.actor.pegawai_id)
        .ok_or(CoreError::Forbidden)?;
    match or_invalid(skp::buat(&state.tulis, &web.actor, id, &input, today()).await)? {
        Ok(s) => Ok(Redirect::to(&format!("/skp/{}", s.id)).into_response()),
        Err(errors) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            list_page(&state, web, Some(id), input, errors).await?,
        )
            .into_response()),
    }
}

/// What a refused form on the SKP page was, and what the user typed into it.
#[derive(Debug, Default)]
pub struct Gagal {
    /// "rhk", "iki-{rhk}", "lampiran", "aksi", "ekspektasi-{kode}", "ra-{rhk}".
    pub form: String,
    pub errors: FieldErrors,
    pub rhk: RhkInput,
    pub iki: IkiInput,
    pub lampiran: Option<LampiranInput>,
    pub catatan: String,
    pub ekspektasi: String,
    pub ra: RencanaAksiInput,
}

#[derive(Template, WebTemplate)]
#[template(path = "skp_detail.html")]
pub struct SkpPage {
    ctx: Ctx,
    v: SkpView,
    g: Gagal,
    lampiran: LampiranInput,
    aspek: &'static [(&'static str, &'static str)],
    perspektif: &'static [&'static str],
    umpan: HashMap<(String, i64), usize>,
}

impl SkpPage {
    fn ada_error(&self, form: &str) -> bool {
        self.g.form == form && !self.g.errors.is_empty()
    }

    fn jumlah_umpan(&self, sasaran: &str, id: &i32) -> usize {
        self.umpan
            .get(&(sasaran.to_string(), *id as i64))
            .copied()
            .unwrap_or(0)
    }

    fn aspek_label(&self, c: &str) -> &'static str {
        skp::aspek_label(c)
    }

    fn target(&self, i: &kinerja_core::db::entities::iki::Model) -> String {
        match i.target_nilai {
            Some(v) => format!("{} {}", self.ctx.nilai(&v), i.satuan),
            None => i.target_teks.clone(),
        }
    }

    fn iki_input(&self, rhk_id: &i32) -> IkiInput {
        if self.g.form == format!("iki-{rhk_id}") {
            self.g.iki.clone()
        } else {
            IkiInput {
                aspek: "KUANTITAS".into(),
                ..Default::default()
            }
        }
    }

    fn ra_input(&self, rhk_id: &i32) -> RencanaAksiInput {
        if self.g.form == format!("ra-{rhk_id}") {
            self.g.ra.clone()
        } else {
            RencanaAksiInput::default()
        }
    }

    fn ekspektasi_value(&self, kode: &i32, current: &str) -> String {
        if self.g.form == format!("ekspektasi-{kode}") {
            self.g.ekspektasi.clone()
        } else {
            current.to_string()
        }
    }

    fn sendiri(&self) -> bool {
        self.v.hubungan == akses::Hubungan::Sendiri
    }

    /// The errors of one form (empty for the others).
    fn errors_for(&self, form: &str) -> FieldErrors {
        if self.g.form == form {
            self.g.errors.clone()
        } else {
            FieldErrors::new()
        }
    }
}

pub async fn render(state: &AppState, web: Web, id: i32, g: Gagal) -> AppResult<Response> {
    let v = skp::lihat(&state.baca, &web.actor, id, today()).await?;
    let umpan = umpan_balik::jumlah(&state.baca, id).await?;
    let lampiran = g.lampiran.clone().unwrap_or_else(|| LampiranInput {
        dukungan_sumber_daya: v.skp.dukungan_sumber_daya.clone(),
        skema_pertanggungjawaban: v.skp.skema_pertanggungjawaban.clone(),
        konsekuensi: v.skp.konsekuensi.clone(),
    });
    let status = status_of(&g.errors);
    let page = SkpPage {
        ctx: web.ctx,
        v,
        g,
        lampiran,
        aspek: &ASPEK,
        perspektif: &PERSPEKTIF,
        umpan,
    };
    Ok((status, page).into_response())
}

pub async fn show(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    render(&state, web, id, Gagal::default()).await
}

fn back(id: i32, anchor: &str) -> Response {
    Redirect::to(&format!("/skp/{id}{anchor}")).into_response()
}

pub async fn rhk_create(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
    Form(input): Form<RhkInput>,
) -> AppResult<Response> {
    match or_invalid(skp::simpan_rhk(&state.tulis, &web.actor, id, None, &input, today()).await)? {
        Ok(r) => Ok(back(id, &format!("#rhk-{}", r.id))),
        Err(errors) => {
            let g = Gagal {
                form: "rhk".into(),
                errors,
                rhk: input,
                ..Default::default()
            };
            render(&state, web, id, g).await
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "rhk_form.html")]
pub struct RhkFormPage {
    ctx: Ctx,
    v: SkpView,
    rhk_id: i32,
    input: RhkInput,
    errors: FieldErrors,
    perspektif: &'static [&'static str],
}

async fn rhk_page(
    state: &AppState,
    web: Web,
    rhk_id: i32,
    input: Option<RhkInput>,
    errors: FieldErrors,
) -> AppResult<Response> {
    let r = skp::rhk_by_id(&state.baca, rhk_id).await?;
    let v = skp::lihat(&state.baca, &web.actor, r.skp_id, today()).await?;
    if !v.dapat_sunting() {
        return Err(CoreError::Forbidden.into());
    }
    let input = input.unwrap_or_else(|| RhkInput {
        jenis: r.jenis.clone(),
        teks: r.teks.clone(),
        rhk_atasan_id: r.rhk_atasan_id.map(|x| x.to_string()).unwrap_or_default(),
        perspektif: r.perspektif.clone(),
        penugasan_dari: r.penugasan_dari.clone(),
    });
    let status = status_of(&errors);
    Ok((
        status,
        RhkFormPage {
            ctx: web.ctx,
            v,
            rhk_id,
            input,
            errors,
            perspektif: &PERSPEKTIF,
        },
    )
        .into_response())
}

pub async fn rhk_edit(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    rhk_page(&state, web, id, None, FieldErrors::new()).await
}

pub async fn rhk_update(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
    Form(input): Form<RhkInput>,
) -> AppResult<Response> {
    let r = skp::rhk_by_id(&state.tulis, id).await?;
    match or_invalid(
        skp::simpan_rhk(
            &state.tulis,
            &web.actor,
            r.skp_id,
            Some(id),
            &input,
            today(),
        )
        .await,
    )? {
        Ok(_) => Ok(back(r.skp_id, &format!("#rhk-{id}"))),
        Err(errors) => rhk_page(&state, web, id, Some(input), errors).await,
    }
}

pub async fn rhk_destroy(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    let skp_id = skp::hapus_rhk(&state.tulis, &web.actor, id, today()).await?;
    Ok(back(skp_id, "#hasil-kerja"))
}

pub async fn iki_create(
    State(state): State<AppState>,
    web: Web,
    Path(rhk_id): Path<i32>,
    Form(input): Form<IkiInput>,
) -> AppResult<Response> {
    let r = skp::rhk_by_id(&state.tulis, rhk_id).await?;
    match or_invalid(skp::tambah_iki(&state.tulis, &web.actor, rhk_id, &input, today()).await)? {
        Ok(_) => Ok(back(r.skp_id, &format!("#rhk-{rhk_id}"))),
        Err(errors) => {
            let g = Gagal {
                form: format!("iki-{rhk_id}"),
                errors,
                iki: input,
                ..Default::default()
            };
            render(&state, web, r.skp_id, g).await
        }
    }
}

pub async fn iki_destroy(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    let skp_id = skp::hapus_iki(&state.tulis, &web.actor, id, today()).await?;
    Ok(back(skp_id, "#hasil-kerja"))
}

pub async fn lampiran(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
    Form(input): Form<LampiranInput>,
) -> AppResult<Response> {
    match or_invalid(skp::simpan_lampiran(&state.tulis, &web.actor, id, &input, today()).await)? {
        Ok(_) => Ok(back(id, "#lampiran")),
        Err(errors) => {
            let g = Gagal {
                form: "lampiran".into(),
                errors,
                lampiran: Some(input),
                ..Default::default()
            };
            render(&state, web, id, g).await
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct TeksInput {
    #[serde(default)]
    pub teks: String,
    #[serde(default)]
    pub catatan: String,
}

pub async fn ekspektasi(
    State(state): State<AppState>,
    web: Web,
    Path((id, kode)): Path<(i32, i32)>,
    Form(input): Form<TeksInput>,
) -> AppResult<Response> {
    match or_invalid(
        skp::simpan_ekspektasi(&state.tulis, &web.actor, id, kode, &input.teks, today()).await,
    )? {
        Ok(_) => Ok(back(id, &format!("#perilaku-{kode}"))),
        Err(errors) => {
            let g = Gagal {
                form: format!("ekspektasi-{kode}"),
                errors,
                ekspektasi: input.teks,
                ..Default::default()
            };
            render(&state, web, id, g).await
        }
    }
}

pub async fn aksi(
    State(state): State<AppState>,
    web: Web,
    Path((id, aksi)): Path<(i32, String)>,
    Form(input): Form<TeksInput>,
) -> AppResult<Response> {
    let a = Aksi::from_code(&aksi).ok_or(CoreError::NotFound)?;
    match or_invalid(skp::jalankan(&state.tulis, &web.actor, id, a, &input.catatan, today()).await)?
    {
        Ok(s) => Ok(back(s.id, "")),
        Err(errors) => {
            let g = Gagal {
                form: "aksi".into(),
                errors,
                catatan: input.catatan,
                ..Default::default()
            };
            render(&state, web, id, g).await
        }
    }
}

pub async fn rencana_aksi_create(
    State(state): State<AppState>,
    web: Web,
    Path(rhk_id): Path<i32>,
    Form(input): Form<RencanaAksiInput>,
) -> AppResult<Response> {
    let r = skp::rhk_by_id(&state.tulis, rhk_id).await?;
    match or_invalid(
        skp::tambah_rencana_aksi(&state.tulis, &web.actor, rhk_id, &input, today()).await,
    )? {
        Ok(_) => Ok(back(r.skp_id, &format!("#rhk-{rhk_id}"))),
        Err(errors) => {
            let g = Gagal {
                form: format!("ra-{rhk_id}"),
                errors,
                ra: input,
                ..Default::default()
            };
            render(&state, web, r.skp_id, g).await
        }
    }
}

pub async fn rencana_aksi_destroy(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    let skp_id = skp::hapus_rencana_aksi(&state.tulis, &web.actor, id, today()).await?;
    Ok(back(skp_id, "#hasil-kerja"))
}

#[derive(Template, WebTemplate)]
#[template(path = "skp_cetak.html")]
pub struct CetakPage {
    ctx: Ctx,
    v: SkpView,
    pangkat_pegawai: String,
    pangkat_penilai: String,
    tanggal: String,
}

impl CetakPage {
    fn aspek_label(&self, c: &str) -> &'static str {
        skp::aspek_label(c)
    }

    fn target(&self, i: &kinerja_core::db::entities::iki::Model) -> String {
        match i.target_nilai {
            Some(v) => format!("{} {}", self.ctx.nilai(&v), i.satuan),
            None => i.target_teks.clone(),
        }
    }
}

pub async fn cetak(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<CetakPage> {
    let v = skp::lihat(&state.baca, &web.actor, id, today()).await?;
    let tanggal = tanggal_dokumen(&web.ctx, &v);
    Ok(CetakPage {
        pangkat_pegawai: pegawai_svc::pangkat(&v.pegawai),
        pangkat_penilai: v
            .penilai
            .as_ref()
            .map(|p| pegawai_svc::pangkat(&p.pegawai))
            .unwrap_or_default(),
        tanggal,
        ctx: web.ctx,
        v,
    })
}

/// The date a Dokumen SKP is signed on: the day it was set (WIB), or today for a draft.
fn tanggal_dokumen(ctx: &Ctx, v: &skp::SkpView) -> String {
    ctx.tanggal(
        &v.skp
            .ditetapkan_at
            .map(|t| (t + chrono::Duration::hours(7)).date_naive())
            .unwrap_or_else(today),
    )
}

/// The Dokumen SKP as a PDF (§7.1 pages 1 and 2), for whoever may read the SKP.
pub async fn dokumen_pdf(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    let v = skp::lihat(&state.baca, &web.actor, id, today()).await?;
    let tanggal = tanggal_dokumen(&web.ctx, &v);
    let ctx = &web.ctx;
    let target = |i: &kinerja_core::db::entities::iki::Model| match i.target_nilai {
        Some(v) => format!("{} {}", ctx.nilai(&v), i.satuan),
        None => i.target_teks.clone(),
    };
    let mut d = dokumen::DokumenSkp {
        instansi: v.instansi.nama.clone(),
        tahun: v.skp.tahun,
        pendekatan: v.skp.pendekatan.clone(),
        format_jpt: v.format_jpt,
        pegawai: dokumen::Pihak {
            nama: v.pegawai.nama.clone(),
            nip: v.pegawai.nip.clone(),
            pangkat: pegawai_svc::pangkat(&v.pegawai),
            jabatan: v.jabatan.nama.clone(),
            unit: v.unit.nama.clone(),
        },
        penilai: v.penilai.as_ref().map(|p| dokumen::Pihak {
            nama: p.pegawai.nama.clone(),
            nip: p.pegawai.nip.clone(),
            pangkat: pegawai_svc::pangkat(&p.pegawai),
            jabatan: v
                .penilai_jabatan
                .as_ref()
                .map(|j| j.nama.clone())
                .unwrap_or_default(),
            unit: v.instansi.nama.clone(),
        }),
        hasil: v
            .bagian()
            .into_iter()
            .map(|(judul, items)| dokumen::BagianSkp {
                judul: judul.into(),
                rhk: items
                    .iter()
                    .map(|r| dokumen::RhkSkp {
                        rhk_atasan: r
                            .atasan
                            .as_ref()
                            .map(|(a, _)| a.teks.clone())
                            .unwrap_or_default(),
                        rhk: r.rhk.teks.clone(),
                        perspektif: r.rhk.perspektif.clone(),
                        iki: r
                            .iki
                            .iter()
                            .map(|i| dokumen::IkiSkp {
                                aspek: skp::aspek_label(&i.aspek).into(),
                                indikator: i.indikator.clone(),
                                target: target(i),
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
        perilaku: v
            .perilaku
            .iter()
            .map(|p| dokumen::PerilakuSkp {
                nama: p.nilai.nama.into(),
                panduan: p.nilai.panduan.iter().map(|x| (*x).into()).collect(),
                ekspektasi: p.ekspektasi.clone(),
            })
            .collect(),
        lampiran: v
            .lampiran_semua()
            .into_iter()
            .map(|(judul, isi)| dokumen::LampiranSkp {
                judul: judul.into(),
                isi,
            })
            .collect(),
        tempat_tanggal: format!("{}, {tanggal}", v.unit.nama),
        evaluasi: None,
    };
    // Pages 3 and 4: the SKP's evaluation, when there is one the actor is a party to.
    let mut pola = None;
    if let Some(eid) = evaluasi_svc::untuk_skp(&state.baca, v.skp.id).await? {
        match evaluasi_svc::rincian(&state.baca, &web.actor, eid, today()).await {
            Ok(r) => {
                let (e, p) = super::evaluasi::untuk_dokumen(&state, &web.ctx, &r).await?;
                d.evaluasi = Some(e);
                pola = p;
            }
            Err(CoreError::Forbidden) => {}
            Err(e) => return Err(e.into()),
        }
    }
    let nama = format!("skp-{}-{}.pdf", v.pegawai.nip, v.skp.tahun);
    pdf_inline(nama, move || dokumen::skp(&d, pola.as_ref())).await
}

#[derive(Debug, Default, Deserialize)]
pub struct KaskadeQuery {
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub tahun: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "kaskade.html")]
pub struct KaskadePage {
    ctx: Ctx,
    k: Option<Kaskade>,
    units: Vec<unit_svc::UnitNode>,
    unit: i32,
    tahun: i32,
}

impl KaskadePage {
    fn label(&self, s: &str) -> &'static str {
        alur_skp::label(s)
    }
}

pub async fn kaskade(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<KaskadeQuery>,
) -> AppResult<KaskadePage> {
    let t = today();
    let tahun = q.tahun.parse().unwrap_or(t.year());
    let instansi = match web.actor.instansi_id {
        Some(i) => i,
        None => return Err(AppError::Redirect("/instansi".into())),
    };
    let units = unit_svc::pohon(&state.baca, &web.actor, instansi).await?;
    let own_unit = kaskade::unit_awal(&state.baca, &web.actor).await?;
    let unit = q
        .unit
        .parse()
        .ok()
        .or(own_unit)
        .or(units.first().map(|u| u.unit.id));
    let k = match unit {
        Some(u) => Some(kaskade::matriks(&state.baca, &web.actor, u, tahun, t).await?),
        None => None,
    };
    Ok(KaskadePage {
        ctx: web.ctx,
        k,
        units,
        unit: unit.unwrap_or_default(),
        tahun,
    })
}
