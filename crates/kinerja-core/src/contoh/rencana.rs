//! The demo's planning and daily work: in each instansi the Kepala Dinas Kesehatan, the heads of
//! the first two puskesmas (or UPTD) and one perawat in each have a set SKP cascaded down the
//! chain, and the perawat have logged the last working days, mostly verified. The other staff
//! have no SKP yet, so a visitor can draft one. Everything goes through the services, as a user
//! would do it.

use crate::actor::Actor;
use crate::db::entities::{jabatan, pegawai, periode, user_account};
use crate::error::{CoreError, CoreResult};
use crate::rules::alur_skp::Aksi;
use crate::rules::berakhlak;
use crate::services::akun::auth;
use crate::services::evaluasi::distribusi;
use crate::services::evaluasi::penetapan::{self, PenetapanInput};
use crate::services::evaluasi::penilaian::{self, PenilaianInput};
use crate::services::harian::aktivitas::{self, AktivitasInput, VerifikasiInput};
use crate::services::perencanaan::skp::{self, BuatInput, IkiInput, RhkInput};
use crate::storage::BuktiStore;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

pub(crate) async fn actor_of(db: &DatabaseConnection, p: &pegawai::Model) -> CoreResult<Actor> {
    let u = user_account::Entity::find()
        .filter(user_account::Column::PegawaiId.eq(p.id))
        .one(db)
        .await?
        .ok_or_else(|| CoreError::Internal(format!("no account for {}", p.nip)))?;
    auth::actor_for_user(db, u.id)
        .await?
        .ok_or_else(|| CoreError::Internal(format!("inactive account {}", p.nip)))
}

fn iki(indikator: &str, target: &str, satuan: &str) -> IkiInput {
    IkiInput {
        aspek: "KUANTITAS".into(),
        indikator: indikator.into(),
        target: target.into(),
        satuan: satuan.into(),
    }
}

/// Drafts an SKP with one RHK and one indicator, submits it and has it set.
#[allow(clippy::too_many_arguments)]
async fn skp_ditetapkan(
    db: &DatabaseConnection,
    p: &pegawai::Model,
    penetap: &Actor,
    teks: &str,
    atasan_rhk: Option<i32>,
    indikator: IkiInput,
    tahun: i32,
    today: NaiveDate,
) -> CoreResult<i32> {
    let me = actor_of(db, p).await?;
    let buat = BuatInput {
        tahun: tahun.to_string(),
        pendekatan: skp::KUANTITATIF.into(),
    };
    let s = skp::buat(db, &me, p.id, &buat, today).await?;
    let r = skp::simpan_rhk(
        db,
        &me,
        s.id,
        None,
        &RhkInput {
            jenis: skp::UTAMA.into(),
            teks: teks.into(),
            rhk_atasan_id: atasan_rhk.map(|a| a.to_string()).unwrap_or_default(),
            perspektif: "Penerima Layanan".into(),
            penugasan_dari: String::new(),
        },
        today,
    )
    .await?;
    skp::tambah_iki(db, &me, r.id, &indikator, today).await?;
    skp::simpan_lampiran(
        db,
        &me,
        s.id,
        &skp::LampiranInput {
            dukungan_sumber_daya: "Anggaran kegiatan\nSarana dan prasarana kerja".into(),
            skema_pertanggungjawaban: "Laporan triwulan kepada pimpinan".into(),
            konsekuensi:
                "Target tercapai: tunjangan kinerja penuh\nTarget tidak tercapai: pembinaan kinerja"
                    .into(),
        },
        today,
    )
    .await?;
    if penetap.pegawai_id.is_some() {
        skp::jalankan(db, &me, s.id, Aksi::Ajukan, "", today).await?;
    }
    skp::jalankan(db, penetap, s.id, Aksi::Tetapkan, "", today).await?;
    Ok(r.id)
}

