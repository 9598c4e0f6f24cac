use sea_orm::entity::prelude::*;
use serde::Serialize;

/// An ekspektasi khusus pimpinan for one BerAKHLAK value (`rules::berakhlak`) of an SKP.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "skp_perilaku")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub skp_id: i32,
    pub kode: i32,
    #[sea_orm(column_type = "Text")]
    pub ekspektasi: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
