//! The SKP in force of each pegawai and year with the progress of its RHK, kept as one row per
//! pegawai and year. The monitoring page shows it for every member of a team; read from its sources
//! it is every open SKP version of the year, each RHK, each RHK's indicators and running totals:
//! about 20 buffers and seven index descents per member on PostgreSQL, what was the dearer of the
//! page's statements (`docs/PERFORMANCE.md`), while the answer is one row per member. The page
//! reads the kept rows in the statement of the members' own figures ([`gabung`]).
//!
//! The row is what [`dari_sumber`] computes, written again in the transaction of every change to
//! what it is computed from ([`segarkan`]): a new SKP, a new version, a change of state, an RHK or
//! indicator added, changed or removed, and an activity verified into the running totals
//! (`services::ringkasan::keluaran`). A pegawai's row is recomputed whole rather than patched, so
//! that it cannot drift from its sources; [`hitung_ulang`] rebuilds every row (the migration that
//! introduced them, the data generator), and a test compares the rows with their sources after
//! every kind of change.

use crate::db::baca;
use crate::db::entities::{iki, keluaran_rhk, pegawai, rhk, ringkasan_skp, skp};
use crate::error::{CoreError, CoreResult};
use crate::rules::alur_skp;
use crate::rules::nilai::persen;
use crate::services::ringkasan::keluaran;
use sea_orm::Condition;
use sea_orm::sea_query::{
    Alias, ColumnRef, Expr, ExprTrait, JoinType, LockType, OnConflict, Order, Query,
    SelectStatement,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

use ringkasan_skp::Column;

/// Progress of one RHK: verified output in the unit of its kuantitas indicator against the
/// annual target (hundredths). A kept row holds these as JSON without the share, which is worked
/// out when read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgresRhk {
    pub rhk_id: i32,
    pub teks: String,
    pub capai: i64,
    pub target: i64,
    pub satuan: String,
    #[serde(skip)]
    pub persen: Option<i64>,
}

/// A pegawai's SKP in force in one year and its RHK's progress, in RHK order.
/// What the team views (monitoring, cascade) show of a member's SKP in force: its link and its
/// state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkpBerlaku {
    pub id: i32,
    pub pegawai_id: i32,
    pub status: String,
}

/// The versions of `tahun` that may be in force: neither replaced nor closed. Every reader of
/// the SKP in force filters with it, so that they agree on which versions compete.
pub(crate) fn terbuka(tahun: i32) -> Condition {
    Condition::all()
        .add(skp::Column::Tahun.eq(tahun))
        .add(skp::Column::Status.is_not_in([alur_skp::DIGANTI, alur_skp::DITUTUP]))
}

pub type Ringkasan = (SkpBerlaku, Vec<ProgresRhk>);

/// Pegawai read or rebuilt per statement: well under both databases' limits on bound values.
const POTONG: usize = 500;

/// Adds to `q`, a select of one row per pegawai (named by its column `pegawai_id`), each
/// pegawai's kept row of `tahun` as the columns `skp_id`, `skp_status`, `progres` (NULL for a
/// pegawai without an open SKP that year), which [`urai_kolom`] reads: a left join on the row's
/// whole key. The monitoring page reads it with the members' own figures, a statement fewer per
/// page (`docs/PERFORMANCE.md`).
pub(crate) fn gabung(q: &mut SelectStatement, pegawai_id: ColumnRef, tahun: i32) {
    let r = Alias::new("rs");
    let kolom = |c: Column| Expr::col((r.clone(), c));
    q.expr_as(kolom(Column::SkpId), "skp_id")
        .expr_as(kolom(Column::Status), "skp_status")
        .expr_as(kolom(Column::Progres), "progres")
        .join_as(
            JoinType::LeftJoin,
            ringkasan_skp::Entity,
            r.clone(),
            kolom(Column::PegawaiId)
                .equals(pegawai_id)
                .and(kolom(Column::Tahun).eq(tahun)),
        );
}

/// The columns [`gabung`] adds, as one pegawai's row gives them: their SKP in force and its
/// RHK's progress, or `None`.
pub(crate) fn urai_kolom(
    pegawai_id: i32,
    skp_id: Option<i32>,
    status: Option<String>,
    progres: Option<String>,
) -> CoreResult<Option<Ringkasan>> {
    match (skp_id, status, progres) {
        (Some(id), Some(status), Some(progres)) => {
            Ok(Some(urai(pegawai_id, id, status, &progres)?))
        }
        _ => Ok(None),
    }
}

/// A kept row's columns as the page shows them: the RHK with their shares of the target.
fn urai(pegawai_id: i32, id: i32, status: String, progres: &str) -> CoreResult<Ringkasan> {
    let mut rhk: Vec<ProgresRhk> = serde_json::from_str(progres)
        .map_err(|e| CoreError::Internal(format!("ringkasan SKP tidak terbaca: {e}")))?;
    for p in &mut rhk {
        p.persen = persen(p.capai, p.target);
    }
    let skp = SkpBerlaku {
        id,
        pegawai_id,
        status,
    };
    Ok((skp, rhk))
}

