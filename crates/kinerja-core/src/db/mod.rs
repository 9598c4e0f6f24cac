//! Connecting to SQLite (the embedded default) or PostgreSQL, and running migrations.

pub mod baca;
mod direct;
pub mod entities;
pub mod metrics;
pub mod migrations;
pub mod tulis;

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr, Statement,
    TransactionTrait, TryGetable,
};
use sea_orm_migration::MigratorTrait;
use std::time::Duration;

pub use migrations::Migrator;

/// Statements slower than this are logged as warnings.
pub(crate) const SLOW_STATEMENT: Duration = Duration::from_secs(1);

/// How long a SQLite connection waits for another's lock before it gives up: the pooled
/// connections and `db::direct`'s own alike.
pub(crate) const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The default database: a file under `./data`, created on first use.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/kinerja.db?mode=rwc";

/// The default size of a pool: twice the CPU cores, at least 4. A database on the same cores
/// serves a statement while the server waits for it, so more connections than that only add
/// PostgreSQL backends contending for the same CPU: on two cores the monitoring page served more
/// requests with 4 connections than with 8, and fewer again with 16 (`docs/PERFORMANCE.md`). SQLite's hot reads do not use the pool (`db::direct`).
pub fn default_max_connections() -> u32 {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    u32::try_from(cores * 2).unwrap_or(u32::MAX).max(4)
}

/// Opens a pool for `url`. SQLite gets WAL, a busy timeout and enforced foreign keys; the parent
/// directory of the file is created when missing so that a fresh clone runs with no setup.
pub async fn connect(url: &str, max_connections: u32) -> Result<DatabaseConnection, DbErr> {
    connect_sinkron(url, max_connections, Sinkron::default()).await
}

/// How a SQLite connection waits for the disk at each commit (`PRAGMA synchronous`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sinkron {
    /// `NORMAL` in WAL mode: a commit survives a killed process; the last commits may be lost
    /// on a power cut or an OS crash (the WAL is synced at checkpoints, not at each commit).
    Normal,
    /// `FULL`, the writer's default: the WAL is synced at every commit, so a commit survives a
    /// power cut too. With the group commit one sync is paid per batch of activities, not per
    /// activity, and the activity form measured no slower (`docs/PERFORMANCE.md`).
    #[default]
    Full,
}

async fn connect_sinkron(
    url: &str,
    max_connections: u32,
    sinkron: Sinkron,
) -> Result<DatabaseConnection, DbErr> {
    let mut opts = ConnectOptions::new(url.to_string());
    // Every statement with its duration at debug level (`RUST_LOG=sqlx::query=debug`), statements
    // slower than a second as warnings. Off unless the log filter asks: sqlx checks the level
    // before it formats anything.
    opts.sqlx_logging(true)
        .sqlx_logging_level(tracing::log::LevelFilter::Debug)
        .sqlx_slow_statements_logging_settings(tracing::log::LevelFilter::Warn, SLOW_STATEMENT)
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(10));
    // The pool pings a connection each time it hands it out unless told otherwise: one more
    // round trip per statement (to the connection's thread on SQLite, over the network on
    // PostgreSQL), which doubled the cost of the short statements pages are made of
    // (docs/PERFORMANCE.md). A SQLite file cannot hang up; a PostgreSQL connection is
    // checked only after it sat idle long enough for a server or firewall to have dropped it.
    // sqlx also pings every connection as it takes it back, and no option turns that off: on
    // PostgreSQL a second round trip per statement (`docs/PERFORMANCE.md`).
    if url.starts_with("sqlite:") {
        opts.test_before_acquire(false);
    } else {
        opts.test_before_acquire_if_idle_for(Duration::from_secs(30));
    }
    if url.starts_with("sqlite:") {
        if let Some(dir) = sqlite_parent_dir(url) {
            std::fs::create_dir_all(&dir)
                .map_err(|e| DbErr::Custom(format!("cannot create {dir}: {e}")))?;
        }
        opts.map_sqlx_sqlite_opts(move |o| {
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(match sinkron {
                    Sinkron::Normal => SqliteSynchronous::Normal,
                    Sinkron::Full => SqliteSynchronous::Full,
                })
                .busy_timeout(SQLITE_BUSY_TIMEOUT)
                .foreign_keys(true)
                .create_if_missing(true)
        });
    }
    Database::connect(opts).await
}

/// The connections the web server works with. SQLite allows one writer at a time: with several
/// pooled connections writing, a waiting writer sleeps in SQLite's busy handler (in steps of up to
/// 100 ms) and a read transaction that turns into a write fails outright. So on SQLite every
/// write goes through `tulis`, a pool of exactly one connection where writers queue fairly in
/// the pool, while `baca` serves reads from several connections in parallel (WAL lets them read
/// while the writer commits). On PostgreSQL both are the same pool.
#[derive(Clone, Debug)]
pub struct Pools {
    /// For reads (GET requests).
    pub baca: DatabaseConnection,
    /// For requests that change data.
    pub tulis: DatabaseConnection,
}

