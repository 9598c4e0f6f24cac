//! `kinerja`: the one binary. Serves the web UI, runs migrations, loads demo data, imports CSV.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use kinerja_core::services::{akun::auth, organisasi::import};
use kinerja_core::{Actor, CoreError, DatabaseConnection, db};
use std::net::SocketAddr;

mod backup;

#[derive(Parser)]
#[command(
    name = "kinerja",
    version,
    about = "Manajemen kinerja ASN (PermenPANRB 6/2022)"
)]
struct Cli {
    /// Database: SQLite file (default) or postgres://user@host/db.
    #[arg(long, env = "DATABASE_URL", default_value = db::DEFAULT_DATABASE_URL, global = true)]
    database_url: String,
    /// Largest number of pooled database connections (default: twice the CPU cores, at least
    /// 4).
    #[arg(
        long,
        env = "KINERJA_DB_MAX_CONNECTIONS",
        default_value_t = db::default_max_connections(),
        global = true
    )]
    db_max_connections: u32,
    /// On SQLite, how the writer waits for the disk at each commit: `normal` (a commit survives
    /// a killed process) or `full` (it also survives a power cut or an OS crash).
    #[arg(
        long,
        env = "KINERJA_SQLITE_SYNCHRONOUS",
        value_enum,
        default_value_t = Synchronous::Full,
        global = true
    )]
    sqlite_synchronous: Synchronous,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(clap::Args, Clone)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "KINERJA_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Absolute lifetime of a login session, in hours.
    #[arg(long, env = "KINERJA_SESSION_HOURS", default_value_t = 12)]
    session_hours: i64,
    /// Mark cookies Secure (enable when served over HTTPS).
    #[arg(long, env = "KINERJA_SECURE_COOKIES", default_value_t = false)]
    secure_cookies: bool,
    /// Directory of the evidence store (bukti dukung files).
    #[arg(long, env = "KINERJA_BUKTI_DIR", default_value = "data/bukti")]
    bukti_dir: std::path::PathBuf,
    /// Bearer token a Prometheus scraper sends to /metrics; unset, /metrics is off.
    #[arg(long, env = "KINERJA_METRICS_TOKEN", hide_env_values = true)]
    metrics_token: Option<String>,
    /// Served behind a reverse proxy that appends the client's address to X-Forwarded-For
    /// (failed logins are counted per client address).
    #[arg(long, env = "KINERJA_BEHIND_PROXY", default_value_t = false)]
    behind_proxy: bool,
    /// On SIGTERM or Ctrl-C: seconds that requests in flight may take to finish.
    #[arg(long, env = "KINERJA_SHUTDOWN_SECS", default_value_t = 20)]
    shutdown_secs: u64,
    /// Seconds a client may take to send a request's headers, and a kept-alive connection may
    /// stay idle.
    #[arg(long, env = "KINERJA_HEADER_TIMEOUT_SECS", default_value_t = 15)]
    header_timeout_secs: u64,
}

/// `kinerja` with no command serves as `kinerja serve` would: the same flags' defaults and the
/// same environment variables.
#[derive(Parser)]
struct DefaultServe {
    #[command(flatten)]
    args: ServeArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Apply migrations and serve the web UI (the default).
    Serve(ServeArgs),
    /// Apply migrations, load demo data (once), print the demo accounts and serve.
    Demo(ServeArgs),
    /// Database migrations.
    Migrate {
        #[command(subcommand)]
        action: MigrateAction,
    },
    /// Create an administrator account (super admin, or admin of one instansi).
    CreateAdmin {
        #[arg(long)]
        username: String,
        /// Password; read from KINERJA_ADMIN_PASSWORD when omitted.
        #[arg(long, env = "KINERJA_ADMIN_PASSWORD", hide_env_values = true)]
        password: String,
        /// Instansi code: make an admin of that instansi instead of a super admin.
        #[arg(long)]
        instansi: Option<String>,
    },
    /// Import a CSV file; nothing is saved unless every row is valid.
    Import {
        #[arg(value_enum)]
        what: ImportKind,
        file: std::path::PathBuf,
        /// Code of the instansi to import into (e.g. pontianak).
        #[arg(long)]
        instansi: String,
    },
    /// Fill the database with one large generated instansi for benchmarks: organisation,
    /// accounts (password as in the demo), set SKPs with cascaded RHK, and daily activities.
    Generate {
        /// How many pegawai.
        #[arg(long, default_value_t = 100_000)]
        pegawai: u32,
        /// Calendar days of activities back from yesterday (within this year).
        #[arg(long, default_value_t = 120)]
        days: u32,
        /// Code of the instansi to create.
        #[arg(long, default_value = "uji")]
        kode: String,
    },
    /// Copy a running SQLite database and its evidence files into one archive (tar), consistent
    /// while the server goes on writing. On PostgreSQL use pg_dump (README).
    Backup {
        /// The archive to write.
        file: std::path::PathBuf,
        /// Directory of the evidence store.
        #[arg(long, env = "KINERJA_BUKTI_DIR", default_value = "data/bukti")]
        bukti_dir: std::path::PathBuf,
    },
    /// Put an archive of `kinerja backup` back: the database at DATABASE_URL, the evidence files
    /// into the evidence directory. Stop the server first.
    Restore {
        /// The archive to read.
        file: std::path::PathBuf,
        /// Directory of the evidence store.
        #[arg(long, env = "KINERJA_BUKTI_DIR", default_value = "data/bukti")]
        bukti_dir: std::path::PathBuf,
        /// Replace an existing database.
        #[arg(long)]
        force: bool,
    },
    /// Evaluate a whole instansi for one period: the predikat of every rated pegawai, the
    /// distribution check under every unit with an organisational predikat, and angka kredit.
    Evaluasi {
        /// Code of the instansi.
        #[arg(long)]
        kode: String,
        /// Year (this year by default).
        #[arg(long)]
        tahun: Option<i32>,
        /// Period name within the year (e.g. "Triwulan I"); the annual period by default.
        #[arg(long)]
        periode: Option<String>,
    },
}

