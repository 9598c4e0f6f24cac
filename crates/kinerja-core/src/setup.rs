//! Bringing a database to the current schema: the migrations, then what a migration may not do
//! itself. A migration does what it did on the day it was written, so it never calls a service;
//! the summary tables (`services::ringkasan`), which a few migrations create or change and leave
//! empty, are rebuilt here from their sources with today's rules, in the migrations' transaction
//! on SQLite.

use crate::db::{self, migrations::MENGOSONGKAN_RINGKASAN};
use crate::error::CoreResult;
use crate::services::ringkasan;
use sea_orm::{DatabaseConnection, DbErr};

/// Applies every pending migration and, when one of them left a summary table empty, rebuilds
/// the summaries. Every command that opens a database for use runs this.
pub async fn migrate(db: &DatabaseConnection) -> CoreResult<()> {
    db::migrate_up_then(db, async |t, baru| {
        if baru
            .iter()
            .any(|m| MENGOSONGKAN_RINGKASAN.contains(&m.as_str()))
        {
            ringkasan::hitung_ulang(t, |_, _, _| {})
                .await
                .map_err(|e| DbErr::Migration(e.to_string()))?;
        }
        Ok(())
    })
    .await?;
    Ok(())
}
