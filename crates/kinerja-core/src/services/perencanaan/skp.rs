//! The SKP (`DOMAIN.md` §4, §11): one per pegawai, year and jabatan, with RHK cascaded from the
//! penilai's SKP, IKI per aspek, BerAKHLAK expectations and the lampiran. State changes follow
//! `rules::alur_skp`; a change to a set SKP makes a new version and the set one stays readable
//! until the new one is set.

use crate::actor::Actor;
use crate::db::baca;
use crate::db::entities::{
    aktivitas, iki, instansi, jabatan, pegawai, periode, realisasi, rencana_aksi, rhk, skp,
    skp_perilaku, unit_kerja,
};
use crate::error::{CoreError, CoreResult, FieldErrors};
use crate::rules::alur_skp::{self, Aksi, PeranSkp};
use crate::rules::berakhlak::{self, NilaiDasar};
use crate::rules::jabatan::JenisJabatan;
use crate::rules::nilai::parse_seratus;
use crate::services::jejak::audit::{self, Action};
use crate::services::organisasi::akses::{self, Hubungan};
use crate::services::organisasi::penilai::{self, Penilai};
use crate::services::ringkasan::skp::{SkpBerlaku, terbuka};
use crate::services::{jejak::notifikasi, now, required_text, ringkasan};
use chrono::{Datelike, NaiveDate};
use sea_orm::sea_query::{Expr, ExprTrait, IntoCondition, JoinType};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, QueryTrait, RelationDef, Set, Statement,
    TransactionTrait, Value,
};
use serde::Deserialize;
use std::collections::HashMap;

pub const KUANTITATIF: &str = "KUANTITATIF";
pub const KUALITATIF: &str = "KUALITATIF";
pub const UTAMA: &str = "UTAMA";
pub const TAMBAHAN: &str = "TAMBAHAN";
pub const ASPEK: [(&str, &str); 4] = [
    ("KUANTITAS", "Kuantitas"),
    ("KUALITAS", "Kualitas"),
    ("WAKTU", "Waktu"),
    ("BIAYA", "Biaya"),
];
/// Balanced-scorecard perspectives of a JPT's RHK (`DOMAIN.md` §4.3).
pub const PERSPEKTIF: [&str; 4] = [
    "Penerima Layanan",
    "Proses Bisnis",
    "Penguatan Internal",
    "Anggaran",
];

pub fn aspek_label(code: &str) -> &'static str {
    ASPEK
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, l)| *l)
        .unwrap_or("—")
}

/// Whether this jabatan plans in the JPT format (perspektif, penugasan dari) and so names no
/// RHK atasan.
pub fn format_jpt(j: &jabatan::Model) -> bool {
    JenisJabatan::from_code(&j.jenis) == Some(JenisJabatan::Jpt)
}

/// Loads an SKP and the actor's relation to its pegawai; strangers are refused.
pub async fn akses<C: ConnectionTrait + 'static>(
    db: &C,
    actor: &Actor,
    skp_id: i32,
    today: NaiveDate,
) -> CoreResult<(skp::Model, pegawai::Model, Hubungan)> {
    let s = skp::Entity::find_by_id(skp_id)
        .one(db)
        .await?
        .ok_or(if actor.is_admin() {
            CoreError::NotFound
        } else {
            CoreError::Forbidden
        })?;
    let (p, h) = akses::pegawai_terlihat(db, actor, s.pegawai_id, today).await?;
    Ok((s, p, h))
}

/// The version of a pegawai's SKP for a year that is in force: the set one, or else the newest
/// open draft. Replaced and closed versions are never in force.
pub async fn berlaku<C: ConnectionTrait>(
    db: &C,
    pegawai_id: i32,
    tahun: i32,
) -> CoreResult<Option<skp::Model>> {
    let all = versi_terbuka(skp::Entity::find(), pegawai_id, tahun)
        .all(db)
        .await?;
    Ok(pilih_berlaku(all))
}

/// The id of [`berlaku`], with `rhk_id` when that RHK belongs to it, in one statement: the daily
/// activity form checks both on every post, and needs nothing else of either (the ids, and the
/// states that pick the version in force, are three columns instead of two whole rows).
pub async fn berlaku_dengan_rhk<C: ConnectionTrait + 'static>(
    db: &C,
    pegawai_id: i32,
    tahun: i32,
    rhk_id: i32,
) -> CoreResult<Option<(i32, Option<i32>)>> {
    let bacaan = BerlakuDenganRhk {
        pegawai_id,
        tahun,
        rhk_id,
    };
    let all = baca::semua(db, &bacaan).await?;
    Ok(
        alur_skp::indeks_berlaku(all.iter().map(|(_, s, _)| s.as_str()))
            .map(|i| (all[i].0, all[i].2)),
    )
}

/// The named read of [`berlaku_dengan_rhk`]: the pegawai's open versions of `tahun`, newest
/// first, each with `rhk_id` when that RHK is one of its own.
struct BerlakuDenganRhk {
    pegawai_id: i32,
    tahun: i32,
    rhk_id: i32,
}

impl baca::Bacaan for BerlakuDenganRhk {
    type Baris = (i32, String, Option<i32>);

    fn teks(&self) -> &'static baca::Fixed {
        static TEKS: baca::Fixed = baca::Fixed::new();
        &TEKS
    }

    fn nilai(&self) -> Vec<Value> {
        vec![
            self.rhk_id.into(),
            self.pegawai_id.into(),
            self.tahun.into(),
            alur_skp::DIGANTI.into(),
            alur_skp::DITUTUP.into(),
        ]
    }

    fn bangun(&self, backend: DbBackend) -> Statement {
        let rhk_id = self.rhk_id;
        let milik: RelationDef = rhk::Entity::belongs_to(skp::Entity)
            .from(rhk::Column::SkpId)
            .to(skp::Column::Id)
            .into();
        versi_terbuka(skp::Entity::find(), self.pegawai_id, self.tahun)
            .select_only()
            .column(skp::Column::Id)
            .column(skp::Column::Status)
            .column(rhk::Column::Id)
            .join(
                JoinType::LeftJoin,
                milik.rev().on_condition(move |_, _| {
                    Expr::col((rhk::Entity, rhk::Column::Id))
                        .eq(rhk_id)
                        .into_condition()
                }),
            )
            .build(backend)
    }
}

/// A pegawai's versions of one year that may be in force, newest first.
fn versi_terbuka<Q: QueryFilter + QueryOrder>(q: Q, pegawai_id: i32, tahun: i32) -> Q {
    q.filter(skp::Column::PegawaiId.eq(pegawai_id))
        .filter(terbuka(tahun))
        .order_by_desc(skp::Column::Versi)
}

fn pilih_berlaku(mut all: Vec<skp::Model>) -> Option<skp::Model> {
    alur_skp::indeks_berlaku(all.iter().map(|s| s.status.as_str())).map(|i| all.swap_remove(i))
}

