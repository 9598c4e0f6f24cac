//! Who rates whom. The pejabat penilai of a pegawai is derived from the jabatan tree: the active
//! holder of the jabatan above theirs, or whoever acts in it (PLT/PLH) today; a vacant jabatan
//! passes the role one level up. An admin's manual override, with its reason, wins over both.

use crate::actor::Actor;
use crate::db::baca;
use crate::db::entities::{jabatan, pegawai, penugasan_plt};
use crate::error::CoreResult;
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement, UnionType, Value};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, DbErr, EntityTrait, Iterable, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait, Statement,
};
use std::collections::{HashMap, HashSet};

/// How the penilai was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sumber {
    /// Holder of the jabatan above.
    Definitif,
    Plt,
    Plh,
    /// Set by an admin.
    Manual,
}

impl Sumber {
    pub fn label(self) -> &'static str {
        match self {
            Sumber::Definitif => "definitif",
            Sumber::Plt => "Plt.",
            Sumber::Plh => "Plh.",
            Sumber::Manual => "penetapan manual admin",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Penilai {
    pub pegawai: pegawai::Model,
    pub sumber: Sumber,
    /// The jabatan in which they rate (the one above, or the one they act in).
    pub jabatan_id: Option<i32>,
}

const MAX_DEPTH: usize = 32;

/// A rater as the team walk needs them: who they are and the jabatan they hold. The actor
/// carries both, so a team view starts without reading the pegawai again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pejabat {
    pub pegawai_id: i32,
    pub jabatan_id: i32,
}

impl From<&pegawai::Model> for Pejabat {
    fn from(p: &pegawai::Model) -> Pejabat {
        Pejabat::dari(p)
    }
}

impl Pejabat {
    /// A member of a team as a rater of the walk's next level.
    pub fn dari(p: &impl Anggota) -> Pejabat {
        Pejabat {
            pegawai_id: p.id(),
            jabatan_id: p.jabatan_id(),
        }
    }
}

/// A pegawai as the team walk reads them: the whole row for the views that show it (the home
/// page's team, the cascade), or only what the monitoring page shows ([`AnggotaTim`]). The walk
/// itself needs the id, the jabatan, the manual override and the name's sort key.
pub trait Anggota: baca::Row + Clone {
    /// The columns of `pegawai` a row is read from, in the order [`baca::Row`] reads them.
    fn kolom() -> Vec<pegawai::Column>;
    fn id(&self) -> i32;
    fn jabatan_id(&self) -> i32;
    fn penilai_manual_id(&self) -> Option<i32>;
    fn nama_lower(&self) -> &str;
    /// The text of the first level's statement for one rater ([`TingkatSatu`]), built once:
    /// one per type, since its columns are the type's (a `static` in a generic function would be
    /// shared by every type).
    fn teks_tingkat_satu() -> &'static baca::Fixed;
}

impl Anggota for pegawai::Model {
    fn kolom() -> Vec<pegawai::Column> {
        pegawai::Column::iter().collect()
    }
    fn id(&self) -> i32 {
        self.id
    }
    fn jabatan_id(&self) -> i32 {
        self.jabatan_id
    }
    fn penilai_manual_id(&self) -> Option<i32> {
        self.penilai_manual_id
    }
    fn nama_lower(&self) -> &str {
        &self.nama_lower
    }
    fn teks_tingkat_satu() -> &'static baca::Fixed {
        static TEKS: baca::Fixed = baca::Fixed::new();
        &TEKS
    }
}

/// A member of a team as the monitoring page shows them and the walk needs them: five of the
/// pegawai's fourteen columns, without the two timestamps, the NIP, the golongan and the
/// override's reason, which the page never shows (`docs/PERFORMANCE.md`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnggotaTim {
    pub id: i32,
    pub nama: String,
    pub nama_lower: String,
    pub jabatan_id: i32,
    pub penilai_manual_id: Option<i32>,
}

crate::row_by_position!(AnggotaTim {
    id,
    nama,
    nama_lower,
    jabatan_id,
    penilai_manual_id
});

