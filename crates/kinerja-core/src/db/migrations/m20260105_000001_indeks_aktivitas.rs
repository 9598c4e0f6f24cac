//! Covering indexes for the figures the monitoring page reads from the activity table, measured
//! on 21 million activities (`docs/PERFORMANCE.md`): counts by state in a period per pegawai, and
//! the verified output per RHK and unit. With the state and amounts in the index, SQLite and
//! PostgreSQL answer from the index alone instead of fetching thousands of table rows.

use sea_orm_migration::prelude::*;

use super::helpers::n;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn index(name: &'static str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(name).table(n("aktivitas"));
    for c in cols {
        stmt.col(n(c));
    }
    stmt.to_owned()
}

fn drop(name: &'static str) -> IndexDropStatement {
    Index::drop().name(name).table(n("aktivitas")).to_owned()
}

const LAMA: [(&str, &[&str]); 2] = [
    (
        "ix_aktivitas_pegawai_id_tanggal",
        &["pegawai_id", "tanggal"],
    ),
    ("ix_aktivitas_rhk_id_tanggal", &["rhk_id", "tanggal"]),
];

const BARU: [(&str, &[&str]); 2] = [
    (
        "ix_aktivitas_pegawai_tanggal_status",
        &["pegawai_id", "tanggal", "status"],
    ),
    (
        "ix_aktivitas_rhk_keluaran",
        &["rhk_id", "status", "tanggal", "satuan", "kuantitas"],
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, cols) in BARU {
            m.create_index(index(name, cols)).await?;
        }
        for (name, _) in LAMA {
            m.drop_index(drop(name)).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, cols) in LAMA {
            m.create_index(index(name, cols)).await?;
        }
        for (name, _) in BARU {
            m.drop_index(drop(name)).await?;
        }
        Ok(())
    }
}
