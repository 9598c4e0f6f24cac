//! The organisational predikat and the distribution of the pegawai beneath it (`DOMAIN.md` §6.1
//! steps 1–2 and §6.4): the leader of the unit above sets a unit's predikat for a period; every
//! unit's scope (its pegawai and everyone in the units beneath, its own head counted in the unit
//! above, `docs/DECISIONS.md`) is compared with the pattern the predikat selects. The page and
//! the simulator read [`gambaran`]; handing out a result checks [`periksa_penetapan`];
//! `evaluasi_instansi` sums the same scopes with [`lingkup`].

use crate::actor::Actor;
use crate::db::entities::{evaluasi, jabatan, pegawai, periode, predikat_organisasi, unit_kerja};
use crate::error::{CoreError, CoreResult};
use crate::rules::distribusi::{self, PredikatOrganisasi, Sebaran};
use crate::rules::predikat::Predikat;
use crate::services::evaluasi::pengaturan::{self, Pengaturan};
use crate::services::organisasi::unit_kerja as unit_kerja_svc;
use crate::services::{jejak::audit, now};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QuerySelect, Set, TransactionTrait,
};
use std::collections::{HashMap, HashSet};

/// Adds `s` into `into`.
pub(crate) fn tambah(into: &mut Sebaran, s: &Sebaran) {
    for (a, b) in into.0.iter_mut().zip(s.0) {
        *a += b;
    }
}

/// Each unit's scope summed bottom-up: `per_unit` holds a unit's own pegawai less its head,
/// `kepala_di` the head of each unit (counted in the unit above). Only units for which `ambil`
/// holds are summed.
pub(crate) fn lingkup(
    per_unit: HashMap<i32, Sebaran>,
    kepala_di: HashMap<i32, Sebaran>,
    parent: &HashMap<i32, Option<i32>>,
    ambil: impl Fn(i32) -> bool,
) -> HashMap<i32, Sebaran> {
    let mut scope = per_unit;
    for (unit, s) in kepala_di {
        if let Some(Some(up)) = parent.get(&unit) {
            tambah(scope.entry(*up).or_default(), &s);
        }
    }
    let mut out: HashMap<i32, Sebaran> = HashMap::new();
    for (unit, s) in &scope {
        let mut cur = Some(*unit);
        let mut depth = 0;
        while let Some(u) = cur {
            if ambil(u) {
                tambah(out.entry(u).or_default(), s);
            }
            cur = parent.get(&u).copied().flatten();
            depth += 1;
            if depth > 64 {
                break;
            }
        }
    }
    out
}

/// One unit on the distribution page.
#[derive(Debug, Clone)]
pub struct Unit {
    pub id: i32,
    pub nama: String,
    pub kedalaman: usize,
    pub predikat: Option<PredikatOrganisasi>,
    pub catatan: String,
    pub sebaran: Sebaran,
    /// Rules of the pattern that do not hold (empty when met, unset or below the minimum size).
    pub aturan: Vec<String>,
    /// The actor may set this unit's predikat (the leader of a unit above, or the admin).
    pub dapat_menetapkan: bool,
}

/// The simulator's answer: the rules that would fail if `unit` had `predikat`.
#[derive(Debug, Clone)]
pub struct Simulasi {
    pub unit: i32,
    pub predikat: PredikatOrganisasi,
    pub aturan: Vec<String>,
}

pub struct Gambaran {
    pub periode: periode::Model,
    pub semua_periode: Vec<periode::Model>,
    pub pengaturan: Pengaturan,
    pub units: Vec<Unit>,
    pub simulasi: Option<Simulasi>,
}

/// What one period's distribution is computed from.
struct Data {
    units: Vec<unit_kerja::Model>,
    parent: HashMap<i32, Option<i32>>,
    /// jabatan id → (unit, atasan jabatan).
    jab: HashMap<i32, (i32, Option<i32>)>,
    /// (pegawai, unit, jabatan, predikat) of every evaluation with a predikat.
    evaluasi: Vec<(i32, i32, i32, Predikat)>,
    org: HashMap<i32, predikat_organisasi::Model>,
}

