//! Evaluation: one evaluation per pegawai
//! and period with the penilai's two ratings and the resulting predikat and angka kredit, the
//! penilai's umpan balik per IKI and BerAKHLAK value behind them, and the organisational predikat
//! a leader sets for a unit and period.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::helpers::{fk, index, n};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, Restrict, SetNull};
        m.create_table(
            Table::create()
                .table(n("evaluasi"))
                .col(pk_auto(n("id")))
                .col(integer(n("instansi_id")))
                .col(integer(n("pegawai_id")))
                .col(integer(n("periode_id")))
                .col(integer_null(n("skp_id")))
                .col(integer(n("unit_kerja_id")))
                .col(integer(n("jabatan_id")))
                .col(integer_null(n("penilai_id")))
                .col(string_len_null(n("rating_hasil"), 16))
                .col(string_len_null(n("rating_perilaku"), 16))
                .col(string_len_null(n("predikat"), 16))
                .col(big_integer_null(n("angka_kredit")))
                .col(string_len(n("status"), 16))
                .col(timestamp_with_time_zone(n("created_at")))
                .col(timestamp_with_time_zone(n("updated_at")))
                .foreign_key(&mut fk("evaluasi", "instansi_id", "instansi", Restrict))
                .foreign_key(&mut fk("evaluasi", "pegawai_id", "pegawai", Restrict))
                .foreign_key(&mut fk("evaluasi", "periode_id", "periode", Restrict))
                .foreign_key(&mut fk("evaluasi", "skp_id", "skp", SetNull))
                .foreign_key(&mut fk("evaluasi", "penilai_id", "pegawai", SetNull))
                .to_owned(),
        )
        .await?;
        if m.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            // Room in every page so that rating and re-evaluating a whole instansi update rows
            // in place (HOT) instead of touching every index, less than half the time
            // (docs/PERFORMANCE.md).
            m.get_connection()
                .execute_unprepared("ALTER TABLE evaluasi SET (fillfactor = 70)")
                .await?;
        }
        m.create_index(index("evaluasi", &["pegawai_id", "periode_id"], true))
            .await?;
        m.create_index(index("evaluasi", &["periode_id", "unit_kerja_id"], false))
            .await?;
        m.create_index(index("evaluasi", &["penilai_id", "periode_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table(n("evaluasi_umpan_balik"))
                .col(pk_auto(n("id")))
                .col(integer(n("evaluasi_id")))
                .col(string_len(n("sasaran"), 16))
                .col(integer(n("sasaran_id")))
                .col(text(n("teks")))
                .col(timestamp_with_time_zone(n("updated_at")))
                .foreign_key(&mut fk(
                    "evaluasi_umpan_balik",
                    "evaluasi_id",
                    "evaluasi",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "evaluasi_umpan_balik",
            &["evaluasi_id", "sasaran", "sasaran_id"],
            true,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(n("predikat_organisasi"))
                .col(pk_auto(n("id")))
                .col(integer(n("instansi_id")))
                .col(integer(n("unit_kerja_id")))
                .col(integer(n("periode_id")))
                .col(string_len(n("predikat"), 16))
                .col(integer_null(n("ditetapkan_oleh")))
                .col(text(n("catatan")))
                .col(timestamp_with_time_zone(n("created_at")))
                .col(timestamp_with_time_zone(n("updated_at")))
                .foreign_key(&mut fk(
                    "predikat_organisasi",
                    "instansi_id",
                    "instansi",
                    Restrict,
                ))
                .foreign_key(&mut fk(
                    "predikat_organisasi",
                    "unit_kerja_id",
                    "unit_kerja",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "predikat_organisasi",
                    "periode_id",
                    "periode",
                    Restrict,
                ))
                .foreign_key(&mut fk(
                    "predikat_organisasi",
                    "ditetapkan_oleh",
                    "pegawai",
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "predikat_organisasi",
            &["unit_kerja_id", "periode_id"],
            true,
        ))
        .await?;
        m.create_index(index(
            "predikat_organisasi",
            &["instansi_id", "periode_id"],
            false,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["predikat_organisasi", "evaluasi_umpan_balik", "evaluasi"] {
            m.drop_table(Table::drop().table(n(t)).to_owned()).await?;
        }
        Ok(())
    }
}
