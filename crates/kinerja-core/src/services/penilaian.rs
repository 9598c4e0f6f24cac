//! Penilaian by the pejabat penilai for one period (`DOMAIN.md` §6.1 step 3, §6.2, §6.3): the
//! penilai reads the realisasi of every IKI, writes umpan balik on every IKI and on each of the
//! seven BerAKHLAK values (required before a rating), and gives Rating Hasil Kerja and Rating
//! Perilaku Kerja. The predikat follows from the matrix, and for a jabatan fungsional the angka
//! kredit of the period. A suggested Rating Hasil Kerja from capaian is shown as a hint; it never
//! decides.

use crate::actor::Actor;
use crate::db::entities::{evaluasi, evaluasi_umpan_balik, jabatan, periode};
use crate::error::{CoreError, CoreResult, FieldErrors};
use crate::rules::berakhlak::{self, NilaiDasar};
use crate::rules::jabatan::JenisJabatan;
use crate::rules::predikat::{self, Predikat, Rating};
use crate::rules::{alur_skp, angka_kredit};
use crate::services::akses::Hubungan;
use crate::services::realisasi::{self, Baris, periode_terbuka};
use crate::services::{audit, evaluasi_instansi, now};
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, TransactionTrait,
};
use std::collections::HashMap;

/// Evaluation states: rated by the penilai; final (after the keberatan window or decision).
pub const DINILAI: &str = "DINILAI";
pub const FINAL: &str = "FINAL";

pub const SASARAN_IKI: &str = "IKI";
pub const SASARAN_PERILAKU: &str = "PERILAKU";

/// Capaian (realisasi against the period's share of the annual target) from which the hint
/// suggests Di Atas, and below which Di Bawah Ekspektasi: the example thresholds of §6.2.
pub const SARAN_DI_ATAS: i64 = 115;
pub const SARAN_SESUAI: i64 = 90;

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
pub async fn lembar<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    skp_id: i32,
    periode_id: Option<i32>,
    today: NaiveDate,
) -> CoreResult<Lembar> {
    let (s, p, h) = crate::services::skp::akses(db, actor, skp_id, today).await?;
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
    let dapat_menilai = h == Hubungan::Penilai
        && r.skp.status == alur_skp::DITETAPKAN
        && periode_terbuka(&r.periode, today)
        && ev.as_ref().is_none_or(|e| e.status != FINAL);
    Ok(Lembar {
        pegawai_nama: p.nama,
        pegawai_nip: p.nip,
        skp_id: r.skp.id,
        periode: r.periode,
        semua_periode: r.semua_periode,
        baris: r.baris,
        perilaku: &berakhlak::NILAI,
        evaluasi: ev,
        umpan,
        saran: capaian.map(saran),
        capaian,
        dapat_menilai,
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

/// The hint: a suggestion only; the penilai decides.
pub fn saran(capaian: i64) -> Rating {
    if capaian >= SARAN_DI_ATAS {
        Rating::DiAtas
    } else if capaian >= SARAN_SESUAI {
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
    let (s, p, h) = crate::services::skp::akses(db, actor, skp_id, today).await?;
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
    if old.as_ref().is_some_and(|e| e.status == FINAL) {
        return Err(CoreError::Conflict(
            "Evaluasi ini sudah final dan tidak dapat diubah.".into(),
        ));
    }

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
    let hk = Rating::from_code(input.rating_hasil.trim());
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
    let jab = jabatan::Entity::find_by_id(p.jabatan_id).one(db).await?;
    let ak = jab
        .filter(|j| {
            matches!(
                JenisJabatan::from_code(&j.jenis),
                Some(JenisJabatan::FungsionalKeahlian | JenisJabatan::FungsionalKeterampilan)
            )
        })
        .and_then(|j| angka_kredit::angka_kredit(&j.jenjang, pred, evaluasi_instansi::bulan(per)))
        .map(i64::from);

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
