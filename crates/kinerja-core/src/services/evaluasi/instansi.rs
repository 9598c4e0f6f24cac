//! Evaluating a whole instansi for one period at once (`DOMAIN.md` §6 and §9): the predikat of
//! every rated pegawai from the matrix, the distribution check of §6.4 under every unit whose
//! organisational predikat is set, and the angka kredit of every jabatan fungsional. The admin
//! runs it when the penilai have rated; `kinerja evaluasi` runs it from the command line and the
//! batch benchmark of `docs/PERFORMANCE.md` times it.
//!
//! It reads the period's evaluations, the jabatan and the units in four queries, computes in
//! memory, and writes predikat and angka kredit back with multi-row `UPDATE … FROM (VALUES …)`
//! statements in one transaction, so 100,000 pegawai cost a dozen statements, not 100,000.

use crate::actor::Actor;
use crate::db::entities::{evaluasi, instansi, jabatan, periode, predikat_organisasi, unit_kerja};
use crate::error::{CoreError, CoreResult};
use crate::rules::angka_kredit;
use crate::rules::distribusi::{self, PredikatOrganisasi, Sebaran};
use crate::rules::jabatan::JenisJabatan;
use crate::rules::predikat::{self, Predikat, Rating};
use crate::services::evaluasi::distribusi as distribusi_svc;
use crate::services::jejak::audit::{self, Action};
use crate::services::now;
use chrono::Datelike;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Statement, TransactionTrait, Value,
};
use std::collections::HashMap;

/// Rows per `UPDATE … FROM (VALUES …)`: 3 binds each, so 30,001 binds, under SQLite's 32,766
/// and PostgreSQL's 65,535. PostgreSQL joins each statement's list against the whole table, so
/// fewer, larger statements are faster there (10 instead of 100 for 100,000 pegawai).
const BARIS_PER_UPDATE: usize = 10_000;

/// One unit whose pegawai do not follow the pattern of its organisational predikat.
#[derive(Debug, Clone)]
pub struct Pelanggaran {
    pub unit_kerja_id: i32,
    pub unit: String,
    pub predikat_organisasi: PredikatOrganisasi,
    pub sebaran: Sebaran,
    pub aturan: Vec<String>,
}

/// What one run found and wrote.
#[derive(Debug, Clone, Default)]
pub struct Laporan {
    /// Evaluations with both ratings, now with a predikat.
    pub dinilai: u64,
    /// Evaluations still missing a rating (left without predikat).
    pub belum_dinilai: u64,
    /// The instansi's distribution of predikat.
    pub sebaran: Sebaran,
    /// Units with an organisational predikat whose scope was checked.
    pub unit_diperiksa: u64,
    pub pelanggaran: Vec<Pelanggaran>,
    /// Pegawai in a jabatan fungsional given angka kredit, and its total (hundredths).
    pub pegawai_ak: u64,
    pub total_ak: u64,
}

/// Months a period covers (12 for the annual one, 3 for a quarter).
pub fn bulan(p: &periode::Model) -> u32 {
    let a = p.mulai.year() * 12 + p.mulai.month0() as i32;
    let b = p.selesai.year() * 12 + p.selesai.month0() as i32;
    (b - a + 1).clamp(1, 12) as u32
}

/// (evaluasi id, unit, jabatan, rating hasil, rating perilaku) as read for the run.
type Baris = (i32, i32, i32, Option<String>, Option<String>);

