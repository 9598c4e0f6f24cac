//! Demo data: four regional governments with realistic unit trees, jabatan of every kind and
//! about 110 pegawai each, with valid NIPs and golongan, and an account for every role.
//!
//! Generated deterministically (a fixed seed), so every fresh `kinerja demo` shows the same
//! people. Loading is skipped when the demo instansi already exist.

use crate::actor::{Actor, Peran};
use crate::db::entities::{instansi, jabatan, pegawai};
use crate::error::CoreResult;
use crate::rules::jabatan::JenisJabatan;
use crate::rules::nip::StatusAsn;
use crate::services::akun::auth::{hash_password_async, new_account};
use crate::services::jejak::audit::{self, Action};
use crate::services::now;
use chrono::{Datelike, NaiveDate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use std::collections::HashSet;

/// The password of every demo account. Printed by `kinerja demo`; never use demo data in production.
pub const DEMO_PASSWORD: &str = "kinerja2026";

/// (kode, nama, jenis, lokasi, short name used in unit names)
const INSTANSI: [(&str, &str, &str, &str, &str); 4] = [
    (
        "pontianak",
        "Pemerintah Kota Pontianak",
        "KOTA",
        "Pontianak",
        "Kota Pontianak",
    ),
    (
        "bukittinggi",
        "Pemerintah Kota Bukittinggi",
        "KOTA",
        "Bukittinggi",
        "Kota Bukittinggi",
    ),
    (
        "bulungan",
        "Pemerintah Kabupaten Bulungan",
        "KABUPATEN",
        "Tanjung Selor",
        "Kabupaten Bulungan",
    ),
    (
        "lampung",
        "Pemerintah Provinsi Lampung",
        "PROVINSI",
        "Bandar Lampung",
        "Provinsi Lampung",
    ),
];

pub(crate) const NAMA_DEPAN_L: [&str; 30] = [
    "Ahmad",
    "Budi",
    "Dedi",
    "Eko",
    "Fajar",
    "Gunawan",
    "Hendra",
    "Irwan",
    "Joko",
    "Kurniawan",
    "Lukman",
    "Muhammad",
    "Nur",
    "Oki",
    "Rahmat",
    "Rudi",
    "Syahrul",
    "Teguh",
    "Wahyu",
    "Yusuf",
    "Agus",
    "Bambang",
    "Doni",
    "Firman",
    "Hasan",
    "Imam",
    "Rizky",
    "Sigit",
    "Taufik",
    "Zulkifli",
];
pub(crate) const NAMA_DEPAN_P: [&str; 30] = [
    "Ani", "Dewi", "Eka", "Fitri", "Indah", "Kartika", "Lestari", "Maya", "Nurul", "Putri",
    "Ratna", "Sari", "Siti", "Tri", "Wulan", "Yuni", "Ayu", "Desi", "Endang", "Hesti", "Intan",
    "Lina", "Mega", "Novi", "Rina", "Sri", "Tuti", "Vera", "Winda", "Yanti",
];
pub(crate) const NAMA_BELAKANG: [&str; 30] = [
    "Pratama",
    "Saputra",
    "Wijaya",
    "Hidayat",
    "Nasution",
    "Siregar",
    "Lubis",
    "Harahap",
    "Syahputra",
    "Kusuma",
    "Santoso",
    "Rahman",
    "Hakim",
    "Fauzi",
    "Setiawan",
    "Susanto",
    "Purnomo",
    "Simanjuntak",
    "Panjaitan",
    "Putri",
    "Lestari",
    "Rahmawati",
    "Handayani",
    "Wulandari",
    "Maharani",
    "Permata",
    "Anggraini",
    "Utami",
    "Daulay",
    "Batubara",
];

/// The accounts `kinerja demo` prints.
#[derive(Debug, Clone)]
pub struct DemoAccounts {
    pub loaded: bool,
    pub pegawai: usize,
    /// (role, login, what to look at)
    pub accounts: Vec<(String, String, String)>,
}

struct Gen {
    rng: StdRng,
    nips: HashSet<String>,
    today: NaiveDate,
}

impl Gen {
    fn name(&mut self, female: bool) -> String {
        let first = if female {
            NAMA_DEPAN_P[self.rng.random_range(0..NAMA_DEPAN_P.len())]
        } else {
            NAMA_DEPAN_L[self.rng.random_range(0..NAMA_DEPAN_L.len())]
        };
        let last = NAMA_BELAKANG[self.rng.random_range(0..NAMA_BELAKANG.len())];
        format!("{first} {last}")
    }

    /// A valid NIP for someone of `age`, serving since `years_in_service` years.
    fn nip(&mut self, status: StatusAsn, female: bool, age: i32, years_in_service: i32) -> String {
        let y = self.today.year();
        loop {
            let birth = NaiveDate::from_ymd_opt(
                y - age,
                self.rng.random_range(1..=12),
                self.rng.random_range(1..=28),
            )
            .expect("day <= 28 always valid");
            let tmt_year = (y - years_in_service).max(birth.year() + 19).min(y - 1);
            let g = if female { 2 } else { 1 };
            let seq = self.rng.random_range(1..=999);
            let nip = match status {
                StatusAsn::Pns => format!(
                    "{}{:04}{:02}{}{:03}",
                    birth.format("%Y%m%d"),
                    tmt_year,
                    self.rng.random_range(1..=12),
                    g,
                    seq
                ),
                StatusAsn::Pppk => {
                    format!("{}{:04}21{}{:03}", birth.format("%Y%m%d"), tmt_year, g, seq)
                }
            };
            if self.nips.insert(nip.clone()) {
                return nip;
            }
        }
    }
}

/// A jabatan to create: (name, jenis, jenjang, holders as (count, golongan choices, PPPK share %)).
struct Pos {
    nama: String,
    jenis: JenisJabatan,
    jenjang: &'static str,
    count: usize,
    golongan: &'static [&'static str],
    pppk_percent: u32,
    age: (i32, i32),
}

