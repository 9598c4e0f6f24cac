//! Angka kredit and follow-up, on SQLite and PostgreSQL: the cumulative
//! AK from the AK brought in and the final evaluations, the next pangkat threshold; the Sangat
//! Baik recognition list, the improvement plan with its six-month horizon and its outcome; with
//! the forbidden paths (the pegawai writing their own plan or their AK brought in, the atasan or
//! another instansi writing the plan, a colleague reading someone's AK, a plan for a result not
//! yet handed out, a "tidak membaik" before the six months are over).

mod common;

use chrono::{Days, NaiveDate};
use common::*;
use kinerja_core::db_test;
use kinerja_core::services::evaluasi::angka_kredit::{self, AwalInput};
use kinerja_core::services::evaluasi::distribusi;
use kinerja_core::services::evaluasi::penetapan::{self, PenetapanInput};
use kinerja_core::services::evaluasi::penilaian;
use kinerja_core::services::evaluasi::tindak_lanjut::{self, HasilInput, RencanaInput};
use kinerja_core::testing::{self, actor, fixture};

fn hand_out() -> PenetapanInput {
    PenetapanInput {
        catatan: "Ikuti bimbingan kinerja.".into(),
        alasan_distribusi: "Sebaran unit kecil; hasil sesuai bukti.".into(),
    }
}

db_test!(improvement_plan_and_recognition_follow_the_predikat, |db| {
    let f = fixture(db).await;
    let r = testing::rencana(db, &f, today()).await;
    let per = triwulan(db, f.alpha).await;
    let kadis = actor(db, testing::NIP_KADIS).await;
    let kapus = actor(db, testing::NIP_KAPUS).await;
    let ani = actor(db, testing::NIP_PERAWAT1).await;
    let admin_beta = actor(db, "admin.beta").await;

    // Ani: Di Bawah / Sesuai → Butuh Perbaikan.
    let e = penilaian::simpan(
        db,
        &kapus,
        r.skp_perawat1,
        per.id,
        &nilai(&[r.iki_perawat1], "DIBAWAH", "SESUAI"),
        today(),
    )
    .await
    .unwrap();
    assert_eq!(e.predikat.as_deref(), Some("BUTUH_PERBAIKAN"));
    let rencana = RencanaInput {
        sasaran: "Laporan kunjungan rumah tepat waktu setiap pekan.".into(),
        langkah: "Pendampingan mingguan oleh kepala puskesmas.".into(),
        mulai: "2026-12-01".into(),
    };
    // Not handed out yet: no plan.
    conflict(
        tindak_lanjut::catat(db, &kapus, e.id, &rencana, today()).await,
        "di bawah Baik",
    );
    penetapan::tetapkan(db, &kapus, e.id, &hand_out(), today())
        .await
        .unwrap();

    // Only the penilai (or the admin) writes the plan.
    for who in [&ani, &kadis, &admin_beta] {
        forbidden(tindak_lanjut::catat(db, who, e.id, &rencana, today()).await);
    }
    fields(
        tindak_lanjut::catat(
            db,
            &kapus,
            e.id,
            &RencanaInput {
                sasaran: "singkat".into(),
                langkah: String::new(),
                mulai: "besok".into(),
            },
            today(),
        )
        .await,
        &["sasaran", "langkah", "mulai"],
    );
    let rp = tindak_lanjut::catat(db, &kapus, e.id, &rencana, today())
        .await
        .unwrap();
    assert_eq!(rp.batas, NaiveDate::from_ymd_opt(2027, 6, 1).unwrap());
    assert_eq!(rp.status, tindak_lanjut::BERJALAN);
    assert_eq!(rp.pembimbing_id, Some(f.kapus.id));

    // The pegawai reads it on their evaluation.
    let rin = kinerja_core::services::evaluasi::rincian::rincian(db, &ani, e.id, today())
        .await
        .unwrap();
    assert_eq!(rin.rencana.as_ref().map(|x| x.id), Some(rp.id));
    assert!(!rin.dapat_catat_rencana());

    // "Tidak membaik" waits for the six months; "membaik" closes it at once.
    fields(
        tindak_lanjut::tutup(
            db,
            &kapus,
            e.id,
            &HasilInput {
                status: tindak_lanjut::TIDAK_MEMBAIK.into(),
                hasil: "Laporan masih terlambat.".into(),
            },
            today(),
        )
        .await,
        &["status"],
    );
    forbidden(
        tindak_lanjut::tutup(
            db,
            &ani,
            e.id,
            &HasilInput {
                status: tindak_lanjut::MEMBAIK.into(),
                hasil: "Saya sudah membaik sekali.".into(),
            },
            today(),
        )
        .await,
    );
    let later = today() + Days::new(200);
    let closed = tindak_lanjut::tutup(
        db,
        &kapus,
        e.id,
        &HasilInput {
            status: tindak_lanjut::TIDAK_MEMBAIK.into(),
            hasil: "Laporan masih terlambat dua dari empat pekan.".into(),
        },
        later,
    )
    .await
    .unwrap();
    assert_eq!(closed.status, tindak_lanjut::TIDAK_MEMBAIK);
    conflict(
        tindak_lanjut::catat(db, &kapus, e.id, &rencana, later).await,
        "sudah selesai",
    );

    // The kapus: the puskesmas is Istimewa, behaviour Di Atas → Sangat Baik.
    distribusi::tetapkan(
        db,
        &kadis,
        f.unit_pkm,
        per.id,
        "ISTIMEWA",
        "Capaian PK 120%.",
        today(),
    )
    .await
    .unwrap();
    let skp_kapus = skp_of(db, f.kapus.id).await;
    let ikis = ikis_of(db, &kadis, skp_kapus, per.id).await;
    let ek = penilaian::simpan(
        db,
        &kadis,
        skp_kapus,
        per.id,
        &nilai(&ikis, "DIATAS", "DIATAS"),
        today(),
    )
    .await
    .unwrap();
    assert_eq!(ek.predikat.as_deref(), Some("SANGAT_BAIK"));
    penetapan::tetapkan(db, &kadis, ek.id, &hand_out(), today())
        .await
        .unwrap();

    // The lists of the dinas, for its head; not for a perawat or another instansi.
    let tl = tindak_lanjut::daftar(db, &kadis, f.unit_dinas, per.id, today())
        .await
        .unwrap();
    let nama = |xs: &[tindak_lanjut::BarisTindakLanjut]| {
        xs.iter().map(|b| b.nama.clone()).collect::<Vec<_>>()
    };
    assert_eq!(nama(&tl.penghargaan), ["Sari Kapus"]);
    assert_eq!(nama(&tl.perbaikan), ["Ani Perawat"]);
    assert_eq!(
        tl.perbaikan[0].rencana.as_ref().map(|x| x.status.as_str()),
        Some(tindak_lanjut::TIDAK_MEMBAIK)
    );
    for who in [&ani, &admin_beta] {
        forbidden(tindak_lanjut::daftar(db, who, f.unit_dinas, per.id, today()).await);
    }
});

