//! Monitoring (`DOMAIN.md` §5): the penilai's team at a glance (SKP state, last activity, share
//! verified, progress per RHK against target, who has not filled in), and for the admin the
//! fill-in progress per unit. Every figure comes from grouped queries over the whole team, never
//! a query per member.

use crate::actor::Actor;
use crate::db::baca::{self, RowAt};
use crate::db::entities::{aktivitas, pegawai, periode, skp, unit_kerja};
use crate::error::{CoreError, CoreResult};
use crate::rules::alur_skp;
use crate::rules::nilai::persen;
use crate::services::organisasi::penilai::{self, AnggotaTim, Bawahan, Pejabat, TingkatSatu};
use crate::services::{
    perencanaan::periode as periode_svc, ringkasan::hitungan, ringkasan::skp as ringkasan_skp,
};
use chrono::{Datelike, NaiveDate};
use sea_orm::sea_query::Value;
use sea_orm::sea_query::{
    Alias, Asterisk, ColumnRef, CommonTableExpression, Expr, ExprTrait, Query, SelectStatement,
    UnionType, WithClause, WithQuery,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Statement,
};
use std::collections::{HashMap, HashSet};

pub use crate::services::ringkasan::skp::ProgresRhk;

#[derive(Debug, Clone)]
pub struct Anggota {
    /// The columns of the member's `pegawai` row that the page shows.
    pub pegawai: AnggotaTim,
    pub jabatan: String,
    /// Depth under the actor: 1 for those they rate directly.
    pub tingkat: usize,
    pub skp: Option<crate::services::ringkasan::skp::SkpBerlaku>,
    pub terakhir: Option<NaiveDate>,
    /// Activities in the current period, by state.
    pub jumlah: i64,
    pub diajukan: i64,
    pub disetujui: i64,
    pub progres: Vec<ProgresRhk>,
}

impl Anggota {
    pub fn skp_label(&self) -> &'static str {
        self.skp
            .as_ref()
            .map_or("Belum ada SKP", |s| alur_skp::label(&s.status))
    }

    /// Share of this period's submitted or verified activities that are verified.
    pub fn persen_verifikasi(&self) -> Option<i64> {
        persen(self.disetujui, self.diajukan + self.disetujui)
    }

    /// Nothing recorded in the current period.
    pub fn belum_mengisi(&self) -> bool {
        self.jumlah == 0
    }
}

pub struct Tim {
    pub periode: Option<periode::Model>,
    pub anggota: Vec<Anggota>,
}

impl Tim {
    pub fn belum_mengisi(&self) -> usize {
        self.anggota.iter().filter(|a| a.belum_mengisi()).count()
    }
}

/// A row of [`tingkat_dengan_angka`]: one of the walk's first level, or the figures of a
/// pegawai on it.
enum BarisTim {
    Bawahan(Bawahan<AnggotaTim>),
    Angka(BarisAngka),
}

/// The columns of [`angka_dari`]: id, last activity, the period's counts (all, submitted,
/// verified), and the SKP's id, state and progress.
type BarisAngka = (
    i32,
    Option<NaiveDate>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i32>,
    Option<String>,
    Option<String>,
);

impl baca::Row for BarisTim {
    fn from_row(row: &baca::Baris<'_>) -> Result<Self, sea_orm::DbErr> {
        let n = penilai::kolom_bawahan::<AnggotaTim>();
        Ok(match BarisAngka::optional_at(row, n)? {
            Some(angka) => BarisTim::Angka(angka),
            None => BarisTim::Bawahan(Bawahan::from_row(row)?),
        })
    }
}