/// Working days before `today` within its year, newest first.
fn hari_kerja(today: NaiveDate, n: usize) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut d = today - Duration::days(1);
    while out.len() < n && d.year() == today.year() {
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            out.push(d);
        }
        d -= Duration::days(1);
    }
    out
}

async fn holders(db: &DatabaseConnection, jabatan_id: i32) -> CoreResult<Vec<pegawai::Model>> {
    Ok(pegawai::Entity::find()
        .filter(pegawai::Column::JabatanId.eq(jabatan_id))
        .filter(pegawai::Column::Aktif.eq(true))
        .order_by_asc(pegawai::Column::Id)
        .all(db)
        .await?)
}

/// Loads the planning demo into every instansi that has its year open.
pub async fn load(db: &DatabaseConnection, today: NaiveDate) -> CoreResult<()> {
    let admin = Actor::system();
    let tahun = today.year();
    let kadinkes = jabatan::Entity::find()
        .filter(jabatan::Column::NamaLower.eq("kepala dinas kesehatan"))
        .order_by_asc(jabatan::Column::Id)
        .all(db)
        .await?;
    // The demo's evidence is links only, so no file reaches this store.
    let store = BuktiStore::memory();
    let store = &store;
    for jk in &kadinkes {
        let Some(kadis) = holders(db, jk.id).await?.into_iter().next() else {
            continue;
        };
        let rhk_kadis = skp_ditetapkan(
            db,
            &kadis,
            &admin,
            "Meningkatnya derajat kesehatan masyarakat",
            None,
            iki("Persentase puskesmas terakreditasi", "90", "%"),
            tahun,
            today,
        )
        .await?;
        let kadis_actor = actor_of(db, &kadis).await?;
        let kapus_jab = jabatan::Entity::find()
            .filter(jabatan::Column::AtasanId.eq(jk.id))
            .filter(jabatan::Column::NamaLower.starts_with("kepala "))
            .order_by_asc(jabatan::Column::Id)
            .all(db)
            .await?;
        let mut sudah_dinilai = false;
        for kj in kapus_jab.iter().take(2) {
            let Some(kapus) = holders(db, kj.id).await?.into_iter().next() else {
                continue;
            };
            let rhk_kapus = skp_ditetapkan(
                db,
                &kapus,
                &kadis_actor,
                &format!(
                    "Terlaksananya pelayanan kesehatan dasar yang bermutu di {}",
                    kj.nama.trim_start_matches("Kepala ")
                ),
                Some(rhk_kadis),
                iki("Jumlah laporan kinerja pelayanan", "4", "Laporan"),
                tahun,
                today,
            )
            .await?;
            let kapus_actor = actor_of(db, &kapus).await?;
            // The perawat under this head, by id, as the demo's printed accounts find them.
            let Some(pj) = jabatan::Entity::find()
                .filter(jabatan::Column::AtasanId.eq(kj.id))
                .filter(jabatan::Column::Nama.eq("Perawat Ahli Pertama"))
                .one(db)
                .await?
            else {
                continue;
            };
            let perawat = holders(db, pj.id).await?;
            let Some(ani) = perawat.first() else { continue };
            let rhk = skp_ditetapkan(
                db,
                ani,
                &kapus_actor,
                "Terlaksananya asuhan keperawatan pasien rawat jalan",
                Some(rhk_kapus),
                iki("Jumlah laporan asuhan keperawatan", "240", "Laporan"),
                tahun,
                today,
            )
            .await?;
            let me = actor_of(db, ani).await?;
            for (i, d) in hari_kerja(today, 8).into_iter().enumerate() {
                let input = AktivitasInput {
                    tanggal: d.format("%Y-%m-%d").to_string(),
                    rhk_id: rhk.to_string(),
                    uraian: if i % 2 == 0 {
                        "Asuhan keperawatan pasien rawat jalan dan dokumentasinya".into()
                    } else {
                        "Penyuluhan kesehatan dan pencatatan laporan harian".into()
                    },
                    kuantitas: ((i % 3) + 1).to_string(),
                    satuan: "Laporan".into(),
                    tautan: format!("https://arsip.example/laporan/{}", d.format("%Y%m%d")),
                    ajukan: Some("1".into()),
                };
                let a = match aktivitas::catat(db, store, &me, &input, &[], today).await {
                    Ok(a) => a,
                    // A date in a closed or not yet opened period is simply skipped.
                    Err(CoreError::Validation(_)) => continue,
                    Err(e) => return Err(e),
                };
                if i >= 2 {
                    aktivitas::verifikasi(
                        db,
                        &kapus_actor,
                        a.id,
                        &VerifikasiInput {
                            verifikasi: aktivitas::SESUAI.into(),
                            ..Default::default()
                        },
                        today,
                    )
                    .await?;
                }
            }
            // In the first puskesmas with a perawat the quarter is already evaluated: the kadis
            // set its organisational predikat and the kapus rated Ani and handed the result out.
            // The next is left for a visitor to rate.
            if !sudah_dinilai {
                evaluasi_contoh(db, &kadis_actor, &kapus_actor, kj.unit_kerja_id, ani, today)
                    .await?;
                sudah_dinilai = true;
            }
        }
    }
    Ok(())
}

