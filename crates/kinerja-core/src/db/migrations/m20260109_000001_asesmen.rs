//! Competency assessment and development: an instansi's assessment
//! settings (rater-group weights, the JPM scale and cap, the talent thresholds); assessment
//! rounds with their participants, the raters assigned to each (self, atasan, peers,
//! subordinates) and their answers; the development catalogue, the IDP lines and the training
//! records, whose certificates are ordinary evidence (`bukti_dukung.pelatihan_id`).

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
                .table(n("pengaturan_kompetensi"))
                .col(pk_auto(n("id")))
                .col(integer_uniq(n("instansi_id")))
                .col(small_integer(n("bobot_diri")))
                .col(small_integer(n("bobot_atasan")))
                .col(small_integer(n("bobot_rekan")))
                .col(small_integer(n("bobot_bawahan")))
                .col(boolean(n("jpm_batas_100")))
                .col(string_len(n("skala_jpm"), 16))
                .col(small_integer(n("potensial_tinggi")))
                .col(small_integer(n("potensial_menengah")))
                .col(small_integer(n("kinerja_di_atas")))
                .col(small_integer(n("kinerja_sesuai")))
                .col(timestamp_with_time_zone(n("updated_at")))
                .foreign_key(&mut fk(
                    "pengaturan_kompetensi",
                    "instansi_id",
                    "instansi",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(n("asesmen"))
                .col(pk_auto(n("id")))
                .col(integer(n("instansi_id")))
                .col(string_len(n("nama"), 200))
                .col(small_integer(n("tahun")))
                .col(date(n("batas")))
                .col(string_len(n("status"), 16))
                .col(boolean(n("dengan_360")))
                .col(timestamp_with_time_zone(n("created_at")))
                .col(timestamp_with_time_zone_null(n("ditutup_at")))
                .foreign_key(&mut fk("asesmen", "instansi_id", "instansi", Restrict))
                .to_owned(),
        )
        .await?;
        m.create_index(index("asesmen", &["instansi_id", "tahun"], false))
            .await?;
        m.create_table(
            Table::create()
                .table(n("asesmen_peserta"))
                .col(pk_auto(n("id")))
                .col(integer(n("asesmen_id")))
                .col(integer(n("pegawai_id")))
                .col(integer(n("jabatan_id")))
                .foreign_key(&mut fk("asesmen_peserta", "asesmen_id", "asesmen", Cascade))
                .foreign_key(&mut fk(
                    "asesmen_peserta",
                    "pegawai_id",
                    "pegawai",
                    Restrict,
                ))
                .foreign_key(&mut fk(
                    "asesmen_peserta",
                    "jabatan_id",
                    "jabatan",
                    Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "asesmen_peserta",
            &["asesmen_id", "pegawai_id"],
            true,
        ))
        .await?;
        m.create_index(index("asesmen_peserta", &["pegawai_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table(n("asesmen_penilai"))
                .col(pk_auto(n("id")))
                .col(integer(n("asesmen_id")))
                .col(integer(n("peserta_id")))
                .col(integer(n("penilai_id")))
                .col(string_len(n("kelompok"), 16))
                .col(timestamp_with_time_zone_null(n("selesai_at")))
                .foreign_key(&mut fk("asesmen_penilai", "asesmen_id", "asesmen", Cascade))
                .foreign_key(&mut fk(
                    "asesmen_penilai",
                    "peserta_id",
                    "asesmen_peserta",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "asesmen_penilai",
                    "penilai_id",
                    "pegawai",
                    Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "asesmen_penilai",
            &["peserta_id", "penilai_id"],
            true,
        ))
        .await?;
        m.create_index(index(
            "asesmen_penilai",
            &["penilai_id", "asesmen_id"],
            false,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(n("asesmen_jawaban"))
                .col(pk_auto(n("id")))
                .col(integer(n("tugas_id")))
                .col(integer(n("kompetensi_id")))
                .col(small_integer(n("level")))
                .col(text(n("bukti")))
                .foreign_key(&mut fk(
                    "asesmen_jawaban",
                    "tugas_id",
                    "asesmen_penilai",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "asesmen_jawaban",
                    "kompetensi_id",
                    "kompetensi",
                    Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "asesmen_jawaban",
            &["tugas_id", "kompetensi_id"],
            true,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(n("katalog_pengembangan"))
                .col(pk_auto(n("id")))
                .col(integer(n("instansi_id")))
                .col(string_len(n("nama"), 200))
                .col(string_len(n("jenis"), 16))
                .col(integer_null(n("kompetensi_id")))
                .col(small_integer(n("jp")))
                .foreign_key(&mut fk(
                    "katalog_pengembangan",
                    "instansi_id",
                    "instansi",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "katalog_pengembangan",
                    "kompetensi_id",
                    "kompetensi",
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("katalog_pengembangan", &["instansi_id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table(n("rencana_pengembangan"))
                .col(pk_auto(n("id")))
                .col(integer(n("instansi_id")))
                .col(integer(n("pegawai_id")))
                .col(small_integer(n("tahun")))
                .col(string_len(n("sumber"), 16))
                .col(integer_null(n("kompetensi_id")))
                .col(integer_null(n("katalog_id")))
                .col(string_len(n("jenis"), 16))
                .col(string_len(n("uraian"), 200))
                .col(small_integer(n("jp_rencana")))
                .col(string_len(n("status"), 16))
                .col(timestamp_with_time_zone(n("created_at")))
                .foreign_key(&mut fk(
                    "rencana_pengembangan",
                    "instansi_id",
                    "instansi",
                    Restrict,
                ))
                .foreign_key(&mut fk(
                    "rencana_pengembangan",
                    "pegawai_id",
                    "pegawai",
                    Restrict,
                ))
                .foreign_key(&mut fk(
                    "rencana_pengembangan",
                    "kompetensi_id",
                    "kompetensi",
                    SetNull,
                ))
                .foreign_key(&mut fk(
                    "rencana_pengembangan",
                    "katalog_id",
                    "katalog_pengembangan",
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "rencana_pengembangan",
            &["pegawai_id", "tahun"],
            false,
        ))
        .await?;
        m.create_index(index(
            "rencana_pengembangan",
            &["instansi_id", "tahun"],
            false,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(n("pelatihan"))
                .col(pk_auto(n("id")))
                .col(integer(n("instansi_id")))
                .col(integer(n("pegawai_id")))
                .col(integer_null(n("rencana_id")))
                .col(string_len(n("nama"), 200))
                .col(string_len(n("jenis"), 16))
                .col(string_len(n("penyelenggara"), 200))
                .col(date(n("mulai")))
                .col(date(n("selesai")))
                .col(small_integer(n("jp")))
                .col(timestamp_with_time_zone(n("created_at")))
                .foreign_key(&mut fk("pelatihan", "instansi_id", "instansi", Restrict))
                .foreign_key(&mut fk("pelatihan", "pegawai_id", "pegawai", Restrict))
                .foreign_key(&mut fk(
                    "pelatihan",
                    "rencana_id",
                    "rencana_pengembangan",
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("pelatihan", &["pegawai_id", "selesai"], false))
            .await?;
        m.create_index(index("pelatihan", &["instansi_id", "selesai"], false))
            .await?;
        m.alter_table(
            Table::alter()
                .table(n("bukti_dukung"))
                .add_column(integer_null(n("pelatihan_id")))
                .to_owned(),
        )
        .await?;
        m.create_index(index("bukti_dukung", &["pelatihan_id"], false))
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite refuses to drop a column an index still names.
        m.drop_index(
            Index::drop()
                .name("ix_bukti_dukung_pelatihan_id")
                .table(n("bukti_dukung"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(n("bukti_dukung"))
                .drop_column(n("pelatihan_id"))
                .to_owned(),
        )
        .await?;
        for t in [
            "pelatihan",
            "rencana_pengembangan",
            "katalog_pengembangan",
            "asesmen_jawaban",
            "asesmen_penilai",
            "asesmen_peserta",
            "asesmen",
            "pengaturan_kompetensi",
        ] {
            m.drop_table(Table::drop().table(n(t)).to_owned()).await?;
        }
        Ok(())
    }
}
