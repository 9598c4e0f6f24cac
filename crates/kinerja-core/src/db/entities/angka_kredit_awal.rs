use sea_orm::entity::prelude::*;
use serde::Serialize;

/// The angka kredit a pegawai brought into the system (`DOMAIN.md` §9): the total of their last
/// PAK or of the 2023 integration, as of `per_tanggal`. The cumulative total adds the AK of the
/// evaluations of periods that begin on or after that day.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "angka_kredit_awal")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub pegawai_id: i32,
    pub instansi_id: i32,
    /// Hundredths.
    pub nilai: i64,
    pub per_tanggal: Date,
    #[sea_orm(column_type = "Text")]
    pub keterangan: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