/// The first level of the walk beneath `me` (`penilai::TingkatSatu`) and the figures of
/// every pegawai on it ([`angka_dari`]), in one statement, for PostgreSQL ([`tim_dalam`]): the
/// level is a common table expression, its rows are read with the figures' NULL after them,
/// and the figures of its distinct pegawai follow with the level's columns NULL. A union rather
/// than a join of the two, so that the figures keep the plan of [`angka_anggota`] (the groups
/// outside, the kept SKP rows joined to them). The level's rows are a few more than the members
/// (the vacant jabatan, a holder rated by someone else through an override), and so are the
/// figures; the walk decides who belongs. A round trip fewer for the page
/// (`docs/PERFORMANCE.md`).
///
/// The statement's text depends only on whether there is a period: one rater, one jabatan
/// above the level. Built once for each ([`baca::Bacaan`]) rather than by sea-query on every
/// request, the page costs the server much less CPU. The values are given in the
/// order the text binds them; debug builds, and so every test, build it again and compare.
async fn tingkat_dengan_angka<C: ConnectionTrait + 'static>(
    db: &C,
    me: Pejabat,
    periode: Option<&periode::Model>,
    today: NaiveDate,
) -> CoreResult<(Vec<Bawahan<AnggotaTim>>, HashMap<i32, AngkaAnggota>)> {
    let bacaan = TimDenganAngka { me, periode, today };
    let rows: Vec<BarisTim> = baca::semua(db, &bacaan).await?;
    let mut bawahan = Vec::new();
    let mut angka = HashMap::new();
    for row in rows {
        match row {
            BarisTim::Bawahan(b) => bawahan.push(b),
            BarisTim::Angka(a) => {
                let (id, a) = urai_angka(a)?;
                angka.insert(id, a);
            }
        }
    }
    Ok((bawahan, angka))
}

/// The named read of [`tingkat_dengan_angka`]: a rater, the period (if any) and the day.
struct TimDenganAngka<'a> {
    me: Pejabat,
    periode: Option<&'a periode::Model>,
    today: NaiveDate,
}

impl baca::Bacaan for TimDenganAngka<'_> {
    type Baris = BarisTim;

    fn teks(&self) -> &'static baca::Fixed {
        static DENGAN_PERIODE: baca::Fixed = baca::Fixed::new();
        static TANPA_PERIODE: baca::Fixed = baca::Fixed::new();
        match self.periode {
            Some(_) => &DENGAN_PERIODE,
            None => &TANPA_PERIODE,
        }
    }

    /// The first level's values, then the period's months and the year of the figures.
    fn nilai(&self) -> Vec<Value> {
        let mut values = TingkatSatu::<AnggotaTim>::baru(self.me, self.today).nilai();
        if let Some(p) = self.periode {
            values.extend([hitungan::bulan(p.mulai).into(), p.selesai.into()]);
        }
        values.push(self.today.year().into());
        values
    }

    fn bangun(&self, backend: DbBackend) -> Statement {
        backend.build(&tingkat_dengan_angka_query(
            self.me,
            self.periode,
            self.today,
        ))
    }
}

/// The statement of [`tingkat_dengan_angka`], built with sea-query.
pub(crate) fn tingkat_dengan_angka_query(
    me: Pejabat,
    per: Option<&periode::Model>,
    today: NaiveDate,
) -> WithQuery {
    let pertama = TingkatSatu::<AnggotaTim>::baru(me, today).query();
    let t = Alias::new("t");
    let mut baris = Query::select();
    baris.column((t.clone(), Asterisk)).from(t.clone());
    // Typed, or PostgreSQL resolves the first branch's NULL as text and refuses the union.
    for (jenis, nama) in [
        ("INTEGER", "a_id"),
        ("DATE", "a_terakhir"),
        ("BIGINT", "a_jumlah"),
        ("BIGINT", "a_diajukan"),
        ("BIGINT", "a_disetujui"),
        ("INTEGER", "a_skp_id"),
        ("TEXT", "a_skp_status"),
        ("TEXT", "a_progres"),
    ] {
        baris.expr_as(Expr::cust(format!("CAST(NULL AS {jenis})")), nama);
    }
    let m = Alias::new("m");
    let id = ColumnRef::from((t.clone(), pegawai::Column::Id));
    let ids = Query::select()
        .distinct()
        .column(id.clone())
        .from(t.clone())
        .and_where(Expr::col(id).is_not_null())
        .to_owned();
    let angka = angka_dari(
        |q| {
            q.from_subquery(ids, m.clone());
        },
        ColumnRef::from((m.clone(), pegawai::Column::Id)),
        penilai::kolom_bawahan::<AnggotaTim>(),
        per,
        today.year(),
    );
    baris.union(UnionType::All, angka);
    let cte = CommonTableExpression::new()
        .query(pertama)
        .table_name(t)
        .to_owned();
    baris.with(WithClause::new().cte(cte).to_owned())
}

