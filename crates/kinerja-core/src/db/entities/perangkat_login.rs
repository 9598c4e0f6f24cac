use sea_orm::entity::prelude::*;

/// A browser that has logged in to an account: its own failed-login counter, apart from the
/// one strangers fill (`services::akun::auth`). Only the SHA-256 of the cookie token is stored.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "perangkat_login")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub user_id: i32,
    /// Unix seconds of the last login from it.
    pub terakhir_dipakai: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
