//! Reads that run on the calling thread when the database is a SQLite file: the machinery
//! behind `db::baca` (reads) and `db::tulis` (the activity form's write), private to the data
//! layer.
//!
//! sqlx runs each SQLite connection on a thread of its own and hands every statement, and every row
//! it returns, to that thread and back over channels; every value of every row is copied there and
//! decoded again here. For the short indexed reads that pages and the activity form are made of,
//! those hand-offs and copies cost more than SQLite's own work (`docs/PERFORMANCE.md`). The
//! statements of this module are built exactly as before, with sea-query in the backend's dialect;
//! on a SQLite file they run on a connection that belongs to the calling thread (rusqlite, over the
//! same bundled SQLite that sqlx links), read by column index straight from SQLite's row. On
//! PostgreSQL they run on connections of this module's own, which go back without the ping sqlx's
//! pool sends on every release (`postgres`). On an in-memory SQLite database and inside a
//! transaction (which must see its own uncommitted writes) they go through SeaORM as every other
//! statement.
//!
//! Each statement is short (an index seek or a small range), so running it on an async worker
//! thread blocks that thread for microseconds, as the channel hand-off did. Statements are reset
//! after every run, so an idle connection holds no read transaction that would keep the WAL from
//! being checkpointed; and the connections only read (`query_only`).
//!
//! Writes have one writer at a time, in turn for the single connection of the writer pool. The
//! activity form's group commit, the busiest write, takes its turn there too and runs its
//! transaction from the calling thread ([`write`]). Every other write goes through SeaORM.

mod postgres;

use rusqlite::types::{ToSqlOutput, Value as SqlValue, ValueRef};
use sea_orm::sea_query::Values;
use sea_orm::sqlx::postgres::PgPool;
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseConnectionType, DatabaseTransaction, DbBackend,
    DbErr, QueryResult, Statement, TryGetable, Value,
};
use std::any::Any;
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Where a read runs, chosen at run time from the connection it is given: only SeaORM's own
/// connection to a SQLite file or to PostgreSQL reads directly. A transaction must see what it
/// has written and not yet committed, so it reads through itself, as does an in-memory SQLite
/// database (each of whose connections would be another database).
enum Jalur<'a> {
    Sqlite(PathBuf),
    Postgres(&'a PgPool),
    SeaOrm,
}

/// The path of `db`'s reads. Services take any SeaORM connection (`&impl ConnectionTrait`);
/// the choice is made here, once per statement, by the connection's type.
fn jalur<C: ConnectionTrait + 'static>(db: &C) -> Jalur<'_> {
    let any: &dyn Any = db;
    let Some(conn) = any.downcast_ref::<DatabaseConnection>() else {
        return Jalur::SeaOrm;
    };
    match &conn.inner {
        DatabaseConnectionType::SqlxSqlitePoolConnection(_) => {
            sqlite_file_of(conn).map_or(Jalur::SeaOrm, Jalur::Sqlite)
        }
        DatabaseConnectionType::SqlxPostgresPoolConnection(_) => {
            Jalur::Postgres(conn.get_postgres_connection_pool())
        }
        _ => Jalur::SeaOrm,
    }
}

/// Closes what the direct reads hold open for `db` (its PostgreSQL connections), then `db`.
pub async fn close(db: DatabaseConnection) -> Result<(), DbErr> {
    if let Jalur::Postgres(pool) = jalur(&db) {
        postgres::close(pool).await;
    }
    db.close().await
}

/// The file of a SQLite pool; `None` for other backends and in-memory databases.
pub fn sqlite_file_of(db: &DatabaseConnection) -> Option<PathBuf> {
    match &db.inner {
        DatabaseConnectionType::SqlxSqlitePoolConnection(_) => {
            let opts = db.get_sqlite_connection_pool().connect_options();
            let file = opts.get_filename();
            // sqlx names an in-memory database `file:sqlx-in-memory-…`; `:memory:` for safety.
            let name = file.to_string_lossy();
            (!name.starts_with("file:") && !name.contains(":memory:")).then(|| file.to_path_buf())
        }
        _ => None,
    }
}

