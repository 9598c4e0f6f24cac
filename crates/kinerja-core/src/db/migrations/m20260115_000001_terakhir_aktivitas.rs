//! Each month's counts of a pegawai's activities (`hitungan_aktivitas`) keep the date of the
//! month's last activity, so that the monitoring page reads a member's last activity with the
//! period's counts instead of seeking it among every activity (`docs/PERFORMANCE.md`).
//! The run that applies it rebuilds the counts and the dates from the activities already
//! recorded (`kinerja_core::setup::migrate`).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::helpers::n;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(n("hitungan_aktivitas"))
                .add_column(date_null(n("terakhir")))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(n("hitungan_aktivitas"))
                .drop_column(n("terakhir"))
                .to_owned(),
        )
        .await
    }
}