impl Anggota for AnggotaTim {
    fn kolom() -> Vec<pegawai::Column> {
        use pegawai::Column::*;
        vec![Id, Nama, NamaLower, JabatanId, PenilaiManualId]
    }
    fn id(&self) -> i32 {
        self.id
    }
    fn jabatan_id(&self) -> i32 {
        self.jabatan_id
    }
    fn penilai_manual_id(&self) -> Option<i32> {
        self.penilai_manual_id
    }
    fn nama_lower(&self) -> &str {
        &self.nama_lower
    }
    fn teks_tingkat_satu() -> &'static baca::Fixed {
        static TEKS: baca::Fixed = baca::Fixed::new();
        &TEKS
    }
}

/// The person who holds `jabatan_id` today: the active definitive holder with the lowest id, or
/// else an active PLT/PLH assignment. `except` excludes the pegawai being rated.
pub async fn pemegang<C: ConnectionTrait + 'static>(
    db: &C,
    jabatan_id: i32,
    except: i32,
    today: NaiveDate,
) -> CoreResult<Option<(pegawai::Model, Sumber)>> {
    if let Some(p) = baca::first(
        db,
        pegawai::Entity::find()
            .filter(pegawai::Column::JabatanId.eq(jabatan_id))
            .filter(pegawai::Column::Aktif.eq(true))
            .filter(pegawai::Column::Id.ne(except))
            .order_by_asc(pegawai::Column::Id),
    )
    .await?
    {
        return Ok(Some((p, Sumber::Definitif)));
    }
    let plt = baca::models(
        db,
        penugasan_plt::Entity::find()
            .filter(penugasan_plt::Column::JabatanId.eq(jabatan_id))
            .filter(active_on(today))
            .filter(penugasan_plt::Column::PegawaiId.ne(except))
            .order_by_asc(penugasan_plt::Column::Jenis), // PLH before PLT is not wanted: see below
    )
    .await?;
    // A PLT (longer assignment) takes precedence over a PLH (day-to-day stand-in).
    let chosen = plt
        .iter()
        .find(|a| a.jenis == "PLT")
        .or_else(|| plt.first());
    if let Some(a) = chosen
        && let Some(p) = baca::first(db, pegawai::Entity::find_by_id(a.pegawai_id))
            .await?
            .filter(|p| p.aktif)
    {
        let s = if a.jenis == "PLH" {
            Sumber::Plh
        } else {
            Sumber::Plt
        };
        return Ok(Some((p, s)));
    }
    Ok(None)
}

/// The pejabat penilai of `p` today, if any.
pub async fn penilai_dari<C: ConnectionTrait + 'static>(
    db: &C,
    p: &pegawai::Model,
    today: NaiveDate,
) -> CoreResult<Option<Penilai>> {
    if let Some(mid) = p.penilai_manual_id
        && let Some(m) = baca::first(db, pegawai::Entity::find_by_id(mid))
            .await?
            .filter(|m| m.aktif)
    {
        return Ok(Some(Penilai {
            pegawai: m,
            sumber: Sumber::Manual,
            jabatan_id: None,
        }));
    }
    let mut cur = baca::first(db, jabatan::Entity::find_by_id(p.jabatan_id))
        .await?
        .and_then(|j| j.atasan_id);
    for _ in 0..MAX_DEPTH {
        let Some(jid) = cur else { return Ok(None) };
        if let Some((holder, sumber)) = pemegang(db, jid, p.id, today).await? {
            return Ok(Some(Penilai {
                pegawai: holder,
                sumber,
                jabatan_id: Some(jid),
            }));
        }
        cur = baca::first(db, jabatan::Entity::find_by_id(jid))
            .await?
            .and_then(|j| j.atasan_id);
    }
    Ok(None)
}

/// The penilai and the atasan pejabat penilai (the penilai's own penilai).
pub async fn rantai<C: ConnectionTrait + 'static>(
    db: &C,
    p: &pegawai::Model,
    today: NaiveDate,
) -> CoreResult<(Option<Penilai>, Option<Penilai>)> {
    let penilai = penilai_dari(db, p, today).await?;
    let atasan = match &penilai {
        Some(pn) => penilai_dari(db, &pn.pegawai, today).await?,
        None => None,
    };
    Ok((penilai, atasan))
}

