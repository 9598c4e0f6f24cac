//! The batches the activity writer has committed (`tulis_batch`), each under the random key it
//! was written with and with the ids of its activities, so that a batch whose commit succeeded
//! but whose reply was lost is answered from here instead of being written again
//! (`services::harian::pencatat`).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::helpers::{index, n};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(n("tulis_batch"))
                .col(string_len(n("kunci"), 32).primary_key())
                .col(text(n("aktivitas_ids")))
                .col(big_integer(n("dibuat")))
                .to_owned(),
        )
        .await?;
        m.create_index(index("tulis_batch", &["dibuat"], false))
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(n("tulis_batch")).to_owned())
            .await
    }
}
