use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "user_account")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Lowercase login name; for a pegawai account, the NIP.
    #[sea_orm(unique)]
    pub username: String,
    pub password_hash: String,
    pub pegawai_id: Option<i32>,
    pub instansi_id: Option<i32>,
    /// Extra role: SUPER_ADMIN, ADMIN_INSTANSI, or empty. Penilai roles follow from the jabatan tree.
    pub peran: String,
    pub aktif: bool,
    pub created_at: DateTimeUtc,
    pub password_changed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
