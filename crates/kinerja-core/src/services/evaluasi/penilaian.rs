//! Penilaian by the pejabat penilai for one period (`DOMAIN.md` §6.1 step 3, §6.2, §6.3): the
//! penilai reads the realisasi of every IKI, writes umpan balik on every IKI and on each of the
//! seven BerAKHLAK values (required before a rating), and gives Rating Hasil Kerja and Rating
//! Perilaku Kerja. The predikat follows from the matrix, and for a jabatan fungsional the angka
//! kredit of the period. A suggested Rating Hasil Kerja from capaian is shown as a hint; it never
//! decides.

use crate::actor::Actor;
use crate::db::entities::{
    evaluasi, evaluasi_umpan_balik, jabatan, pegawai, periode, predikat_organisasi, unit_kerja,
};
use crate::error::{CoreError, CoreResult, FieldErrors};
use crate::rules::berakhlak::{self, NilaiDasar};
use crate::rules::distribusi::PredikatOrganisasi;
use crate::rules::jabatan::JenisJabatan;
use crate::rules::predikat::{self, Predikat, Rating};
use crate::rules::{alur_skp, angka_kredit};
use crate::services::evaluasi::pengaturan::{self, Pengaturan};
use crate::services::evaluasi::realisasi::{self, Baris, periode_terbuka};
use crate::services::organisasi::akses::Hubungan;
use crate::services::status::evaluasi::DINILAI;
use crate::services::{evaluasi::instansi as evaluasi_instansi, jejak::audit, now};
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, TransactionTrait,
};
use std::collections::HashMap;

pub const SASARAN_IKI: &str = "IKI";
pub const SASARAN_PERILAKU: &str = "PERILAKU";

pub struct Lembar {
    pub pegawai_nama: String,
    pub pegawai_nip: String,
    pub periode: periode::Model,
    pub semua_periode: Vec<periode::Model>,
    pub skp_id: i32,
    pub baris: Vec<Baris>,
    pub perilaku: &'static [NilaiDasar],
    pub evaluasi: Option<evaluasi::Model>,
    /// Umpan balik saved, by (sasaran, id).
    pub umpan: HashMap<(String, i32), String>,
    /// Average capaian of the kuantitas IKI in percent, and the rating it suggests.
    pub capaian: Option<i64>,
    pub saran: Option<Rating>,
    /// The actor is the penilai and the period and evaluation are still open.
    pub dapat_menilai: bool,
    /// For a pimpinan unit: the organisational predikat their Rating Hasil Kerja comes from
    /// (`DOMAIN.md` §6.2), as (unit, predikat); `Some((unit, None))` while it is not set.
    pub pimpinan_unit: Option<(String, Option<PredikatOrganisasi>)>,
    /// The instansi's hint thresholds (capaian percent for Di Atas and for Sesuai).
    pub ambang: (i64, i64),
    /// When the pegawai submitted the period's realisasi (a rating does not wait for it).
    pub realisasi_diajukan: Option<chrono::DateTime<chrono::Utc>>,
    /// The training the pegawai completed in the period's year, shown to the penilai as evidence
    /// for BerAKHLAK "Kompeten".
    pub pelatihan: Vec<crate::db::entities::pelatihan::Model>,
}

impl Lembar {
    /// JP realised in the period's year.
    pub fn jp_pelatihan(&self) -> i64 {
        self.pelatihan.iter().map(|p| i64::from(p.jp)).sum()
    }
}

impl Lembar {
    pub fn umpan_iki(&self, iki_id: &i32) -> String {
        self.umpan
            .get(&(SASARAN_IKI.to_string(), *iki_id))
            .cloned()
            .unwrap_or_default()
    }
    pub fn umpan_perilaku(&self, kode: &i32) -> String {
        self.umpan
            .get(&(SASARAN_PERILAKU.to_string(), *kode))
            .cloned()
            .unwrap_or_default()
    }
    pub fn predikat_label(&self) -> Option<&'static str> {
        self.evaluasi
            .as_ref()
            .and_then(|e| e.predikat.as_deref())
            .and_then(Predikat::from_code)
            .map(Predikat::label)
    }
}

/// What the penilai typed: umpan balik per IKI id and per BerAKHLAK number, and both ratings.
#[derive(Debug, Clone, Default)]
pub struct PenilaianInput {
    pub umpan_iki: HashMap<i32, String>,
    pub umpan_perilaku: HashMap<i32, String>,
    pub rating_hasil: String,
    pub rating_perilaku: String,
}

