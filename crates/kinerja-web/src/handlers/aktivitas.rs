//! Daily activity pages: record (with evidence files or a link), edit, submit, delete, copy the
//! last day; the penilai's verification queue; evidence downloads through the authorising
//! service.

use super::{Web, or_invalid, status_of, today};
use crate::AppState;
use crate::context::{Ctx, ErrorsExt};
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Datelike;
use kinerja_core::db::entities::{pegawai, rhk};
use kinerja_core::services::harian::aktivitas::{
    self as akt, AktivitasInput, AktivitasRow, VERDIK, VerifikasiInput,
};
use kinerja_core::services::harian::bukti::{self, Berkas};
use kinerja_core::services::{Page, organisasi::akses};
use kinerja_core::{CoreError, FieldErrors};
use serde::Deserialize;

/// Largest request with evidence: every file at the limit, plus the form.
pub const MAX_BODY: usize = bukti::MAX_BERKAS * bukti::MAX_BUKTI_BYTES + 256 * 1024;

/// The text fields and the files (field `berkas`) of a multipart form. An upload that breaks
/// the size limit, or that cannot be read (a file name with a control character, a cut-off
/// body), becomes a field error that names which of the two it was, not a failed request.
pub async fn read_multipart(
    mut mp: Multipart,
) -> (Vec<(String, String)>, Vec<Berkas>, Option<String>) {
    let mut fields = Vec::new();
    let mut files = Vec::new();
    loop {
        match mp.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or("").to_string();
                let file_name = field.file_name().map(str::to_string);
                match field.bytes().await {
                    Ok(bytes) => match file_name {
                        Some(n) if name == "berkas" => {
                            if !n.is_empty() || !bytes.is_empty() {
                                files.push(Berkas {
                                    nama: n,
                                    bytes: bytes.to_vec(),
                                })
                            }
                        }
                        _ => fields.push((name, String::from_utf8_lossy(&bytes).into_owned())),
                    },
                    Err(e) => return (fields, files, Some(unreadable(&e))),
                }
            }
            Ok(None) => break,
            Err(e) => return (fields, files, Some(unreadable(&e))),
        }
    }
    (fields, files, None)
}

/// What to tell the user of a multipart body that could not be read: too large, or malformed.
fn unreadable(e: &axum::extract::multipart::MultipartError) -> String {
    if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        too_big()
    } else {
        "Unggahan tidak dapat dibaca: nama berkas atau isi formulir tidak sah (misalnya nama \
         berkas memuat karakter kendali). Ganti nama berkas lalu kirim lagi."
            .to_string()
    }
}

fn too_big() -> String {
    format!(
        "Unggahan terlalu besar: paling besar {} MB per berkas, {} berkas.",
        bukti::MAX_BUKTI_BYTES / 1024 / 1024,
        bukti::MAX_BERKAS
    )
}

/// The value of a text field of a multipart or list-of-pairs form (empty when absent).
pub(super) fn field(fields: &[(String, String)], name: &str) -> String {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

fn input_of(fields: &[(String, String)]) -> AktivitasInput {
    AktivitasInput {
        tanggal: field(fields, "tanggal"),
        rhk_id: field(fields, "rhk_id"),
        uraian: field(fields, "uraian"),
        kuantitas: field(fields, "kuantitas"),
        satuan: field(fields, "satuan"),
        tautan: field(fields, "tautan"),
        ajukan: fields
            .iter()
            .find(|(k, _)| k == "ajukan")
            .map(|(_, v)| v.clone()),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct AktivitasQuery {
    #[serde(default)]
    pub pegawai: String,
    #[serde(default)]
    pub page: String,
    #[serde(default)]
    pub ok: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "aktivitas.html")]
pub struct AktivitasPage {
    ctx: Ctx,
    pegawai: pegawai::Model,
    sendiri: bool,
    page: Page<AktivitasRow>,
    rhk: Vec<rhk::Model>,
    input: AktivitasInput,
    errors: FieldErrors,
    q: String,
    iq: String,
    ubah: Option<i32>,
    max_mb: usize,
}

impl AktivitasPage {
    fn status_label(&self, s: &str) -> &'static str {
        kinerja_core::services::status::aktivitas::label(s)
    }
    fn verdik_label(&self, s: &Option<String>) -> &'static str {
        s.as_deref().map_or("", akt::verdik_label)
    }
}

