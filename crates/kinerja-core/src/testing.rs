//! Test support: a fresh database per test on SQLite (a temporary file) and, when
//! `KINERJA_TEST_POSTGRES_URL` is set, on PostgreSQL (a new database created and dropped), plus a
//! small two-instansi fixture. `KINERJA_REQUIRE_POSTGRES=1` turns a skipped PostgreSQL variant
//! into a failure (CI sets it).

use crate::actor::Peran;
use crate::db;
use crate::db::entities::{instansi, pegawai, user_account};
use crate::services::akun::auth::new_account;
use crate::services::now;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Database, DatabaseConnection, Set};
use std::sync::OnceLock;

pub struct TestDb {
    pub db: DatabaseConnection,
    pub backend: &'static str,
    /// The database's URL, for a process of its own (the binary under test).
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    pg: Option<(String, String)>,
}

impl TestDb {
    /// Drops the PostgreSQL database (the SQLite directory goes with `TempDir`).
    pub async fn cleanup(self) {
        let TestDb { db, pg, _dir, .. } = self;
        let _ = db::baca::close(db).await;
        if let Some((admin_url, name)) = pg
            && let Ok(admin) = Database::connect(admin_url).await
        {
            let _ = admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .await;
            let _ = admin.close().await;
        }
    }
}

/// A migrated SQLite database in a temporary file.
pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
    let conn = db::connect(&url, 4).await.expect("sqlite connect");
    crate::setup::migrate(&conn).await.expect("migrate");
    TestDb {
        db: conn,
        backend: "sqlite",
        url,
        _dir: Some(dir),
        pg: None,
    }
}

/// A migrated PostgreSQL database of its own, or `None` (with a note) when not configured.
pub async fn postgres() -> Option<TestDb> {
    let Ok(base) = std::env::var("KINERJA_TEST_POSTGRES_URL") else {
        if std::env::var("KINERJA_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") {
            panic!("KINERJA_REQUIRE_POSTGRES=1 but KINERJA_TEST_POSTGRES_URL is not set");
        }
        static NOTED: OnceLock<()> = OnceLock::new();
        NOTED.get_or_init(|| {
            eprintln!("PostgreSQL variant skipped: KINERJA_TEST_POSTGRES_URL is not set")
        });
        return None;
    };
    let name = format!(
        "kinerja_test_{}_{}",
        std::process::id(),
        rand::random::<u32>()
    );
    let admin = Database::connect(base.clone())
        .await
        .expect("connect to KINERJA_TEST_POSTGRES_URL");
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await
        .expect("create test database");
    let _ = admin.close().await;
    let url = replace_db_name(&base, &name);
    let conn = db::connect(&url, 4).await.expect("postgres connect");
    crate::setup::migrate(&conn).await.expect("migrate");
    Some(TestDb {
        db: conn,
        backend: "postgres",
        url,
        _dir: None,
        pg: Some((base, name)),
    })
}

fn replace_db_name(url: &str, name: &str) -> String {
    let (head, query) = match url.split_once('?') {
        Some((h, q)) => (h, Some(q)),
        None => (url, None),
    };
    let after_scheme = head.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match head[after_scheme..].find('/') {
        Some(i) => &head[..after_scheme + i],
        None => head,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

/// Runs the body once on SQLite and once on PostgreSQL (when configured), each on a fresh,
/// migrated database bound to `$db: &DatabaseConnection`.
#[macro_export]
macro_rules! db_test {
    ($name:ident, |$db:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let t = $crate::testing::sqlite().await;
                {
                    let $db = &t.db;
                    $body
                }
                t.cleanup().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some(t) = $crate::testing::postgres().await else {
                    return;
                };
                {
                    let $db = &t.db;
                    $body
                }
                t.cleanup().await;
            }
        }
    };
}

/// Password of every fixture account.
pub const PASSWORD: &str = "rahasia123";

