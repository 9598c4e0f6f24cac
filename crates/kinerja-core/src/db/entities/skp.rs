use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One version of a pegawai's SKP for a year and a jabatan. A change to a set SKP makes a new
/// version; the old one stays readable (`DIGANTI`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "skp")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub instansi_id: i32,
    pub pegawai_id: i32,
    pub jabatan_id: i32,
    pub unit_kerja_id: i32,
    pub tahun: i32,
    pub versi: i32,
    /// A `rules::alur_skp` state.
    pub status: String,
    /// KUANTITATIF or KUALITATIF.
    pub pendekatan: String,
    /// The penilai who set it (or to whom it was submitted).
    pub penilai_id: Option<i32>,
    /// The penilai's notes when returning it.
    #[sea_orm(column_type = "Text")]
    pub catatan_penilai: String,
    /// Lampiran lists, one item a line.
    #[sea_orm(column_type = "Text")]
    pub dukungan_sumber_daya: String,
    #[sea_orm(column_type = "Text")]
    pub skema_pertanggungjawaban: String,
    #[sea_orm(column_type = "Text")]
    pub konsekuensi: String,
    pub diajukan_at: Option<DateTimeUtc>,
    pub ditetapkan_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