/// Active PLT/PLH assignments today in one of `jabatan_ids`, in one query.
async fn acting_in<C: ConnectionTrait + 'static>(
    db: &C,
    jabatan_ids: Vec<i32>,
    today: NaiveDate,
) -> CoreResult<Vec<penugasan_plt::Model>> {
    if jabatan_ids.is_empty() {
        return Ok(Vec::new());
    }
    let q = penugasan_plt::Entity::find()
        .filter(penugasan_plt::Column::JabatanId.is_in(jabatan_ids))
        .filter(active_on(today));
    Ok(baca::models(db, q).await?)
}

/// A PLT/PLH assignment in force on `today`: begun, and not ended or ending today or later.
fn active_on(today: NaiveDate) -> Condition {
    Condition::all()
        .add(penugasan_plt::Column::Mulai.lte(today))
        .add(
            Condition::any()
                .add(penugasan_plt::Column::Selesai.is_null())
                .add(penugasan_plt::Column::Selesai.gte(today)),
        )
}

/// The pegawai whom `p` rates today: holders of the jabatan directly below the ones `p` holds
/// (looking through vacant jabatan), plus manual overrides naming `p`, less those overridden
/// to someone else.
pub async fn tim<C: ConnectionTrait + 'static>(
    db: &C,
    p: &pegawai::Model,
    today: NaiveDate,
) -> CoreResult<Vec<pegawai::Model>> {
    let mut teams = tim_banyak(db, &[Pejabat::from(p)], today).await?;
    Ok(teams.remove(&p.id).unwrap_or_default())
}

/// [`tim`] for many raters at once, in a number of queries that depends on how deep the
/// vacant jabatan go, never on how many raters or members there are: the monitoring page of a
/// unit head walks the whole unit level by level with it. Each level's jabatan and their
/// holders are one statement, with the manual overrides naming a rater on the first level
/// (every statement costs more than its rows, `docs/PERFORMANCE.md`).
pub async fn tim_banyak<C: ConnectionTrait + 'static>(
    db: &C,
    raters: &[Pejabat],
    today: NaiveDate,
) -> CoreResult<HashMap<i32, Vec<pegawai::Model>>> {
    Ok(tim_dengan_jabatan(db, raters, today).await?.0)
}

/// [`tim_banyak`], with the name of every member's jabatan by pegawai id: the walk reads each
/// member's jabatan row anyway, and the monitoring page would otherwise read it again
/// (`docs/PERFORMANCE.md`). The members are read as `M` holds them.
pub async fn tim_dengan_jabatan<C: ConnectionTrait + 'static, M: Anggota>(
    db: &C,
    raters: &[Pejabat],
    today: NaiveDate,
) -> CoreResult<(HashMap<i32, Vec<M>>, HashMap<i32, String>)> {
    let backend = db.get_database_backend();
    let first = match raters {
        // A team view of one rater (the home page, the monitoring page on SQLite): the text is
        // the same whoever the rater is, so it is built once (`docs/PERFORMANCE.md`).
        [me] => baca::semua(db, &TingkatSatu::<M>::baru(*me, today)).await?,
        _ => match tingkat_pertama::<M>(raters, today) {
            Some(q) => baca::all(db, backend.build(&q)).await?,
            None => Vec::new(),
        },
    };
    tim_dengan_jabatan_dari(db, raters, today, first).await
}

/// The statement of the walk's first level beneath `raters` (`None` without raters), whose
/// rows [`tim_dengan_jabatan_dari`] takes; for one rater, [`TingkatSatu`].
fn tingkat_pertama<M: Anggota>(raters: &[Pejabat], today: NaiveDate) -> Option<SelectStatement> {
    if raters.is_empty() {
        return None;
    }
    let above: HashSet<i32> = raters.iter().map(|r| r.jabatan_id).collect();
    let rater_ids: HashSet<i32> = raters.iter().map(|r| r.pegawai_id).collect();
    Some(tingkat::<M>(&above, Some((&rater_ids, today))))
}