/// The SKP in force for each of `pegawai_ids` in `tahun`, batched (no query per pegawai). Only
/// the three columns the team views need are read: on SQLite every column of every row is
/// copied and decoded one at a time, and a whole row is 18 columns with three timestamps parsed
/// from text (`docs/PERFORMANCE.md`).
pub async fn berlaku_banyak<C: ConnectionTrait + 'static>(
    db: &C,
    pegawai_ids: &[i32],
    tahun: i32,
) -> CoreResult<HashMap<i32, SkpBerlaku>> {
    if pegawai_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let q = skp::Entity::find()
        .select_only()
        .columns([skp::Column::Id, skp::Column::PegawaiId, skp::Column::Status])
        .filter(skp::Column::PegawaiId.is_in(pegawai_ids.to_vec()))
        .filter(terbuka(tahun))
        .order_by_desc(skp::Column::Versi)
        .build(db.get_database_backend());
    let all: Vec<(i32, i32, String)> = baca::all(db, q).await?;
    let mut by: HashMap<i32, Vec<SkpBerlaku>> = HashMap::new();
    for (id, pegawai_id, status) in all {
        by.entry(pegawai_id).or_default().push(SkpBerlaku {
            id,
            pegawai_id,
            status,
        });
    }
    Ok(by
        .into_iter()
        .filter_map(|(k, mut v)| {
            alur_skp::indeks_berlaku(v.iter().map(|s| s.status.as_str()))
                .map(|i| (k, v.swap_remove(i)))
        })
        .collect())
}

/// A pegawai's SKPs, newest year and version first.
pub async fn daftar<C: ConnectionTrait + 'static>(
    db: &C,
    actor: &Actor,
    pegawai_id: i32,
    today: NaiveDate,
) -> CoreResult<Vec<skp::Model>> {
    akses::pegawai_terlihat(db, actor, pegawai_id, today).await?;
    Ok(skp::Entity::find()
        .filter(skp::Column::PegawaiId.eq(pegawai_id))
        .order_by_desc(skp::Column::Tahun)
        .order_by_desc(skp::Column::Versi)
        .all(db)
        .await?)
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct BuatInput {
    #[serde(default)]
    pub tahun: String,
    #[serde(default)]
    pub pendekatan: String,
}

/// Opens an SKP for the pegawai's current jabatan. The pegawai does it, or the admin as
/// pengelola kinerja. An SKP of the same year for another jabatan (before a transfer) is closed.
pub async fn buat(
    db: &DatabaseConnection,
    actor: &Actor,
    pegawai_id: i32,
    input: &BuatInput,
    today: NaiveDate,
) -> CoreResult<skp::Model> {
    let (p, h) = akses::pegawai_terlihat(db, actor, pegawai_id, today).await?;
    if !matches!(h, Hubungan::Sendiri | Hubungan::Admin) {
        return Err(CoreError::Forbidden);
    }
    let mut e = FieldErrors::new();
    let tahun = input.tahun.trim().parse::<i32>().ok();
    match tahun {
        None => e.add("tahun", "Pilih tahun SKP."),
        Some(t) => {
            let open = periode::Entity::find()
                .filter(periode::Column::InstansiId.eq(p.instansi_id))
                .filter(periode::Column::Tahun.eq(t))
                .filter(periode::Column::Jenis.eq("TAHUNAN"))
                .one(db)
                .await?;
            if open.is_none() {
                e.add(
                    "tahun",
                    format!("Tahun {t} belum dibuka oleh admin instansi."),
                );
            }
        }
    }
    if ![KUANTITATIF, KUALITATIF].contains(&input.pendekatan.as_str()) {
        e.add(
            "pendekatan",
            "Pilih pendekatan kuantitatif atau kualitatif.",
        );
    }
    if !p.aktif {
        e.add("tahun", "Pegawai tidak aktif tidak menyusun SKP.");
    }
    e.into_result()?;
    let tahun = tahun.unwrap_or(today.year());
    let existing = skp::Entity::find()
        .filter(skp::Column::PegawaiId.eq(p.id))
        .filter(skp::Column::Tahun.eq(tahun))
        .filter(skp::Column::JabatanId.eq(p.jabatan_id))
        .filter(skp::Column::Status.ne(alur_skp::DITUTUP))
        .one(db)
        .await?;
    if existing.is_some() {
        return Err(CoreError::field(
            "tahun",
            format!("SKP tahun {tahun} untuk jabatan ini sudah ada."),
        ));
    }
    let versi = skp::Entity::find()
        .filter(skp::Column::PegawaiId.eq(p.id))
        .filter(skp::Column::Tahun.eq(tahun))
        .filter(skp::Column::JabatanId.eq(p.jabatan_id))
        .order_by_desc(skp::Column::Versi)
        .one(db)
        .await?
        .map_or(1, |s| s.versi + 1);
    let txn = db.begin().await?;
    // A transfer: the SKP of the old jabatan is closed; its history stays readable.
    let lama = skp::Entity::find()
        .filter(skp::Column::PegawaiId.eq(p.id))
        .filter(terbuka(tahun))
        .filter(skp::Column::JabatanId.ne(p.jabatan_id))
        .all(&txn)
        .await?;
    for s in lama {
        ganti_status(&txn, actor, s, alur_skp::DITUTUP).await?;
    }
    let t = now();
    let s = skp::ActiveModel {
        instansi_id: Set(p.instansi_id),
        pegawai_id: Set(p.id),
        jabatan_id: Set(p.jabatan_id),
        unit_kerja_id: Set(p.unit_kerja_id),
        tahun: Set(tahun),
        versi: Set(versi),
        status: Set(alur_skp::DRAFT.into()),
        pendekatan: Set(input.pendekatan.clone()),
        penilai_id: Set(None),
        catatan_penilai: Set(String::new()),
        dukungan_sumber_daya: Set(String::new()),
        skema_pertanggungjawaban: Set(String::new()),
        konsekuensi: Set(String::new()),
        diajukan_at: Set(None),
        ditetapkan_at: Set(None),
        created_at: Set(t),
        updated_at: Set(t),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::created(&txn, actor, Some(s.instansi_id), ("skp", s.id as i64), &s).await?;
    ringkasan::skp_berubah(&txn, s.pegawai_id, s.tahun).await?;
    txn.commit().await?;
    Ok(s)
}

async fn ganti_status<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    s: skp::Model,
    status: &str,
) -> CoreResult<skp::Model> {
    simpan_status(db, actor, s.clone(), s, status).await
}

/// The RHK of the penilai's SKP in force that an RHK of this SKP may intervene in.
pub async fn pilihan_rhk_atasan<C: ConnectionTrait + 'static>(
    db: &C,
    s: &skp::Model,
    p: &pegawai::Model,
    today: NaiveDate,
) -> CoreResult<Vec<(rhk::Model, String)>> {
    let pn = penilai::penilai_dari(db, p, today).await?;
    rhk_penilai(db, s.tahun, pn.as_ref()).await
}