db_test!(
    angka_kredit_accumulates_final_evaluations_from_the_ak_brought_in,
    |db| {
        let f = fixture(db).await;
        let r = testing::rencana(db, &f, today()).await;
        let per = triwulan(db, f.alpha).await;
        let kapus = actor(db, testing::NIP_KAPUS).await;
        let ani = actor(db, testing::NIP_PERAWAT1).await;
        let joko = actor(db, testing::NIP_PERAWAT2).await;
        let admin = actor(db, "admin.alpha").await;
        let admin_beta = actor(db, "admin.beta").await;

        let e = penilaian::simpan(
            db,
            &kapus,
            r.skp_perawat1,
            per.id,
            &nilai(&[r.iki_perawat1], "DIBAWAH", "SESUAI"),
            today(),
        )
        .await
        .unwrap();
        // Ahli Pertama, Butuh Perbaikan, three months: 3/12 × 75% × 12,5 = 2,34.
        assert_eq!(e.angka_kredit, Some(234));
        penetapan::tetapkan(db, &kapus, e.id, &hand_out(), today())
            .await
            .unwrap();

        let ak = angka_kredit::riwayat(db, &ani, f.perawat1.id, today())
            .await
            .unwrap();
        assert!(ak.fungsional);
        assert_eq!(ak.jenjang, "Ahli Pertama");
        assert_eq!(ak.baris.len(), 1);
        assert!(!ak.baris[0].dihitung, "still in the keberatan window");
        assert_eq!(ak.total, 0);
        assert!(!ak.dapat_ubah_awal);

        // Fifteen days on, the result is final and counts.
        let later = today() + Days::new(15);
        let ak = angka_kredit::riwayat(db, &kapus, f.perawat1.id, later)
            .await
            .unwrap();
        assert!(ak.baris[0].dihitung);
        assert_eq!(ak.total, 234);
        let pangkat = ak.pangkat.unwrap();
        assert_eq!((pangkat.perlu, pangkat.tercapai), (5000, false));

        // The AK brought in: admin only, validated.
        let awal = AwalInput {
            nilai: "48,00".into(),
            per_tanggal: "2026-01-01".into(),
            keterangan: "PAK konversi integrasi 2023".into(),
        };
        for who in [&ani, &kapus, &admin_beta] {
            forbidden(angka_kredit::simpan_awal(db, who, f.perawat1.id, &awal, later).await);
        }
        fields(
            angka_kredit::simpan_awal(
                db,
                &admin,
                f.perawat1.id,
                &AwalInput {
                    nilai: "48,005".into(),
                    per_tanggal: "2030-01-01".into(),
                    keterangan: " ".into(),
                },
                later,
            )
            .await,
            &["nilai", "per_tanggal", "keterangan"],
        );
        angka_kredit::simpan_awal(db, &admin, f.perawat1.id, &awal, later)
            .await
            .unwrap();
        let ak = angka_kredit::riwayat(db, &ani, f.perawat1.id, later)
            .await
            .unwrap();
        assert_eq!(ak.total, 4800 + 234);
        let pangkat = ak.pangkat.unwrap();
        assert!(pangkat.tercapai, "{pangkat:?}");
        let jenjang = ak.jenjang_berikut.unwrap();
        assert_eq!((jenjang.perlu, jenjang.kurang), (10000, 10000 - 5034));

        // An AK brought in after the period began replaces it: the period is not added again.
        angka_kredit::simpan_awal(
            db,
            &admin,
            f.perawat1.id,
            &AwalInput {
                per_tanggal: "2026-12-01".into(),
                ..awal.clone()
            },
            later,
        )
        .await
        .unwrap();
        let ak = angka_kredit::riwayat(db, &ani, f.perawat1.id, later)
            .await
            .unwrap();
        assert_eq!(ak.total, 4800);
        assert_eq!(ak.baris[0].keterangan, "Sebelum angka kredit awal");

        // A colleague and another instansi do not read it.
        forbidden(angka_kredit::riwayat(db, &joko, f.perawat1.id, later).await);
        forbidden(angka_kredit::riwayat(db, &admin_beta, f.perawat1.id, later).await);
    }
);
