//! Counts of activities per pegawai and month by state (`services::ringkasan::hitungan`), so that
//! the monitoring page reads one row per member instead of counting the period's activities
//! (`docs/PERFORMANCE.md`). Filled from the activities already recorded by the later migration that
//! adds each month's last date (`m20260115_000001_terakhir_aktivitas`): the rebuild writes the
//! columns of today's table, which this one does not have yet.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::helpers::{fk, n};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(tabel("hitungan_aktivitas")).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(n("hitungan_aktivitas")).to_owned())
            .await
    }
}

/// The table under `nama`: the later migration that rebuilds it on SQLite
/// (`m20260112_000001_ringkasan_tanpa_rowid`) creates the same columns and keys.
pub(super) fn tabel(nama: &'static str) -> TableCreateStatement {
    Table::create()
        .table(n(nama))
        .col(integer(n("pegawai_id")))
        .col(date(n("bulan")))
        .col(integer(n("draft")))
        .col(integer(n("diajukan")))
        .col(integer(n("disetujui")))
        .col(integer(n("dikembalikan")))
        .primary_key(Index::create().col(n("pegawai_id")).col(n("bulan")))
        .foreign_key(&mut fk(
            "hitungan_aktivitas",
            "pegawai_id",
            "pegawai",
            ForeignKeyAction::Cascade,
        ))
        .to_owned()
}
