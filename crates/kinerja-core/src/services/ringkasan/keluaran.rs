//! Running totals of verified output: per RHK and unit, the sum of the `kuantitas` of its
//! DISETUJUI activities. The monitoring page shows every member's progress against the annual
//! target; summing a year of activities for a team of 30 read about 9,000 index entries on each
//! view (`docs/PERFORMANCE.md`), while the totals are one row per RHK.
//!
//! The totals change only in the transaction of what changes the sum: an activity verified as
//! SESUAI or KURANG (the only way into DISETUJUI, and an approved activity never changes again),
//! and a new SKP version that takes over the activities of the RHK it revises. Activities of an
//! RHK all fall in the year of its SKP and never after today, so the total of an RHK is also its
//! total for the year to date. [`hitung_ulang`] rebuilds them from the activities (the migration
//! that introduced them, the data generator); a test compares both after every kind of change.

use crate::db::entities::{aktivitas, keluaran_rhk};
use crate::error::CoreResult;
use sea_orm::sea_query::{Alias, Expr, Func, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait, QueryFilter, QuerySelect, Select, Set,
};
use std::collections::HashMap;

/// How a unit is compared: "Laporan " and "laporan" are the same unit.
pub fn kunci(satuan: &str) -> String {
    satuan.trim().to_lowercase()
}

/// Adds `jumlah` (hundredths) to the total of `(rhk_id, satuan)`.
pub async fn tambah<C: ConnectionTrait>(
    db: &C,
    rhk_id: i32,
    satuan: &str,
    jumlah: i64,
) -> CoreResult<()> {
    use keluaran_rhk::Column;
    keluaran_rhk::Entity::insert(keluaran_rhk::ActiveModel {
        rhk_id: Set(rhk_id),
        satuan_kunci: Set(kunci(satuan)),
        jumlah: Set(jumlah),
    })
    .on_conflict(
        OnConflict::columns([Column::RhkId, Column::SatuanKunci])
            .value(
                Column::Jumlah,
                Expr::col((keluaran_rhk::Entity, Column::Jumlah))
                    .add(Expr::col((Alias::new("excluded"), Column::Jumlah))),
            )
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Moves the totals of RHK `dari` to RHK `ke`, when a new SKP version takes over its activities.
pub async fn pindah<C: ConnectionTrait>(db: &C, dari: i32, ke: i32) -> CoreResult<()> {
    let rows = keluaran_rhk::Entity::find()
        .filter(keluaran_rhk::Column::RhkId.eq(dari))
        .all(db)
        .await?;
    for r in rows {
        tambah(db, ke, &r.satuan_kunci, r.jumlah).await?;
    }
    keluaran_rhk::Entity::delete_many()
        .filter(keluaran_rhk::Column::RhkId.eq(dari))
        .exec(db)
        .await?;
    Ok(())
}

/// The totals of `rhk_ids`, keyed by (rhk, [`kunci`] of the unit).
pub async fn per_rhk<C: ConnectionTrait>(
    db: &C,
    rhk_ids: Vec<i32>,
) -> CoreResult<HashMap<(i32, String), i64>> {
    Ok(keluaran_rhk::Entity::find()
        .filter(keluaran_rhk::Column::RhkId.is_in(rhk_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|r| ((r.rhk_id, r.satuan_kunci), r.jumlah))
        .collect())
}

/// The verified output of activities summed per RHK and unit as typed: the query behind the
/// running totals and the realisasi sheet's proposed figures, which narrow it to their RHKs and
/// dates. Its rows, (rhk, satuan, sum), go through [`per_kunci`].
pub(crate) fn jumlah_disetujui() -> Select<aktivitas::Entity> {
    aktivitas::Entity::find()
        .select_only()
        .column(aktivitas::Column::RhkId)
        .column(aktivitas::Column::Satuan)
        .column_as(
            Expr::expr(Func::cast_as(
                Func::sum(Expr::col(aktivitas::Column::Kuantitas)),
                Alias::new("BIGINT"),
            )),
            "jumlah",
        )
        .filter(aktivitas::Column::Status.eq(crate::services::status::aktivitas::DISETUJUI))
        .group_by(aktivitas::Column::RhkId)
        .group_by(aktivitas::Column::Satuan)
}

/// Rows of [`jumlah_disetujui`] added up per (rhk, [`kunci`] of the unit).
pub(crate) fn per_kunci(rows: Vec<(i32, String, Option<i64>)>) -> HashMap<(i32, String), i64> {
    let mut total: HashMap<(i32, String), i64> = HashMap::new();
    for (r, s, n) in rows {
        *total.entry((r, kunci(&s))).or_default() += n.unwrap_or(0);
    }
    total
}

/// Rebuilds every total from the verified activities.
pub async fn hitung_ulang<C: ConnectionTrait>(db: &C) -> CoreResult<()> {
    keluaran_rhk::Entity::delete_many().exec(db).await?;
    let rows: Vec<(i32, String, Option<i64>)> = jumlah_disetujui().into_tuple().all(db).await?;
    let total = per_kunci(rows);
    let mut baris: Vec<keluaran_rhk::ActiveModel> = total
        .into_iter()
        .map(
            |((rhk_id, satuan_kunci), jumlah)| keluaran_rhk::ActiveModel {
                rhk_id: Set(rhk_id),
                satuan_kunci: Set(satuan_kunci),
                jumlah: Set(jumlah),
            },
        )
        .collect();
    while !baris.is_empty() {
        let sisa = baris.split_off(baris.len().saturating_sub(1000));
        keluaran_rhk::Entity::insert_many(sisa)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}