impl From<DatabaseConnection> for Pools {
    /// One pool for both, as on PostgreSQL or in tests that need no write queue.
    fn from(db: DatabaseConnection) -> Pools {
        Pools {
            baca: db.clone(),
            tulis: db,
        }
    }
}

/// Opens [`Pools`] for `url`: on a SQLite file, a single-connection writer beside a pool of
/// `max_connections` readers; otherwise one pool.
pub async fn connect_pools(url: &str, max_connections: u32) -> Result<Pools, DbErr> {
    connect_pools_sinkron(url, max_connections, Sinkron::default()).await
}

/// [`connect_pools`] with the writer's `synchronous` setting on SQLite (readers do not write).
pub async fn connect_pools_sinkron(
    url: &str,
    max_connections: u32,
    sinkron: Sinkron,
) -> Result<Pools, DbErr> {
    // The readers never commit a write; their setting matters only when they are the writer too.
    let baca = connect_sinkron(url, max_connections, sinkron).await?;
    if baca.get_database_backend() != DbBackend::Sqlite || url.contains(":memory:") {
        return Ok(baca.into());
    }
    let tulis = connect_sinkron(url, 1, sinkron).await?;
    Ok(Pools { baca, tulis })
}

/// The file of a SQLite database URL; `None` for other backends and in-memory databases.
pub fn sqlite_path(url: &str) -> Option<std::path::PathBuf> {
    if !url.starts_with("sqlite:") {
        return None;
    }
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let path = path.split('?').next()?;
    if path.is_empty() || path == ":memory:" {
        return None;
    }
    Some(path.into())
}

/// Writes a consistent copy of the SQLite database `db` to the new file `to` (`VACUUM INTO`:
/// one read snapshot, the WAL's committed pages included), while other connections go on
/// writing.
pub async fn vacuum_into(db: &DatabaseConnection, to: &std::path::Path) -> Result<(), DbErr> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Err(DbErr::Custom(
            "backup copies SQLite databases; on PostgreSQL use pg_dump".into(),
        ));
    }
    let quoted = to.to_string_lossy().replace('\'', "''");
    db.execute_unprepared(&format!("VACUUM INTO '{quoted}'"))
        .await
        .map(|_| ())
}

fn sqlite_parent_dir(url: &str) -> Option<String> {
    let path = sqlite_path(url)?;
    let parent = path.parent()?;
    let s = parent.to_string_lossy().to_string();
    (!s.is_empty()).then_some(s)
}

/// Applies every pending migration, and only that. Run migrations through here (and
/// [`migrate_down`]), not `Migrator` itself: on SQLite the migrations that drop and create again
/// rely on the run's one connection. A database opened for use goes through
/// `kinerja_core::setup::migrate`, which also rebuilds the summary tables a migration left empty.
pub async fn migrate_up(db: &DatabaseConnection) -> Result<(), DbErr> {
    migrate_up_then(db, async |_, _| Ok(())).await
}

/// [`migrate_up`], then `setelah` with the names of the migrations this run applied (none when
/// the database was up to date). On SQLite `setelah` runs in the run's one transaction, so the
/// migrations and what follows them land together; on PostgreSQL, where each migration is its
/// own transaction, in a transaction of its own after them. What a migration may not do itself,
/// because it would run code that has changed since the day it was written, goes here
/// (`kinerja_core::setup::migrate`).
pub async fn migrate_up_then(
    db: &DatabaseConnection,
    setelah: impl AsyncFnOnce(&sea_orm::DatabaseTransaction, &[String]) -> Result<(), DbErr>,
) -> Result<(), DbErr> {
    let sebelum = applied(db).await?;
    let baru = |sesudah: Vec<String>| -> Vec<String> {
        sesudah
            .into_iter()
            .filter(|m| !sebelum.contains(m))
            .collect()
    };
    let t = if db.get_database_backend() == DbBackend::Sqlite {
        let t = sqlite_migration_transaction(db).await?;
        Migrator::up(&t, None).await?;
        t
    } else {
        Migrator::up(db, None).await?;
        db.begin().await?
    };
    let baru = baru(applied(&t).await?);
    setelah(&t, &baru).await?;
    t.commit().await
}

/// The names of the migrations applied to `db`.
async fn applied<C: ConnectionTrait>(db: &C) -> Result<Vec<String>, DbErr> {
    Ok(Migrator::get_applied_migrations(db)
        .await?
        .iter()
        .map(|m| m.name().to_string())
        .collect())
}

/// Rolls back the last `steps` migrations (all when `None`).
pub async fn migrate_down(db: &DatabaseConnection, steps: Option<u32>) -> Result<(), DbErr> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Migrator::down(db, steps).await;
    }
    let t = sqlite_migration_transaction(db).await?;
    Migrator::down(&t, steps).await?;
    t.commit().await
}

