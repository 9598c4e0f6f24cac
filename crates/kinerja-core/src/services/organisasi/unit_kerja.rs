//! Unit kerja: the organisation tree of an instansi (SIASN's *Unor*).

use crate::actor::Actor;
use crate::db::entities::{pegawai, unit_kerja};
use crate::error::{CoreError, CoreResult, FieldErrors};
use crate::services::jejak::audit::{self, Action};
use crate::services::{now, required_text};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Default, Deserialize)]
pub struct UnitInput {
    #[serde(default)]
    pub nama: String,
    #[serde(default)]
    pub singkatan: String,
    /// The parent unit's id, or empty for a top-level unit.
    #[serde(default)]
    pub parent_id: String,
    #[serde(default)]
    pub aktif: Option<String>,
}

impl From<&unit_kerja::Model> for UnitInput {
    fn from(m: &unit_kerja::Model) -> Self {
        UnitInput {
            nama: m.nama.clone(),
            singkatan: m.singkatan.clone(),
            parent_id: m.parent_id.map(|p| p.to_string()).unwrap_or_default(),
            aktif: m.aktif.then(|| "on".into()),
        }
    }
}

/// A new, active unit row (not yet inserted): the one place that fills in derived columns.
pub fn new_row(
    instansi_id: i32,
    parent_id: Option<i32>,
    nama: &str,
    singkatan: &str,
) -> unit_kerja::ActiveModel {
    unit_kerja::ActiveModel {
        instansi_id: Set(instansi_id),
        parent_id: Set(parent_id),
        nama: Set(nama.to_string()),
        nama_lower: Set(nama.to_lowercase()),
        singkatan: Set(singkatan.to_string()),
        aktif: Set(true),
        created_at: Set(now()),
        ..Default::default()
    }
}

/// A unit at its place in the tree.
#[derive(Debug, Clone)]
pub struct UnitNode {
    pub unit: unit_kerja::Model,
    pub depth: usize,
    pub jumlah_pegawai: u64,
}

/// All units of an instansi in tree order (parents before children, siblings by name).
pub async fn pohon<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    instansi_id: i32,
) -> CoreResult<Vec<UnitNode>> {
    if !actor.can_admin_instansi(instansi_id) && actor.instansi_id != Some(instansi_id) {
        return Err(CoreError::Forbidden);
    }
    let units = unit_kerja::Entity::find()
        .filter(unit_kerja::Column::InstansiId.eq(instansi_id))
        .order_by_asc(unit_kerja::Column::NamaLower)
        .all(db)
        .await?;
    let counts: HashMap<i32, u64> = {
        use sea_orm::{FromQueryResult, QuerySelect};
        #[derive(FromQueryResult)]
        struct Row {
            unit_kerja_id: i32,
            n: i64,
        }
        pegawai::Entity::find()
            .select_only()
            .column(pegawai::Column::UnitKerjaId)
            .column_as(pegawai::Column::Id.count(), "n")
            .filter(pegawai::Column::InstansiId.eq(instansi_id))
            .filter(pegawai::Column::Aktif.eq(true))
            .group_by(pegawai::Column::UnitKerjaId)
            .into_model::<Row>()
            .all(db)
            .await?
            .into_iter()
            .map(|r| (r.unit_kerja_id, r.n as u64))
            .collect()
    };
    Ok(order_tree(units)
        .into_iter()
        .map(|(unit, depth)| UnitNode {
            jumlah_pegawai: counts.get(&unit.id).copied().unwrap_or(0),
            unit,
            depth,
        })
        .collect())
}

/// Depth-first order with depths; units whose parent is missing are treated as roots.
pub fn order_tree(units: Vec<unit_kerja::Model>) -> Vec<(unit_kerja::Model, usize)> {
    let ids: std::collections::HashSet<i32> = units.iter().map(|u| u.id).collect();
    let mut children: HashMap<Option<i32>, Vec<unit_kerja::Model>> = HashMap::new();
    for u in units {
        let parent = u.parent_id.filter(|p| ids.contains(p));
        children.entry(parent).or_default().push(u);
    }
    let mut out = Vec::new();
    let mut stack: Vec<(unit_kerja::Model, usize)> = children
        .remove(&None)
        .unwrap_or_default()
        .into_iter()
        .rev()
        .map(|u| (u, 0))
        .collect();
    while let Some((u, d)) = stack.pop() {
        if let Some(kids) = children.remove(&Some(u.id)) {
            stack.extend(kids.into_iter().rev().map(|k| (k, d + 1)));
        }
        out.push((u, d));
    }
    out
}

