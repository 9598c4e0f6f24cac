//! PostgreSQL connections of the direct reads, handed back without a round trip.
//!
//! sqlx's pool pings every connection as it takes it back (a Sync message and the wait for its
//! ReadyForQuery, in a task spawned for it), and no option turns that off: every statement read
//! through it is two round trips and wakes its backend twice, a visible share of the monitoring
//! page's time and more of its p99 (`docs/PERFORMANCE.md`). The direct reads keep
//! connections of their own, opened with the pool's own options (host, credentials, TLS,
//! statement cache), and put one back when its statement has run to its end: a connection whose
//! statement failed is closed, and one whose request was cancelled mid-statement goes back once
//! the statement's end has been read, so what comes back is always at rest. A connection idle
//! for longer than [`CHECK_IF_IDLE_FOR`] is pinged before it is used again, as `db::connect` asks
//! of the pool.
//!
//! Open connections are bounded by the pool's own maximum, on top of it: the pool still serves
//! transactions, writes and every other statement. The rows are sqlx's, decoded by SeaORM's
//! `QueryResult` exactly as the pool's are.

use super::{Baris, Row};
use crate::db::metrics;
use sea_orm::sea_query::Values;
use sea_orm::sqlx::postgres::{PgConnectOptions, PgConnection, PgPool};
use sea_orm::sqlx::{self, Connection};
use sea_orm::{DbErr, QueryResult, RuntimeErr, Statement};
use sea_query_sqlx::SqlxValues;
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// A connection idle this long is pinged before its next statement: a server or a firewall
/// may have dropped it meanwhile.
const CHECK_IF_IDLE_FOR: Duration = Duration::from_secs(30);

/// How long a read waits for a connection when all are busy, as the pool waits.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

/// How long the connection of a cancelled read may take to finish its statement before it is
/// closed instead of returned.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(10);

/// The direct connections to the database of one sqlx pool.
struct Readers {
    /// The pool's options; their address names the pool while it lives.
    options: Weak<PgConnectOptions>,
    idle: Mutex<Vec<(PgConnection, Instant)>>,
    /// One permit per open connection, idle or in use.
    open: Arc<Semaphore>,
}

/// The readers of every live pool: one in a server, one per test database in a test process.
static READERS: Mutex<Vec<Arc<Readers>>> = Mutex::new(Vec::new());

impl Readers {
    /// Whether these are the readers of the pool whose options are `options`. The address
    /// cannot be another pool's: the `Weak` keeps its allocation from being reused.
    fn of(&self, options: &Arc<PgConnectOptions>) -> bool {
        std::ptr::eq(self.options.as_ptr(), Arc::as_ptr(options))
    }

    /// `conn`, at rest, back among the idle unless these readers were closed.
    fn put(&self, conn: PgConnection) {
        if !self.open.is_closed() {
            let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
            idle.push((conn, Instant::now()));
        }
    }
}

/// The readers of `pool`, made on first use, when those of pools since dropped go too, with
/// their idle connections: every statement looks its readers up, only a new pool purges.
fn readers(pool: &PgPool) -> Arc<Readers> {
    let options = pool.connect_options();
    let mut all = READERS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(r) = all.iter().find(|r| r.of(&options)) {
        return r.clone();
    }
    all.retain(|r| r.options.strong_count() > 0);
    let max = pool.options().get_max_connections().max(1) as usize;
    let r = Arc::new(Readers {
        options: Arc::downgrade(&options),
        idle: Mutex::new(Vec::new()),
        open: Arc::new(Semaphore::new(max)),
    });
    all.push(r.clone());
    r
}

/// A connection taken from [`Readers`], holding its permit. [`Taken::give_back`] returns it
/// after a statement that ran to its end, [`Taken::close`] closes it after one that failed. A
/// connection dropped with neither is one whose read was cancelled mid-statement (the client
/// went away): a task of its own waits for the statement's end, as sqlx does before the next
/// statement on a connection, and returns it, so that a client hanging up does not cost a
/// connection and its backend's start.
struct Taken {
    conn: Option<PgConnection>,
    readers: Arc<Readers>,
    permit: Option<OwnedSemaphorePermit>,
}

impl Taken {
    fn give_back(mut self) {
        if let Some(conn) = self.conn.take() {
            self.readers.put(conn);
        }
    }

    fn close(mut self) {
        self.conn = None;
    }
}

impl Drop for Taken {
    fn drop(&mut self) {
        let (Some(mut conn), Ok(runtime)) =
            (self.conn.take(), tokio::runtime::Handle::try_current())
        else {
            return;
        };
        let readers = self.readers.clone();
        let permit = self.permit.take();
        runtime.spawn(async move {
            // The ping first reads what the cancelled statement still sends.
            if let Ok(Ok(())) = tokio::time::timeout(DRAIN_TIMEOUT, conn.ping()).await {
                readers.put(conn);
            }
            drop(permit);
        });
    }
}

