//! The evidence table's indexes on `realisasi_id` and `pelatihan_id` hold only the rows that have
//! one. Evidence of a daily activity (nearly every row: one per activity recorded with a link or
//! a file) has neither, and each of its inserts put a NULL entry into both indexes, two of the
//! activity form's eight index writes (`docs/PERFORMANCE.md`). Every lookup is by a
//! value (`realisasi_id = ?`, `pelatihan_id IN (…)`), which SQLite and PostgreSQL both know
//! excludes NULL, so both still use the partial indexes.

use sea_orm_migration::prelude::*;

use super::helpers::n;

#[derive(DeriveMigrationName)]
pub struct Migration;

const KOLOM: [&str; 2] = ["realisasi_id", "pelatihan_id"];

fn nama(kolom: &str) -> String {
    format!("ix_bukti_dukung_{kolom}")
}

/// The index on `kolom`, of the rows that have it when `sebagian`, else of all rows.
fn indeks(kolom: &'static str, sebagian: bool) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(nama(kolom))
        .table(n("bukti_dukung"))
        .col(n(kolom));
    if sebagian {
        stmt.and_where(Expr::col(n(kolom)).is_not_null());
    }
    stmt.to_owned()
}

/// Drops and creates each index under its name. On SQLite the run is one transaction on one
/// connection (`db::migrate_up`), so the new index's name is checked against the schema that
/// saw the old one dropped.
async fn ganti(m: &SchemaManager<'_>, sebagian: bool) -> Result<(), DbErr> {
    for kolom in KOLOM {
        m.drop_index(
            Index::drop()
                .name(nama(kolom))
                .table(n("bukti_dukung"))
                .to_owned(),
        )
        .await?;
        m.create_index(indeks(kolom, sebagian)).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        ganti(m, true).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        ganti(m, false).await
    }
}
