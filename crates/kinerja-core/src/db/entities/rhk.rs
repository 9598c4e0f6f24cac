use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A Rencana Hasil Kerja of an SKP, UTAMA or TAMBAHAN, cascaded from an RHK of the penilai's SKP.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "rhk")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub skp_id: i32,
    /// UTAMA or TAMBAHAN.
    pub jenis: String,
    pub urutan: i32,
    #[sea_orm(column_type = "Text")]
    pub teks: String,
    /// The RHK pimpinan/atasan yang diintervensi.
    pub rhk_atasan_id: Option<i32>,
    /// The RHK of the previous version this one was copied from.
    pub asal_rhk_id: Option<i32>,
    /// For JPT: the balanced-scorecard perspective.
    pub perspektif: String,
    /// For JPT: where the assignment comes from.
    pub penugasan_dari: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
