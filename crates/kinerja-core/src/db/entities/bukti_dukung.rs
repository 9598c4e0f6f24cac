use sea_orm::entity::prelude::*;
use serde::Serialize;

/// Evidence for an activity, a realisasi or a training record (its certificate): an uploaded file in the evidence store or a link.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "bukti_dukung")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub instansi_id: i32,
    pub pegawai_id: i32,
    pub aktivitas_id: Option<i32>,
    pub realisasi_id: Option<i32>,
    pub pelatihan_id: Option<i32>,
    /// FILE or TAUTAN.
    pub jenis: String,
    pub nama: String,
    pub content_type: String,
    pub ukuran: i64,
    pub sha256: String,
    /// Key in the evidence store; empty for a link.
    pub storage_key: String,
    #[sea_orm(column_type = "Text")]
    pub url: String,
    /// SESUAI, KURANG or TIDAK_SESUAI.
    pub verifikasi: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::row_by_position!(Model {
    id,
    instansi_id,
    pegawai_id,
    aktivitas_id,
    realisasi_id,
    pelatihan_id,
    jenis,
    nama,
    content_type,
    ukuran,
    sha256,
    storage_key,
    url,
    verifikasi,
    created_at
});
