use sea_orm::entity::prelude::*;
use serde::Serialize;

/// An evaluation period of an instansi: the annual one (`TAHUNAN`, urutan 0) or one of its
/// `TRIWULAN` / `BULANAN` parts (urutan 1..).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "periode")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub instansi_id: i32,
    pub tahun: i32,
    pub jenis: String,
    pub urutan: i32,
    pub nama: String,
    pub mulai: Date,
    pub selesai: Date,
    /// The last day pegawai and penilai may fill in this period.
    pub batas_pengisian: Date,
    /// TERBUKA or DITUTUP.
    pub status: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::row_by_position!(Model {
    id,
    instansi_id,
    tahun,
    jenis,
    urutan,
    nama,
    mulai,
    selesai,
    batas_pengisian,
    status,
    created_at
});