#[derive(Subcommand)]
enum MigrateAction {
    Up,
    /// Roll back migrations (the last one by default).
    Down {
        #[arg(long, default_value_t = 1)]
        steps: u32,
    },
    Status,
}

#[derive(clap::ValueEnum, Clone, Copy)]
enum Synchronous {
    Normal,
    Full,
}

#[derive(clap::ValueEnum, Clone, Copy)]
enum ImportKind {
    Unit,
    Pegawai,
}

/// jemalloc instead of glibc's malloc, for Rust's allocations and, unprefixed, for SQLite's:
/// under the activity form's load glibc's arenas were contended across the threads that
/// allocate a request's values and the one that frees them after the write (`docs/DECISIONS.md`).
/// It also hands the 19 MiB block of every argon2id login back to the system by itself, which
/// glibc did only when told to (`mallopt`, `docs/PERFORMANCE.md`).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> Result<()> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(run())
}

async fn run() -> Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
                "kinerja=info,kinerja_web=info,tower_http=warn,sqlx::query=warn".into()
            }),
        )
        .init();
    let cli = Cli::parse();
    // A restore must not open (and so create) the database it is about to put in place.
    if let Some(Command::Restore {
        file,
        bukti_dir,
        force,
    }) = &cli.command
    {
        return answer(run_restore(&cli.database_url, file, bukti_dir, *force));
    }
    let sinkron = match cli.sqlite_synchronous {
        Synchronous::Normal => db::Sinkron::Normal,
        Synchronous::Full => db::Sinkron::Full,
    };
    let pools = db::connect_pools_sinkron(&cli.database_url, cli.db_max_connections, sinkron)
        .await
        .with_context(|| format!("cannot open database {}", redact(&cli.database_url)))?;
    // Everything but the web server's reads goes through the writer.
    let conn = pools.tulis.clone();
    let command = match cli.command {
        Some(c) => c,
        None => Command::Serve(DefaultServe::try_parse_from(["kinerja"])?.args),
    };
    match command {
        Command::Serve(args) => {
            kinerja_core::setup::migrate(&conn).await?;
            serve(pools, args).await
        }
        Command::Demo(args) => {
            kinerja_core::setup::migrate(&conn).await?;
            let bar = bar("Memuat data demo");
            let accounts = kinerja_core::contoh::demo::load(&conn, |done, total| {
                bar.set_length(total);
                bar.set_position(done);
            })
            .await?;
            bar.finish_and_clear();
            print_demo(&accounts, &args);
            serve(pools, args).await
        }
        Command::Migrate { action } => migrate(&conn, action).await,
        Command::CreateAdmin {
            username,
            password,
            instansi,
        } => {
            kinerja_core::setup::migrate(&conn).await?;
            match auth::create_admin(&conn, &username, &password, instansi.as_deref()).await {
                Ok(u) => {
                    println!("Akun admin \"{}\" dibuat.", u.username);
                    Ok(())
                }
                Err(e) => fail(e),
            }
        }
        Command::Import {
            what,
            file,
            instansi,
        } => {
            kinerja_core::setup::migrate(&conn).await?;
            run_import(&conn, what, &file, &instansi).await
        }
        Command::Generate {
            pegawai,
            days,
            kode,
        } => {
            kinerja_core::setup::migrate(&conn).await?;
            run_generate(&conn, pegawai, days, kode).await
        }
        Command::Backup { file, bukti_dir } => answer(run_backup(&conn, &file, &bukti_dir).await),
        Command::Restore { .. } => unreachable!("handled before the database is opened"),
        Command::Evaluasi {
            kode,
            tahun,
            periode,
        } => {
            kinerja_core::setup::migrate(&conn).await?;
            run_evaluasi(&conn, &kode, tahun, periode.as_deref()).await
        }
    }
}