/// The monitoring view of the actor's team, in the current period of their instansi.
pub async fn tim<C: ConnectionTrait + 'static>(
    db: &C,
    actor: &Actor,
    semua: bool,
    today: NaiveDate,
) -> CoreResult<Tim> {
    let (Some(_), Some(instansi_id)) = (actor.pegawai_id, actor.instansi_id) else {
        return Err(CoreError::Forbidden);
    };
    let per = periode_svc::kini(db, instansi_id, today).await?;
    tim_dalam(db, actor, per, semua, today).await
}

/// [`tim`] with the current period already read: the monitoring page reads it with the session
/// (`auth::actor_for_page_kini`), a round trip fewer. `per` must be the period of the actor's
/// instansi that holds `today`; another instansi's is refused.
pub async fn tim_dalam<C: ConnectionTrait + 'static>(
    db: &C,
    actor: &Actor,
    per: Option<periode::Model>,
    semua: bool,
    today: NaiveDate,
) -> CoreResult<Tim> {
    let (Some(pegawai_id), Some(jabatan_id), Some(instansi_id)) =
        (actor.pegawai_id, actor.jabatan_id, actor.instansi_id)
    else {
        return Err(CoreError::Forbidden);
    };
    if per
        .as_ref()
        .is_some_and(|p| p.instansi_id != instansi_id || !(p.mulai..=p.selesai).contains(&today))
    {
        return Err(CoreError::Forbidden);
    }
    let me = Pejabat {
        pegawai_id,
        jabatan_id,
    };
    // On PostgreSQL the first level comes with its figures, a round trip fewer; on SQLite,
    // where a statement has none, the one statement cost 15% more CPU per page than the level
    // and the figures apart (`docs/PERFORMANCE.md`), so there they stay apart.
    let (pertama, angka) = match db.get_database_backend() {
        DbBackend::Postgres => {
            let (rows, angka) = tingkat_dengan_angka(db, me, per.as_ref(), today).await?;
            (Some(rows), angka)
        }
        _ => (None, HashMap::new()),
    };
    let jalan = penilai::jalan_tim(db, me, semua, today, pertama).await?;
    let anggota = ringkas(db, jalan, angka, per.as_ref(), today).await?;
    Ok(Tim {
        periode: per,
        anggota,
    })
}

/// The page's rows of the members the walk found: the members' own figures with their SKPs
/// in force and the progress of their RHK (one kept row each in `services::ringkasan::skp`).
/// Those in `angka` (the walk's first level on PostgreSQL, read with it) are taken as they are;
/// the others are read in one statement whatever their number. Each statement costs more
/// than the rows it returns (`docs/PERFORMANCE.md`), so what can be read together is.
async fn ringkas<C: ConnectionTrait + 'static>(
    db: &C,
    jalan: penilai::JalanTim<AnggotaTim>,
    mut angka: HashMap<i32, AngkaAnggota>,
    per: Option<&periode::Model>,
    today: NaiveDate,
) -> CoreResult<Vec<Anggota>> {
    let penilai::JalanTim {
        anggota: members,
        mut nama_jabatan,
    } = jalan;
    let ids: Vec<i32> = members
        .iter()
        .map(|(p, _)| p.id)
        .filter(|id| !angka.contains_key(id))
        .collect();
    angka.extend(angka_anggota(db, &ids, per, today.year()).await?);
    let mut out = Vec::new();
    for (p, tingkat) in members {
        let a = angka.remove(&p.id).unwrap_or_default();
        let (skp, progres) = match a.skp {
            Some((skp, progres)) => (Some(skp), progres),
            None => (None, Vec::new()),
        };
        out.push(Anggota {
            jabatan: nama_jabatan.remove(&p.id).unwrap_or_default(),
            terakhir: a.terakhir,
            jumlah: a.jumlah,
            diajukan: a.diajukan,
            disetujui: a.disetujui,
            skp,
            progres,
            pegawai: p,
            tingkat,
        });
    }
    Ok(out)
}

