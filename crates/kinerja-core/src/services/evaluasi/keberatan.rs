//! Keberatan (`DOMAIN.md` §8, PP 30/2019 Pasal 59): within 14 days of receiving the result the
//! pegawai objects, with reasons, to the atasan pejabat penilai; the atasan asks the penilai and
//! the pegawai for an explanation, then rejects the objection or sets new ratings. The decision
//! is final: the evaluation becomes FINAL and cannot change again (only an admin's audited
//! reopening can undo it).

use crate::actor::Actor;
use crate::db::entities::{evaluasi, keberatan};
use crate::error::{CoreError, CoreResult, FieldErrors};
use crate::rules::keberatan as aturan;
use crate::rules::predikat::{self, Rating};
use crate::services::evaluasi::pihak::{self, Kedudukan};
use crate::services::status::evaluasi::{DITETAPKAN, FINAL, KEBERATAN};
use crate::services::{jejak::audit, jejak::notifikasi, now, uraian};
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};

pub const DIAJUKAN: &str = "DIAJUKAN";
pub const MENUNGGU_PENJELASAN: &str = "MENUNGGU_PENJELASAN";
pub const DIPUTUS: &str = "DIPUTUS";
pub const DITOLAK: &str = "DITOLAK";
pub const DIUBAH: &str = "DIUBAH";

pub fn status_label(code: &str) -> &'static str {
    match code {
        DIAJUKAN => "Diajukan",
        MENUNGGU_PENJELASAN => "Menunggu penjelasan",
        _ => "Diputus",
    }
}

pub fn keputusan_label(code: Option<&str>) -> &'static str {
    match code {
        Some(DITOLAK) => "Keberatan ditolak; hasil evaluasi tetap",
        Some(DIUBAH) => "Keberatan diterima; hasil evaluasi diubah",
        _ => "-",
    }
}

fn teks(field: &str, v: &str, min: usize) -> CoreResult<String> {
    let mut err = FieldErrors::new();
    let t = uraian(&mut err, field, v, min);
    err.into_result().map(|()| t)
}

async fn keberatan_dari<C: ConnectionTrait>(
    db: &C,
    evaluasi_id: i32,
) -> CoreResult<Option<keberatan::Model>> {
    Ok(keberatan::Entity::find()
        .filter(keberatan::Column::EvaluasiId.eq(evaluasi_id))
        .one(db)
        .await?)
}

