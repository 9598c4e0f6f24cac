use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A development offer of an instansi's catalogue (`DOMAIN.md` §14): training (klasikal or
/// non-klasikal), coaching, mentoring or tugas belajar, for one competency or general, with its JP.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "katalog_pengembangan")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub instansi_id: i32,
    pub nama: String,
    pub jenis: String,
    pub kompetensi_id: Option<i32>,
    pub jp: i16,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
