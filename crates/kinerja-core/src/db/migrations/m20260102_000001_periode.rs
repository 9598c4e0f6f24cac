//! Evaluation periods per instansi: one annual period and its monthly or quarterly periods.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Periode {
    Table,
    Id,
    InstansiId,
    Tahun,
    Jenis,
    Urutan,
    Nama,
    Mulai,
    Selesai,
    BatasPengisian,
    Status,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Instansi {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Periode::Table)
                .col(pk_auto(Periode::Id))
                .col(integer(Periode::InstansiId))
                .col(integer(Periode::Tahun))
                .col(string_len(Periode::Jenis, 16))
                .col(integer(Periode::Urutan))
                .col(string(Periode::Nama))
                .col(date(Periode::Mulai))
                .col(date(Periode::Selesai))
                .col(date(Periode::BatasPengisian))
                .col(string_len(Periode::Status, 16))
                .col(timestamp_with_time_zone(Periode::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_periode_instansi")
                        .from(Periode::Table, Periode::InstansiId)
                        .to(Instansi::Table, Instansi::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_periode_instansi_tahun_jenis_urutan")
                .table(Periode::Table)
                .col(Periode::InstansiId)
                .col(Periode::Tahun)
                .col(Periode::Jenis)
                .col(Periode::Urutan)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Periode::Table).to_owned())
            .await
    }
}
