//! `kinerja generate`: one large, realistic instansi for benchmarks. A Sekretariat
//! Daerah heads dinas of about 3,000 people each (kepala dinas → 10 kepala bidang → 10 kepala
//! seksi each → 29 staff each, so every penilai has a team of at most 30); every pegawai has an
//! account, a set SKP with two RHK cascaded from the atasan's and a kuantitas indicator, and two
//! or three activities per working day, verified except for the last week.
//!
//! Rows go in with multi-row inserts and ids assigned here, many thousands per transaction, so a
//! hundred thousand pegawai and twenty million activities take minutes. It is an offline tool:
//! nothing else may write to the database while it runs (the PostgreSQL id sequences are moved
//! past the new rows at the end). One audit event records the generation.

use crate::actor::Actor;
use crate::actor::Peran;
use crate::contoh::demo::{DEMO_PASSWORD, NAMA_BELAKANG, NAMA_DEPAN_L, NAMA_DEPAN_P};
use crate::db::entities::periode as periode_entity;
use crate::db::entities::{
    aktivitas, evaluasi, iki, instansi, jabatan, pegawai, predikat_organisasi, rhk, skp,
    unit_kerja, user_account,
};
use crate::error::{CoreError, CoreResult};
use crate::rules::alur_skp;
use crate::rules::distribusi::PredikatOrganisasi;
use crate::rules::jabatan::JenisJabatan;
use crate::rules::nip::StatusAsn;
use crate::rules::predikat::Rating;
use crate::services::akun::auth::{hash_password_async, new_account};
use crate::services::jejak::audit::{self, Action};
use crate::services::{harian::aktivitas as akt, now, perencanaan::periode, ringkasan};
use crate::services::{
    organisasi::jabatan as jabatan_svc, organisasi::pegawai as pegawai_svc,
    organisasi::unit_kerja as unit_svc,
};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend,
    DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait,
};

/// The phases [`generate`] reports progress for, in order: the CLI draws one bar for each.
pub const FASE: [&str; 8] = [
    "organisasi",
    "pegawai",
    "skp",
    "aktivitas",
    "keluaran",
    "hitungan",
    "ringkasan",
    "statistik",
];

/// Rows per multi-row INSERT (well under SQLite's and PostgreSQL's bind limits).
const BARIS_PER_INSERT: usize = 1000;
/// INSERTs per transaction.
const INSERT_PER_TXN: usize = 50;
const BIDANG_PER_DINAS: usize = 10;
const SEKSI_PER_BIDANG: usize = 10;
const STAF_PER_SEKSI: usize = 29;

#[derive(Debug, Clone)]
pub struct Opsi {
    pub pegawai: u32,
    /// Calendar days of activities back from yesterday (working days only get entries).
    pub hari: u32,
    /// Code of the instansi to create.
    pub kode: String,
}

#[derive(Debug, Clone)]
pub struct Hasil {
    pub instansi_id: i32,
    pub pegawai: u64,
    pub skp: u64,
    pub aktivitas: u64,
    /// Annual evaluations with both ratings set, ready for `kinerja evaluasi`.
    pub evaluasi: u64,
    /// (role, login) of a few accounts to try: a kepala seksi with a team of 29, one of their
    /// staff.
    pub contoh: Vec<(String, String)>,
}

