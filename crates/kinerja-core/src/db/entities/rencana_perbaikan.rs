use sea_orm::entity::prelude::*;
use serde::Serialize;

/// The improvement plan (bimbingan kinerja) for a pegawai whose predikat fell below Baik
/// (`DOMAIN.md` §10, PP 30/2019 Pasal 57): what must improve, how the pembimbing will guide it,
/// and the six months given; at the horizon the penilai records whether it improved.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "rencana_perbaikan")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub evaluasi_id: i32,
    pub instansi_id: i32,
    pub pegawai_id: i32,
    pub pembimbing_id: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub sasaran: String,
    #[sea_orm(column_type = "Text")]
    pub langkah: String,
    pub mulai: Date,
    /// Six months after `mulai`.
    pub batas: Date,
    /// `services::evaluasi::tindak_lanjut` states: BERJALAN, MEMBAIK, TIDAK_MEMBAIK.
    pub status: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub hasil: Option<String>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
