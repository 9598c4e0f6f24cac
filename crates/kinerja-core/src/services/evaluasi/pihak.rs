//! The parties of one evaluation and how the actor stands to it (`DOMAIN.md` §7.2 and §8): the
//! pegawai, the pejabat penilai who rated, the atasan pejabat penilai who decides a keberatan,
//! and the admin. Every use case on an evaluation (its page, handing it out, keberatan, the
//! follow-up plan) asks [`peran`] first.

use crate::actor::Actor;
use crate::db::entities::{evaluasi, jabatan, pegawai, unit_kerja};
use crate::error::{CoreError, CoreResult};
use crate::rules::keberatan as aturan_keberatan;
use crate::rules::predikat::Rating;
use crate::services::organisasi::penilai;
use crate::services::status::evaluasi::{DINILAI, DITETAPKAN, FINAL, KEBERATAN};
use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, EntityTrait};

/// How the actor stands to one evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kedudukan {
    Pegawai,
    /// The pejabat penilai who rated.
    Penilai,
    /// The penilai's own penilai, who decides a keberatan.
    Atasan,
    Admin,
}

/// A party of the document: nama, NIP, pangkat/gol, jabatan, unit kerja.
#[derive(Debug, Clone, Default)]
pub struct Pihak {
    pub id: i32,
    pub nama: String,
    pub nip: String,
    pub pangkat: String,
    pub jabatan: String,
    pub unit: String,
}

/// Whether the evaluation can no longer change: FINAL, or handed out and the keberatan window
/// passed without an objection.
pub fn final_efektif(e: &evaluasi::Model, today: NaiveDate) -> bool {
    e.status == FINAL
        || (e.status == DITETAPKAN
            && e.ditetapkan_pada
                .is_some_and(|d| today > aturan_keberatan::batas(d)))
}

pub fn status_label(e: &evaluasi::Model, today: NaiveDate) -> &'static str {
    if final_efektif(e, today) {
        "Final"
    } else {
        match e.status.as_str() {
            DINILAI => "Dinilai, belum ditetapkan",
            DITETAPKAN => "Ditetapkan, masa keberatan berjalan",
            KEBERATAN => "Keberatan sedang diproses",
            _ => "Final",
        }
    }
}

pub fn rating_label(code: Option<&str>) -> &'static str {
    code.and_then(Rating::from_code)
        .map(Rating::label)
        .unwrap_or("-")
}

pub(crate) async fn dari_pegawai<C: ConnectionTrait>(
    db: &C,
    p: &pegawai::Model,
) -> CoreResult<Pihak> {
    let jab = jabatan::Entity::find_by_id(p.jabatan_id).one(db).await?;
    let unit = unit_kerja::Entity::find_by_id(p.unit_kerja_id)
        .one(db)
        .await?;
    Ok(Pihak {
        id: p.id,
        nama: p.nama.clone(),
        nip: p.nip.clone(),
        pangkat: crate::services::organisasi::pegawai::pangkat(p),
        jabatan: jab.map(|j| j.nama).unwrap_or_default(),
        unit: unit.map(|u| u.nama).unwrap_or_default(),
    })
}

/// The atasan pejabat penilai of an evaluation: the penilai's own penilai today.
pub(crate) async fn atasan_dari<C: ConnectionTrait + 'static>(
    db: &C,
    e: &evaluasi::Model,
    today: NaiveDate,
) -> CoreResult<Option<pegawai::Model>> {
    let Some(pid) = e.penilai_id else {
        return Ok(None);
    };
    let Some(pn) = pegawai::Entity::find_by_id(pid).one(db).await? else {
        return Ok(None);
    };
    Ok(penilai::penilai_dari(db, &pn, today)
        .await?
        .map(|x| x.pegawai))
}

/// The actor's part in `e`, or `Forbidden` when they have none (the same answer whether or not
/// the evaluation exists, so ids cannot be probed).
pub(crate) async fn kedudukan<C: ConnectionTrait + 'static>(
    db: &C,
    actor: &Actor,
    e: &evaluasi::Model,
    today: NaiveDate,
) -> CoreResult<(Kedudukan, Option<pegawai::Model>)> {
    let atasan = atasan_dari(db, e, today).await?;
    let me = actor.pegawai_id;
    let peran = if me.is_some() && me == Some(e.pegawai_id) {
        Kedudukan::Pegawai
    } else if me.is_some() && me == e.penilai_id {
        Kedudukan::Penilai
    } else if me.is_some() && me == atasan.as_ref().map(|a| a.id) {
        Kedudukan::Atasan
    } else if actor.can_admin_instansi(e.instansi_id) {
        Kedudukan::Admin
    } else {
        return Err(CoreError::Forbidden);
    };
    Ok((peran, atasan))
}

pub(crate) async fn muat<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
) -> CoreResult<evaluasi::Model> {
    evaluasi::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(if actor.is_admin() {
            CoreError::NotFound
        } else {
            CoreError::Forbidden
        })
}