/// Reports progress as (phase, done, total).
pub type Kemajuan<'a> = &'a mut (dyn FnMut(&'static str, u64, u64) + Send);

/// A valid PNS NIP for the i-th generated person, unique for the first 17,982,000 (999 sequence
/// numbers × 9,000 birth dates × 2 genders).
pub fn nip_ke(i: u64, today: NaiveDate) -> String {
    let k = i / 999;
    let urutan = i % 999 + 1;
    let lahir =
        NaiveDate::from_ymd_opt(1968, 1, 1).expect("date") + Duration::days((k % 9_000) as i64);
    let gender = 1 + (k / 9_000) % 2;
    let tahun_tmt = (lahir.year() + 24 + (k % 7) as i32).min(today.year() - 1);
    let bulan_tmt = 1 + k % 12;
    format!(
        "{}{tahun_tmt:04}{bulan_tmt:02}{gender}{urutan:03}",
        lahir.format("%Y%m%d")
    )
}

fn nama_ke(i: u64) -> String {
    let depan = if i.is_multiple_of(2) {
        NAMA_DEPAN_L[(i / 2 % 30) as usize]
    } else {
        NAMA_DEPAN_P[(i / 2 % 30) as usize]
    };
    format!("{depan} {}", NAMA_BELAKANG[(i / 60 % 30) as usize])
}

/// The next free id of a table.
async fn id_awal(db: &DatabaseConnection, table: &str) -> CoreResult<i64> {
    let max: i64 = crate::db::scalar(
        db,
        format!("SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM {table}"),
    )
    .await?
    .ok_or_else(|| CoreError::Internal("MAX(id) returned nothing".into()))?;
    Ok(max + 1)
}

/// Inserts rows in multi-row statements, many per transaction.
async fn sisipkan<A>(
    db: &DatabaseConnection,
    rows: Vec<A>,
    mut progress: impl FnMut(u64),
) -> CoreResult<()>
where
    A: ActiveModelTrait + Send,
{
    let mut it = rows.into_iter().peekable();
    while it.peek().is_some() {
        let txn = db.begin().await?;
        for _ in 0..INSERT_PER_TXN {
            let chunk: Vec<A> = it.by_ref().take(BARIS_PER_INSERT).collect();
            if chunk.is_empty() {
                break;
            }
            let n = chunk.len() as u64;
            <A::Entity as EntityTrait>::insert_many(chunk)
                .exec_without_returning(&txn)
                .await?;
            progress(n);
        }
        txn.commit().await?;
    }
    Ok(())
}

/// The year's annual evaluation as the penilai would leave it before the batch: both ratings
/// for everyone (about 15% Di Atas, 77% Sesuai and 8% Di Bawah Ekspektasi for results, spread
/// by a fixed hash so runs repeat), no predikat yet; and an organisational predikat for the
/// Sekretariat and every dinas (Baik, every fifth Istimewa).
async fn penilaian(
    db: &DatabaseConnection,
    iid: i32,
    orang: &[Orang],
    units: &[i32],
    skp0: i32,
    today: NaiveDate,
) -> CoreResult<u64> {
    let Some(tahunan) = periode_entity::Entity::find()
        .filter(periode_entity::Column::InstansiId.eq(iid))
        .filter(periode_entity::Column::Tahun.eq(today.year()))
        .filter(periode_entity::Column::Jenis.eq("TAHUNAN"))
        .one(db)
        .await?
    else {
        return Ok(0);
    };
    let t = now();
    let rating = |h: u64, atas: u64, bawah: u64| {
        if h % 100 < atas {
            Rating::DiAtas
        } else if h % 100 >= 100 - bawah {
            Rating::DiBawah
        } else {
            Rating::Sesuai
        }
    };
    let rows: Vec<evaluasi::ActiveModel> = orang
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let h = (i as u64 + 1).wrapping_mul(2_654_435_761);
            evaluasi::ActiveModel {
                instansi_id: Set(iid),
                pegawai_id: Set(o.id),
                periode_id: Set(tahunan.id),
                skp_id: Set(Some(skp0 + i as i32)),
                unit_kerja_id: Set(o.unit_id),
                jabatan_id: Set(o.jabatan_id),
                penilai_id: Set(o.atasan.map(|a| orang[a].id)),
                rating_hasil: Set(Some(rating(h, 15, 8).code().into())),
                rating_perilaku: Set(Some(rating(h / 100, 12, 5).code().into())),
                predikat: Set(None),
                angka_kredit: Set(None),
                status: Set("DINILAI".into()),
                created_at: Set(t),
                updated_at: Set(t),
                ..Default::default()
            }
        })
        .collect();
    let total = rows.len() as u64;
    sisipkan(db, rows, |_| {}).await?;
    let org: Vec<predikat_organisasi::ActiveModel> = units
        .iter()
        .enumerate()
        .map(|(k, u)| predikat_organisasi::ActiveModel {
            instansi_id: Set(iid),
            unit_kerja_id: Set(*u),
            periode_id: Set(tahunan.id),
            predikat: Set(if k % 5 == 4 {
                PredikatOrganisasi::Istimewa
            } else {
                PredikatOrganisasi::Baik
            }
            .code()
            .into()),
            ditetapkan_oleh: Set(None),
            catatan: Set(String::new()),
            created_at: Set(t),
            updated_at: Set(t),
            ..Default::default()
        })
        .collect();
    sisipkan(db, org, |_| {}).await?;
    Ok(total)
}

