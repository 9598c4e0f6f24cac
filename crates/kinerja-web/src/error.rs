//! Maps core errors to pages: 403, 404, 422, 429, 503 while the database cannot be reached, 507
//! when the disk is full and, for real faults only, 500.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use kinerja_core::CoreError;
use kinerja_core::error::Gangguan;
use std::sync::atomic::{AtomicI64, Ordering};

#[derive(Template)]
#[template(path = "error.html")]
pub(crate) struct ErrorPage<'a> {
    pub status: u16,
    pub judul: &'a str,
    pub pesan: String,
    /// A form post that could not be saved, offered to be sent again as it was typed.
    pub ulang: Option<Ulang>,
}

/// The fields of a refused form post, to be shown and posted again.
pub(crate) struct Ulang {
    pub action: String,
    pub fields: Vec<(String, String)>,
}

/// Marks a response as the answer to a fault of the surroundings ([`Gangguan`]), so that the
/// layer that read the request's body can offer the form again (`middleware::read_body_first`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct GangguanMark(pub Gangguan);

/// The status, title and message of a fault of the surroundings.
fn gangguan_page(g: Gangguan) -> (StatusCode, &'static str, &'static str) {
    match g {
        Gangguan::BasisData => (
            StatusCode::SERVICE_UNAVAILABLE,
            "Layanan sementara tidak tersedia",
            "Basis data sedang tidak dapat dihubungi, sehingga permintaan Anda belum diproses \
             dan belum ada yang tersimpan. Coba lagi dalam beberapa saat.",
        ),
        Gangguan::PenyimpananPenuh => (
            StatusCode::INSUFFICIENT_STORAGE,
            "Ruang penyimpanan server penuh",
            "Ruang penyimpanan server penuh, sehingga data Anda belum tersimpan. Admin telah \
             dicatatkan peringatannya; coba lagi setelah ruang disk dikosongkan.",
        ),
    }
}

/// The answer to a fault of the surroundings: its status, `Retry-After`, the page with its
/// message and, when given, the refused form to send again. Marked with [`GangguanMark`] so that
/// the layer that read the request's body can offer the form (`middleware::read_body_first`).
pub(crate) fn gangguan_response(g: Gangguan, ulang: Option<Ulang>) -> Response {
    let (status, judul, pesan) = gangguan_page(g);
    let body = ErrorPage {
        status: status.as_u16(),
        judul,
        pesan: pesan.to_string(),
        ulang,
    }
    .render()
    .unwrap_or_else(|_| pesan.to_string());
    let mut res = (status, Html(body)).into_response();
    res.headers_mut().insert(
        axum::http::header::RETRY_AFTER,
        axum::http::HeaderValue::from_static("10"),
    );
    res.extensions_mut().insert(GangguanMark(g));
    res
}

/// The time a full disk was last logged (unix seconds): logged once every five minutes, not
/// per request.
static PENUH_DICATAT: AtomicI64 = AtomicI64::new(0);

fn catat_penuh(err: &CoreError) {
    let now = chrono::Utc::now().timestamp();
    let last = PENUH_DICATAT.load(Ordering::Relaxed);
    if now - last >= 300
        && PENUH_DICATAT
            .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
            .is_ok()
    {
        tracing::error!(error = %err, "storage full: writes are refused until space is freed");
    }
}

#[derive(Debug)]
pub enum AppError {
    Core(CoreError),
    /// Send the browser elsewhere (e.g. a super admin who has not chosen an instansi).
    Redirect(String),
}

impl From<CoreError> for AppError {
    fn from(e: CoreError) -> Self {
        AppError::Core(e)
    }
}

impl From<kinerja_core::sea_orm_err::DbErr> for AppError {
    fn from(e: kinerja_core::sea_orm_err::DbErr) -> Self {
        AppError::Core(CoreError::Db(e))
    }
}

pub type AppResult<T> = Result<T, AppError>;

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let e = match self {
            AppError::Redirect(to) => return Redirect::to(&to).into_response(),
            AppError::Core(e) => e,
        };
        if let Some(g) = e.gangguan() {
            match g {
                Gangguan::PenyimpananPenuh => catat_penuh(&e),
                Gangguan::BasisData => tracing::warn!(error = %e, "database unreachable"),
            }
            return gangguan_response(g, None);
        }
        let (status, judul_kunci) = match &e {
            CoreError::Validation(_) => {
                (StatusCode::UNPROCESSABLE_ENTITY, "judul-data-belum-benar")
            }
            CoreError::Forbidden => (StatusCode::FORBIDDEN, "judul-akses-ditolak"),
            CoreError::NotFound => (StatusCode::NOT_FOUND, "judul-tidak-ditemukan"),
            CoreError::Conflict(_) => (StatusCode::CONFLICT, "judul-konflik"),
            CoreError::Unauthenticated | CoreError::BadCredentials => {
                (StatusCode::UNAUTHORIZED, "judul-belum-masuk")
            }
            CoreError::Throttled { .. } => (StatusCode::TOO_MANY_REQUESTS, "judul-terlalu-banyak"),
            CoreError::Db(_) | CoreError::Internal(_) | CoreError::PenyimpananPenuh(_) => {
                (StatusCode::INTERNAL_SERVER_ERROR, "judul-kesalahan")
            }
        };
        match &e {
            CoreError::Db(err) => tracing::error!(error = %err, "database error"),
            CoreError::Internal(err) => tracing::error!(error = %err, "internal error"),
            _ => {}
        }
        // Worded in the request's language from the error's key; a validation error's own field
        // messages follow its summary.
        let lang = crate::i18n::bahasa_kini();
        let judul = lang.t(judul_kunci);
        let inti = e.pesan();
        let mut pesan = lang.t_args(inti.kunci, &inti.args);
        if let CoreError::Validation(f) = &e {
            for m in f.0.values() {
                pesan.push(' ');
                pesan.push_str(m);
            }
        }
        let page = ErrorPage {
            status: status.as_u16(),
            judul: &judul,
            pesan,
            ulang: None,
        };
        let body = page.render().unwrap_or_else(|_| "Kesalahan".to_string());
        (status, Html(body)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A full disk answers 507 naming the cause, not "server error".
    #[test]
    fn a_full_disk_is_named_to_the_user() {
        let res = AppError::from(CoreError::PenyimpananPenuh("disk".into())).into_response();
        assert_eq!(res.status(), StatusCode::INSUFFICIENT_STORAGE);
        assert!(res.extensions().get::<GangguanMark>().is_some());
    }
}
