//! The competency dictionary and the Standar Kompetensi Jabatan (`DOMAIN.md` §12). Everyone in an
//! instansi reads its dictionary and the standards of its jabatan (a pegawai needs to know what is
//! expected of them); only its admin adds technical competencies and sets the standards. A standard
//! is suggested from the jabatan's jenis and jenjang until the admin saves it.

use crate::actor::Actor;
use crate::db::entities::{jabatan, kompetensi, standar_kompetensi};
use crate::error::{CoreError, CoreResult, FieldErrors};
use crate::rules::jabatan::JenisJabatan;
use crate::rules::kamus_kompetensi::{KAMUS, TEKNIS, level_saran};
use crate::services::{jejak::audit, now};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, Set, TransactionTrait,
};
use std::collections::{BTreeMap, HashMap};

fn boleh_baca(actor: &Actor, instansi_id: i32) -> bool {
    actor.can_admin_instansi(instansi_id) || actor.instansi_id == Some(instansi_id)
}

/// The dictionary of `instansi_id`: the national competencies, then its technical ones.
pub async fn kamus<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    instansi_id: i32,
) -> CoreResult<Vec<kompetensi::Model>> {
    if !boleh_baca(actor, instansi_id) {
        return Err(CoreError::Forbidden);
    }
    kamus_instansi(db, instansi_id).await
}

/// The dictionary of `instansi_id` for a service that has already checked the actor.
pub(crate) async fn kamus_instansi<C: ConnectionTrait>(
    db: &C,
    instansi_id: i32,
) -> CoreResult<Vec<kompetensi::Model>> {
    let mut all = kompetensi::Entity::find()
        .filter(
            Condition::any()
                .add(kompetensi::Column::InstansiId.is_null())
                .add(kompetensi::Column::InstansiId.eq(instansi_id)),
        )
        .order_by_asc(kompetensi::Column::Kode)
        .all(db)
        .await?;
    all.sort_by_key(|k| (k.instansi_id.is_some(), k.kode.clone()));
    Ok(all)
}

/// A technical competency as typed.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct KompetensiInput {
    #[serde(default)]
    pub kode: String,
    #[serde(default)]
    pub nama: String,
    #[serde(default)]
    pub level_1: String,
    #[serde(default)]
    pub level_2: String,
    #[serde(default)]
    pub level_3: String,
    #[serde(default)]
    pub level_4: String,
    #[serde(default)]
    pub level_5: String,
}