impl PenilaianInput {
    /// From form pairs: `ub_iki_{id}`, `ub_perilaku_{n}`, `rating_hasil`, `rating_perilaku`.
    pub fn from_pairs(pairs: &[(String, String)]) -> PenilaianInput {
        let mut input = PenilaianInput::default();
        for (k, v) in pairs {
            if let Some(id) = k.strip_prefix("ub_iki_").and_then(|x| x.parse().ok()) {
                input.umpan_iki.insert(id, v.clone());
            } else if let Some(n) = k.strip_prefix("ub_perilaku_").and_then(|x| x.parse().ok()) {
                input.umpan_perilaku.insert(n, v.clone());
            } else if k == "rating_hasil" {
                input.rating_hasil = v.clone();
            } else if k == "rating_perilaku" {
                input.rating_perilaku = v.clone();
            }
        }
        input
    }
}

/// The evaluation sheet of an SKP for a period (the current one by default). The pegawai, their
/// penilai, the atasan penilai and the admin may read it; only the penilai may rate.
pub async fn lembar<C: ConnectionTrait + 'static>(
    db: &C,
    actor: &Actor,
    skp_id: i32,
    periode_id: Option<i32>,
    today: NaiveDate,
) -> CoreResult<Lembar> {
    let (s, p, h) = crate::services::perencanaan::skp::akses(db, actor, skp_id, today).await?;
    let r = realisasi::lembar_skp(db, s, h, periode_id, today).await?;
    let ev = evaluasi::Entity::find()
        .filter(evaluasi::Column::PegawaiId.eq(p.id))
        .filter(evaluasi::Column::PeriodeId.eq(r.periode.id))
        .one(db)
        .await?;
    let umpan = match &ev {
        Some(e) => evaluasi_umpan_balik::Entity::find()
            .filter(evaluasi_umpan_balik::Column::EvaluasiId.eq(e.id))
            .all(db)
            .await?
            .into_iter()
            .map(|u| ((u.sasaran, u.sasaran_id), u.teks))
            .collect(),
        None => HashMap::new(),
    };
    let capaian = capaian(&r.baris, &r.periode);
    let set = pengaturan::baca(db, p.instansi_id).await?;
    let pimpinan_unit = pimpinan_unit(db, &p, r.periode.id).await?;
    let dapat_menilai = h == Hubungan::Penilai
        && r.skp.status == alur_skp::DITETAPKAN
        && periode_terbuka(&r.periode, today)
        && ev.as_ref().is_none_or(|e| e.status == DINILAI);
    let pelatihan =
        crate::services::kompetensi::pengembangan::pelatihan_tahun(db, p.id, r.periode.tahun)
            .await?
            .into_iter()
            .map(|(t, _)| t)
            .collect();
    Ok(Lembar {
        pelatihan,
        realisasi_diajukan: r.diajukan,
        pegawai_nama: p.nama,
        pegawai_nip: p.nip,
        skp_id: r.skp.id,
        periode: r.periode,
        semua_periode: r.semua_periode,
        baris: r.baris,
        perilaku: &berakhlak::NILAI,
        evaluasi: ev,
        umpan,
        saran: capaian.map(|c| saran(c, &set)),
        capaian,
        dapat_menilai,
        pimpinan_unit,
        ambang: (set.saran_di_atas, set.saran_sesuai),
    })
}

/// Average capaian of the kuantitas IKI: realisasi (or, before the pegawai confirms it, the
/// verified output) against the period's share of the annual target.
fn capaian(baris: &[Baris], per: &periode::Model) -> Option<i64> {
    let bulan = i64::from(evaluasi_instansi::bulan(per));
    let shares: Vec<i64> = baris
        .iter()
        .filter(|b| b.iki.aspek == "KUANTITAS")
        .filter_map(|b| {
            let target = b.iki.target_nilai? * bulan / 12;
            let real = b.realisasi.as_ref().and_then(|r| r.nilai).or(b.usulan)?;
            (target > 0).then(|| real * 100 / target)
        })
        .collect();
    (!shares.is_empty()).then(|| shares.iter().sum::<i64>() / shares.len() as i64)
}

/// The hint from the instansi's thresholds: a suggestion only; the penilai decides.
pub fn saran(capaian: i64, set: &Pengaturan) -> Rating {
    if capaian >= set.saran_di_atas {
        Rating::DiAtas
    } else if capaian >= set.saran_sesuai {
        Rating::Sesuai
    } else {
        Rating::DiBawah
    }
}

