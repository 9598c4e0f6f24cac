use sea_orm::entity::prelude::*;
use serde::Serialize;

/// An Indikator Kinerja Individu of an RHK for one aspek, with its target (hundredths) and unit.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "iki")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub rhk_id: i32,
    /// KUANTITAS, KUALITAS, WAKTU or BIAYA.
    pub aspek: String,
    #[sea_orm(column_type = "Text")]
    pub indikator: String,
    /// Hundredths; none for a kualitatif SKP, whose target is words.
    pub target_nilai: Option<i64>,
    pub target_teks: String,
    pub satuan: String,
    pub asal_iki_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
