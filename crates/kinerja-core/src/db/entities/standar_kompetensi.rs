use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One line of a jabatan's Standar Kompetensi Jabatan (`DOMAIN.md` §12.3): the level 1–5 the
/// jabatan requires of a competency, as confirmed by the admin.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "standar_kompetensi")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub instansi_id: i32,
    pub jabatan_id: i32,
    pub kompetensi_id: i32,
    pub level: i16,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
