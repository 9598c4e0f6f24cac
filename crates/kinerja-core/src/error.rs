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
    /// The disk under the evidence store is full.
    #[error("Ruang penyimpanan server penuh: {0}")]
    PenyimpananPenuh(String),
    #[error("{0}")]
    Internal(String),
}

/// What the user is told about an error: a message key and its arguments, which the web layer
/// translates (`kinerja-web/locales/*/main.ftl`, the keys `galat-…`). The `Display` text above is
/// for logs and the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pesan {
    pub kunci: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl CoreError {
    /// The key and arguments of the message a user sees for this error. The field messages of a
    /// `Validation` are shown under their fields; this is the page's summary.
    pub fn pesan(&self) -> Pesan {
        let (kunci, args) = match self {
            CoreError::Validation(_) => ("galat-data-belum-benar", vec![]),
            CoreError::Forbidden => ("galat-tidak-berwenang", vec![]),
            CoreError::NotFound => ("galat-tidak-ditemukan", vec![]),
            CoreError::Conflict(rincian) => ("galat-konflik", vec![("rincian", rincian.clone())]),
            CoreError::Unauthenticated => ("galat-belum-masuk", vec![]),
            CoreError::BadCredentials => ("galat-kredensial", vec![]),
            CoreError::Throttled { minutes } => {
                ("galat-terlalu-banyak", vec![("menit", minutes.to_string())])
            }
            CoreError::PenyimpananPenuh(_) => ("galat-penyimpanan-penuh", vec![]),
            CoreError::Db(_) | CoreError::Internal(_) => ("galat-server", vec![]),
        };
        Pesan { kunci, args }
    }
}

impl CoreError {
    /// A single-field validation error.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        let mut e = FieldErrors::new();
        e.add(field, message);
        CoreError::Validation(e)
    }
}

/// A fault of the server's surroundings rather than of the request: the user is told which,
/// and that what they sent was not saved, instead of a bare "server error".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gangguan {
    /// The database cannot be reached (refused, closed, pool timed out, shutting down).
    BasisData,
    /// The database's or the evidence store's disk is full.
    PenyimpananPenuh,
}

impl CoreError {
    /// Which fault of the surroundings this error is, if it is one.
    pub fn gangguan(&self) -> Option<Gangguan> {
        match self {
            CoreError::PenyimpananPenuh(_) => Some(Gangguan::PenyimpananPenuh),
            CoreError::Db(e) => gangguan_db(e),
            _ => None,
        }
    }
}

fn gangguan_db(e: &sea_orm::DbErr) -> Option<Gangguan> {
    use sea_orm::{DbErr, RuntimeErr};
    let runtime = match e {
        DbErr::ConnectionAcquire(_) => return Some(Gangguan::BasisData),
        DbErr::Conn(r) | DbErr::Exec(r) | DbErr::Query(r) => r,
        _ => return None,
    };
    match runtime {
        RuntimeErr::SqlxError(e) => gangguan_sqlx(e),
        RuntimeErr::Internal(text) => gangguan_teks(text),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

fn gangguan_sqlx(e: &sea_orm::sqlx::Error) -> Option<Gangguan> {
    use sea_orm::sqlx::Error;
    match e {
        Error::Io(io) if io.kind() == std::io::ErrorKind::StorageFull => {
            Some(Gangguan::PenyimpananPenuh)
        }
        Error::Io(_)
        | Error::PoolTimedOut
        | Error::PoolClosed
        | Error::WorkerCrashed
        | Error::Tls(_)
        | Error::Protocol(_) => Some(Gangguan::BasisData),
        Error::Database(d) => match d.code().as_deref() {
            // SQLITE_FULL, and PostgreSQL's disk_full.
            Some("13") | Some("53100") => Some(Gangguan::PenyimpananPenuh),
            // PostgreSQL: shutting down, starting up, or a connection exception (class 08).
            Some(c) if c.starts_with("57P") || c.starts_with("08") => Some(Gangguan::BasisData),
            _ => gangguan_teks(d.message()),
        },
        _ => None,
    }
}

/// The writer thread of SQLite reports its errors as text.
fn gangguan_teks(text: &str) -> Option<Gangguan> {
    let t = text.to_ascii_lowercase();
    if t.contains("disk is full") || t.contains("no space left") {
        Some(Gangguan::PenyimpananPenuh)
    } else {
        None
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

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{DbErr, RuntimeErr};

    #[test]
    fn faults_of_the_surroundings_are_told_apart() {
        let full = CoreError::Db(DbErr::Exec(RuntimeErr::Internal(
            "database or disk is full".into(),
        )));
        assert_eq!(full.gangguan(), Some(Gangguan::PenyimpananPenuh));
        let gone = CoreError::Db(DbErr::ConnectionAcquire(
            sea_orm::error::ConnAcquireErr::Timeout,
        ));
        assert_eq!(gone.gangguan(), Some(Gangguan::BasisData));
        let closed = CoreError::Db(DbErr::Conn(RuntimeErr::SqlxError(std::sync::Arc::new(
            sea_orm::sqlx::Error::PoolClosed,
        ))));
        assert_eq!(closed.gangguan(), Some(Gangguan::BasisData));
        assert_eq!(CoreError::Forbidden.gangguan(), None);
        let other = CoreError::Db(DbErr::RecordNotFound("x".into()));
        assert_eq!(other.gangguan(), None);
    }
}
