use sea_orm::entity::prelude::*;
use serde::Serialize;

/// An instansi's competency and talent settings (`DOMAIN.md` §17): the weight of each rater
/// group in percent, whether JPM is capped at 100% and which category scale it is read on, the
/// potential thresholds (JPM percent) and the performance thresholds (predikat score) of the
/// nine-box. Absent means the defaults of `services::kompetensi::pengaturan`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "pengaturan_kompetensi")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub instansi_id: i32,
    pub bobot_diri: i16,
    pub bobot_atasan: i16,
    pub bobot_rekan: i16,
    pub bobot_bawahan: i16,
    pub jpm_batas_100: bool,
    /// PEMETAAN or UJI.
    pub skala_jpm: String,
    pub potensial_tinggi: i16,
    pub potensial_menengah: i16,
    pub kinerja_di_atas: i16,
    pub kinerja_sesuai: i16,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
