//! Follow-up of a period's results (`DOMAIN.md` §10): the recognition list of
//! Sangat Baik, and for Butuh Perbaikan, Kurang and Sangat Kurang the improvement plan (bimbingan
//! kinerja) the penilai records, with the six months PP 30/2019 Pasal 57 gives, and its outcome.
//! The lists cover a unit and everything beneath it, for whoever may read its distribution; the
//! plan is written by the penilai who rated (or an admin) and read by the pegawai.

use crate::actor::Actor;
use crate::db::entities::{evaluasi, jabatan, pegawai, rencana_perbaikan};
use crate::error::{CoreError, CoreResult, FieldErrors};
use crate::rules::predikat::Predikat;
use crate::services::evaluasi::pihak::{self, Kedudukan, status_label};
use crate::services::status::evaluasi::DINILAI;
use crate::services::{evaluasi::distribusi, jejak::audit, jejak::notifikasi, now, uraian};
use chrono::{Months, NaiveDate};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use std::collections::HashMap;

pub const BERJALAN: &str = "BERJALAN";
pub const MEMBAIK: &str = "MEMBAIK";
pub const TIDAK_MEMBAIK: &str = "TIDAK_MEMBAIK";

/// The months given to improve.
pub const MASA_PERBAIKAN_BULAN: u32 = 6;

pub fn status_label_rencana(code: &str) -> &'static str {
    match code {
        BERJALAN => "Berjalan",
        MEMBAIK => "Selesai: kinerja membaik",
        _ => "Selesai: tidak membaik",
    }
}

/// The end of the six months that begin on `mulai`.
pub fn batas(mulai: NaiveDate) -> NaiveDate {
    mulai
        .checked_add_months(Months::new(MASA_PERBAIKAN_BULAN))
        .unwrap_or(mulai)
}

/// One pegawai on a follow-up list.
#[derive(Debug)]
pub struct BarisTindakLanjut {
    pub evaluasi_id: i32,
    pub nama: String,
    pub nip: String,
    pub jabatan: String,
    pub unit: String,
    pub predikat: &'static str,
    pub status: &'static str,
    pub rencana: Option<rencana_perbaikan::Model>,
}

#[derive(Debug)]
pub struct TindakLanjut {
    pub judul: String,
    pub penghargaan: Vec<BarisTindakLanjut>,
    pub perbaikan: Vec<BarisTindakLanjut>,
}

