use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A competency of the dictionary (`DOMAIN.md` §12): national (`instansi_id` NULL: M.01–M.08 and
/// Perekat Bangsa) or an instansi's technical one, with the descriptions of its five levels.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "kompetensi")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub instansi_id: Option<i32>,
    pub kode: String,
    /// `rules::kamus_kompetensi` groups.
    pub kelompok: String,
    pub nama: String,
    #[sea_orm(column_type = "Text")]
    pub level_1: String,
    #[sea_orm(column_type = "Text")]
    pub level_2: String,
    #[sea_orm(column_type = "Text")]
    pub level_3: String,
    #[sea_orm(column_type = "Text")]
    pub level_4: String,
    #[sea_orm(column_type = "Text")]
    pub level_5: String,
}

impl Model {
    /// The five level descriptions, level 1 first.
    pub fn level(&self) -> [&str; 5] {
        [
            &self.level_1,
            &self.level_2,
            &self.level_3,
            &self.level_4,
            &self.level_5,
        ]
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
