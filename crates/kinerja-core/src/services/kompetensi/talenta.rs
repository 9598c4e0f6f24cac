//! The talent map (`DOMAIN.md` §13): each pegawai of an instansi placed in the
//! nine-box from the performance axis (the mean score of the predikat handed out in the year and
//! the year before; for a year with an annual evaluation, that one alone) and the potential axis
//! (the JPM of their latest closed assessment, valid three years), against the instansi's
//! thresholds. Talent management belongs to the PPK and the admin; a pegawai does not browse
//! colleagues' boxes.

use crate::actor::Actor;
use crate::db::entities::{evaluasi, jabatan, pegawai, periode};
use crate::error::CoreResult;
use crate::rules::predikat::{Predikat, Rating};
use crate::rules::talenta::{
    Potensial, kotak, krs_instansi, krs_nasional, rekomendasi, skor_predikat, tingkat_kinerja,
    tingkat_potensial,
};
use crate::services::kompetensi::asesmen;
use crate::services::kompetensi::pengaturan::{
    self as pengaturan_kompetensi, PengaturanKompetensi,
};
use crate::services::status::evaluasi::DINILAI;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone)]
pub struct Talenta {
    pub pegawai: pegawai::Model,
    pub jabatan: String,
    pub kinerja: Rating,
    /// Mean predikat score (whole points).
    pub skor: u32,
    pub potensial: Potensial,
    /// Hundredths of a percent.
    pub jpm: u32,
    pub kotak: u8,
    /// The assessment (peserta id) the potential comes from.
    pub peserta_id: i32,
}

#[derive(Debug, Clone)]
pub struct Kotak {
    pub nomor: u8,
    pub kinerja: Rating,
    pub potensial: Potensial,
    pub rekomendasi: &'static str,
    pub anggota: Vec<Talenta>,
}

impl Kotak {
    pub fn krs_instansi(&self) -> bool {
        krs_instansi(self.nomor)
    }
    pub fn krs_nasional(&self) -> bool {
        krs_nasional(self.nomor)
    }
}