/// A row of a read, from whichever path ran it: SQLite's own row, or SeaORM's (PostgreSQL's
/// direct connections, a transaction, an in-memory database). Read by column position, so that
/// a [`Row`] is written once for every path.
pub struct Baris<'a>(Sumber<'a>);

enum Sumber<'a> {
    Sqlite(&'a rusqlite::Row<'a>),
    SeaOrm(&'a QueryResult),
}

impl<'a> Baris<'a> {
    fn sqlite(row: &'a rusqlite::Row<'a>) -> Self {
        Baris(Sumber::Sqlite(row))
    }

    fn seaorm(row: &'a QueryResult) -> Self {
        Baris(Sumber::SeaOrm(row))
    }

    /// The value of column `i`.
    pub fn get<T: Column>(&self, i: usize) -> Result<T, DbErr> {
        match self.0 {
            Sumber::Sqlite(row) => T::from_sqlite(row, i).map_err(sqlite_err),
            Sumber::SeaOrm(row) => row.try_get_by_index(i),
        }
    }

    /// Whether the integer column `i` (an id) is NULL: a LEFT JOIN that found no row, or a row
    /// of the other shape in a union.
    pub fn null_id(&self, i: usize) -> Result<bool, DbErr> {
        match self.0 {
            Sumber::Sqlite(row) => Ok(matches!(
                row.get_ref(i).map_err(sqlite_err)?,
                ValueRef::Null
            )),
            Sumber::SeaOrm(row) => Ok(row.try_get_by_index::<Option<i32>>(i)?.is_none()),
        }
    }

    /// The name of column `i`, for the debug builds' check that a model's fields follow its
    /// columns.
    pub fn column_name(&self, i: usize) -> Option<String> {
        match self.0 {
            Sumber::Sqlite(row) => row.as_ref().column_name(i).ok().map(str::to_owned),
            Sumber::SeaOrm(row) => row.column_names().get(i).cloned(),
        }
    }
}

/// A row read by column position, from any path. Implemented for tuples of column types that
/// every path decodes alike (integers, text, booleans, dates, and their `Option`s), for models
/// with [`crate::row_by_position!`], and by hand for rows of several shapes.
pub trait Row: Sized {
    fn from_row(row: &Baris<'_>) -> Result<Self, DbErr>;
}

/// A column type every path decodes alike. Most read through rusqlite's `FromSql`; dates and
/// timestamps, which rusqlite parses with chrono's format-string parser (several formats in turn
/// for a timestamp, a visible share of the monitoring page's work, `docs/PERFORMANCE.md`), first try
/// the one text form sqlx writes and fall back to rusqlite for any other.
pub trait Column: TryGetable + Sized {
    #[doc(hidden)]
    fn from_sqlite(row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Self>;
}

macro_rules! column_from_sql {
    ($($t:ty),+) => {
        $(impl Column for $t {
            fn from_sqlite(row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Self> {
                row.get(i)
            }
        })+
    };
}
column_from_sql!(bool, i16, i32, i64, f64, String, Vec<u8>);
column_from_sql!(
    Option<bool>,
    Option<i16>,
    Option<i32>,
    Option<i64>,
    Option<f64>
);
column_from_sql!(Option<String>, Option<Vec<u8>>);

/// Dates and timestamps: the text sqlx stores (`2026-01-12`, RFC 3339 with `+00:00`) parsed by
/// chrono's fixed parsers, anything else by rusqlite's `FromSql`.
macro_rules! column_parsed {
    ($t:ty, $parse:expr) => {
        impl Column for $t {
            fn from_sqlite(row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Self> {
                if let ValueRef::Text(text) = row.get_ref(i)? {
                    let parsed = std::str::from_utf8(text).ok().and_then($parse);
                    if let Some(v) = parsed {
                        return Ok(v);
                    }
                }
                row.get(i)
            }
        }
        impl Column for Option<$t> {
            fn from_sqlite(row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Self> {
                match row.get_ref(i)? {
                    ValueRef::Null => Ok(None),
                    _ => <$t as Column>::from_sqlite(row, i).map(Some),
                }
            }
        }
    };
}
column_parsed!(chrono::NaiveDate, |s: &str| s.parse().ok());
column_parsed!(chrono::DateTime<chrono::Utc>, |s: &str| {
    chrono::DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&chrono::Utc))
});

macro_rules! tuple_row {
    ($($t:ident $i:tt),+) => {
        impl<$($t: Column),+> Row for ($($t,)+) {
            fn from_row(row: &Baris<'_>) -> Result<Self, DbErr> {
                Self::from_row_at(row, 0)
            }
        }
        impl<$($t: Column),+> RowAt for ($($t,)+) {
            const KOLOM: usize = [$(stringify!($t)),+].len();
            fn from_row_at(row: &Baris<'_>, at: usize) -> Result<Self, DbErr> {
                Ok(($(row.get::<$t>(at + $i)?,)+))
            }
        }
    };
}
tuple_row!(A 0);
tuple_row!(A 0, B 1);
tuple_row!(A 0, B 1, C 2);
tuple_row!(A 0, B 1, C 2, D 3);
tuple_row!(A 0, B 1, C 2, D 3, E 4);
tuple_row!(A 0, B 1, C 2, D 3, E 4, F 5);
tuple_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
tuple_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
tuple_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
tuple_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
tuple_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
tuple_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);

/// A model (or a tuple of columns) whose columns may follow others in a row: read from column
/// `at` on. The page's session statement carries the current period after the actor's columns
/// (`services::akun::auth::actor_for_page_kini`), one round trip where it was two.
pub trait RowAt: Sized {
    /// How many columns it reads: where the next reader's columns begin.
    const KOLOM: usize;