/// The pegawai objects to evaluation `evaluasi_id` on `today`. Only the pegawai; only a result
/// handed out by the penilai; only within 14 days of it; once.
pub async fn ajukan(
    db: &DatabaseConnection,
    actor: &Actor,
    evaluasi_id: i32,
    alasan: &str,
    today: NaiveDate,
) -> CoreResult<keberatan::Model> {
    let e = pihak::muat(db, actor, evaluasi_id).await?;
    let (peran, atasan) = pihak::kedudukan(db, actor, &e, today).await?;
    if peran != Kedudukan::Pegawai {
        return Err(CoreError::Forbidden);
    }
    if keberatan_dari(db, e.id).await?.is_some() {
        return Err(CoreError::Conflict(
            "Keberatan atas evaluasi ini sudah diajukan.".into(),
        ));
    }
    let Some(diterima) = e.ditetapkan_pada.filter(|_| e.status == DITETAPKAN) else {
        return Err(CoreError::Conflict(
            "Evaluasi ini belum ditetapkan atau sudah final; keberatan tidak dapat diajukan."
                .into(),
        ));
    };
    if !aturan::tepat_waktu(diterima, today) {
        return Err(CoreError::Conflict(format!(
            "Batas pengajuan keberatan adalah {} hari setelah hasil diterima ({}); keberatan tidak dapat diajukan lagi.",
            aturan::BATAS_HARI,
            aturan::batas(diterima).format("%d-%m-%Y")
        )));
    }
    let Some(atasan) = atasan else {
        return Err(CoreError::Conflict(
            "Atasan pejabat penilai belum ada; hubungi pengelola kinerja.".into(),
        ));
    };
    let alasan = teks("alasan", alasan, 20)?;
    let txn = db.begin().await?;
    let k = keberatan::ActiveModel {
        evaluasi_id: Set(e.id),
        instansi_id: Set(e.instansi_id),
        pegawai_id: Set(e.pegawai_id),
        atasan_id: Set(Some(atasan.id)),
        alasan: Set(alasan),
        status: Set(DIAJUKAN.into()),
        diajukan_pada: Set(today),
        updated_at: Set(now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::created(
        &txn,
        actor,
        Some(e.instansi_id),
        ("keberatan", i64::from(k.id)),
        &k,
    )
    .await?;
    ubah_status(&txn, actor, e, KEBERATAN).await?;
    notifikasi::kirim(
        &txn,
        atasan.id,
        &format!(
            "{} mengajukan keberatan atas hasil evaluasi kinerjanya.",
            actor.nama
        ),
        &format!("/evaluasi/{evaluasi_id}"),
    )
    .await?;
    txn.commit().await?;
    Ok(k)
}

async fn ubah_status<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    e: evaluasi::Model,
    status: &str,
) -> CoreResult<evaluasi::Model> {
    let before = e.clone();
    let mut am: evaluasi::ActiveModel = e.into();
    am.status = Set(status.into());
    am.updated_at = Set(now());
    let saved = am.update(db).await?;
    audit::updated(
        db,
        actor,
        Some(saved.instansi_id),
        ("evaluasi", i64::from(saved.id)),
        &before,
        &saved,
    )
    .await?;
    Ok(saved)
}

/// Loads the keberatan of `evaluasi_id` for its atasan, in state `status`.
async fn untuk_atasan(
    db: &DatabaseConnection,
    actor: &Actor,
    evaluasi_id: i32,
    status: &str,
    today: NaiveDate,
) -> CoreResult<(evaluasi::Model, keberatan::Model)> {
    let e = pihak::muat(db, actor, evaluasi_id).await?;
    let (peran, _) = pihak::kedudukan(db, actor, &e, today).await?;
    if peran != Kedudukan::Atasan {
        return Err(CoreError::Forbidden);
    }
    let k = keberatan_dari(db, e.id)
        .await?
        .ok_or_else(|| CoreError::Conflict("Tidak ada keberatan atas evaluasi ini.".into()))?;
    if k.status != status {
        return Err(CoreError::Conflict(format!(
            "Keberatan ini berstatus {}.",
            status_label(&k.status).to_lowercase()
        )));
    }
    Ok((e, k))
}

/// The atasan asks the penilai and the pegawai for their explanation.
pub async fn minta_penjelasan(
    db: &DatabaseConnection,
    actor: &Actor,
    evaluasi_id: i32,
    today: NaiveDate,
) -> CoreResult<keberatan::Model> {
    let (e, k) = untuk_atasan(db, actor, evaluasi_id, DIAJUKAN, today).await?;
    let txn = db.begin().await?;
    let before = k.clone();
    let mut am: keberatan::ActiveModel = k.into();
    am.status = Set(MENUNGGU_PENJELASAN.into());
    am.updated_at = Set(now());
    let saved = am.update(&txn).await?;
    let target = ("keberatan", i64::from(saved.id));
    audit::updated(&txn, actor, Some(e.instansi_id), target, &before, &saved).await?;
    let link = format!("/evaluasi/{evaluasi_id}");
    let pesan = "Atasan pejabat penilai meminta penjelasan Anda atas keberatan evaluasi kinerja.";
    notifikasi::kirim(&txn, e.pegawai_id, pesan, &link).await?;
    if let Some(pn) = e.penilai_id {
        notifikasi::kirim(&txn, pn, pesan, &link).await?;
    }
    txn.commit().await?;
    Ok(saved)
}

/// The penilai or the pegawai gives the explanation asked for; once each.
pub async fn jelaskan(
    db: &DatabaseConnection,
    actor: &Actor,
    evaluasi_id: i32,
    penjelasan: &str,
    today: NaiveDate,
) -> CoreResult<keberatan::Model> {
    let e = pihak::muat(db, actor, evaluasi_id).await?;
    let (peran, _) = pihak::kedudukan(db, actor, &e, today).await?;
    if !matches!(peran, Kedudukan::Penilai | Kedudukan::Pegawai) {
        return Err(CoreError::Forbidden);
    }
    let k = keberatan_dari(db, e.id)
        .await?
        .ok_or_else(|| CoreError::Conflict("Tidak ada keberatan atas evaluasi ini.".into()))?;
    let sudah = match peran {
        Kedudukan::Penilai => k.penjelasan_penilai.is_some(),
        _ => k.penjelasan_pegawai.is_some(),
    };
    if k.status != MENUNGGU_PENJELASAN || sudah {
        return Err(CoreError::Conflict(
            "Penjelasan tidak sedang diminta dari Anda.".into(),
        ));
    }
    let t = teks("penjelasan", penjelasan, 10)?;
    let txn = db.begin().await?;
    let before = k.clone();
    let atasan = k.atasan_id;
    let mut am: keberatan::ActiveModel = k.into();
    match peran {
        Kedudukan::Penilai => am.penjelasan_penilai = Set(Some(t)),
        _ => am.penjelasan_pegawai = Set(Some(t)),
    }
    am.updated_at = Set(now());
    let saved = am.update(&txn).await?;
    let target = ("keberatan", i64::from(saved.id));
    audit::updated(&txn, actor, Some(e.instansi_id), target, &before, &saved).await?;
    if let Some(a) = atasan {
        notifikasi::kirim(
            &txn,
            a,
            &format!("{} memberi penjelasan atas keberatan.", actor.nama),
            &format!("/evaluasi/{evaluasi_id}"),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(saved)
}

/// What the atasan decided.
#[derive(Debug, Clone, Default)]
pub struct PutusanInput {
    /// DITOLAK or DIUBAH.
    pub keputusan: String,
    pub catatan: String,
    /// New ratings, for DIUBAH.
    pub rating_hasil: String,
    pub rating_perilaku: String,
}

/// The atasan decides: DITOLAK keeps the result, DIUBAH sets new ratings (and so a new predikat
/// and angka kredit). Either way the evaluation becomes FINAL.
pub async fn putus(
    db: &DatabaseConnection,
    actor: &Actor,
    evaluasi_id: i32,
    input: &PutusanInput,
    today: NaiveDate,
) -> CoreResult<evaluasi::Model> {
    let (e, k) = untuk_atasan(db, actor, evaluasi_id, MENUNGGU_PENJELASAN, today).await?;
    let mut err = FieldErrors::new();
    let keputusan = input.keputusan.trim();
    if keputusan != DITOLAK && keputusan != DIUBAH {
        err.add("keputusan", "Pilih keputusan: ditolak atau diubah.");
    }
    let catatan = input.catatan.trim();
    if catatan.chars().count() < 10 {
        err.add(
            "catatan",
            "Tulis pertimbangan keputusan, sekurang-kurangnya 10 karakter.",
        );
    } else if catatan.chars().count() > 4000 {
        err.add("catatan", "Paling banyak 4000 karakter.");
    }
    let mut baru = None;
    if keputusan == DIUBAH {
        let hk = Rating::from_code(input.rating_hasil.trim());
        let pk = Rating::from_code(input.rating_perilaku.trim());
        if hk.is_none() {
            err.add("rating_hasil", "Pilih Rating Hasil Kerja yang baru.");
        }
        if pk.is_none() {
            err.add("rating_perilaku", "Pilih Rating Perilaku Kerja yang baru.");
        }
        baru = hk.zip(pk);
    }
    err.into_result()?;
    let txn = db.begin().await?;
    let k_before = k.clone();
    let mut km: keberatan::ActiveModel = k.into();
    km.status = Set(DIPUTUS.into());
    km.keputusan = Set(Some(keputusan.into()));
    km.keputusan_catatan = Set(Some(catatan.into()));
    km.rating_hasil_semula = Set(e.rating_hasil.clone());
    km.rating_perilaku_semula = Set(e.rating_perilaku.clone());
    km.predikat_semula = Set(e.predikat.clone());
    km.diputus_pada = Set(Some(today));
    km.diputus_oleh = Set(actor.pegawai_id);
    km.updated_at = Set(now());
    let k_saved = km.update(&txn).await?;
    let target = ("keberatan", i64::from(k_saved.id));
    audit::updated(
        &txn,
        actor,
        Some(e.instansi_id),
        target,
        &k_before,
        &k_saved,
    )
    .await?;

    let before = e.clone();
    let mut am: evaluasi::ActiveModel = e.clone().into();
    if let Some((hk, pk)) = baru {
        let p = predikat::predikat(hk, pk);
        am.rating_hasil = Set(Some(hk.code().into()));
        am.rating_perilaku = Set(Some(pk.code().into()));
        am.predikat = Set(Some(p.code().into()));
        am.angka_kredit =
            Set(crate::services::evaluasi::penilaian::angka_kredit_untuk(&txn, &e, p).await?);
    }
    am.status = Set(FINAL.into());
    am.updated_at = Set(now());
    let saved = am.update(&txn).await?;
    let target = ("evaluasi", i64::from(saved.id));
    audit::updated(
        &txn,
        actor,
        Some(saved.instansi_id),
        target,
        &before,
        &saved,
    )
    .await?;
    let link = format!("/evaluasi/{evaluasi_id}");
    let pesan = format!(
        "Keberatan atas evaluasi kinerja telah diputus: {}.",
        keputusan_label(Some(keputusan)).to_lowercase()
    );
    notifikasi::kirim(&txn, saved.pegawai_id, &pesan, &link).await?;
    if let Some(pn) = saved.penilai_id {
        notifikasi::kirim(&txn, pn, &pesan, &link).await?;
    }
    txn.commit().await?;
    Ok(saved)
}

/// A row of the atasan's list.
pub struct Antrian {
    pub keberatan: keberatan::Model,
    pub pegawai: String,
    pub nip: String,
    pub periode: String,
    /// The day the decision is due (the instansi's setting after filing).
    pub batas_keputusan: NaiveDate,
}

impl Antrian {
    /// Undecided past its due day.
    pub fn terlambat(&self, today: NaiveDate) -> bool {
        self.keberatan.status != DIPUTUS && today > self.batas_keputusan
    }
}

/// The day a keberatan filed on `diajukan` must be decided by, under the instansi's setting.
pub async fn batas_keputusan<C: ConnectionTrait>(
    db: &C,
    k: &keberatan::Model,
) -> CoreResult<NaiveDate> {
    let hari = crate::services::evaluasi::pengaturan::baca(db, k.instansi_id)
        .await?
        .batas_keputusan_hari;
    Ok(k.diajukan_pada + chrono::Days::new(u64::from(hari)))
}

/// The keberatan waiting for the actor as atasan pejabat penilai (undecided first, then the
/// last 50 decided).
pub async fn antrian<C: ConnectionTrait>(db: &C, actor: &Actor) -> CoreResult<Vec<Antrian>> {
    let Some(me) = actor.pegawai_id else {
        return Ok(Vec::new());
    };
    let rows = keberatan::Entity::find()
        .filter(keberatan::Column::AtasanId.eq(me))
        .order_by_desc(keberatan::Column::DiajukanPada)
        .order_by_desc(keberatan::Column::Id)
        .all(db)
        .await?;
    let (mut buka, tutup): (Vec<_>, Vec<_>) = rows.into_iter().partition(|k| k.status != DIPUTUS);
    buka.extend(tutup.into_iter().take(50));
    let peg_ids: Vec<i32> = buka.iter().map(|k| k.pegawai_id).collect();
    let ev_ids: Vec<i32> = buka.iter().map(|k| k.evaluasi_id).collect();
    let pegawai = crate::db::entities::pegawai::Entity::find()
        .filter(crate::db::entities::pegawai::Column::Id.is_in(peg_ids))
        .all(db)
        .await?;
    let evs = evaluasi::Entity::find()
        .filter(evaluasi::Column::Id.is_in(ev_ids))
        .all(db)
        .await?;
    let per_ids: Vec<i32> = evs.iter().map(|e| e.periode_id).collect();
    let periode = crate::db::entities::periode::Entity::find()
        .filter(crate::db::entities::periode::Column::Id.is_in(per_ids))
        .all(db)
        .await?;
    // The atasan's keberatan are all of their own instansi: one setting.
    let hari = match buka.first() {
        Some(k) => {
            crate::services::evaluasi::pengaturan::baca(db, k.instansi_id)
                .await?
                .batas_keputusan_hari
        }
        None => 0,
    };
    Ok(buka
        .into_iter()
        .map(|k| {
            let p = pegawai.iter().find(|p| p.id == k.pegawai_id);
            let per = evs
                .iter()
                .find(|e| e.id == k.evaluasi_id)
                .and_then(|e| periode.iter().find(|x| x.id == e.periode_id));
            Antrian {
                batas_keputusan: k.diajukan_pada + chrono::Days::new(u64::from(hari)),
                pegawai: p.map(|p| p.nama.clone()).unwrap_or_default(),
                nip: p.map(|p| p.nip.clone()).unwrap_or_default(),
                periode: per.map(|x| x.nama.clone()).unwrap_or_default(),
                keberatan: k,
            }
        })
        .collect())
}