/// The two follow-up lists of `unit_id` and the units beneath it for `periode_id`. Only results
/// the penilai has handed out count: a rating still being drafted is nobody's business yet.
pub async fn daftar<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    unit_id: i32,
    periode_id: i32,
    today: NaiveDate,
) -> CoreResult<TindakLanjut> {
    let (per, unit, units) =
        distribusi::subtree_terlihat(db, actor, unit_id, periode_id, today).await?;
    let nama_unit: HashMap<i32, String> = units.iter().map(|u| (u.id, u.nama.clone())).collect();
    let evs = evaluasi::Entity::find()
        .filter(evaluasi::Column::PeriodeId.eq(per.id))
        .filter(evaluasi::Column::UnitKerjaId.is_in(units.iter().map(|u| u.id).collect::<Vec<_>>()))
        .filter(evaluasi::Column::Status.ne(DINILAI))
        .filter(evaluasi::Column::Predikat.is_not_null())
        .all(db)
        .await?;
    let peg: HashMap<i32, pegawai::Model> = pegawai::Entity::find()
        .filter(pegawai::Column::Id.is_in(evs.iter().map(|e| e.pegawai_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let jab: HashMap<i32, String> = jabatan::Entity::find()
        .filter(jabatan::Column::Id.is_in(evs.iter().map(|e| e.jabatan_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|j| (j.id, j.nama))
        .collect();
    let mut rencana: HashMap<i32, rencana_perbaikan::Model> = rencana_perbaikan::Entity::find()
        .filter(
            rencana_perbaikan::Column::EvaluasiId
                .is_in(evs.iter().map(|e| e.id).collect::<Vec<_>>()),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.evaluasi_id, r))
        .collect();
    let mut penghargaan = Vec::new();
    let mut perbaikan = Vec::new();
    for e in &evs {
        let Some(pred) = e.predikat.as_deref().and_then(Predikat::from_code) else {
            continue;
        };
        if pred != Predikat::SangatBaik && !pred.perlu_perbaikan() {
            continue;
        }
        let p = peg.get(&e.pegawai_id);
        let baris = BarisTindakLanjut {
            evaluasi_id: e.id,
            nama: p.map(|p| p.nama.clone()).unwrap_or_default(),
            nip: p.map(|p| p.nip.clone()).unwrap_or_default(),
            jabatan: jab.get(&e.jabatan_id).cloned().unwrap_or_default(),
            unit: nama_unit.get(&e.unit_kerja_id).cloned().unwrap_or_default(),
            predikat: pred.label(),
            status: status_label(e, today),
            rencana: rencana.remove(&e.id),
        };
        if pred == Predikat::SangatBaik {
            penghargaan.push(baris);
        } else {
            perbaikan.push(baris);
        }
    }
    let urut = |a: &BarisTindakLanjut, b: &BarisTindakLanjut| {
        (a.nama.to_lowercase(), a.evaluasi_id).cmp(&(b.nama.to_lowercase(), b.evaluasi_id))
    };
    penghargaan.sort_by(urut);
    perbaikan.sort_by(urut);
    Ok(TindakLanjut {
        judul: format!("Tindak lanjut evaluasi {} · {}", unit.nama, per.nama),
        penghargaan,
        perbaikan,
    })
}

/// The plan of evaluation `evaluasi_id`, if one was recorded.
pub async fn rencana_dari<C: ConnectionTrait>(
    db: &C,
    evaluasi_id: i32,
) -> CoreResult<Option<rencana_perbaikan::Model>> {
    Ok(rencana_perbaikan::Entity::find()
        .filter(rencana_perbaikan::Column::EvaluasiId.eq(evaluasi_id))
        .order_by_asc(rencana_perbaikan::Column::Id)
        .one(db)
        .await?)
}

/// Whether an improvement plan can be recorded for `e`: its predikat is below Baik and the
/// penilai has handed it out.
pub fn perlu_rencana(e: &evaluasi::Model) -> bool {
    e.status != DINILAI
        && e.predikat
            .as_deref()
            .and_then(Predikat::from_code)
            .is_some_and(Predikat::perlu_perbaikan)
}

/// The plan as typed in the form.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct RencanaInput {
    pub sasaran: String,
    pub langkah: String,
    pub mulai: String,
}

/// The outcome at (or before) the horizon.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct HasilInput {
    pub status: String,
    pub hasil: String,
}

/// The evaluation for its penilai or an admin, who alone write the plan.
async fn untuk_pembimbing(
    db: &DatabaseConnection,
    actor: &Actor,
    evaluasi_id: i32,
    today: NaiveDate,
) -> CoreResult<evaluasi::Model> {
    let e = pihak::muat(db, actor, evaluasi_id).await?;
    let (peran, _) = pihak::kedudukan(db, actor, &e, today).await?;
    if !matches!(peran, Kedudukan::Penilai | Kedudukan::Admin) {
        return Err(CoreError::Forbidden);
    }
    Ok(e)
}

/// Records the improvement plan of evaluation `evaluasi_id`, or corrects it while it runs.
pub async fn catat(
    db: &DatabaseConnection,
    actor: &Actor,
    evaluasi_id: i32,
    input: &RencanaInput,
    today: NaiveDate,
) -> CoreResult<rencana_perbaikan::Model> {
    let e = untuk_pembimbing(db, actor, evaluasi_id, today).await?;
    if !perlu_rencana(&e) {
        return Err(CoreError::Conflict(
            "Rencana perbaikan hanya untuk predikat di bawah Baik yang sudah ditetapkan.".into(),
        ));
    }
    let ada = rencana_dari(db, e.id).await?;
    if ada.as_ref().is_some_and(|r| r.status != BERJALAN) {
        return Err(CoreError::Conflict(
            "Rencana perbaikan ini sudah selesai dan tidak dapat diubah.".into(),
        ));
    }
    let mut err = FieldErrors::new();
    let sasaran = uraian(&mut err, "sasaran", &input.sasaran, 10);
    let langkah = uraian(&mut err, "langkah", &input.langkah, 10);
    let mulai = NaiveDate::parse_from_str(input.mulai.trim(), "%Y-%m-%d").ok();
    match mulai {
        None => err.add("mulai", "Isi tanggal mulai dengan format yang benar."),
        Some(m) if m > today + chrono::Days::new(60) => err.add(
            "mulai",
            "Bimbingan kinerja dimulai paling lambat 60 hari dari sekarang.",
        ),
        Some(_) => {}
    }
    let Some(mulai) = mulai else {
        return Err(CoreError::Validation(err));
    };
    err.into_result()?;
    let txn = db.begin().await?;
    let saved = match ada {
        Some(before) => {
            let mut am: rencana_perbaikan::ActiveModel = before.clone().into();
            am.sasaran = Set(sasaran);
            am.langkah = Set(langkah);
            am.mulai = Set(mulai);
            am.batas = Set(batas(mulai));
            am.updated_at = Set(now());
            let saved = am.update(&txn).await?;
            audit::updated(
                &txn,
                actor,
                Some(e.instansi_id),
                ("rencana_perbaikan", i64::from(saved.id)),
                &before,
                &saved,
            )
            .await?;
            saved
        }
        None => {
            let saved = rencana_perbaikan::ActiveModel {
                evaluasi_id: Set(e.id),
                instansi_id: Set(e.instansi_id),
                pegawai_id: Set(e.pegawai_id),
                pembimbing_id: Set(e.penilai_id),
                sasaran: Set(sasaran),
                langkah: Set(langkah),
                mulai: Set(mulai),
                batas: Set(batas(mulai)),
                status: Set(BERJALAN.into()),
                hasil: Set(None),
                updated_at: Set(now()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            audit::created(
                &txn,
                actor,
                Some(e.instansi_id),
                ("rencana_perbaikan", i64::from(saved.id)),
                &saved,
            )
            .await?;
            notifikasi::kirim(
                &txn,
                e.pegawai_id,
                &format!(
                    "Rencana perbaikan kinerja Anda dicatat; bimbingan kinerja berlangsung sampai {}.",
                    saved.batas.format("%d-%m-%Y")
                ),
                &format!("/evaluasi/{}", e.id),
            )
            .await?;
            saved
        }
    };
    txn.commit().await?;
    Ok(saved)
}

/// Closes the plan with its outcome. "Membaik" may be recorded at any time; "tidak membaik" only
/// once the six months have passed, since the pegawai is owed the whole horizon.
pub async fn tutup(
    db: &DatabaseConnection,
    actor: &Actor,
    evaluasi_id: i32,
    input: &HasilInput,
    today: NaiveDate,
) -> CoreResult<rencana_perbaikan::Model> {
    let e = untuk_pembimbing(db, actor, evaluasi_id, today).await?;
    let Some(before) = rencana_dari(db, e.id).await? else {
        return Err(CoreError::Conflict(
            "Belum ada rencana perbaikan untuk evaluasi ini.".into(),
        ));
    };
    if before.status != BERJALAN {
        return Err(CoreError::Conflict(
            "Rencana perbaikan ini sudah selesai.".into(),
        ));
    }
    let mut err = FieldErrors::new();
    let status = match input.status.as_str() {
        MEMBAIK => MEMBAIK,
        TIDAK_MEMBAIK if today < before.batas => {
            err.add(
                "status",
                format!(
                    "Masa perbaikan enam bulan berakhir {}; hasil \"tidak membaik\" baru dapat dicatat sesudahnya.",
                    before.batas.format("%d-%m-%Y")
                ),
            );
            TIDAK_MEMBAIK
        }
        TIDAK_MEMBAIK => TIDAK_MEMBAIK,
        _ => {
            err.add("status", "Pilih hasil bimbingan kinerja.");
            ""
        }
    };
    let hasil = uraian(&mut err, "hasil", &input.hasil, 10);
    err.into_result()?;
    let txn = db.begin().await?;
    let mut am: rencana_perbaikan::ActiveModel = before.clone().into();
    am.status = Set(status.into());
    am.hasil = Set(Some(hasil));
    am.updated_at = Set(now());
    let saved = am.update(&txn).await?;
    audit::updated(
        &txn,
        actor,
        Some(e.instansi_id),
        ("rencana_perbaikan", i64::from(saved.id)),
        &before,
        &saved,
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}
