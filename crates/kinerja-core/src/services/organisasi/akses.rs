//! How the actor stands to a pegawai whose planning or work they want to see or change. Every
//! planning and daily-work service asks this once and decides from the answer; no handler checks roles.

use crate::actor::Actor;
use crate::db::entities::pegawai;
use crate::error::{CoreError, CoreResult};
use crate::services::organisasi::penilai;
use chrono::NaiveDate;
use sea_orm::ConnectionTrait;
use sea_orm::EntityTrait;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hubungan {
    /// The pegawai themselves.
    Sendiri,
    /// Their pejabat penilai today (definitive, Plt./Plh. or set by the admin).
    Penilai,
    /// The penilai's own penilai: reads, and (later) decides objections.
    AtasanPenilai,
    /// An admin (pengelola kinerja) of their instansi.
    Admin,
}

/// The actor's relation to `p`, or `None` when they have no business with this record.
pub async fn hubungan<C: ConnectionTrait + 'static>(
    db: &C,
    actor: &Actor,
    p: &pegawai::Model,
    today: NaiveDate,
) -> CoreResult<Option<Hubungan>> {
    if actor.pegawai_id == Some(p.id) {
        return Ok(Some(Hubungan::Sendiri));
    }
    if actor.pegawai_id.is_some() && actor.instansi_id == Some(p.instansi_id) {
        let (pn, atasan) = penilai::rantai(db, p, today).await?;
        if pn.is_some_and(|x| Some(x.pegawai.id) == actor.pegawai_id) {
            return Ok(Some(Hubungan::Penilai));
        }
        if atasan.is_some_and(|x| Some(x.pegawai.id) == actor.pegawai_id) {
            return Ok(Some(Hubungan::AtasanPenilai));
        }
    }
    if actor.can_admin_instansi(p.instansi_id) {
        return Ok(Some(Hubungan::Admin));
    }
    Ok(None)
}

/// Loads pegawai `id` and the actor's relation to them; refuses strangers with `Forbidden`
/// (the same answer whether or not the id exists, so ids cannot be probed).
pub async fn pegawai_terlihat<C: ConnectionTrait + 'static>(
    db: &C,
    actor: &Actor,
    id: i32,
    today: NaiveDate,
) -> CoreResult<(pegawai::Model, Hubungan)> {
    let p = pegawai::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(if actor.is_admin() {
            CoreError::NotFound
        } else {
            CoreError::Forbidden
        })?;
    match hubungan(db, actor, &p, today).await? {
        Some(h) => Ok((p, h)),
        None => Err(CoreError::Forbidden),
    }
}
