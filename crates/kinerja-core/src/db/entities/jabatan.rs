use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "jabatan")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub instansi_id: i32,
    pub unit_kerja_id: i32,
    pub nama: String,
    #[serde(skip)]
    pub nama_lower: String,
    /// A `rules::jabatan::JenisJabatan` code.
    pub jenis: String,
    /// A jenjang code of that jenis, or empty.
    pub jenjang: String,
    /// The jabatan this one reports to; its holder is the pejabat penilai.
    pub atasan_id: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::row_by_position!(Model {
    id,
    instansi_id,
    unit_kerja_id,
    nama,
    nama_lower,
    jenis,
    jenjang,
    atasan_id,
    created_at
});
