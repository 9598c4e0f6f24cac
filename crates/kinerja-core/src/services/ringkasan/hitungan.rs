//! Counts of activities per pegawai and calendar month, by state, with the date of each month's
//! last activity. The monitoring page shows for every member how many activities the current period
//! holds, how many are submitted and how many verified, and the date of their last. Counting them
//! from `aktivitas` reads every activity of the team's period, and the last date is one descent
//! per member into the largest table, while the counts and the dates are one row per member and
//! month (`docs/PERFORMANCE.md`).
//!
//! Months, because every period is a whole month or a whole quarter (`periode::rencana`, whose test
//! checks it): a period's counts are the sum of its months' rows, and its last activity the latest
//! of its months' dates.
//!
//! The rows change only in the transaction of what changes an activity's pegawai, date or state:
//! recording one (`pencatat::tulis`), copying the last day, editing (the date, and the state with
//! "ajukan"), submitting, deleting and verifying. Each passes the rows as they were and as they are
//! to [`geser`], after writing them. A new SKP version taking over activities changes only their
//! RHK, so not the rows. [`hitung_ulang`] rebuilds them from the activities (the migration that
//! added the dates, the data generator); a test compares both after every kind of change.

use crate::db::entities::{aktivitas, hitungan_aktivitas};
use crate::error::{CoreError, CoreResult};
use crate::services::status::aktivitas::{DIAJUKAN, DIKEMBALIKAN, DISETUJUI, DRAFT};
use chrono::Months;
use chrono::{Datelike, NaiveDate};
use sea_orm::sea_query::{
    Alias, CaseStatement, ColumnRef, Expr, ExprTrait, Func, JoinType, OnConflict, Query,
    SelectStatement,
};
use sea_orm::{ConnectionTrait, DbBackend, EntityTrait, QuerySelect, QueryTrait, Set, Statement};
use std::collections::{BTreeMap, BTreeSet};

use hitungan_aktivitas::Column;

/// Activities of one pegawai in one month by state: DRAFT, DIAJUKAN, DISETUJUI, DIKEMBALIKAN.
pub type Angka = [i32; 4];

/// The counts of every (pegawai, first day of the month).
pub type Hitungan = BTreeMap<(i32, NaiveDate), Angka>;

/// The date of the last activity of every (pegawai, first day of the month) that has one.
pub type Terakhir = BTreeMap<(i32, NaiveDate), NaiveDate>;

/// The first day of the month of `tanggal`: the key of its counts.
pub fn bulan(tanggal: NaiveDate) -> NaiveDate {
    tanggal.with_day(1).unwrap_or(tanggal)
}

/// The last day of the month that begins on `awal`.
fn akhir_bulan(awal: NaiveDate) -> NaiveDate {
    awal.checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(awal)
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
/// in the caller's transaction and after it has written them: a new activity has nothing
/// before, a deleted one nothing after. The counts and the dates that activities arrived at are
/// one statement whatever the number of rows; a month that an activity left (deleted, or moved
/// to another date or pegawai) has its last date read again from the activities, one statement
/// per such month (one for an edit or a deletion).
pub async fn geser<C: ConnectionTrait>(
    db: &C,
    sebelum: &[&aktivitas::Model],
    sesudah: &[&aktivitas::Model],
) -> CoreResult<()> {
    let backend = db.get_database_backend();
    if let Some(upsert) = pergeseran(backend, sebelum, sesudah)? {
        db.execute_raw(upsert).await?;
    }
    for (pegawai_id, awal) in ditinggalkan(sebelum, sesudah) {
        db.execute_raw(baca_ulang_terakhir(backend, pegawai_id, awal))
            .await?;
    }
    Ok(())
}

/// Where an activity is: its id with its (pegawai, date), which the last dates depend on.
fn tempat(a: &aktivitas::Model) -> (i32, i32, NaiveDate) {
    (a.id, a.pegawai_id, a.tanggal)
}

/// The activities of `rows` that are not at the same place in `lain`.
fn pindah<'a>(
    rows: &'a [&'a aktivitas::Model],
    lain: &'a [&'a aktivitas::Model],
) -> impl Iterator<Item = &'a aktivitas::Model> + 'a {
    rows.iter()
        .copied()
        .filter(move |a| !lain.iter().any(|b| tempat(a) == tempat(b)))
}

