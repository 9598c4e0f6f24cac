//! Realisasi per IKI and period (`DOMAIN.md` §5): proposed from the verified activities of the
//! period (for a kuantitas indicator, the outputs in the indicator's unit), confirmed or changed
//! by the pegawai with evidence while the period is open.

use crate::actor::Actor;
use crate::db::entities::{
    aktivitas, bukti_dukung, evaluasi, iki, periode, realisasi, realisasi_pengajuan, rhk, skp,
};
use crate::error::{CoreError, CoreResult, FieldErrors};
use crate::rules::nilai::parse_seratus;
use crate::services::harian::bukti::{self, Berkas, Pemilik};
use crate::services::jejak::audit;
use crate::services::organisasi::akses::Hubungan;
use crate::services::{
    jejak::notifikasi, now, organisasi::penilai, perencanaan::skp as skp_svc, ringkasan::keluaran,
};
use crate::storage::BuktiStore;
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use serde::Deserialize;
use std::collections::HashMap;

/// One row of the realisasi sheet.
#[derive(Debug, Clone)]
pub struct Baris {
    pub rhk: rhk::Model,
    pub iki: iki::Model,
    pub realisasi: Option<realisasi::Model>,
    /// Sum of verified outputs in the IKI's unit (hundredths), for kuantitas indicators.
    pub usulan: Option<i64>,
    pub bukti: Vec<bukti_dukung::Model>,
}

pub struct Lembar {
    pub skp: skp::Model,
    pub periode: periode::Model,
    pub semua_periode: Vec<periode::Model>,
    pub baris: Vec<Baris>,
    /// When the pegawai submitted this period's realisasi to the penilai, if they did.
    pub diajukan: Option<chrono::DateTime<chrono::Utc>>,
    pub dapat_isi: bool,
    /// The pegawai may submit: every IKI has its realisasi and the period is open.
    pub dapat_ajukan: bool,
    /// The penilai may return the submission (the result is not handed out yet).
    pub dapat_kembalikan: bool,
}

/// Whether entries for a period are accepted today.
pub fn periode_terbuka(p: &periode::Model, today: NaiveDate) -> bool {
    p.status == crate::services::perencanaan::periode::TERBUKA && today <= p.batas_pengisian
}

/// Sums of verified outputs per (rhk, lowercase unit) for activities dated within `[mulai, selesai]`.
pub async fn keluaran_disetujui<C: ConnectionTrait>(
    db: &C,
    rhk_ids: Vec<i32>,
    mulai: NaiveDate,
    selesai: NaiveDate,
) -> CoreResult<HashMap<(i32, String), i64>> {
    let rows: Vec<(i32, String, Option<i64>)> = keluaran::jumlah_disetujui()
        .filter(aktivitas::Column::RhkId.is_in(rhk_ids))
        .filter(aktivitas::Column::Tanggal.gte(mulai))
        .filter(aktivitas::Column::Tanggal.lte(selesai))
        .into_tuple()
        .all(db)
        .await?;
    Ok(keluaran::per_kunci(rows))
}

pub async fn lembar<C: ConnectionTrait + 'static>(
    db: &C,
    actor: &Actor,
    skp_id: i32,
    periode_id: Option<i32>,
    today: NaiveDate,
) -> CoreResult<Lembar> {
    let (s, _, h) = skp_svc::akses(db, actor, skp_id, today).await?;
    lembar_skp(db, s, h, periode_id, today).await
}

