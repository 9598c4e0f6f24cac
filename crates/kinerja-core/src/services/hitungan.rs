//! Counts of activities per pegawai and calendar month, by state. The monitoring page shows for
//! every member how many activities the current period holds, how many are submitted and how
//! many verified; counting them read every activity of the team's period (2,664 index entries
//! for the benchmark's team of 29 in a quarter, the page's dearest statement in
//! `docs/PERFORMANCE.md` round 4), while the counts are one row per member and month.
//!
//! Months, because every period is a whole month or a whole quarter (`periode::rencana`, whose
//! test checks it): a period's counts are the sum of its months' rows.
//!
//! The counts change only in the transaction of what changes an activity's pegawai, date or
//! state: recording one (`pencatat::tulis`), copying the last day, editing (the date, and the
//! state with "ajukan"), submitting, deleting and verifying. Each passes the rows as they were
//! and as they are to [`geser`]. A new SKP version taking over activities changes only their
//! RHK, so not the counts. [`hitung_ulang`] rebuilds them from the activities (the migration that
//! introduced them, the data generator); a test compares both after every kind of change.

use crate::db::entities::{aktivitas, hitungan_aktivitas};
use crate::error::{CoreError, CoreResult};
use crate::services::aktivitas::{DIAJUKAN, DIKEMBALIKAN, DISETUJUI, DRAFT};
use chrono::{Datelike, NaiveDate};
use sea_orm::sea_query::{
    Alias, ColumnRef, Expr, ExprTrait, Func, JoinType, OnConflict, SelectStatement,
};
use sea_orm::{ConnectionTrait, DbBackend, EntityTrait, QuerySelect, QueryTrait, Set, Statement};
use std::collections::BTreeMap;

use hitungan_aktivitas::Column;

/// Activities of one pegawai in one month by state: DRAFT, DIAJUKAN, DISETUJUI, DIKEMBALIKAN.
pub type Angka = [i32; 4];

/// The counts of every (pegawai, first day of the month).
pub type Hitungan = BTreeMap<(i32, NaiveDate), Angka>;

/// The first day of the month of `tanggal`: the key of its counts.
pub fn bulan(tanggal: NaiveDate) -> NaiveDate {
    tanggal.with_day(1).unwrap_or(tanggal)
}

/// The place of a state in [`Angka`].
fn kolom(status: &str) -> CoreResult<usize> {
    match status {
        DRAFT => Ok(0),
        DIAJUKAN => Ok(1),
        DISETUJUI => Ok(2),
        DIKEMBALIKAN => Ok(3),
        other => Err(CoreError::Internal(format!(
            "status aktivitas tidak dikenal: {other}"
        ))),
    }
}

/// Moves the counts from the activities as they were (`sebelum`) to as they are (`sesudah`),
/// in the caller's transaction: a new activity has nothing before, a deleted one nothing after.
/// One statement whatever the number of rows; the rows go in key order, so two transactions
/// touching the same months lock them in the same order.
pub async fn geser<C: ConnectionTrait>(
    db: &C,
    sebelum: &[&aktivitas::Model],
    sesudah: &[&aktivitas::Model],
) -> CoreResult<()> {
    if let Some(upsert) = pergeseran(db.get_database_backend(), sebelum, sesudah)? {
        db.execute_raw(upsert).await?;
    }
    Ok(())
}

/// The statement of [`geser`], for writers that run their statements themselves
/// (`pencatat::tulis`); `None` when the counts do not change.
pub fn pergeseran(
    backend: DbBackend,
    sebelum: &[&aktivitas::Model],
    sesudah: &[&aktivitas::Model],
) -> CoreResult<Option<Statement>> {
    let mut selisih = Hitungan::new();
    for (rows, arah) in [(sebelum, -1), (sesudah, 1)] {
        for a in rows {
            selisih.entry((a.pegawai_id, bulan(a.tanggal))).or_default()[kolom(&a.status)?] += arah;
        }
    }
    selisih.retain(|_, angka| *angka != [0; 4]);
    if selisih.is_empty() {
        return Ok(None);
    }
    let mut upsert = OnConflict::columns([Column::PegawaiId, Column::Bulan]);
    for c in [
        Column::Draft,
        Column::Diajukan,
        Column::Disetujui,
        Column::Dikembalikan,
    ] {
        upsert.value(
            c,
            Expr::col((hitungan_aktivitas::Entity, c)).add(Expr::col((Alias::new("excluded"), c))),
        );
    }
    Ok(Some(
        hitungan_aktivitas::Entity::insert_many(selisih.into_iter().map(baris))
            .on_conflict(upsert.to_owned())
            .build(backend),
    ))
}

