//! Planning and daily work: SKP versions with their RHK, IKI, BerAKHLAK expectations and
//! rencana aksi; daily activities with evidence; realisasi per IKI and period; feedback threads and
//! notifications.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::helpers::{fk, index, n};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Tables in creation order; dropped in reverse.
const TABLES: [&str; 10] = [
    "skp",
    "rhk",
    "iki",
    "skp_perilaku",
    "rencana_aksi",
    "aktivitas",
    "realisasi",
    "bukti_dukung",
    "umpan_balik",
    "notifikasi",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, Restrict, SetNull};
        m.create_table(
            Table::create()
                .table(n("skp"))
                .col(pk_auto(n("id")))
                .col(integer(n("instansi_id")))
                .col(integer(n("pegawai_id")))
                .col(integer(n("jabatan_id")))
                .col(integer(n("unit_kerja_id")))
                .col(integer(n("tahun")))
                .col(integer(n("versi")))
                .col(string_len(n("status"), 16))
                .col(string_len(n("pendekatan"), 16))
                .col(integer_null(n("penilai_id")))
                .col(text(n("catatan_penilai")))
                .col(text(n("dukungan_sumber_daya")))
                .col(text(n("skema_pertanggungjawaban")))
                .col(text(n("konsekuensi")))
                .col(timestamp_with_time_zone_null(n("diajukan_at")))
                .col(timestamp_with_time_zone_null(n("ditetapkan_at")))
                .col(timestamp_with_time_zone(n("created_at")))
                .col(timestamp_with_time_zone(n("updated_at")))
                .foreign_key(&mut fk("skp", "instansi_id", "instansi", Restrict))
                .foreign_key(&mut fk("skp", "pegawai_id", "pegawai", Restrict))
                .foreign_key(&mut fk("skp", "jabatan_id", "jabatan", Restrict))
                .foreign_key(&mut fk("skp", "penilai_id", "pegawai", SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "skp",
            &["pegawai_id", "tahun", "jabatan_id", "versi"],
            true,
        ))
        .await?;
        m.create_index(index("skp", &["instansi_id", "tahun", "status"], false))
            .await?;
        m.create_index(index("skp", &["penilai_id"], false)).await?;

        m.create_table(
            Table::create()
                .table(n("rhk"))
                .col(pk_auto(n("id")))
                .col(integer(n("skp_id")))
                .col(string_len(n("jenis"), 16))
                .col(integer(n("urutan")))
                .col(text(n("teks")))
                .col(integer_null(n("rhk_atasan_id")))
                .col(integer_null(n("asal_rhk_id")))
                .col(string(n("perspektif")))
                .col(string(n("penugasan_dari")))
                .col(timestamp_with_time_zone(n("created_at")))
                .foreign_key(&mut fk("rhk", "skp_id", "skp", Cascade))
                .foreign_key(&mut fk("rhk", "rhk_atasan_id", "rhk", SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(index("rhk", &["skp_id", "urutan"], false))
            .await?;
        m.create_index(index("rhk", &["rhk_atasan_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table(n("iki"))
                .col(pk_auto(n("id")))
                .col(integer(n("rhk_id")))
                .col(string_len(n("aspek"), 16))
                .col(text(n("indikator")))
                .col(big_integer_null(n("target_nilai")))
                .col(string(n("target_teks")))
                .col(string(n("satuan")))
                .col(integer_null(n("asal_iki_id")))
                .foreign_key(&mut fk("iki", "rhk_id", "rhk", Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(index("iki", &["rhk_id"], false)).await?;

        m.create_table(
            Table::create()
                .table(n("skp_perilaku"))
                .col(pk_auto(n("id")))
                .col(integer(n("skp_id")))
                .col(integer(n("kode")))
                .col(text(n("ekspektasi")))
                .foreign_key(&mut fk("skp_perilaku", "skp_id", "skp", Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(index("skp_perilaku", &["skp_id", "kode"], true))
            .await?;

        m.create_table(
            Table::create()
                .table(n("rencana_aksi"))
                .col(pk_auto(n("id")))
                .col(integer(n("rhk_id")))
                .col(integer(n("periode_id")))
                .col(text(n("teks")))
                .col(string(n("target")))
                .col(timestamp_with_time_zone(n("created_at")))
                .foreign_key(&mut fk("rencana_aksi", "rhk_id", "rhk", Cascade))
                .foreign_key(&mut fk("rencana_aksi", "periode_id", "periode", Restrict))
                .to_owned(),
        )
        .await?;
        m.create_index(index("rencana_aksi", &["rhk_id", "periode_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table(n("aktivitas"))
                .col(pk_auto(n("id")))
                .col(integer(n("instansi_id")))
                .col(integer(n("pegawai_id")))
                .col(integer(n("skp_id")))
                .col(integer(n("rhk_id")))
                .col(date(n("tanggal")))
                .col(text(n("uraian")))
                .col(big_integer(n("kuantitas")))
                .col(string(n("satuan")))
                .col(string_len(n("status"), 16))
                .col(string_len_null(n("verifikasi"), 16))
                .col(text(n("catatan_verifikasi")))
                .col(integer_null(n("diverifikasi_oleh")))
                .col(timestamp_with_time_zone_null(n("diverifikasi_at")))
                .col(timestamp_with_time_zone(n("created_at")))
                .col(timestamp_with_time_zone(n("updated_at")))
                .foreign_key(&mut fk("aktivitas", "instansi_id", "instansi", Restrict))
                .foreign_key(&mut fk("aktivitas", "pegawai_id", "pegawai", Restrict))
                .foreign_key(&mut fk("aktivitas", "skp_id", "skp", Restrict))
                .foreign_key(&mut fk("aktivitas", "rhk_id", "rhk", Restrict))
                .foreign_key(&mut fk(
                    "aktivitas",
                    "diverifikasi_oleh",
                    "pegawai",
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("aktivitas", &["pegawai_id", "tanggal"], false))
            .await?;
        m.create_index(index("aktivitas", &["rhk_id", "tanggal"], false))
            .await?;
        m.create_index(index("aktivitas", &["skp_id", "status"], false))
            .await?;

        m.create_table(
            Table::create()
                .table(n("realisasi"))
                .col(pk_auto(n("id")))
                .col(integer(n("skp_id")))
                .col(integer(n("iki_id")))
                .col(integer(n("periode_id")))
                .col(big_integer_null(n("nilai")))
                .col(text(n("keterangan")))
                .col(timestamp_with_time_zone(n("updated_at")))
                .foreign_key(&mut fk("realisasi", "skp_id", "skp", Restrict))
                .foreign_key(&mut fk("realisasi", "iki_id", "iki", Restrict))
                .foreign_key(&mut fk("realisasi", "periode_id", "periode", Restrict))
                .to_owned(),
        )
        .await?;
        m.create_index(index("realisasi", &["iki_id", "periode_id"], true))
            .await?;
        m.create_index(index("realisasi", &["skp_id", "periode_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table(n("bukti_dukung"))
                .col(pk_auto(n("id")))
                .col(integer(n("instansi_id")))
                .col(integer(n("pegawai_id")))
                .col(integer_null(n("aktivitas_id")))
                .col(integer_null(n("realisasi_id")))
                .col(string_len(n("jenis"), 8))
                .col(string(n("nama")))
                .col(string(n("content_type")))
                .col(big_integer(n("ukuran")))
                .col(string(n("sha256")))
                .col(string(n("storage_key")))
                .col(text(n("url")))
                .col(string_len_null(n("verifikasi"), 16))
                .col(timestamp_with_time_zone(n("created_at")))
                .foreign_key(&mut fk("bukti_dukung", "instansi_id", "instansi", Restrict))
                .foreign_key(&mut fk("bukti_dukung", "pegawai_id", "pegawai", Restrict))
                .foreign_key(&mut fk(
                    "bukti_dukung",
                    "aktivitas_id",
                    "aktivitas",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "bukti_dukung",
                    "realisasi_id",
                    "realisasi",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("bukti_dukung", &["aktivitas_id"], false))
            .await?;
        m.create_index(index("bukti_dukung", &["realisasi_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table(n("umpan_balik"))
                .col(pk_auto(n("id")))
                .col(integer(n("instansi_id")))
                .col(integer(n("skp_id")))
                .col(string_len(n("sasaran"), 16))
                .col(big_integer(n("sasaran_id")))
                .col(integer_null(n("penulis_pegawai_id")))
                .col(string(n("penulis_label")))
                .col(text(n("teks")))
                .col(timestamp_with_time_zone(n("created_at")))
                .foreign_key(&mut fk("umpan_balik", "skp_id", "skp", Cascade))
                .foreign_key(&mut fk(
                    "umpan_balik",
                    "penulis_pegawai_id",
                    "pegawai",
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "umpan_balik",
            &["skp_id", "sasaran", "sasaran_id"],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(n("notifikasi"))
                .col(pk_auto(n("id")))
                .col(integer(n("pegawai_id")))
                .col(string(n("teks")))
                .col(string(n("tautan")))
                .col(boolean(n("dibaca")))
                .col(timestamp_with_time_zone(n("created_at")))
                .foreign_key(&mut fk("notifikasi", "pegawai_id", "pegawai", Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(index("notifikasi", &["pegawai_id", "dibaca"], false))
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in TABLES.iter().rev() {
            m.drop_table(Table::drop().table(n(t)).to_owned()).await?;
        }
        Ok(())
    }
}
