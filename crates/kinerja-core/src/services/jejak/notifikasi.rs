//! In-app notifications: new feedback, a returned or set SKP, a verification. Written in the
//! same transaction as the change they announce.

use crate::actor::Actor;
use crate::db::entities::notifikasi;
use crate::error::{CoreError, CoreResult};
use crate::services::{Page, now};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

pub const PER_PAGE: u64 = 25;

/// Queues a notification for a pegawai. The text is cut to 250 characters.
pub async fn kirim<C: ConnectionTrait>(
    db: &C,
    pegawai_id: i32,
    teks: &str,
    tautan: &str,
) -> CoreResult<()> {
    let teks: String = if teks.chars().count() > 250 {
        teks.chars().take(249).chain(['…']).collect()
    } else {
        teks.to_string()
    };
    notifikasi::ActiveModel {
        pegawai_id: Set(pegawai_id),
        teks: Set(teks),
        tautan: Set(tautan.to_string()),
        dibaca: Set(false),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// How many unread notifications the actor has (0 for accounts that are not pegawai).
pub async fn belum_dibaca<C: ConnectionTrait>(db: &C, actor: &Actor) -> CoreResult<u64> {
    let Some(pid) = actor.pegawai_id else {
        return Ok(0);
    };
    Ok(notifikasi::Entity::find()
        .filter(notifikasi::Column::PegawaiId.eq(pid))
        .filter(notifikasi::Column::Dibaca.eq(false))
        .count(db)
        .await?)
}

/// The actor's notifications, newest first.
pub async fn daftar<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    page: u64,
) -> CoreResult<Page<notifikasi::Model>> {
    let pid = actor.pegawai_id.ok_or(CoreError::Forbidden)?;
    let q = notifikasi::Entity::find()
        .filter(notifikasi::Column::PegawaiId.eq(pid))
        .order_by_desc(notifikasi::Column::Id);
    let total = q.clone().count(db).await?;
    let items = q
        .paginate(db, PER_PAGE)
        .fetch_page(crate::services::indeks_halaman(page))
        .await?;
    Ok(Page::new(items, page, PER_PAGE, total))
}

/// Where one of the actor's notifications points, without marking it read: a plain link
/// (`GET`) changes nothing, so a cross-site navigation cannot mark anything.
pub async fn tautan<C: ConnectionTrait>(db: &C, actor: &Actor, id: i32) -> CoreResult<String> {
    Ok(milik(db, actor, id).await?.tautan)
}

/// Marks one notification read and returns where it points. Only its owner may.
pub async fn buka<C: ConnectionTrait>(db: &C, actor: &Actor, id: i32) -> CoreResult<String> {
    let n = milik(db, actor, id).await?;
    if !n.dibaca {
        let tautan = n.tautan.clone();
        let mut am: notifikasi::ActiveModel = n.into();
        am.dibaca = Set(true);
        am.update(db).await?;
        return Ok(tautan);
    }
    Ok(n.tautan)
}

/// The actor's own notification `id`; anyone else's is refused as if it did not exist.
async fn milik<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
) -> CoreResult<notifikasi::Model> {
    notifikasi::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|n| Some(n.pegawai_id) == actor.pegawai_id)
        .ok_or(CoreError::Forbidden)
}

/// Marks all of the actor's notifications read.
pub async fn baca_semua<C: ConnectionTrait>(db: &C, actor: &Actor) -> CoreResult<()> {
    let pid = actor.pegawai_id.ok_or(CoreError::Forbidden)?;
    notifikasi::Entity::update_many()
        .col_expr(notifikasi::Column::Dibaca, Expr::value(true))
        .filter(notifikasi::Column::PegawaiId.eq(pid))
        .filter(notifikasi::Column::Dibaca.eq(false))
        .exec(db)
        .await?;
    Ok(())
}
