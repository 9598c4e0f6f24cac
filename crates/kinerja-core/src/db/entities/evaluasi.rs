use sea_orm::entity::prelude::*;
use serde::Serialize;

/// The evaluation of one pegawai for one period (`DOMAIN.md` §6): the penilai's two ratings, the
/// predikat from the matrix and, for a jabatan fungsional, the angka kredit it converts to.
/// Unit and jabatan are those at evaluation time, so later moves do not rewrite history.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "evaluasi")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub instansi_id: i32,
    pub pegawai_id: i32,
    pub periode_id: i32,
    pub skp_id: Option<i32>,
    pub unit_kerja_id: i32,
    pub jabatan_id: i32,
    pub penilai_id: Option<i32>,
    /// `rules::predikat::Rating` codes.
    pub rating_hasil: Option<String>,
    pub rating_perilaku: Option<String>,
    /// `rules::predikat::Predikat` code.
    pub predikat: Option<String>,
    /// Hundredths.
    pub angka_kredit: Option<i64>,
    pub status: String,
    /// The day the penilai handed the result to the pegawai; the keberatan window runs from it.
    pub ditetapkan_pada: Option<Date>,
    /// Catatan / rekomendasi of the penilai (Dokumen Evaluasi §5).
    #[sea_orm(column_type = "Text", nullable)]
    pub catatan: Option<String>,
    /// Why the penilai went ahead although the unit's distribution breaks its pattern (warn mode).
    #[sea_orm(column_type = "Text", nullable)]
    pub alasan_distribusi: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
