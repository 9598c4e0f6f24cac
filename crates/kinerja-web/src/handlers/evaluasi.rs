//! One evaluation's page (`/evaluasi/{id}`) and what its parties do there: the penilai hands
//! the result out, the pegawai objects, the atasan asks for explanations and decides, the admin
//! reopens; and its PDF. Each post calls one service; a refused form comes back with 422 and
//! what was typed.

use super::{Web, or_invalid, pdf_inline, status_of, today};
use crate::AppState;
use crate::context::{Ctx, ErrorsExt};
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use kinerja_core::rules::predikat::Rating;
use kinerja_core::rules::{distribusi as aturan_distribusi, nilai};
use kinerja_core::services::evaluasi::keberatan::{self as keberatan_svc, PutusanInput};
use kinerja_core::services::evaluasi::penetapan::{self, PenetapanInput};
use kinerja_core::services::evaluasi::pihak::{self, Pihak};
use kinerja_core::services::evaluasi::rincian::{self as evaluasi, Rincian};
use kinerja_core::services::evaluasi::tindak_lanjut::{self, HasilInput, RencanaInput};
use kinerja_core::services::{evaluasi::distribusi, perencanaan::skp};
use kinerja_core::{CoreError, FieldErrors};
use kinerja_reports::dokumen::{self, BarisHasil, BarisPerilaku, DokumenEvaluasi, PolaDistribusi};
use std::collections::HashMap;

#[derive(Template, WebTemplate)]
#[template(path = "evaluasi.html")]
pub struct EvaluasiPage {
    ctx: Ctx,
    r: Rincian,
    errors: FieldErrors,
    /// What was typed into the refused form, by field name.
    isian: HashMap<String, String>,
    ratings: [Rating; 3],
}

impl EvaluasiPage {
    fn isi(&self, field: &str) -> String {
        self.isian.get(field).cloned().unwrap_or_default()
    }
    fn dipilih(&self, field: &str, r: &Rating) -> bool {
        self.isian.get(field).map(String::as_str) == Some(r.code())
    }
    /// The plan field as typed, else as recorded, else (for the start day) today.
    fn rencana_isi(&self, field: &str) -> String {
        if let Some(v) = self.isian.get(field) {
            return v.clone();
        }
        match (&self.r.rencana, field) {
            (Some(rp), "sasaran") => rp.sasaran.clone(),
            (Some(rp), "langkah") => rp.langkah.clone(),
            (Some(rp), "mulai") => rp.mulai.to_string(),
            (None, "mulai") => self.r.today.to_string(),
            _ => String::new(),
        }
    }
    fn aspek_label(&self, c: &str) -> &'static str {
        skp::aspek_label(c)
    }
    fn keberatan_status(&self, c: &str) -> &'static str {
        keberatan_svc::status_label(c)
    }
    fn keputusan_label(&self, c: &Option<String>) -> &'static str {
        keberatan_svc::keputusan_label(c.as_deref())
    }
    fn rating_label(&self, c: &Option<String>) -> &'static str {
        pihak::rating_label(c.as_deref())
    }
}

async fn page(
    state: &AppState,
    web: Web,
    id: i32,
    errors: FieldErrors,
    isian: HashMap<String, String>,
) -> AppResult<Response> {
    let r = evaluasi::rincian(&state.baca, &web.actor, id, today()).await?;
    Ok((
        status_of(&errors),
        EvaluasiPage {
            ctx: web.ctx,
            r,
            errors,
            isian,
            ratings: Rating::ALL,
        },
    )
        .into_response())
}

pub async fn show(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    page(&state, web, id, FieldErrors::new(), HashMap::new()).await
}

/// Back to the page after a post that succeeded; the page again with 422 after one refused.
async fn selesai<T>(
    state: &AppState,
    web: Web,
    id: i32,
    r: kinerja_core::CoreResult<T>,
    isian: HashMap<String, String>,
    anchor: &str,
) -> AppResult<Response> {
    match or_invalid(r)? {
        Ok(_) => Ok(Redirect::to(&format!("/evaluasi/{id}?ok=1{anchor}")).into_response()),
        Err(errors) => page(state, web, id, errors, isian).await,
    }
}

fn ambil(f: &HashMap<String, String>, k: &str) -> String {
    f.get(k).cloned().unwrap_or_default()
}