/// A member's figures: last activity, this period's activities (all, submitted, verified), and
/// their SKP in force in the year with its RHK's progress.
#[derive(Debug, Default)]
struct AngkaAnggota {
    terakhir: Option<NaiveDate>,
    jumlah: i64,
    diajukan: i64,
    disetujui: i64,
    skp: Option<ringkasan_skp::Ringkasan>,
}

/// [`AngkaAnggota`] of `ids` in one statement ([`angka_dari`]), nothing asked for none. The ids
/// come as a `VALUES` list rather than from `pegawai`, which holds nothing the figures need: on
/// PostgreSQL that is an index descent and two buffers fewer per member (`docs/PERFORMANCE.md`).
/// Both databases name the list's column `column1`.
async fn angka_anggota<C: ConnectionTrait + 'static>(
    db: &C,
    ids: &[i32],
    per: Option<&periode::Model>,
    tahun: i32,
) -> CoreResult<HashMap<i32, AngkaAnggota>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let m = Alias::new("m");
    let q = angka_dari(
        |q| {
            q.from_values(ids.iter().copied(), m.clone());
        },
        ColumnRef::from((m.clone(), Alias::new("column1"))),
        0,
        per,
        tahun,
    );
    let rows: Vec<BarisAngka> = baca::all(db, db.get_database_backend().build(&q)).await?;
    rows.into_iter().map(urai_angka).collect()
}

/// The statement of the figures ([`BarisAngka`]) of the pegawai whose ids the column `id` of what
/// `sumber` adds to the FROM clause names, each once, after `kosong` NULL columns (for a union with
/// another reader's rows). The period's counts and its last activity are the members' rows of its
/// months in `services::ringkasan::hitungan`, grouped per member. No activity is dated after the
/// day it is recorded (`aktivitas::validasi`) and the period holds today, so a member's last
/// activity in the period is their last; only a member with none in it has theirs sought in
/// `aktivitas` (the MAX of a correlated subquery reads the last entry of aktivitas(pegawai_id,
/// tanggal, …)), which COALESCE evaluates only for them on both databases, and on a working team
/// that is hardly anyone. The SKP is the member's kept row of `tahun` (`ringkasan_skp::gabung`), joined
/// to the groups, so that it is read once per member and not sorted with the months' rows. The
/// groups are the outer side of that join, so SQLite runs them as a co-routine; on the inner side a
/// grouped subquery made SQLite build an automatic index on every request.
fn angka_dari(
    sumber: impl FnOnce(&mut SelectStatement),
    id: ColumnRef,
    kosong: usize,
    per: Option<&periode::Model>,
    tahun: i32,
) -> SelectStatement {
    let mut per_anggota = Query::select();
    per_anggota.expr_as(Expr::col(id.clone()), "id");
    sumber(&mut per_anggota);
    per_anggota.group_by_col(id.clone());
    match per {
        Some(per) => hitungan::per_periode(&mut per_anggota, id, per.mulai, per.selesai),
        None => {
            // Typed, or PostgreSQL takes the derived table's NULL for text and refuses its
            // COALESCE with a date, and its union with the counts of another statement.
            for k in ["jumlah", "diajukan", "disetujui"] {
                per_anggota.expr_as(Expr::cust("CAST(NULL AS BIGINT)"), k);
            }
            per_anggota.expr_as(Expr::cust("CAST(NULL AS DATE)"), "terakhir");
        }
    }
    let g = Alias::new("g");
    let kolom = |c: &str| Expr::col((g.clone(), Alias::new(c)));
    let mut q = Query::select();
    for _ in 0..kosong {
        q.expr(Expr::cust("NULL"));
    }
    q.expr(kolom("id"))
        .expr(Expr::cust(
            "COALESCE(g.terakhir, \
             (SELECT MAX(a.tanggal) FROM aktivitas a WHERE a.pegawai_id = g.id))",
        ))
        .expr(kolom("jumlah"))
        .expr(kolom("diajukan"))
        .expr(kolom("disetujui"))
        .from_subquery(per_anggota, g.clone());
    ringkasan_skp::gabung(&mut q, ColumnRef::from((g, Alias::new("id"))), tahun);
    q
}