/// Adds a technical competency ("metode pembelajaran", "komunikasi kesehatan") to the dictionary
/// of `instansi_id`; its admin only. Every level needs its description.
pub async fn tambah_teknis(
    db: &DatabaseConnection,
    actor: &Actor,
    instansi_id: i32,
    input: &KompetensiInput,
) -> CoreResult<kompetensi::Model> {
    actor.require_admin_instansi(instansi_id)?;
    let mut e = FieldErrors::new();
    let kode = input.kode.trim().to_uppercase();
    if kode.is_empty() || kode.chars().count() > 16 {
        e.add(
            "kode",
            "Isi kode kompetensi, paling banyak 16 karakter (misalnya T.01).",
        );
    } else if KAMUS.iter().any(|k| k.kode == kode) {
        e.add(
            "kode",
            "Kode ini dipakai kompetensi nasional; pilih kode lain.",
        );
    } else if kompetensi::Entity::find()
        .filter(kompetensi::Column::InstansiId.eq(instansi_id))
        .filter(kompetensi::Column::Kode.eq(kode.clone()))
        .one(db)
        .await?
        .is_some()
    {
        e.add("kode", "Kode ini sudah ada di kamus instansi.");
    }
    let nama = input.nama.trim().to_string();
    if nama.is_empty() || nama.chars().count() > 200 {
        e.add("nama", "Isi nama kompetensi, paling banyak 200 karakter.");
    }
    let level: Vec<String> = [
        ("level_1", &input.level_1),
        ("level_2", &input.level_2),
        ("level_3", &input.level_3),
        ("level_4", &input.level_4),
        ("level_5", &input.level_5),
    ]
    .into_iter()
    .map(|(f, v)| {
        let t = v.trim();
        if t.is_empty() {
            e.add(f, "Uraikan perilaku pada level ini.");
        } else if t.chars().count() > 2000 {
            e.add(f, "Paling banyak 2000 karakter.");
        }
        t.to_string()
    })
    .collect();
    e.into_result()?;
    let [l1, l2, l3, l4, l5] = <[String; 5]>::try_from(level).unwrap_or_default();
    let txn = db.begin().await?;
    let saved = kompetensi::ActiveModel {
        instansi_id: Set(Some(instansi_id)),
        kode: Set(kode),
        kelompok: Set(TEKNIS.into()),
        nama: Set(nama),
        level_1: Set(l1),
        level_2: Set(l2),
        level_3: Set(l3),
        level_4: Set(l4),
        level_5: Set(l5),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::created(
        &txn,
        actor,
        Some(instansi_id),
        ("kompetensi", i64::from(saved.id)),
        &saved,
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

/// One line of a jabatan's standard.
#[derive(Debug, Clone)]
pub struct BarisSkj {
    pub kompetensi: kompetensi::Model,
    /// The level saved, if any.
    pub level: Option<u8>,
    /// The suggestion from jenis and jenjang (managerial and socio-cultural only).
    pub saran: Option<u8>,
}

impl BarisSkj {
    /// What the form shows: the saved level, else the suggestion.
    pub fn nilai(&self) -> Option<u8> {
        self.level.or(self.saran)
    }
    pub fn wajib(&self) -> bool {
        self.kompetensi.kelompok != TEKNIS
    }
}

#[derive(Debug, Clone)]
pub struct Skj {
    pub jabatan: jabatan::Model,
    pub baris: Vec<BarisSkj>,
    /// Nothing saved yet: the levels shown are suggestions.
    pub belum_ditetapkan: bool,
    pub dapat_ubah: bool,
}

/// The Standar Kompetensi Jabatan of `jabatan_id`.
pub async fn standar<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    jabatan_id: i32,
) -> CoreResult<Skj> {
    let j = jabatan::Entity::find_by_id(jabatan_id)
        .one(db)
        .await?
        .ok_or(if actor.is_admin() {
            CoreError::NotFound
        } else {
            CoreError::Forbidden
        })?;
    let kamus = kamus(db, actor, j.instansi_id).await?;
    let saved: HashMap<i32, u8> = standar_kompetensi::Entity::find()
        .filter(standar_kompetensi::Column::JabatanId.eq(j.id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.kompetensi_id, s.level.clamp(1, 5) as u8))
        .collect();
    let saran = JenisJabatan::from_code(&j.jenis).map(|jj| level_saran(jj, &j.jenjang));
    let baris = kamus
        .into_iter()
        .map(|k| BarisSkj {
            level: saved.get(&k.id).copied(),
            saran: if k.kelompok == TEKNIS { None } else { saran },
            kompetensi: k,
        })
        .collect();
    Ok(Skj {
        belum_ditetapkan: saved.is_empty(),
        dapat_ubah: actor.can_admin_instansi(j.instansi_id),
        jabatan: j,
        baris,
    })
}

/// Saves the standard of `jabatan_id` from the form (`kompetensi id` → level as typed): every
/// managerial and socio-cultural competency needs a level 1–5; a technical one may stay empty
/// (not required of this jabatan). Replaces the previous standard in one transaction.
pub async fn simpan_standar(
    db: &DatabaseConnection,
    actor: &Actor,
    jabatan_id: i32,
    isian: &HashMap<i32, String>,
) -> CoreResult<Skj> {
    let skj = standar(db, actor, jabatan_id).await?;
    if !skj.dapat_ubah {
        return Err(CoreError::Forbidden);
    }
    let mut e = FieldErrors::new();
    let mut baru: Vec<(i32, i16)> = Vec::new();
    for b in &skj.baris {
        let field = format!("level_{}", b.kompetensi.id);
        let v = isian.get(&b.kompetensi.id).map(|s| s.trim()).unwrap_or("");
        match v.parse::<i16>() {
            Ok(l) if (1..=5).contains(&l) => baru.push((b.kompetensi.id, l)),
            _ if v.is_empty() && !b.wajib() => {}
            _ => e.add(&field, "Pilih level 1 sampai 5."),
        }
    }
    e.into_result()?;
    // Audited as one record per jabatan (target id = jabatan id), competency code → level.
    let before: BTreeMap<String, Option<u8>> = skj
        .baris
        .iter()
        .map(|b| (b.kompetensi.kode.clone(), b.level))
        .collect();
    let txn = db.begin().await?;
    standar_kompetensi::Entity::delete_many()
        .filter(standar_kompetensi::Column::JabatanId.eq(jabatan_id))
        .exec(&txn)
        .await?;
    for (kid, level) in &baru {
        standar_kompetensi::ActiveModel {
            instansi_id: Set(skj.jabatan.instansi_id),
            jabatan_id: Set(jabatan_id),
            kompetensi_id: Set(*kid),
            level: Set(*level),
            updated_at: Set(now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let after: BTreeMap<String, Option<u8>> = skj
        .baris
        .iter()
        .map(|b| {
            let l = baru.iter().find(|(k, _)| *k == b.kompetensi.id);
            (b.kompetensi.kode.clone(), l.map(|(_, l)| *l as u8))
        })
        .collect();
    audit::updated(
        &txn,
        actor,
        Some(skj.jabatan.instansi_id),
        ("standar_kompetensi", i64::from(jabatan_id)),
        &before,
        &after,
    )
    .await?;
    txn.commit().await?;
    standar(db, actor, jabatan_id).await
}

/// The standards of many jabatan at once (jabatan id → kompetensi id → required level), as an
/// assessment or a report reads them: the saved levels, or, for a jabatan with nothing saved,
/// the suggestion of its jenjang for the national competencies. Callers have already checked
/// that the actor may read these jabatan; `kamus` is their instansi's dictionary.
pub async fn standar_banyak<C: ConnectionTrait>(
    db: &C,
    kamus: &[kompetensi::Model],
    jabatan: &[jabatan::Model],
) -> CoreResult<HashMap<i32, BTreeMap<i32, u8>>> {
    let ids: Vec<i32> = jabatan.iter().map(|j| j.id).collect();
    let mut out: HashMap<i32, BTreeMap<i32, u8>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    for s in standar_kompetensi::Entity::find()
        .filter(standar_kompetensi::Column::JabatanId.is_in(ids))
        .all(db)
        .await?
    {
        out.entry(s.jabatan_id)
            .or_default()
            .insert(s.kompetensi_id, s.level.clamp(1, 5) as u8);
    }
    for j in jabatan {
        if out.contains_key(&j.id) {
            continue;
        }
        let Some(jj) = JenisJabatan::from_code(&j.jenis) else {
            continue;
        };
        let l = level_saran(jj, &j.jenjang);
        out.insert(
            j.id,
            kamus
                .iter()
                .filter(|k| k.kelompok != TEKNIS && k.instansi_id.is_none())
                .map(|k| (k.id, l))
                .collect(),
        );
    }
    Ok(out)
}
