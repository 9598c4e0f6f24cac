//! Instansi (the regional or central government agencies). Managed by the super admin.

use crate::actor::Actor;
use crate::db::entities::instansi;
use crate::error::{CoreError, CoreResult, FieldErrors};
use crate::services::jejak::audit::{self, Action};
use crate::services::{now, required_text};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use serde::Deserialize;

pub const JENIS: [(&str, &str); 4] = [
    ("PROVINSI", "Pemerintah Provinsi"),
    ("KOTA", "Pemerintah Kota"),
    ("KABUPATEN", "Pemerintah Kabupaten"),
    ("PUSAT", "Instansi Pusat"),
];

/// The form as typed: every field a string so a refused form can be shown again unchanged.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct InstansiInput {
    #[serde(default)]
    pub kode: String,
    #[serde(default)]
    pub nama: String,
    #[serde(default)]
    pub jenis: String,
    #[serde(default)]
    pub lokasi: String,
    #[serde(default)]
    pub aktif: Option<String>,
}

impl From<&instansi::Model> for InstansiInput {
    fn from(m: &instansi::Model) -> Self {
        InstansiInput {
            kode: m.kode.clone(),
            nama: m.nama.clone(),
            jenis: m.jenis.clone(),
            lokasi: m.lokasi.clone(),
            aktif: m.aktif.then(|| "on".into()),
        }
    }
}

/// Instansi the actor may see: all for a super admin, their own for everyone else.
pub async fn daftar<C: ConnectionTrait>(db: &C, actor: &Actor) -> CoreResult<Vec<instansi::Model>> {
    let mut q = instansi::Entity::find().order_by_asc(instansi::Column::Nama);
    if !actor.is_super_admin() {
        q = q.filter(instansi::Column::Id.eq(actor.instansi_id.unwrap_or(-1)));
    }
    Ok(q.all(db).await?)
}

pub async fn lihat<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
) -> CoreResult<instansi::Model> {
    if !actor.is_super_admin() && actor.instansi_id != Some(id) {
        return Err(CoreError::Forbidden);
    }
    instansi::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)
}

pub async fn simpan(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Option<i32>,
    input: &InstansiInput,
) -> CoreResult<instansi::Model> {
    actor.require_super_admin()?;
    let mut e = FieldErrors::new();
    let kode = required_text(&mut e, "kode", &input.kode, 40).to_lowercase();
    if !kode.is_empty() && !kode.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        e.add("kode", "Kode hanya huruf kecil, angka dan tanda hubung.");
    }
    let nama = required_text(&mut e, "nama", &input.nama, 200);
    let lokasi = required_text(&mut e, "lokasi", &input.lokasi, 120);
    if !JENIS.iter().any(|(c, _)| *c == input.jenis) {
        e.add("jenis", "Pilih jenis instansi.");
    }
    let clash = instansi::Entity::find()
        .filter(instansi::Column::Kode.eq(&kode))
        .one(db)
        .await?;
    if clash.is_some_and(|c| Some(c.id) != id) {
        e.add("kode", "Kode sudah dipakai instansi lain.");
    }
    e.into_result()?;
    let txn = db.begin().await?;
    let before = match id {
        Some(id) => Some(
            instansi::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .ok_or(CoreError::NotFound)?,
        ),
        None => None,
    };
    let mut am = match &before {
        Some(b) => b.clone().into(),
        None => instansi::ActiveModel {
            created_at: Set(now()),
            ..Default::default()
        },
    };
    am.kode = Set(kode);
    am.nama_lower = Set(nama.to_lowercase());
    am.nama = Set(nama);
    am.jenis = Set(input.jenis.clone());
    am.lokasi = Set(lokasi);
    am.aktif = Set(input.aktif.is_some());
    let saved = match before {
        Some(_) => am.update(&txn).await?,
        None => am.insert(&txn).await?,
    };
    let action = if id.is_some() {
        Action::Update
    } else {
        Action::Create
    };
    audit::record(
        &txn,
        actor,
        Some(saved.id),
        action,
        ("instansi", saved.id as i64),
        before.as_ref(),
        Some(&saved),
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}
