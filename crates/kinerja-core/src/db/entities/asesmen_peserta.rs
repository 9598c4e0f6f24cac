use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A pegawai assessed in a round, against the standard of the jabatan they held when it opened.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "asesmen_peserta")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub asesmen_id: i32,
    pub pegawai_id: i32,
    pub jabatan_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