fn baris(((pegawai_id, bulan), a): ((i32, NaiveDate), Angka)) -> hitungan_aktivitas::ActiveModel {
    hitungan_aktivitas::ActiveModel {
        pegawai_id: Set(pegawai_id),
        bulan: Set(bulan),
        draft: Set(a[0]),
        diajukan: Set(a[1]),
        disetujui: Set(a[2]),
        dikembalikan: Set(a[3]),
    }
}

/// The counts as kept, without the months whose activities have all gone.
pub async fn tersimpan<C: ConnectionTrait>(db: &C) -> CoreResult<Hitungan> {
    Ok(hitungan_aktivitas::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|h| {
            let angka = [h.draft, h.diajukan, h.disetujui, h.dikembalikan];
            ((h.pegawai_id, h.bulan), angka)
        })
        .filter(|(_, angka)| *angka != [0; 4])
        .collect())
}

/// The counts as the activities give them: one grouped pass over the table.
pub async fn dari_aktivitas<C: ConnectionTrait>(db: &C) -> CoreResult<Hitungan> {
    // The month as 'YYYY-MM' text: dates are text on SQLite and DATE on PostgreSQL.
    let bulan_teks = match db.get_database_backend() {
        DbBackend::Postgres => "to_char(tanggal, 'YYYY-MM')",
        _ => "substr(tanggal, 1, 7)",
    };
    let rows: Vec<(i32, String, String, i64)> = aktivitas::Entity::find()
        .select_only()
        .column(aktivitas::Column::PegawaiId)
        .column_as(Expr::cust(bulan_teks), "bulan")
        .column(aktivitas::Column::Status)
        .column_as(
            Expr::expr(Func::cast_as(
                Func::count(Expr::col(aktivitas::Column::Id)),
                Alias::new("BIGINT"),
            )),
            "jumlah",
        )
        .group_by(aktivitas::Column::PegawaiId)
        .group_by(Expr::cust(bulan_teks))
        .group_by(aktivitas::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    let mut out = Hitungan::new();
    for (pegawai_id, bulan, status, jumlah) in rows {
        let awal = NaiveDate::parse_from_str(&format!("{bulan}-01"), "%Y-%m-%d")
            .map_err(|e| CoreError::Internal(format!("bulan {bulan}: {e}")))?;
        out.entry((pegawai_id, awal)).or_default()[kolom(&status)?] = jumlah as i32;
    }
    Ok(out)
}

/// Rebuilds every count from the activities.
pub async fn hitung_ulang<C: ConnectionTrait>(db: &C) -> CoreResult<()> {
    hitungan_aktivitas::Entity::delete_many().exec(db).await?;
    let mut semua: Vec<_> = dari_aktivitas(db).await?.into_iter().collect();
    while !semua.is_empty() {
        let sisa = semua.split_off(semua.len().saturating_sub(1000));
        hitungan_aktivitas::Entity::insert_many(sisa.into_iter().map(baris))
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Adds to `q`, a select of one row per pegawai grouped by `pegawai_id` (the column of `q` that
/// names them), each pegawai's activities dated `mulai..=selesai` (a whole period): all of
/// them, submitted, verified, as the columns `jumlah`, `diajukan`, `disetujui` (NULL for a
/// pegawai with no row). A left join summed in the group rather than a grouped subquery joined
/// to it: SQLite would store the subquery's rows and build an index over them on every request
/// (`docs/PERFORMANCE.md`, round 9).
pub(crate) fn per_periode(
    q: &mut SelectStatement,
    pegawai_id: ColumnRef,
    mulai: NaiveDate,
    selesai: NaiveDate,
) {
    let h = Alias::new("h");
    let kolom = |c: Column| Expr::col((h.clone(), c));
    let semua = kolom(Column::Draft)
        .add(kolom(Column::Diajukan))
        .add(kolom(Column::Disetujui))
        .add(kolom(Column::Dikembalikan));
    q.expr_as(Func::sum(semua), "jumlah")
        .expr_as(Func::sum(kolom(Column::Diajukan)), "diajukan")
        .expr_as(Func::sum(kolom(Column::Disetujui)), "disetujui")
        .join_as(
            JoinType::LeftJoin,
            hitungan_aktivitas::Entity,
            h.clone(),
            kolom(Column::PegawaiId)
                .equals(pegawai_id)
                .and(kolom(Column::Bulan).gte(bulan(mulai)))
                .and(kolom(Column::Bulan).lte(selesai)),
        );
}
