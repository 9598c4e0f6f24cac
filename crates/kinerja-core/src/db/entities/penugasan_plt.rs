use sea_orm::entity::prelude::*;
use serde::Serialize;

/// An acting assignment: a pegawai holds a (usually vacant) jabatan as PLT or PLH for a time.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "penugasan_plt")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub instansi_id: i32,
    pub jabatan_id: i32,
    pub pegawai_id: i32,
    /// PLT (pelaksana tugas) or PLH (pelaksana harian).
    pub jenis: String,
    pub mulai: Date,
    pub selesai: Option<Date>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::row_by_position!(Model {
    id,
    instansi_id,
    jabatan_id,
    pegawai_id,
    jenis,
    mulai,
    selesai,
    created_at
});
