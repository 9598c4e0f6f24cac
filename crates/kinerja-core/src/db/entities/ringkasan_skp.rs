use sea_orm::entity::prelude::*;

/// The SKP in force of one pegawai in one year and the progress of its RHK, as the monitoring
/// page shows them (`services::ringkasan::skp`): one row per member instead of their SKP
/// versions, RHK, indicators and running totals.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ringkasan_skp")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub pegawai_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub tahun: i32,
    pub skp_id: i32,
    pub status: String,
    /// The RHK of the SKP in RHK order, each with its verified output against its target, as
    /// JSON (`services::ringkasan::skp::ProgresRhk`, without the share).
    pub progres: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