async fn run_backup(
    conn: &DatabaseConnection,
    file: &std::path::Path,
    bukti_dir: &std::path::Path,
) -> Result<()> {
    if db::backend_name(conn) != "SQLite" {
        anyhow::bail!(
            "kinerja backup copies a SQLite database. On PostgreSQL use pg_dump (see the README)."
        );
    }
    let b = bar("Menyalin bukti");
    let progress = {
        let b = b.clone();
        move |done: u64, total: u64| {
            b.set_length(total);
            b.set_position(done);
        }
    };
    let lap = backup::backup(conn, bukti_dir, file, progress).await?;
    b.finish_and_clear();
    println!(
        "Cadangan ditulis ke {}: basis data {} bita, {} berkas bukti.",
        file.display(),
        lap.db_bytes,
        lap.berkas
    );
    Ok(())
}

fn run_restore(
    database_url: &str,
    file: &std::path::Path,
    bukti_dir: &std::path::Path,
    force: bool,
) -> Result<()> {
    let Some(db_file) = db::sqlite_path(database_url) else {
        anyhow::bail!(
            "kinerja restore puts back a SQLite database. On PostgreSQL use pg_restore (see the \
             README)."
        );
    };
    if let Some(dir) = db_file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let b = bar("Memulihkan bukti");
    let lap = backup::restore(file, &db_file, bukti_dir, force, |n| b.set_position(n))?;
    b.finish_and_clear();
    println!(
        "Dipulihkan dari {}: basis data {} ({} bita), {} berkas bukti.",
        file.display(),
        db_file.display(),
        lap.db_bytes,
        lap.berkas
    );
    Ok(())
}

async fn run_generate(
    conn: &DatabaseConnection,
    pegawai: u32,
    hari: u32,
    kode: String,
) -> Result<()> {
    use kinerja_core::contoh::generate::{self, Opsi};
    let started = std::time::Instant::now();
    let bars = Fase::new(&generate::FASE);
    let mut progress = |phase: &'static str, done: u64, total: u64| bars.maju(phase, done, total);
    let today = chrono::Utc::now().date_naive();
    let opsi = Opsi {
        pegawai,
        hari,
        kode,
    };
    let hasil = match generate::generate(conn, &opsi, today, &mut progress).await {
        Ok(h) => h,
        Err(e) => return fail(e),
    };
    bars.selesai();
    println!(
        "Selesai dalam {:.1} detik: {} pegawai, {} SKP, {} aktivitas, {} evaluasi tahunan (instansi id {}).",
        started.elapsed().as_secs_f64(),
        hasil.pegawai,
        hasil.skp,
        hasil.aktivitas,
        hasil.evaluasi,
        hasil.instansi_id
    );
    for (peran, login) in hasil.contoh {
        println!("  {peran:<24} {login}");
    }
    println!("Kata sandi: {}", kinerja_core::contoh::demo::DEMO_PASSWORD);
    Ok(())
}

