//! Self-evaluation, follow-up and angka kredit: the pegawai's
//! submission of a period's realisasi to the penilai; the days the atasan has to decide a
//! keberatan (an instansi setting, DOMAIN.md §8); the improvement plan (bimbingan kinerja)
//! recorded for a predikat below Baik with its six-month horizon (PP 30/2019 Pasal 57), and the
//! angka kredit a pegawai brought into the system (the last PAK or the integration of 2023) from
//! which the cumulative total counts.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::helpers::{fk, index, n};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, Restrict, SetNull};
        m.alter_table(
            Table::alter()
                .table(n("pengaturan_kinerja"))
                .add_column(integer(n("batas_keputusan_hari")).default(14))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(n("rencana_perbaikan"))
                .col(pk_auto(n("id")))
                .col(integer(n("evaluasi_id")))
                .col(integer(n("instansi_id")))
                .col(integer(n("pegawai_id")))
                .col(integer_null(n("pembimbing_id")))
                .col(text(n("sasaran")))
                .col(text(n("langkah")))
                .col(date(n("mulai")))
                .col(date(n("batas")))
                .col(string_len(n("status"), 16))
                .col(text_null(n("hasil")))
                .col(timestamp_with_time_zone(n("updated_at")))
                .foreign_key(&mut fk(
                    "rencana_perbaikan",
                    "evaluasi_id",
                    "evaluasi",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "rencana_perbaikan",
                    "instansi_id",
                    "instansi",
                    Restrict,
                ))
                .foreign_key(&mut fk(
                    "rencana_perbaikan",
                    "pegawai_id",
                    "pegawai",
                    Restrict,
                ))
                .foreign_key(&mut fk(
                    "rencana_perbaikan",
                    "pembimbing_id",
                    "pegawai",
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("rencana_perbaikan", &["evaluasi_id"], true))
            .await?;
        m.create_index(index("rencana_perbaikan", &["pegawai_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table(n("angka_kredit_awal"))
                .col(pk_auto(n("id")))
                .col(integer(n("pegawai_id")))
                .col(integer(n("instansi_id")))
                .col(big_integer(n("nilai")))
                .col(date(n("per_tanggal")))
                .col(text(n("keterangan")))
                .col(timestamp_with_time_zone(n("updated_at")))
                .foreign_key(&mut fk(
                    "angka_kredit_awal",
                    "pegawai_id",
                    "pegawai",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "angka_kredit_awal",
                    "instansi_id",
                    "instansi",
                    Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("angka_kredit_awal", &["pegawai_id"], true))
            .await?;

        m.create_table(
            Table::create()
                .table(n("realisasi_pengajuan"))
                .col(pk_auto(n("id")))
                .col(integer(n("skp_id")))
                .col(integer(n("periode_id")))
                .col(integer(n("instansi_id")))
                .col(timestamp_with_time_zone(n("diajukan_at")))
                .foreign_key(&mut fk("realisasi_pengajuan", "skp_id", "skp", Cascade))
                .foreign_key(&mut fk(
                    "realisasi_pengajuan",
                    "periode_id",
                    "periode",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "realisasi_pengajuan",
                    "instansi_id",
                    "instansi",
                    Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "realisasi_pengajuan",
            &["skp_id", "periode_id"],
            true,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "realisasi_pengajuan",
            "angka_kredit_awal",
            "rencana_perbaikan",
        ] {
            m.drop_table(Table::drop().table(n(t)).to_owned()).await?;
        }
        Ok(())
    }
}