/// Progress as (phase, done, total).
pub type Kemajuan<'a> = &'a mut (dyn FnMut(&'static str, u64, u64) + Send);

/// The instansi with code `kode` and its period of `tahun` named `nama` (the annual period when
/// `None`), for the command line.
pub async fn periode_dari<C: ConnectionTrait>(
    db: &C,
    kode: &str,
    tahun: i32,
    nama: Option<&str>,
) -> CoreResult<(instansi::Model, periode::Model)> {
    let inst = instansi::Entity::find()
        .filter(instansi::Column::Kode.eq(kode.trim().to_lowercase()))
        .one(db)
        .await?
        .ok_or_else(|| CoreError::Conflict(format!("Instansi berkode \"{kode}\" tidak ada.")))?;
    let semua = periode::Entity::find()
        .filter(periode::Column::InstansiId.eq(inst.id))
        .filter(periode::Column::Tahun.eq(tahun))
        .order_by_asc(periode::Column::Mulai)
        .all(db)
        .await?;
    // A name is taken as written in the period ("Triwulan I 2027") or within the year given
    // ("Triwulan I"), in any case and spacing.
    let rapi = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let cocok = |p: &periode::Model| match nama {
        Some(n) => {
            let n = rapi(n);
            let p = rapi(&p.nama);
            p == n || p == format!("{n} {tahun}")
        }
        None => p.jenis == "TAHUNAN",
    };
    let Some(per) = semua.iter().find(|p| cocok(p)).cloned() else {
        let ada = semua
            .iter()
            .map(|p| format!("\"{}\"", p.nama))
            .collect::<Vec<_>>()
            .join(", ");
        return Err(CoreError::Conflict(format!(
            "Periode {} tahun {tahun} belum dibuka untuk {}.{}",
            nama.unwrap_or("tahunan"),
            inst.nama,
            if ada.is_empty() {
                String::new()
            } else {
                format!(" Periode yang ada: {ada}.")
            }
        )));
    };
    Ok((inst, per))
}

/// Evaluates every pegawai of the instansi of `periode_id`. Only the instansi's admin (or the
/// system) may; a closed period is refused because its results are final.
pub async fn jalankan(
    db: &DatabaseConnection,
    actor: &Actor,
    periode_id: i32,
    progress: Kemajuan<'_>,
) -> CoreResult<Laporan> {
    let per = periode::Entity::find_by_id(periode_id)
        .one(db)
        .await?
        .ok_or(CoreError::NotFound)?;
    actor.require_admin_instansi(per.instansi_id)?;
    if per.status != "TERBUKA" {
        return Err(CoreError::Conflict(format!(
            "Periode {} sudah ditutup; hasilnya final.",
            per.nama
        )));
    }
    let iid = per.instansi_id;
    progress("baca", 0, 4);
    let rows: Vec<Baris> = evaluasi::Entity::find()
        .select_only()
        .column(evaluasi::Column::Id)
        .column(evaluasi::Column::UnitKerjaId)
        .column(evaluasi::Column::JabatanId)
        .column(evaluasi::Column::RatingHasil)
        .column(evaluasi::Column::RatingPerilaku)
        .filter(evaluasi::Column::PeriodeId.eq(periode_id))
        .into_tuple()
        .all(db)
        .await?;
    progress("baca", 1, 4);
    // (jenis, jenjang, unit, atasan) of every jabatan: fungsional ones earn AK, and a unit's
    // head (whose jabatan reports outside the unit) is outside their own unit's scope.
    let jab: HashMap<i32, (String, String, i32, Option<i32>)> = jabatan::Entity::find()
        .select_only()
        .column(jabatan::Column::Id)
        .column(jabatan::Column::Jenis)
        .column(jabatan::Column::Jenjang)
        .column(jabatan::Column::UnitKerjaId)
        .column(jabatan::Column::AtasanId)
        .filter(jabatan::Column::InstansiId.eq(iid))
        .into_tuple::<(i32, String, String, i32, Option<i32>)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, jenis, jenjang, unit, atasan)| (id, (jenis, jenjang, unit, atasan)))
        .collect();
    progress("baca", 2, 4);
    let units: Vec<(i32, Option<i32>, String)> = unit_kerja::Entity::find()
        .select_only()
        .column(unit_kerja::Column::Id)
        .column(unit_kerja::Column::ParentId)
        .column(unit_kerja::Column::Nama)
        .filter(unit_kerja::Column::InstansiId.eq(iid))
        .into_tuple()
        .all(db)
        .await?;
    progress("baca", 3, 4);
    let org: HashMap<i32, PredikatOrganisasi> = predikat_organisasi::Entity::find()
        .filter(predikat_organisasi::Column::PeriodeId.eq(periode_id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|o| PredikatOrganisasi::from_code(&o.predikat).map(|p| (o.unit_kerja_id, p)))
        .collect();
    progress("baca", 4, 4);

    let months = bulan(&per);
    let total = rows.len() as u64;
    let mut laporan = Laporan::default();
    let mut hasil: Vec<(i32, Predikat, Option<u32>)> = Vec::with_capacity(rows.len());
    // Per unit: the distribution of its own pegawai, less the unit's head.
    let mut per_unit: HashMap<i32, Sebaran> = HashMap::new();
    // The head of a unit counts in the unit above.
    let mut kepala_di: HashMap<i32, Sebaran> = HashMap::new();
    for (i, (id, unit, jabatan_id, hk, pk)) in rows.into_iter().enumerate() {
        let ratings = hk
            .as_deref()
            .and_then(Rating::from_code)
            .zip(pk.as_deref().and_then(Rating::from_code));
        let Some((hk, pk)) = ratings else {
            laporan.belum_dinilai += 1;
            continue;
        };
        let p = predikat::predikat(hk, pk);
        laporan.sebaran.0[p.index()] += 1;
        let j = jab.get(&jabatan_id);
        let ak = j
            .filter(|j| {
                JenisJabatan::from_code(&j.0).is_some_and(|jenis| {
                    matches!(
                        jenis,
                        JenisJabatan::FungsionalKeahlian | JenisJabatan::FungsionalKeterampilan
                    )
                })
            })
            .and_then(|j| angka_kredit::angka_kredit(&j.1, p, months));
        if let Some(ak) = ak {
            laporan.pegawai_ak += 1;
            laporan.total_ak += u64::from(ak);
        }
        let kepala = j.is_some_and(|j| {
            j.3.is_none_or(|atasan| jab.get(&atasan).is_none_or(|a| a.2 != j.2))
        });
        let target = if kepala {
            &mut kepala_di
        } else {
            &mut per_unit
        };
        target.entry(unit).or_default().0[p.index()] += 1;
        hasil.push((id, p, ak));
        if i % 10_000 == 0 {
            progress("hitung", i as u64, total);
        }
    }
    laporan.dinilai = hasil.len() as u64;
    progress("hitung", total, total);

    // Each unit's scope is its own pegawai and everyone in the units beneath, including the
    // heads of those units: summed bottom-up over the unit tree.
    let parent: HashMap<i32, Option<i32>> = units.iter().map(|(id, p, _)| (*id, *p)).collect();
    let lingkup = distribusi_svc::lingkup(per_unit, kepala_di, &parent, |u| org.contains_key(&u));
    let nama: HashMap<i32, &String> = units.iter().map(|(id, _, n)| (*id, n)).collect();
    for (unit, p) in &org {
        laporan.unit_diperiksa += 1;
        let s = lingkup.get(unit).copied().unwrap_or_default();
        let aturan = distribusi::periksa(*p, &s);
        if !aturan.is_empty() {
            laporan.pelanggaran.push(Pelanggaran {
                unit_kerja_id: *unit,
                unit: nama.get(unit).map(|n| n.to_string()).unwrap_or_default(),
                predikat_organisasi: *p,
                sebaran: s,
                aturan,
            });
        }
    }
    laporan.pelanggaran.sort_by(|a, b| a.unit.cmp(&b.unit));

    let backend = db.get_database_backend();
    let txn = db.begin().await?;
    let mut written = 0;
    for chunk in hasil.chunks(BARIS_PER_UPDATE) {
        txn.execute_raw(update_statement(backend, chunk)).await?;
        written += chunk.len() as u64;
        progress("simpan", written, laporan.dinilai);
    }
    audit::record(
        &txn,
        actor,
        Some(iid),
        Action::Update,
        ("periode", i64::from(periode_id)),
        None::<&()>,
        Some(&serde_json::json!({
            "evaluasi_instansi": {
                "dinilai": laporan.dinilai,
                "belum_dinilai": laporan.belum_dinilai,
                "sebaran": laporan.sebaran.0,
                "unit_tidak_sesuai_pola": laporan.pelanggaran.len(),
                "pegawai_angka_kredit": laporan.pegawai_ak,
            }
        })),
    )
    .await?;
    txn.commit().await?;
    Ok(laporan)
}

/// `UPDATE evaluasi SET predikat, angka_kredit FROM (VALUES (id, predikat, ak), …)`: both
/// databases name the columns of a VALUES list column1, column2, …
fn update_statement(backend: DatabaseBackend, rows: &[(i32, Predikat, Option<u32>)]) -> Statement {
    let mut sql = String::from(match backend {
        DatabaseBackend::Postgres => {
            "UPDATE evaluasi SET predikat = v.column2, angka_kredit = v.column3, updated_at = $1 FROM (VALUES "
        }
        _ => {
            "UPDATE evaluasi SET predikat = v.column2, angka_kredit = v.column3, updated_at = ? FROM (VALUES "
        }
    });
    let mut values: Vec<Value> = Vec::with_capacity(rows.len() * 3 + 1);
    values.push(now().into());
    for (i, (id, p, ak)) in rows.iter().enumerate() {
        if i > 0 {
            sql.push_str(", ");
        }
        match backend {
            DatabaseBackend::Postgres => {
                let k = i * 3 + 1;
                sql.push_str(&format!(
                    "(${}::int, ${}::text, ${}::bigint)",
                    k + 1,
                    k + 2,
                    k + 3
                ));
            }
            _ => sql.push_str("(?, ?, ?)"),
        }
        values.push((*id).into());
        values.push(p.code().into());
        values.push(ak.map(i64::from).into());
    }
    // Rows whose result did not change are not written again, so re-running after a few
    // ratings changed touches only those.
    sql.push_str(match backend {
        DatabaseBackend::Postgres => {
            ") AS v WHERE evaluasi.id = v.column1 AND (evaluasi.predikat IS DISTINCT FROM v.column2 \
             OR evaluasi.angka_kredit IS DISTINCT FROM v.column3)"
        }
        _ => {
            ") AS v WHERE evaluasi.id = v.column1 AND (evaluasi.predikat IS NOT v.column2 \
             OR evaluasi.angka_kredit IS NOT v.column3)"
        }
    });
    Statement::from_sql_and_values(backend, sql, values)
}
