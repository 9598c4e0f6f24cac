//! Handing the result to the pegawai (`DOMAIN.md` §11, DINILAI → DITETAPKAN): the penilai
//! confirms the rating with a catatan / rekomendasi for the document, the distribution of the
//! unit whose organisational predikat applies is checked as the instansi chose (off, warn with a
//! written justification, block), and the 14-day keberatan window starts that day.

use crate::actor::Actor;
use crate::db::entities::{evaluasi, periode};
use crate::error::{CoreError, CoreResult, FieldErrors};
use crate::rules::predikat::Predikat;
use crate::services::evaluasi::distribusi;
use crate::services::evaluasi::pengaturan::{self, ModeDistribusi};
use crate::services::evaluasi::pihak::{self, Kedudukan};
use crate::services::evaluasi::realisasi::periode_terbuka;
use crate::services::status::evaluasi::{DINILAI, DITETAPKAN};
use crate::services::{jejak::audit, jejak::notifikasi, now};
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, Set, TransactionTrait};

#[derive(Debug, Clone, Default)]
pub struct PenetapanInput {
    pub catatan: String,
    /// Why the result stands although the unit's distribution breaks its pattern (warn mode).
    pub alasan_distribusi: String,
}

/// The penilai hands out evaluation `evaluasi_id` on `today`. Refused (403) for anyone else;
/// refused (409) once handed out, on a closed period, or in block mode when the distribution
/// with this result breaks the pattern; 422 in warn mode without a justification (the message
/// names the rules broken).
pub async fn tetapkan(
    db: &DatabaseConnection,
    actor: &Actor,
    evaluasi_id: i32,
    input: &PenetapanInput,
    today: NaiveDate,
) -> CoreResult<evaluasi::Model> {
    let e = pihak::muat(db, actor, evaluasi_id).await?;
    let (peran, _) = pihak::kedudukan(db, actor, &e, today).await?;
    if peran != Kedudukan::Penilai {
        return Err(CoreError::Forbidden);
    }
    if e.status != DINILAI {
        return Err(CoreError::Conflict("Evaluasi ini sudah ditetapkan.".into()));
    }
    let per = periode::Entity::find_by_id(e.periode_id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)?;
    if !periode_terbuka(&per, today) {
        return Err(CoreError::Conflict(format!(
            "Periode {} sudah ditutup atau melewati batas pengisian.",
            per.nama
        )));
    }
    let Some(p) = e.predikat.as_deref().and_then(Predikat::from_code) else {
        return Err(CoreError::Conflict(
            "Beri kedua rating sebelum menetapkan.".into(),
        ));
    };
    let mut err = FieldErrors::new();
    let catatan = input.catatan.trim();
    if catatan.chars().count() > 2000 {
        err.add("catatan", "Paling banyak 2000 karakter.");
    }
    let set = pengaturan::baca(db, e.instansi_id).await?;
    let mut alasan_distribusi = None;
    if set.distribusi != ModeDistribusi::Off {
        let cek = distribusi::periksa_penetapan(db, &e, p, &set).await?;
        if let (Some((_, unit, org)), false) = (&cek.unit, cek.aturan.is_empty()) {
            let pesan = format!(
                "Sebaran predikat di {unit} tidak sesuai pola predikat organisasi {}: {}",
                org.label(),
                cek.aturan.join(" ")
            );
            if set.distribusi == ModeDistribusi::Block {
                return Err(CoreError::Conflict(pesan));
            }
            let alasan = input.alasan_distribusi.trim();
            if alasan.chars().count() < 10 {
                err.add(
                    "alasan_distribusi",
                    format!("{pesan} Tulis alasannya (sekurang-kurangnya 10 karakter) untuk tetap menetapkan."),
                );
            } else if alasan.chars().count() > 2000 {
                err.add("alasan_distribusi", "Paling banyak 2000 karakter.");
            } else {
                alasan_distribusi = Some(alasan.to_string());
            }
        }
    }
    err.into_result()?;
    let txn = db.begin().await?;
    let before = e.clone();
    let mut am: evaluasi::ActiveModel = e.into();
    am.status = Set(DITETAPKAN.into());
    am.ditetapkan_pada = Set(Some(today));
    am.catatan = Set((!catatan.is_empty()).then(|| catatan.to_string()));
    am.alasan_distribusi = Set(alasan_distribusi);
    am.updated_at = Set(now());
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
    notifikasi::kirim(
        &txn,
        saved.pegawai_id,
        &format!(
            "Hasil evaluasi kinerja {} telah ditetapkan: {}. Keberatan dapat diajukan dalam 14 hari.",
            per.nama,
            p.label()
        ),
        &format!("/evaluasi/{}", saved.id),
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}
