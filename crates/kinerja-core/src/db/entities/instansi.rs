use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "instansi")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub kode: String,
    pub nama: String,
    #[serde(skip)]
    pub nama_lower: String,
    /// PROVINSI, KOTA, KABUPATEN or PUSAT.
    pub jenis: String,
    /// Ibu kota / kedudukan, e.g. "Tanjung Selor" for Kabupaten Bulungan.
    pub lokasi: String,
    pub aktif: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::row_by_position!(Model {
    id,
    kode,
    nama,
    nama_lower,
    jenis,
    lokasi,
    aktif,
    created_at
});