async fn run_evaluasi(
    conn: &DatabaseConnection,
    kode: &str,
    tahun: Option<i32>,
    nama: Option<&str>,
) -> Result<()> {
    use kinerja_core::rules::predikat::Predikat;
    use kinerja_core::services::evaluasi::instansi as evaluasi_instansi;
    let tahun = tahun.unwrap_or_else(|| chrono::Datelike::year(&chrono::Utc::now()));
    let (inst, per) = match evaluasi_instansi::periode_dari(conn, kode, tahun, nama).await {
        Ok(found) => found,
        Err(e) => return fail(e),
    };
    let bars = Fase::new(&["baca", "hitung", "simpan"]);
    let mut progress = |phase: &'static str, done: u64, total: u64| bars.maju(phase, done, total);
    let started = std::time::Instant::now();
    let laporan =
        match evaluasi_instansi::jalankan(conn, &Actor::system(), per.id, &mut progress).await {
            Ok(l) => l,
            Err(e) => return fail(e),
        };
    let elapsed = started.elapsed();
    bars.selesai();
    println!(
        "{} {}: {} pegawai dievaluasi dalam {:.3} detik ({} belum dinilai).",
        inst.nama,
        per.nama,
        laporan.dinilai,
        elapsed.as_secs_f64(),
        laporan.belum_dinilai
    );
    for p in Predikat::ALL {
        println!("  {:<20} {}", p.label(), laporan.sebaran.c(p));
    }
    println!(
        "Angka kredit: {} pegawai jabatan fungsional, jumlah {},{:02}.",
        laporan.pegawai_ak,
        laporan.total_ak / 100,
        laporan.total_ak % 100
    );
    println!(
        "Pola distribusi: {} unit diperiksa, {} tidak sesuai pola.",
        laporan.unit_diperiksa,
        laporan.pelanggaran.len()
    );
    for p in laporan.pelanggaran.iter().take(10) {
        println!(
            "  {} (predikat organisasi {}): {}",
            p.unit,
            p.predikat_organisasi.label(),
            p.aturan.join(" ")
        );
    }
    Ok(())
}

async fn serve(pools: db::Pools, args: ServeArgs) -> Result<()> {
    auth::purge_expired(&pools.tulis).await?;
    kinerja_core::services::harian::pencatat::lupakan_kunci_lama(&pools.tulis).await?;
    for w in db::setting_warnings(&pools.tulis).await? {
        tracing::warn!("{w}");
    }
    let backend = db::backend_name(&pools.tulis);
    let config = kinerja_web::WebConfig {
        session_secs: args.session_hours.max(1) * 3600,
        secure_cookies: args.secure_cookies,
        bukti_dir: args.bukti_dir.clone(),
        metrics_token: args.metrics_token.clone(),
        behind_proxy: args.behind_proxy,
    };
    let kinerja_web::App { router, writer } =
        kinerja_web::app(pools, config).with_context(|| {
            format!(
                "cannot create the evidence directory {}",
                args.bukti_dir.display()
            )
        })?;
    if let Some(n) = kinerja_web::server::raise_open_files_limit() {
        tracing::info!("open files limit: {n}");
    }
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("cannot listen on {}", args.addr))?;
    println!("Kinerja siap di http://{} ({backend})", args.addr);
    let limits = kinerja_web::server::ServerLimits {
        shutdown_deadline: std::time::Duration::from_secs(args.shutdown_secs),
        header_timeout: std::time::Duration::from_secs(args.header_timeout_secs.max(1)),
    };
    kinerja_web::server::serve(listener, router, limits, kinerja_web::server::stop_signal())
        .await?;
    // Every connection has closed (or the deadline passed); the activities still queued are
    // written before the process ends.
    if tokio::time::timeout(std::time::Duration::from_secs(5), writer)
        .await
        .is_err()
    {
        tracing::warn!("the activity writer did not finish in time");
    }
    println!("Kinerja berhenti.");
    Ok(())
}

fn print_demo(a: &kinerja_core::contoh::demo::DemoAccounts, args: &ServeArgs) {
    println!();
    if a.loaded {
        println!("Data demo dimuat: 4 instansi, {} pegawai.", a.pegawai);
    } else {
        println!(
            "Data demo sudah ada ({} pegawai); tidak dimuat ulang.",
            a.pegawai
        );
    }
    println!(
        "Buka http://{} lalu masuk dengan salah satu akun berikut.",
        args.addr
    );
    println!(
        "Kata sandi semua akun demo: {}",
        kinerja_core::contoh::demo::DEMO_PASSWORD
    );
    println!();
    for (peran, login, ket) in &a.accounts {
        println!("  {peran:<24} {login:<20} {ket}");
    }
    println!("  (setiap pegawai demo dapat masuk dengan NIP-nya)");
    println!();
}

async fn migrate(conn: &DatabaseConnection, action: MigrateAction) -> Result<()> {
    match action {
        MigrateAction::Up => {
            kinerja_core::setup::migrate(conn).await?;
            println!("Migrasi diterapkan ({}).", db::backend_name(conn));
        }
        MigrateAction::Down { steps } => {
            db::migrate_down(conn, Some(steps)).await?;
            println!("{steps} migrasi dibatalkan.");
        }
        MigrateAction::Status => {
            for (name, applied) in db::migration_status(conn).await? {
                println!("{} {name}", if applied { "[x]" } else { "[ ]" });
            }
        }
    }
    Ok(())
}