pub async fn tetapkan(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
    Form(f): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let input = PenetapanInput {
        catatan: ambil(&f, "catatan"),
        alasan_distribusi: ambil(&f, "alasan_distribusi"),
    };
    let r = penetapan::tetapkan(&state.tulis, &web.actor, id, &input, today()).await;
    selesai(&state, web, id, r, f, "#hasil").await
}

pub async fn catat_rencana(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
    Form(f): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let input = RencanaInput {
        sasaran: ambil(&f, "sasaran"),
        langkah: ambil(&f, "langkah"),
        mulai: ambil(&f, "mulai"),
    };
    let r = tindak_lanjut::catat(&state.tulis, &web.actor, id, &input, today()).await;
    selesai(&state, web, id, r, f, "#tindak-lanjut").await
}

pub async fn tutup_rencana(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
    Form(f): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let input = HasilInput {
        status: ambil(&f, "status"),
        hasil: ambil(&f, "hasil"),
    };
    let r = tindak_lanjut::tutup(&state.tulis, &web.actor, id, &input, today()).await;
    selesai(&state, web, id, r, f, "#tindak-lanjut").await
}

pub async fn ajukan_keberatan(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
    Form(f): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let r =
        keberatan_svc::ajukan(&state.tulis, &web.actor, id, &ambil(&f, "alasan"), today()).await;
    selesai(&state, web, id, r, f, "#keberatan").await
}

pub async fn minta_penjelasan(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    let r = keberatan_svc::minta_penjelasan(&state.tulis, &web.actor, id, today()).await;
    selesai(&state, web, id, r, HashMap::new(), "#keberatan").await
}

pub async fn jelaskan(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
    Form(f): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let r = keberatan_svc::jelaskan(
        &state.tulis,
        &web.actor,
        id,
        &ambil(&f, "penjelasan"),
        today(),
    )
    .await;
    selesai(&state, web, id, r, f, "#keberatan").await
}

pub async fn putus(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
    Form(f): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let input = PutusanInput {
        keputusan: ambil(&f, "keputusan"),
        catatan: ambil(&f, "catatan_keputusan"),
        rating_hasil: ambil(&f, "rating_hasil"),
        rating_perilaku: ambil(&f, "rating_perilaku"),
    };
    let r = keberatan_svc::putus(&state.tulis, &web.actor, id, &input, today()).await;
    let r = r.map_err(|e| match e {
        // The form names the note `catatan_keputusan`; the service calls it `catatan`.
        CoreError::Validation(mut errs) => {
            if let Some(m) = errs.0.remove("catatan") {
                errs.0.insert("catatan_keputusan".into(), m);
            }
            CoreError::Validation(errs)
        }
        other => other,
    });
    selesai(&state, web, id, r, f, "#keberatan").await
}

pub async fn buka_kembali(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
    Form(f): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let r = evaluasi::buka_kembali(&state.tulis, &web.actor, id, &ambil(&f, "alasan_buka")).await;
    let r = r.map_err(|e| match e {
        CoreError::Validation(mut errs) => {
            if let Some(m) = errs.0.remove("alasan") {
                errs.0.insert("alasan_buka".into(), m);
            }
            CoreError::Validation(errs)
        }
        other => other,
    });
    selesai(&state, web, id, r, f, "").await
}

/// The Evaluasi Kinerja sheet and the Dokumen Evaluasi Kinerja Pegawai as one PDF, with the
/// distribution chart on a pimpinan unit's.
pub async fn dokumen_pdf(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    let r = evaluasi::rincian(&state.baca, &web.actor, id, today()).await?;
    let (d, pola) = untuk_dokumen(&state, &web.ctx, &r).await?;
    let nama = format!(
        "evaluasi-{}-{}.pdf",
        r.pegawai.nip,
        r.periode.nama.replace(' ', "-")
    );
    pdf_inline(nama, move || dokumen::evaluasi(&d, pola.as_ref())).await
}

/// The evaluation pages' data and, on a leader's evaluation, the distribution chart beneath them.
pub(crate) async fn untuk_dokumen(
    state: &AppState,
    ctx: &Ctx,
    r: &Rincian,
) -> AppResult<(DokumenEvaluasi, Option<PolaDistribusi>)> {
    let pola = distribusi::pola_pimpinan(&state.baca, &r.evaluasi).await?;
    let pola = pola.map(|(org, s)| PolaDistribusi {
        jumlah: s.0,
        batas: aturan_distribusi::batas(org),
    });
    Ok((dokumen_dari(ctx, r), pola))
}