async fn muat<C: ConnectionTrait>(db: &C, per: &periode::Model) -> CoreResult<Data> {
    let units = unit_kerja::Entity::find()
        .filter(unit_kerja::Column::InstansiId.eq(per.instansi_id))
        .all(db)
        .await?;
    let parent = units.iter().map(|u| (u.id, u.parent_id)).collect();
    let jab = jabatan::Entity::find()
        .select_only()
        .column(jabatan::Column::Id)
        .column(jabatan::Column::UnitKerjaId)
        .column(jabatan::Column::AtasanId)
        .filter(jabatan::Column::InstansiId.eq(per.instansi_id))
        .into_tuple::<(i32, i32, Option<i32>)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, u, a)| (id, (u, a)))
        .collect();
    let evaluasi = evaluasi::Entity::find()
        .select_only()
        .column(evaluasi::Column::PegawaiId)
        .column(evaluasi::Column::UnitKerjaId)
        .column(evaluasi::Column::JabatanId)
        .column(evaluasi::Column::Predikat)
        .filter(evaluasi::Column::PeriodeId.eq(per.id))
        .filter(evaluasi::Column::Predikat.is_not_null())
        .into_tuple::<(i32, i32, i32, Option<String>)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(p, u, j, pr)| Some((p, u, j, Predikat::from_code(pr.as_deref()?)?)))
        .collect();
    let org = predikat_organisasi::Entity::find()
        .filter(predikat_organisasi::Column::PeriodeId.eq(per.id))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.unit_kerja_id, o))
        .collect();
    Ok(Data {
        units,
        parent,
        jab,
        evaluasi,
        org,
    })
}

impl Data {
    /// Every unit's scope, with pegawai `ganti.0`'s predikat replaced by `ganti.1` (added when
    /// they have none yet).
    fn sebaran(&self, ganti: Option<(i32, i32, i32, Predikat)>) -> HashMap<i32, Sebaran> {
        let mut per_unit: HashMap<i32, Sebaran> = HashMap::new();
        let mut kepala_di: HashMap<i32, Sebaran> = HashMap::new();
        let rows = self
            .evaluasi
            .iter()
            .filter(|r| ganti.is_none_or(|g| g.0 != r.0))
            .chain(ganti.as_ref());
        for (_, unit, jabatan_id, p) in rows {
            let target = if unit_kerja_svc::kepala(&self.jab, *jabatan_id) {
                &mut kepala_di
            } else {
                &mut per_unit
            };
            target.entry(*unit).or_default().0[p.index()] += 1;
        }
        lingkup(per_unit, kepala_di, &self.parent, |_| true)
    }

    /// The unit whose scope pegawai in `unit` with `jabatan_id` falls under and that has an
    /// organisational predikat: the nearest one up from their unit (from the unit above, for a
    /// unit's head).
    fn unit_berpredikat(&self, unit: i32, jabatan_id: i32) -> Option<i32> {
        let mut cur = if unit_kerja_svc::kepala(&self.jab, jabatan_id) {
            self.parent.get(&unit).copied().flatten()
        } else {
            Some(unit)
        };
        let mut depth = 0;
        while let Some(u) = cur {
            if self.org.contains_key(&u) {
                return Some(u);
            }
            cur = self.parent.get(&u).copied().flatten();
            depth += 1;
            if depth > 64 {
                break;
            }
        }
        None
    }
}

/// The rules failing for `org` on `s`, or none when the group is under the minimum size.
fn aturan(org: PredikatOrganisasi, s: &Sebaran, set: &Pengaturan) -> Vec<String> {
    if s.n() < set.ukuran_minimum {
        return Vec::new();
    }
    distribusi::periksa(org, s)
}