async fn run_import(
    conn: &DatabaseConnection,
    what: ImportKind,
    file: &std::path::Path,
    kode: &str,
) -> Result<()> {
    let data = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let instansi_id = match import::instansi_by_kode(conn, kode).await {
        Ok(i) => i,
        Err(e) => return fail(e),
    };
    let actor = Actor::system();
    let bar = bar("Menyimpan");
    let mut progress = |done: u64, total: u64| {
        bar.set_length(total);
        bar.set_position(done);
    };
    let today = (chrono_now_wib()).date_naive();
    let report = match what {
        ImportKind::Unit => {
            import::unit_kerja(conn, &actor, instansi_id, &data, &mut progress).await
        }
        ImportKind::Pegawai => {
            import::pegawai(conn, &actor, instansi_id, &data, today, &mut progress).await
        }
    };
    bar.finish_and_clear();
    let report = match report {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    if report.ok() {
        println!(
            "Impor berhasil: {} baris, {} ditambahkan, {} diperbarui.",
            report.rows, report.created, report.updated
        );
        Ok(())
    } else {
        eprintln!(
            "Tidak ada yang disimpan: {} dari {} baris bermasalah.",
            report.errors.len(),
            report.rows
        );
        for e in &report.errors {
            eprintln!("  baris {}: {}", e.line, e.messages.join("; "));
        }
        std::process::exit(1)
    }
}

fn chrono_now_wib() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now() + chrono::Duration::hours(7)
}

/// One progress bar per phase of a long command, stacked.
struct Fase {
    _multi: indicatif::MultiProgress,
    bars: Vec<(&'static str, ProgressBar)>,
}

impl Fase {
    fn new(phases: &[&'static str]) -> Fase {
        let multi = indicatif::MultiProgress::new();
        let bars = phases
            .iter()
            .map(|phase| (*phase, multi.add(bar(phase))))
            .collect();
        Fase {
            _multi: multi,
            bars,
        }
    }

    fn maju(&self, phase: &'static str, done: u64, total: u64) {
        if let Some((_, b)) = self.bars.iter().find(|(p, _)| *p == phase) {
            b.set_length(total);
            b.set_position(done);
        }
    }

    fn selesai(&self) {
        for (_, b) in &self.bars {
            b.finish();
        }
    }
}

fn bar(msg: &'static str) -> ProgressBar {
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({eta})")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar.set_message(msg);
    bar
}

/// Prints a user-facing error (field by field for validation) and exits with status 1: these
/// are answers, not crashes, so no backtrace.
fn fail(e: CoreError) -> Result<()> {
    if let CoreError::Validation(f) = &e {
        for (field, msg) in &f.0 {
            eprintln!("{field}: {msg}");
        }
    } else {
        eprintln!("{e}");
    }
    std::process::exit(1)
}

/// A command's refusal (a backup on PostgreSQL, a restore over an existing database) printed as
/// the one line it is, with exit status 1: an answer, not a crash, so no backtrace.
fn answer(r: Result<()>) -> Result<()> {
    if let Err(e) = r {
        eprintln!("{e:#}");
        std::process::exit(1)
    }
    Ok(())
}

/// Hides a password in a database URL before printing it.
fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `kinerja` alone serves with what `kinerja serve` reads from the environment; it once
    /// hard-coded the session's lifetime and served cookies without `Secure` behind HTTPS.
    #[test]
    fn no_command_reads_the_environment_as_serve_does() {
        // SAFETY: the binary's only test; nothing else reads the environment meanwhile.
        unsafe {
            std::env::set_var("KINERJA_SECURE_COOKIES", "true");
            std::env::set_var("KINERJA_SESSION_HOURS", "3");
            std::env::set_var("KINERJA_METRICS_TOKEN", "rahasia");
        }
        let alone = DefaultServe::try_parse_from(["kinerja"]).unwrap().args;
        let Some(Command::Serve(serve)) =
            Cli::try_parse_from(["kinerja", "serve"]).unwrap().command
        else {
            panic!("`kinerja serve` parses as serve");
        };
        for args in [&alone, &serve] {
            assert!(args.secure_cookies);
            assert_eq!(args.session_hours, 3);
            assert_eq!(args.metrics_token.as_deref(), Some("rahasia"));
            assert_eq!(args.addr, "127.0.0.1:8080".parse().unwrap());
        }
    }
}