    fn from_row_at(row: &Baris<'_>, at: usize) -> Result<Self, DbErr>;

    /// The model from column `at` on, or `None` when that column (the model's NOT NULL first
    /// column, its id) is NULL: a LEFT JOIN that found no row.
    fn optional_at(row: &Baris<'_>, at: usize) -> Result<Option<Self>, DbErr> {
        if row.null_id(at)? {
            return Ok(None);
        }
        Self::from_row_at(row, at).map(Some)
    }
}

/// [`Row`] for an entity's `Model` (or any struct), read as `Entity::find()` selects it: every
/// column in the order the model declares them, and [`RowAt`] for the same columns after
/// others. The fields are named in that order; in debug builds each is checked against the
/// column's name, and `tests/direct.rs` compares every such model with what SeaORM reads on both
/// databases. Every path reads by position: SeaORM's own `FromQueryResult` finds each column by
/// name, a hash of the name per column and row (`docs/PERFORMANCE.md`).
#[macro_export]
macro_rules! row_by_position {
    ($model:ty { $($field:ident),+ $(,)? }) => {
        impl $crate::db::baca::Row for $model {
            fn from_row(row: &$crate::db::baca::Baris<'_>) -> Result<Self, sea_orm::DbErr> {
                <Self as $crate::db::baca::RowAt>::from_row_at(row, 0)
            }
        }
        impl $crate::db::baca::RowAt for $model {
            const KOLOM: usize = [$(stringify!($field)),+].len();
            fn from_row_at(row: &$crate::db::baca::Baris<'_>, at: usize) -> Result<Self, sea_orm::DbErr> {
                let mut i = at;
                let mut next = |name: &str| {
                    debug_assert_eq!(row.column_name(i).as_deref(), Some(name));
                    i += 1;
                    i - 1
                };
                Ok(Self { $($field: row.get(next(stringify!($field)))?),+ })
            }
        }
    };
}

/// Every model `q` selects (an `Entity::find()` with its filters and order), read directly
/// where `db` allows it.
pub async fn models<E, C>(db: &C, q: sea_orm::Select<E>) -> Result<Vec<E::Model>, DbErr>
where
    E: sea_orm::EntityTrait,
    E::Model: Row,
    C: ConnectionTrait + 'static,
{
    use sea_orm::QueryTrait;
    all(db, q.build(db.get_database_backend())).await
}

/// The first model `q` selects, as `Select::one` reads it.
pub async fn first<E, C>(db: &C, q: sea_orm::Select<E>) -> Result<Option<E::Model>, DbErr>
where
    E: sea_orm::EntityTrait,
    E::Model: Row,
    C: ConnectionTrait + 'static,
{
    use sea_orm::{QuerySelect, QueryTrait};
    one(db, q.limit(1).build(db.get_database_backend())).await
}

/// The text of a statement that every request runs, built once per backend: building a
/// statement with sea-query costs about as many instructions as SQLite takes to run a short one
/// (`docs/PERFORMANCE.md`). Kept by a named read (`db::baca::Bacaan`), which gives the values.
/// Debug builds, and so every test, build the statement again on every call and check that its
/// text and values are the ones given.
pub struct Fixed {
    sqlite: OnceLock<String>,
    postgres: OnceLock<String>,
}

impl Default for Fixed {
    fn default() -> Self {
        Self::new()
    }
}

impl Fixed {
    pub const fn new() -> Self {
        Fixed {
            sqlite: OnceLock::new(),
            postgres: OnceLock::new(),
        }
    }

