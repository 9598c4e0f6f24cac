//! The angka kredit of a pegawai in a jabatan fungsional (`DOMAIN.md` §9): every
//! evaluation's conversion, the AK brought in (last PAK or the 2023 integration), the cumulative
//! total and how far it is from the next pangkat and jenjang. Readable by the pegawai, their
//! penilai and atasan, and the admin; only the admin records the AK brought in.

use crate::actor::Actor;
use crate::db::entities::{angka_kredit_awal, evaluasi, jabatan, pegawai, periode};
use crate::error::{CoreError, CoreResult, FieldErrors};
use crate::rules::angka_kredit::{self as aturan, Ambang, Perolehan};
use crate::rules::jabatan::jenjang_label;
use crate::rules::predikat::Predikat;
use crate::services::evaluasi::instansi::bulan;
use crate::services::evaluasi::pihak::{final_efektif, status_label};
use crate::services::organisasi::akses::{self, Hubungan};
use crate::services::{jejak::audit, now};
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, TransactionTrait,
};

/// One evaluation on the AK page.
#[derive(Debug)]
pub struct BarisAk {
    pub evaluasi_id: i32,
    pub periode: String,
    pub bulan: u32,
    pub predikat: &'static str,
    pub status: &'static str,
    /// Hundredths.
    pub ak: Option<i64>,
    /// Whether it is added to the cumulative total, and why not when it is not.
    pub dihitung: bool,
    pub keterangan: &'static str,
}

#[derive(Debug)]
pub struct RiwayatAk {
    pub pegawai: pegawai::Model,
    pub jabatan: String,
    pub jenjang: String,
    /// Whether the jabatan earns angka kredit at all (a jabatan fungsional with a koefisien).
    pub fungsional: bool,
    /// Koefisien per year, hundredths.
    pub koefisien: Option<u32>,
    pub awal: Option<angka_kredit_awal::Model>,
    pub baris: Vec<BarisAk>,
    /// AK brought in plus every counted evaluation, hundredths.
    pub total: u32,
    pub pangkat: Option<Ambang>,
    pub jenjang_berikut: Option<Ambang>,
    pub dapat_ubah_awal: bool,
}

/// The AK page of pegawai `pegawai_id`.
pub async fn riwayat<C: ConnectionTrait + 'static>(
    db: &C,
    actor: &Actor,
    pegawai_id: i32,
    today: NaiveDate,
) -> CoreResult<RiwayatAk> {
    let (p, h) = akses::pegawai_terlihat(db, actor, pegawai_id, today).await?;
    let jab = jabatan::Entity::find_by_id(p.jabatan_id).one(db).await?;
    let kode = jab.as_ref().map(|j| j.jenjang.clone()).unwrap_or_default();
    let awal = angka_kredit_awal::Entity::find()
        .filter(angka_kredit_awal::Column::PegawaiId.eq(p.id))
        .one(db)
        .await?;
    let evs = evaluasi::Entity::find()
        .filter(evaluasi::Column::PegawaiId.eq(p.id))
        .all(db)
        .await?;
    let mut pers = periode::Entity::find()
        .filter(periode::Column::Id.is_in(evs.iter().map(|e| e.periode_id).collect::<Vec<_>>()))
        .all(db)
        .await?;
    pers.sort_by_key(|x| (x.mulai, x.jenis == "TAHUNAN"));
    let sejak = awal.as_ref().map(|a| a.per_tanggal);
    // Pairs in period order; only final evaluations of periods after the AK brought in are
    // candidates for the total.
    let pasangan: Vec<(&periode::Model, &evaluasi::Model)> = pers
        .iter()
        .filter_map(|per| {
            evs.iter()
                .find(|e| e.periode_id == per.id)
                .map(|e| (per, e))
        })
        .collect();
    let calon: Vec<Option<Perolehan>> = pasangan
        .iter()
        .map(|(per, e)| {
            let ak = e.angka_kredit.filter(|_| final_efektif(e, today))?;
            if sejak.is_some_and(|s| per.mulai < s) {
                return None;
            }
            Some(Perolehan {
                tahun: per.tahun,
                tahunan: per.jenis == "TAHUNAN",
                ak: tepat(&kode, e, bulan(per), u32::try_from(ak).ok()?),
            })
        })
        .collect();
    let sah: Vec<Perolehan> = calon.iter().flatten().copied().collect();
    let mut hitung = aturan::dihitung(&sah).into_iter();
    let awal_nilai = awal
        .as_ref()
        .and_then(|a| u32::try_from(a.nilai).ok())
        .unwrap_or(0);
    let mut total_tepat: u64 = 0;
    let mut baris = Vec::with_capacity(pasangan.len());
    for ((per, e), c) in pasangan.iter().zip(&calon) {
        let (dihitung, keterangan) = match c {
            Some(x) => {
                let ya = hitung.next().unwrap_or(false);
                if ya {
                    total_tepat += x.ak;
                    (true, "")
                } else {
                    (false, "Sudah tercakup evaluasi tahunan")
                }
            }
            None if e.angka_kredit.is_none() => (false, "Tanpa angka kredit"),
            None if !final_efektif(e, today) => (false, "Belum final"),
            None => (false, "Sebelum angka kredit awal"),
        };
        baris.push(BarisAk {
            evaluasi_id: e.id,
            periode: per.nama.clone(),
            bulan: bulan(per),
            predikat: e
                .predikat
                .as_deref()
                .and_then(Predikat::from_code)
                .map_or("-", Predikat::label),
            status: status_label(e, today),
            ak: e.angka_kredit,
            dihitung,
            keterangan,
        });
    }
    // Summed unrounded and rounded once: the periods of a year add up to what the year's
    // table gives.
    let total = awal_nilai.saturating_add(aturan::bulatkan(total_tepat));
    let koefisien = aturan::koefisien(&kode);
    let ambang = aturan::ambang(&kode, total);
    Ok(RiwayatAk {
        jabatan: jab.as_ref().map(|j| j.nama.clone()).unwrap_or_default(),
        jenjang: jenjang_label(&kode).to_string(),
        fungsional: koefisien.is_some(),
        koefisien,
        awal,
        baris,
        total,
        pangkat: ambang.map(|a| a.0),
        jenjang_berikut: ambang.and_then(|a| a.1),
        dapat_ubah_awal: h == Hubungan::Admin,
        pegawai: p,
    })
}

