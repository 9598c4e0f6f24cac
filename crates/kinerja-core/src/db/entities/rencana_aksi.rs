use sea_orm::entity::prelude::*;
use serde::Serialize;

/// An action step under an RHK for one period.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "rencana_aksi")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub rhk_id: i32,
    pub periode_id: i32,
    #[sea_orm(column_type = "Text")]
    pub teks: String,
    pub target: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
