use sea_orm::entity::prelude::*;
use serde::Serialize;

/// An instansi's evaluation settings (`DOMAIN.md` §17): how the distribution pattern is enforced
/// (OFF, WARN with a written justification, BLOCK), the capaian thresholds of the rating hint,
/// and the smallest group the distribution check applies to. Absent means the defaults.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "pengaturan_kinerja")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub instansi_id: i32,
    pub distribusi_mode: String,
    /// Percent capaian from which the hint suggests Di Atas Ekspektasi.
    pub saran_di_atas: i32,
    /// Percent capaian from which the hint suggests Sesuai Ekspektasi.
    pub saran_sesuai: i32,
    pub ukuran_minimum: i32,
    /// Days the atasan pejabat penilai has to decide a keberatan.
    pub batas_keputusan_hari: i32,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
