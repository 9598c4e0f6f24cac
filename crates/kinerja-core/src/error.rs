//! The one error type of the core. HTML and JSON adapters in `kinerja-web` map it to responses:
//! `Validation` → 422 with field messages, `Forbidden` → 403, `NotFound` → 404, and so on.

use std::collections::BTreeMap;

/// Field name → message in Indonesian, shown next to the field that was wrong.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct FieldErrors(pub BTreeMap<String, String>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records the first message for a field; later ones for the same field are dropped so the
    /// user sees the most basic problem first.
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0
            .entry(field.to_string())
            .or_insert_with(|| message.into());
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.get(field).map(String::as_str)
    }

    /// `Ok(())` when empty, otherwise the errors as a `CoreError::Validation`.
    pub fn into_result(self) -> Result<(), CoreError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(CoreError::Validation(self))
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("Data yang diisi belum benar.")]
    Validation(FieldErrors),
    #[error("Anda tidak berwenang melakukan ini.")]
    Forbidden,
    #[error("Data tidak ditemukan.")]
    NotFound,
    #[error("{0}")]
    Conflict(String),
    #[error("Silakan masuk terlebih dahulu.")]
    Unauthenticated,
    #[error("NIP/nama pengguna atau kata sandi salah.")]
    BadCredentials,
    #[error("Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {minutes} menit.")]
    Throttled { minutes: i64 },
    #[error("Kesalahan basis data: {0}")]
    Db(#[from] sea_orm::DbErr),
    #[error("{0}")]
    Internal(String),
}

impl CoreError {
    /// A single-field validation error.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        let mut e = FieldErrors::new();
        e.add(field, message);
        CoreError::Validation(e)
    }
}

impl From<sea_orm::TransactionError<CoreError>> for CoreError {
    fn from(e: sea_orm::TransactionError<CoreError>) -> Self {
        match e {
            sea_orm::TransactionError::Connection(db) => CoreError::Db(db),
            sea_orm::TransactionError::Transaction(inner) => inner,
        }
    }
}

pub type CoreResult<T> = Result<T, CoreError>;
