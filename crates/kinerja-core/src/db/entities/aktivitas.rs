use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A daily activity (progres harian) serving an RHK, verified by the penilai.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "aktivitas")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub instansi_id: i32,
    pub pegawai_id: i32,
    pub skp_id: i32,
    pub rhk_id: i32,
    pub tanggal: Date,
    #[sea_orm(column_type = "Text")]
    pub uraian: String,
    /// Output in hundredths of `satuan`.
    pub kuantitas: i64,
    pub satuan: String,
    /// DRAFT, DIAJUKAN, DISETUJUI or DIKEMBALIKAN.
    pub status: String,
    /// SESUAI, KURANG or TIDAK_SESUAI.
    pub verifikasi: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub catatan_verifikasi: String,
    pub diverifikasi_oleh: Option<i32>,
    pub diverifikasi_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::row_by_position!(Model {
    id,
    instansi_id,
    pegawai_id,
    skp_id,
    rhk_id,
    tanggal,
    uraian,
    kuantitas,
    satuan,
    status,
    verifikasi,
    catatan_verifikasi,
    diverifikasi_oleh,
    diverifikasi_at,
    created_at,
    updated_at
});
