//! CSV imports of unit kerja and pegawai. Every row is validated first; when any row is wrong
//! nothing is written and the report lists each bad row with its line and reasons. When all rows
//! are good they are written in one transaction, each with its audit event.

use crate::actor::Actor;
use crate::db::entities::{jabatan, pegawai, unit_kerja};
use crate::error::{CoreError, CoreResult, FieldErrors};
use crate::services::jejak::audit;
use crate::services::organisasi::pegawai::{PegawaiInput, ValidPegawai};
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait,
};
use std::collections::{HashMap, HashSet};

pub const HEADER_UNIT: &str = "nama,singkatan,induk";
pub const HEADER_PEGAWAI: &str = "nip,nama,status_asn,golongan,unit_kerja,jabatan,aktif";
/// The largest file the web form accepts; the CLI has no limit.
pub const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;

/// One refused row: its line in the file (the header is line 1) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub messages: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    pub rows: usize,
    pub created: usize,
    pub updated: usize,
    pub errors: Vec<RowError>,
}

impl ImportReport {
    pub fn ok(&self) -> bool {
        self.errors.is_empty()
    }
}

/// Progress callback: (done, total) while writing.
pub type Progress<'a> = &'a mut (dyn FnMut(u64, u64) + Send);

/// A data row: its line in the file and its fields by lower-case header.
type CsvRow = (u64, HashMap<String, String>);

fn read_rows(data: &[u8], expected_header: &str) -> Result<Vec<CsvRow>, RowError> {
    let text = std::str::from_utf8(data).map_err(|_| RowError {
        line: 1,
        messages: vec!["Berkas harus berupa teks CSV UTF-8.".into()],
    })?;
    let text = text.trim_start_matches('\u{feff}');
    let delimiter = if text
        .lines()
        .next()
        .is_some_and(|h| h.contains(';') && !h.contains(','))
    {
        b';'
    } else {
        b','
    };
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| RowError {
            line: 1,
            messages: vec![format!("Header tidak terbaca: {e}")],
        })?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let missing: Vec<&str> = expected_header
        .split(',')
        .filter(|c| !headers.iter().any(|h| h == c))
        .collect();
    if !missing.is_empty() {
        return Err(RowError {
            line: 1,
            messages: vec![format!(
                "Kolom wajib tidak ada: {}. Header yang diharapkan: {expected_header}",
                missing.join(", ")
            )],
        });
    }
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = i as u64 + 2;
        let rec = rec.map_err(|e| RowError {
            line,
            messages: vec![format!("Baris tidak terbaca: {e}")],
        })?;
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let map = headers
            .iter()
            .enumerate()
            .map(|(i, h)| (h.clone(), rec.get(i).unwrap_or("").trim().to_string()))
            .collect();
        out.push((line, map));
    }
    Ok(out)
}

fn field(row: &HashMap<String, String>, k: &str) -> String {
    row.get(k).cloned().unwrap_or_default()
}

fn messages(e: FieldErrors) -> Vec<String> {
    e.0.into_iter().map(|(f, m)| format!("{f}: {m}")).collect()
}

fn parse_aktif(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "" | "1" | "ya" | "y" | "aktif" | "true" => Some(true),
        "0" | "tidak" | "t" | "n" | "nonaktif" | "false" => Some(false),
        _ => None,
    }
}

/// Imports units. `induk` names a unit that exists or appears earlier in the file.
pub async fn unit_kerja(
    db: &DatabaseConnection,
    actor: &Actor,
    instansi_id: i32,
    data: &[u8],
    progress: Progress<'_>,
) -> CoreResult<ImportReport> {
    actor.require_admin_instansi(instansi_id)?;
    let mut report = ImportReport::default();
    let rows = match read_rows(data, HEADER_UNIT) {
        Ok(r) => r,
        Err(e) => {
            report.errors.push(e);
            return Ok(report);
        }
    };
    report.rows = rows.len();
    let existing: HashMap<String, unit_kerja::Model> = unit_kerja::Entity::find()
        .filter(unit_kerja::Column::InstansiId.eq(instansi_id))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.nama_lower.clone(), u))
        .collect();
    let mut seen: HashSet<String> = HashSet::new();
    for (line, row) in &rows {
        let mut msgs = Vec::new();
        let nama = field(row, "nama");
        let key = nama.to_lowercase();
        if nama.is_empty() {
            msgs.push("nama: Wajib diisi.".to_string());
        } else if nama.chars().count() > 200 {
            msgs.push("nama: Paling banyak 200 karakter.".to_string());
        }
        if existing.contains_key(&key) || !seen.insert(key.clone()) {
            msgs.push(format!("nama: Unit \"{nama}\" sudah ada."));
        }
        let induk = field(row, "induk").to_lowercase();
        if !induk.is_empty()
            && !existing.contains_key(&induk)
            && (!seen.contains(&induk) || induk == key)
        {
            msgs.push(format!("induk: Unit induk \"{}\" tidak ditemukan (harus sudah ada atau di baris sebelumnya).", field(row, "induk")));
        }
        if field(row, "singkatan").chars().count() > 40 {
            msgs.push("singkatan: Paling banyak 40 karakter.".to_string());
        }
        if !msgs.is_empty() {
            report.errors.push(RowError {
                line: *line,
                messages: msgs,
            });
        }
    }
    if !report.ok() {
        return Ok(report);
    }
    let txn = db.begin().await?;
    let mut ids: HashMap<String, i32> = existing.iter().map(|(k, u)| (k.clone(), u.id)).collect();
    let total = rows.len() as u64;
    for (i, (_, row)) in rows.iter().enumerate() {
        let nama = field(row, "nama");
        let induk = field(row, "induk").to_lowercase();
        let saved = crate::services::organisasi::unit_kerja::new_row(
            instansi_id,
            ids.get(&induk).copied(),
            &nama,
            &field(row, "singkatan"),
        )
        .insert(&txn)
        .await?;
        audit::created(
            &txn,
            actor,
            Some(instansi_id),
            ("unit_kerja", saved.id as i64),
            &saved,
        )
        .await?;
        ids.insert(nama.to_lowercase(), saved.id);
        report.created += 1;
        progress(i as u64 + 1, total);
    }
    txn.commit().await?;
    Ok(report)
}