pub async fn lihat<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
) -> CoreResult<unit_kerja::Model> {
    let u = unit_kerja::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)?;
    if !actor.can_admin_instansi(u.instansi_id) && actor.instansi_id != Some(u.instansi_id) {
        return Err(CoreError::Forbidden);
    }
    Ok(u)
}

pub async fn simpan(
    db: &DatabaseConnection,
    actor: &Actor,
    instansi_id: i32,
    id: Option<i32>,
    input: &UnitInput,
) -> CoreResult<unit_kerja::Model> {
    actor.require_admin_instansi(instansi_id)?;
    let before = match id {
        Some(id) => {
            let b = unit_kerja::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or(CoreError::NotFound)?;
            if b.instansi_id != instansi_id {
                return Err(CoreError::Forbidden);
            }
            Some(b)
        }
        None => None,
    };
    let mut e = FieldErrors::new();
    let nama = required_text(&mut e, "nama", &input.nama, 200);
    let singkatan = input.singkatan.trim().to_string();
    if singkatan.chars().count() > 40 {
        e.add("singkatan", "Paling banyak 40 karakter.");
    }
    let parent_id = match input.parent_id.trim() {
        "" => None,
        s => match s.parse::<i32>() {
            Ok(p) => Some(p),
            Err(_) => {
                e.add("parent_id", "Unit induk tidak valid.");
                None
            }
        },
    };
    if let Some(p) = parent_id {
        match unit_kerja::Entity::find_by_id(p).one(db).await? {
            Some(parent) if parent.instansi_id == instansi_id => {
                if let Some(me) = id
                    && is_descendant_or_self(db, p, me).await?
                {
                    e.add(
                        "parent_id",
                        "Unit induk tidak boleh unit ini sendiri atau bawahannya.",
                    );
                }
            }
            _ => e.add("parent_id", "Unit induk tidak ditemukan di instansi ini."),
        }
    }
    let clash = unit_kerja::Entity::find()
        .filter(unit_kerja::Column::InstansiId.eq(instansi_id))
        .filter(unit_kerja::Column::NamaLower.eq(nama.to_lowercase()))
        .one(db)
        .await?;
    if clash.is_some_and(|c| Some(c.id) != id) {
        e.add("nama", "Nama unit sudah dipakai di instansi ini.");
    }
    e.into_result()?;
    let txn = db.begin().await?;
    let mut am = match &before {
        Some(b) => b.clone().into(),
        None => unit_kerja::ActiveModel {
            instansi_id: Set(instansi_id),
            created_at: Set(now()),
            ..Default::default()
        },
    };
    am.nama_lower = Set(nama.to_lowercase());
    am.nama = Set(nama);
    am.singkatan = Set(singkatan);
    am.parent_id = Set(parent_id);
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
        Some(instansi_id),
        action,
        ("unit_kerja", saved.id as i64),
        before.as_ref(),
        Some(&saved),
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

/// Walks up from `start`; true when `target` is met (so `target` may not become its child).
async fn is_descendant_or_self<C: ConnectionTrait>(
    db: &C,
    start: i32,
    target: i32,
) -> CoreResult<bool> {
    let mut cur = Some(start);
    let mut guard = 0;
    while let Some(c) = cur {
        if c == target {
            return Ok(true);
        }
        guard += 1;
        if guard > 64 {
            return Ok(true);
        }
        cur = unit_kerja::Entity::find_by_id(c)
            .one(db)
            .await?
            .and_then(|u| u.parent_id);
    }
    Ok(false)
}

/// Number of units of an instansi.
pub async fn jumlah<C: ConnectionTrait>(db: &C, instansi_id: i32) -> CoreResult<u64> {
    Ok(unit_kerja::Entity::find()
        .filter(unit_kerja::Column::InstansiId.eq(instansi_id))
        .count(db)
        .await?)
}

/// Whether jabatan `id` heads its unit: its atasan sits outside the unit (or it has none).
pub(crate) fn kepala(jab: &HashMap<i32, (i32, Option<i32>)>, id: i32) -> bool {
    jab.get(&id).is_some_and(|(unit, atasan)| {
        atasan.is_none_or(|a| jab.get(&a).is_none_or(|(au, _)| au != unit))
    })
}

/// Units strictly beneath any of `roots`.
pub(crate) fn di_bawah(units: &[unit_kerja::Model], roots: &[i32]) -> HashSet<i32> {
    let mut out: HashSet<i32> = HashSet::new();
    let mut frontier: Vec<i32> = roots.to_vec();
    while let Some(u) = frontier.pop() {
        for c in units.iter().filter(|c| c.parent_id == Some(u)) {
            if out.insert(c.id) {
                frontier.push(c.id);
            }
        }
    }
    out
}
