use sea_orm::entity::prelude::*;
use serde::Serialize;

/// The pegawai's submission of a period's realisasi to the penilai: after it
/// the pegawai's entries for the period are locked until the penilai returns them.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "realisasi_pengajuan")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub skp_id: i32,
    pub periode_id: i32,
    pub instansi_id: i32,
    pub diajukan_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