/// [`lembar`] for an SKP already loaded with the actor's relation to its pegawai, for services
/// that checked access themselves (the penilaian sheet).
pub async fn lembar_skp<C: ConnectionTrait>(
    db: &C,
    s: skp::Model,
    h: Hubungan,
    periode_id: Option<i32>,
    today: NaiveDate,
) -> CoreResult<Lembar> {
    let mut semua_periode = periode::Entity::find()
        .filter(periode::Column::InstansiId.eq(s.instansi_id))
        .filter(periode::Column::Tahun.eq(s.tahun))
        .order_by_asc(periode::Column::Urutan)
        .all(db)
        .await?;
    // The annual period is realised and rated as its own record, apart from the periodic ones
    // (`DOMAIN.md` §6.5: the penilai sets the final evaluation directly; SIASN keeps it as
    // `rw-skp22`). It closes the year, so it comes last, and a sheet opened without a period
    // shows the periodic one under way, the annual one only in a year without periodic ones.
    semua_periode.sort_by_key(|p| p.jenis == crate::services::perencanaan::periode::TAHUNAN);
    let berkala = || {
        semua_periode
            .iter()
            .filter(|p| p.jenis != crate::services::perencanaan::periode::TAHUNAN)
    };
    let per = match periode_id {
        Some(id) => semua_periode.iter().find(|p| p.id == id).cloned(),
        None => berkala()
            .find(|p| p.mulai <= today && today <= p.selesai)
            .or(berkala().next_back())
            .or(semua_periode.last())
            .cloned(),
    }
    .ok_or(CoreError::NotFound)?;
    let rhks = rhk::Entity::find()
        .filter(rhk::Column::SkpId.eq(s.id))
        .order_by_asc(rhk::Column::Urutan)
        .all(db)
        .await?;
    let rhk_ids: Vec<i32> = rhks.iter().map(|r| r.id).collect();
    let ikis = iki::Entity::find()
        .filter(iki::Column::RhkId.is_in(rhk_ids.clone()))
        .order_by_asc(iki::Column::Id)
        .all(db)
        .await?;
    let real = realisasi::Entity::find()
        .filter(realisasi::Column::IkiId.is_in(ikis.iter().map(|i| i.id).collect::<Vec<_>>()))
        .filter(realisasi::Column::PeriodeId.eq(per.id))
        .all(db)
        .await?;
    let bukti = bukti_dukung::Entity::find()
        .filter(
            bukti_dukung::Column::RealisasiId.is_in(real.iter().map(|r| r.id).collect::<Vec<_>>()),
        )
        .all(db)
        .await?;
    let keluaran = keluaran_disetujui(db, rhk_ids, per.mulai, per.selesai).await?;
    let mut baris = Vec::new();
    for r in &rhks {
        for i in ikis.iter().filter(|i| i.rhk_id == r.id) {
            let rl = real.iter().find(|x| x.iki_id == i.id).cloned();
            let usulan = (i.aspek == "KUANTITAS").then(|| {
                keluaran
                    .get(&(r.id, keluaran::kunci(&i.satuan)))
                    .copied()
                    .unwrap_or(0)
            });
            baris.push(Baris {
                rhk: r.clone(),
                iki: i.clone(),
                bukti: rl
                    .as_ref()
                    .map(|x| {
                        bukti
                            .iter()
                            .filter(|b| b.realisasi_id == Some(x.id))
                            .cloned()
                            .collect()
                    })
                    .unwrap_or_default(),
                realisasi: rl,
                usulan,
            });
        }
    }
    let diajukan = pengajuan(db, s.id, per.id).await?.map(|x| x.diajukan_at);
    let terbuka = s.status == crate::rules::alur_skp::DITETAPKAN && periode_terbuka(&per, today);
    // Once the result is handed out, what it was rated on stays as it was, submitted or not.
    let ditetapkan = sudah_ditetapkan(db, s.pegawai_id, per.id).await?;
    let dapat_isi = h == Hubungan::Sendiri && terbuka && diajukan.is_none() && !ditetapkan;
    let dapat_ajukan =
        dapat_isi && !baris.is_empty() && baris.iter().all(|b| b.realisasi.is_some());
    let dapat_kembalikan = h == Hubungan::Penilai && diajukan.is_some() && terbuka && !ditetapkan;
    Ok(Lembar {
        skp: s,
        periode: per,
        semua_periode,
        baris,
        diajukan,
        dapat_isi,
        dapat_ajukan,
        dapat_kembalikan,
    })
}

async fn pengajuan<C: ConnectionTrait>(
    db: &C,
    skp_id: i32,
    periode_id: i32,
) -> CoreResult<Option<realisasi_pengajuan::Model>> {
    Ok(realisasi_pengajuan::Entity::find()
        .filter(realisasi_pengajuan::Column::SkpId.eq(skp_id))
        .filter(realisasi_pengajuan::Column::PeriodeId.eq(periode_id))
        .one(db)
        .await?)
}

/// The refusal of a change to a period whose result is handed out: only the admin's audited
/// reopening (`evaluasi::buka_kembali`) unlocks it.
fn terkunci(per: &periode::Model) -> CoreError {
    CoreError::Conflict(format!(
        "Hasil evaluasi {} sudah ditetapkan; realisasi yang menjadi dasar penilaiannya terkunci. \
         Hanya admin yang dapat membuka kembali evaluasi itu.",
        per.nama
    ))
}

