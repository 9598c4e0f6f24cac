//! PLT/PLH: acting assignments to a jabatan, managed by the admin instansi. An acting official
//! rates the pegawai below that jabatan for as long as the assignment runs.

use crate::actor::Actor;
use crate::db::entities::{jabatan, pegawai, penugasan_plt};
use crate::error::{CoreError, CoreResult, FieldErrors};
use crate::services::jejak::audit;
use crate::services::now;
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct PenugasanInput {
    #[serde(default)]
    pub jabatan_id: String,
    #[serde(default)]
    pub pegawai_nip: String,
    #[serde(default)]
    pub jenis: String,
    #[serde(default)]
    pub mulai: String,
    #[serde(default)]
    pub selesai: String,
}

#[derive(Debug, Clone)]
pub struct PenugasanRow {
    pub penugasan: penugasan_plt::Model,
    pub jabatan_nama: String,
    pub pegawai_nama: String,
    pub pegawai_nip: String,
}

pub async fn daftar<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    instansi_id: i32,
) -> CoreResult<Vec<PenugasanRow>> {
    actor.require_admin_instansi(instansi_id)?;
    let items = penugasan_plt::Entity::find()
        .filter(penugasan_plt::Column::InstansiId.eq(instansi_id))
        .order_by_desc(penugasan_plt::Column::Mulai)
        .all(db)
        .await?;
    let jab: HashMap<i32, String> = jabatan::Entity::find()
        .filter(jabatan::Column::Id.is_in(items.iter().map(|i| i.jabatan_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|j| (j.id, j.nama))
        .collect();
    let peg: HashMap<i32, (String, String)> = pegawai::Entity::find()
        .filter(pegawai::Column::Id.is_in(items.iter().map(|i| i.pegawai_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, (p.nama, p.nip)))
        .collect();
    Ok(items
        .into_iter()
        .map(|a| {
            let (nama, nip) = peg.get(&a.pegawai_id).cloned().unwrap_or_default();
            PenugasanRow {
                jabatan_nama: jab.get(&a.jabatan_id).cloned().unwrap_or_default(),
                pegawai_nama: nama,
                pegawai_nip: nip,
                penugasan: a,
            }
        })
        .collect())
}

fn parse_date(e: &mut FieldErrors, field: &str, s: &str, required: bool) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        if required {
            e.add(field, "Wajib diisi.");
        }
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| e.add(field, "Tanggal tidak valid."))
        .ok()
}

pub async fn buat(
    db: &DatabaseConnection,
    actor: &Actor,
    instansi_id: i32,
    input: &PenugasanInput,
) -> CoreResult<penugasan_plt::Model> {
    actor.require_admin_instansi(instansi_id)?;
    let mut e = FieldErrors::new();
    if !matches!(input.jenis.as_str(), "PLT" | "PLH") {
        e.add("jenis", "Pilih PLT atau PLH.");
    }
    let mulai = parse_date(&mut e, "mulai", &input.mulai, true);
    let selesai = parse_date(&mut e, "selesai", &input.selesai, false);
    if let (Some(m), Some(s)) = (mulai, selesai)
        && s < m
    {
        e.add(
            "selesai",
            "Tanggal selesai tidak boleh sebelum tanggal mulai.",
        );
    }
    let jab = match input.jabatan_id.trim().parse::<i32>() {
        Ok(j) => jabatan::Entity::find_by_id(j)
            .one(db)
            .await?
            .filter(|j| j.instansi_id == instansi_id),
        Err(_) => None,
    };
    if jab.is_none() {
        e.add("jabatan_id", "Pilih jabatan dari instansi ini.");
    }
    let nip: String = input
        .pegawai_nip
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let peg = pegawai::Entity::find()
        .filter(pegawai::Column::Nip.eq(&nip))
        .one(db)
        .await?
        .filter(|p| p.instansi_id == instansi_id && p.aktif);
    if peg.is_none() {
        e.add(
            "pegawai_nip",
            "Tidak ada pegawai aktif dengan NIP itu di instansi ini.",
        );
    }
    if let (Some(j), Some(p)) = (&jab, &peg)
        && p.jabatan_id == j.id
    {
        e.add(
            "pegawai_nip",
            "Pegawai itu sudah memegang jabatan ini secara definitif.",
        );
    }
    e.into_result()?;
    let txn = db.begin().await?;
    let saved = penugasan_plt::ActiveModel {
        instansi_id: Set(instansi_id),
        jabatan_id: Set(jab.map(|j| j.id).unwrap_or_default()),
        pegawai_id: Set(peg.map(|p| p.id).unwrap_or_default()),
        jenis: Set(input.jenis.clone()),
        mulai: Set(mulai.unwrap_or_default()),
        selesai: Set(selesai),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::created(
        &txn,
        actor,
        Some(instansi_id),
        ("penugasan_plt", saved.id as i64),
        &saved,
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

pub async fn hapus(db: &DatabaseConnection, actor: &Actor, id: i32) -> CoreResult<()> {
    let a = penugasan_plt::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)?;
    actor.require_admin_instansi(a.instansi_id)?;
    let txn = db.begin().await?;
    penugasan_plt::Entity::delete_by_id(id).exec(&txn).await?;
    audit::deleted(
        &txn,
        actor,
        Some(a.instansi_id),
        ("penugasan_plt", id as i64),
        &a,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
