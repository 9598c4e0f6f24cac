use sea_orm::entity::prelude::*;
use serde::Serialize;

/// An in-app notification for a pegawai: new feedback, a return, a verification.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "notifikasi")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub pegawai_id: i32,
    #[sea_orm(column_type = "Text")]
    pub teks: String,
    pub tautan: String,
    pub dibaca: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
