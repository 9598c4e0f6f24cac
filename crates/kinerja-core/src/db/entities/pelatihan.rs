use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A training or other development a pegawai completed, with the JP realised; its certificate
/// is evidence in `bukti_dukung`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "pelatihan")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub instansi_id: i32,
    pub pegawai_id: i32,
    pub rencana_id: Option<i32>,
    pub nama: String,
    pub jenis: String,
    pub penyelenggara: String,
    pub mulai: Date,
    pub selesai: Date,
    pub jp: i16,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