fn pihak_dokumen(p: &Pihak) -> dokumen::Pihak {
    dokumen::Pihak {
        nama: p.nama.clone(),
        nip: p.nip.clone(),
        pangkat: p.pangkat.clone(),
        jabatan: p.jabatan.clone(),
        unit: p.unit.clone(),
    }
}

fn dokumen_dari(ctx: &Ctx, r: &Rincian) -> DokumenEvaluasi {
    let e = &r.evaluasi;
    let tanggal = e.ditetapkan_pada.unwrap_or(r.today);
    DokumenEvaluasi {
        instansi: r.instansi.nama.clone(),
        periode: r.periode.nama.clone(),
        rentang: format!(
            "{} s.d. {}",
            ctx.tanggal(&r.periode.mulai),
            ctx.tanggal(&r.periode.selesai)
        ),
        pegawai: pihak_dokumen(&r.pegawai),
        penilai: r.penilai.as_ref().map(pihak_dokumen),
        atasan: r.atasan.as_ref().map(pihak_dokumen),
        capaian_organisasi: r.organisasi_label(),
        hasil: r
            .hasil
            .iter()
            .map(|h| BarisHasil {
                rhk: h.rhk.clone(),
                indikator: format!("{}: {}", skp::aspek_label(&h.iki.aspek), h.iki.indikator),
                target: match h.iki.target_nilai {
                    Some(t) => format!("{} {}", nilai::tampil_seratus(t), h.iki.satuan),
                    None => h.iki.target_teks.clone(),
                },
                realisasi: match h.realisasi {
                    Some(v) => format!("{} {}", nilai::tampil_seratus(v), h.iki.satuan),
                    None => h.keterangan.clone(),
                },
                umpan_balik: h.umpan_balik.clone(),
            })
            .collect(),
        perilaku: r
            .umpan_perilaku
            .iter()
            .map(|(n, u)| BarisPerilaku {
                nilai: n.clone(),
                umpan_balik: u.clone(),
            })
            .collect(),
        rating_hasil: r.rating_hasil_label().into(),
        rating_perilaku: r.rating_perilaku_label().into(),
        predikat: r.predikat_label().into(),
        angka_kredit: e.angka_kredit.map(nilai::tampil_seratus),
        catatan: e.catatan.clone(),
        keberatan: r.keberatan.as_ref().map(|k| dokumen::Keberatan {
            alasan: k.alasan.clone(),
            penjelasan_penilai: k.penjelasan_penilai.clone(),
            keputusan: k.keputusan.as_ref().map(|_| {
                format!(
                    "{}. {}",
                    keberatan_svc::keputusan_label(k.keputusan.as_deref()),
                    k.keputusan_catatan.clone().unwrap_or_default()
                )
            }),
        }),
        tempat_tanggal: format!("{}, {}", r.instansi.lokasi, ctx.tanggal(&tanggal)),
        pola_distribusi: false,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "evaluasi_list.html")]
pub struct DaftarPage {
    ctx: Ctx,
    sendiri: Vec<evaluasi::BarisDaftar>,
    dinilai: Vec<evaluasi::BarisDaftar>,
    keberatan: Vec<keberatan_svc::Antrian>,
    today: chrono::NaiveDate,
}

impl DaftarPage {
    fn status(&self, e: &kinerja_core::db::entities::evaluasi::Model) -> &'static str {
        pihak::status_label(e, today())
    }
    fn predikat(&self, e: &kinerja_core::db::entities::evaluasi::Model) -> &'static str {
        e.predikat
            .as_deref()
            .and_then(kinerja_core::rules::predikat::Predikat::from_code)
            .map_or("-", |p| p.label())
    }
    fn keberatan_status(&self, c: &str) -> &'static str {
        keberatan_svc::status_label(c)
    }
}

/// `/evaluasi`: the actor's own results, those they rated, and the keberatan they decide.
pub async fn index(State(state): State<AppState>, web: Web) -> AppResult<DaftarPage> {
    let (sendiri, dinilai) = evaluasi::daftar(&state.baca, &web.actor).await?;
    let keberatan = keberatan_svc::antrian(&state.baca, &web.actor).await?;
    Ok(DaftarPage {
        ctx: web.ctx,
        sendiri,
        dinilai,
        keberatan,
        today: today(),
    })
}
