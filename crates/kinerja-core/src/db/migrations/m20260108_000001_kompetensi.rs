//! The competency dictionary and the standards per jabatan: the national
//! managerial and socio-cultural competencies (seeded here, `instansi_id` NULL) and each
//! instansi's technical ones, with their five level descriptions; and the Standar Kompetensi
//! Jabatan as data, (jabatan, kompetensi, level), as `DOMAIN.md` §12.3 asks.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::helpers::{fk, index, n};
use crate::rules::kamus_kompetensi::KAMUS;

#[derive(DeriveMigrationName)]
pub struct Migration;

const LEVEL: [&str; 5] = ["level_1", "level_2", "level_3", "level_4", "level_5"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, Restrict};
        let mut t = Table::create();
        t.table(n("kompetensi"))
            .col(pk_auto(n("id")))
            .col(integer_null(n("instansi_id")))
            .col(string_len(n("kode"), 16))
            .col(string_len(n("kelompok"), 16))
            .col(string_len(n("nama"), 200));
        for l in LEVEL {
            t.col(text(n(l)));
        }
        t.foreign_key(&mut fk("kompetensi", "instansi_id", "instansi", Cascade));
        m.create_table(t.to_owned()).await?;
        m.create_index(index("kompetensi", &["instansi_id", "kode"], true))
            .await?;
        let mut ins = Query::insert();
        ins.into_table(n("kompetensi"))
            .columns(["kode", "kelompok", "nama"].into_iter().chain(LEVEL).map(n));
        for k in &KAMUS {
            let mut v: Vec<SimpleExpr> = vec![k.kode.into(), k.kelompok.into(), k.nama.into()];
            v.extend(k.level.iter().map(|l| (*l).into()));
            ins.values_panic(v);
        }
        m.exec_stmt(ins.to_owned()).await?;

        m.create_table(
            Table::create()
                .table(n("standar_kompetensi"))
                .col(pk_auto(n("id")))
                .col(integer(n("instansi_id")))
                .col(integer(n("jabatan_id")))
                .col(integer(n("kompetensi_id")))
                .col(small_integer(n("level")))
                .col(timestamp_with_time_zone(n("updated_at")))
                .foreign_key(&mut fk(
                    "standar_kompetensi",
                    "instansi_id",
                    "instansi",
                    Restrict,
                ))
                .foreign_key(&mut fk(
                    "standar_kompetensi",
                    "jabatan_id",
                    "jabatan",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "standar_kompetensi",
                    "kompetensi_id",
                    "kompetensi",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "standar_kompetensi",
            &["jabatan_id", "kompetensi_id"],
            true,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["standar_kompetensi", "kompetensi"] {
            m.drop_table(Table::drop().table(n(t)).to_owned()).await?;
        }
        Ok(())
    }
}