/// The units the actor leads (their jabatan heads the unit), for a pegawai.
async fn dipimpin<C: ConnectionTrait>(db: &C, actor: &Actor, data: &Data) -> CoreResult<Vec<i32>> {
    let Some(pid) = actor.pegawai_id else {
        return Ok(Vec::new());
    };
    let Some(p) = pegawai::Entity::find_by_id(pid).one(db).await? else {
        return Ok(Vec::new());
    };
    Ok(if unit_kerja_svc::kepala(&data.jab, p.jabatan_id) {
        vec![p.unit_kerja_id]
    } else {
        Vec::new()
    })
}

/// The distribution page for `periode_id` (the instansi's current period by default): every
/// unit the actor may see with its predikat, scope and failing rules, and, when `simulasi`
/// names a unit and a predikat, the rules that predikat would break, without saving anything.
/// The admin sees every unit; a unit head sees their unit and the units beneath and may set the
/// predikat of those beneath. Anyone else is refused.
pub async fn gambaran<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    instansi_id: i32,
    periode_id: Option<i32>,
    simulasi: Option<(i32, PredikatOrganisasi)>,
    today: chrono::NaiveDate,
) -> CoreResult<Gambaran> {
    let admin = actor.can_admin_instansi(instansi_id);
    if !admin && actor.instansi_id != Some(instansi_id) {
        return Err(CoreError::Forbidden);
    }
    let semua_periode = periode::Entity::find()
        .filter(periode::Column::InstansiId.eq(instansi_id))
        .all(db)
        .await?;
    let per = match periode_id {
        Some(id) => semua_periode.iter().find(|p| p.id == id).cloned(),
        None => semua_periode
            .iter()
            .filter(|p| p.jenis != "TAHUNAN" && p.mulai <= today && today <= p.selesai)
            .max_by_key(|p| p.mulai)
            .or_else(|| semua_periode.iter().max_by_key(|p| p.mulai))
            .cloned(),
    }
    .ok_or(CoreError::NotFound)?;
    let data = muat(db, &per).await?;
    let (terlihat, boleh): (HashSet<i32>, HashSet<i32>) = if admin {
        let all: HashSet<i32> = data.units.iter().map(|u| u.id).collect();
        (all.clone(), all)
    } else {
        let roots = dipimpin(db, actor, &data).await?;
        if roots.is_empty() {
            return Err(CoreError::Forbidden);
        }
        let bawah = unit_kerja_svc::di_bawah(&data.units, &roots);
        let mut lihat = bawah.clone();
        lihat.extend(roots);
        (lihat, bawah)
    };
    let set = pengaturan::baca(db, instansi_id).await?;
    let sebaran = data.sebaran(None);
    let mut units = Vec::new();
    // Depth-first from the roots of what the actor sees, children by name.
    let mut stack: Vec<(i32, usize)> = {
        let mut r: Vec<&unit_kerja::Model> = data
            .units
            .iter()
            .filter(|u| terlihat.contains(&u.id))
            .filter(|u| u.parent_id.is_none_or(|p| !terlihat.contains(&p)))
            .collect();
        r.sort_by(|a, b| b.nama.cmp(&a.nama));
        r.into_iter().map(|u| (u.id, 0)).collect()
    };
    let by_id: HashMap<i32, &unit_kerja::Model> = data.units.iter().map(|u| (u.id, u)).collect();
    while let Some((id, depth)) = stack.pop() {
        let Some(u) = by_id.get(&id) else { continue };
        let org = data.org.get(&id);
        let predikat = org.and_then(|o| PredikatOrganisasi::from_code(&o.predikat));
        let s = sebaran.get(&id).copied().unwrap_or_default();
        units.push(Unit {
            id,
            nama: u.nama.clone(),
            kedalaman: depth,
            predikat,
            catatan: org.map(|o| o.catatan.clone()).unwrap_or_default(),
            sebaran: s,
            aturan: predikat.map(|p| aturan(p, &s, &set)).unwrap_or_default(),
            dapat_menetapkan: boleh.contains(&id) && per.status == "TERBUKA",
        });
        let mut kids: Vec<&unit_kerja::Model> = data
            .units
            .iter()
            .filter(|c| c.parent_id == Some(id) && terlihat.contains(&c.id))
            .collect();
        kids.sort_by(|a, b| b.nama.cmp(&a.nama));
        stack.extend(kids.into_iter().map(|c| (c.id, depth + 1)));
    }
    let simulasi = simulasi
        .filter(|(u, _)| terlihat.contains(u))
        .map(|(u, p)| Simulasi {
            unit: u,
            predikat: p,
            aturan: aturan(p, &sebaran.get(&u).copied().unwrap_or_default(), &set),
        });
    Ok(Gambaran {
        periode: per,
        semua_periode,
        pengaturan: set,
        units,
        simulasi,
    })
}

