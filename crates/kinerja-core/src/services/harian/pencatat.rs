//! Group commit for the daily activity form (`DESIGN.md` §8: the busiest write of the system).
//!
//! Every form post is validated on the readers by its own request; what is left is three
//! inserts (the activity, its evidence, its audit event) and the month's counts
//! (`services::ringkasan::hitungan`), which must go through the one writer. Written one request at a time,
//! the writer spends its time on statement round trips and commits, not on the rows. The
//! [`Pencatat`] queues the validated entries for one task that writes whatever has queued up in
//! one transaction: one multi-row insert for the activities, one upsert for their counts, one
//! insert for the evidence, one for the audit events, one commit, and then answers each request.
//! Under light load a batch is a single entry and nothing waits; under heavy load the batches
//! grow by themselves, so there is no timer to tune.
//!
//! On SQLite the batch's transaction runs on the writing task's own thread, in the writer's
//! turn (`db::tulis::write`), rather than statement by statement on sqlx's worker thread; the
//! statements are the same on both databases ([`tulis`]).
//!
//! A batch is all-or-nothing in the database, but one entry's failure (say its RHK was removed
//! between validation and the write) must not fail the others: a failed batch is written again
//! entry by entry, each in its own transaction, and each request gets its own answer.
//!
//! A batch can also fail after its commit succeeded: the connection drops before the reply
//! arrives. Written again, it would be stored twice. So every batch is written under a random
//! key, and its transaction records the key with the ids it wrote (`tulis_batch`); a failed
//! batch is first looked up by its key, and when it is there, its requests are answered with the
//! rows it wrote. Writing the same key twice fails on the key, never duplicates a row.

use crate::actor::Actor;
use crate::db::entities::{aktivitas, audit_event, bukti_dukung, tulis_batch};
use crate::db::tulis::{self, Txn};
use crate::error::{CoreError, CoreResult};
use crate::services::jejak::audit::{self, Action};
use crate::services::ringkasan;
use sea_orm::{DatabaseConnection, DbBackend, EntityTrait, QueryTrait, Set, TransactionTrait};
use tokio::sync::{mpsc, oneshot};

/// At most this many entries go in one transaction (with the activity's 15 columns, well under
/// the bound-parameter limits of SQLite and PostgreSQL).
const BATAS_BATCH: usize = 256;

/// One validated activity, ready to be written.
#[derive(Debug, Clone)]
pub struct Entri {
    pub aktivitas: aktivitas::ActiveModel,
    /// Its evidence rows; the activity's id is filled in when it is known.
    pub bukti: Vec<bukti_dukung::ActiveModel>,
    /// Who recorded it, for the audit event.
    pub actor: Actor,
}

/// Writes entries in one transaction and returns the stored activities in the order of
/// `entri`. Used by the [`Pencatat`] for a batch, and directly for a single entry (tests, demo
/// data, the CLI), so both paths write the same rows. On SQLite the transaction runs on the
/// calling thread in the writer's turn (`tulis::write`), on PostgreSQL through
/// SeaORM; the statements are the same.
pub async fn tulis(db: &DatabaseConnection, entri: &[Entri]) -> CoreResult<Vec<aktivitas::Model>> {
    tulis_dengan_kunci(db, entri, &kunci_baru()).await
}

/// A new random batch key.
pub fn kunci_baru() -> String {
    hex::encode(rand::random::<[u8; 16]>())
}

/// [`tulis`] under the batch key `kunci` (see the module documentation): a second write under
/// the same key fails and writes nothing.
pub async fn tulis_dengan_kunci(
    db: &DatabaseConnection,
    entri: &[Entri],
    kunci: &str,
) -> CoreResult<Vec<aktivitas::Model>> {
    if entri.is_empty() {
        return Ok(Vec::new());
    }
    let backend = db.get_database_backend();
    if let Some(rows) = tulis::write(db, |w| tulis::ready(sisipkan(w, backend, entri, kunci))).await
    {
        return rows;
    }
    let txn = db.begin().await?;
    let rows = sisipkan(&txn, backend, entri, kunci).await?;
    txn.commit().await?;
    Ok(rows)
}

