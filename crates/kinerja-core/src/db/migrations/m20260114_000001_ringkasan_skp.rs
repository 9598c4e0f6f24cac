//! The SKP in force of each pegawai and year with the progress of its RHK, one row each
//! (`services::ringkasan::skp`), so that the monitoring page reads one row per member instead of
//! every open SKP version with its RHK, indicators and running totals (`docs/PERFORMANCE.md`). A
//! `WITHOUT ROWID` table on SQLite, as the other summary tables are
//! (`m20260112_000001_ringkasan_tanpa_rowid`). Created empty: the run that applies it rebuilds
//! the summaries from the SKPs already there (`kinerja_core::setup::migrate`).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DbBackend;

use super::helpers::{fk, n};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let tabel = tabel();
        match m.get_database_backend() {
            DbBackend::Sqlite => {
                let create = format!("{} WITHOUT ROWID", tabel.to_string(SqliteQueryBuilder));
                m.get_connection().execute_unprepared(&create).await?;
            }
            _ => m.create_table(tabel).await?,
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(n("ringkasan_skp")).to_owned())
            .await
    }
}

fn tabel() -> TableCreateStatement {
    Table::create()
        .table(n("ringkasan_skp"))
        .col(integer(n("pegawai_id")))
        .col(integer(n("tahun")))
        .col(integer(n("skp_id")))
        .col(string(n("status")))
        .col(text(n("progres")))
        .primary_key(Index::create().col(n("pegawai_id")).col(n("tahun")))
        .foreign_key(&mut fk(
            "ringkasan_skp",
            "pegawai_id",
            "pegawai",
            ForeignKeyAction::Cascade,
        ))
        .foreign_key(&mut fk(
            "ringkasan_skp",
            "skp_id",
            "skp",
            ForeignKeyAction::Cascade,
        ))
        .to_owned()
}