    /// The statement for `backend` with `values`; `build` makes it the ordinary way.
    pub(crate) fn statement(
        &self,
        backend: DbBackend,
        values: Vec<Value>,
        build: impl FnOnce() -> Statement,
    ) -> Statement {
        let text = match backend {
            DbBackend::Postgres => &self.postgres,
            _ => &self.sqlite,
        };
        let sql = if cfg!(debug_assertions) {
            let built = build();
            let sql = text.get_or_init(|| built.sql.clone()).clone();
            assert_eq!(sql, built.sql, "the statement's text changed");
            let built_values = built.values.map(|v| v.0).unwrap_or_default();
            assert_eq!(
                values, built_values,
                "values not in the order the text binds them"
            );
            sql
        } else {
            text.get_or_init(|| build().sql).clone()
        };
        Statement {
            sql,
            values: (!values.is_empty()).then_some(Values(values)),
            db_backend: backend,
        }
    }
}

/// Every row of `stmt` (built for `db`'s backend).
pub async fn all<T: Row, C: ConnectionTrait + 'static>(
    db: &C,
    stmt: Statement,
) -> Result<Vec<T>, DbErr> {
    rows(db, stmt, usize::MAX).await
}

/// The first row of `stmt`; the statement should say `LIMIT 1` itself.
pub async fn one<T: Row, C: ConnectionTrait + 'static>(
    db: &C,
    stmt: Statement,
) -> Result<Option<T>, DbErr> {
    Ok(rows(db, stmt, 1).await?.pop())
}

/// At most `max` rows of `stmt`, on the path `db` takes ([`jalur`]).
async fn rows<T: Row, C: ConnectionTrait + 'static>(
    db: &C,
    stmt: Statement,
    max: usize,
) -> Result<Vec<T>, DbErr> {
    match jalur(db) {
        Jalur::Sqlite(file) => {
            if let Some(rows) = run(&file, &stmt, max) {
                return rows;
            }
        }
        Jalur::Postgres(pool) => return postgres::rows(pool, &stmt, max).await,
        Jalur::SeaOrm => {}
    }
    if max == 1 {
        let first = db.query_one_raw(stmt).await?;
        return first
            .map(|r| T::from_row(&Baris::seaorm(&r)))
            .into_iter()
            .collect();
    }
    seaorm_rows(db, stmt).await
}

/// Every row of `stmt` through SeaORM.
async fn seaorm_rows<T: Row, C: ConnectionTrait>(db: &C, stmt: Statement) -> Result<Vec<T>, DbErr> {
    db.query_all_raw(stmt)
        .await?
        .iter()
        .map(|r| T::from_row(&Baris::seaorm(r)))
        .collect()
}