#[allow(clippy::too_many_arguments)]
async fn page(
    state: &AppState,
    web: Web,
    pegawai_id: Option<i32>,
    page_no: u64,
    input: Option<AktivitasInput>,
    errors: FieldErrors,
    ubah: Option<i32>,
) -> AppResult<Response> {
    let t = today();
    let id = pegawai_id
        .or(web.actor.pegawai_id)
        .ok_or(CoreError::Forbidden)?;
    let (p, h) = akses::pegawai_terlihat(&state.baca, &web.actor, id, t).await?;
    let sendiri = h == akses::Hubungan::Sendiri;
    let list = akt::daftar(&state.baca, &web.actor, id, page_no, t).await?;
    let rhk = if sendiri {
        akt::pilihan_rhk(&state.baca, id, t.year()).await?
    } else {
        Vec::new()
    };
    let input = input.unwrap_or_else(|| AktivitasInput {
        tanggal: t.format("%Y-%m-%d").to_string(),
        kuantitas: "1".into(),
        rhk_id: rhk.first().map(|r| r.id.to_string()).unwrap_or_default(),
        ..Default::default()
    });
    let status = status_of(&errors);
    let iq = if sendiri {
        String::new()
    } else {
        format!("pegawai={id}")
    };
    Ok((
        status,
        AktivitasPage {
            ctx: web.ctx,
            pegawai: p,
            sendiri,
            page: list,
            rhk,
            input,
            errors,
            q: String::new(),
            iq,
            ubah,
            max_mb: bukti::MAX_BUKTI_BYTES / 1024 / 1024,
        },
    )
        .into_response())
}

pub async fn index(
    State(state): State<AppState>,
    mut web: Web,
    Query(q): Query<AktivitasQuery>,
) -> AppResult<Response> {
    if q.ok == "salin" {
        web.ctx.notice = Some("Aktivitas hari terakhir disalin sebagai draf hari ini.".into());
    } else if q.ok == "0" {
        web.ctx.notice = Some("Tidak ada aktivitas sebelumnya untuk disalin.".into());
    } else if !q.ok.is_empty() {
        web.ctx.notice = Some("Aktivitas tersimpan.".into());
    }
    let page_no = super::nomor_halaman(&q.page);
    page(
        &state,
        web,
        q.pegawai.parse().ok(),
        page_no,
        None,
        FieldErrors::new(),
        None,
    )
    .await
}

pub async fn create(State(state): State<AppState>, web: Web, mp: Multipart) -> AppResult<Response> {
    let (fields, files, too_big) = read_multipart(mp).await;
    let input = input_of(&fields);
    if let Some(m) = too_big {
        let mut e = FieldErrors::new();
        e.add("berkas", m);
        return page(&state, web, None, 1, Some(input), e, None).await;
    }
    let r = akt::catat_dengan(
        &state.baca,
        &state.pencatat,
        &state.bukti,
        &web.actor,
        &input,
        &files,
        today(),
    )
    .await;
    match or_invalid(r)? {
        Ok(a) => Ok(Redirect::to(&format!("/aktivitas?ok={}", a.id)).into_response()),
        Err(errors) => page(&state, web, None, 1, Some(input), errors, None).await,
    }
}

pub async fn edit(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    let row = akt::satu(&state.baca, &web.actor, id).await?;
    let a = &row.aktivitas;
    let input = AktivitasInput {
        tanggal: a.tanggal.format("%Y-%m-%d").to_string(),
        rhk_id: a.rhk_id.to_string(),
        uraian: a.uraian.clone(),
        kuantitas: kinerja_core::rules::nilai::tampil_seratus(a.kuantitas).replace('.', ""),
        satuan: a.satuan.clone(),
        tautan: String::new(),
        ajukan: None,
    };
    page(
        &state,
        web,
        None,
        1,
        Some(input),
        FieldErrors::new(),
        Some(id),
    )
    .await
}