/// A connection of `readers`: an idle one (`fresh` false), pinged first when it sat idle long,
/// or, with `fresh` or when none is idle, a new one.
async fn take(readers: &Arc<Readers>, fresh: bool) -> Result<(Taken, bool), DbErr> {
    let permit = tokio::time::timeout(ACQUIRE_TIMEOUT, readers.open.clone().acquire_owned())
        .await
        .map_err(|_| DbErr::ConnectionAcquire(sea_orm::ConnAcquireErr::Timeout))?
        .map_err(|_| DbErr::ConnectionAcquire(sea_orm::ConnAcquireErr::ConnectionClosed))?;
    let taken = |conn| Taken {
        conn: Some(conn),
        readers: readers.clone(),
        permit: Some(permit),
    };
    let idle = || readers.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
    while let Some((mut conn, since)) = if fresh { None } else { idle() } {
        if since.elapsed() < CHECK_IF_IDLE_FOR || conn.ping().await.is_ok() {
            return Ok((taken(conn), true));
        }
    }
    let options = readers.options.upgrade().ok_or(DbErr::ConnectionAcquire(
        sea_orm::ConnAcquireErr::ConnectionClosed,
    ))?;
    let conn = PgConnection::connect_with(&options)
        .await
        .map_err(|e| DbErr::Conn(RuntimeErr::SqlxError(Arc::new(e))))?;
    Ok((taken(conn), false))
}

/// At most `max` rows of `stmt`, on a direct connection to the database of `pool`. A read that
/// fails for the connection's sake (the server closed it while it sat idle: a restart, an
/// administrator's `pg_terminate_backend`) on a reused connection runs once more on a new one;
/// a read changes nothing, so running it again is safe.
pub(super) async fn rows<T: Row>(
    pool: &PgPool,
    stmt: &Statement,
    max: usize,
) -> Result<Vec<T>, DbErr> {
    #[cfg(feature = "testing")]
    super::counting::bump(&super::counting::key_of_pool(pool));
    let started = Instant::now();
    let readers = readers(pool);
    let mut fresh = false;
    let fetched = loop {
        let asked = Instant::now();
        let (mut taken, reused) = take(&readers, fresh).await?;
        let sent = Instant::now();
        metrics::WAIT.observe((sent - asked).as_secs_f64());
        let values = stmt.values.clone().unwrap_or(Values(Vec::new()));
        let query = sqlx::query_with(sqlx::AssertSqlSafe(stmt.sql.as_str()), SqlxValues(values));
        let conn = taken.conn.as_mut().expect("a taken connection");
        let fetched = if max == 1 {
            query.fetch_optional(&mut *conn).await.map(Vec::from_iter)
        } else {
            query.fetch_all(&mut *conn).await
        };
        metrics::READ.observe(sent.elapsed().as_secs_f64());
        match fetched {
            Ok(rows) => {
                taken.give_back();
                break rows;
            }
            Err(e) => {
                taken.close();
                if !(reused && connection_lost(&e)) {
                    return Err(DbErr::Query(RuntimeErr::SqlxError(Arc::new(e))));
                }
                fresh = true;
            }
        }
    };
    super::log(&stmt.sql, fetched.len(), started.elapsed());
    fetched
        .into_iter()
        .take(max)
        .map(|row| T::from_row(&Baris::seaorm(&QueryResult::from(row))))
        .collect()
}

/// The connection, not the statement, failed: it was closed under the read, or the server
/// said it was shutting it down (SQLSTATE class 57P, operator intervention, or 08, connection
/// exception).
fn connection_lost(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Io(_) => true,
        sqlx::Error::Database(d) => d
            .code()
            .is_some_and(|c| c.starts_with("57P") || c.starts_with("08")),
        _ => false,
    }
}

/// Closes the direct connections of `pool` (`db::close`): a dropped database must not keep
/// them until the process ends.
pub(super) async fn close(pool: &PgPool) {
    let options = pool.connect_options();
    let gone = {
        let mut all = READERS.lock().unwrap_or_else(|e| e.into_inner());
        let at = all.iter().position(|r| r.of(&options));
        at.map(|i| all.remove(i))
    };
    if let Some(r) = gone {
        r.open.close();
        let idle = std::mem::take(&mut *r.idle.lock().unwrap_or_else(|e| e.into_inner()));
        for (conn, _) in idle {
            let _ = conn.close().await;
        }
    }
}