/// Whether the penilai has handed out the pegawai's result of the period (then the realisasi it
/// rests on stays as it was).
async fn sudah_ditetapkan<C: ConnectionTrait>(
    db: &C,
    pegawai_id: i32,
    periode_id: i32,
) -> CoreResult<bool> {
    Ok(evaluasi::Entity::find()
        .filter(evaluasi::Column::PegawaiId.eq(pegawai_id))
        .filter(evaluasi::Column::PeriodeId.eq(periode_id))
        .filter(evaluasi::Column::Status.ne(crate::services::status::evaluasi::DINILAI))
        .one(db)
        .await?
        .is_some())
}

/// The pegawai submits the period's realisasi (their self-evaluation) to the penilai: every IKI
/// must have its realisasi; afterwards the entries are locked until the penilai returns them.
pub async fn ajukan(
    db: &DatabaseConnection,
    actor: &Actor,
    skp_id: i32,
    periode_id: i32,
    today: NaiveDate,
) -> CoreResult<realisasi_pengajuan::Model> {
    let (s, p, h) = skp_svc::akses(db, actor, skp_id, today).await?;
    if h != Hubungan::Sendiri {
        return Err(CoreError::Forbidden);
    }
    let l = lembar_skp(db, s, h, Some(periode_id), today).await?;
    if l.diajukan.is_some() {
        return Err(CoreError::Conflict(
            "Realisasi periode ini sudah diajukan.".into(),
        ));
    }
    if !l.dapat_isi {
        return Err(CoreError::Conflict(format!(
            "Realisasi {} tidak dapat diajukan: SKP belum ditetapkan atau periode sudah ditutup.",
            l.periode.nama
        )));
    }
    let kosong = l.baris.iter().filter(|b| b.realisasi.is_none()).count();
    if l.baris.is_empty() || kosong > 0 {
        return Err(CoreError::field(
            "realisasi",
            format!(
                "Isi realisasi setiap indikator terlebih dahulu ({kosong} dari {} belum diisi).",
                l.baris.len()
            ),
        ));
    }
    let txn = db.begin().await?;
    let saved = realisasi_pengajuan::ActiveModel {
        skp_id: Set(l.skp.id),
        periode_id: Set(l.periode.id),
        instansi_id: Set(l.skp.instansi_id),
        diajukan_at: Set(now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::created(
        &txn,
        actor,
        Some(l.skp.instansi_id),
        ("realisasi_pengajuan", i64::from(saved.id)),
        &saved,
    )
    .await?;
    if let Some(pn) = penilai::penilai_dari(&txn, &p, today).await? {
        notifikasi::kirim(
            &txn,
            pn.pegawai.id,
            &format!(
                "{} mengajukan realisasi {} untuk dinilai.",
                p.nama, l.periode.nama
            ),
            &format!("/penilaian/{}?periode={}", l.skp.id, l.periode.id),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(saved)
}

/// The penilai returns a submission so the pegawai can correct it, with a note; not once the
/// result of the period was handed out.
pub async fn kembalikan(
    db: &DatabaseConnection,
    actor: &Actor,
    skp_id: i32,
    periode_id: i32,
    catatan: &str,
    today: NaiveDate,
) -> CoreResult<()> {
    let (s, p, h) = skp_svc::akses(db, actor, skp_id, today).await?;
    if h != Hubungan::Penilai {
        return Err(CoreError::Forbidden);
    }
    let l = lembar_skp(db, s, h, Some(periode_id), today).await?;
    let Some(x) = pengajuan(db, l.skp.id, l.periode.id).await? else {
        return Err(CoreError::Conflict(
            "Realisasi periode ini belum diajukan.".into(),
        ));
    };
    if !l.dapat_kembalikan {
        return Err(CoreError::Conflict(
            "Hasil evaluasi periode ini sudah ditetapkan atau periode sudah ditutup; realisasi tidak dapat dikembalikan."
                .into(),
        ));
    }
    let mut err = FieldErrors::new();
    let catatan = crate::services::uraian(&mut err, "catatan", catatan, 10);
    err.into_result()?;
    let txn = db.begin().await?;
    realisasi_pengajuan::Entity::delete_by_id(x.id)
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        actor,
        Some(l.skp.instansi_id),
        audit::Action::Delete,
        ("realisasi_pengajuan", i64::from(x.id)),
        Some(&x),
        Some(&serde_json::json!({ "catatan": catatan })),
    )
    .await?;
    notifikasi::kirim(
        &txn,
        p.id,
        &format!(
            "Realisasi {} dikembalikan pejabat penilai: {catatan}",
            l.periode.nama
        ),
        &format!("/skp/{}/realisasi?periode={}", l.skp.id, l.periode.id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct RealisasiInput {
    #[serde(default)]
    pub nilai: String,
    #[serde(default)]
    pub keterangan: String,
    #[serde(default)]
    pub tautan: String,
}

/// Saves the pegawai's realisasi of one IKI for a period of their set SKP.
#[allow(clippy::too_many_arguments)]
pub async fn simpan(
    db: &DatabaseConnection,
    store: &BuktiStore,
    actor: &Actor,
    iki_id: i32,
    periode_id: i32,
    input: &RealisasiInput,
    files: &[Berkas],
    today: NaiveDate,
) -> CoreResult<realisasi::Model> {
    let i = iki::Entity::find_by_id(iki_id)
        .one(db)
        .await?
        .ok_or(CoreError::Forbidden)?;
    let r = rhk::Entity::find_by_id(i.rhk_id)
        .one(db)
        .await?
        .ok_or(CoreError::Forbidden)?;
    let (s, _, h) = skp_svc::akses(db, actor, r.skp_id, today).await?;
    if h != Hubungan::Sendiri {
        return Err(CoreError::Forbidden);
    }
    if s.status != crate::rules::alur_skp::DITETAPKAN {
        return Err(CoreError::Conflict(
            "Realisasi diisi setelah SKP ditetapkan.".into(),
        ));
    }
    let per = periode::Entity::find_by_id(periode_id)
        .one(db)
        .await?
        .filter(|p| p.instansi_id == s.instansi_id && p.tahun == s.tahun)
        .ok_or(CoreError::NotFound)?;
    if !periode_terbuka(&per, today) {
        return Err(CoreError::Conflict(format!(
            "Periode {} sudah ditutup atau melewati batas pengisian.",
            per.nama
        )));
    }
    if sudah_ditetapkan(db, s.pegawai_id, per.id).await? {
        return Err(terkunci(&per));
    }
    if pengajuan(db, s.id, per.id).await?.is_some() {
        return Err(CoreError::Conflict(format!(
            "Realisasi {} sudah diajukan kepada pejabat penilai; minta dikembalikan untuk mengubahnya.",
            per.nama
        )));
    }
    let mut e = FieldErrors::new();
    let nilai = if input.nilai.trim().is_empty() && s.pendekatan == skp_svc::KUALITATIF {
        None
    } else {
        match parse_seratus(&input.nilai) {
            Ok(v) => Some(v),
            Err(m) => {
                e.add("nilai", m);
                None
            }
        }
    };
    let keterangan = input.keterangan.trim().to_string();
    if keterangan.chars().count() > 2000 {
        e.add("keterangan", "Paling banyak 2000 karakter.");
    }
    if nilai.is_none() && keterangan.is_empty() && e.is_empty() {
        e.add("keterangan", "Uraikan realisasinya.");
    }
    let (files, link) = bukti::periksa(&mut e, "berkas", files, &input.tautan);
    e.into_result()?;
    bukti::simpan_berkas(store, s.instansi_id, &files).await?;
    let txn = db.begin().await?;
    let old = realisasi::Entity::find()
        .filter(realisasi::Column::IkiId.eq(i.id))
        .filter(realisasi::Column::PeriodeId.eq(per.id))
        .one(&txn)
        .await?;
    let saved = match old {
        Some(o) => {
            let before = o.clone();
            let mut am: realisasi::ActiveModel = o.into();
            am.nilai = Set(nilai);
            am.keterangan = Set(keterangan);
            am.updated_at = Set(now());
            let saved = am.update(&txn).await?;
            audit::updated(
                &txn,
                actor,
                Some(s.instansi_id),
                ("realisasi", saved.id as i64),
                &before,
                &saved,
            )
            .await?;
            saved
        }
        None => {
            let saved = realisasi::ActiveModel {
                skp_id: Set(s.id),
                iki_id: Set(i.id),
                periode_id: Set(per.id),
                nilai: Set(nilai),
                keterangan: Set(keterangan),
                updated_at: Set(now()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            audit::created(
                &txn,
                actor,
                Some(s.instansi_id),
                ("realisasi", saved.id as i64),
                &saved,
            )
            .await?;
            saved
        }
    };
    bukti::catat(
        &txn,
        s.instansi_id,
        s.pegawai_id,
        Pemilik::Realisasi(saved.id),
        &files,
        link.as_deref(),
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}