/// The (pegawai, month) whose last date may have gone: an activity of `sebelum` is no longer
/// there in `sesudah`.
fn ditinggalkan(
    sebelum: &[&aktivitas::Model],
    sesudah: &[&aktivitas::Model],
) -> BTreeSet<(i32, NaiveDate)> {
    pindah(sebelum, sesudah)
        .map(|a| (a.pegawai_id, bulan(a.tanggal)))
        .collect()
}

/// Sets the last date of one (pegawai, month) from the activities themselves.
fn baca_ulang_terakhir(backend: DbBackend, pegawai_id: i32, awal: NaiveDate) -> Statement {
    let terakhir = Query::select()
        .expr(Func::max(Expr::col(aktivitas::Column::Tanggal)))
        .from(aktivitas::Entity)
        .and_where(Expr::col(aktivitas::Column::PegawaiId).eq(pegawai_id))
        .and_where(Expr::col(aktivitas::Column::Tanggal).gte(awal))
        .and_where(Expr::col(aktivitas::Column::Tanggal).lte(akhir_bulan(awal)))
        .to_owned();
    let update = Query::update()
        .table(hitungan_aktivitas::Entity)
        .value(Column::Terakhir, terakhir)
        .and_where(Expr::col(Column::PegawaiId).eq(pegawai_id))
        .and_where(Expr::col(Column::Bulan).eq(awal))
        .to_owned();
    backend.build(&update)
}

/// The counts' statement of [`geser`], for writers that run their statements themselves and
/// only add activities (`pencatat::tulis`); `None` when nothing changes. A month's last date
/// becomes the latest of the one kept and those of the activities that arrived in it.
pub fn pergeseran(
    backend: DbBackend,
    sebelum: &[&aktivitas::Model],
    sesudah: &[&aktivitas::Model],
) -> CoreResult<Option<Statement>> {
    let mut selisih: BTreeMap<(i32, NaiveDate), (Angka, Option<NaiveDate>)> = BTreeMap::new();
    for (rows, arah) in [(sebelum, -1), (sesudah, 1)] {
        for a in rows {
            selisih
                .entry((a.pegawai_id, bulan(a.tanggal)))
                .or_default()
                .0[kolom(&a.status)?] += arah;
        }
    }
    selisih.retain(|_, (angka, _)| *angka != [0; 4]);
    for a in pindah(sesudah, sebelum) {
        let (_, terakhir) = selisih.entry((a.pegawai_id, bulan(a.tanggal))).or_default();
        *terakhir = Ord::max(*terakhir, Some(a.tanggal));
    }
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
    // The later of the two dates; a NULL on either side is no date (SQLite's max() of two
    // values would answer NULL, PostgreSQL's GREATEST has no SQLite twin).
    let kept = Expr::col((hitungan_aktivitas::Entity, Column::Terakhir));
    let baru = Expr::col((Alias::new("excluded"), Column::Terakhir));
    upsert.value(
        Column::Terakhir,
        CaseStatement::new()
            .case(
                kept.clone().is_null().or(baru.clone().gt(kept.clone())),
                baru,
            )
            .finally(kept),
    );
    let rows = selisih
        .into_iter()
        .map(|((pegawai_id, awal), (angka, terakhir))| baris((pegawai_id, awal), angka, terakhir));
    Ok(Some(
        hitungan_aktivitas::Entity::insert_many(rows)
            .on_conflict(upsert.to_owned())
            .build(backend),
    ))
}

fn baris(
    (pegawai_id, bulan): (i32, NaiveDate),
    a: Angka,
    terakhir: Option<NaiveDate>,
) -> hitungan_aktivitas::ActiveModel {
    hitungan_aktivitas::ActiveModel {
        pegawai_id: Set(pegawai_id),
        bulan: Set(bulan),
        draft: Set(a[0]),
        diajukan: Set(a[1]),
        disetujui: Set(a[2]),
        dikembalikan: Set(a[3]),
        terakhir: Set(terakhir),
    }
}