/// Moves PostgreSQL's id sequences past the ids assigned here.
async fn geser_sequence(db: &DatabaseConnection, tables: &[&str]) -> CoreResult<()> {
    if db.get_database_backend() != DatabaseBackend::Postgres {
        return Ok(());
    }
    for t in tables {
        db.execute_unprepared(&format!(
            "SELECT setval(pg_get_serial_sequence('{t}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM {t}))"
        ))
        .await?;
    }
    Ok(())
}

/// Refreshes PostgreSQL's planner statistics and visibility map after the bulk load, as any bulk
/// load should. Without statistics the planner guesses the size of a 21-million-row table and
/// chose a parallel scan for the monitoring page's counts; without the visibility map, which only
/// VACUUM sets, every "index-only" read of the covering indexes also fetches the table rows. Both
/// are autovacuum's work in time, but autovacuum may be off or not yet round (it was off on the
/// benchmark machine, and the monitoring page ran many times slower: docs/PERFORMANCE.md).
/// SQLite plans from its own rules without statistics, and its covering indexes need no map.
async fn statistik(db: &DatabaseConnection) -> CoreResult<()> {
    if db.get_database_backend() == DatabaseBackend::Postgres {
        db.execute_unprepared("VACUUM (ANALYZE)").await?;
    }
    Ok(())
}

/// One person of the generated organisation.
struct Orang {
    id: i32,
    jabatan_id: i32,
    unit_id: i32,
    atasan: Option<usize>,
    jpt: bool,
    golongan: &'static str,
}