fn pos(
    nama: impl Into<String>,
    jenis: JenisJabatan,
    jenjang: &'static str,
    count: usize,
    golongan: &'static [&'static str],
    age: (i32, i32),
) -> Pos {
    Pos {
        nama: nama.into(),
        jenis,
        jenjang,
        count,
        golongan,
        pppk_percent: 0,
        age,
    }
}

const G_JPT: &[&str] = &["IV/c", "IV/d"];
const G_ADM: &[&str] = &["IV/a", "IV/b"];
const G_PENGAWAS: &[&str] = &["III/c", "III/d", "IV/a"];
const G_PELAKSANA: &[&str] = &["II/a", "II/b", "II/c", "II/d", "III/a", "III/b"];
const G_AHLI: &[&str] = &["III/a", "III/b", "III/c", "III/d"];
const G_AHLI_MADYA: &[&str] = &["IV/a", "IV/b", "IV/c"];
const G_TERAMPIL: &[&str] = &["II/b", "II/c", "II/d", "III/a"];
const G_PPPK_AHLI: &[&str] = &["IX", "X"];
const G_PPPK_TERAMPIL: &[&str] = &["V", "VI", "VII"];

/// Loads the demo data unless it is there already.
pub async fn load(
    db: &DatabaseConnection,
    mut progress: impl FnMut(u64, u64),
) -> CoreResult<DemoAccounts> {
    let existing = instansi::Entity::find()
        .filter(instansi::Column::Kode.eq(INSTANSI[0].0))
        .one(db)
        .await?;
    let hash = hash_password_async(DEMO_PASSWORD.to_string()).await?;
    let mut g = Gen {
        rng: StdRng::seed_from_u64(6_2022),
        nips: HashSet::new(),
        today: now().date_naive(),
    };
    let actor = Actor::system();
    let mut total = 0;
    if existing.is_none() {
        let txn = db.begin().await?;
        for (i, spec) in INSTANSI.iter().enumerate() {
            total += load_instansi(&txn, &actor, &mut g, spec, &hash).await?;
            progress(i as u64 + 1, INSTANSI.len() as u64);
        }
        ensure_admin(&txn, "superadmin", None, Peran::SuperAdmin, &hash).await?;
        txn.commit().await?;
        // Every demo instansi has the current year open, in quarters.
        let tahun = now().date_naive().year().to_string();
        for i in instansi::Entity::find().all(db).await? {
            let input = crate::services::perencanaan::periode::BukaTahunInput {
                tahun: tahun.clone(),
                skema: "TRIWULAN".into(),
                tenggang_hari: "10".into(),
            };
            crate::services::perencanaan::periode::buka_tahun(db, &actor, i.id, &input).await?;
        }
        crate::contoh::rencana::load(db, g.today).await?;
        kompetensi_contoh(db, &actor).await?;
        crate::contoh::kompetensi::load(db, g.today).await?;
    }
    accounts(db, existing.is_none(), total).await
}

