//! Who rates whom. The pejabat penilai of a pegawai is derived from the jabatan tree: the active
//! holder of the jabatan above theirs, or whoever acts in it (PLT/PLH) today; a vacant jabatan
//! passes the role one level up. An admin's manual override, with its reason, wins over both.

use crate::actor::Actor;
use crate::db::entities::{jabatan, pegawai, penugasan_plt};
use crate::error::CoreResult;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// How the penilai was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sumber {
    /// Holder of the jabatan above.
    Definitif,
    Plt,
    Plh,
    /// Set by an admin.
    Manual,
}

impl Sumber {
    pub fn label(self) -> &'static str {
        match self {
            Sumber::Definitif => "definitif",
            Sumber::Plt => "Plt.",
            Sumber::Plh => "Plh.",
            Sumber::Manual => "penetapan manual admin",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Penilai {
    pub pegawai: pegawai::Model,
    pub sumber: Sumber,
    /// The jabatan in which they rate (the one above, or the one they act in).
    pub jabatan_id: Option<i32>,
}

const MAX_DEPTH: usize = 32;

/// The person who holds `jabatan_id` today: the active definitive holder with the lowest id, or
/// else an active PLT/PLH assignment. `except` excludes the pegawai being rated.
pub async fn holder_of<C: ConnectionTrait>(
    db: &C,
    jabatan_id: i32,
    except: i32,
    today: NaiveDate,
) -> CoreResult<Option<(pegawai::Model, Sumber)>> {
    if let Some(p) = pegawai::Entity::find()
        .filter(pegawai::Column::JabatanId.eq(jabatan_id))
        .filter(pegawai::Column::Aktif.eq(true))
        .filter(pegawai::Column::Id.ne(except))
        .order_by_asc(pegawai::Column::Id)
        .one(db)
        .await?
    {
        return Ok(Some((p, Sumber::Definitif)));
    }
    let plt = penugasan_plt::Entity::find()
        .filter(penugasan_plt::Column::JabatanId.eq(jabatan_id))
        .filter(penugasan_plt::Column::Mulai.lte(today))
        .filter(
            Condition::any()
                .add(penugasan_plt::Column::Selesai.is_null())
                .add(penugasan_plt::Column::Selesai.gte(today)),
        )
        .filter(penugasan_plt::Column::PegawaiId.ne(except))
        .order_by_asc(penugasan_plt::Column::Jenis) // PLH before PLT is not wanted: see below
        .all(db)
        .await?;
    // A PLT (longer assignment) takes precedence over a PLH (day-to-day stand-in).
    let chosen = plt
        .iter()
        .find(|a| a.jenis == "PLT")
        .or_else(|| plt.first());
    if let Some(a) = chosen
        && let Some(p) = pegawai::Entity::find_by_id(a.pegawai_id)
            .one(db)
            .await?
            .filter(|p| p.aktif)
    {
        let s = if a.jenis == "PLH" {
            Sumber::Plh
        } else {
            Sumber::Plt
        };
        return Ok(Some((p, s)));
    }
    Ok(None)
}

/// The pejabat penilai of `p` today, if any.
pub async fn penilai_of<C: ConnectionTrait>(
    db: &C,
    p: &pegawai::Model,
    today: NaiveDate,
) -> CoreResult<Option<Penilai>> {
    if let Some(mid) = p.penilai_manual_id
        && let Some(m) = pegawai::Entity::find_by_id(mid)
            .one(db)
            .await?
            .filter(|m| m.aktif)
    {
        return Ok(Some(Penilai {
            pegawai: m,
            sumber: Sumber::Manual,
            jabatan_id: None,
        }));
    }
    let mut cur = jabatan::Entity::find_by_id(p.jabatan_id)
        .one(db)
        .await?
        .and_then(|j| j.atasan_id);
    for _ in 0..MAX_DEPTH {
        let Some(jid) = cur else { return Ok(None) };
        if let Some((holder, sumber)) = holder_of(db, jid, p.id, today).await? {
            return Ok(Some(Penilai {
                pegawai: holder,
                sumber,
                jabatan_id: Some(jid),
            }));
        }
        cur = jabatan::Entity::find_by_id(jid)
            .one(db)
            .await?
            .and_then(|j| j.atasan_id);
    }
    Ok(None)
}

/// The penilai and the atasan pejabat penilai (the penilai's own penilai).
pub async fn chain_of<C: ConnectionTrait>(
    db: &C,
    p: &pegawai::Model,
    today: NaiveDate,
) -> CoreResult<(Option<Penilai>, Option<Penilai>)> {
    let penilai = penilai_of(db, p, today).await?;
    let atasan = match &penilai {
        Some(pn) => penilai_of(db, &pn.pegawai, today).await?,
        None => None,
    };
    Ok((penilai, atasan))
}

/// The jabatan a pegawai occupies today: their own, plus those they act in as PLT/PLH.
async fn held_jabatan<C: ConnectionTrait>(
    db: &C,
    p: &pegawai::Model,
    today: NaiveDate,
) -> CoreResult<Vec<i32>> {
    let mut ids = vec![p.jabatan_id];
    let acting = penugasan_plt::Entity::find()
        .filter(penugasan_plt::Column::PegawaiId.eq(p.id))
        .filter(penugasan_plt::Column::Mulai.lte(today))
        .filter(
            Condition::any()
                .add(penugasan_plt::Column::Selesai.is_null())
                .add(penugasan_plt::Column::Selesai.gte(today)),
        )
        .all(db)
        .await?;
    ids.extend(acting.into_iter().map(|a| a.jabatan_id));
    Ok(ids)
}

/// The pegawai whom `p` rates today: holders of the jabatan directly below the ones `p` holds
/// (looking through vacant jabatan), plus manual overrides naming `p`, less those overridden
/// to someone else.
pub async fn team_of<C: ConnectionTrait>(
    db: &C,
    p: &pegawai::Model,
    today: NaiveDate,
) -> CoreResult<Vec<pegawai::Model>> {
    let mut frontier = held_jabatan(db, p, today).await?;
    let mut team: Vec<pegawai::Model> = Vec::new();
    for _ in 0..MAX_DEPTH {
        if frontier.is_empty() {
            break;
        }
        let below = jabatan::Entity::find()
            .filter(jabatan::Column::AtasanId.is_in(frontier.clone()))
            .all(db)
            .await?;
        if below.is_empty() {
            break;
        }
        let below_ids: Vec<i32> = below.iter().map(|j| j.id).collect();
        let holders = pegawai::Entity::find()
            .filter(pegawai::Column::JabatanId.is_in(below_ids.clone()))
            .filter(pegawai::Column::Aktif.eq(true))
            .filter(pegawai::Column::Id.ne(p.id))
            .order_by_asc(pegawai::Column::NamaLower)
            .all(db)
            .await?;
        let filled: std::collections::HashSet<i32> = holders.iter().map(|h| h.jabatan_id).collect();
        let mut vacant = Vec::new();
        for jid in below_ids {
            if !filled.contains(&jid) && holder_of(db, jid, p.id, today).await?.is_none() {
                vacant.push(jid);
            }
        }
        team.extend(
            holders
                .into_iter()
                .filter(|h| h.penilai_manual_id.is_none_or(|m| m == p.id)),
        );
        frontier = vacant;
    }
    let manual = pegawai::Entity::find()
        .filter(pegawai::Column::PenilaiManualId.eq(p.id))
        .filter(pegawai::Column::Aktif.eq(true))
        .all(db)
        .await?;
    for m in manual {
        if !team.iter().any(|t| t.id == m.id) {
            team.push(m);
        }
    }
    team.sort_by(|a, b| a.nama_lower.cmp(&b.nama_lower));
    Ok(team)
}

/// May `actor` see `target` as their penilai or atasan penilai?
pub async fn actor_rates<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    target: &pegawai::Model,
    today: NaiveDate,
) -> CoreResult<bool> {
    let Some(me) = actor.pegawai_id else {
        return Ok(false);
    };
    if me == target.id {
        return Ok(false);
    }
    let (penilai, atasan) = chain_of(db, target, today).await?;
    Ok(penilai.is_some_and(|p| p.pegawai.id == me) || atasan.is_some_and(|a| a.pegawai.id == me))
}
