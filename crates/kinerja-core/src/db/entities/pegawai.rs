use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "pegawai")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub instansi_id: i32,
    /// NIP (PNS) or NI PPPK, 18 digits, validated by `rules::nip`.
    #[sea_orm(unique)]
    pub nip: String,
    pub nama: String,
    #[serde(skip)]
    pub nama_lower: String,
    /// PNS or PPPK.
    pub status_asn: String,
    pub golongan: String,
    pub jabatan_id: i32,
    pub unit_kerja_id: i32,
    pub aktif: bool,
    /// An admin's audited override of the penilai derived from the jabatan tree.
    pub penilai_manual_id: Option<i32>,
    pub penilai_manual_alasan: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::row_by_position!(Model {
    id,
    instansi_id,
    nip,
    nama,
    nama_lower,
    status_asn,
    golongan,
    jabatan_id,
    unit_kerja_id,
    aktif,
    penilai_manual_id,
    penilai_manual_alasan,
    created_at,
    updated_at
});