fn baris(tahun: i32, (skp, progres): &Ringkasan) -> CoreResult<ringkasan_skp::ActiveModel> {
    let progres = serde_json::to_string(progres).map_err(|e| CoreError::Internal(e.to_string()))?;
    Ok(ringkasan_skp::ActiveModel {
        pegawai_id: Set(skp.pegawai_id),
        tahun: Set(tahun),
        skp_id: Set(skp.id),
        status: Set(skp.status.clone()),
        progres: Set(progres),
    })
}

/// Writes again the row of `pegawai_id` in `tahun` from its sources, in the caller's
/// transaction, after the caller's own changes to them; removes it when no SKP of the year is
/// open. On PostgreSQL the pegawai's row is locked first (`FOR NO KEY UPDATE`, which the foreign
/// keys' checks do not wait for), so that two transactions refreshing one pegawai take turns and
/// the second computes from what the first committed: without it, under READ COMMITTED, each
/// would compute without the other's change and the last to write would lose the first's.
/// SQLite has one writer at a time already.
pub async fn segarkan<C: ConnectionTrait + 'static>(
    db: &C,
    pegawai_id: i32,
    tahun: i32,
) -> CoreResult<()> {
    let backend = db.get_database_backend();
    if backend == DbBackend::Postgres {
        let lock = Query::select()
            .column(pegawai::Column::Id)
            .from(pegawai::Entity)
            .and_where(Expr::col(pegawai::Column::Id).eq(pegawai_id))
            .lock(LockType::NoKeyUpdate)
            .to_owned();
        db.query_one_raw(backend.build(&lock)).await?;
    }
    match dari_sumber(db, &[pegawai_id], tahun)
        .await?
        .remove(&pegawai_id)
    {
        Some(r) => {
            ringkasan_skp::Entity::insert(baris(tahun, &r)?)
                .on_conflict(
                    OnConflict::columns([Column::PegawaiId, Column::Tahun])
                        .update_columns([Column::SkpId, Column::Status, Column::Progres])
                        .to_owned(),
                )
                .exec_without_returning(db)
                .await?;
        }
        None => {
            ringkasan_skp::Entity::delete_many()
                .filter(Column::PegawaiId.eq(pegawai_id))
                .filter(Column::Tahun.eq(tahun))
                .exec(db)
                .await?;
        }
    }
    Ok(())
}

/// Rebuilds every row from the SKPs, [`POTONG`] pegawai at a time.
pub async fn hitung_ulang<C: ConnectionTrait + 'static>(db: &C) -> CoreResult<()> {
    ringkasan_skp::Entity::delete_many().exec(db).await?;
    for (tahun, ids) in pemilik(db).await? {
        for potong in ids.chunks(POTONG) {
            let rows = dari_sumber(db, potong, tahun)
                .await?
                .values()
                .map(|r| baris(tahun, r))
                .collect::<CoreResult<Vec<_>>>()?;
            if !rows.is_empty() {
                ringkasan_skp::Entity::insert_many(rows)
                    .exec_without_returning(db)
                    .await?;
            }
        }
    }
    Ok(())
}

/// Every year that has SKPs, with the pegawai who have one in it.
async fn pemilik<C: ConnectionTrait + 'static>(db: &C) -> CoreResult<BTreeMap<i32, Vec<i32>>> {
    let rows: Vec<(i32, i32)> = skp::Entity::find()
        .select_only()
        .column(skp::Column::Tahun)
        .column(skp::Column::PegawaiId)
        .distinct()
        .order_by_asc(skp::Column::Tahun)
        .order_by_asc(skp::Column::PegawaiId)
        .into_tuple()
        .all(db)
        .await?;
    let mut out: BTreeMap<i32, Vec<i32>> = BTreeMap::new();
    for (tahun, pegawai_id) in rows {
        out.entry(tahun).or_default().push(pegawai_id);
    }
    Ok(out)
}

/// Every kept row, keyed by (pegawai, year): for the test that compares them with
/// [`semua_dari_sumber`].
pub async fn tersimpan<C: ConnectionTrait + 'static>(
    db: &C,
) -> CoreResult<BTreeMap<(i32, i32), Ringkasan>> {
    ringkasan_skp::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|r| {
            let ringkasan = urai(r.pegawai_id, r.skp_id, r.status, &r.progres)?;
            Ok(((r.pegawai_id, r.tahun), ringkasan))
        })
        .collect()
}

/// Every row as its sources give it, keyed as [`tersimpan`].
pub async fn semua_dari_sumber<C: ConnectionTrait + 'static>(
    db: &C,
) -> CoreResult<BTreeMap<(i32, i32), Ringkasan>> {
    let mut out = BTreeMap::new();
    for (tahun, ids) in pemilik(db).await? {
        for potong in ids.chunks(POTONG) {
            for (pegawai_id, r) in dari_sumber(db, potong, tahun).await? {
                out.insert((pegawai_id, tahun), r);
            }
        }
    }
    Ok(out)
}

