//! CSV import page: upload a file of units or pegawai; all rows are checked before any is saved.

use super::{ListQuery, Web, scope, today};
use crate::AppState;
use crate::context::Ctx;
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kinerja_core::CoreError;
use kinerja_core::services::organisasi::import::{
    self, HEADER_PEGAWAI, HEADER_UNIT, ImportReport, MAX_UPLOAD_BYTES,
};

#[derive(Template, WebTemplate)]
#[template(path = "impor.html")]
pub struct ImportPage {
    ctx: Ctx,
    jenis: String,
    report: Option<ImportReport>,
    error: String,
    iq: String,
    header_unit: &'static str,
    header_pegawai: &'static str,
}

fn page(
    ctx: Ctx,
    jenis: String,
    report: Option<ImportReport>,
    error: String,
    iq: String,
) -> ImportPage {
    ImportPage {
        ctx,
        jenis,
        report,
        error,
        iq,
        header_unit: HEADER_UNIT,
        header_pegawai: HEADER_PEGAWAI,
    }
}

pub async fn new(web: Web, Query(q): Query<ListQuery>) -> AppResult<ImportPage> {
    let instansi_id = scope(&web.actor, q.instansi())?;
    let iq = super::instansi_qs(&web.actor, instansi_id);
    Ok(page(web.ctx, "pegawai".into(), None, String::new(), iq))
}

pub async fn upload(
    State(state): State<AppState>,
    web: Web,
    Query(q): Query<ListQuery>,
    mut mp: Multipart,
) -> AppResult<Response> {
    let instansi_id = scope(&web.actor, q.instansi())?;
    web.actor.require_admin_instansi(instansi_id)?;
    let iq = super::instansi_qs(&web.actor, instansi_id);
    let mut jenis = String::from("pegawai");
    let mut data: Option<Vec<u8>> = None;
    loop {
        match mp.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or("").to_string();
                match field.bytes().await {
                    Ok(bytes) if name == "jenis" => {
                        jenis = String::from_utf8_lossy(&bytes).to_string()
                    }
                    Ok(bytes) if name == "berkas" => data = Some(bytes.to_vec()),
                    Ok(_) => {}
                    Err(e) => {
                        let (status, msg) = if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                            (
                                StatusCode::PAYLOAD_TOO_LARGE,
                                format!(
                                    "Berkas terlalu besar (maksimal {} MB).",
                                    MAX_UPLOAD_BYTES / 1024 / 1024
                                ),
                            )
                        } else {
                            (
                                StatusCode::UNPROCESSABLE_ENTITY,
                                "Unggahan tidak terbaca (nama berkas atau isi formulir tidak \
                                 sah). Pilih berkas CSV lalu kirim lagi."
                                    .to_string(),
                            )
                        };
                        return Ok((status, page(web.ctx, jenis, None, msg, iq)).into_response());
                    }
                }
            }
            Ok(None) => break,
            Err(_) => {
                let msg = "Unggahan tidak terbaca. Pilih berkas CSV lalu kirim lagi.".to_string();
                return Ok((
                    StatusCode::UNPROCESSABLE_ENTITY,
                    page(web.ctx, jenis, None, msg, iq),
                )
                    .into_response());
            }
        }
    }
    let Some(data) = data.filter(|d| !d.is_empty()) else {
        let msg = "Pilih berkas CSV terlebih dahulu.".to_string();
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            page(web.ctx, jenis, None, msg, iq),
        )
            .into_response());
    };
    let mut no_progress = |_: u64, _: u64| {};
    let result = match jenis.as_str() {
        "unit" => {
            import::unit_kerja(
                &state.tulis,
                &web.actor,
                instansi_id,
                &data,
                &mut no_progress,
            )
            .await
        }
        "pegawai" => {
            import::pegawai(
                &state.tulis,
                &web.actor,
                instansi_id,
                &data,
                today(),
                &mut no_progress,
            )
            .await
        }
        _ => Err(CoreError::field("jenis", "Pilih jenis data.")),
    };
    match result {
        Ok(report) => {
            let status = if report.ok() {
                StatusCode::OK
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            Ok((
                status,
                page(web.ctx, jenis, Some(report), String::new(), iq),
            )
                .into_response())
        }
        Err(CoreError::Validation(e)) => {
            let msg = e.0.values().cloned().collect::<Vec<_>>().join(" ");
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                page(web.ctx, jenis, None, msg, iq),
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}
