//! Browsers that have logged in to an account before (`perangkat_login`), so that the failed
//! logins a stranger makes against an account are counted apart from its owner's known browser
//! and cannot lock the owner out (`services::akun::auth`). Only the SHA-256 of the cookie is stored.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::helpers::{fk, index, n};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(n("perangkat_login"))
                .col(pk_auto(n("id")))
                .col(string_len_uniq(n("token_hash"), 64))
                .col(integer(n("user_id")))
                .col(big_integer(n("terakhir_dipakai")))
                .foreign_key(&mut fk(
                    "perangkat_login",
                    "user_id",
                    "user_account",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("perangkat_login", &["user_id"], false))
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(n("perangkat_login")).to_owned())
            .await
    }
}