/// A transaction on the writer connection of a SQLite file, run on the calling thread: see
/// [`write`].
pub struct Writer {
    file: PathBuf,
    conn: rusqlite::Connection,
}

impl Writer {
    /// Runs a statement that returns no rows; the number of rows it changed.
    pub fn execute(&self, stmt: &Statement) -> Result<usize, DbErr> {
        let params = bindable(stmt)?;
        let started = Instant::now();
        let result = prepared(&self.conn, &stmt.sql, &params).and_then(|mut st| st.raw_execute());
        log(&stmt.sql, 0, started.elapsed());
        result.map_err(sqlite_err)
    }

    /// Every row of a statement (a `SELECT`, or a write with `RETURNING`).
    pub fn rows<T: Row>(&self, stmt: &Statement) -> Result<Vec<T>, DbErr> {
        let params = bindable(stmt)?;
        let started = Instant::now();
        let result = read(&self.conn, &stmt.sql, &params, usize::MAX);
        log(
            &stmt.sql,
            result.as_ref().map_or(0, Vec::len),
            started.elapsed(),
        );
        result
    }

    fn transaction<T, E: From<DbErr>>(
        &self,
        f: impl FnOnce(&Writer) -> Result<T, E>,
    ) -> Result<T, E> {
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(sqlite_err)?;
        let result = f(self).and_then(|value| {
            self.conn.execute_batch("COMMIT").map_err(sqlite_err)?;
            Ok(value)
        });
        if result.is_err() {
            self.rollback();
        }
        result
    }

