use sea_orm::entity::prelude::*;
use serde::Serialize;

/// The realisasi of an IKI in a period, proposed from verified activities and confirmed by the pegawai.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "realisasi")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub skp_id: i32,
    pub iki_id: i32,
    pub periode_id: i32,
    /// Hundredths; none when described in words.
    pub nilai: Option<i64>,
    #[sea_orm(column_type = "Text")]
    pub keterangan: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