/// Ids of the fixture: instansi Alpha (a dinas with a puskesmas) and Beta (one pegawai).
#[derive(Debug, Clone)]
pub struct Fixture {
    pub alpha: i32,
    pub beta: i32,
    pub unit_dinas: i32,
    pub unit_pkm: i32,
    pub jab_kadis: i32,
    pub jab_kapus: i32,
    pub jab_perawat: i32,
    pub kadis: pegawai::Model,
    pub kapus: pegawai::Model,
    pub perawat1: pegawai::Model,
    pub perawat2: pegawai::Model,
    pub beta_pegawai: pegawai::Model,
}

static HASH: OnceLock<String> = OnceLock::new();

fn hash() -> String {
    HASH.get_or_init(|| crate::services::akun::auth::hash_password(PASSWORD))
        .clone()
}

async fn inst<C: ConnectionTrait>(db: &C, kode: &str) -> i32 {
    instansi::ActiveModel {
        kode: Set(kode.into()),
        nama: Set(format!("Pemerintah {kode}")),
        nama_lower: Set(format!("pemerintah {kode}")),
        jenis: Set("KOTA".into()),
        lokasi: Set(kode.into()),
        aktif: Set(true),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
    .id
}

async fn unit<C: ConnectionTrait>(
    db: &C,
    instansi_id: i32,
    nama: &str,
    parent: Option<i32>,
) -> i32 {
    crate::services::organisasi::unit_kerja::new_row(instansi_id, parent, nama, "")
        .insert(db)
        .await
        .unwrap()
        .id
}

async fn jab<C: ConnectionTrait>(
    db: &C,
    instansi_id: i32,
    unit: i32,
    nama: &str,
    jenis: &str,
    jenjang: &str,
    atasan: Option<i32>,
) -> i32 {
    crate::services::organisasi::jabatan::new_row(
        instansi_id,
        unit,
        nama,
        crate::rules::jabatan::JenisJabatan::from_code(jenis).expect("known jenis"),
        jenjang,
        atasan,
    )
    .insert(db)
    .await
    .unwrap()
    .id
}

/// Inserts a pegawai with an account (login = NIP, password [`PASSWORD`]).
pub async fn peg<C: ConnectionTrait>(
    db: &C,
    instansi_id: i32,
    jabatan_id: i32,
    unit: i32,
    nip: &str,
    nama: &str,
) -> pegawai::Model {
    let p = crate::services::organisasi::pegawai::new_row(
        instansi_id,
        jabatan_id,
        unit,
        nip,
        nama,
        crate::rules::nip::StatusAsn::Pns,
        "III/a",
    )
    .insert(db)
    .await
    .unwrap();
    account(db, nip, Some(p.id), Some(instansi_id), Peran::Pegawai).await;
    p
}

pub async fn account<C: ConnectionTrait>(
    db: &C,
    username: &str,
    pegawai_id: Option<i32>,
    instansi_id: Option<i32>,
    peran: Peran,
) -> user_account::Model {
    new_account(username, hash(), pegawai_id, instansi_id, peran)
        .insert(db)
        .await
        .unwrap()
}

pub const NIP_KADIS: &str = "197001012000011001";
pub const NIP_KAPUS: &str = "198002022005012002";
pub const NIP_PERAWAT1: &str = "199003032015032003";
pub const NIP_PERAWAT2: &str = "199104042016041004";
pub const NIP_BETA: &str = "198505052010051005";

/// Builds the fixture, with accounts `superadmin`, `admin.alpha`, `admin.beta` and one per
/// pegawai (login = NIP), all with password [`PASSWORD`].
pub async fn fixture<C: ConnectionTrait>(db: &C) -> Fixture {
    let alpha = inst(db, "alpha").await;
    let beta = inst(db, "beta").await;
    let unit_dinas = unit(db, alpha, "Dinas Kesehatan", None).await;
    let unit_pkm = unit(db, alpha, "Puskesmas Kota", Some(unit_dinas)).await;
    let jab_kadis = jab(
        db,
        alpha,
        unit_dinas,
        "Kepala Dinas Kesehatan",
        "JPT",
        "PRATAMA",
        None,
    )
    .await;
    let jab_kapus = jab(
        db,
        alpha,
        unit_pkm,
        "Kepala Puskesmas Kota",
        "PENGAWAS",
        "",
        Some(jab_kadis),
    )
    .await;
    let jab_perawat = jab(
        db,
        alpha,
        unit_pkm,
        "Perawat Ahli Pertama",
        "FUNGSIONAL_KEAHLIAN",
        "PT",
        Some(jab_kapus),
    )
    .await;
    let kadis = peg(db, alpha, jab_kadis, unit_dinas, NIP_KADIS, "Budi Kadis").await;
    let kapus = peg(db, alpha, jab_kapus, unit_pkm, NIP_KAPUS, "Sari Kapus").await;
    let perawat1 = peg(
        db,
        alpha,
        jab_perawat,
        unit_pkm,
        NIP_PERAWAT1,
        "Ani Perawat",
    )
    .await;
    let perawat2 = peg(
        db,
        alpha,
        jab_perawat,
        unit_pkm,
        NIP_PERAWAT2,
        "Joko Perawat",
    )
    .await;
    let unit_b = unit(db, beta, "Dinas Beta", None).await;
    let jab_b = jab(
        db,
        beta,
        unit_b,
        "Kepala Dinas Beta",
        "JPT",
        "PRATAMA",
        None,
    )
    .await;
    let beta_pegawai = peg(db, beta, jab_b, unit_b, NIP_BETA, "Eko Beta").await;
    account(db, "superadmin", None, None, Peran::SuperAdmin).await;
    account(db, "admin.alpha", None, Some(alpha), Peran::AdminInstansi).await;
    account(db, "admin.beta", None, Some(beta), Peran::AdminInstansi).await;
    Fixture {
        alpha,
        beta,
        unit_dinas,
        unit_pkm,
        jab_kadis,
        jab_kapus,
        jab_perawat,
        kadis,
        kapus,
        perawat1,
        perawat2,
        beta_pegawai,
    }
}

/// The actor of an account, by login name.
pub async fn actor<C: ConnectionTrait>(db: &C, username: &str) -> crate::Actor {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let u = user_account::Entity::find()
        .filter(user_account::Column::Username.eq(username))
        .one(db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no account {username}"));
    crate::services::akun::auth::actor_for_user(db, u.id)
        .await
        .unwrap()
        .unwrap()
}

/// The planning of the fixture's Puskesmas for one year, as [`rencana`] builds it.
#[derive(Debug, Clone)]
pub struct Rencana {
    /// Budi Kadis's SKP (JPT, set by the admin), its one RHK.
    pub skp_kadis: i32,
    pub rhk_kadis: i32,
    /// Sari Kapus's SKP (set by Budi), its RHK (cascaded from Budi's) and kuantitas IKI.
    pub skp_kapus: i32,
    pub rhk_kapus: i32,
    /// Ani Perawat's SKP (set by Sari), its RHK (cascaded from Sari's) and kuantitas IKI
    /// (target 12 Laporan).
    pub skp_perawat1: i32,
    pub rhk_perawat1: i32,
    pub iki_perawat1: i32,
}

/// Opens the year of `today` (quarters) for alpha and sets the SKP of the kadis, the kapus and Ani Perawat,
/// each through the services. Joko Perawat has no SKP.
pub async fn rencana(db: &DatabaseConnection, f: &Fixture, today: chrono::NaiveDate) -> Rencana {
    use crate::rules::alur_skp::Aksi;
    use crate::services::{perencanaan::periode, perencanaan::skp};
    use chrono::Datelike;
    let admin = actor(db, "admin.alpha").await;
    periode::buka_tahun(
        db,
        &admin,
        f.alpha,
        &periode::BukaTahunInput {
            tahun: today.year().to_string(),
            skema: "TRIWULAN".into(),
            tenggang_hari: "10".into(),
        },
    )
    .await
    .unwrap();
    let buat = skp::BuatInput {
        tahun: today.year().to_string(),
        pendekatan: skp::KUANTITATIF.into(),
    };
    let iki = |t: &str, s: &str| skp::IkiInput {
        aspek: "KUANTITAS".into(),
        indikator: format!("Jumlah {s}"),
        target: t.into(),
        satuan: s.into(),
    };
    let rhk = |teks: &str, atasan: Option<i32>| skp::RhkInput {
        jenis: skp::UTAMA.into(),
        teks: teks.into(),
        rhk_atasan_id: atasan.map(|a| a.to_string()).unwrap_or_default(),
        perspektif: "Penerima Layanan".into(),
        penugasan_dari: String::new(),
    };
    let kadis = actor(db, NIP_KADIS).await;
    let kapus = actor(db, NIP_KAPUS).await;
    let ani = actor(db, NIP_PERAWAT1).await;

    let s1 = skp::buat(db, &kadis, f.kadis.id, &buat, today)
        .await
        .unwrap();
    let r1 = skp::simpan_rhk(
        db,
        &kadis,
        s1.id,
        None,
        &rhk("Meningkatnya derajat kesehatan masyarakat", None),
        today,
    )
    .await
    .unwrap();
    skp::tambah_iki(db, &kadis, r1.id, &iki("95", "%"), today)
        .await
        .unwrap();
    skp::jalankan(db, &admin, s1.id, Aksi::Tetapkan, "", today)
        .await
        .unwrap();

    let s2 = skp::buat(db, &kapus, f.kapus.id, &buat, today)
        .await
        .unwrap();
    let r2 = skp::simpan_rhk(
        db,
        &kapus,
        s2.id,
        None,
        &rhk(
            "Terlaksananya pelayanan puskesmas yang bermutu",
            Some(r1.id),
        ),
        today,
    )
    .await
    .unwrap();
    skp::tambah_iki(db, &kapus, r2.id, &iki("4", "Laporan"), today)
        .await
        .unwrap();
    skp::jalankan(db, &kapus, s2.id, Aksi::Ajukan, "", today)
        .await
        .unwrap();
    skp::jalankan(db, &kadis, s2.id, Aksi::Tetapkan, "", today)
        .await
        .unwrap();

    let s3 = skp::buat(db, &ani, f.perawat1.id, &buat, today)
        .await
        .unwrap();
    let r3 = skp::simpan_rhk(
        db,
        &ani,
        s3.id,
        None,
        &rhk(
            "Terlaksananya asuhan keperawatan pasien rawat jalan",
            Some(r2.id),
        ),
        today,
    )
    .await
    .unwrap();
    let i3 = skp::tambah_iki(db, &ani, r3.id, &iki("12", "Laporan"), today)
        .await
        .unwrap();
    skp::jalankan(db, &ani, s3.id, Aksi::Ajukan, "", today)
        .await
        .unwrap();
    skp::jalankan(db, &kapus, s3.id, Aksi::Tetapkan, "", today)
        .await
        .unwrap();
    Rencana {
        skp_kadis: s1.id,
        rhk_kadis: r1.id,
        skp_kapus: s2.id,
        rhk_kapus: r2.id,
        skp_perawat1: s3.id,
        rhk_perawat1: r3.id,
        iki_perawat1: i3.id,
    }
}

/// Records `p`'s annual evaluation of the open year of alpha as final at `predikat` (a code),
/// rated by Sari Kapus, without going through the rating flow: for tests of what reads predikat
/// (the nine-box), the flow itself having its own tests. The year must be open.
pub async fn evaluasi_tahunan_final<C: ConnectionTrait>(
    db: &C,
    f: &Fixture,
    p: &pegawai::Model,
    predikat: &str,
    ditetapkan: chrono::NaiveDate,
) {
    use crate::db::entities::{evaluasi, periode};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let tahunan = periode::Entity::find()
        .filter(periode::Column::InstansiId.eq(f.alpha))
        .filter(periode::Column::Jenis.eq("TAHUNAN"))
        .one(db)
        .await
        .unwrap()
        .expect("the year is open");
    evaluasi::ActiveModel {
        instansi_id: Set(f.alpha),
        pegawai_id: Set(p.id),
        periode_id: Set(tahunan.id),
        skp_id: Set(None),
        unit_kerja_id: Set(p.unit_kerja_id),
        jabatan_id: Set(p.jabatan_id),
        penilai_id: Set(Some(f.kapus.id)),
        rating_hasil: Set(None),
        rating_perilaku: Set(None),
        predikat: Set(Some(predikat.into())),
        angka_kredit: Set(None),
        status: Set("FINAL".into()),
        ditetapkan_pada: Set(Some(ditetapkan)),
        catatan: Set(None),
        alasan_distribusi: Set(None),
        created_at: Set(now()),
        updated_at: Set(now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
}

/// Adds the `ke`-th extra perawat to Sari Kapus's team, for tests whose figures must not depend
/// on the size of the team: a set SKP with one RHK cascaded from hers (target 10 Laporan) and
/// one submitted activity on `today`. Every third one sits under a vacant coordinator jabatan,
/// which passes the rating up to Sari, so that vacancies grow with the team too.
pub async fn anggota_baru(
    db: &DatabaseConnection,
    f: &Fixture,
    r: &Rencana,
    ke: u32,
    today: chrono::NaiveDate,
) -> pegawai::Model {
    use crate::rules::alur_skp::Aksi;
    use crate::services::{harian::aktivitas, perencanaan::skp};
    use chrono::Datelike;
    let atasan = if ke.is_multiple_of(3) {
        let nama = format!("Koordinator Pelayanan {ke}");
        jab(
            db,
            f.alpha,
            f.unit_pkm,
            &nama,
            "PENGAWAS",
            "",
            Some(f.jab_kapus),
        )
        .await
    } else {
        f.jab_kapus
    };
    let nama = format!("Perawat Pelaksana {ke}");
    let jabatan = jab(
        db,
        f.alpha,
        f.unit_pkm,
        &nama,
        "FUNGSIONAL_KEAHLIAN",
        "PT",
        Some(atasan),
    )
    .await;
    let nip = format!("199001012015011{ke:03}");
    let p = peg(
        db,
        f.alpha,
        jabatan,
        f.unit_pkm,
        &nip,
        &format!("Anggota {ke:03}"),
    )
    .await;
    let me = actor(db, &nip).await;
    let kapus = actor(db, NIP_KAPUS).await;
    let s = skp::buat(
        db,
        &me,
        p.id,
        &skp::BuatInput {
            tahun: today.year().to_string(),
            pendekatan: skp::KUANTITATIF.into(),
        },
        today,
    )
    .await
    .unwrap();
    let rhk = skp::simpan_rhk(
        db,
        &me,
        s.id,
        None,
        &skp::RhkInput {
            jenis: skp::UTAMA.into(),
            teks: format!("Terlaksananya asuhan keperawatan ruang {ke}"),
            rhk_atasan_id: r.rhk_kapus.to_string(),
            perspektif: String::new(),
            penugasan_dari: String::new(),
        },
        today,
    )
    .await
    .unwrap();
    let iki = skp::IkiInput {
        aspek: "KUANTITAS".into(),
        indikator: "Jumlah laporan asuhan".into(),
        target: "10".into(),
        satuan: "Laporan".into(),
    };
    skp::tambah_iki(db, &me, rhk.id, &iki, today).await.unwrap();
    skp::jalankan(db, &me, s.id, Aksi::Ajukan, "", today)
        .await
        .unwrap();
    skp::jalankan(db, &kapus, s.id, Aksi::Tetapkan, "", today)
        .await
        .unwrap();
    let input = aktivitas::AktivitasInput {
        tanggal: today.to_string(),
        rhk_id: rhk.id.to_string(),
        uraian: "Asuhan keperawatan pasien".into(),
        kuantitas: "1".into(),
        satuan: "Laporan".into(),
        tautan: "https://contoh.go.id/laporan".into(),
        ajukan: Some("1".into()),
    };
    let store = crate::storage::BuktiStore::memory();
    aktivitas::catat(db, &store, &me, &input, &[], today)
        .await
        .unwrap();
    p
}

/// A small valid PDF, for evidence uploads.
pub const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_name_is_replaced() {
        assert_eq!(
            replace_db_name("postgres://postgres@127.0.0.1:5432/postgres", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            replace_db_name("postgres://u:p@h/db?sslmode=disable", "x"),
            "postgres://u:p@h/x?sslmode=disable"
        );
        assert_eq!(replace_db_name("postgres://h", "x"), "postgres://h/x");
    }
}