#[derive(Debug, Clone)]
pub struct PetaTalenta {
    pub tahun: i32,
    /// The grid by rows: Di Atas (boxes 4, 7, 9), Sesuai (2, 5, 8), Di Bawah (1, 3, 6).
    pub baris: Vec<Vec<Kotak>>,
    /// Pegawai who cannot be placed yet, with why.
    pub belum: Vec<(pegawai::Model, &'static str)>,
    pub pengaturan: PengaturanKompetensi,
}

impl PetaTalenta {
    /// Boxes 9 down to 1.
    pub fn kotak_urut(&self) -> Vec<&Kotak> {
        let mut v: Vec<&Kotak> = self.baris.iter().flatten().collect();
        v.sort_by_key(|k| std::cmp::Reverse(k.nomor));
        v
    }
    pub fn jumlah(&self) -> usize {
        self.baris.iter().flatten().map(|k| k.anggota.len()).sum()
    }
    /// Kelompok Rencana Suksesi Instansi: boxes 9, 8, 7.
    pub fn suksesi(&self) -> Vec<&Talenta> {
        self.kotak_urut()
            .into_iter()
            .filter(|k| k.krs_instansi())
            .flat_map(|k| k.anggota.iter())
            .collect()
    }
}

/// The predikat that count for each pegawai of `instansi_id` on the performance axis of `tahun`.
async fn predikat_terakhir<C: ConnectionTrait>(
    db: &C,
    instansi_id: i32,
    tahun: i32,
) -> CoreResult<HashMap<i32, Vec<Predikat>>> {
    let per: HashMap<i32, periode::Model> = periode::Entity::find()
        .filter(periode::Column::InstansiId.eq(instansi_id))
        .filter(periode::Column::Tahun.gte(tahun - 1))
        .filter(periode::Column::Tahun.lte(tahun))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let evs = evaluasi::Entity::find()
        .filter(evaluasi::Column::PeriodeId.is_in(per.keys().copied().collect::<Vec<_>>()))
        .filter(evaluasi::Column::Status.ne(DINILAI))
        .filter(evaluasi::Column::Predikat.is_not_null())
        .all(db)
        .await?;
    // (pegawai, tahun) → (annual predikat, periodic predikat).
    let mut per_tahun: BTreeMap<(i32, i32), (Vec<Predikat>, Vec<Predikat>)> = BTreeMap::new();
    for e in evs {
        let (Some(p), Some(pr)) = (
            per.get(&e.periode_id),
            e.predikat.as_deref().and_then(Predikat::from_code),
        ) else {
            continue;
        };
        let slot = per_tahun.entry((e.pegawai_id, p.tahun)).or_default();
        if p.jenis == "TAHUNAN" {
            slot.0.push(pr);
        } else {
            slot.1.push(pr);
        }
    }
    let mut out: HashMap<i32, Vec<Predikat>> = HashMap::new();
    for ((pid, _), (tahunan, periodik)) in per_tahun {
        out.entry(pid).or_default().extend(if tahunan.is_empty() {
            periodik
        } else {
            tahunan
        });
    }
    Ok(out)
}

/// The talent map of `instansi_id` for `tahun`; its admin only.
pub async fn peta<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    instansi_id: i32,
    tahun: i32,
) -> CoreResult<PetaTalenta> {
    actor.require_admin_instansi(instansi_id)?;
    let set = pengaturan_kompetensi::baca(db, instansi_id).await?;
    let peg = pegawai::Entity::find()
        .filter(pegawai::Column::InstansiId.eq(instansi_id))
        .filter(pegawai::Column::Aktif.eq(true))
        .order_by_asc(pegawai::Column::NamaLower)
        .all(db)
        .await?;
    let jab: HashMap<i32, String> = jabatan::Entity::find()
        .filter(jabatan::Column::InstansiId.eq(instansi_id))
        .all(db)
        .await?
        .into_iter()
        .map(|j| (j.id, j.nama))
        .collect();
    let predikat = predikat_terakhir(db, instansi_id, tahun).await?;
    let hasil = asesmen::hasil_terakhir(db, instansi_id, tahun, None).await?;
    let mut baris: Vec<Vec<Kotak>> = Rating::ALL
        .iter()
        .map(|r| {
            Potensial::ALL
                .iter()
                .map(|p| {
                    let n = kotak(*r, *p);
                    Kotak {
                        nomor: n,
                        kinerja: *r,
                        potensial: *p,
                        rekomendasi: rekomendasi(n),
                        anggota: Vec::new(),
                    }
                })
                .collect()
        })
        .collect();
    let mut belum = Vec::new();
    for p in peg {
        let pr = predikat.get(&p.id).map(Vec::as_slice).unwrap_or(&[]);
        let kin = tingkat_kinerja(pr, set.kinerja_di_atas, set.kinerja_sesuai);
        let h = hasil.get(&p.id).and_then(|h| Some((h.jpm?, h.peserta.id)));
        let (Some(kin), Some((jpm, peserta_id))) = (kin, h) else {
            belum.push((
                p,
                match (kin, h) {
                    (None, None) => "Belum ada predikat kinerja dan hasil asesmen",
                    (None, _) => "Belum ada predikat kinerja yang ditetapkan",
                    _ => "Belum ada hasil asesmen kompetensi yang ditutup",
                },
            ));
            continue;
        };
        let pot = tingkat_potensial(jpm, set.potensial_tinggi, set.potensial_menengah);
        let n = kotak(kin, pot);
        let skor = pr.iter().map(|x| skor_predikat(*x)).sum::<u32>() / pr.len() as u32;
        if let Some(k) = baris.iter_mut().flatten().find(|k| k.nomor == n) {
            k.anggota.push(Talenta {
                jabatan: jab.get(&p.jabatan_id).cloned().unwrap_or_default(),
                pegawai: p,
                kinerja: kin,
                skor,
                potensial: pot,
                jpm,
                kotak: n,
                peserta_id,
            });
        }
    }
    Ok(PetaTalenta {
        tahun,
        baris,
        belum,
        pengaturan: set,
    })
}
