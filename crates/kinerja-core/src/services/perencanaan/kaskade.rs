//! The cascade view (matriks peran hasil, `DOMAIN.md` §4.4): a unit's RHK from its head down to
//! every pegawai beneath, who intervenes in which RHK, who has no SKP yet, and which RHK support
//! nothing above them or are supported by nobody below.

use crate::actor::Actor;
use crate::db::entities::{jabatan, pegawai, rhk, unit_kerja};
use crate::error::{CoreError, CoreResult};
use crate::services::{organisasi::penilai, perencanaan::skp as skp_svc};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct RhkSimpul {
    pub rhk: rhk::Model,
    /// The RHK atasan it intervenes in.
    pub atasan: Option<String>,
    /// RHK of the people below that intervene in this one: (pegawai, RHK).
    pub pendukung: Vec<(String, String)>,
    /// A JA/JF RHK that names no RHK atasan.
    pub tanpa_atasan: bool,
}

#[derive(Debug, Clone)]
pub struct Simpul {
    pub pegawai: pegawai::Model,
    pub jabatan: String,
    pub tingkat: usize,
    pub skp: Option<crate::services::ringkasan::skp::SkpBerlaku>,
    pub rhk: Vec<RhkSimpul>,
    /// Whether anyone sits below this person (so an unsupported RHK is worth flagging).
    pub punya_tim: bool,
}

pub struct Kaskade {
    pub unit: unit_kerja::Model,
    pub tahun: i32,
    pub simpul: Vec<Simpul>,
}

impl Kaskade {
    pub fn tanpa_skp(&self) -> Vec<&Simpul> {
        self.simpul.iter().filter(|s| s.skp.is_none()).collect()
    }
    pub fn rhk_tanpa_atasan(&self) -> usize {
        self.simpul
            .iter()
            .flat_map(|s| &s.rhk)
            .filter(|r| r.tanpa_atasan)
            .count()
    }
}

/// The head(s) of a unit: holders of a jabatan in the unit whose atasan sits outside it.
async fn kepala<C: ConnectionTrait>(db: &C, unit_id: i32) -> CoreResult<Vec<pegawai::Model>> {
    let jabs = jabatan::Entity::find()
        .filter(jabatan::Column::UnitKerjaId.eq(unit_id))
        .all(db)
        .await?;
    let in_unit: Vec<i32> = jabs.iter().map(|j| j.id).collect();
    let top: Vec<i32> = jabs
        .iter()
        .filter(|j| j.atasan_id.is_none_or(|a| !in_unit.contains(&a)))
        .map(|j| j.id)
        .collect();
    Ok(pegawai::Entity::find()
        .filter(pegawai::Column::JabatanId.is_in(top))
        .filter(pegawai::Column::Aktif.eq(true))
        .order_by_asc(pegawai::Column::NamaLower)
        .all(db)
        .await?)
}

pub async fn matriks<C: ConnectionTrait + 'static>(
    db: &C,
    actor: &Actor,
    unit_id: i32,
    tahun: i32,
    today: NaiveDate,
) -> CoreResult<Kaskade> {
    let unit = unit_kerja::Entity::find_by_id(unit_id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)?;
    let sesama_pegawai = actor.pegawai_id.is_some() && actor.instansi_id == Some(unit.instansi_id);
    if !actor.can_admin_instansi(unit.instansi_id) && !sesama_pegawai {
        return Err(CoreError::Forbidden);
    }
    let mut orang: Vec<(pegawai::Model, usize)> = Vec::new();
    for k in kepala(db, unit.id).await? {
        if orang.iter().any(|(p, _)| p.id == k.id) {
            continue;
        }
        let below = penilai::anggota_tim(db, (&k).into(), true, today).await?;
        orang.push((k, 0));
        for (p, d) in below {
            if !orang.iter().any(|(x, _)| x.id == p.id) {
                orang.push((p, d));
            }
        }
    }
    let ids: Vec<i32> = orang.iter().map(|(p, _)| p.id).collect();
    let jabs: HashMap<i32, jabatan::Model> = jabatan::Entity::find()
        .filter(
            jabatan::Column::Id.is_in(orang.iter().map(|(p, _)| p.jabatan_id).collect::<Vec<_>>()),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|j| (j.id, j))
        .collect();
    let skps = skp_svc::berlaku_banyak(db, &ids, tahun).await?;
    let skp_owner: HashMap<i32, i32> = skps.values().map(|s| (s.id, s.pegawai_id)).collect();
    let rhks = rhk::Entity::find()
        .filter(rhk::Column::SkpId.is_in(skps.values().map(|s| s.id).collect::<Vec<_>>()))
        .order_by_asc(rhk::Column::Urutan)
        .all(db)
        .await?;
    let atasan_ids: Vec<i32> = rhks.iter().filter_map(|r| r.rhk_atasan_id).collect();
    let atasan_teks: HashMap<i32, String> = rhk::Entity::find()
        .filter(rhk::Column::Id.is_in(atasan_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.teks))
        .collect();
    let nama: HashMap<i32, String> = orang.iter().map(|(p, _)| (p.id, p.nama.clone())).collect();
    let mut simpul = Vec::new();
    for (i, (p, tingkat)) in orang.iter().enumerate() {
        let jab = jabs.get(&p.jabatan_id);
        let jpt = jab.is_some_and(skp_svc::format_jpt);
        let skp = skps.get(&p.id).cloned();
        let punya_tim = orang.get(i + 1).is_some_and(|(_, next)| *next > *tingkat);
        let rhk = match &skp {
            Some(s) => rhks
                .iter()
                .filter(|r| r.skp_id == s.id)
                .map(|r| RhkSimpul {
                    atasan: r.rhk_atasan_id.and_then(|a| atasan_teks.get(&a).cloned()),
                    pendukung: rhks
                        .iter()
                        .filter(|c| c.rhk_atasan_id == Some(r.id))
                        .map(|c| {
                            let who = skp_owner
                                .get(&c.skp_id)
                                .and_then(|o| nama.get(o))
                                .cloned()
                                .unwrap_or_default();
                            (who, c.teks.clone())
                        })
                        .collect(),
                    tanpa_atasan: !jpt && *tingkat > 0 && r.rhk_atasan_id.is_none(),
                    rhk: r.clone(),
                })
                .collect(),
            None => Vec::new(),
        };
        simpul.push(Simpul {
            jabatan: jab.map(|j| j.nama.clone()).unwrap_or_default(),
            tingkat: *tingkat,
            skp,
            rhk,
            punya_tim,
            pegawai: p.clone(),
        });
    }
    Ok(Kaskade {
        unit,
        tahun,
        simpul,
    })
}

/// The unit the cascade view opens on: the actor's own unit, if they are a pegawai.
pub async fn unit_awal<C: ConnectionTrait>(db: &C, actor: &Actor) -> CoreResult<Option<i32>> {
    Ok(match actor.pegawai_id {
        Some(pid) => pegawai::Entity::find_by_id(pid)
            .one(db)
            .await?
            .map(|p| p.unit_kerja_id),
        None => None,
    })
}