/// Imports pegawai: a NIP already in this instansi is updated, a new NIP is created. The
/// jabatan is named by `unit_kerja` and `jabatan` (both must exist).
pub async fn pegawai(
    db: &DatabaseConnection,
    actor: &Actor,
    instansi_id: i32,
    data: &[u8],
    today: NaiveDate,
    progress: Progress<'_>,
) -> CoreResult<ImportReport> {
    actor.require_admin_instansi(instansi_id)?;
    let mut report = ImportReport::default();
    let rows = match read_rows(data, HEADER_PEGAWAI) {
        Ok(r) => r,
        Err(e) => {
            report.errors.push(e);
            return Ok(report);
        }
    };
    report.rows = rows.len();
    let units: HashMap<String, i32> = unit_kerja::Entity::find()
        .filter(unit_kerja::Column::InstansiId.eq(instansi_id))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.nama_lower, u.id))
        .collect();
    let jabatan: HashMap<(i32, String), jabatan::Model> = jabatan::Entity::find()
        .filter(jabatan::Column::InstansiId.eq(instansi_id))
        .all(db)
        .await?
        .into_iter()
        .map(|j| ((j.unit_kerja_id, j.nama_lower.clone()), j))
        .collect();
    let nips: Vec<String> = rows
        .iter()
        .map(|(_, r)| {
            field(r, "nip")
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect()
        })
        .collect();
    let mut known: HashMap<String, pegawai::Model> = HashMap::new();
    for chunk in nips.chunks(500) {
        for p in pegawai::Entity::find()
            .filter(pegawai::Column::Nip.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            known.insert(p.nip.clone(), p);
        }
    }
    let mut seen = HashSet::new();
    let mut valid: Vec<(ValidPegawai, Option<pegawai::Model>)> = Vec::new();
    for (line, row) in &rows {
        let mut e = FieldErrors::new();
        let unit = field(row, "unit_kerja");
        let jab = match units.get(&unit.to_lowercase()) {
            None => {
                e.add(
                    "unit_kerja",
                    format!("Unit kerja \"{unit}\" tidak ada di instansi ini."),
                );
                None
            }
            Some(uid) => {
                let j = jabatan
                    .get(&(*uid, field(row, "jabatan").to_lowercase()))
                    .cloned();
                if j.is_none() {
                    e.add(
                        "jabatan",
                        format!(
                            "Jabatan \"{}\" tidak ada di unit \"{unit}\".",
                            field(row, "jabatan")
                        ),
                    );
                }
                j
            }
        };
        let aktif = parse_aktif(&field(row, "aktif"));
        if aktif.is_none() {
            e.add("aktif", "Isi ya/tidak (kosong berarti ya).");
        }
        let input = PegawaiInput {
            nip: field(row, "nip"),
            nama: field(row, "nama"),
            status_asn: field(row, "status_asn"),
            golongan: field(row, "golongan"),
            jabatan_id: String::new(),
            aktif: aktif.unwrap_or(true).then(|| "on".into()),
        };
        let v = crate::services::organisasi::pegawai::validate(&mut e, &input, jab, today);
        let mut before = None;
        if let Some(v) = &v {
            if !seen.insert(v.nip.clone()) {
                e.add("nip", "NIP muncul lebih dari sekali dalam berkas.");
            }
            match known.get(&v.nip) {
                Some(p) if p.instansi_id != instansi_id => {
                    e.add("nip", "NIP sudah terdaftar di instansi lain.")
                }
                Some(p) => before = Some(p.clone()),
                None => {}
            }
        }
        match v {
            Some(v) if e.is_empty() => valid.push((v, before)),
            _ => report.errors.push(RowError {
                line: *line,
                messages: messages(e),
            }),
        }
    }
    if !report.ok() {
        return Ok(report);
    }
    let txn = db.begin().await?;
    let total = valid.len() as u64;
    for (i, (v, before)) in valid.into_iter().enumerate() {
        if before.is_some() {
            report.updated += 1
        } else {
            report.created += 1
        }
        crate::services::organisasi::pegawai::tulis(&txn, actor, instansi_id, before.as_ref(), v)
            .await?;
        progress(i as u64 + 1, total);
    }
    txn.commit().await?;
    Ok(report)
}

/// Finds an instansi by its code, for the CLI.
pub async fn instansi_by_kode(db: &DatabaseConnection, kode: &str) -> CoreResult<i32> {
    use crate::db::entities::instansi;
    instansi::Entity::find()
        .filter(instansi::Column::Kode.eq(kode.trim().to_lowercase()))
        .one(db)
        .await?
        .map(|i| i.id)
        .ok_or_else(|| {
            CoreError::field(
                "instansi",
                format!("Instansi dengan kode \"{kode}\" tidak ada."),
            )
        })
}
