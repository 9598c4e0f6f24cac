use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One message of a feedback thread on an RHK, IKI, activity or BerAKHLAK value of an SKP.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "umpan_balik")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub instansi_id: i32,
    pub skp_id: i32,
    /// RHK, IKI, AKTIVITAS or PERILAKU.
    pub sasaran: String,
    /// The id of the RHK, IKI or activity; for PERILAKU the value's number.
    pub sasaran_id: i64,
    pub penulis_pegawai_id: Option<i32>,
    pub penulis_label: String,
    #[sea_orm(column_type = "Text")]
    pub teks: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