/// [`tingkat_pertama`] of one rater: one jabatan above the level and one rater, so the
/// statement's text is the same whoever the rater is and is built once
/// ([`Anggota::teks_tingkat_satu`]). The monitoring page on PostgreSQL reads it as a common
/// table expression of the statement that also reads the members' figures
/// (`services::harian::monitoring`), a round trip fewer.
pub(crate) struct TingkatSatu<M> {
    me: Pejabat,
    today: NaiveDate,
    anggota: std::marker::PhantomData<M>,
}

impl<M: Anggota> TingkatSatu<M> {
    pub(crate) fn baru(me: Pejabat, today: NaiveDate) -> Self {
        TingkatSatu {
            me,
            today,
            anggota: std::marker::PhantomData,
        }
    }

    /// The statement, built with sea-query.
    pub(crate) fn query(&self) -> SelectStatement {
        let above = HashSet::from([self.me.jabatan_id]);
        tingkat::<M>(
            &above,
            Some((&HashSet::from([self.me.pegawai_id]), self.today)),
        )
    }
}

impl<M: Anggota> baca::Bacaan for TingkatSatu<M> {
    type Baris = Bawahan<M>;

    fn teks(&self) -> &'static baca::Fixed {
        M::teks_tingkat_satu()
    }

    /// Of the statement's three branches ([`tingkat`]): the holders below the rater's jabatan,
    /// those below the jabatan the rater acts in today, and the manual overrides naming the
    /// rater.
    fn nilai(&self) -> Vec<Value> {
        let (me, today) = (self.me, self.today);
        vec![
            true.into(),
            me.jabatan_id.into(),
            true.into(),
            me.pegawai_id.into(),
            today.into(),
            today.into(),
            me.pegawai_id.into(),
            true.into(),
        ]
    }

    fn bangun(&self, backend: DbBackend) -> Statement {
        backend.build(&self.query())
    }
}

