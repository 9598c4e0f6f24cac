use sea_orm::entity::prelude::*;

/// Running total of the verified output of one RHK in one unit (`services::ringkasan::keluaran`): the sum
/// of `kuantitas` (hundredths) of its DISETUJUI activities whose `satuan`, trimmed and in lower
/// case, is `satuan_kunci`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "keluaran_rhk")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub rhk_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub satuan_kunci: String,
    pub jumlah: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
