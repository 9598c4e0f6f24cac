//! The summary tables the monitoring page reads instead of their sources: activity counts per
//! pegawai and month (`hitungan`), verified output per RHK (`keluaran`) and each pegawai's SKP in
//! force with its RHK's progress (`skp`). They change only in the transaction of what changes
//! them, through the functions of this module, which the writers (`harian::aktivitas`,
//! `harian::pencatat`, `perencanaan::skp`, the generator) call; the readers read the submodules.
//! Why each table exists and what it saves is in `docs/PERFORMANCE.md`.
//!
//! This area sits below planning and daily work: it reads their tables, never their services.

pub mod hitungan;
pub mod keluaran;
pub mod skp;

use crate::db::entities::aktivitas;
use crate::error::CoreResult;
use crate::services::status::aktivitas::DISETUJUI;
use chrono::Datelike;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

/// Activities changed from `sebelum` to `sesudah` (either may be empty: a new activity, a
/// deleted one). Moves the month counts; an activity that became DISETUJUI (the only way in,
/// and an approved activity never changes again) adds its output to its RHK and refreshes the
/// SKP summary of its year (the activity falls in the year of its RHK's SKP).
pub async fn aktivitas_berubah<C: ConnectionTrait + 'static>(
    db: &C,
    sebelum: &[&aktivitas::Model],
    sesudah: &[&aktivitas::Model],
) -> CoreResult<()> {
    hitungan::geser(db, sebelum, sesudah).await?;
    for a in sesudah {
        let baru_disetujui = a.status == DISETUJUI
            && !sebelum
                .iter()
                .any(|b| b.id == a.id && b.status == DISETUJUI);
        if baru_disetujui {
            keluaran::tambah(db, a.rhk_id, &a.satuan, a.kuantitas).await?;
            skp::segarkan(db, a.pegawai_id, a.tanggal.year()).await?;
        }
    }
    Ok(())
}

/// The upsert that moves the month counts for new activities, for a writer that runs its own
/// statements (the activity form's group commit); `None` when nothing moves.
pub fn pergeseran_baru(
    backend: DbBackend,
    baru: &[&aktivitas::Model],
) -> CoreResult<Option<Statement>> {
    hitungan::pergeseran(backend, &[], baru)
}

/// Pegawai `pegawai_id`'s SKP of `tahun` changed (created, submitted, approved, revised,
/// closed): its summary row is read again.
pub async fn skp_berubah<C: ConnectionTrait + 'static>(
    db: &C,
    pegawai_id: i32,
    tahun: i32,
) -> CoreResult<()> {
    skp::segarkan(db, pegawai_id, tahun).await
}

/// RHK `dari` was revised into `ke` by a new SKP version, which takes over its activities: its
/// verified output moves with them.
pub async fn rhk_direvisi<C: ConnectionTrait>(db: &C, dari: i32, ke: i32) -> CoreResult<()> {
    keluaran::pindah(db, dari, ke).await
}

/// Rebuilds every summary from its sources (after a bulk load), reporting each table to
/// `langkah` as (name, done, of).
pub async fn hitung_ulang<C: ConnectionTrait + 'static>(
    db: &C,
    mut langkah: impl FnMut(&'static str, u64, u64),
) -> CoreResult<()> {
    langkah("keluaran", 0, 1);
    keluaran::hitung_ulang(db).await?;
    langkah("keluaran", 1, 1);
    langkah("hitungan", 0, 1);
    hitungan::hitung_ulang(db).await?;
    langkah("hitungan", 1, 1);
    // The SKP summaries last: they read the output totals.
    langkah("ringkasan", 0, 1);
    skp::hitung_ulang(db).await?;
    langkah("ringkasan", 1, 1);
    Ok(())
}