pub async fn update(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
    mp: Multipart,
) -> AppResult<Response> {
    let (fields, files, too_big) = read_multipart(mp).await;
    let input = input_of(&fields);
    if let Some(m) = too_big {
        let mut e = FieldErrors::new();
        e.add("berkas", m);
        return page(&state, web, None, 1, Some(input), e, Some(id)).await;
    }
    let r = akt::ubah(
        &state.tulis,
        &state.bukti,
        &web.actor,
        id,
        &input,
        &files,
        today(),
    )
    .await;
    match or_invalid(r)? {
        Ok(a) => Ok(Redirect::to(&format!("/aktivitas?ok={}", a.id)).into_response()),
        Err(errors) => page(&state, web, None, 1, Some(input), errors, Some(id)).await,
    }
}

pub async fn ajukan(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    akt::ajukan(&state.tulis, &web.actor, id, today()).await?;
    Ok(Redirect::to(&format!("/aktivitas?ok={id}")).into_response())
}

pub async fn destroy(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    akt::hapus(&state.tulis, &web.actor, id, today()).await?;
    Ok(Redirect::to("/aktivitas").into_response())
}

pub async fn salin(State(state): State<AppState>, web: Web) -> AppResult<Response> {
    let n = akt::salin_terakhir(&state.tulis, &web.actor, today()).await?;
    Ok(Redirect::to(if n > 0 {
        "/aktivitas?ok=salin"
    } else {
        "/aktivitas?ok=0"
    })
    .into_response())
}

impl VerifikasiPage {
    fn gagal_pada(&self, id: &i32) -> bool {
        self.gagal == Some(*id)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "verifikasi.html")]
pub struct VerifikasiPage {
    ctx: Ctx,
    page: Page<AktivitasRow>,
    verdik: &'static [(&'static str, &'static str)],
    errors: FieldErrors,
    gagal: Option<i32>,
    q: String,
    iq: String,
}

async fn verifikasi_page(
    state: &AppState,
    web: Web,
    page_no: u64,
    errors: FieldErrors,
    gagal: Option<i32>,
) -> AppResult<Response> {
    let list = akt::antrean(&state.baca, &web.actor, page_no, today()).await?;
    let status = status_of(&errors);
    Ok((
        status,
        VerifikasiPage {
            ctx: web.ctx,
            page: list,
            verdik: &VERDIK,
            errors,
            gagal,
            q: String::new(),
            iq: String::new(),
        },
    )
        .into_response())
}

pub async fn antrean(
    State(state): State<AppState>,
    mut web: Web,
    Query(q): Query<AktivitasQuery>,
) -> AppResult<Response> {
    if !q.ok.is_empty() {
        web.ctx.notice = Some("Verifikasi tersimpan.".into());
    }
    verifikasi_page(
        &state,
        web,
        super::nomor_halaman(&q.page),
        FieldErrors::new(),
        None,
    )
    .await
}

pub async fn verifikasi(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
    axum::extract::Form(fields): axum::extract::Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let input = VerifikasiInput {
        verifikasi: field(&fields, "verifikasi"),
        catatan: field(&fields, "catatan"),
        bukti: fields
            .iter()
            .filter_map(|(k, v)| {
                k.strip_prefix("bukti_")
                    .and_then(|b| b.parse().ok())
                    .map(|b| (b, v.clone()))
            })
            .collect(),
    };
    match or_invalid(akt::verifikasi(&state.tulis, &web.actor, id, &input, today()).await)? {
        Ok(_) => Ok(Redirect::to("/verifikasi?ok=1").into_response()),
        Err(errors) => verifikasi_page(&state, web, 1, errors, Some(id)).await,
    }
}

pub async fn unduh(
    State(state): State<AppState>,
    web: Web,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    let (b, bytes) = bukti::unduh(&state.baca, &state.bukti, &web.actor, id, today()).await?;
    let safe: String = b
        .nama
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, b.content_type.clone()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{safe}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response())
}