/// [`tim_dengan_jabatan`] with the rows of its first level already read, by the statement
/// of [`tingkat_pertama`] for the same raters and day; the deeper levels, beneath vacant
/// jabatan, it reads itself.
pub(crate) async fn tim_dengan_jabatan_dari<C: ConnectionTrait + 'static, M: Anggota>(
    db: &C,
    raters: &[Pejabat],
    today: NaiveDate,
    first_rows: Vec<Bawahan<M>>,
) -> CoreResult<(HashMap<i32, Vec<M>>, HashMap<i32, String>)> {
    let mut teams: HashMap<i32, Vec<M>> =
        raters.iter().map(|r| (r.pegawai_id, Vec::new())).collect();
    let mut nama_jabatan: HashMap<i32, String> = HashMap::new();
    if raters.is_empty() {
        return Ok((teams, nama_jabatan));
    }
    let rater_ids: HashSet<i32> = raters.iter().map(|r| r.pegawai_id).collect();
    let mut first_rows = Some(first_rows);
    // (rater, jabatan) pairs still to look beneath: their own jabatan and those they act in.
    let mut frontier: Vec<(i32, i32)> = raters
        .iter()
        .map(|r| (r.pegawai_id, r.jabatan_id))
        .collect();
    // The first level also reads the jabatan below those the raters act in today, with who acts
    // (`Bawahan::lewat`), and the manual overrides naming a rater. There always is a first level:
    // the frontier starts with the raters.
    let mut manual = Vec::new();
    for level in 0..MAX_DEPTH {
        if frontier.is_empty() {
            break;
        }
        let first = level == 0;
        let rows: Vec<Bawahan<M>> = match first_rows.take() {
            Some(rows) => rows,
            None => {
                let above: HashSet<i32> = frontier.iter().map(|(_, j)| *j).collect();
                let q = tingkat::<M>(&above, None);
                baca::all(db, db.get_database_backend().build(&q)).await?
            }
        };
        // The jabatan below (id, atasan), each once; their holders, each once; the overrides.
        let mut below: Vec<(i32, Option<i32>)> = Vec::new();
        let mut seen = HashSet::new();
        let mut holders = Vec::new();
        let mut held = HashSet::new();
        let mut overrides = Vec::new();
        for row in rows {
            if let (Some(p), Some(nama)) = (&row.pemegang, &row.nama_jabatan) {
                nama_jabatan.entry(p.id()).or_insert_with(|| nama.clone());
            }
            let Some(j) = row.jabatan else {
                overrides.extend(row.pemegang);
                continue;
            };
            // A rater acting in the jabatan above this one looks beneath it too.
            if let (Some(rater), Some(atasan)) = (row.lewat, j.1)
                && !frontier.contains(&(rater, atasan))
            {
                frontier.push((rater, atasan));
            }
            if seen.insert(j.0) {
                below.push(j);
            }
            if let Some(p) = row.pemegang
                && held.insert((j.0, p.id()))
            {
                holders.push(p);
            }
        }
        if first {
            manual = overrides;
        }
        if below.is_empty() {
            break;
        }
        holders.sort_by(|a, b| (a.nama_lower(), a.id()).cmp(&(b.nama_lower(), b.id())));
        let mut children: HashMap<i32, Vec<i32>> = HashMap::new();
        for (id, atasan) in &below {
            if let Some(a) = atasan {
                children.entry(*a).or_default().push(*id);
            }
        }
        let mut by_jabatan: HashMap<i32, Vec<&M>> = HashMap::new();
        for h in &holders {
            by_jabatan.entry(h.jabatan_id()).or_default().push(h);
        }
        // Jabatan with no definitive holder other than a rater may still have a Plt./Plh.
        let unfilled: Vec<i32> = below
            .iter()
            .map(|(id, _)| *id)
            .filter(|id| {
                by_jabatan
                    .get(id)
                    .is_none_or(|hs| hs.iter().all(|h| rater_ids.contains(&h.id())))
            })
            .collect();
        let acting = acting_in(db, unfilled, today).await?;
        let acting_active: HashSet<i32> = if acting.is_empty() {
            HashSet::new()
        } else {
            let q = pegawai::Entity::find()
                .select_only()
                .column(pegawai::Column::Id)
                .filter(pegawai::Column::Id.is_in(acting.iter().map(|a| a.pegawai_id)))
                .filter(pegawai::Column::Aktif.eq(true))
                .build(db.get_database_backend());
            baca::all::<(i32,), _>(db, q)
                .await?
                .into_iter()
                .map(|(id,)| id)
                .collect()
        };
        let mut next = Vec::new();
        for (rater, jid) in frontier {
            for child in children.get(&jid).into_iter().flatten() {
                let held: Vec<&M> = by_jabatan
                    .get(child)
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|h| h.id() != rater)
                    .collect();
                let stand_in = acting.iter().any(|a| {
                    a.jabatan_id == *child
                        && a.pegawai_id != rater
                        && acting_active.contains(&a.pegawai_id)
                });
                if held.is_empty() && !stand_in {
                    next.push((rater, *child));
                }
                let team = teams.entry(rater).or_default();
                team.extend(
                    held.into_iter()
                        .filter(|h| h.penilai_manual_id().is_none_or(|m| m == rater))
                        .cloned(),
                );
            }
        }
        frontier = next;
    }
    for m in manual {
        let Some(rater) = m.penilai_manual_id() else {
            continue;
        };
        let team = teams.entry(rater).or_default();
        if !team.iter().any(|t| t.id() == m.id()) {
            team.push(m);
        }
    }
    for team in teams.values_mut() {
        let mut seen = HashSet::new();
        team.retain(|t| seen.insert(t.id()));
        team.sort_by(|a, b| a.nama_lower().cmp(b.nama_lower()));
    }
    Ok((teams, nama_jabatan))
}

