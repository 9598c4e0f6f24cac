use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A pegawai's objection to an evaluation (`DOMAIN.md` §8): their reasons, the explanations the
/// atasan pejabat penilai asks of the penilai and of the pegawai, and the atasan's final decision.
/// The ratings before a changed decision are kept so that the document can show both.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "keberatan")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub evaluasi_id: i32,
    pub instansi_id: i32,
    pub pegawai_id: i32,
    /// The atasan pejabat penilai when it was filed: whose list it appears in.
    pub atasan_id: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub alasan: String,
    /// `services::evaluasi::keberatan` states.
    pub status: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub penjelasan_penilai: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub penjelasan_pegawai: Option<String>,
    /// DITOLAK or DIUBAH.
    pub keputusan: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub keputusan_catatan: Option<String>,
    pub rating_hasil_semula: Option<String>,
    pub rating_perilaku_semula: Option<String>,
    pub predikat_semula: Option<String>,
    pub diajukan_pada: Date,
    pub diputus_pada: Option<Date>,
    pub diputus_oleh: Option<i32>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
