//! Umpan balik berkelanjutan (`DOMAIN.md` §5): threads between the pegawai and their penilai
//! chain on an RHK, an IKI, an activity or a BerAKHLAK value of an SKP. A new message notifies
//! the other side.

use crate::actor::Actor;
use crate::db::entities::{aktivitas, iki, rhk, umpan_balik};
use crate::error::{CoreError, CoreResult};
use crate::rules::berakhlak;
use crate::services::jejak::audit;
use crate::services::organisasi::akses::Hubungan;
use crate::services::{jejak::notifikasi, now, organisasi::penilai, perencanaan::skp as skp_svc};
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};

pub const SASARAN: [&str; 4] = ["RHK", "IKI", "AKTIVITAS", "PERILAKU"];

/// A thread and what it is about.
pub struct Utas {
    pub skp_id: i32,
    pub sasaran: String,
    pub sasaran_id: i64,
    /// What the thread is on, in words.
    pub judul: String,
    pub pesan: Vec<umpan_balik::Model>,
    pub pegawai_nama: String,
    pub dapat_menulis: bool,
}

/// Checks that the subject belongs to the SKP and describes it.
async fn judul<C: ConnectionTrait>(
    db: &C,
    skp_id: i32,
    sasaran: &str,
    id: i64,
) -> CoreResult<String> {
    let id32 = i32::try_from(id).map_err(|_| CoreError::NotFound)?;
    Ok(match sasaran {
        "RHK" => {
            let r = rhk::Entity::find_by_id(id32)
                .one(db)
                .await?
                .filter(|r| r.skp_id == skp_id)
                .ok_or(CoreError::NotFound)?;
            format!("RHK: {}", r.teks)
        }
        "IKI" => {
            let i = iki::Entity::find_by_id(id32)
                .one(db)
                .await?
                .ok_or(CoreError::NotFound)?;
            rhk::Entity::find_by_id(i.rhk_id)
                .one(db)
                .await?
                .filter(|r| r.skp_id == skp_id)
                .ok_or(CoreError::NotFound)?;
            format!("Indikator: {}", i.indikator)
        }
        "AKTIVITAS" => {
            let a = aktivitas::Entity::find_by_id(id32)
                .one(db)
                .await?
                .ok_or(CoreError::NotFound)?;
            let s = crate::db::entities::skp::Entity::find_by_id(skp_id)
                .one(db)
                .await?
                .ok_or(CoreError::NotFound)?;
            if a.pegawai_id != s.pegawai_id {
                return Err(CoreError::NotFound);
            }
            format!("Aktivitas {}: {}", a.tanggal.format("%d-%m-%Y"), a.uraian)
        }
        "PERILAKU" => {
            let n = berakhlak::nilai(id32).ok_or(CoreError::NotFound)?;
            format!("Perilaku: {}", n.nama)
        }
        _ => return Err(CoreError::NotFound),
    })
}

pub async fn utas<C: ConnectionTrait + 'static>(
    db: &C,
    actor: &Actor,
    skp_id: i32,
    sasaran: &str,
    sasaran_id: i64,
    today: NaiveDate,
) -> CoreResult<Utas> {
    let (s, p, h) = skp_svc::akses(db, actor, skp_id, today).await?;
    let judul = judul(db, s.id, sasaran, sasaran_id).await?;
    let pesan = umpan_balik::Entity::find()
        .filter(umpan_balik::Column::SkpId.eq(s.id))
        .filter(umpan_balik::Column::Sasaran.eq(sasaran))
        .filter(umpan_balik::Column::SasaranId.eq(sasaran_id))
        .order_by_asc(umpan_balik::Column::Id)
        .all(db)
        .await?;
    Ok(Utas {
        skp_id: s.id,
        sasaran: sasaran.to_string(),
        sasaran_id,
        judul,
        pesan,
        pegawai_nama: p.nama,
        dapat_menulis: h != Hubungan::Admin,
    })
}

/// Posts a message. The pegawai and their penilai chain may write; the admin only reads.
pub async fn kirim(
    db: &DatabaseConnection,
    actor: &Actor,
    skp_id: i32,
    sasaran: &str,
    sasaran_id: i64,
    teks: &str,
    today: NaiveDate,
) -> CoreResult<umpan_balik::Model> {
    let (s, p, h) = skp_svc::akses(db, actor, skp_id, today).await?;
    if h == Hubungan::Admin {
        return Err(CoreError::Forbidden);
    }
    let judul = judul(db, s.id, sasaran, sasaran_id).await?;
    let teks = teks.trim();
    if teks.is_empty() {
        return Err(CoreError::field(
            "teks",
            "Tulis umpan balik terlebih dahulu.",
        ));
    }
    if teks.chars().count() > 2000 {
        return Err(CoreError::field("teks", "Paling banyak 2000 karakter."));
    }
    let tujuan: Option<i32> = if h == Hubungan::Sendiri {
        penilai::penilai_dari(db, &p, today)
            .await?
            .map(|x| x.pegawai.id)
    } else {
        Some(p.id)
    };
    let txn = db.begin().await?;
    let m = umpan_balik::ActiveModel {
        instansi_id: Set(s.instansi_id),
        skp_id: Set(s.id),
        sasaran: Set(sasaran.to_string()),
        sasaran_id: Set(sasaran_id),
        penulis_pegawai_id: Set(actor.pegawai_id),
        penulis_label: Set(actor.nama.clone()),
        teks: Set(teks.to_string()),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::created(
        &txn,
        actor,
        Some(s.instansi_id),
        ("umpan_balik", m.id as i64),
        &m,
    )
    .await?;
    if let Some(t) = tujuan {
        notifikasi::kirim(
            &txn,
            t,
            &format!("Umpan balik baru dari {} pada {}", actor.nama, judul),
            &format!("/umpan-balik/{}/{}/{}", s.id, sasaran, sasaran_id),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(m)
}

/// Counts of messages per (sasaran, id) of an SKP, for the badges next to each item.
pub async fn jumlah<C: ConnectionTrait>(
    db: &C,
    skp_id: i32,
) -> CoreResult<std::collections::HashMap<(String, i64), usize>> {
    let mut out = std::collections::HashMap::new();
    for m in umpan_balik::Entity::find()
        .filter(umpan_balik::Column::SkpId.eq(skp_id))
        .all(db)
        .await?
    {
        *out.entry((m.sasaran, m.sasaran_id)).or_default() += 1;
    }
    Ok(out)
}