/// The technical competencies the regions appraise (`DOMAIN.md` §12: "metode pembelajaran" for
/// guru, "komunikasi kesehatan" for perawat) in every demo instansi, and the standard of the
/// Perawat Ahli Pertama jabatan confirmed as suggested plus komunikasi kesehatan at level 2.
async fn kompetensi_contoh(db: &DatabaseConnection, actor: &Actor) -> CoreResult<()> {
    use crate::services::kompetensi::kamus::{self as kompetensi, KompetensiInput};
    let teknis = [
        (
            "T.01",
            "Komunikasi kesehatan",
            [
                "Menyampaikan pesan kesehatan sederhana kepada pasien",
                "Menyesuaikan pesan dengan latar belakang pasien dan keluarga",
                "Memberikan edukasi kesehatan kelompok",
                "Merancang materi promosi kesehatan unit",
                "Menjadi rujukan komunikasi kesehatan daerah",
            ],
        ),
        (
            "T.02",
            "Metode pembelajaran",
            [
                "Menerapkan metode pembelajaran yang ditetapkan",
                "Memilih metode sesuai karakter peserta didik",
                "Memadukan beberapa metode dan mengevaluasi hasilnya",
                "Mengembangkan metode baru dan membimbing rekan guru",
                "Menjadi rujukan pengembangan metode pembelajaran daerah",
            ],
        ),
    ];
    for inst in instansi::Entity::find().all(db).await? {
        let mut komunikasi = None;
        for (kode, nama, level) in &teknis {
            let k = kompetensi::tambah_teknis(
                db,
                actor,
                inst.id,
                &KompetensiInput {
                    kode: (*kode).into(),
                    nama: (*nama).into(),
                    level_1: level[0].into(),
                    level_2: level[1].into(),
                    level_3: level[2].into(),
                    level_4: level[3].into(),
                    level_5: level[4].into(),
                },
            )
            .await?;
            komunikasi.get_or_insert(k.id);
        }
        let perawat = jabatan::Entity::find()
            .filter(jabatan::Column::InstansiId.eq(inst.id))
            .filter(jabatan::Column::Nama.eq("Perawat Ahli Pertama"))
            .all(db)
            .await?;
        for j in perawat {
            let skj = kompetensi::standar(db, actor, j.id).await?;
            let mut isian: std::collections::HashMap<i32, String> = skj
                .baris
                .iter()
                .filter_map(|b| Some((b.kompetensi.id, b.nilai()?.to_string())))
                .collect();
            if let Some(k) = komunikasi {
                isian.insert(k, "2".into());
            }
            kompetensi::simpan_standar(db, actor, j.id, &isian).await?;
        }
    }
    Ok(())
}

async fn ensure_admin<C: sea_orm::ConnectionTrait>(
    db: &C,
    username: &str,
    instansi_id: Option<i32>,
    peran: Peran,
    hash: &str,
) -> CoreResult<()> {
    let user = new_account(username, hash.to_string(), None, instansi_id, peran)
        .insert(db)
        .await?;
    audit::record(
        db,
        &Actor::system(),
        instansi_id,
        Action::Create,
        ("user_account", user.id as i64),
        None::<&()>,
        Some(&serde_json::json!({"username": username, "peran": peran.code()})),
    )
    .await
}

struct Builder<'a, C: sea_orm::ConnectionTrait> {
    db: &'a C,
    actor: &'a Actor,
    instansi_id: i32,
    hash: &'a str,
    count: usize,
}