/// A row of [`angka_dari`] as the page takes it, by pegawai id.
fn urai_angka(
    (id, terakhir, jumlah, diajukan, disetujui, skp_id, status, progres): BarisAngka,
) -> CoreResult<(i32, AngkaAnggota)> {
    let angka = AngkaAnggota {
        terakhir,
        jumlah: jumlah.unwrap_or_default(),
        diajukan: diajukan.unwrap_or_default(),
        disetujui: disetujui.unwrap_or_default(),
        skp: ringkasan_skp::urai_kolom(id, skp_id, status, progres)?,
    };
    Ok((id, angka))
}

/// Fill-in progress of one unit for the admin.
#[derive(Debug, Clone)]
pub struct UnitProgres {
    pub unit: unit_kerja::Model,
    pub pegawai: i64,
    pub punya_skp: i64,
    pub skp_ditetapkan: i64,
    pub mengisi: i64,
}

impl UnitProgres {
    pub fn persen_skp(&self) -> Option<i64> {
        persen(self.skp_ditetapkan, self.pegawai)
    }
    pub fn persen_mengisi(&self) -> Option<i64> {
        persen(self.mengisi, self.pegawai)
    }
}

/// Per unit of an instansi: active pegawai, how many have an SKP and a set SKP this year, and
/// how many recorded activities in the current period.
pub async fn progres_unit<C: ConnectionTrait + 'static>(
    db: &C,
    actor: &Actor,
    instansi_id: i32,
    today: NaiveDate,
) -> CoreResult<(Option<periode::Model>, Vec<UnitProgres>)> {
    actor.require_admin_instansi(instansi_id)?;
    let units = unit_kerja::Entity::find()
        .filter(unit_kerja::Column::InstansiId.eq(instansi_id))
        .order_by_asc(unit_kerja::Column::NamaLower)
        .all(db)
        .await?;
    let unit_of: HashMap<i32, i32> = pegawai::Entity::find()
        .select_only()
        .column(pegawai::Column::Id)
        .column(pegawai::Column::UnitKerjaId)
        .filter(pegawai::Column::InstansiId.eq(instansi_id))
        .filter(pegawai::Column::Aktif.eq(true))
        .into_tuple::<(i32, i32)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let skp_rows: Vec<(i32, String)> = skp::Entity::find()
        .select_only()
        .column(skp::Column::PegawaiId)
        .column(skp::Column::Status)
        .filter(skp::Column::InstansiId.eq(instansi_id))
        .filter(crate::services::ringkasan::skp::terbuka(today.year()))
        .into_tuple()
        .all(db)
        .await?;
    let per = periode_svc::kini(db, instansi_id, today).await?;
    let mengisi: Vec<i32> = match &per {
        Some(p) => {
            aktivitas::Entity::find()
                .select_only()
                .column(aktivitas::Column::PegawaiId)
                .distinct()
                .filter(aktivitas::Column::InstansiId.eq(instansi_id))
                .filter(aktivitas::Column::Tanggal.gte(p.mulai))
                .filter(aktivitas::Column::Tanggal.lte(p.selesai))
                .into_tuple()
                .all(db)
                .await?
        }
        None => Vec::new(),
    };
    let mut stats: HashMap<i32, (i64, HashSet<i32>, HashSet<i32>, i64)> = HashMap::new();
    for u in unit_of.values() {
        stats.entry(*u).or_default().0 += 1;
    }
    for (pid, status) in skp_rows {
        if let Some(u) = unit_of.get(&pid) {
            let e = stats.entry(*u).or_default();
            e.1.insert(pid);
            if status == alur_skp::DITETAPKAN {
                e.2.insert(pid);
            }
        }
    }
    for pid in mengisi {
        if let Some(u) = unit_of.get(&pid) {
            stats.entry(*u).or_default().3 += 1;
        }
    }
    let rows = units
        .into_iter()
        .map(|u| {
            let s = stats.remove(&u.id).unwrap_or_default();
            UnitProgres {
                unit: u,
                pegawai: s.0,
                punya_skp: s.1.len() as i64,
                skp_ditetapkan: s.2.len() as i64,
                mengisi: s.3,
            }
        })
        .collect();
    Ok((per, rows))
}
