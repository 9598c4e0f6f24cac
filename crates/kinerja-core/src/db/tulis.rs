//! The busiest write's own path: the activity form's group commit runs its transaction on the
//! calling thread on a SQLite file, and in a SeaORM transaction elsewhere, with its steps
//! written once over [`Txn`] (`services::harian::pencatat`). Every other write goes through
//! SeaORM.

pub use super::direct::{Txn, Writer, ready, returning, write};