/// The organisational predikat of `unit` for today's period, and Ani's rating handed out
/// with the justification the default (warn) mode asks for a team of one.
async fn evaluasi_contoh(
    db: &DatabaseConnection,
    kadis: &Actor,
    kapus: &Actor,
    unit: i32,
    ani: &pegawai::Model,
    today: NaiveDate,
) -> CoreResult<()> {
    let Some(per) = periode::Entity::find()
        .filter(periode::Column::InstansiId.eq(ani.instansi_id))
        .filter(periode::Column::Jenis.ne("TAHUNAN"))
        .filter(periode::Column::Mulai.lte(today))
        .filter(periode::Column::Selesai.gte(today))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    distribusi::tetapkan(
        db,
        kadis,
        unit,
        per.id,
        "BAIK",
        "Capaian perjanjian kinerja triwulan 96%.",
        today,
    )
    .await?;
    let Some(s) = skp::berlaku(db, ani.id, today.year()).await? else {
        return Ok(());
    };
    let lembar = penilaian::lembar(db, kapus, s.id, Some(per.id), today).await?;
    let mut input = PenilaianInput {
        rating_hasil: "DIATAS".into(),
        rating_perilaku: "SESUAI".into(),
        ..Default::default()
    };
    for b in &lembar.baris {
        input.umpan_iki.insert(
            b.iki.id,
            "Laporan asuhan lengkap; pertahankan ketepatan waktu.".into(),
        );
    }
    for n in berakhlak::NILAI {
        input
            .umpan_perilaku
            .insert(n.kode, format!("Sudah menunjukkan nilai {}.", n.nama));
    }
    let e = penilaian::simpan(db, kapus, s.id, per.id, &input, today).await?;
    penetapan::tetapkan(
        db,
        kapus,
        e.id,
        &PenetapanInput {
            catatan: "Ikutkan pelatihan dokumentasi keperawatan elektronik.".into(),
            alasan_distribusi: "Baru satu perawat yang dinilai; sebaran unit diperiksa lagi setelah seluruh tim dinilai.".into(),
        },
        today,
    )
    .await?;
    // Her angka kredit from the 2023 integration, so the AK page shows the way to the next
    // pangkat.
    crate::services::evaluasi::angka_kredit::simpan_awal(
        db,
        &Actor::system(),
        ani.id,
        &crate::services::evaluasi::angka_kredit::AwalInput {
            nilai: "41,50".into(),
            per_tanggal: format!("{}-01-01", today.year()),
            keterangan: "Konversi integrasi angka kredit 2023".into(),
        },
        today,
    )
    .await?;
    Ok(())
}
