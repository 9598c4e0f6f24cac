use sea_orm::entity::prelude::*;
use serde::Serialize;

/// The organisational predikat (Istimewa … Sangat Kurang) that the leader above sets for a unit
/// and period (`DOMAIN.md` §6.1); it selects the distribution pattern of §6.4 for the pegawai
/// beneath.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "predikat_organisasi")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub instansi_id: i32,
    pub unit_kerja_id: i32,
    pub periode_id: i32,
    /// `rules::distribusi::PredikatOrganisasi` code.
    pub predikat: String,
    pub ditetapkan_oleh: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub catatan: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
