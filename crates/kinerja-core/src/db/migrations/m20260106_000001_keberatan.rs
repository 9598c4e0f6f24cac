//! Penetapan, keberatan and per-instansi evaluation settings: the day the penilai hands
//! the result to the pegawai (the 14-day keberatan window runs from it), the penilai's catatan and
//! the justification of a distribution warning, the objection with its explanations and the
//! atasan's final decision, and each instansi's hint thresholds and distribution enforcement.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::helpers::{fk, index, n};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, Restrict, SetNull};
        // One change per ALTER, as SQLite requires.
        for col in [
            date_null(n("ditetapkan_pada")),
            text_null(n("catatan")),
            text_null(n("alasan_distribusi")),
        ] {
            m.alter_table(
                Table::alter()
                    .table(n("evaluasi"))
                    .add_column(col)
                    .to_owned(),
            )
            .await?;
        }

        m.create_table(
            Table::create()
                .table(n("keberatan"))
                .col(pk_auto(n("id")))
                .col(integer(n("evaluasi_id")))
                .col(integer(n("instansi_id")))
                .col(integer(n("pegawai_id")))
                .col(integer_null(n("atasan_id")))
                .col(text(n("alasan")))
                .col(string_len(n("status"), 24))
                .col(text_null(n("penjelasan_penilai")))
                .col(text_null(n("penjelasan_pegawai")))
                .col(string_len_null(n("keputusan"), 16))
                .col(text_null(n("keputusan_catatan")))
                .col(string_len_null(n("rating_hasil_semula"), 16))
                .col(string_len_null(n("rating_perilaku_semula"), 16))
                .col(string_len_null(n("predikat_semula"), 16))
                .col(date(n("diajukan_pada")))
                .col(date_null(n("diputus_pada")))
                .col(integer_null(n("diputus_oleh")))
                .col(timestamp_with_time_zone(n("updated_at")))
                .foreign_key(&mut fk("keberatan", "evaluasi_id", "evaluasi", Cascade))
                .foreign_key(&mut fk("keberatan", "instansi_id", "instansi", Restrict))
                .foreign_key(&mut fk("keberatan", "pegawai_id", "pegawai", Restrict))
                .foreign_key(&mut fk("keberatan", "atasan_id", "pegawai", SetNull))
                .foreign_key(&mut fk("keberatan", "diputus_oleh", "pegawai", SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(index("keberatan", &["evaluasi_id"], true))
            .await?;
        m.create_index(index("keberatan", &["atasan_id", "status"], false))
            .await?;

        m.create_table(
            Table::create()
                .table(n("pengaturan_kinerja"))
                .col(pk_auto(n("id")))
                .col(integer(n("instansi_id")))
                .col(string_len(n("distribusi_mode"), 8))
                .col(integer(n("saran_di_atas")))
                .col(integer(n("saran_sesuai")))
                .col(integer(n("ukuran_minimum")))
                .col(timestamp_with_time_zone(n("updated_at")))
                .foreign_key(&mut fk(
                    "pengaturan_kinerja",
                    "instansi_id",
                    "instansi",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("pengaturan_kinerja", &["instansi_id"], true))
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["pengaturan_kinerja", "keberatan"] {
            m.drop_table(Table::drop().table(n(t)).to_owned()).await?;
        }
        for c in ["alasan_distribusi", "catatan", "ditetapkan_pada"] {
            m.alter_table(
                Table::alter()
                    .table(n("evaluasi"))
                    .drop_column(n(c))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
