//! The one door to the tuned reads: what services read through when a page's statements must
//! cost as little as they can. Where a read runs (on the calling thread from a SQLite file, on
//! PostgreSQL connections of the data layer's own, or through SeaORM inside a transaction) is the
//! data layer's choice, made at run time from the connection a service passes: services take
//! any SeaORM connection and never name a backend.
//!
//! Two kinds of read come through here:
//!
//! - an ordinary statement built with sea-query and read by column position: [`models`],
//!   [`first`], [`all`], [`one`], with rows described by [`Row`] (tuples, models marked with
//!   [`crate::row_by_position!`], or a [`Row`] written once over [`Baris`] for rows of several
//!   shapes);
//! - a **named read** that every request runs ([`Bacaan`]): a struct whose fields are the read's
//!   parameters, which builds its statement and gives its values; its text is built once per
//!   backend and kept, and debug builds (every test) build it again and check both.
//!
//! `tests/direct.rs` checks that every path reads what SeaORM reads, on both databases.

use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement, Value};

pub use super::direct::{
    Baris, Column, Fixed, Row, RowAt, all, close, first, models, one, sqlite_file_of,
};

#[cfg(feature = "testing")]
pub use super::direct::counting;

/// A read that every request runs, named for what it reads, with its parameters as the fields
/// of the struct that implements it. Building a statement with sea-query costs about as much as
/// SQLite takes to run a short one (`docs/PERFORMANCE.md`), so the text is built once per
/// backend ([`Fixed`]) and only the values are given on each call.
pub trait Bacaan {
    /// What one row reads as.
    type Baris: Row;

    /// Where the text is kept: one [`Fixed`] for each text the read can have (a read whose
    /// shape depends on a parameter keeps one per shape).
    fn teks(&self) -> &'static Fixed;

    /// The parameters' values in the order [`Bacaan::bangun`]'s text binds them. Debug builds
    /// compare them with the built statement's on every call.
    fn nilai(&self) -> Vec<Value>;

    /// The statement built with sea-query, the ordinary way.
    fn bangun(&self, backend: DbBackend) -> Statement;
}

/// The statement of `bacaan` for `db`'s backend, its text kept.
fn statement<B: Bacaan, C: ConnectionTrait>(db: &C, bacaan: &B) -> Statement {
    let backend = db.get_database_backend();
    bacaan
        .teks()
        .statement(backend, bacaan.nilai(), || bacaan.bangun(backend))
}

/// Every row of a named read.
pub async fn semua<B: Bacaan, C: ConnectionTrait + 'static>(
    db: &C,
    bacaan: &B,
) -> Result<Vec<B::Baris>, DbErr> {
    all(db, statement(db, bacaan)).await
}

/// The first row of a named read (whose statement says `LIMIT 1` itself).
pub async fn satu<B: Bacaan, C: ConnectionTrait + 'static>(
    db: &C,
    bacaan: &B,
) -> Result<Option<B::Baris>, DbErr> {
    one(db, statement(db, bacaan)).await
}
