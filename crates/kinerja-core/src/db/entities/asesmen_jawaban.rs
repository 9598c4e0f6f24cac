use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A rater's level for one competency, with the evidence or example they gave. Peer and
/// subordinate answers are never shown one by one (see `services::kompetensi::asesmen`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "asesmen_jawaban")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub tugas_id: i32,
    pub kompetensi_id: i32,
    pub level: i16,
    #[sea_orm(column_type = "Text")]
    pub bukti: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