impl<C: sea_orm::ConnectionTrait> Builder<'_, C> {
    async fn unit(&self, nama: &str, singkatan: &str, parent: Option<i32>) -> CoreResult<i32> {
        let u = crate::services::organisasi::unit_kerja::new_row(
            self.instansi_id,
            parent,
            nama,
            singkatan,
        )
        .insert(self.db)
        .await?;
        audit::created(
            self.db,
            self.actor,
            Some(self.instansi_id),
            ("unit_kerja", u.id as i64),
            &u,
        )
        .await?;
        Ok(u.id)
    }

    /// Creates the jabatan and its holders; returns the jabatan id.
    async fn pos(
        &mut self,
        g: &mut Gen,
        unit: i32,
        atasan: Option<i32>,
        p: Pos,
    ) -> CoreResult<i32> {
        let j = crate::services::organisasi::jabatan::new_row(
            self.instansi_id,
            unit,
            &p.nama,
            p.jenis,
            p.jenjang,
            atasan,
        )
        .insert(self.db)
        .await?;
        audit::created(
            self.db,
            self.actor,
            Some(self.instansi_id),
            ("jabatan", j.id as i64),
            &j,
        )
        .await?;
        for _ in 0..p.count {
            let female = g.rng.random_bool(0.5);
            let pppk = p.pppk_percent > 0 && g.rng.random_range(0..100) < p.pppk_percent;
            let status = if pppk {
                StatusAsn::Pppk
            } else {
                StatusAsn::Pns
            };
            let age = g.rng.random_range(p.age.0..=p.age.1);
            let service = if pppk {
                g.rng.random_range(1..=3)
            } else {
                (age - 24).max(1)
            };
            let golongan = if pppk {
                let choices = if p.jenis == JenisJabatan::FungsionalKeahlian {
                    G_PPPK_AHLI
                } else {
                    G_PPPK_TERAMPIL
                };
                choices[g.rng.random_range(0..choices.len())]
            } else {
                p.golongan[g.rng.random_range(0..p.golongan.len())]
            };
            let nama = g.name(female);
            let nip = g.nip(status, female, age, service);
            let peg = crate::services::organisasi::pegawai::new_row(
                self.instansi_id,
                j.id,
                unit,
                &nip,
                &nama,
                status,
                golongan,
            )
            .insert(self.db)
            .await?;
            audit::created(
                self.db,
                self.actor,
                Some(self.instansi_id),
                ("pegawai", peg.id as i64),
                &peg,
            )
            .await?;
            new_account(
                &nip,
                self.hash.to_string(),
                Some(peg.id),
                Some(self.instansi_id),
                Peran::Pegawai,
            )
            .insert(self.db)
            .await?;
            self.count += 1;
        }
        Ok(j.id)
    }
}