/// The counts as kept, without the months whose activities have all gone. Only the counts'
/// columns: the migrations' test reads them with the last dates undone.
pub async fn tersimpan<C: ConnectionTrait>(db: &C) -> CoreResult<Hitungan> {
    let rows: Vec<(i32, NaiveDate, i32, i32, i32, i32)> = hitungan_aktivitas::Entity::find()
        .select_only()
        .columns([
            Column::PegawaiId,
            Column::Bulan,
            Column::Draft,
            Column::Diajukan,
            Column::Disetujui,
            Column::Dikembalikan,
        ])
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(p, b, d, a, s, k)| ((p, b), [d, a, s, k]))
        .filter(|(_, angka)| *angka != [0; 4])
        .collect())
}

/// The last dates as kept.
pub async fn terakhir_tersimpan<C: ConnectionTrait>(db: &C) -> CoreResult<Terakhir> {
    Ok(hitungan_aktivitas::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|h| Some(((h.pegawai_id, h.bulan), h.terakhir?)))
        .collect())
}

/// The counts as the activities give them: one grouped pass over the table.
pub async fn dari_aktivitas<C: ConnectionTrait>(db: &C) -> CoreResult<Hitungan> {
    Ok(bulanan(db).await?.0)
}

/// The last dates as the activities give them.
pub async fn terakhir_dari_aktivitas<C: ConnectionTrait>(db: &C) -> CoreResult<Terakhir> {
    Ok(bulanan(db).await?.1)
}

/// The counts and the last dates in one grouped pass over the activities.
async fn bulanan<C: ConnectionTrait>(db: &C) -> CoreResult<(Hitungan, Terakhir)> {
    // The month as 'YYYY-MM' text: dates are text on SQLite and DATE on PostgreSQL.
    let bulan_teks = match db.get_database_backend() {
        DbBackend::Postgres => "to_char(tanggal, 'YYYY-MM')",
        _ => "substr(tanggal, 1, 7)",
    };
    let rows: Vec<(i32, String, String, i64, NaiveDate)> = aktivitas::Entity::find()
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
        .column_as(
            Expr::expr(Func::max(Expr::col(aktivitas::Column::Tanggal))),
            "terakhir",
        )
        .group_by(aktivitas::Column::PegawaiId)
        .group_by(Expr::cust(bulan_teks))
        .group_by(aktivitas::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    let (mut hitungan, mut terakhir) = (Hitungan::new(), Terakhir::new());
    for (pegawai_id, bulan, status, jumlah, akhir) in rows {
        let awal = NaiveDate::parse_from_str(&format!("{bulan}-01"), "%Y-%m-%d")
            .map_err(|e| CoreError::Internal(format!("bulan {bulan}: {e}")))?;
        hitungan.entry((pegawai_id, awal)).or_default()[kolom(&status)?] = jumlah as i32;
        let t = terakhir.entry((pegawai_id, awal)).or_insert(akhir);
        *t = Ord::max(*t, akhir);
    }
    Ok((hitungan, terakhir))
}

/// Rebuilds every count and last date from the activities.
pub async fn hitung_ulang<C: ConnectionTrait>(db: &C) -> CoreResult<()> {
    hitungan_aktivitas::Entity::delete_many().exec(db).await?;
    let (hitungan, terakhir) = bulanan(db).await?;
    let mut semua: Vec<_> = hitungan.into_iter().collect();
    while !semua.is_empty() {
        let sisa = semua.split_off(semua.len().saturating_sub(1000));
        let rows = sisa
            .into_iter()
            .map(|(key, angka)| baris(key, angka, terakhir.get(&key).copied()));
        hitungan_aktivitas::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Adds to `q`, a select of one row per pegawai grouped by `pegawai_id` (the column of `q` that
/// names them), each pegawai's activities dated `mulai..=selesai` (a whole period): all of
/// them, submitted, verified, and the date of the last, as the columns `jumlah`, `diajukan`,
/// `disetujui`, `terakhir` (NULL for a pegawai with no row). A left join summed in the group
/// rather than a grouped subquery joined to it: SQLite would store the subquery's rows and
/// build an index over them on every request (`docs/PERFORMANCE.md`).
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
        .expr_as(Func::max(kolom(Column::Terakhir)), "terakhir")
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