    fn rollback(&self) {
        if !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

/// Whatever ends a transaction early (an error, a failed commit, a panic) rolls it back.
impl Drop for Writer {
    fn drop(&mut self) {
        self.rollback();
    }
}

/// [`params`] inside a transaction, where there is no going back to SeaORM: a value that cannot
/// be bound is an error.
fn bindable(stmt: &Statement) -> Result<Vec<ToSqlOutput<'_>>, DbErr> {
    params(stmt).ok_or_else(|| {
        DbErr::Custom(format!(
            "SQLite: a value of `{}` cannot be bound directly",
            stmt.sql
        ))
    })
}

/// Runs `f` in one `BEGIN IMMEDIATE` transaction on the calling thread; `None` when `db` is not a
/// SQLite file (the caller then writes through SeaORM).
///
/// SQLite has one writer at a time, and the server's writes queue for the one connection of its
/// writer pool (`db::Pools`). This takes that connection from the pool and holds it, unused, for
/// the length of the transaction, so that no other write of the process starts meanwhile, and runs
/// the statements on a connection of its own to the same file, kept with its prepared statements
/// from one transaction to the next. What this saves is the hand-off of every statement and
/// returned row to sqlx's worker thread and back (`docs/PERFORMANCE.md`). The transaction runs
/// without a pause, so `f` is synchronous; see [`Txn`] for writing the same steps once for both
/// paths.
pub async fn write<T, E: From<DbErr>>(
    db: &DatabaseConnection,
    f: impl FnOnce(&Writer) -> Result<T, E>,
) -> Option<Result<T, E>> {
    let file = sqlite_file_of(db)?;
    Some(write_file(db, file, f).await)
}

async fn write_file<T, E: From<DbErr>>(
    db: &DatabaseConnection,
    file: PathBuf,
    f: impl FnOnce(&Writer) -> Result<T, E>,
) -> Result<T, E> {
    let _turn = db
        .get_sqlite_connection_pool()
        .acquire()
        .await
        .map_err(|e| DbErr::Custom(format!("SQLite: {e}")))?;
    let writer = take_writer(file).map_err(sqlite_err)?;
    let result = writer.transaction(f);
    // Kept for the next transaction only when this one ended cleanly.
    if writer.conn.is_autocommit() {
        WRITERS
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(writer);
    }
    result
}

/// The writer connections not in use, at most one per file ([`write`] runs one transaction at
/// a time per pool); the oldest are closed beyond [`MAX_OPEN`] files.
static WRITERS: std::sync::Mutex<Vec<Writer>> = std::sync::Mutex::new(Vec::new());

fn take_writer(file: PathBuf) -> rusqlite::Result<Writer> {
    let mut idle = WRITERS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(i) = idle.iter().position(|w| w.file == file) {
        return Ok(idle.swap_remove(i));
    }
    if idle.len() >= MAX_OPEN {
        idle.remove(0);
    }
    drop(idle);
    // The batch's statements differ with its size; the common sizes stay prepared.
    let conn = open(&file, 256)?;
    // What `db::connect` sets on every pooled connection (WAL itself is kept by the file).
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    Ok(Writer { file, conn })
}

/// Where the statements of a write run: a SeaORM transaction, or the [`Writer`]. A write's
/// steps are written once, as an `async fn` over `Txn`, awaited in a SeaORM transaction on
/// PostgreSQL and run to completion at once with [`ready`] inside [`write`] on SQLite.
#[allow(async_fn_in_trait)] // awaited in place, never spawned: no `Send` bound needed
pub trait Txn {
    async fn execute(&self, stmt: Statement) -> Result<(), DbErr>;
    async fn rows<T: Row>(&self, stmt: Statement) -> Result<Vec<T>, DbErr>;
}

impl Txn for DatabaseTransaction {
    async fn execute(&self, stmt: Statement) -> Result<(), DbErr> {
        self.execute_raw(stmt).await.map(|_| ())
    }
    async fn rows<T: Row>(&self, stmt: Statement) -> Result<Vec<T>, DbErr> {
        seaorm_rows(self, stmt).await
    }
}

impl Txn for Writer {
    async fn execute(&self, stmt: Statement) -> Result<(), DbErr> {
        Writer::execute(self, &stmt).map(|_| ())
    }
    async fn rows<T: Row>(&self, stmt: Statement) -> Result<Vec<T>, DbErr> {
        Writer::rows(self, &stmt)
    }
}

/// The value of steps over a [`Writer`], whose futures never wait.
pub fn ready<T, E: From<DbErr>>(
    steps: impl std::future::Future<Output = Result<T, E>>,
) -> Result<T, E> {
    use futures_util::FutureExt;
    steps.now_or_never().unwrap_or_else(|| {
        Err(DbErr::Custom("the SQLite writer's steps waited for something".into()).into())
    })
}

/// An insert that returns what it stored: every column of the entity, in the order its model
/// declares them (as a [`Row`] made with `row_by_position!` reads them).
pub fn returning<A: sea_orm::ActiveModelTrait>(
    mut insert: sea_orm::InsertMany<A>,
    backend: DbBackend,
) -> Statement {
    use sea_orm::sea_query::Query;
    use sea_orm::{EntityTrait, Iterable, QueryTrait};
    insert
        .query()
        .returning(Query::returning().columns(<A::Entity as EntityTrait>::Column::iter()));
    insert.build(backend)
}

/// Runs `stmt` on this thread's connection to `file`, reading at most `max` rows; `None` when a
/// value cannot be bound exactly as sqlx would bind it (the caller then goes through SeaORM).
fn run<T: Row>(file: &Path, stmt: &Statement, max: usize) -> Option<Result<Vec<T>, DbErr>> {
    let params = params(stmt)?;
    #[cfg(feature = "testing")]
    counting::bump(&counting::key_of_file(file));
    let started = Instant::now();
    let result = with_connection(file, |conn| read(conn, &stmt.sql, &params, max));
    log(
        &stmt.sql,
        result.as_ref().map_or(0, Vec::len),
        started.elapsed(),
    );
    Some(result)
}

/// The values of `stmt` as rusqlite binds them; `None` when one cannot be bound as sqlx would.
fn params(stmt: &Statement) -> Option<Vec<ToSqlOutput<'_>>> {
    let values: &[Value] = stmt.values.as_ref().map_or(&[], |v| &v.0);
    values.iter().map(param).collect()
}