/// On SQLite a whole migration run is one transaction, so one connection, and all or nothing.
/// Run statement by statement over the pool, a DDL statement could land on a pooled connection
/// that last read the schema before an earlier migration dropped a table: SQLite checks a new
/// table's or index's name against the schema the connection holds in memory, so that connection
/// refused to create again what had just been dropped ("index … already exists"). The first
/// statement reads the schema table, which makes the connection reload a schema that changed.
/// (PostgreSQL keeps no such copy; there each migration is its own transaction.)
async fn sqlite_migration_transaction(
    db: &DatabaseConnection,
) -> Result<sea_orm::DatabaseTransaction, DbErr> {
    let t = db.begin().await?;
    t.execute_unprepared("SELECT count(*) FROM sqlite_schema")
        .await?;
    Ok(t)
}

/// (name, applied) for every migration, in order.
pub async fn migration_status(db: &DatabaseConnection) -> Result<Vec<(String, bool)>, DbErr> {
    let applied = applied(db).await?;
    Ok(Migrator::migrations()
        .iter()
        .map(|m| (m.name().to_string(), applied.iter().any(|a| a == m.name())))
        .collect())
}

/// Human name of the backend, for start-up logs.
pub fn backend_name(db: &DatabaseConnection) -> &'static str {
    match db.get_database_backend() {
        DbBackend::Sqlite => "SQLite",
        DbBackend::Postgres => "PostgreSQL",
        _ => "other",
    }
}

/// The first column of the first row of `sql`, a statement without parameters in the dialect of
/// `db`'s backend: for settings, catalog figures and other single values no entity describes.
pub async fn scalar<T: TryGetable, C: ConnectionTrait>(
    db: &C,
    sql: impl Into<String>,
) -> Result<Option<T>, DbErr> {
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?
        .map(|row| row.try_get_by_index(0))
        .transpose()
}

/// What an operator should fix in the database's settings, in the words the server logs at start.
/// PostgreSQL with autovacuum off never gathers planner statistics: tables grow while the planner
/// keeps guessing their size, and the monitoring page became many times slower on one join
/// that way (docs/PERFORMANCE.md). SQLite has nothing to report.
pub async fn setting_warnings(db: &DatabaseConnection) -> Result<Vec<String>, DbErr> {
    let mut out = Vec::new();
    if db.get_database_backend() != DbBackend::Postgres {
        return Ok(out);
    }
    let autovacuum: Option<String> = scalar(db, "SELECT current_setting('autovacuum')").await?;
    if autovacuum.as_deref() == Some("off") {
        out.push(
            "autovacuum PostgreSQL mati: statistik perencana kueri dan visibility map tidak \
             diperbarui, sehingga halaman makin lambat seiring data bertambah. Aktifkan \
             autovacuum, atau jalankan VACUUM (ANALYZE) secara berkala."
                .into(),
        );
    }
    // sqlx encrypts whenever the server offers TLS, and sqlx 0.9.0 leaves Nagle's algorithm on
    // its sockets: to a database on the same host the activity form was several times slower
    // over TLS than without it (docs/PERFORMANCE.md). Across a network TLS is wanted,
    // so only a loopback connection is warned about.
    let tls_lokal: Option<bool> = scalar(db, TLS_LOKAL).await?;
    if tls_lokal == Some(true) {
        out.push(
            "Koneksi ke PostgreSQL di host yang sama memakai TLS: setiap penulisan kecil menunggu \
             (pencatatan aktivitas sekitar enam kali lebih lambat). Hubungkan lewat soket Unix \
             (?host=/var/run/postgresql) atau tambahkan ?sslmode=disable pada DATABASE_URL."
                .into(),
        );
    }
    Ok(out)
}

/// Whether this session is encrypted and comes over the loopback interface.
pub const TLS_LOKAL: &str = "SELECT s.ssl AND COALESCE(inet_client_addr() IN ('127.0.0.1'::inet, \
     '::1'::inet), false) FROM pg_stat_ssl s WHERE s.pid = pg_backend_pid()";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parent_dir_of_sqlite_urls() {
        assert_eq!(
            sqlite_parent_dir(DEFAULT_DATABASE_URL).as_deref(),
            Some("data")
        );
        assert_eq!(sqlite_parent_dir("sqlite::memory:"), None);
        assert_eq!(sqlite_parent_dir("sqlite://k.db?mode=rwc"), None);
        assert_eq!(
            sqlite_parent_dir("sqlite:///tmp/x/k.db").as_deref(),
            Some("/tmp/x")
        );
    }

    /// `.cargo/config.toml` compiles the bundled SQLite with the query planner stability
    /// guarantee, so that a statement with a bound LIMIT is not compiled again each time it runs,
    /// and without the shared page cache of SQLITE_ENABLE_MEMORY_MANAGEMENT and the allocation
    /// counter, whose mutexes every reader took for every page and allocation.
    #[tokio::test]
    async fn sqlite_is_built_with_the_options_of_cargo_config() {
        let db = connect("sqlite::memory:", 1).await.unwrap();
        for (option, expected) in [
            ("ENABLE_QPSG", 1),
            ("ENABLE_MEMORY_MANAGEMENT", 0),
            ("DEFAULT_MEMSTATUS=0", 1),
        ] {
            let sql = format!("SELECT sqlite_compileoption_used('{option}')");
            let used: Option<i64> = scalar(&db, &sql).await.unwrap();
            assert_eq!(used, Some(expected), "SQLite's build option {option}");
        }
    }
}