/// The SKP in force in `tahun` of each of `ids` (as `skp::berlaku_banyak` chooses it, among the
/// versions [`terbuka`] lets compete) with the progress of its RHK in RHK order, in one
/// statement: every open version of the year with its RHK, each RHK with its first kuantitas
/// indicator (target and unit) and the running totals of its verified output
/// (`services::ringkasan::keluaran`), of which the one in the indicator's unit counts.
/// The versions come newest first, each version's rows together.
pub async fn dari_sumber<C: ConnectionTrait + 'static>(
    db: &C,
    ids: &[i32],
    tahun: i32,
) -> CoreResult<HashMap<i32, Ringkasan>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let q = Query::select()
        .column((skp::Entity, skp::Column::Id))
        .column((skp::Entity, skp::Column::PegawaiId))
        .column((skp::Entity, skp::Column::Status))
        .expr_as(Expr::col((rhk::Entity, rhk::Column::Id)), "rhk_id")
        .expr_as(Expr::col((rhk::Entity, rhk::Column::Teks)), "teks")
        .expr_as(Expr::col((iki::Entity, iki::Column::Id)), "iki_id")
        .expr_as(Expr::col((iki::Entity, iki::Column::TargetNilai)), "target")
        .expr_as(Expr::col((iki::Entity, iki::Column::Satuan)), "satuan")
        .expr_as(
            Expr::col((keluaran_rhk::Entity, keluaran_rhk::Column::SatuanKunci)),
            "kunci",
        )
        .expr_as(
            Expr::col((keluaran_rhk::Entity, keluaran_rhk::Column::Jumlah)),
            "capai",
        )
        .from(skp::Entity)
        .left_join(
            rhk::Entity,
            Expr::col((rhk::Entity, rhk::Column::SkpId)).equals((skp::Entity, skp::Column::Id)),
        )
        .left_join(
            iki::Entity,
            Expr::col((iki::Entity, iki::Column::RhkId))
                .equals((rhk::Entity, rhk::Column::Id))
                .and(Expr::col((iki::Entity, iki::Column::Aspek)).eq("KUANTITAS")),
        )
        .left_join(
            keluaran_rhk::Entity,
            Expr::col((keluaran_rhk::Entity, keluaran_rhk::Column::RhkId))
                .equals((rhk::Entity, rhk::Column::Id)),
        )
        .and_where(Expr::col((skp::Entity, skp::Column::PegawaiId)).is_in(ids.iter().copied()))
        .cond_where(terbuka(tahun))
        .order_by((skp::Entity, skp::Column::Versi), Order::Desc)
        .order_by((skp::Entity, skp::Column::Id), Order::Asc)
        .order_by((rhk::Entity, rhk::Column::Urutan), Order::Asc)
        .order_by((rhk::Entity, rhk::Column::Id), Order::Asc)
        .order_by((iki::Entity, iki::Column::Id), Order::Asc)
        .to_owned();
    type Baris = (
        i32,
        i32,
        String,
        Option<i32>,
        Option<String>,
        Option<i32>,
        Option<i64>,
        Option<String>,
        Option<String>,
        Option<i64>,
    );
    let rows: Vec<Baris> = baca::all(db, db.get_database_backend().build(&q)).await?;
    // Each pegawai's open versions, newest first, each with its RHK's progress.
    let mut versi: HashMap<i32, Vec<Ringkasan>> = HashMap::new();
    let mut skp_kini = None;
    // The RHK being read and the id of its first kuantitas indicator: the rows of its other
    // indicators (one per total each) are skipped.
    let mut kini: Option<(i32, Option<i32>)> = None;
    for (skp_id, pegawai_id, status, rhk_id, teks, iki_id, target, satuan, kunci_total, total) in
        rows
    {
        let list = versi.entry(pegawai_id).or_default();
        if skp_kini != Some(skp_id) {
            skp_kini = Some(skp_id);
            kini = None;
            let skp = SkpBerlaku {
                id: skp_id,
                pegawai_id,
                status,
            };
            list.push((skp, Vec::new()));
        }
        let (Some(rhk_id), Some((_, progres))) = (rhk_id, list.last_mut()) else {
            continue;
        };
        match kini {
            Some((r, i)) if r == rhk_id => {
                if i != iki_id {
                    continue;
                }
            }
            _ => {
                kini = Some((rhk_id, iki_id));
                progres.push(ProgresRhk {
                    rhk_id,
                    teks: teks.unwrap_or_default(),
                    capai: 0,
                    target: target.unwrap_or(0),
                    satuan: satuan.unwrap_or_default(),
                    persen: None,
                });
            }
        }
        let p = progres.last_mut().expect("pushed above");
        if kunci_total.is_some_and(|k| k == keluaran::kunci(&p.satuan)) {
            p.capai = total.unwrap_or(0);
        }
    }
    Ok(versi
        .into_iter()
        .filter_map(|(pegawai_id, mut v)| {
            let i = alur_skp::indeks_berlaku(v.iter().map(|(s, _)| s.status.as_str()))?;
            let (skp, mut progres) = v.swap_remove(i);
            for p in &mut progres {
                p.persen = persen(p.capai, p.target);
            }
            Some((pegawai_id, (skp, progres)))
        })
        .collect())
}
