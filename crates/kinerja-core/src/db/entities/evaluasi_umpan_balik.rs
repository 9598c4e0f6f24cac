use sea_orm::entity::prelude::*;
use serde::Serialize;

/// The penilai's umpan balik on one IKI or one BerAKHLAK value within an evaluation; every IKI
/// and all seven values need one before a rating is given (`DOMAIN.md` §6.1, step 3).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "evaluasi_umpan_balik")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub evaluasi_id: i32,
    /// IKI or PERILAKU.
    pub sasaran: String,
    /// The IKI's id, or the BerAKHLAK value's number (1–7).
    pub sasaran_id: i32,
    #[sea_orm(column_type = "Text")]
    pub teks: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
