//! An instansi's evaluation settings (`DOMAIN.md` §17): how the distribution pattern of §6.4 is
//! enforced when a penilai hands out a result, the capaian thresholds of the rating hint (§6.2:
//! hints only, never deciding), and the smallest group the pattern is checked on (§6.4 leaves
//! small groups open), and the days the atasan has to decide a keberatan (§8 leaves it to the
//! instansi). Until an admin saves them, the defaults below apply.

use crate::actor::Actor;
use crate::db::entities::pengaturan_kinerja;
use crate::error::{CoreResult, FieldErrors};
use crate::services::{jejak::audit, now};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, TransactionTrait, TryIntoModel,
};

/// How a distribution that breaks the unit's pattern is treated when a result is handed out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModeDistribusi {
    /// Not checked.
    Off,
    /// Shown; the penilai goes ahead only with a written justification, kept on the evaluation.
    Warn,
    /// Refused until the distribution fits the pattern.
    Block,
}

impl ModeDistribusi {
    pub const ALL: [ModeDistribusi; 3] = [
        ModeDistribusi::Off,
        ModeDistribusi::Warn,
        ModeDistribusi::Block,
    ];
    pub fn code(self) -> &'static str {
        match self {
            ModeDistribusi::Off => "OFF",
            ModeDistribusi::Warn => "WARN",
            ModeDistribusi::Block => "BLOCK",
        }
    }
    pub fn from_code(s: &str) -> Option<ModeDistribusi> {
        Self::ALL.into_iter().find(|m| m.code() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            ModeDistribusi::Off => "Tidak diperiksa",
            ModeDistribusi::Warn => "Peringatan dengan alasan tertulis",
            ModeDistribusi::Block => "Ditolak sampai sesuai pola",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pengaturan {
    pub distribusi: ModeDistribusi,
    pub saran_di_atas: i64,
    pub saran_sesuai: i64,
    pub ukuran_minimum: u32,
    pub batas_keputusan_hari: u32,
}

impl Default for Pengaturan {
    /// Warn (the SE calls the pattern guidance, `DOMAIN.md` §6.4), the example thresholds of
    /// §6.2, every group checked, and as many days to decide a keberatan as the pegawai had to
    /// file it.
    fn default() -> Self {
        Pengaturan {
            distribusi: ModeDistribusi::Warn,
            saran_di_atas: 115,
            saran_sesuai: 90,
            ukuran_minimum: 1,
            batas_keputusan_hari: 14,
        }
    }
}

/// The settings of instansi `instansi_id` (the defaults until saved).
pub async fn baca<C: ConnectionTrait>(db: &C, instansi_id: i32) -> CoreResult<Pengaturan> {
    let row = pengaturan_kinerja::Entity::find()
        .filter(pengaturan_kinerja::Column::InstansiId.eq(instansi_id))
        .one(db)
        .await?;
    Ok(match row {
        Some(r) => Pengaturan {
            distribusi: ModeDistribusi::from_code(&r.distribusi_mode)
                .unwrap_or(ModeDistribusi::Warn),
            saran_di_atas: i64::from(r.saran_di_atas),
            saran_sesuai: i64::from(r.saran_sesuai),
            ukuran_minimum: r.ukuran_minimum.max(1) as u32,
            batas_keputusan_hari: r.batas_keputusan_hari.max(1) as u32,
        },
        None => Pengaturan::default(),
    })
}

/// The form as typed.
#[derive(Debug, Clone, Default)]
pub struct PengaturanInput {
    pub distribusi_mode: String,
    pub saran_di_atas: String,
    pub saran_sesuai: String,
    pub ukuran_minimum: String,
    pub batas_keputusan_hari: String,
}

impl From<Pengaturan> for PengaturanInput {
    fn from(p: Pengaturan) -> Self {
        PengaturanInput {
            distribusi_mode: p.distribusi.code().into(),
            saran_di_atas: p.saran_di_atas.to_string(),
            saran_sesuai: p.saran_sesuai.to_string(),
            ukuran_minimum: p.ukuran_minimum.to_string(),
            batas_keputusan_hari: p.batas_keputusan_hari.to_string(),
        }
    }
}

/// Saves the settings of `instansi_id`; its admin only. 422 with a message per bad field.
pub async fn simpan(
    db: &DatabaseConnection,
    actor: &Actor,
    instansi_id: i32,
    input: &PengaturanInput,
) -> CoreResult<Pengaturan> {
    actor.require_admin_instansi(instansi_id)?;
    let mut e = FieldErrors::new();
    let mode = ModeDistribusi::from_code(input.distribusi_mode.trim());
    if mode.is_none() {
        e.add("distribusi_mode", "Pilih cara pemeriksaan pola distribusi.");
    }
    let persen = |e: &mut FieldErrors, field: &str, v: &str| match v.trim().parse::<i32>() {
        Ok(x) if (1..=500).contains(&x) => Some(x),
        _ => {
            e.add(field, "Isi persen capaian antara 1 dan 500.");
            None
        }
    };
    let atas = persen(&mut e, "saran_di_atas", &input.saran_di_atas);
    let sesuai = persen(&mut e, "saran_sesuai", &input.saran_sesuai);
    if let (Some(a), Some(s)) = (atas, sesuai)
        && s >= a
    {
        e.add(
            "saran_sesuai",
            "Batas Sesuai Ekspektasi harus di bawah batas Di Atas Ekspektasi.",
        );
    }
    let minimum = match input.ukuran_minimum.trim().parse::<i32>() {
        Ok(x) if (1..=1000).contains(&x) => Some(x),
        _ => {
            e.add("ukuran_minimum", "Isi jumlah pegawai antara 1 dan 1000.");
            None
        }
    };
    let hari = match input.batas_keputusan_hari.trim().parse::<i32>() {
        Ok(x) if (1..=90).contains(&x) => Some(x),
        _ => {
            e.add("batas_keputusan_hari", "Isi jumlah hari antara 1 dan 90.");
            None
        }
    };
    let (Some(mode), Some(atas), Some(sesuai), Some(minimum), Some(hari)) =
        (mode, atas, sesuai, minimum, hari)
    else {
        return Err(crate::error::CoreError::Validation(e));
    };
    e.into_result()?;
    let txn = db.begin().await?;
    let old = pengaturan_kinerja::Entity::find()
        .filter(pengaturan_kinerja::Column::InstansiId.eq(instansi_id))
        .one(&txn)
        .await?;
    let target_before = old.clone();
    let mut am: pengaturan_kinerja::ActiveModel = match old {
        Some(o) => o.into(),
        None => pengaturan_kinerja::ActiveModel {
            instansi_id: Set(instansi_id),
            ..Default::default()
        },
    };
    am.distribusi_mode = Set(mode.code().into());
    am.saran_di_atas = Set(atas);
    am.saran_sesuai = Set(sesuai);
    am.ukuran_minimum = Set(minimum);
    am.batas_keputusan_hari = Set(hari);
    am.updated_at = Set(now());
    let saved = am.save(&txn).await?.try_into_model()?;
    let target = ("pengaturan_kinerja", i64::from(saved.id));
    match target_before {
        Some(b) => audit::updated(&txn, actor, Some(instansi_id), target, &b, &saved).await?,
        None => audit::created(&txn, actor, Some(instansi_id), target, &saved).await?,
    }
    txn.commit().await?;
    baca(db, instansi_id).await
}