/// One row of a level of the team walk: a jabatan below the frontier with one of its active
/// holders (none when it is vacant), or, on the first level, an active pegawai whose manual
/// override names a rater (no jabatan). The holder's columns come first, as `M` reads them
/// ([`Anggota::kolom`]), then the jabatan's id and atasan, the acting rater and the jabatan's
/// name ([`kolom_bawahan`] columns in all).
pub(crate) struct Bawahan<M> {
    pemegang: Option<M>,
    jabatan: Option<(i32, Option<i32>)>,
    /// The rater acting (PLT/PLH) today in the jabatan's atasan, on the rows read through an
    /// assignment.
    lewat: Option<i32>,
    /// The name of the holder's own jabatan: the jabatan of the row, or on an override's row
    /// the one it holds.
    nama_jabatan: Option<String>,
}

/// Where the jabatan's columns begin in a [`Bawahan`] row.
fn kolom_jabatan<M: Anggota>() -> usize {
    M::kolom().len()
}

/// The number of columns of a [`Bawahan`] row: what follows them in a row is another reader's.
pub(crate) fn kolom_bawahan<M: Anggota>() -> usize {
    kolom_jabatan::<M>() + 4
}

impl<M: Anggota> baca::Row for Bawahan<M> {
    fn from_row(row: &baca::Baris<'_>) -> Result<Self, DbErr> {
        let n = kolom_jabatan::<M>();
        let pemegang = match row.null_id(0)? {
            true => None,
            false => Some(M::from_row(row)?),
        };
        let jabatan = match row.get::<Option<i32>>(n)? {
            Some(id) => Some((id, row.get(n + 1)?)),
            None => None,
        };
        Ok(Bawahan {
            pemegang,
            jabatan,
            lewat: row.get(n + 2)?,
            nama_jabatan: row.get(n + 3)?,
        })
    }
}

/// The statement of one level of the walk: the jabatan whose atasan is one of `above`, each with
/// its active holders. On the first level (`first`: the raters and the day) also the jabatan below
/// those a rater acts in that day, with the rater, and the active pegawai whose manual override
/// names a rater. One statement rather than the assignments, the jabatan and then their holders:
/// every statement costs more than its rows (`docs/PERFORMANCE.md`). The assignments are a branch
/// of their own, joined from `penugasan_plt`, because an `OR` with a subquery on `atasan_id` made
/// PostgreSQL scan every jabatan.
fn tingkat<M: Anggota>(
    above: &HashSet<i32>,
    first: Option<(&HashSet<i32>, NaiveDate)>,
) -> SelectStatement {
    let kolom = || M::kolom().into_iter().map(|c| (pegawai::Entity, c));
    let aktif = || Expr::col((pegawai::Entity, pegawai::Column::Aktif)).eq(true);
    let holder = || {
        Expr::col((pegawai::Entity, pegawai::Column::JabatanId))
            .equals((jabatan::Entity, jabatan::Column::Id))
            .and(aktif())
    };
    let jabatan_kolom = |q: &mut SelectStatement| {
        q.expr_as(Expr::col((jabatan::Entity, jabatan::Column::Id)), "j_id")
            .expr_as(
                Expr::col((jabatan::Entity, jabatan::Column::AtasanId)),
                "j_atasan",
            );
    };
    let nama = || Expr::col((jabatan::Entity, jabatan::Column::Nama));
    let mut q = Query::select().columns(kolom()).to_owned();
    jabatan_kolom(&mut q);
    q.expr_as(Expr::cust("CAST(NULL AS INTEGER)"), "lewat")
        .expr_as(nama(), "nama_jabatan")
        .from(jabatan::Entity)
        .left_join(pegawai::Entity, holder())
        .and_where(
            Expr::col((jabatan::Entity, jabatan::Column::AtasanId)).is_in(above.iter().copied()),
        );
    let Some((raters, today)) = first else {
        return q;
    };
    let mut acting = Query::select().columns(kolom()).to_owned();
    jabatan_kolom(&mut acting);
    acting
        .expr_as(
            Expr::col((penugasan_plt::Entity, penugasan_plt::Column::PegawaiId)),
            "lewat",
        )
        .expr_as(nama(), "nama_jabatan")
        .from(penugasan_plt::Entity)
        .inner_join(
            jabatan::Entity,
            Expr::col((jabatan::Entity, jabatan::Column::AtasanId))
                .equals((penugasan_plt::Entity, penugasan_plt::Column::JabatanId)),
        )
        .left_join(pegawai::Entity, holder())
        .and_where(
            Expr::col((penugasan_plt::Entity, penugasan_plt::Column::PegawaiId))
                .is_in(raters.iter().copied()),
        )
        .cond_where(active_on(today));
    let manual = Query::select()
        .columns(kolom())
        .expr_as(Expr::cust("NULL"), "j_id")
        .expr_as(Expr::cust("NULL"), "j_atasan")
        .expr_as(Expr::cust("NULL"), "lewat")
        .expr_as(nama(), "nama_jabatan")
        .from(pegawai::Entity)
        .inner_join(
            jabatan::Entity,
            Expr::col((jabatan::Entity, jabatan::Column::Id))
                .equals((pegawai::Entity, pegawai::Column::JabatanId)),
        )
        .and_where(
            Expr::col((pegawai::Entity, pegawai::Column::PenilaiManualId))
                .is_in(raters.iter().copied()),
        )
        .and_where(aktif())
        .to_owned();
    q.union(UnionType::All, acting)
        .union(UnionType::All, manual);
    q
}

