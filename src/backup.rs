//! `kinerja backup FILE` and `kinerja restore FILE`: a consistent copy of a SQLite database with
//! its evidence files, taken while the server runs, in one tar archive.
//!
//! The database is copied with `VACUUM INTO`, which reads one snapshot in a read transaction:
//! every write committed before it began is in the copy, including what still sits in the WAL
//! (a plain `cp` of the database file misses those). The evidence files are copied after the
//! snapshot; a file is stored before the row that points to it is committed, so every row in
//! the copy finds its file. On PostgreSQL the database's own tools do this (README).

use anyhow::{Context, Result, bail};
use kinerja_core::DatabaseConnection;
use std::fs::File;
use std::path::{Component, Path, PathBuf};

/// The name of the database inside the archive.
const DB_ENTRY: &str = "kinerja.db";
/// The folder of the evidence files inside the archive.
const BUKTI_ENTRY: &str = "bukti";

/// What a backup or a restore wrote.
pub struct Laporan {
    pub db_bytes: u64,
    pub berkas: u64,
}

/// Writes the archive `out` from the running database `db` and the evidence in `bukti_dir`.
/// The archive appears under its name only when complete.
pub async fn backup(
    db: &DatabaseConnection,
    bukti_dir: &Path,
    out: &Path,
    progress: impl FnMut(u64, u64) + Send + 'static,
) -> Result<Laporan> {
    let work = tempfile::Builder::new()
        .prefix(".kinerja-backup-")
        .tempdir_in(parent_of(out))
        .context("cannot create a working folder beside the backup file")?;
    let snapshot = work.path().join(DB_ENTRY);
    kinerja_core::db::vacuum_into(db, &snapshot)
        .await
        .context("cannot copy the database (VACUUM INTO)")?;
    let bukti_dir = bukti_dir.to_path_buf();
    let out = out.to_path_buf();
    tokio::task::spawn_blocking(move || write_archive(&snapshot, &bukti_dir, &out, work, progress))
        .await?
}

fn write_archive(
    snapshot: &Path,
    bukti_dir: &Path,
    out: &Path,
    work: tempfile::TempDir,
    mut progress: impl FnMut(u64, u64),
) -> Result<Laporan> {
    let files = if bukti_dir.exists() {
        files_under(bukti_dir)?
    } else {
        Vec::new()
    };
    let partial = work.path().join("arsip.tar");
    let mut tar = tar::Builder::new(File::create(&partial)?);
    let db_bytes = std::fs::metadata(snapshot)?.len();
    tar.append_path_with_name(snapshot, DB_ENTRY)?;
    let total = files.len() as u64;
    for (i, rel) in files.iter().enumerate() {
        tar.append_path_with_name(bukti_dir.join(rel), Path::new(BUKTI_ENTRY).join(rel))?;
        progress(i as u64 + 1, total);
    }
    let file = tar.into_inner()?;
    file.sync_all()?;
    std::fs::rename(&partial, out).with_context(|| format!("cannot write {}", out.display()))?;
    Ok(Laporan {
        db_bytes,
        berkas: total,
    })
}

/// Every stored file under `dir`, relative to it, in a stable order. The store's own
/// half-written staging files (named with a `#`) are left out.
fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        for entry in std::fs::read_dir(dir.join(&rel))? {
            let entry = entry?;
            let name = entry.file_name();
            let child = rel.join(&name);
            let kind = entry.file_type()?;
            if kind.is_dir() {
                stack.push(child);
            } else if kind.is_file() && !name.to_string_lossy().contains('#') {
                out.push(child);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Puts the archive `file` back: the database as `db_file`, the evidence into `bukti_dir`.
/// Refuses to replace an existing database unless `force`; the server must be stopped first.
pub fn restore(
    file: &Path,
    db_file: &Path,
    bukti_dir: &Path,
    force: bool,
    mut progress: impl FnMut(u64),
) -> Result<Laporan> {
    if db_file.exists() && !force {
        bail!(
            "Basis data {} sudah ada. Hentikan server, lalu jalankan lagi dengan --force untuk \
             menimpanya.",
            db_file.display()
        );
    }
    let mut archive = tar::Archive::new(
        File::open(file).with_context(|| format!("cannot open {}", file.display()))?,
    );
    let work = tempfile::Builder::new()
        .prefix(".kinerja-restore-")
        .tempdir_in(parent_of(db_file))?;
    let staged_db = work.path().join(DB_ENTRY);
    let mut found_db = false;
    let mut berkas = 0;
    for entry in archive.entries()? {
        let mut entry = entry?;
        let path = entry.path()?.into_owned();
        if path == Path::new(DB_ENTRY) {
            entry.unpack(&staged_db)?;
            found_db = true;
        } else if let Ok(rel) = path.strip_prefix(BUKTI_ENTRY) {
            if !rel.components().all(|c| matches!(c, Component::Normal(_))) {
                bail!("arsip memuat jalur yang tidak sah: {}", path.display());
            }
            let dest = bukti_dir.join(rel);
            if let Some(parent) = dest.parent() {
                std::fs::create_dir_all(parent)?;
            }
            entry.unpack(&dest)?;
            berkas += 1;
            progress(berkas);
        } else {
            bail!("arsip memuat entri yang tidak dikenal: {}", path.display());
        }
    }
    if !found_db {
        bail!(
            "{} bukan cadangan Kinerja: tidak ada {DB_ENTRY}",
            file.display()
        );
    }
    let db_bytes = std::fs::metadata(&staged_db)?.len();
    // The old database's WAL would be replayed over the restored file.
    for suffix in ["-wal", "-shm"] {
        let mut side = db_file.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
    std::fs::rename(&staged_db, db_file)
        .with_context(|| format!("cannot write {}", db_file.display()))?;
    Ok(Laporan { db_bytes, berkas })
}

fn parent_of(p: &Path) -> PathBuf {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}
