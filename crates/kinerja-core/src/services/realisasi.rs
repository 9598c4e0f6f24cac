//! Realisasi per IKI and period (`DOMAIN.md` §5): proposed from the verified activities of the
//! period (for a kuantitas indicator, the outputs in the indicator's unit), confirmed or changed
//! by the pegawai with evidence while the period is open.

use crate::actor::Actor;
use crate::db::entities::{aktivitas, bukti_dukung, iki, periode, realisasi, rhk, skp};
use crate::error::{CoreError, CoreResult, FieldErrors};
use crate::rules::nilai::parse_seratus;
use crate::services::akses::Hubungan;
use crate::services::audit;
use crate::services::bukti::{self, Berkas, Pemilik};
use crate::services::{aktivitas as aktivitas_svc, now, skp as skp_svc};
use crate::storage::BuktiStore;
use chrono::NaiveDate;
use sea_orm::sea_query::{Alias, Expr, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
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
    pub dapat_isi: bool,
}

/// Whether entries for a period are accepted today.
pub fn periode_terbuka(p: &periode::Model, today: NaiveDate) -> bool {
    p.status == crate::services::periode::TERBUKA && today <= p.batas_pengisian
}

/// Sums of verified outputs per (rhk, lowercase unit) for activities dated within `[mulai, selesai]`.
pub async fn keluaran_disetujui<C: ConnectionTrait>(
    db: &C,
    rhk_ids: Vec<i32>,
    mulai: NaiveDate,
    selesai: NaiveDate,
) -> CoreResult<HashMap<(i32, String), i64>> {
    let rows: Vec<(i32, String, Option<i64>)> = aktivitas::Entity::find()
        .select_only()
        .column(aktivitas::Column::RhkId)
        .column(aktivitas::Column::Satuan)
        .column_as(
            Expr::expr(Func::cast_as(
                Func::sum(Expr::col(aktivitas::Column::Kuantitas)),
                Alias::new("BIGINT"),
            )),
            "jumlah",
        )
        .filter(aktivitas::Column::RhkId.is_in(rhk_ids))
        .filter(aktivitas::Column::Status.eq(aktivitas_svc::DISETUJUI))
        .filter(aktivitas::Column::Tanggal.gte(mulai))
        .filter(aktivitas::Column::Tanggal.lte(selesai))
        .group_by(aktivitas::Column::RhkId)
        .group_by(aktivitas::Column::Satuan)
        .into_tuple()
        .all(db)
        .await?;
    let mut out: HashMap<(i32, String), i64> = HashMap::new();
    for (r, s, n) in rows {
        *out.entry((r, s.trim().to_lowercase())).or_default() += n.unwrap_or(0);
    }
    Ok(out)
}

pub async fn lembar<C: ConnectionTrait>(
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
    let semua_periode = periode::Entity::find()
        .filter(periode::Column::InstansiId.eq(s.instansi_id))
        .filter(periode::Column::Tahun.eq(s.tahun))
        .filter(periode::Column::Jenis.ne("TAHUNAN"))
        .order_by_asc(periode::Column::Urutan)
        .all(db)
        .await?;
    let per = match periode_id {
        Some(id) => semua_periode.iter().find(|p| p.id == id).cloned(),
        None => semua_periode
            .iter()
            .find(|p| p.mulai <= today && today <= p.selesai)
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
                    .get(&(r.id, i.satuan.trim().to_lowercase()))
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
    let dapat_isi = h == Hubungan::Sendiri
        && s.status == crate::rules::alur_skp::DITETAPKAN
        && periode_terbuka(&per, today);
    Ok(Lembar {
        skp: s,
        periode: per,
        semua_periode,
        baris,
        dapat_isi,
    })
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
