use sea_orm::entity::prelude::*;

/// A batch of daily activities the writer committed, under the key it was written with
/// (`services::harian::pencatat`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tulis_batch")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub kunci: String,
    /// The ids of the batch's activities in the order of its entries, comma-separated.
    pub aktivitas_ids: String,
    /// Unix seconds.
    pub dibuat: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
