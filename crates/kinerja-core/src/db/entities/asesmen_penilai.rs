use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One rater's task in a round: who rates which participant, in which group (DIRI, ATASAN,
/// REKAN, BAWAHAN), and when they finished.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "asesmen_penilai")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub asesmen_id: i32,
    pub peserta_id: i32,
    pub penilai_id: i32,
    pub kelompok: String,
    pub selesai_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
