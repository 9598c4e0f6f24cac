//! Kinerja's domain and data: pure rules, the database layer, and the services every front end
//! (web pages, JSON API, CLI) calls. No HTTP and no templates here.

pub mod actor;
#[cfg(test)]
mod bench_pg;
#[cfg(feature = "contoh")]
pub mod contoh;
pub mod db;
pub mod error;
pub mod rules;
pub mod services;
pub mod setup;
pub mod storage;
#[cfg(feature = "testing")]
pub mod testing;

pub use actor::Actor;
pub use error::{CoreError, CoreResult, FieldErrors};
pub use sea_orm::DatabaseConnection;

/// The database error type, for adapters that map it.
pub mod sea_orm_err {
    pub use sea_orm::DbErr;
}