/// May `actor` see `target` as their penilai or atasan penilai?
pub async fn aktor_menilai<C: ConnectionTrait + 'static>(
    db: &C,
    actor: &Actor,
    target: &pegawai::Model,
    today: NaiveDate,
) -> CoreResult<bool> {
    let Some(me) = actor.pegawai_id else {
        return Ok(false);
    };
    if me == target.id {
        return Ok(false);
    }
    let (penilai, atasan) = rantai(db, target, today).await?;
    Ok(penilai.is_some_and(|p| p.pegawai.id == me) || atasan.is_some_and(|a| a.pegawai.id == me))
}

/// The team of `me`: those they rate, and with `semua` everyone beneath them (the unit head's
/// view), each with the depth at which they sit.
pub async fn anggota_tim<C: ConnectionTrait + 'static>(
    db: &C,
    me: Pejabat,
    semua: bool,
    today: NaiveDate,
) -> CoreResult<Vec<(pegawai::Model, usize)>> {
    Ok(jalan_tim::<_, pegawai::Model>(db, me, semua, today, None)
        .await?
        .anggota)
}

/// What the team walk found: the members (as `M` holds them) with their depth, and the name of
/// each one's jabatan by pegawai id.
pub(crate) struct JalanTim<M> {
    pub(crate) anggota: Vec<(M, usize)>,
    pub(crate) nama_jabatan: HashMap<i32, String>,
}

/// [`anggota_tim`], with the name of each member's jabatan as the walk read it. `pertama` is the
/// walk's first level when the caller has read it already (the monitoring page on PostgreSQL reads
/// it with the figures of its members); the walk reads every other level itself.
pub(crate) async fn jalan_tim<C: ConnectionTrait + 'static, M: Anggota>(
    db: &C,
    me: Pejabat,
    semua: bool,
    today: NaiveDate,
    mut pertama: Option<Vec<Bawahan<M>>>,
) -> CoreResult<JalanTim<M>> {
    let mut out = JalanTim {
        anggota: Vec::new(),
        nama_jabatan: HashMap::new(),
    };
    let mut seen: HashSet<i32> = HashSet::from([me.pegawai_id]);
    let mut frontier = vec![me];
    for depth in 1..=if semua { 12 } else { 1 } {
        let (mut teams, nama) = match pertama.take() {
            Some(rows) => tim_dengan_jabatan_dari(db, &frontier, today, rows).await?,
            None => tim_dengan_jabatan(db, &frontier, today).await?,
        };
        out.nama_jabatan.extend(nama);
        let mut next = Vec::new();
        for p in &frontier {
            for m in teams.remove(&p.pegawai_id).unwrap_or_default() {
                if seen.insert(m.id()) {
                    next.push(Pejabat::dari(&m));
                    out.anggota.push((m, depth));
                }
            }
        }
        if next.is_empty() || out.anggota.len() > 2000 {
            break;
        }
        frontier = next;
    }
    Ok(out)
}