async fn load_instansi<C: sea_orm::ConnectionTrait>(
    db: &C,
    actor: &Actor,
    g: &mut Gen,
    spec: &(&str, &str, &str, &str, &str),
    hash: &str,
) -> CoreResult<usize> {
    let (kode, nama, jenis, lokasi, wilayah) = *spec;
    let provinsi = jenis == "PROVINSI";
    let inst = instansi::ActiveModel {
        kode: Set(kode.to_string()),
        nama: Set(nama.to_string()),
        nama_lower: Set(nama.to_lowercase()),
        jenis: Set(jenis.to_string()),
        lokasi: Set(lokasi.to_string()),
        aktif: Set(true),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::created(
        db,
        actor,
        Some(inst.id),
        ("instansi", inst.id as i64),
        &inst,
    )
    .await?;
    let mut b = Builder {
        db,
        actor,
        instansi_id: inst.id,
        hash,
        count: 0,
    };
    let jpt_top = if provinsi { "MADYA" } else { "PRATAMA" };

    let sekda = setda(&mut b, g, wilayah, jpt_top).await?;
    bkpsdm(&mut b, g, sekda).await?;
    dinkes(&mut b, g, sekda, provinsi).await?;
    disdik(&mut b, g, sekda, provinsi, lokasi).await?;
    dishub(&mut b, g, sekda).await?;

    ensure_admin(
        db,
        &format!("admin.{kode}"),
        Some(inst.id),
        Peran::AdminInstansi,
        hash,
    )
    .await?;
    Ok(b.count)
}

/// The Sekretariat Daerah with its Bagian Organisasi; the Sekretaris Daerah's jabatan, which
/// every dinas head reports to.
async fn setda<C: sea_orm::ConnectionTrait>(
    b: &mut Builder<'_, C>,
    g: &mut Gen,
    wilayah: &str,
    jpt_top: &'static str,
) -> CoreResult<i32> {
    use JenisJabatan::*;
    let setda = b
        .unit(&format!("Sekretariat Daerah {wilayah}"), "Setda", None)
        .await?;
    let sekda = b
        .pos(
            g,
            setda,
            None,
            pos("Sekretaris Daerah", Jpt, jpt_top, 1, G_JPT, (50, 58)),
        )
        .await?;
    let bag_org = b.unit("Bagian Organisasi", "Org", Some(setda)).await?;
    let kabag = b
        .pos(
            g,
            bag_org,
            Some(sekda),
            pos(
                "Kepala Bagian Organisasi",
                Administrator,
                "",
                1,
                G_ADM,
                (42, 55),
            ),
        )
        .await?;
    b.pos(
        g,
        bag_org,
        Some(kabag),
        pos(
            "Analis Kelembagaan",
            Pelaksana,
            "KLEREK",
            2,
            G_PELAKSANA,
            (25, 50),
        ),
    )
    .await?;
    Ok(sekda)
}

/// The BKPSDM: the head, the secretariat and two bidang with their analysts.
async fn bkpsdm<C: sea_orm::ConnectionTrait>(
    b: &mut Builder<'_, C>,
    g: &mut Gen,
    sekda: i32,
) -> CoreResult<()> {
    use JenisJabatan::*;
    let bkpsdm = b
        .unit(
            "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
            "BKPSDM",
            None,
        )
        .await?;
    let ka_bkpsdm = b
        .pos(
            g,
            bkpsdm,
            Some(sekda),
            pos("Kepala BKPSDM", Jpt, "PRATAMA", 1, G_JPT, (48, 57)),
        )
        .await?;
    let sek_bkpsdm = b
        .pos(
            g,
            bkpsdm,
            Some(ka_bkpsdm),
            pos("Sekretaris BKPSDM", Administrator, "", 1, G_ADM, (42, 55)),
        )
        .await?;
    let subbag_umum = b
        .pos(
            g,
            bkpsdm,
            Some(sek_bkpsdm),
            pos(
                "Kepala Subbagian Umum dan Kepegawaian",
                Pengawas,
                "",
                1,
                G_PENGAWAS,
                (35, 52),
            ),
        )
        .await?;
    b.pos(
        g,
        bkpsdm,
        Some(subbag_umum),
        pos(
            "Pengadministrasi Perkantoran",
            Pelaksana,
            "KLEREK",
            3,
            G_PELAKSANA,
            (24, 55),
        ),
    )
    .await?;
    let bid_mutasi = b
        .pos(
            g,
            bkpsdm,
            Some(ka_bkpsdm),
            pos(
                "Kepala Bidang Mutasi dan Promosi",
                Administrator,
                "",
                1,
                G_ADM,
                (42, 55),
            ),
        )
        .await?;
    b.pos(
        g,
        bkpsdm,
        Some(bid_mutasi),
        pos(
            "Analis Sumber Daya Manusia Aparatur Ahli Pertama",
            FungsionalKeahlian,
            "PT",
            2,
            G_AHLI,
            (26, 40),
        ),
    )
    .await?;
    b.pos(
        g,
        bkpsdm,
        Some(bid_mutasi),
        pos(
            "Analis Sumber Daya Manusia Aparatur Ahli Muda",
            FungsionalKeahlian,
            "MU",
            2,
            G_AHLI,
            (33, 50),
        ),
    )
    .await?;
    let bid_pengembangan = b
        .pos(
            g,
            bkpsdm,
            Some(ka_bkpsdm),
            pos(
                "Kepala Bidang Pengembangan Kompetensi dan Penilaian Kinerja",
                Administrator,
                "",
                1,
                G_ADM,
                (42, 55),
            ),
        )
        .await?;
    b.pos(
        g,
        bkpsdm,
        Some(bid_pengembangan),
        pos(
            "Pengelola Kinerja Pegawai",
            Pelaksana,
            "KLEREK",
            3,
            G_PELAKSANA,
            (24, 50),
        ),
    )
    .await?;
    Ok(())
}

/// The Dinas Kesehatan with its puskesmas (a provinsi has its health UPTD instead).
async fn dinkes<C: sea_orm::ConnectionTrait>(
    b: &mut Builder<'_, C>,
    g: &mut Gen,
    sekda: i32,
    provinsi: bool,
) -> CoreResult<()> {
    use JenisJabatan::*;
    let dinkes = b.unit("Dinas Kesehatan", "Dinkes", None).await?;
    let kadinkes = b
        .pos(
            g,
            dinkes,
            Some(sekda),
            pos("Kepala Dinas Kesehatan", Jpt, "PRATAMA", 1, G_JPT, (48, 57)),
        )
        .await?;
    let sek_dinkes = b
        .pos(
            g,
            dinkes,
            Some(kadinkes),
            pos(
                "Sekretaris Dinas Kesehatan",
                Administrator,
                "",
                1,
                G_ADM,
                (42, 55),
            ),
        )
        .await?;
    b.pos(
        g,
        dinkes,
        Some(sek_dinkes),
        pos(
            "Pengelola Keuangan",
            Pelaksana,
            "KLEREK",
            2,
            G_PELAKSANA,
            (24, 50),
        ),
    )
    .await?;
    let kabid_yankes = b
        .pos(
            g,
            dinkes,
            Some(kadinkes),
            pos(
                "Kepala Bidang Pelayanan Kesehatan",
                Administrator,
                "",
                1,
                G_ADM,
                (42, 55),
            ),
        )
        .await?;
    b.pos(
        g,
        dinkes,
        Some(kabid_yankes),
        pos(
            "Administrator Kesehatan Ahli Muda",
            FungsionalKeahlian,
            "MU",
            2,
            G_AHLI,
            (33, 50),
        ),
    )
    .await?;
    let puskesmas = if provinsi {
        vec![
            "UPTD Balai Laboratorium Kesehatan",
            "UPTD Balai Pelatihan Kesehatan",
            "UPTD Instalasi Farmasi",
        ]
    } else {
        vec![
            "Puskesmas Kecamatan Kota",
            "Puskesmas Kecamatan Utara",
            "Puskesmas Kecamatan Selatan",
        ]
    };
    for nama_pkm in puskesmas {
        let u = b.unit(nama_pkm, "", Some(dinkes)).await?;
        let kepala = b
            .pos(
                g,
                u,
                Some(kadinkes),
                pos(
                    format!("Kepala {nama_pkm}"),
                    Pengawas,
                    "",
                    1,
                    G_PENGAWAS,
                    (38, 55),
                ),
            )
            .await?;
        b.pos(
            g,
            u,
            Some(kepala),
            pos(
                "Dokter Ahli Muda",
                FungsionalKeahlian,
                "MU",
                1,
                G_AHLI,
                (32, 50),
            ),
        )
        .await?;
        b.pos(
            g,
            u,
            Some(kepala),
            Pos {
                pppk_percent: 40,
                ..pos(
                    "Perawat Ahli Pertama",
                    FungsionalKeahlian,
                    "PT",
                    2,
                    G_AHLI,
                    (25, 40),
                )
            },
        )
        .await?;
        b.pos(
            g,
            u,
            Some(kepala),
            Pos {
                pppk_percent: 30,
                ..pos(
                    "Perawat Terampil",
                    FungsionalKeterampilan,
                    "TR",
                    2,
                    G_TERAMPIL,
                    (24, 45),
                )
            },
        )
        .await?;
        b.pos(
            g,
            u,
            Some(kepala),
            pos(
                "Bidan Mahir",
                FungsionalKeterampilan,
                "MH",
                1,
                G_TERAMPIL,
                (28, 50),
            ),
        )
        .await?;
    }
    Ok(())
}

/// The Dinas Pendidikan dan Kebudayaan with its schools, named after `lokasi`.
async fn disdik<C: sea_orm::ConnectionTrait>(
    b: &mut Builder<'_, C>,
    g: &mut Gen,
    sekda: i32,
    provinsi: bool,
    lokasi: &str,
) -> CoreResult<()> {
    use JenisJabatan::*;
    let disdik = b
        .unit("Dinas Pendidikan dan Kebudayaan", "Disdikbud", None)
        .await?;
    let kadisdik = b
        .pos(
            g,
            disdik,
            Some(sekda),
            pos(
                "Kepala Dinas Pendidikan dan Kebudayaan",
                Jpt,
                "PRATAMA",
                1,
                G_JPT,
                (48, 57),
            ),
        )
        .await?;
    let sek_disdik = b
        .pos(
            g,
            disdik,
            Some(kadisdik),
            pos(
                "Sekretaris Dinas Pendidikan dan Kebudayaan",
                Administrator,
                "",
                1,
                G_ADM,
                (42, 55),
            ),
        )
        .await?;
    b.pos(
        g,
        disdik,
        Some(sek_disdik),
        pos(
            "Pengadministrasi Umum",
            Pelaksana,
            "KLEREK",
            2,
            G_PELAKSANA,
            (24, 55),
        ),
    )
    .await?;
    let kabid_pembinaan = b
        .pos(
            g,
            disdik,
            Some(kadisdik),
            pos(
                if provinsi {
                    "Kepala Bidang Pembinaan SMA"
                } else {
                    "Kepala Bidang Pembinaan Sekolah Dasar"
                },
                Administrator,
                "",
                1,
                G_ADM,
                (42, 55),
            ),
        )
        .await?;
    b.pos(
        g,
        disdik,
        Some(kabid_pembinaan),
        pos(
            "Pengawas Sekolah Ahli Madya",
            FungsionalKeahlian,
            "MA",
            1,
            G_AHLI_MADYA,
            (45, 57),
        ),
    )
    .await?;
    let sekolah: Vec<String> = if provinsi {
        (1..=4)
            .map(|n| format!("SMA Negeri {n} Bandar Lampung"))
            .collect()
    } else {
        (1..=4).map(|n| format!("SD Negeri {n} {lokasi}")).collect()
    };
    for nama_sek in &sekolah {
        let u = b.unit(nama_sek, "", Some(disdik)).await?;
        let kepsek = b
            .pos(
                g,
                u,
                Some(kabid_pembinaan),
                pos(
                    format!("Kepala {nama_sek}"),
                    FungsionalKeahlian,
                    "MA",
                    1,
                    G_AHLI_MADYA,
                    (45, 57),
                ),
            )
            .await?;
        b.pos(
            g,
            u,
            Some(kepsek),
            Pos {
                pppk_percent: 50,
                ..pos(
                    "Guru Ahli Pertama",
                    FungsionalKeahlian,
                    "PT",
                    4,
                    G_AHLI,
                    (24, 40),
                )
            },
        )
        .await?;
        b.pos(
            g,
            u,
            Some(kepsek),
            pos(
                "Guru Ahli Muda",
                FungsionalKeahlian,
                "MU",
                2,
                G_AHLI,
                (35, 55),
            ),
        )
        .await?;
        b.pos(
            g,
            u,
            Some(kepsek),
            pos(
                "Pengadministrasi Sekolah",
                Pelaksana,
                "KLEREK",
                1,
                G_PELAKSANA,
                (24, 55),
            ),
        )
        .await?;
    }
    Ok(())
}

/// The Dinas Perhubungan with its UPT.
async fn dishub<C: sea_orm::ConnectionTrait>(
    b: &mut Builder<'_, C>,
    g: &mut Gen,
    sekda: i32,
) -> CoreResult<()> {
    use JenisJabatan::*;
    let dishub = b.unit("Dinas Perhubungan", "Dishub", None).await?;
    let kadishub = b
        .pos(
            g,
            dishub,
            Some(sekda),
            pos(
                "Kepala Dinas Perhubungan",
                Jpt,
                "PRATAMA",
                1,
                G_JPT,
                (48, 57),
            ),
        )
        .await?;
    let sek_dishub = b
        .pos(
            g,
            dishub,
            Some(kadishub),
            pos(
                "Sekretaris Dinas Perhubungan",
                Administrator,
                "",
                1,
                G_ADM,
                (42, 55),
            ),
        )
        .await?;
    b.pos(
        g,
        dishub,
        Some(sek_dishub),
        pos(
            "Pengadministrasi Perkantoran",
            Pelaksana,
            "KLEREK",
            2,
            G_PELAKSANA,
            (24, 55),
        ),
    )
    .await?;
    let kabid_lalin = b
        .pos(
            g,
            dishub,
            Some(kadishub),
            pos(
                "Kepala Bidang Lalu Lintas",
                Administrator,
                "",
                1,
                G_ADM,
                (42, 55),
            ),
        )
        .await?;
    b.pos(
        g,
        dishub,
        Some(kabid_lalin),
        pos(
            "Petugas Pengatur Lalu Lintas",
            Pelaksana,
            "OPERATOR",
            4,
            G_PELAKSANA,
            (24, 50),
        ),
    )
    .await?;
    for (upt, fungsi) in [
        ("UPT Terminal Penumpang", "Pengelola Terminal"),
        (
            "UPT Pengujian Kendaraan Bermotor",
            "Penguji Kendaraan Bermotor Terampil",
        ),
    ] {
        let u = b.unit(upt, "", Some(dishub)).await?;
        let kepala = b
            .pos(
                g,
                u,
                Some(kadishub),
                pos(
                    format!("Kepala {upt}"),
                    Pengawas,
                    "",
                    1,
                    G_PENGAWAS,
                    (38, 55),
                ),
            )
            .await?;
        if fungsi.ends_with("Terampil") {
            b.pos(
                g,
                u,
                Some(kepala),
                pos(
                    fungsi,
                    FungsionalKeterampilan,
                    "TR",
                    2,
                    G_TERAMPIL,
                    (25, 50),
                ),
            )
            .await?;
        } else {
            b.pos(
                g,
                u,
                Some(kepala),
                pos(fungsi, Pelaksana, "OPERATOR", 2, G_PELAKSANA, (25, 50)),
            )
            .await?;
        }
        b.pos(
            g,
            u,
            Some(kepala),
            pos(
                "Teknisi Sarana dan Prasarana",
                Pelaksana,
                "TEKNISI",
                1,
                G_PELAKSANA,
                (25, 50),
            ),
        )
        .await?;
    }
    Ok(())
}

/// The demo logins to print: the super admin, each admin instansi, and for Pontianak a head of
/// department (a penilai) and one of their staff.
async fn accounts(
    db: &DatabaseConnection,
    loaded: bool,
    created: usize,
) -> CoreResult<DemoAccounts> {
    let mut accounts = vec![(
        "Super admin".to_string(),
        "superadmin".to_string(),
        "semua instansi".to_string(),
    )];
    for (kode, nama, ..) in INSTANSI {
        accounts.push((
            "Admin instansi".into(),
            format!("admin.{kode}"),
            nama.to_string(),
        ));
    }
    let kadinkes = jabatan::Entity::find()
        .filter(jabatan::Column::NamaLower.eq("kepala dinas kesehatan"))
        .one(db)
        .await?;
    if let Some(j) = kadinkes {
        if let Some(p) = pegawai::Entity::find()
            .filter(pegawai::Column::JabatanId.eq(j.id))
            .one(db)
            .await?
        {
            accounts.push((
                "Pejabat penilai".into(),
                p.nip.clone(),
                format!("{}, Kepala Dinas Kesehatan", p.nama),
            ));
        }
        let sek = jabatan::Entity::find()
            .filter(jabatan::Column::AtasanId.eq(j.id))
            .one(db)
            .await?;
        if let Some(s) = sek
            && let Some(p) = pegawai::Entity::find()
                .filter(pegawai::Column::JabatanId.eq(s.id))
                .one(db)
                .await?
        {
            accounts.push((
                "Pegawai".into(),
                p.nip.clone(),
                format!("{}, {}", p.nama, s.nama),
            ));
        }
    }
    // The planning flow in Pontianak: a puskesmas head, a perawat with a set SKP and daily
    // activities, and a perawat who has no SKP yet (see `demo_rencana`).
    let kapus = jabatan::Entity::find()
        .filter(jabatan::Column::NamaLower.eq("kepala puskesmas kecamatan kota"))
        .order_by_asc(jabatan::Column::Id)
        .one(db)
        .await?;
    if let Some(kj) = kapus {
        if let Some(p) = pegawai::Entity::find()
            .filter(pegawai::Column::JabatanId.eq(kj.id))
            .one(db)
            .await?
        {
            accounts.push((
                "Kepala puskesmas".into(),
                p.nip.clone(),
                format!("{}, menilai dan memverifikasi tim", p.nama),
            ));
        }
        let perawat_jab = jabatan::Entity::find()
            .filter(jabatan::Column::AtasanId.eq(kj.id))
            .filter(jabatan::Column::Nama.eq("Perawat Ahli Pertama"))
            .one(db)
            .await?;
        if let Some(pj) = perawat_jab {
            let perawat = pegawai::Entity::find()
                .filter(pegawai::Column::JabatanId.eq(pj.id))
                .order_by_asc(pegawai::Column::Id)
                .all(db)
                .await?;
            for (p, label, what) in perawat
                .iter()
                .zip([
                    ("Perawat (SKP ditetapkan)", "aktivitas harian dan realisasi"),
                    ("Perawat (belum ada SKP)", "menyusun SKP dari RHK atasan"),
                ])
                .map(|(p, (l, w))| (p, l, w))
            {
                accounts.push((label.into(), p.nip.clone(), format!("{}, {what}", p.nama)));
            }
        }
    }
    let pegawai = if loaded {
        created
    } else {
        pegawai::Entity::find().all(db).await?.len()
    };
    Ok(DemoAccounts {
        loaded,
        pegawai,
        accounts,
    })
}