pub async fn generate(
    db: &DatabaseConnection,
    opsi: &Opsi,
    today: NaiveDate,
    progress: Kemajuan<'_>,
) -> CoreResult<Hasil> {
    let n = opsi.pegawai.max(2) as usize;
    let kode = opsi.kode.trim().to_lowercase();
    let exists = instansi::Entity::find()
        .filter(instansi::Column::Kode.eq(kode.as_str()))
        .one(db)
        .await?;
    if exists.is_some() {
        return Err(CoreError::Conflict(format!(
            "Instansi {kode} sudah ada; pilih kode lain dengan --kode."
        )));
    }
    let actor = Actor::system();
    let inst = instansi::ActiveModel {
        kode: Set(kode.clone()),
        nama: Set(format!("Pemerintah Daerah Uji {}", kode.to_uppercase())),
        nama_lower: Set(format!("pemerintah daerah uji {kode}")),
        jenis: Set("KABUPATEN".into()),
        lokasi: Set("Uji".into()),
        aktif: Set(true),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let iid = inst.id;

    // The organisation, in memory first: units, jabatan and people with assigned ids.
    let (mut unit_id, mut jab_id, mut peg_id) = (
        id_awal(db, "unit_kerja").await? as i32,
        id_awal(db, "jabatan").await? as i32,
        id_awal(db, "pegawai").await? as i32,
    );
    let mut units = Vec::new();
    let mut jabs = Vec::new();
    let mut orang: Vec<Orang> = Vec::new();
    let mut add_unit =
        |nama: String, parent: Option<i32>, units: &mut Vec<unit_kerja::ActiveModel>| {
            let mut u = unit_svc::new_row(iid, parent, &nama, "");
            u.id = Set(unit_id);
            units.push(u);
            unit_id += 1;
            unit_id - 1
        };
    let mut add_jab = |unit: i32,
                       nama: String,
                       jenis: JenisJabatan,
                       jenjang: &str,
                       atasan: Option<i32>,
                       jabs: &mut Vec<jabatan::ActiveModel>| {
        let mut j = jabatan_svc::new_row(iid, unit, &nama, jenis, jenjang, atasan);
        j.id = Set(jab_id);
        jabs.push(j);
        jab_id += 1;
        jab_id - 1
    };
    let mut add_orang = |jabatan_id: i32,
                         unit_id: i32,
                         atasan: Option<usize>,
                         jpt: bool,
                         golongan: &'static str,
                         orang: &mut Vec<Orang>| {
        orang.push(Orang {
            id: peg_id,
            jabatan_id,
            unit_id,
            atasan,
            jpt,
            golongan,
        });
        peg_id += 1;
        orang.len() - 1
    };
    let u_setda = add_unit("Sekretariat Daerah".into(), None, &mut units);
    let j_sekda = add_jab(
        u_setda,
        "Sekretaris Daerah".into(),
        JenisJabatan::Jpt,
        "MADYA",
        None,
        &mut jabs,
    );
    let sekda = add_orang(j_sekda, u_setda, None, true, "IV/d", &mut orang);
    let mut units_dinas = vec![u_setda];
    let mut d = 0;
    'org: while orang.len() < n {
        d += 1;
        let u_dinas = add_unit(format!("Dinas {d}"), Some(u_setda), &mut units);
        units_dinas.push(u_dinas);
        let j_kadis = add_jab(
            u_dinas,
            format!("Kepala Dinas {d}"),
            JenisJabatan::Jpt,
            "PRATAMA",
            Some(j_sekda),
            &mut jabs,
        );
        let kadis = add_orang(j_kadis, u_dinas, Some(sekda), true, "IV/c", &mut orang);
        for b in 1..=BIDANG_PER_DINAS {
            if orang.len() >= n {
                break 'org;
            }
            let u_bid = add_unit(format!("Bidang {b} Dinas {d}"), Some(u_dinas), &mut units);
            let j_kabid = add_jab(
                u_bid,
                format!("Kepala Bidang {b} Dinas {d}"),
                JenisJabatan::Administrator,
                "",
                Some(j_kadis),
                &mut jabs,
            );
            let kabid = add_orang(j_kabid, u_bid, Some(kadis), false, "IV/a", &mut orang);
            for s in 1..=SEKSI_PER_BIDANG {
                if orang.len() >= n {
                    break 'org;
                }
                let u_sek = add_unit(
                    format!("Seksi {s} Bidang {b} Dinas {d}"),
                    Some(u_bid),
                    &mut units,
                );
                let j_kasi = add_jab(
                    u_sek,
                    format!("Kepala Seksi {s} Bidang {b} Dinas {d}"),
                    JenisJabatan::Pengawas,
                    "",
                    Some(j_kabid),
                    &mut jabs,
                );
                let kasi = add_orang(j_kasi, u_sek, Some(kabid), false, "III/d", &mut orang);
                // A third of the seksi are staffed by each of two jabatan fungsional (which
                // earn angka kredit) and one pelaksana.
                let (nama_staf, jenis, jenjang) = match s % 3 {
                    0 => (
                        "Analis Kebijakan Ahli Pertama",
                        JenisJabatan::FungsionalKeahlian,
                        "PT",
                    ),
                    1 => (
                        "Pranata Komputer Terampil",
                        JenisJabatan::FungsionalKeterampilan,
                        "TR",
                    ),
                    _ => ("Pengelola Data", JenisJabatan::Pelaksana, "OPERATOR"),
                };
                let j_staf = add_jab(
                    u_sek,
                    format!("{nama_staf} Seksi {s} Bidang {b} Dinas {d}"),
                    jenis,
                    jenjang,
                    Some(j_kasi),
                    &mut jabs,
                );
                for _ in 0..STAF_PER_SEKSI {
                    if orang.len() >= n {
                        break 'org;
                    }
                    add_orang(j_staf, u_sek, Some(kasi), false, "II/c", &mut orang);
                }
            }
        }
    }
    let total_unit = units.len() as u64;
    progress("organisasi", 0, total_unit);
    sisipkan(db, units, |_| {}).await?;
    sisipkan(db, jabs, |_| {}).await?;
    progress("organisasi", total_unit, total_unit);

    // People and their accounts (one password hash shared by all: generated data only).
    let hash = hash_password_async(DEMO_PASSWORD.to_string()).await?;
    let first = id_awal(db, "pegawai").await? as u64;
    let total = orang.len() as u64;
    let mut done = 0;
    let rows: Vec<pegawai::ActiveModel> = orang
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let mut p = pegawai_svc::new_row(
                iid,
                o.jabatan_id,
                o.unit_id,
                &nip_ke(first + i as u64, today),
                &nama_ke(first + i as u64),
                StatusAsn::Pns,
                o.golongan,
            );
            p.id = Set(o.id);
            p
        })
        .collect();
    sisipkan(db, rows, |k| {
        done += k;
        progress("pegawai", done, total);
    })
    .await?;
    let akun_id = id_awal(db, "user_account").await? as i32;
    let akun: Vec<user_account::ActiveModel> = orang
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let mut a = new_account(
                &nip_ke(first + i as u64, today),
                hash.clone(),
                Some(o.id),
                Some(iid),
                Peran::Pegawai,
            );
            a.id = Set(akun_id + i as i32);
            a
        })
        .collect();
    sisipkan(db, akun, |_| {}).await?;

    // The year's periods, then a set SKP for everyone with RHK cascaded from the atasan's.
    periode::buka_tahun(
        db,
        &actor,
        iid,
        &periode::BukaTahunInput {
            tahun: today.year().to_string(),
            skema: "TRIWULAN".into(),
            tenggang_hari: "10".into(),
        },
    )
    .await?;
    let t = now();
    let (skp0, rhk0, iki0) = (
        id_awal(db, "skp").await? as i32,
        id_awal(db, "rhk").await? as i32,
        id_awal(db, "iki").await? as i32,
    );
    let skp_of = |i: usize| skp0 + i as i32;
    let rhk_of = |i: usize, k: i32| rhk0 + 2 * i as i32 + k;
    let mut skps = Vec::with_capacity(orang.len());
    let mut rhks = Vec::with_capacity(orang.len() * 2);
    let mut ikis = Vec::with_capacity(orang.len() * 2);
    for (i, o) in orang.iter().enumerate() {
        skps.push(skp::ActiveModel {
            id: Set(skp_of(i)),
            instansi_id: Set(iid),
            pegawai_id: Set(o.id),
            jabatan_id: Set(o.jabatan_id),
            unit_kerja_id: Set(o.unit_id),
            tahun: Set(today.year()),
            versi: Set(1),
            status: Set(alur_skp::DITETAPKAN.into()),
            pendekatan: Set(crate::services::perencanaan::skp::KUANTITATIF.into()),
            penilai_id: Set(o.atasan.map(|a| orang[a].id)),
            catatan_penilai: Set(String::new()),
            dukungan_sumber_daya: Set("Anggaran kegiatan".into()),
            skema_pertanggungjawaban: Set("Laporan triwulan".into()),
            konsekuensi: Set(String::new()),
            diajukan_at: Set(Some(t)),
            ditetapkan_at: Set(Some(t)),
            created_at: Set(t),
            updated_at: Set(t),
        });
        for k in 0..2 {
            let atasan_rhk = match o.atasan {
                Some(a) if !o.jpt => Some(rhk_of(a, k)),
                _ => None,
            };
            rhks.push(rhk::ActiveModel {
                id: Set(rhk_of(i, k)),
                skp_id: Set(skp_of(i)),
                jenis: Set(crate::services::perencanaan::skp::UTAMA.into()),
                urutan: Set(k + 1),
                teks: Set(if k == 0 {
                    "Tersusunnya laporan pelaksanaan kegiatan".into()
                } else {
                    "Terlaksananya pelayanan administrasi".into()
                }),
                rhk_atasan_id: Set(atasan_rhk),
                asal_rhk_id: Set(None),
                perspektif: Set(String::new()),
                penugasan_dari: Set(String::new()),
                created_at: Set(t),
            });
            ikis.push(iki::ActiveModel {
                id: Set(iki0 + 2 * i as i32 + k),
                rhk_id: Set(rhk_of(i, k)),
                aspek: Set("KUANTITAS".into()),
                indikator: Set("Jumlah laporan".into()),
                target_nilai: Set(Some(24_000)),
                target_teks: Set(String::new()),
                satuan: Set("Laporan".into()),
                asal_iki_id: Set(None),
            });
        }
    }
    let total_skp = skps.len() as u64;
    let mut done = 0;
    sisipkan(db, skps, |k| {
        done += k;
        progress("skp", done, total_skp);
    })
    .await?;
    // Atasan RHK come before their subordinates' (the order above), so the FKs hold per chunk.
    sisipkan(db, rhks, |_| {}).await?;
    sisipkan(db, ikis, |_| {}).await?;
    let total_evaluasi = penilaian(db, iid, &orang, &units_dinas, skp0, today).await?;

    // Activities: two or three per working day, verified except for the last week.
    let hari: Vec<NaiveDate> = (1..=opsi.hari as i64)
        .map(|k| today - Duration::days(k))
        .filter(|d| d.year() == today.year() && !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        .collect();
    let per_hari = |i: usize| 2 + i % 2;
    let total_akt: u64 = orang
        .iter()
        .enumerate()
        .map(|(i, _)| (per_hari(i) * hari.len()) as u64)
        .sum();
    let mut akt_id = id_awal(db, "aktivitas").await? as i32;
    let mut done = 0u64;
    let batas_verifikasi = today - Duration::days(7);
    let mut buffer: Vec<aktivitas::ActiveModel> =
        Vec::with_capacity(BARIS_PER_INSERT * INSERT_PER_TXN);
    for (i, o) in orang.iter().enumerate() {
        for d in &hari {
            for k in 0..per_hari(i) {
                let verified = *d < batas_verifikasi;
                buffer.push(aktivitas::ActiveModel {
                    id: Set(akt_id),
                    instansi_id: Set(iid),
                    pegawai_id: Set(o.id),
                    skp_id: Set(skp_of(i)),
                    rhk_id: Set(rhk_of(i, (k % 2) as i32)),
                    tanggal: Set(*d),
                    uraian: Set("Menyusun laporan dan melayani administrasi harian".into()),
                    kuantitas: Set(100 * (1 + (k as i64 % 2))),
                    satuan: Set("Laporan".into()),
                    status: Set(if verified {
                        crate::services::status::aktivitas::DISETUJUI
                    } else {
                        crate::services::status::aktivitas::DIAJUKAN
                    }
                    .into()),
                    verifikasi: Set(verified.then(|| akt::SESUAI.to_string())),
                    catatan_verifikasi: Set(String::new()),
                    diverifikasi_oleh: Set(if verified {
                        o.atasan.map(|a| orang[a].id)
                    } else {
                        None
                    }),
                    diverifikasi_at: Set(verified.then_some(t)),
                    created_at: Set(t),
                    updated_at: Set(t),
                });
                akt_id += 1;
            }
        }
        if buffer.len() >= BARIS_PER_INSERT * INSERT_PER_TXN || i + 1 == orang.len() {
            let rows = std::mem::take(&mut buffer);
            sisipkan(db, rows, |k| {
                done += k;
                progress("aktivitas", done, total_akt);
            })
            .await?;
        }
    }
    geser_sequence(
        db,
        &[
            "unit_kerja",
            "jabatan",
            "pegawai",
            "user_account",
            "skp",
            "rhk",
            "iki",
            "aktivitas",
        ],
    )
    .await?;
    // The summaries the monitoring page reads.
    ringkasan::hitung_ulang(db, &mut *progress).await?;
    progress("statistik", 0, 1);
    statistik(db).await?;
    progress("statistik", 1, 1);
    audit::record(
        db,
        &actor,
        Some(iid),
        Action::Import,
        ("instansi", iid as i64),
        None::<&()>,
        Some(&serde_json::json!({
            "generate": { "pegawai": total, "hari": opsi.hari, "aktivitas": done }
        })),
    )
    .await?;
    // A kepala seksi with a full team, and one of their staff.
    let kasi = orang.iter().position(|o| o.golongan == "III/d");
    let mut contoh = Vec::new();
    if let Some(k) = kasi {
        contoh.push((
            "Kepala seksi (tim 29)".into(),
            nip_ke(first + k as u64, today),
        ));
        if k + 2 < orang.len() {
            contoh.push(("Staf".into(), nip_ke(first + k as u64 + 2, today)));
        }
    }
    Ok(Hasil {
        instansi_id: iid,
        pegawai: total,
        skp: total_skp,
        aktivitas: done,
        evaluasi: total_evaluasi,
        contoh,
    })
}
