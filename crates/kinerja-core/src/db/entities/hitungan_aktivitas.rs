use sea_orm::entity::prelude::*;

/// How many activities one pegawai has in one calendar month, by state, and the date of the
/// last (`services::ringkasan::hitungan`): the monitoring page reads one row per member and month instead
/// of counting every activity of the period or seeking each member's last.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "hitungan_aktivitas")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub pegawai_id: i32,
    /// The first day of the month.
    #[sea_orm(primary_key, auto_increment = false)]
    pub bulan: Date,
    pub draft: i32,
    pub diajukan: i32,
    pub disetujui: i32,
    pub dikembalikan: i32,
    /// The latest date among the month's activities, whatever their state; none when the
    /// month has none left.
    pub terakhir: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