/// The RHK of `pn`'s SKP in force in `tahun`, with that SKP's state, for callers that already
/// know the penilai.
async fn rhk_penilai<C: ConnectionTrait>(
    db: &C,
    tahun: i32,
    pn: Option<&Penilai>,
) -> CoreResult<Vec<(rhk::Model, String)>> {
    let Some(pn) = pn else {
        return Ok(Vec::new());
    };
    let Some(atas) = berlaku(db, pn.pegawai.id, tahun).await? else {
        return Ok(Vec::new());
    };
    let items = rhk::Entity::find()
        .filter(rhk::Column::SkpId.eq(atas.id))
        .order_by_asc(rhk::Column::Urutan)
        .all(db)
        .await?;
    Ok(items
        .into_iter()
        .map(|r| (r, atas.status.clone()))
        .collect())
}

/// One RHK with what the page shows about it.
#[derive(Debug, Clone)]
pub struct RhkView {
    pub rhk: rhk::Model,
    pub iki: Vec<iki::Model>,
    /// The RHK atasan it intervenes in, and whether that RHK's SKP is not yet set.
    pub atasan: Option<(rhk::Model, bool)>,
    pub rencana_aksi: Vec<(rencana_aksi::Model, String)>,
}

#[derive(Debug, Clone)]
pub struct PerilakuView {
    pub nilai: &'static NilaiDasar,
    pub ekspektasi: String,
}

/// Everything the SKP page and the Dokumen SKP print.
#[derive(Debug, Clone)]
pub struct SkpView {
    pub skp: skp::Model,
    pub pegawai: pegawai::Model,
    pub jabatan: jabatan::Model,
    pub unit: unit_kerja::Model,
    pub instansi: instansi::Model,
    pub penilai: Option<Penilai>,
    pub penilai_jabatan: Option<jabatan::Model>,
    pub hubungan: Hubungan,
    pub format_jpt: bool,
    pub utama: Vec<RhkView>,
    pub tambahan: Vec<RhkView>,
    pub perilaku: Vec<PerilakuView>,
    /// Other versions of this SKP (same year and jabatan): (id, versi, status).
    pub versi_lain: Vec<(i32, i32, String)>,
    pub pilihan_atasan: Vec<(rhk::Model, String)>,
    pub periode: Vec<periode::Model>,
}

impl SkpView {
    fn peran(&self) -> Option<PeranSkp> {
        match self.hubungan {
            Hubungan::Sendiri => Some(PeranSkp::Pemilik),
            Hubungan::Penilai => Some(PeranSkp::Penilai),
            Hubungan::Admin => Some(PeranSkp::Admin),
            Hubungan::AtasanPenilai => None,
        }
    }

    pub fn boleh(&self, aksi: &str) -> bool {
        let Some(a) = Aksi::from_code(aksi) else {
            return false;
        };
        self.peran()
            .is_some_and(|p| alur_skp::transisi(&self.skp.status, a, p).is_some())
    }

    /// The pegawai (or the admin for them) may edit RHK, IKI and lampiran.
    pub fn dapat_sunting(&self) -> bool {
        matches!(self.hubungan, Hubungan::Sendiri | Hubungan::Admin)
            && alur_skp::dapat_disunting(&self.skp.status)
    }

    /// The penilai writes the ekspektasi khusus until the SKP is set.
    pub fn dapat_ekspektasi(&self) -> bool {
        matches!(self.hubungan, Hubungan::Penilai | Hubungan::Admin)
            && matches!(
                self.skp.status.as_str(),
                alur_skp::DRAFT | alur_skp::DIAJUKAN | alur_skp::DIKEMBALIKAN
            )
    }

    pub fn status_label(&self) -> &'static str {
        alur_skp::label(&self.skp.status)
    }

    pub fn lampiran(&self, which: &str) -> Vec<String> {
        let text = match which {
            "dukungan" => &self.skp.dukungan_sumber_daya,
            "skema" => &self.skp.skema_pertanggungjawaban,
            _ => &self.skp.konsekuensi,
        };
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect()
    }

    /// The two sections of Hasil Kerja with their headings.
    pub fn bagian(&self) -> Vec<(&'static str, &[RhkView])> {
        vec![("A. Utama", &self.utama), ("B. Tambahan", &self.tambahan)]
    }

    /// The lampiran's three lists with their headings.
    pub fn lampiran_semua(&self) -> Vec<(&'static str, Vec<String>)> {
        [
            ("Dukungan sumber daya", "dukungan"),
            ("Skema pertanggungjawaban", "skema"),
            ("Konsekuensi", "konsekuensi"),
        ]
        .into_iter()
        .map(|(judul, key)| (judul, self.lampiran(key)))
        .collect()
    }

    /// RHK whose RHK atasan belongs to an SKP that is not yet set.
    pub fn menunggu_atasan(&self) -> usize {
        self.utama
            .iter()
            .chain(&self.tambahan)
            .filter(|r| r.atasan.as_ref().is_some_and(|(_, draft)| *draft))
            .count()
    }
}