/// An evaluation's AK unrounded (see `aturan::angka_kredit_tepat`): recomputed from its
/// predikat, its months and the jenjang when that gives the stored value, the stored value
/// otherwise (the jenjang has changed since, or the value was stored another way).
fn tepat(jenjang: &str, e: &evaluasi::Model, bulan: u32, tersimpan: u32) -> u64 {
    e.predikat
        .as_deref()
        .and_then(Predikat::from_code)
        .and_then(|p| aturan::angka_kredit_tepat(jenjang, p, bulan))
        .filter(|t| aturan::bulatkan(*t) == tersimpan)
        .unwrap_or(u64::from(tersimpan) * aturan::PER_SERATUS)
}

/// The AK brought in as typed in the form.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct AwalInput {
    pub nilai: String,
    pub per_tanggal: String,
    pub keterangan: String,
}

/// Records (or corrects) the AK pegawai `pegawai_id` brought in. Admin of their instansi only.
pub async fn simpan_awal(
    db: &DatabaseConnection,
    actor: &Actor,
    pegawai_id: i32,
    input: &AwalInput,
    today: NaiveDate,
) -> CoreResult<angka_kredit_awal::Model> {
    let (p, h) = akses::pegawai_terlihat(db, actor, pegawai_id, today).await?;
    if h != Hubungan::Admin {
        return Err(CoreError::Forbidden);
    }
    let mut err = FieldErrors::new();
    let nilai = aturan::baca(&input.nilai);
    if nilai.is_none() {
        err.add(
            "nilai",
            "Tulis angka kredit dengan paling banyak dua desimal, misalnya 52,50.",
        );
    }
    let tanggal = NaiveDate::parse_from_str(input.per_tanggal.trim(), "%Y-%m-%d").ok();
    match tanggal {
        None => err.add("per_tanggal", "Isi tanggal dengan format yang benar."),
        Some(t) if t > today => err.add("per_tanggal", "Tanggal tidak boleh di masa depan."),
        Some(_) => {}
    }
    let keterangan = input.keterangan.trim();
    if keterangan.is_empty() {
        err.add(
            "keterangan",
            "Sebutkan dasarnya, misalnya nomor PAK terakhir atau konversi integrasi 2023.",
        );
    } else if keterangan.chars().count() > 500 {
        err.add("keterangan", "Paling banyak 500 karakter.");
    }
    let (Some(nilai), Some(tanggal)) = (nilai, tanggal) else {
        return Err(CoreError::Validation(err));
    };
    err.into_result()?;
    let txn = db.begin().await?;
    let ada = angka_kredit_awal::Entity::find()
        .filter(angka_kredit_awal::Column::PegawaiId.eq(p.id))
        .one(&txn)
        .await?;
    let saved = match ada {
        Some(before) => {
            let mut am: angka_kredit_awal::ActiveModel = before.clone().into();
            am.nilai = Set(i64::from(nilai));
            am.per_tanggal = Set(tanggal);
            am.keterangan = Set(keterangan.to_string());
            am.updated_at = Set(now());
            let saved = am.update(&txn).await?;
            audit::updated(
                &txn,
                actor,
                Some(p.instansi_id),
                ("angka_kredit_awal", i64::from(saved.id)),
                &before,
                &saved,
            )
            .await?;
            saved
        }
        None => {
            let saved = angka_kredit_awal::ActiveModel {
                pegawai_id: Set(p.id),
                instansi_id: Set(p.instansi_id),
                nilai: Set(i64::from(nilai)),
                per_tanggal: Set(tanggal),
                keterangan: Set(keterangan.to_string()),
                updated_at: Set(now()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            audit::created(
                &txn,
                actor,
                Some(p.instansi_id),
                ("angka_kredit_awal", i64::from(saved.id)),
                &saved,
            )
            .await?;
            saved
        }
    };
    txn.commit().await?;
    Ok(saved)
}