/// The activities a batch committed under `kunci`, in the order of its entries; `None` when no
/// batch was committed under it.
pub async fn sudah_tertulis(
    db: &DatabaseConnection,
    kunci: &str,
) -> CoreResult<Option<Vec<aktivitas::Model>>> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let Some(b) = tulis_batch::Entity::find_by_id(kunci.to_string())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let ids: Vec<i32> = b
        .aktivitas_ids
        .split(',')
        .filter_map(|x| x.parse().ok())
        .collect();
    let mut rows = aktivitas::Entity::find()
        .filter(aktivitas::Column::Id.is_in(ids.clone()))
        .all(db)
        .await?;
    rows.sort_by_key(|a| ids.iter().position(|i| *i == a.id));
    Ok(Some(rows))
}

/// Forgets the keys of batches older than a day: a lost reply is retried at once, not later.
pub async fn lupakan_kunci_lama(db: &DatabaseConnection) -> CoreResult<()> {
    use sea_orm::{ColumnTrait, QueryFilter};
    tulis_batch::Entity::delete_many()
        .filter(tulis_batch::Column::Dibuat.lt(crate::services::unix_now() - 24 * 3600))
        .exec(db)
        .await?;
    Ok(())
}

/// The statements of [`tulis`], in the order they run.
async fn sisipkan<W: Txn>(
    w: &W,
    backend: DbBackend,
    entri: &[Entri],
    kunci: &str,
) -> CoreResult<Vec<aktivitas::Model>> {
    let insert = aktivitas::Entity::insert_many(entri.iter().map(|e| e.aktivitas.clone()));
    let mut rows: Vec<aktivitas::Model> = w.rows(tulis::returning(insert, backend)).await?;
    // RETURNING gives no order; ids are handed out in the order of the VALUES list on both
    // databases (one insert, one transaction, a single writer), so sorting by id pairs each
    // row with its entry.
    rows.sort_by_key(|a| a.id);
    if rows.len() != entri.len() {
        return Err(CoreError::Internal(format!(
            "{} aktivitas ditulis untuk {} entri",
            rows.len(),
            entri.len()
        )));
    }
    if let Some(upsert) = ringkasan::pergeseran_baru(backend, &rows.iter().collect::<Vec<_>>())? {
        w.execute(upsert).await?;
    }
    let bukti_baru: Vec<bukti_dukung::ActiveModel> = entri
        .iter()
        .zip(&rows)
        .flat_map(|(e, a)| {
            e.bukti.iter().cloned().map(move |mut b| {
                b.aktivitas_id = Set(Some(a.id));
                b
            })
        })
        .collect();
    let mut bukti: Vec<bukti_dukung::Model> = if bukti_baru.is_empty() {
        Vec::new()
    } else {
        let insert = bukti_dukung::Entity::insert_many(bukti_baru);
        w.rows(tulis::returning(insert, backend)).await?
    };
    bukti.sort_by_key(|b| b.id);
    let events: Vec<audit_event::ActiveModel> = entri
        .iter()
        .zip(&rows)
        .map(|(e, a)| {
            let milik: Vec<&bukti_dukung::Model> = bukti
                .iter()
                .filter(|b| b.aktivitas_id == Some(a.id))
                .collect();
            audit::event(
                &e.actor,
                Some(a.instansi_id),
                Action::Create,
                ("aktivitas", a.id as i64),
                None::<&()>,
                Some(&(a, milik)),
            )
        })
        .collect();
    w.execute(audit_event::Entity::insert_many(events).build(backend))
        .await?;
    let ids: Vec<String> = rows.iter().map(|a| a.id.to_string()).collect();
    let batch = tulis_batch::ActiveModel {
        kunci: Set(kunci.to_string()),
        aktivitas_ids: Set(ids.join(",")),
        dibuat: Set(crate::services::unix_now()),
    };
    w.execute(tulis_batch::Entity::insert(batch).build(backend))
        .await?;
    Ok(rows)
}

