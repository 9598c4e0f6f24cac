//! The one migration set, run on SQLite and PostgreSQL alike.

use sea_orm_migration::prelude::*;

mod helpers;
mod m20260101_000001_foundation;
mod m20260102_000001_periode;
mod m20260103_000001_skp;
mod m20260104_000001_evaluasi;
mod m20260105_000001_indeks_aktivitas;
mod m20260106_000001_keberatan;
mod m20260107_000001_tindak_lanjut;
mod m20260108_000001_kompetensi;
mod m20260109_000001_asesmen;
mod m20260110_000001_keluaran_rhk;
mod m20260111_000001_hitungan_aktivitas;
mod m20260112_000001_ringkasan_tanpa_rowid;
mod m20260113_000001_indeks_bukti_sebagian;
mod m20260114_000001_ringkasan_skp;
mod m20260115_000001_terakhir_aktivitas;
mod m20260116_000001_perangkat_login;
mod m20260117_000001_tulis_batch;
mod m20260118_000001_kolom_usang;

pub struct Migrator;

/// The migrations that create or change a summary table (`services::ringkasan`) and leave it for
/// the run to fill: a migration does what it did on the day it was written, and filling a
/// summary means today's rules. The run that applies one of them rebuilds every summary from its
/// sources once, after the last migration (`kinerja_core::setup::migrate`).
pub const MENGOSONGKAN_RINGKASAN: [&str; 3] = [
    "m20260110_000001_keluaran_rhk",
    "m20260114_000001_ringkasan_skp",
    "m20260115_000001_terakhir_aktivitas",
];

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20260101_000001_foundation::Migration),
            Box::new(m20260102_000001_periode::Migration),
            Box::new(m20260103_000001_skp::Migration),
            Box::new(m20260104_000001_evaluasi::Migration),
            Box::new(m20260105_000001_indeks_aktivitas::Migration),
            Box::new(m20260106_000001_keberatan::Migration),
            Box::new(m20260107_000001_tindak_lanjut::Migration),
            Box::new(m20260108_000001_kompetensi::Migration),
            Box::new(m20260109_000001_asesmen::Migration),
            Box::new(m20260110_000001_keluaran_rhk::Migration),
            Box::new(m20260111_000001_hitungan_aktivitas::Migration),
            Box::new(m20260112_000001_ringkasan_tanpa_rowid::Migration),
            Box::new(m20260113_000001_indeks_bukti_sebagian::Migration),
            Box::new(m20260114_000001_ringkasan_skp::Migration),
            Box::new(m20260115_000001_terakhir_aktivitas::Migration),
            Box::new(m20260116_000001_perangkat_login::Migration),
            Box::new(m20260117_000001_tulis_batch::Migration),
            Box::new(m20260118_000001_kolom_usang::Migration),
        ]
    }
}
