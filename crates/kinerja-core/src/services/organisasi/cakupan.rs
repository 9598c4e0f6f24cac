//! Which units of an instansi the actor may read reports of (the competency heat map, the
//! training needs, the yearly JP): the admin reads every unit; the head of a unit (the holder of
//! a jabatan whose atasan sits outside the unit, as on the distribution page) reads their unit
//! and everything beneath it. Anyone else is refused.

use crate::actor::Actor;
use crate::db::entities::{jabatan, pegawai, unit_kerja};
use crate::error::{CoreError, CoreResult};
use crate::services::organisasi::unit_kerja::{di_bawah, kepala};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;

/// The units of `instansi_id` the actor may read, by name.
pub async fn unit_terlihat<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    instansi_id: i32,
) -> CoreResult<Vec<unit_kerja::Model>> {
    let mut units = unit_kerja::Entity::find()
        .filter(unit_kerja::Column::InstansiId.eq(instansi_id))
        .all(db)
        .await?;
    units.sort_by(|a, b| a.nama.cmp(&b.nama));
    if actor.can_admin_instansi(instansi_id) {
        return Ok(units);
    }
    if actor.instansi_id != Some(instansi_id) {
        return Err(CoreError::Forbidden);
    }
    let p = match actor.pegawai_id {
        Some(pid) => pegawai::Entity::find_by_id(pid).one(db).await?,
        None => None,
    };
    let Some(p) = p else {
        return Err(CoreError::Forbidden);
    };
    let jab: HashMap<i32, (i32, Option<i32>)> = jabatan::Entity::find()
        .select_only()
        .column(jabatan::Column::Id)
        .column(jabatan::Column::UnitKerjaId)
        .column(jabatan::Column::AtasanId)
        .filter(jabatan::Column::InstansiId.eq(instansi_id))
        .into_tuple::<(i32, i32, Option<i32>)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, u, a)| (id, (u, a)))
        .collect();
    if !kepala(&jab, p.jabatan_id) {
        return Err(CoreError::Forbidden);
    }
    let mut ids = di_bawah(&units, &[p.unit_kerja_id]);
    ids.insert(p.unit_kerja_id);
    units.retain(|u| ids.contains(&u.id));
    Ok(units)
}

/// `unit_id` and the units beneath it, when the actor may read it.
pub async fn subtree<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    unit_id: i32,
) -> CoreResult<(unit_kerja::Model, Vec<unit_kerja::Model>)> {
    let unit = unit_kerja::Entity::find_by_id(unit_id)
        .one(db)
        .await?
        .ok_or(CoreError::Forbidden)?;
    let terlihat = unit_terlihat(db, actor, unit.instansi_id).await?;
    if !terlihat.iter().any(|u| u.id == unit_id) {
        return Err(CoreError::Forbidden);
    }
    let mut ids = di_bawah(&terlihat, &[unit_id]);
    ids.insert(unit_id);
    let units = terlihat
        .into_iter()
        .filter(|u| ids.contains(&u.id))
        .collect();
    Ok((unit, units))
}
