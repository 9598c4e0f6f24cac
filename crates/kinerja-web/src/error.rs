//! Maps core errors to pages: 403, 404, 422, 429 and, for real faults only, 500.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use kinerja_core::CoreError;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    status: u16,
    judul: &'a str,
    pesan: String,
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
        let (status, judul) = match &e {
            CoreError::Validation(_) => (StatusCode::UNPROCESSABLE_ENTITY, "Data belum benar"),
            CoreError::Forbidden => (StatusCode::FORBIDDEN, "Akses ditolak"),
            CoreError::NotFound => (StatusCode::NOT_FOUND, "Tidak ditemukan"),
            CoreError::Conflict(_) => (StatusCode::CONFLICT, "Konflik data"),
            CoreError::Unauthenticated | CoreError::BadCredentials => {
                (StatusCode::UNAUTHORIZED, "Belum masuk")
            }
            CoreError::Throttled { .. } => {
                (StatusCode::TOO_MANY_REQUESTS, "Terlalu banyak percobaan")
            }
            CoreError::Db(_) | CoreError::Internal(_) => {
                (StatusCode::INTERNAL_SERVER_ERROR, "Terjadi kesalahan")
            }
        };
        let pesan = match &e {
            CoreError::Db(err) => {
                tracing::error!(error = %err, "database error");
                "Terjadi kesalahan pada server. Silakan coba lagi; bila berulang, hubungi admin."
                    .to_string()
            }
            CoreError::Internal(err) => {
                tracing::error!(error = %err, "internal error");
                "Terjadi kesalahan pada server.".to_string()
            }
            CoreError::Validation(f) => f.0.values().cloned().collect::<Vec<_>>().join(" "),
            other => other.to_string(),
        };
        let page = ErrorPage {
            status: status.as_u16(),
            judul,
            pesan,
        };
        let body = page.render().unwrap_or_else(|_| "Kesalahan".to_string());
        (status, Html(body)).into_response()
    }
}