struct Kiriman {
    entri: Entri,
    balas: oneshot::Sender<CoreResult<aktivitas::Model>>,
}

/// The queue in front of the writer (see the module documentation). Cheap to clone; the task
/// behind it ends when the last clone is dropped.
#[derive(Clone, Debug)]
pub struct Pencatat {
    tx: mpsc::Sender<Kiriman>,
}

impl Pencatat {
    /// Starts the writing task on the current Tokio runtime, writing through `db` (on SQLite,
    /// the single writer connection).
    pub fn mulai(db: DatabaseConnection) -> Pencatat {
        Self::mulai_dengan_tugas(db).0
    }

    /// [`Pencatat::mulai`], with the writing task's handle: it completes once every clone of
    /// the queue is dropped and everything queued is written, so that a stopping server can
    /// wait for the last entries.
    pub fn mulai_dengan_tugas(db: DatabaseConnection) -> (Pencatat, tokio::task::JoinHandle<()>) {
        let (tx, rx) = mpsc::channel(4 * BATAS_BATCH);
        let tugas = tokio::spawn(jalankan(db, rx));
        (Pencatat { tx }, tugas)
    }

    /// Queues one entry and waits until it is committed.
    pub async fn catat(&self, entri: Entri) -> CoreResult<aktivitas::Model> {
        let (balas, jawab) = oneshot::channel();
        self.tx
            .send(Kiriman { entri, balas })
            .await
            .map_err(|_| CoreError::Internal("pencatat aktivitas sudah berhenti".into()))?;
        jawab
            .await
            .map_err(|_| CoreError::Internal("pencatat aktivitas tidak menjawab".into()))?
    }
}

async fn jalankan(db: DatabaseConnection, mut rx: mpsc::Receiver<Kiriman>) {
    let mut batch = Vec::with_capacity(BATAS_BATCH);
    let mut ditulis: u32 = 0;
    while rx.recv_many(&mut batch, BATAS_BATCH).await > 0 {
        let (entri, balas): (Vec<Entri>, Vec<_>) =
            batch.drain(..).map(|k| (k.entri, k.balas)).unzip();
        let kunci = kunci_baru();
        let hasil = match tulis_dengan_kunci(&db, &entri, &kunci).await {
            Ok(rows) => Ok(rows),
            // Committed, but the reply was lost: answer with what was written.
            Err(e) => match sudah_tertulis(&db, &kunci).await {
                Ok(Some(rows)) if rows.len() == entri.len() => Ok(rows),
                _ => Err(e),
            },
        };
        match hasil {
            Ok(rows) => {
                for (b, a) in balas.into_iter().zip(rows) {
                    let _ = b.send(Ok(a));
                }
            }
            Err(e) if entri.len() == 1 => {
                if let Some(b) = balas.into_iter().next() {
                    let _ = b.send(Err(e));
                }
            }
            Err(e) => {
                tracing::warn!(
                    "batch of {} activities failed ({e}); writing one by one",
                    entri.len()
                );
                for (en, b) in entri.iter().zip(balas) {
                    let r = tulis(&db, std::slice::from_ref(en)).await;
                    let _ = b.send(r.and_then(|mut v| {
                        v.pop()
                            .ok_or_else(|| CoreError::Internal("aktivitas tidak tertulis".into()))
                    }));
                }
            }
        }
        ditulis = ditulis.wrapping_add(1);
        if ditulis.is_multiple_of(4096)
            && let Err(e) = lupakan_kunci_lama(&db).await
        {
            tracing::warn!("cannot forget old batch keys: {e}");
        }
    }
}
