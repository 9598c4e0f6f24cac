//! Running totals of verified output per RHK and unit (`services::ringkasan::keluaran`), so that the
//! monitoring page reads one row per RHK instead of summing a year of activities
//! (`docs/PERFORMANCE.md`). Created empty: the run that applies it rebuilds the summaries from
//! the activities already verified (`kinerja_core::setup::migrate`).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::helpers::{fk, n};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(tabel("keluaran_rhk")).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(n("keluaran_rhk")).to_owned())
            .await
    }
}

/// The table under `nama`: the later migration that rebuilds it on SQLite
/// (`m20260112_000001_ringkasan_tanpa_rowid`) creates the same columns and keys.
pub(super) fn tabel(nama: &'static str) -> TableCreateStatement {
    Table::create()
        .table(n(nama))
        .col(integer(n("rhk_id")))
        .col(string(n("satuan_kunci")))
        .col(big_integer(n("jumlah")))
        .primary_key(Index::create().col(n("rhk_id")).col(n("satuan_kunci")))
        .foreign_key(&mut fk(
            "keluaran_rhk",
            "rhk_id",
            "rhk",
            ForeignKeyAction::Cascade,
        ))
        .to_owned()
}