/// Sets the organisational predikat of `unit_id` for `periode_id`: the leader of a unit above
/// it, or the instansi's admin, while the period is open. 422 for an unknown predikat.
pub async fn tetapkan(
    db: &DatabaseConnection,
    actor: &Actor,
    unit_id: i32,
    periode_id: i32,
    predikat: &str,
    catatan: &str,
    today: chrono::NaiveDate,
) -> CoreResult<predikat_organisasi::Model> {
    let unit = unit_kerja::Entity::find_by_id(unit_id)
        .one(db)
        .await?
        .ok_or(CoreError::Forbidden)?;
    let g = gambaran(db, actor, unit.instansi_id, Some(periode_id), None, today).await?;
    let Some(u) = g.units.iter().find(|u| u.id == unit_id) else {
        return Err(CoreError::Forbidden);
    };
    if g.periode.status != "TERBUKA" {
        return Err(CoreError::Conflict(format!(
            "Periode {} sudah ditutup.",
            g.periode.nama
        )));
    }
    if !u.dapat_menetapkan {
        return Err(CoreError::Forbidden);
    }
    let Some(p) = PredikatOrganisasi::from_code(predikat.trim()) else {
        return Err(CoreError::field(
            "predikat",
            "Pilih predikat kinerja organisasi.",
        ));
    };
    let catatan = catatan.trim();
    if catatan.chars().count() > 2000 {
        return Err(CoreError::field("catatan", "Paling banyak 2000 karakter."));
    }
    let t = now();
    let txn = db.begin().await?;
    let old = predikat_organisasi::Entity::find()
        .filter(predikat_organisasi::Column::UnitKerjaId.eq(unit_id))
        .filter(predikat_organisasi::Column::PeriodeId.eq(periode_id))
        .one(&txn)
        .await?;
    let saved = match old {
        Some(o) => {
            let before = o.clone();
            let mut am: predikat_organisasi::ActiveModel = o.into();
            am.predikat = Set(p.code().into());
            am.catatan = Set(catatan.into());
            am.ditetapkan_oleh = Set(actor.pegawai_id);
            am.updated_at = Set(t);
            let saved = am.update(&txn).await?;
            let target = ("predikat_organisasi", i64::from(saved.id));
            audit::updated(&txn, actor, Some(unit.instansi_id), target, &before, &saved).await?;
            saved
        }
        None => {
            let saved = predikat_organisasi::ActiveModel {
                instansi_id: Set(unit.instansi_id),
                unit_kerja_id: Set(unit_id),
                periode_id: Set(periode_id),
                predikat: Set(p.code().into()),
                ditetapkan_oleh: Set(actor.pegawai_id),
                catatan: Set(catatan.into()),
                created_at: Set(t),
                updated_at: Set(t),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            let target = ("predikat_organisasi", i64::from(saved.id));
            audit::created(&txn, actor, Some(unit.instansi_id), target, &saved).await?;
            saved
        }
    };
    txn.commit().await?;
    Ok(saved)
}

/// The check made when a penilai hands out `e` with predikat `p`: the unit whose pattern
/// applies, its predikat, the distribution with this result, and the rules it breaks (empty
/// when met, when no unit above has a predikat, or when the group is under the minimum).
pub struct Pemeriksaan {
    pub unit: Option<(i32, String, PredikatOrganisasi)>,
    pub sebaran: Sebaran,
    pub aturan: Vec<String>,
}

pub async fn periksa_penetapan<C: ConnectionTrait>(
    db: &C,
    e: &evaluasi::Model,
    p: Predikat,
    set: &Pengaturan,
) -> CoreResult<Pemeriksaan> {
    let per = periode::Entity::find_by_id(e.periode_id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)?;
    let data = muat(db, &per).await?;
    let Some(u) = data.unit_berpredikat(e.unit_kerja_id, e.jabatan_id) else {
        return Ok(Pemeriksaan {
            unit: None,
            sebaran: Sebaran::default(),
            aturan: Vec::new(),
        });
    };
    let org = PredikatOrganisasi::from_code(&data.org[&u].predikat)
        .ok_or_else(|| CoreError::Internal("predikat organisasi tidak dikenal".into()))?;
    let s = data
        .sebaran(Some((e.pegawai_id, e.unit_kerja_id, e.jabatan_id, p)))
        .get(&u)
        .copied()
        .unwrap_or_default();
    let nama = data
        .units
        .iter()
        .find(|x| x.id == u)
        .map(|x| x.nama.clone())
        .unwrap_or_default();
    Ok(Pemeriksaan {
        unit: Some((u, nama, org)),
        sebaran: s,
        aturan: aturan(org, &s, set),
    })
}

/// For a pimpinan unit's evaluation: their unit's organisational predikat and the distribution
/// of its scope, drawn on their documents (`DOMAIN.md` §7.1). `None` for anyone else or while
/// the unit has no predikat.
pub async fn pola_pimpinan<C: ConnectionTrait>(
    db: &C,
    e: &evaluasi::Model,
) -> CoreResult<Option<(PredikatOrganisasi, Sebaran)>> {
    let per = periode::Entity::find_by_id(e.periode_id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)?;
    let data = muat(db, &per).await?;
    if !unit_kerja_svc::kepala(&data.jab, e.jabatan_id) {
        return Ok(None);
    }
    let Some(org) = data
        .org
        .get(&e.unit_kerja_id)
        .and_then(|o| PredikatOrganisasi::from_code(&o.predikat))
    else {
        return Ok(None);
    };
    let s = data
        .sebaran(None)
        .get(&e.unit_kerja_id)
        .copied()
        .unwrap_or_default();
    Ok(Some((org, s)))
}

/// The units the actor may read the results of for `periode_id` (as on the distribution page),
/// with `unit_id` and everything beneath it. `Forbidden` when `unit_id` is not among them.
pub async fn subtree_terlihat<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    unit_id: i32,
    periode_id: i32,
    today: chrono::NaiveDate,
) -> CoreResult<(periode::Model, unit_kerja::Model, Vec<unit_kerja::Model>)> {
    let unit = unit_kerja::Entity::find_by_id(unit_id)
        .one(db)
        .await?
        .ok_or(CoreError::Forbidden)?;
    let g = gambaran(db, actor, unit.instansi_id, Some(periode_id), None, today).await?;
    if !g.units.iter().any(|u| u.id == unit_id) {
        return Err(CoreError::Forbidden);
    }
    let all = unit_kerja::Entity::find()
        .filter(unit_kerja::Column::InstansiId.eq(unit.instansi_id))
        .all(db)
        .await?;
    let mut ids = unit_kerja_svc::di_bawah(&all, &[unit_id]);
    ids.insert(unit_id);
    let units = all.into_iter().filter(|u| ids.contains(&u.id)).collect();
    Ok((g.periode, unit, units))
}