pub async fn lihat<C: ConnectionTrait + 'static>(
    db: &C,
    actor: &Actor,
    skp_id: i32,
    today: NaiveDate,
) -> CoreResult<SkpView> {
    let (s, p, h) = akses(db, actor, skp_id, today).await?;
    let jab = jabatan::Entity::find_by_id(s.jabatan_id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)?;
    let unit = unit_kerja::Entity::find_by_id(s.unit_kerja_id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)?;
    let inst = instansi::Entity::find_by_id(s.instansi_id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)?;
    let pn = penilai::penilai_dari(db, &p, today).await?;
    let penilai_jabatan = match &pn {
        Some(x) => {
            jabatan::Entity::find_by_id(x.pegawai.jabatan_id)
                .one(db)
                .await?
        }
        None => None,
    };
    let rhks = rhk::Entity::find()
        .filter(rhk::Column::SkpId.eq(s.id))
        .order_by_asc(rhk::Column::Urutan)
        .order_by_asc(rhk::Column::Id)
        .all(db)
        .await?;
    let rhk_ids: Vec<i32> = rhks.iter().map(|r| r.id).collect();
    let ikis = iki::Entity::find()
        .filter(iki::Column::RhkId.is_in(rhk_ids.clone()))
        .order_by_asc(iki::Column::Id)
        .all(db)
        .await?;
    let atasan_ids: Vec<i32> = rhks.iter().filter_map(|r| r.rhk_atasan_id).collect();
    let atasan_rhk = rhk::Entity::find()
        .filter(rhk::Column::Id.is_in(atasan_ids))
        .all(db)
        .await?;
    let atasan_skp_ids: Vec<i32> = atasan_rhk.iter().map(|r| r.skp_id).collect();
    let atasan_skp: HashMap<i32, String> = skp::Entity::find()
        .filter(skp::Column::Id.is_in(atasan_skp_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.status))
        .collect();
    let periode = periode::Entity::find()
        .filter(periode::Column::InstansiId.eq(s.instansi_id))
        .filter(periode::Column::Tahun.eq(s.tahun))
        .filter(periode::Column::Jenis.ne("TAHUNAN"))
        .order_by_asc(periode::Column::Urutan)
        .all(db)
        .await?;
    let periode_nama: HashMap<i32, String> =
        periode.iter().map(|p| (p.id, p.nama.clone())).collect();
    let aksi = rencana_aksi::Entity::find()
        .filter(rencana_aksi::Column::RhkId.is_in(rhk_ids))
        .order_by_asc(rencana_aksi::Column::PeriodeId)
        .order_by_asc(rencana_aksi::Column::Id)
        .all(db)
        .await?;
    let mut utama = Vec::new();
    let mut tambahan = Vec::new();
    for r in rhks {
        let view = RhkView {
            iki: ikis.iter().filter(|i| i.rhk_id == r.id).cloned().collect(),
            atasan: r.rhk_atasan_id.and_then(|aid| {
                atasan_rhk.iter().find(|a| a.id == aid).map(|a| {
                    let draft =
                        atasan_skp.get(&a.skp_id).map(String::as_str) != Some(alur_skp::DITETAPKAN);
                    (a.clone(), draft)
                })
            }),
            rencana_aksi: aksi
                .iter()
                .filter(|a| a.rhk_id == r.id)
                .map(|a| {
                    (
                        a.clone(),
                        periode_nama.get(&a.periode_id).cloned().unwrap_or_default(),
                    )
                })
                .collect(),
            rhk: r,
        };
        if view.rhk.jenis == UTAMA {
            utama.push(view);
        } else {
            tambahan.push(view);
        }
    }
    let ekspektasi: HashMap<i32, String> = skp_perilaku::Entity::find()
        .filter(skp_perilaku::Column::SkpId.eq(s.id))
        .all(db)
        .await?
        .into_iter()
        .map(|x| (x.kode, x.ekspektasi))
        .collect();
    let perilaku = berakhlak::NILAI
        .iter()
        .map(|n| PerilakuView {
            nilai: n,
            ekspektasi: ekspektasi.get(&n.kode).cloned().unwrap_or_default(),
        })
        .collect();
    let versi_lain = skp::Entity::find()
        .filter(skp::Column::PegawaiId.eq(s.pegawai_id))
        .filter(skp::Column::Tahun.eq(s.tahun))
        .filter(skp::Column::JabatanId.eq(s.jabatan_id))
        .filter(skp::Column::Id.ne(s.id))
        .order_by_asc(skp::Column::Versi)
        .all(db)
        .await?
        .into_iter()
        .map(|x| (x.id, x.versi, x.status))
        .collect();
    let format_jpt = format_jpt(&jab);
    let pilihan_atasan = if !format_jpt && alur_skp::dapat_disunting(&s.status) {
        rhk_penilai(db, s.tahun, pn.as_ref()).await?
    } else {
        Vec::new()
    };
    Ok(SkpView {
        skp: s,
        pegawai: p,
        jabatan: jab,
        unit,
        instansi: inst,
        penilai: pn,
        penilai_jabatan,
        hubungan: h,
        format_jpt,
        utama,
        tambahan,
        perilaku,
        versi_lain,
        pilihan_atasan,
        periode,
    })
}

/// Refuses unless the actor may edit the content of this SKP now.
async fn untuk_disunting<C: ConnectionTrait + 'static>(
    db: &C,
    actor: &Actor,
    skp_id: i32,
    today: NaiveDate,
) -> CoreResult<(skp::Model, pegawai::Model)> {
    let (s, p, h) = akses(db, actor, skp_id, today).await?;
    if !matches!(h, Hubungan::Sendiri | Hubungan::Admin) {
        return Err(CoreError::Forbidden);
    }
    if !alur_skp::dapat_disunting(&s.status) {
        return Err(CoreError::Conflict(format!(
            "SKP berstatus {} tidak dapat diubah. Ajukan perubahan untuk membuat versi baru.",
            alur_skp::label(&s.status)
        )));
    }
    Ok((s, p))
}

/// Marks an SKP changed after its RHK or indicators were: its `updated_at`, and its pegawai's
/// row of `ringkasan_skp`.
async fn sentuh<C: ConnectionTrait + 'static>(db: &C, s: &skp::Model) -> CoreResult<()> {
    skp::Entity::update_many()
        .col_expr(skp::Column::UpdatedAt, Expr::value(now()))
        .filter(skp::Column::Id.eq(s.id))
        .exec(db)
        .await?;
    ringkasan::skp_berubah(db, s.pegawai_id, s.tahun).await
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct RhkInput {
    #[serde(default)]
    pub jenis: String,
    #[serde(default)]
    pub teks: String,
    #[serde(default)]
    pub rhk_atasan_id: String,
    #[serde(default)]
    pub perspektif: String,
    #[serde(default)]
    pub penugasan_dari: String,
}

