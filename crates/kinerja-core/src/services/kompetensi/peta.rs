//! A unit's competency reports: the heat map of jabatan × competency (the share
//! of the assessed holders who meet the standard, from their latest closed assessment) and the
//! unit's training needs summed from the IDP lines of the year. For the unit's head and the
//! admin ([`cakupan`]).

use crate::actor::Actor;
use crate::db::entities::{jabatan, kompetensi, pegawai, rencana_pengembangan, unit_kerja};
use crate::error::CoreResult;
use crate::rules::pengembangan::jenis_label;
use crate::services::kompetensi::pengembangan::BATAL;
use crate::services::{kompetensi::asesmen, kompetensi::kamus as kamus_svc, organisasi::cakupan};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::{BTreeMap, HashMap};

/// One cell: of `dinilai` holders with a result, `memenuhi` reach the standard.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sel {
    pub standar: Option<u8>,
    pub dinilai: u32,
    pub memenuhi: u32,
}

impl Sel {
    /// Percent meeting the standard, when anyone was assessed against it.
    pub fn persen(&self) -> Option<u32> {
        (self.standar.is_some() && self.dinilai > 0)
            .then(|| (self.memenuhi * 100 + self.dinilai / 2) / self.dinilai)
    }
    /// A colour band for the cell: 0 none, 1 < 50%, 2 < 80%, 3 ≥ 80%.
    pub fn tingkat(&self) -> u8 {
        match self.persen() {
            None => 0,
            Some(p) if p < 50 => 1,
            Some(p) if p < 80 => 2,
            Some(_) => 3,
        }
    }
}

#[derive(Debug, Clone)]
pub struct BarisPeta {
    pub jabatan: jabatan::Model,
    pub pemegang: u32,
    pub dinilai: u32,
    pub sel: Vec<Sel>,
}

/// A line of the training needs: one intervention planned for several pegawai.
#[derive(Debug, Clone)]
pub struct Kebutuhan {
    pub uraian: String,
    pub jenis: String,
    pub kompetensi: String,
    pub pegawai: u32,
    pub jp: u32,
}

#[derive(Debug, Clone)]
pub struct PetaKompetensi {
    pub unit: unit_kerja::Model,
    pub tahun: i32,
    pub kolom: Vec<kompetensi::Model>,
    pub baris: Vec<BarisPeta>,
    pub kebutuhan: Vec<Kebutuhan>,
}

impl PetaKompetensi {
    pub fn jenis_label(&self, c: &str) -> String {
        jenis_label(c).to_string()
    }
}

pub async fn unit<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    unit_id: i32,
    tahun: i32,
) -> CoreResult<PetaKompetensi> {
    let (unit, units) = cakupan::subtree(db, actor, unit_id).await?;
    let peg = pegawai::Entity::find()
        .filter(pegawai::Column::UnitKerjaId.is_in(units.iter().map(|u| u.id).collect::<Vec<_>>()))
        .filter(pegawai::Column::Aktif.eq(true))
        .all(db)
        .await?;
    let mut jab = jabatan::Entity::find()
        .filter(jabatan::Column::Id.is_in(peg.iter().map(|p| p.jabatan_id).collect::<Vec<_>>()))
        .all(db)
        .await?;
    jab.sort_by(|a, b| a.nama.cmp(&b.nama));
    let kamus = kamus_svc::kamus_instansi(db, unit.instansi_id).await?;
    let standar = kamus_svc::standar_banyak(db, &kamus, &jab).await?;
    let kolom: Vec<kompetensi::Model> = kamus
        .into_iter()
        .filter(|k| standar.values().any(|s| s.contains_key(&k.id)))
        .collect();
    let ids: Vec<i32> = peg.iter().map(|p| p.id).collect();
    let hasil = asesmen::hasil_terakhir(db, unit.instansi_id, tahun, Some(&ids)).await?;
    let baris = jab
        .into_iter()
        .map(|j| {
            let holders: Vec<&pegawai::Model> =
                peg.iter().filter(|p| p.jabatan_id == j.id).collect();
            let std = standar.get(&j.id);
            let dinilai: Vec<&asesmen::Hasil> = holders
                .iter()
                .filter_map(|p| hasil.get(&p.id))
                .filter(|h| h.jpm.is_some())
                .collect();
            let sel = kolom
                .iter()
                .map(|k| {
                    let s = std.and_then(|s| s.get(&k.id)).copied();
                    let mut c = Sel {
                        standar: s,
                        ..Default::default()
                    };
                    if s.is_some() {
                        for h in &dinilai {
                            if let Some(b) = h.baris.iter().find(|b| b.kompetensi.id == k.id)
                                && let Some(g) = b.gap()
                            {
                                c.dinilai += 1;
                                if g >= 0 {
                                    c.memenuhi += 1;
                                }
                            }
                        }
                    }
                    c
                })
                .collect();
            BarisPeta {
                pemegang: holders.len() as u32,
                dinilai: dinilai.len() as u32,
                jabatan: j,
                sel,
            }
        })
        .collect();
    let kode: HashMap<i32, String> = kolom
        .iter()
        .map(|k| (k.id, format!("{} {}", k.kode, k.nama)))
        .collect();
    // (kegiatan, jenis, kompetensi) → (pegawai, JP, pegawai ids seen).
    type Jumlah = (u32, u32, Vec<i32>);
    let mut agg: BTreeMap<(String, String, String), Jumlah> = BTreeMap::new();
    for r in rencana_pengembangan::Entity::find()
        .filter(
            rencana_pengembangan::Column::PegawaiId
                .is_in(peg.iter().map(|p| p.id).collect::<Vec<_>>()),
        )
        .filter(rencana_pengembangan::Column::Tahun.eq(tahun as i16))
        .filter(rencana_pengembangan::Column::Status.ne(BATAL))
        .all(db)
        .await?
    {
        let k = r
            .kompetensi_id
            .and_then(|id| kode.get(&id).cloned())
            .unwrap_or_default();
        let e = agg
            .entry((r.uraian.clone(), r.jenis.clone(), k))
            .or_default();
        if !e.2.contains(&r.pegawai_id) {
            e.2.push(r.pegawai_id);
            e.0 += 1;
        }
        e.1 += u32::try_from(r.jp_rencana).unwrap_or(0);
    }
    let mut kebutuhan: Vec<Kebutuhan> = agg
        .into_iter()
        .map(|((uraian, jenis, kompetensi), (n, jp, _))| Kebutuhan {
            uraian,
            jenis,
            kompetensi,
            pegawai: n,
            jp,
        })
        .collect();
    kebutuhan.sort_by(|a, b| b.pegawai.cmp(&a.pegawai).then(a.uraian.cmp(&b.uraian)));
    Ok(PetaKompetensi {
        unit,
        tahun,
        kolom,
        baris,
        kebutuhan,
    })
}