/// Saves the penilai's umpan balik and ratings for the pegawai of SKP `skp_id` in `periode_id`,
/// with the predikat from the matrix and the period's angka kredit. Refused (403) for anyone but
/// the penilai; refused (409) on a closed period, an SKP not set, or a final evaluation; 422 with
/// a message on every missing umpan balik or rating, saving nothing.
pub async fn simpan(
    db: &DatabaseConnection,
    actor: &Actor,
    skp_id: i32,
    periode_id: i32,
    input: &PenilaianInput,
    today: NaiveDate,
) -> CoreResult<evaluasi::Model> {
    let (s, p, h) = crate::services::perencanaan::skp::akses(db, actor, skp_id, today).await?;
    if h != Hubungan::Penilai {
        return Err(CoreError::Forbidden);
    }
    if s.status != alur_skp::DITETAPKAN {
        return Err(CoreError::Conflict(
            "Penilaian diberikan atas SKP yang sudah ditetapkan.".into(),
        ));
    }
    let r = realisasi::lembar_skp(db, s, h, Some(periode_id), today).await?;
    let s = &r.skp;
    let per = &r.periode;
    if !periode_terbuka(per, today) {
        return Err(CoreError::Conflict(format!(
            "Periode {} sudah ditutup atau melewati batas pengisian.",
            per.nama
        )));
    }
    let old = evaluasi::Entity::find()
        .filter(evaluasi::Column::PegawaiId.eq(p.id))
        .filter(evaluasi::Column::PeriodeId.eq(per.id))
        .one(db)
        .await?;
    if old.as_ref().is_some_and(|e| e.status != DINILAI) {
        return Err(CoreError::Conflict(
            "Evaluasi ini sudah ditetapkan atau final dan tidak dapat diubah.".into(),
        ));
    }
    // A pimpinan unit's Rating Hasil Kerja is their unit's organisational predikat.
    let dari_organisasi = match pimpinan_unit(db, &p, per.id).await? {
        Some((unit, None)) => {
            return Err(CoreError::Conflict(format!(
                "Rating Hasil Kerja pimpinan unit mengikuti predikat kinerja organisasi; tetapkan dahulu predikat {unit} untuk {}.",
                per.nama
            )));
        }
        Some((_, Some(org))) => Some(rating_dari_organisasi(org)),
        None => None,
    };

    let mut e = FieldErrors::new();
    let mut umpan: Vec<(&str, i32, String)> = Vec::new();
    let mut ambil = |field: String, teks: Option<&String>, sasaran, id| {
        let t = teks.map(|t| t.trim().to_string()).unwrap_or_default();
        if t.is_empty() {
            e.add(&field, "Tulis umpan balik sebelum memberi rating.");
        } else if t.chars().count() > 2000 {
            e.add(&field, "Paling banyak 2000 karakter.");
        } else {
            umpan.push((sasaran, id, t));
        }
    };
    for b in &r.baris {
        let id = b.iki.id;
        ambil(
            format!("ub_iki_{id}"),
            input.umpan_iki.get(&id),
            SASARAN_IKI,
            id,
        );
    }
    for n in berakhlak::NILAI {
        ambil(
            format!("ub_perilaku_{}", n.kode),
            input.umpan_perilaku.get(&n.kode),
            SASARAN_PERILAKU,
            n.kode,
        );
    }
    let hk = dari_organisasi.or_else(|| Rating::from_code(input.rating_hasil.trim()));
    if hk.is_none() {
        e.add("rating_hasil", "Pilih Rating Hasil Kerja.");
    }
    let pk = Rating::from_code(input.rating_perilaku.trim());
    if pk.is_none() {
        e.add("rating_perilaku", "Pilih Rating Perilaku Kerja.");
    }
    e.into_result()?;
    let (Some(hk), Some(pk)) = (hk, pk) else {
        return Err(CoreError::Internal("rating tanpa nilai".into()));
    };
    let pred = predikat::predikat(hk, pk);
    let ak = angka_kredit_periode(db, p.jabatan_id, per, pred).await?;

    let t = now();
    let txn = db.begin().await?;
    let saved = match old {
        Some(o) => {
            let before = o.clone();
            let mut am: evaluasi::ActiveModel = o.into();
            am.skp_id = Set(Some(s.id));
            am.penilai_id = Set(actor.pegawai_id);
            am.rating_hasil = Set(Some(hk.code().into()));
            am.rating_perilaku = Set(Some(pk.code().into()));
            am.predikat = Set(Some(pred.code().into()));
            am.angka_kredit = Set(ak);
            am.status = Set(DINILAI.into());
            am.updated_at = Set(t);
            let saved = am.update(&txn).await?;
            audit::updated(
                &txn,
                actor,
                Some(saved.instansi_id),
                ("evaluasi", i64::from(saved.id)),
                &before,
                &saved,
            )
            .await?;
            saved
        }
        None => {
            let saved = evaluasi::ActiveModel {
                instansi_id: Set(p.instansi_id),
                pegawai_id: Set(p.id),
                periode_id: Set(per.id),
                skp_id: Set(Some(s.id)),
                unit_kerja_id: Set(p.unit_kerja_id),
                jabatan_id: Set(p.jabatan_id),
                penilai_id: Set(actor.pegawai_id),
                rating_hasil: Set(Some(hk.code().into())),
                rating_perilaku: Set(Some(pk.code().into())),
                predikat: Set(Some(pred.code().into())),
                angka_kredit: Set(ak),
                status: Set(DINILAI.into()),
                created_at: Set(t),
                updated_at: Set(t),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            audit::created(
                &txn,
                actor,
                Some(saved.instansi_id),
                ("evaluasi", i64::from(saved.id)),
                &saved,
            )
            .await?;
            saved
        }
    };
    evaluasi_umpan_balik::Entity::delete_many()
        .filter(evaluasi_umpan_balik::Column::EvaluasiId.eq(saved.id))
        .exec(&txn)
        .await?;
    evaluasi_umpan_balik::Entity::insert_many(umpan.into_iter().map(|(sasaran, id, teks)| {
        evaluasi_umpan_balik::ActiveModel {
            evaluasi_id: Set(saved.id),
            sasaran: Set(sasaran.into()),
            sasaran_id: Set(id),
            teks: Set(teks),
            updated_at: Set(t),
            ..Default::default()
        }
    }))
    .exec_without_returning(&txn)
    .await?;
    txn.commit().await?;
    Ok(saved)
}

/// The angka kredit (hundredths) that predikat `p` earns in jabatan `jabatan_id` over period
/// `per`, or `None` outside a jabatan fungsional (`DOMAIN.md` §9).
async fn angka_kredit_periode<C: ConnectionTrait>(
    db: &C,
    jabatan_id: i32,
    per: &periode::Model,
    p: Predikat,
) -> CoreResult<Option<i64>> {
    let jab = jabatan::Entity::find_by_id(jabatan_id).one(db).await?;
    Ok(jab
        .filter(|j| {
            matches!(
                JenisJabatan::from_code(&j.jenis),
                Some(JenisJabatan::FungsionalKeahlian | JenisJabatan::FungsionalKeterampilan)
            )
        })
        .and_then(|j| angka_kredit::angka_kredit(&j.jenjang, p, evaluasi_instansi::bulan(per)))
        .map(i64::from))
}

/// The angka kredit of evaluation `e` were its predikat `p` (a changed keberatan decision).
pub(crate) async fn angka_kredit_untuk<C: ConnectionTrait>(
    db: &C,
    e: &evaluasi::Model,
    p: Predikat,
) -> CoreResult<Option<i64>> {
    let per = periode::Entity::find_by_id(e.periode_id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)?;
    angka_kredit_periode(db, e.jabatan_id, &per, p).await
}

/// The three-level rating an organisational predikat gives a pimpinan unit (`DOMAIN.md` §6.2,
/// the mapping it calls natural): Istimewa → Di Atas, Baik → Sesuai, the rest → Di Bawah.
pub fn rating_dari_organisasi(org: PredikatOrganisasi) -> Rating {
    match org {
        PredikatOrganisasi::Istimewa => Rating::DiAtas,
        PredikatOrganisasi::Baik => Rating::Sesuai,
        _ => Rating::DiBawah,
    }
}

/// When `p` heads their unit: the unit's name and its organisational predikat for the period
/// (`None` while unset). `None` for everyone else.
async fn pimpinan_unit<C: ConnectionTrait>(
    db: &C,
    p: &pegawai::Model,
    periode_id: i32,
) -> CoreResult<Option<(String, Option<PredikatOrganisasi>)>> {
    let Some(j) = jabatan::Entity::find_by_id(p.jabatan_id).one(db).await? else {
        return Ok(None);
    };
    let atasan_unit = match j.atasan_id {
        Some(a) => jabatan::Entity::find_by_id(a)
            .one(db)
            .await?
            .map(|a| a.unit_kerja_id),
        None => None,
    };
    if atasan_unit == Some(j.unit_kerja_id) {
        return Ok(None);
    }
    let unit = unit_kerja::Entity::find_by_id(j.unit_kerja_id)
        .one(db)
        .await?
        .map(|u| u.nama)
        .unwrap_or_default();
    let org = predikat_organisasi::Entity::find()
        .filter(predikat_organisasi::Column::UnitKerjaId.eq(j.unit_kerja_id))
        .filter(predikat_organisasi::Column::PeriodeId.eq(periode_id))
        .one(db)
        .await?
        .and_then(|o| PredikatOrganisasi::from_code(&o.predikat));
    Ok(Some((unit, org)))
}