/// Adds an RHK (`rhk_id` none) or changes one. For JA/JF the RHK atasan must be one of the
/// penilai's RHK; it may still be a draft there, and the page flags it until it is set.
pub async fn simpan_rhk(
    db: &DatabaseConnection,
    actor: &Actor,
    skp_id: i32,
    rhk_id: Option<i32>,
    input: &RhkInput,
    today: NaiveDate,
) -> CoreResult<rhk::Model> {
    let (s, p) = untuk_disunting(db, actor, skp_id, today).await?;
    let jab = jabatan::Entity::find_by_id(s.jabatan_id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)?;
    let existing = match rhk_id {
        Some(id) => Some(
            rhk::Entity::find_by_id(id)
                .one(db)
                .await?
                .filter(|r| r.skp_id == s.id)
                .ok_or(CoreError::NotFound)?,
        ),
        None => None,
    };
    let mut e = FieldErrors::new();
    if ![UTAMA, TAMBAHAN].contains(&input.jenis.as_str()) {
        e.add("jenis", "Pilih RHK utama atau tambahan.");
    }
    let teks = required_text(&mut e, "teks", &input.teks, 1000);
    let mut atasan_id = None;
    let (mut perspektif, mut penugasan) = (String::new(), String::new());
    if format_jpt(&jab) {
        perspektif = input.perspektif.trim().to_string();
        if !perspektif.is_empty() && !PERSPEKTIF.contains(&perspektif.as_str()) {
            e.add("perspektif", "Pilih salah satu perspektif.");
        }
        penugasan = input.penugasan_dari.trim().to_string();
        if penugasan.chars().count() > 200 {
            e.add("penugasan_dari", "Paling banyak 200 karakter.");
        }
    } else {
        let pn = penilai::penilai_dari(db, &p, today).await?;
        let has_penilai = pn.is_some();
        let pilihan = rhk_penilai(db, s.tahun, pn.as_ref()).await?;
        match input.rhk_atasan_id.trim().parse::<i32>() {
            Ok(id) if pilihan.iter().any(|(r, _)| r.id == id) => atasan_id = Some(id),
            Ok(_) => e.add(
                "rhk_atasan_id",
                "RHK atasan itu bukan milik SKP pejabat penilai Anda.",
            ),
            Err(_) if has_penilai && pilihan.is_empty() => e.add(
                "rhk_atasan_id",
                "Pejabat penilai Anda belum menyusun RHK. Minta atasan menyusun SKP (boleh masih draf) terlebih dahulu.",
            ),
            Err(_) if has_penilai => {
                e.add("rhk_atasan_id", "Pilih RHK atasan yang diintervensi.")
            }
            Err(_) => {}
        }
    }
    e.into_result()?;
    let txn = db.begin().await?;
    let saved = match existing {
        Some(r) => {
            let before = r.clone();
            let mut am: rhk::ActiveModel = r.into();
            am.jenis = Set(input.jenis.clone());
            am.teks = Set(teks);
            am.rhk_atasan_id = Set(atasan_id);
            am.perspektif = Set(perspektif);
            am.penugasan_dari = Set(penugasan);
            let saved = am.update(&txn).await?;
            audit::updated(
                &txn,
                actor,
                Some(s.instansi_id),
                ("rhk", saved.id as i64),
                &before,
                &saved,
            )
            .await?;
            saved
        }
        None => {
            let urutan = rhk::Entity::find()
                .filter(rhk::Column::SkpId.eq(s.id))
                .order_by_desc(rhk::Column::Urutan)
                .one(&txn)
                .await?
                .map_or(1, |r| r.urutan + 1);
            let r = rhk::ActiveModel {
                skp_id: Set(s.id),
                jenis: Set(input.jenis.clone()),
                urutan: Set(urutan),
                teks: Set(teks),
                rhk_atasan_id: Set(atasan_id),
                asal_rhk_id: Set(None),
                perspektif: Set(perspektif),
                penugasan_dari: Set(penugasan),
                created_at: Set(now()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            audit::created(&txn, actor, Some(s.instansi_id), ("rhk", r.id as i64), &r).await?;
            r
        }
    };
    sentuh(&txn, &s).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Removes an RHK from a draft. Refused when activities were already logged against it.
pub async fn hapus_rhk(
    db: &DatabaseConnection,
    actor: &Actor,
    rhk_id: i32,
    today: NaiveDate,
) -> CoreResult<i32> {
    let r = rhk::Entity::find_by_id(rhk_id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)?;
    let (s, _) = untuk_disunting(db, actor, r.skp_id, today).await?;
    let used = aktivitas::Entity::find()
        .filter(aktivitas::Column::RhkId.eq(r.id))
        .one(db)
        .await?;
    if used.is_some() {
        return Err(CoreError::Conflict(
            "RHK ini sudah dipakai untuk mencatat aktivitas, sehingga tidak dapat dihapus.".into(),
        ));
    }
    let txn = db.begin().await?;
    rhk::Entity::delete_by_id(r.id).exec(&txn).await?;
    audit::deleted(&txn, actor, Some(s.instansi_id), ("rhk", r.id as i64), &r).await?;
    sentuh(&txn, &s).await?;
    txn.commit().await?;
    Ok(s.id)
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct IkiInput {
    #[serde(default)]
    pub aspek: String,
    #[serde(default)]
    pub indikator: String,
    #[serde(default)]
    pub target: String,
    #[serde(default)]
    pub satuan: String,
}

/// Adds an indicator to an RHK. A kuantitatif SKP needs a number above zero and a unit; a
/// kualitatif one describes its target in words.
pub async fn tambah_iki(
    db: &DatabaseConnection,
    actor: &Actor,
    rhk_id: i32,
    input: &IkiInput,
    today: NaiveDate,
) -> CoreResult<iki::Model> {
    let r = rhk::Entity::find_by_id(rhk_id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)?;
    let (s, _) = untuk_disunting(db, actor, r.skp_id, today).await?;
    let mut e = FieldErrors::new();
    if !ASPEK.iter().any(|(c, _)| *c == input.aspek) {
        e.add(
            "aspek",
            "Pilih aspek kuantitas, kualitas, waktu atau biaya.",
        );
    }
    let indikator = required_text(&mut e, "indikator", &input.indikator, 500);
    let (mut nilai, mut teks) = (None, String::new());
    let satuan = input.satuan.trim().to_string();
    if s.pendekatan == KUANTITATIF {
        match parse_seratus(&input.target) {
            Ok(0) => e.add("target", "Target harus lebih dari nol."),
            Ok(v) => nilai = Some(v),
            Err(m) => e.add("target", m),
        }
        if satuan.is_empty() {
            e.add("satuan", "Isi satuan, misalnya Dokumen, %, atau Bulan.");
        }
    } else {
        teks = required_text(&mut e, "target", &input.target, 500);
    }
    if satuan.chars().count() > 60 {
        e.add("satuan", "Paling banyak 60 karakter.");
    }
    e.into_result()?;
    let txn = db.begin().await?;
    let i = iki::ActiveModel {
        rhk_id: Set(r.id),
        aspek: Set(input.aspek.clone()),
        indikator: Set(indikator),
        target_nilai: Set(nilai),
        target_teks: Set(teks),
        satuan: Set(satuan),
        asal_iki_id: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::created(&txn, actor, Some(s.instansi_id), ("iki", i.id as i64), &i).await?;
    sentuh(&txn, &s).await?;
    txn.commit().await?;
    Ok(i)
}

pub async fn hapus_iki(
    db: &DatabaseConnection,
    actor: &Actor,
    iki_id: i32,
    today: NaiveDate,
) -> CoreResult<i32> {
    let i = iki::Entity::find_by_id(iki_id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)?;
    let r = rhk::Entity::find_by_id(i.rhk_id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)?;
    let (s, _) = untuk_disunting(db, actor, r.skp_id, today).await?;
    let used = realisasi::Entity::find()
        .filter(realisasi::Column::IkiId.eq(i.id))
        .one(db)
        .await?;
    if used.is_some() {
        return Err(CoreError::Conflict(
            "Indikator ini sudah memiliki realisasi, sehingga tidak dapat dihapus.".into(),
        ));
    }
    let txn = db.begin().await?;
    iki::Entity::delete_by_id(i.id).exec(&txn).await?;
    audit::deleted(&txn, actor, Some(s.instansi_id), ("iki", i.id as i64), &i).await?;
    sentuh(&txn, &s).await?;
    txn.commit().await?;
    Ok(s.id)
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct LampiranInput {
    #[serde(default)]
    pub dukungan_sumber_daya: String,
    #[serde(default)]
    pub skema_pertanggungjawaban: String,
    #[serde(default)]
    pub konsekuensi: String,
}

/// The lampiran's three lists, one item a line.
pub async fn simpan_lampiran(
    db: &DatabaseConnection,
    actor: &Actor,
    skp_id: i32,
    input: &LampiranInput,
    today: NaiveDate,
) -> CoreResult<skp::Model> {
    let (s, _) = untuk_disunting(db, actor, skp_id, today).await?;
    let mut e = FieldErrors::new();
    for (f, v) in [
        ("dukungan_sumber_daya", &input.dukungan_sumber_daya),
        ("skema_pertanggungjawaban", &input.skema_pertanggungjawaban),
        ("konsekuensi", &input.konsekuensi),
    ] {
        if v.chars().count() > 4000 {
            e.add(f, "Paling banyak 4000 karakter.");
        }
    }
    e.into_result()?;
    let txn = db.begin().await?;
    let before = s.clone();
    let mut am: skp::ActiveModel = s.into();
    am.dukungan_sumber_daya = Set(input.dukungan_sumber_daya.trim().to_string());
    am.skema_pertanggungjawaban = Set(input.skema_pertanggungjawaban.trim().to_string());
    am.konsekuensi = Set(input.konsekuensi.trim().to_string());
    am.updated_at = Set(now());
    let saved = am.update(&txn).await?;
    audit::updated(
        &txn,
        actor,
        Some(saved.instansi_id),
        ("skp", saved.id as i64),
        &before,
        &saved,
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

/// The penilai's ekspektasi khusus pimpinan for one BerAKHLAK value; empty text removes it.
pub async fn simpan_ekspektasi(
    db: &DatabaseConnection,
    actor: &Actor,
    skp_id: i32,
    kode: i32,
    teks: &str,
    today: NaiveDate,
) -> CoreResult<()> {
    let (s, _, h) = akses(db, actor, skp_id, today).await?;
    if !matches!(h, Hubungan::Penilai | Hubungan::Admin) {
        return Err(CoreError::Forbidden);
    }
    if !matches!(
        s.status.as_str(),
        alur_skp::DRAFT | alur_skp::DIAJUKAN | alur_skp::DIKEMBALIKAN
    ) {
        return Err(CoreError::Conflict(
            "Ekspektasi hanya dapat diubah sebelum SKP ditetapkan.".into(),
        ));
    }
    if berakhlak::nilai(kode).is_none() {
        return Err(CoreError::NotFound);
    }
    let teks = teks.trim();
    if teks.chars().count() > 1000 {
        return Err(CoreError::field(
            &format!("ekspektasi_{kode}"),
            "Paling banyak 1000 karakter.",
        ));
    }
    let txn = db.begin().await?;
    let old = skp_perilaku::Entity::find()
        .filter(skp_perilaku::Column::SkpId.eq(s.id))
        .filter(skp_perilaku::Column::Kode.eq(kode))
        .one(&txn)
        .await?;
    let before = old.clone();
    let after = match old {
        Some(o) if teks.is_empty() => {
            skp_perilaku::Entity::delete_by_id(o.id).exec(&txn).await?;
            None
        }
        Some(o) => {
            let mut am: skp_perilaku::ActiveModel = o.into();
            am.ekspektasi = Set(teks.to_string());
            Some(am.update(&txn).await?)
        }
        None if teks.is_empty() => None,
        None => Some(
            skp_perilaku::ActiveModel {
                skp_id: Set(s.id),
                kode: Set(kode),
                ekspektasi: Set(teks.to_string()),
                ..Default::default()
            }
            .insert(&txn)
            .await?,
        ),
    };
    if before.is_some() || after.is_some() {
        audit::record(
            &txn,
            actor,
            Some(s.instansi_id),
            Action::Update,
            ("skp_perilaku", s.id as i64 * 10 + kode as i64),
            before.as_ref(),
            after.as_ref(),
        )
        .await?;
        sentuh(&txn, &s).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Takes a workflow action on an SKP and returns the SKP to show next (for `Ubah`, the new
/// version). The move must be in `rules::alur_skp::TRANSISI` for the actor's role.
pub async fn jalankan(
    db: &DatabaseConnection,
    actor: &Actor,
    skp_id: i32,
    aksi: Aksi,
    catatan: &str,
    today: NaiveDate,
) -> CoreResult<skp::Model> {
    let (s, p, h) = akses(db, actor, skp_id, today).await?;
    let peran = match h {
        Hubungan::Sendiri => PeranSkp::Pemilik,
        Hubungan::Penilai => PeranSkp::Penilai,
        Hubungan::Admin => PeranSkp::Admin,
        Hubungan::AtasanPenilai => return Err(CoreError::Forbidden),
    };
    let Some(next) = alur_skp::transisi(&s.status, aksi, peran) else {
        return Err(if alur_skp::peran_berwenang(aksi, peran) {
            CoreError::Conflict(format!(
                "Tindakan ini tidak dapat dilakukan pada SKP berstatus {}.",
                alur_skp::label(&s.status)
            ))
        } else {
            CoreError::Forbidden
        });
    };
    match aksi {
        Aksi::Ajukan => ajukan(db, actor, s, &p, today).await,
        Aksi::Kembalikan => {
            let catatan = catatan.trim();
            if catatan.is_empty() {
                return Err(CoreError::field(
                    "catatan",
                    "Tuliskan catatan agar pegawai tahu apa yang perlu diperbaiki.",
                ));
            }
            if catatan.chars().count() > 2000 {
                return Err(CoreError::field("catatan", "Paling banyak 2000 karakter."));
            }
            let txn = db.begin().await?;
            let mut s2 = s.clone();
            s2.catatan_penilai = catatan.to_string();
            let saved = simpan_status(&txn, actor, s, s2, next).await?;
            notifikasi::kirim(
                &txn,
                saved.pegawai_id,
                &format!(
                    "SKP {} Anda dikembalikan oleh penilai: {}",
                    saved.tahun, catatan
                ),
                &format!("/skp/{}", saved.id),
            )
            .await?;
            ringkasan::skp_berubah(&txn, saved.pegawai_id, saved.tahun).await?;
            txn.commit().await?;
            Ok(saved)
        }
        Aksi::Tetapkan => {
            periksa_isi(db, &s, &p, today).await?.0.into_result()?;
            tetapkan(db, actor, s, next).await
        }
        Aksi::Ubah => ubah(db, actor, s).await,
        Aksi::Tutup => {
            let txn = db.begin().await?;
            let saved = ganti_status(&txn, actor, s, next).await?;
            ringkasan::skp_berubah(&txn, saved.pegawai_id, saved.tahun).await?;
            txn.commit().await?;
            Ok(saved)
        }
    }
}

async fn simpan_status<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    before: skp::Model,
    mut after: skp::Model,
    status: &str,
) -> CoreResult<skp::Model> {
    after.status = status.to_string();
    after.updated_at = now();
    // Every column is written: the caller changed several of them.
    let saved = skp::ActiveModel::from(after).reset_all().update(db).await?;
    audit::updated(
        db,
        actor,
        Some(saved.instansi_id),
        ("skp", saved.id as i64),
        &before,
        &saved,
    )
    .await?;
    Ok(saved)
}

/// Checks that an SKP is complete enough to submit or set: at least one RHK utama, an
/// indicator on every RHK, and for JA/JF every RHK linked to an RHK of the penilai.
async fn periksa_isi<C: ConnectionTrait + 'static>(
    db: &C,
    s: &skp::Model,
    p: &pegawai::Model,
    today: NaiveDate,
) -> CoreResult<(FieldErrors, Option<Penilai>)> {
    let jab = jabatan::Entity::find_by_id(s.jabatan_id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)?;
    let rhks = rhk::Entity::find()
        .filter(rhk::Column::SkpId.eq(s.id))
        .all(db)
        .await?;
    let ikis = iki::Entity::find()
        .filter(iki::Column::RhkId.is_in(rhks.iter().map(|r| r.id).collect::<Vec<_>>()))
        .all(db)
        .await?;
    let pn = penilai::penilai_dari(db, p, today).await?;
    let mut e = FieldErrors::new();
    if !rhks.iter().any(|r| r.jenis == UTAMA) {
        e.add("rhk", "Susun sekurang-kurangnya satu RHK utama.");
    }
    if rhks.iter().any(|r| !ikis.iter().any(|i| i.rhk_id == r.id)) {
        e.add(
            "iki",
            "Setiap RHK memerlukan sekurang-kurangnya satu indikator.",
        );
    }
    if !format_jpt(&jab) && pn.is_some() && rhks.iter().any(|r| r.rhk_atasan_id.is_none()) {
        e.add(
            "rhk_atasan_id",
            "Setiap RHK harus mengintervensi RHK pejabat penilai.",
        );
    }
    Ok((e, pn))
}

async fn ajukan(
    db: &DatabaseConnection,
    actor: &Actor,
    s: skp::Model,
    p: &pegawai::Model,
    today: NaiveDate,
) -> CoreResult<skp::Model> {
    let (mut e, pn) = periksa_isi(db, &s, p, today).await?;
    let Some(pn) = pn else {
        e.add(
            "penilai",
            "Pejabat penilai belum ada. Hubungi admin instansi untuk menetapkannya.",
        );
        return Err(CoreError::Validation(e));
    };
    e.into_result()?;
    let txn = db.begin().await?;
    let mut s2 = s.clone();
    s2.penilai_id = Some(pn.pegawai.id);
    s2.diajukan_at = Some(now());
    let saved = simpan_status(&txn, actor, s, s2, alur_skp::DIAJUKAN).await?;
    notifikasi::kirim(
        &txn,
        pn.pegawai.id,
        &format!(
            "{} mengajukan SKP {} untuk ditetapkan.",
            p.nama, saved.tahun
        ),
        &format!("/skp/{}", saved.id),
    )
    .await?;
    ringkasan::skp_berubah(&txn, saved.pegawai_id, saved.tahun).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Sets an SKP. When it is a later version, the version it replaces becomes `DIGANTI` and what
/// was attached to the old RHK and IKI (activities, realisasi, subordinates' cascades) moves to
/// their copies, so nothing logged against the old plan is lost.
async fn tetapkan(
    db: &DatabaseConnection,
    actor: &Actor,
    s: skp::Model,
    next: &str,
) -> CoreResult<skp::Model> {
    let txn = db.begin().await?;
    let mut s2 = s.clone();
    s2.ditetapkan_at = Some(now());
    s2.penilai_id = actor.pegawai_id.or(s.penilai_id);
    s2.catatan_penilai = String::new();
    let saved = simpan_status(&txn, actor, s, s2, next).await?;
    let lama = skp::Entity::find()
        .filter(skp::Column::PegawaiId.eq(saved.pegawai_id))
        .filter(skp::Column::Tahun.eq(saved.tahun))
        .filter(skp::Column::JabatanId.eq(saved.jabatan_id))
        .filter(skp::Column::Id.ne(saved.id))
        .filter(skp::Column::Status.eq(alur_skp::DITETAPKAN))
        .all(&txn)
        .await?;
    let rhks = rhk::Entity::find()
        .filter(rhk::Column::SkpId.eq(saved.id))
        .all(&txn)
        .await?;
    let ikis = iki::Entity::find()
        .filter(iki::Column::RhkId.is_in(rhks.iter().map(|r| r.id).collect::<Vec<_>>()))
        .all(&txn)
        .await?;
    for old in lama {
        for r in rhks.iter().filter(|r| r.asal_rhk_id.is_some()) {
            let from = r.asal_rhk_id.unwrap_or_default();
            aktivitas::Entity::update_many()
                .col_expr(aktivitas::Column::RhkId, Expr::value(r.id))
                .col_expr(aktivitas::Column::SkpId, Expr::value(saved.id))
                .filter(aktivitas::Column::RhkId.eq(from))
                .exec(&txn)
                .await?;
            ringkasan::rhk_direvisi(&txn, from, r.id).await?;
            rhk::Entity::update_many()
                .col_expr(rhk::Column::RhkAtasanId, Expr::value(r.id))
                .filter(rhk::Column::RhkAtasanId.eq(from))
                .exec(&txn)
                .await?;
        }
        for i in ikis.iter().filter(|i| i.asal_iki_id.is_some()) {
            realisasi::Entity::update_many()
                .col_expr(realisasi::Column::IkiId, Expr::value(i.id))
                .col_expr(realisasi::Column::SkpId, Expr::value(saved.id))
                .filter(realisasi::Column::IkiId.eq(i.asal_iki_id.unwrap_or_default()))
                .exec(&txn)
                .await?;
        }
        ganti_status(&txn, actor, old, alur_skp::DIGANTI).await?;
    }
    notifikasi::kirim(
        &txn,
        saved.pegawai_id,
        &format!("SKP {} Anda telah ditetapkan.", saved.tahun),
        &format!("/skp/{}", saved.id),
    )
    .await?;
    ringkasan::skp_berubah(&txn, saved.pegawai_id, saved.tahun).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Re-clarifies a set SKP: copies it into a new draft version with its RHK, IKI, expectations,
/// lampiran and rencana aksi. An open draft version is returned instead of a second one.
async fn ubah(db: &DatabaseConnection, actor: &Actor, s: skp::Model) -> CoreResult<skp::Model> {
    if let Some(d) = skp::Entity::find()
        .filter(skp::Column::PegawaiId.eq(s.pegawai_id))
        .filter(skp::Column::Tahun.eq(s.tahun))
        .filter(skp::Column::JabatanId.eq(s.jabatan_id))
        .filter(skp::Column::Versi.gt(s.versi))
        .filter(skp::Column::Status.is_in([
            alur_skp::DRAFT,
            alur_skp::DIAJUKAN,
            alur_skp::DIKEMBALIKAN,
        ]))
        .one(db)
        .await?
    {
        return Ok(d);
    }
    let versi = skp::Entity::find()
        .filter(skp::Column::PegawaiId.eq(s.pegawai_id))
        .filter(skp::Column::Tahun.eq(s.tahun))
        .filter(skp::Column::JabatanId.eq(s.jabatan_id))
        .order_by_desc(skp::Column::Versi)
        .one(db)
        .await?
        .map_or(s.versi, |x| x.versi)
        + 1;
    let txn = db.begin().await?;
    let t = now();
    let baru = skp::ActiveModel {
        instansi_id: Set(s.instansi_id),
        pegawai_id: Set(s.pegawai_id),
        jabatan_id: Set(s.jabatan_id),
        unit_kerja_id: Set(s.unit_kerja_id),
        tahun: Set(s.tahun),
        versi: Set(versi),
        status: Set(alur_skp::DRAFT.into()),
        pendekatan: Set(s.pendekatan.clone()),
        penilai_id: Set(s.penilai_id),
        catatan_penilai: Set(String::new()),
        dukungan_sumber_daya: Set(s.dukungan_sumber_daya.clone()),
        skema_pertanggungjawaban: Set(s.skema_pertanggungjawaban.clone()),
        konsekuensi: Set(s.konsekuensi.clone()),
        diajukan_at: Set(None),
        ditetapkan_at: Set(None),
        created_at: Set(t),
        updated_at: Set(t),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let rhks = rhk::Entity::find()
        .filter(rhk::Column::SkpId.eq(s.id))
        .order_by_asc(rhk::Column::Urutan)
        .all(&txn)
        .await?;
    let rhk_ids: Vec<i32> = rhks.iter().map(|r| r.id).collect();
    let ikis = iki::Entity::find()
        .filter(iki::Column::RhkId.is_in(rhk_ids.clone()))
        .all(&txn)
        .await?;
    let aksi = rencana_aksi::Entity::find()
        .filter(rencana_aksi::Column::RhkId.is_in(rhk_ids))
        .all(&txn)
        .await?;
    for r in rhks {
        let copy = rhk::ActiveModel {
            skp_id: Set(baru.id),
            jenis: Set(r.jenis.clone()),
            urutan: Set(r.urutan),
            teks: Set(r.teks.clone()),
            rhk_atasan_id: Set(r.rhk_atasan_id),
            asal_rhk_id: Set(Some(r.id)),
            perspektif: Set(r.perspektif.clone()),
            penugasan_dari: Set(r.penugasan_dari.clone()),
            created_at: Set(t),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        for i in ikis.iter().filter(|i| i.rhk_id == r.id) {
            iki::ActiveModel {
                rhk_id: Set(copy.id),
                aspek: Set(i.aspek.clone()),
                indikator: Set(i.indikator.clone()),
                target_nilai: Set(i.target_nilai),
                target_teks: Set(i.target_teks.clone()),
                satuan: Set(i.satuan.clone()),
                asal_iki_id: Set(Some(i.id)),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        for a in aksi.iter().filter(|a| a.rhk_id == r.id) {
            rencana_aksi::ActiveModel {
                rhk_id: Set(copy.id),
                periode_id: Set(a.periode_id),
                teks: Set(a.teks.clone()),
                target: Set(a.target.clone()),
                created_at: Set(t),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    for x in skp_perilaku::Entity::find()
        .filter(skp_perilaku::Column::SkpId.eq(s.id))
        .all(&txn)
        .await?
    {
        skp_perilaku::ActiveModel {
            skp_id: Set(baru.id),
            kode: Set(x.kode),
            ekspektasi: Set(x.ekspektasi),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    audit::created(
        &txn,
        actor,
        Some(baru.instansi_id),
        ("skp", baru.id as i64),
        &baru,
    )
    .await?;
    ringkasan::skp_berubah(&txn, baru.pegawai_id, baru.tahun).await?;
    txn.commit().await?;
    Ok(baru)
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct RencanaAksiInput {
    #[serde(default)]
    pub periode_id: String,
    #[serde(default)]
    pub teks: String,
    #[serde(default)]
    pub target: String,
}

/// Adds an action step under an RHK for one period of the SKP's year. The pegawai plans these
/// while the SKP is a draft or once it is set (they are the steps of the year, not the plan).
pub async fn tambah_rencana_aksi(
    db: &DatabaseConnection,
    actor: &Actor,
    rhk_id: i32,
    input: &RencanaAksiInput,
    today: NaiveDate,
) -> CoreResult<rencana_aksi::Model> {
    let r = rhk::Entity::find_by_id(rhk_id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)?;
    let (s, _, h) = akses(db, actor, r.skp_id, today).await?;
    if !matches!(h, Hubungan::Sendiri | Hubungan::Admin) {
        return Err(CoreError::Forbidden);
    }
    if matches!(s.status.as_str(), alur_skp::DIGANTI | alur_skp::DITUTUP) {
        return Err(CoreError::Conflict("SKP ini sudah tidak berlaku.".into()));
    }
    let mut e = FieldErrors::new();
    let per = match input.periode_id.parse::<i32>() {
        Ok(id) => periode::Entity::find_by_id(id)
            .one(db)
            .await?
            .filter(|p| p.instansi_id == s.instansi_id && p.tahun == s.tahun),
        Err(_) => None,
    };
    match &per {
        None => e.add("periode_id", "Pilih periode pada tahun SKP ini."),
        Some(p) if p.status != crate::services::perencanaan::periode::TERBUKA => {
            e.add("periode_id", "Periode itu sudah ditutup.")
        }
        _ => {}
    }
    let teks = required_text(&mut e, "teks", &input.teks, 1000);
    if input.target.trim().chars().count() > 200 {
        e.add("target", "Paling banyak 200 karakter.");
    }
    e.into_result()?;
    let txn = db.begin().await?;
    let a = rencana_aksi::ActiveModel {
        rhk_id: Set(r.id),
        periode_id: Set(per.map(|p| p.id).unwrap_or_default()),
        teks: Set(teks),
        target: Set(input.target.trim().to_string()),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::created(
        &txn,
        actor,
        Some(s.instansi_id),
        ("rencana_aksi", a.id as i64),
        &a,
    )
    .await?;
    txn.commit().await?;
    Ok(a)
}

pub async fn hapus_rencana_aksi(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    today: NaiveDate,
) -> CoreResult<i32> {
    let a = rencana_aksi::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)?;
    let r = rhk::Entity::find_by_id(a.rhk_id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)?;
    let (s, _, h) = akses(db, actor, r.skp_id, today).await?;
    if !matches!(h, Hubungan::Sendiri | Hubungan::Admin)
        || matches!(s.status.as_str(), alur_skp::DIGANTI | alur_skp::DITUTUP)
    {
        return Err(CoreError::Forbidden);
    }
    let txn = db.begin().await?;
    rencana_aksi::Entity::delete_by_id(a.id).exec(&txn).await?;
    audit::deleted(
        &txn,
        actor,
        Some(s.instansi_id),
        ("rencana_aksi", a.id as i64),
        &a,
    )
    .await?;
    txn.commit().await?;
    Ok(s.id)
}

/// SKPs submitted to the actor as penilai and not yet decided, with the pegawai's name.
pub async fn menunggu_penetapan<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
) -> CoreResult<Vec<(skp::Model, String)>> {
    let Some(me) = actor.pegawai_id else {
        return Ok(Vec::new());
    };
    let items = skp::Entity::find()
        .filter(skp::Column::PenilaiId.eq(me))
        .filter(skp::Column::Status.eq(alur_skp::DIAJUKAN))
        .order_by_asc(skp::Column::DiajukanAt)
        .all(db)
        .await?;
    let names: HashMap<i32, String> = pegawai::Entity::find()
        .filter(pegawai::Column::Id.is_in(items.iter().map(|s| s.pegawai_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.nama))
        .collect();
    Ok(items
        .into_iter()
        .map(|s| {
            let n = names.get(&s.pegawai_id).cloned().unwrap_or_default();
            (s, n)
        })
        .collect())
}

/// One RHK by id, for handlers that need its SKP to go back to. It grants nothing: every
/// read or change of it goes through a service that authorises on that SKP.
pub async fn rhk_by_id<C: ConnectionTrait>(db: &C, rhk_id: i32) -> CoreResult<rhk::Model> {
    rhk::Entity::find_by_id(rhk_id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)
}
