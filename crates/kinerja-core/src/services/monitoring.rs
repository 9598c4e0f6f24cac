//! Monitoring (`DOMAIN.md` §5): the penilai's team at a glance (SKP state, last activity, share
//! verified, progress per RHK against target, who has not filled in), and for the admin the
//! fill-in progress per unit. Every figure comes from grouped queries over the whole team, never
//! a query per member.

use crate::actor::Actor;
use crate::db::entities::{aktivitas, iki, jabatan, pegawai, periode, rhk, skp, unit_kerja};
use crate::error::{CoreError, CoreResult};
use crate::rules::alur_skp;
use crate::rules::nilai::persen;
use crate::services::{aktivitas as aktivitas_svc, keluaran, penilai, skp as skp_svc};
use chrono::{Datelike, NaiveDate};
use sea_orm::sea_query::{Alias, Expr, Func};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::{HashMap, HashSet};

/// Progress of one RHK: verified output in the unit of its kuantitas indicator against the
/// annual target (hundredths).
#[derive(Debug, Clone)]
pub struct ProgresRhk {
    pub rhk_id: i32,
    pub teks: String,
    pub capai: i64,
    pub target: i64,
    pub satuan: String,
    pub persen: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct Anggota {
    pub pegawai: pegawai::Model,
    pub jabatan: String,
    /// Depth under the actor: 1 for those they rate directly.
    pub tingkat: usize,
    pub skp: Option<skp::Model>,
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

/// The period (month or quarter) of an instansi that contains `today`.
pub async fn periode_kini<C: ConnectionTrait>(
    db: &C,
    instansi_id: i32,
    today: NaiveDate,
) -> CoreResult<Option<periode::Model>> {
    Ok(periode::Entity::find()
        .filter(periode::Column::InstansiId.eq(instansi_id))
        .filter(periode::Column::Jenis.ne("TAHUNAN"))
        .filter(periode::Column::Mulai.lte(today))
        .filter(periode::Column::Selesai.gte(today))
        .one(db)
        .await?)
}

/// The actor's team: those they rate, and with `semua` everyone beneath them (the unit head's
/// view), each with the depth at which they sit.
pub async fn anggota_tim<C: ConnectionTrait>(
    db: &C,
    me: &pegawai::Model,
    semua: bool,
    today: NaiveDate,
) -> CoreResult<Vec<(pegawai::Model, usize)>> {
    let mut out = Vec::new();
    let mut seen: HashSet<i32> = HashSet::from([me.id]);
    let mut frontier = vec![me.clone()];
    for depth in 1..=if semua { 12 } else { 1 } {
        let mut teams = penilai::teams_of(db, &frontier, today).await?;
        let mut next = Vec::new();
        for p in &frontier {
            for m in teams.remove(&p.id).unwrap_or_default() {
                if seen.insert(m.id) {
                    out.push((m.clone(), depth));
                    next.push(m);
                }
            }
        }
        if next.is_empty() || out.len() > 2000 {
            break;
        }
        frontier = next;
    }
    Ok(out)
}

/// The monitoring view of the actor's team.
pub async fn tim<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    semua: bool,
    today: NaiveDate,
) -> CoreResult<Tim> {
    let pid = actor.pegawai_id.ok_or(CoreError::Forbidden)?;
    let me = pegawai::Entity::find_by_id(pid)
        .one(db)
        .await?
        .ok_or(CoreError::Forbidden)?;
    let members = anggota_tim(db, &me, semua, today).await?;
    let per = periode_kini(db, me.instansi_id, today).await?;
    let anggota = ringkas(db, members, per.as_ref(), today).await?;
    Ok(Tim {
        periode: per,
        anggota,
    })
}

/// Figures for a list of pegawai, in a fixed number of queries.
pub async fn ringkas<C: ConnectionTrait>(
    db: &C,
    members: Vec<(pegawai::Model, usize)>,
    per: Option<&periode::Model>,
    today: NaiveDate,
) -> CoreResult<Vec<Anggota>> {
    let ids: Vec<i32> = members.iter().map(|(p, _)| p.id).collect();
    let jab_ids: Vec<i32> = members.iter().map(|(p, _)| p.jabatan_id).collect();
    let jabatan: HashMap<i32, String> = jabatan::Entity::find()
        .filter(jabatan::Column::Id.is_in(jab_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|j| (j.id, j.nama))
        .collect();
    let tahun = today.year();
    let skps = skp_svc::berlaku_banyak(db, &ids, tahun).await?;
    // One index seek per member (the MAX of a correlated subquery reads the last entry of
    // aktivitas(pegawai_id, tanggal, …)) instead of scanning a year of activities per member.
    let terakhir: HashMap<i32, NaiveDate> = pegawai::Entity::find()
        .select_only()
        .column(pegawai::Column::Id)
        .column_as(
            Expr::cust("(SELECT MAX(a.tanggal) FROM aktivitas a WHERE a.pegawai_id = pegawai.id)"),
            "terakhir",
        )
        .filter(pegawai::Column::Id.is_in(ids.clone()))
        .into_tuple::<(i32, Option<NaiveDate>)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(p, d)| d.map(|d| (p, d)))
        .collect();
    let mut counts: HashMap<(i32, String), i64> = HashMap::new();
    if let Some(per) = per {
        let rows: Vec<(i32, String, i64)> = aktivitas::Entity::find()
            .select_only()
            .column(aktivitas::Column::PegawaiId)
            .column(aktivitas::Column::Status)
            .column_as(
                Expr::expr(Func::cast_as(
                    Func::count(Expr::col(aktivitas::Column::Id)),
                    Alias::new("BIGINT"),
                )),
                "n",
            )
            .filter(aktivitas::Column::PegawaiId.is_in(ids.clone()))
            .filter(aktivitas::Column::Tanggal.gte(per.mulai))
            .filter(aktivitas::Column::Tanggal.lte(per.selesai))
            .group_by(aktivitas::Column::PegawaiId)
            .group_by(aktivitas::Column::Status)
            .into_tuple()
            .all(db)
            .await?;
        for (p, s, n) in rows {
            counts.insert((p, s), n);
        }
    }
    let skp_ids: Vec<i32> = skps.values().map(|s| s.id).collect();
    let rhks = rhk::Entity::find()
        .filter(rhk::Column::SkpId.is_in(skp_ids))
        .order_by_asc(rhk::Column::Urutan)
        .all(db)
        .await?;
    let rhk_ids: Vec<i32> = rhks.iter().map(|r| r.id).collect();
    let ikis = iki::Entity::find()
        .filter(iki::Column::RhkId.is_in(rhk_ids.clone()))
        .filter(iki::Column::Aspek.eq("KUANTITAS"))
        .order_by_asc(iki::Column::Id)
        .all(db)
        .await?;
    // The running totals of the year's SKPs are their totals for the year to date.
    let keluaran = keluaran::per_rhk(db, rhk_ids).await?;
    let mut out = Vec::new();
    for (p, tingkat) in members {
        let skp = skps.get(&p.id).cloned();
        let progres = match &skp {
            Some(s) => rhks
                .iter()
                .filter(|r| r.skp_id == s.id)
                .map(|r| {
                    let i = ikis.iter().find(|i| i.rhk_id == r.id);
                    let target = i.and_then(|i| i.target_nilai).unwrap_or(0);
                    let satuan = i.map(|i| i.satuan.clone()).unwrap_or_default();
                    let capai = keluaran
                        .get(&(r.id, satuan.trim().to_lowercase()))
                        .copied()
                        .unwrap_or(0);
                    ProgresRhk {
                        rhk_id: r.id,
                        teks: r.teks.clone(),
                        capai,
                        target,
                        satuan,
                        persen: persen(capai, target),
                    }
                })
                .collect(),
            None => Vec::new(),
        };
        let c = |s: &str| counts.get(&(p.id, s.to_string())).copied().unwrap_or(0);
        let (draft, diajukan, disetujui, kembali) = (
            c(aktivitas_svc::DRAFT),
            c(aktivitas_svc::DIAJUKAN),
            c(aktivitas_svc::DISETUJUI),
            c(aktivitas_svc::DIKEMBALIKAN),
        );
        out.push(Anggota {
            jabatan: jabatan.get(&p.jabatan_id).cloned().unwrap_or_default(),
            terakhir: terakhir.get(&p.id).copied(),
            jumlah: draft + diajukan + disetujui + kembali,
            diajukan,
            disetujui,
            skp,
            progres,
            pegawai: p,
            tingkat,
        });
    }
    Ok(out)
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
pub async fn progres_unit<C: ConnectionTrait>(
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
        .filter(skp::Column::Tahun.eq(today.year()))
        .filter(skp::Column::Status.is_not_in([alur_skp::DIGANTI, alur_skp::DITUTUP]))
        .into_tuple()
        .all(db)
        .await?;
    let per = periode_kini(db, instansi_id, today).await?;
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
