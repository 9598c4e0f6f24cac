//! On SQLite, the two summary tables the monitoring page reads for every member and every RHK
//! (`hitungan_aktivitas`, `keluaran_rhk`) become WITHOUT ROWID tables: their rows then live in
//! the primary key's own B-tree, so a member's months or an RHK's totals are one descent instead
//! of the key's index and then the table, and the activity form's upsert of the counts writes one
//! B-tree instead of two (`docs/PERFORMANCE.md`). SQLite cannot change this in place:
//! each table is copied into a new one, which then takes its name. PostgreSQL has no such choice
//! and keeps its tables as they are.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

use super::{
    m20260110_000001_keluaran_rhk as keluaran, m20260111_000001_hitungan_aktivitas as hitungan,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A table's definition under a given name (`tabel` of the migration that created it).
type Definisi = fn(&'static str) -> TableCreateStatement;

/// Each table, the name of its copy while it is rebuilt, and its definition.
const TABEL: [(&str, &str, Definisi); 2] = [
    (
        "hitungan_aktivitas",
        "hitungan_aktivitas_baru",
        hitungan::tabel,
    ),
    ("keluaran_rhk", "keluaran_rhk_baru", keluaran::tabel),
];

/// Rebuilds every table of [`TABEL`] with or without the rowid, keeping its rows.
async fn bangun_ulang(m: &SchemaManager<'_>, tanpa_rowid: bool) -> Result<(), DbErr> {
    if m.get_database_backend() != DbBackend::Sqlite {
        return Ok(());
    }
    // The run is one transaction on one connection (`db::migrate_up`): SQLite checks the new
    // table's name against the schema of the connection that dropped the old one.
    let db = m.get_connection();
    for (nama, baru, tabel) in TABEL {
        let mut create = tabel(baru).to_string(SqliteQueryBuilder);
        if tanpa_rowid {
            create.push_str(" WITHOUT ROWID");
        }
        db.execute_unprepared(&create).await?;
        db.execute_unprepared(&format!(r#"INSERT INTO "{baru}" SELECT * FROM "{nama}""#))
            .await?;
        db.execute_unprepared(&format!(r#"DROP TABLE "{nama}""#))
            .await?;
        db.execute_unprepared(&format!(r#"ALTER TABLE "{baru}" RENAME TO "{nama}""#))
            .await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        bangun_ulang(m, true).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        bangun_ulang(m, false).await
    }
}