/// At most `max` rows of `sql` with `params`, on `conn`.
fn read<T: Row>(
    conn: &rusqlite::Connection,
    sql: &str,
    params: &[ToSqlOutput<'_>],
    max: usize,
) -> Result<Vec<T>, DbErr> {
    let mut st = prepared(conn, sql, params).map_err(sqlite_err)?;
    let mut rows = st.raw_query();
    let mut out = Vec::new();
    while out.len() < max
        && let Some(row) = rows.next().map_err(sqlite_err)?
    {
        out.push(T::from_row(&Baris::sqlite(row))?);
    }
    Ok(out)
}

/// `sql` from `conn`'s cache of prepared statements, with `params` bound.
fn prepared<'c>(
    conn: &'c rusqlite::Connection,
    sql: &str,
    params: &[ToSqlOutput<'_>],
) -> rusqlite::Result<rusqlite::CachedStatement<'c>> {
    let mut st = conn.prepare_cached(sql)?;
    for (i, p) in params.iter().enumerate() {
        st.raw_bind_parameter(i + 1, p)?;
    }
    Ok(st)
}

fn sqlite_err(e: rusqlite::Error) -> DbErr {
    DbErr::Custom(format!("SQLite: {e}"))
}

/// Logs a statement as sqlx logs its own, under the same target, so that one filter shows every
/// statement (`RUST_LOG=sqlx::query=debug`) and slow ones warn by default.
fn log(sql: &str, rows: usize, elapsed: Duration) {
    if elapsed >= super::SLOW_STATEMENT {
        tracing::warn!(
            target: "sqlx::query",
            statement = sql,
            rows_returned = rows,
            ?elapsed,
            "slow statement (direct read)"
        );
    } else {
        tracing::debug!(
            target: "sqlx::query",
            statement = sql,
            rows_returned = rows,
            ?elapsed,
            "direct read"
        );
    }
}

/// A value bound as sqlx binds it for SQLite: integers and booleans as integers, dates as
/// `YYYY-MM-DD` text, UTC timestamps as RFC 3339 text with as many fractional digits as they
/// need (sqlx's `to_rfc3339_opts(SecondsFormat::AutoSi, false)`), so that what is written here
/// reads and compares exactly as what sqlx writes. Other values are left to sqlx.
fn param(v: &Value) -> Option<ToSqlOutput<'_>> {
    let int = |x: Option<i64>| ToSqlOutput::Owned(x.map_or(SqlValue::Null, SqlValue::Integer));
    Some(match v {
        Value::Bool(x) => int(x.map(i64::from)),
        Value::TinyInt(x) => int(x.map(i64::from)),
        Value::SmallInt(x) => int(x.map(i64::from)),
        Value::Int(x) => int(x.map(i64::from)),
        Value::BigInt(x) => int(*x),
        Value::TinyUnsigned(x) => int(x.map(i64::from)),
        Value::SmallUnsigned(x) => int(x.map(i64::from)),
        Value::Unsigned(x) => int(x.map(i64::from)),
        Value::BigUnsigned(Some(x)) => int(Some(i64::try_from(*x).ok()?)),
        Value::BigUnsigned(None) => int(None),
        Value::Float(x) => {
            ToSqlOutput::Owned(x.map_or(SqlValue::Null, |f| SqlValue::Real(f.into())))
        }
        Value::Double(x) => ToSqlOutput::Owned(x.map_or(SqlValue::Null, SqlValue::Real)),
        Value::String(Some(s)) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
        Value::String(None) | Value::Char(None) | Value::Bytes(None) | Value::ChronoDate(None) => {
            ToSqlOutput::Owned(SqlValue::Null)
        }
        Value::Char(Some(c)) => ToSqlOutput::Owned(SqlValue::Text(c.to_string())),
        Value::Bytes(Some(b)) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
        Value::ChronoDate(Some(d)) => {
            ToSqlOutput::Owned(SqlValue::Text(d.format("%F").to_string()))
        }
        Value::ChronoDateTimeUtc(Some(t)) => ToSqlOutput::Owned(SqlValue::Text(
            t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false),
        )),
        Value::ChronoDateTimeUtc(None) => ToSqlOutput::Owned(SqlValue::Null),
        _ => return None,
    })
}

