use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A line of a pegawai's Individual Development Plan (`DOMAIN.md` §14): for a year, from a
/// competency gap, a performance gap or the talent box, an intervention with its planned JP.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "rencana_pengembangan")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub instansi_id: i32,
    pub pegawai_id: i32,
    pub tahun: i16,
    /// KOMPETENSI, KINERJA or TALENTA.
    pub sumber: String,
    pub kompetensi_id: Option<i32>,
    pub katalog_id: Option<i32>,
    pub jenis: String,
    pub uraian: String,
    pub jp_rencana: i16,
    /// RENCANA, SELESAI or BATAL.
    pub status: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
