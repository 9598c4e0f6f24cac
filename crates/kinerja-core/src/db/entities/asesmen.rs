use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A competency assessment round of an instansi: open until closed by its admin, after which
/// no answer changes and the results are read.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "asesmen")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub instansi_id: i32,
    pub nama: String,
    pub tahun: i16,
    /// The date raters are asked to finish by.
    pub batas: Date,
    /// DIBUKA or DITUTUP.
    pub status: String,
    /// Whether peers and subordinates rate too.
    pub dengan_360: bool,
    pub created_at: DateTimeUtc,
    pub ditutup_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