/// Connections of this thread, by file. A handful: a server has one file; a test process opens
/// one per test, and the oldest are closed as new ones come.
const MAX_OPEN: usize = 4;

thread_local! {
    static OPEN: RefCell<Vec<(PathBuf, rusqlite::Connection)>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` on this thread's connection to `file`, opening it on first use. The connection is
/// taken out of the thread's list while `f` runs, so a nested call opens a second one rather
/// than finding the first borrowed.
fn with_connection<T>(
    file: &Path,
    f: impl FnOnce(&rusqlite::Connection) -> Result<T, DbErr>,
) -> Result<T, DbErr> {
    let taken = OPEN.with_borrow_mut(|open| {
        open.iter()
            .position(|(p, _)| p == file)
            .map(|i| open.remove(i))
    });
    let (path, conn) = match taken {
        Some(found) => found,
        None => (file.to_path_buf(), open_reader(file).map_err(sqlite_err)?),
    };
    let result = f(&conn);
    OPEN.with_borrow_mut(|open| {
        if open.len() >= MAX_OPEN {
            open.remove(0);
        }
        open.push((path, conn));
    });
    result
}

/// A read-only connection to an existing database file (WAL, as the pool set it).
fn open_reader(file: &Path) -> rusqlite::Result<rusqlite::Connection> {
    let conn = open(file, 128)?;
    conn.pragma_update(None, "query_only", true)?;
    Ok(conn)
}

/// A connection of this module's own to an existing database file, used by one thread at a
/// time (so without SQLite's per-connection mutex), waiting for locks as the pool's do, and
/// keeping up to `statements` prepared statements.
fn open(file: &Path, statements: usize) -> rusqlite::Result<rusqlite::Connection> {
    use rusqlite::OpenFlags;
    let conn = rusqlite::Connection::open_with_flags(
        file,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(super::SQLITE_BUSY_TIMEOUT)?;
    conn.set_prepared_statement_cache_capacity(statements);
    Ok(conn)
}

/// Counting the statements run directly, for the tests that count a page's statements (SeaORM's
/// metric callback sees only its own).
#[cfg(feature = "testing")]
pub mod counting {
    use super::Jalur;
    use sea_orm::DatabaseConnection;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};

    /// What a counter counts for: a SQLite file's path, or a PostgreSQL pool's address.
    static COUNTERS: Mutex<Vec<(String, Arc<AtomicUsize>)>> = Mutex::new(Vec::new());

    pub(super) fn key_of_file(file: &std::path::Path) -> String {
        file.display().to_string()
    }

    pub(super) fn key_of_pool(pool: &sea_orm::sqlx::PgPool) -> String {
        format!(
            "postgres:{:p}",
            std::sync::Arc::as_ptr(&pool.connect_options())
        )
    }

    /// A counter of the statements run directly on `db`'s database from now on (none run
    /// directly on an in-memory SQLite database).
    pub fn counter_of(db: &DatabaseConnection) -> Arc<AtomicUsize> {
        let c = Arc::new(AtomicUsize::new(0));
        let key = match super::jalur(db) {
            Jalur::Sqlite(file) => key_of_file(&file),
            Jalur::Postgres(pool) => key_of_pool(pool),
            Jalur::SeaOrm => return c,
        };
        let mut all = COUNTERS.lock().expect("counters");
        all.retain(|(k, _)| *k != key);
        all.push((key, c.clone()));
        c
    }

    pub(super) fn bump(key: &str) {
        let all = COUNTERS.lock().expect("counters");
        if let Some((_, c)) = all.iter().find(|(k, _)| k == key) {
            c.fetch_add(1, Ordering::SeqCst);
        }
    }
}
