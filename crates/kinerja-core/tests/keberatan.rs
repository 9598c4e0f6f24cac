//! Handing out a result, the distribution check, keberatan and locking (5
//! and 9), on SQLite and PostgreSQL: the organisational predikat set by the leader above, warn
//! and block modes, the pimpinan unit's rating from the organisational predikat, the 14-day
//! rule, the atasan's final decision, and the admin's audited reopening; with the forbidden
//! paths (the pegawai handing out their own result, the penilai objecting, someone other than
//! the atasan deciding, a late objection, changing a final evaluation).

mod common;

use chrono::Duration;
use common::*;
use kinerja_core::CoreError;
use kinerja_core::db::entities::{audit_event, evaluasi, keberatan};
use kinerja_core::db_test;
use kinerja_core::services::evaluasi::keberatan::{self as keberatan_svc, PutusanInput};
use kinerja_core::services::evaluasi::penetapan::{self, PenetapanInput};
use kinerja_core::services::evaluasi::pengaturan::{self, PengaturanInput};
use kinerja_core::services::evaluasi::penilaian;
use kinerja_core::services::{evaluasi::distribusi, evaluasi::rincian as evaluasi_svc};
use kinerja_core::testing::{self, actor, fixture};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

db_test!(
    penetapan_checks_distribution_and_keberatan_is_decided_by_the_atasan,
    |db| {
        let f = fixture(db).await;
        let r = testing::rencana(db, &f, today()).await;
        let per = triwulan(db, f.alpha).await;
        let kadis = actor(db, testing::NIP_KADIS).await;
        let kapus = actor(db, testing::NIP_KAPUS).await;
        let ani = actor(db, testing::NIP_PERAWAT1).await;
        let admin = actor(db, "admin.alpha").await;
        let admin_beta = actor(db, "admin.beta").await;

        // A pimpinan unit's Rating Hasil Kerja waits for their unit's organisational predikat.
        let res = penilaian::simpan(
            db,
            &kadis,
            r.skp_kapus,
            per.id,
            &nilai(&[], "DIATAS", "DIATAS"),
            today(),
        )
        .await;
        conflict(res, "predikat kinerja organisasi");

        // The organisational predikat of the puskesmas is set by the leader above (the kadis) or
        // the admin; not by the kapus herself, a perawat or another instansi.
        for who in [&kapus, &ani, &admin_beta] {
            let res = distribusi::tetapkan(db, who, f.unit_pkm, per.id, "BAIK", "", today()).await;
            assert!(matches!(res, Err(CoreError::Forbidden)), "{res:?}");
        }
        field(
            distribusi::tetapkan(db, &kadis, f.unit_pkm, per.id, "LUAR_BIASA", "", today()).await,
            "predikat",
        );
        distribusi::tetapkan(
            db,
            &kadis,
            f.unit_pkm,
            per.id,
            "BAIK",
            "Capaian PK 98%.",
            today(),
        )
        .await
        .unwrap();
        let g = distribusi::gambaran(db, &kadis, f.alpha, Some(per.id), None, today())
            .await
            .unwrap();
        let pkm = g.units.iter().find(|u| u.id == f.unit_pkm).unwrap();
        assert!(pkm.dapat_menetapkan && pkm.predikat.is_some());
        let dinas = g.units.iter().find(|u| u.id == f.unit_dinas).unwrap();
        assert!(
            !dinas.dapat_menetapkan,
            "the kadis does not set her own unit's predikat"
        );
        assert!(matches!(
            distribusi::gambaran(db, &ani, f.alpha, Some(per.id), None, today()).await,
            Err(CoreError::Forbidden)
        ));

        // Now the kapus's Rating Hasil Kerja follows it (Baik → Sesuai), whatever was chosen.
        let iki_kapus = ikis_of(db, &kadis, r.skp_kapus, per.id).await;
        let e_kapus = penilaian::simpan(
            db,
            &kadis,
            r.skp_kapus,
            per.id,
            &nilai(&iki_kapus, "DIATAS", "DIATAS"),
            today(),
        )
        .await
        .unwrap();
        assert_eq!(e_kapus.rating_hasil.as_deref(), Some("SESUAI"));
        assert_eq!(e_kapus.predikat.as_deref(), Some("BAIK"));

        // Ani is rated Baik: alone under a Baik puskesmas that breaks "at least one Butuh
        // Perbaikan or Kurang". The simulator shows the effect of another predikat unsaved.
        let e = penilaian::simpan(
            db,
            &kapus,
            r.skp_perawat1,
            per.id,
            &nilai(&[r.iki_perawat1], "DIATAS", "SESUAI"),
            today(),
        )
        .await
        .unwrap();
        let g = distribusi::gambaran(
            db,
            &kadis,
            f.alpha,
            Some(per.id),
            Some((
                f.unit_pkm,
                kinerja_core::rules::distribusi::PredikatOrganisasi::Istimewa,
            )),
            today(),
        )
        .await
        .unwrap();
        let sim = g.simulasi.unwrap();
        assert!(
            sim.aturan.iter().any(|a| a.contains("Sangat Baik")),
            "{:?}",
            sim.aturan
        );
        let pkm = g.units.iter().find(|u| u.id == f.unit_pkm).unwrap();
        assert_eq!(
            pkm.predikat.unwrap().code(),
            "BAIK",
            "the simulator saves nothing"
        );
        assert_eq!(pkm.sebaran.n(), 1);

        // Only the penilai hands out the result.
        for who in [&ani, &kadis, &admin] {
            let res = penetapan::tetapkan(db, who, e.id, &PenetapanInput::default(), today()).await;
            assert!(matches!(res, Err(CoreError::Forbidden)), "{res:?}");
        }
        // Warn mode (the default): a justification is required and kept.
        field(
            penetapan::tetapkan(db, &kapus, e.id, &PenetapanInput::default(), today()).await,
            "alasan_distribusi",
        );
        let input = PenetapanInput {
            catatan: "Pertahankan ketepatan laporan.".into(),
            alasan_distribusi: "Tim kecil; seluruh anggota memenuhi target.".into(),
        };
        let e = penetapan::tetapkan(db, &kapus, e.id, &input, today())
            .await
            .unwrap();
        assert_eq!(
            e.status,
            kinerja_core::services::status::evaluasi::DITETAPKAN
        );
        assert_eq!(e.ditetapkan_pada, Some(today()));
        assert!(e.alasan_distribusi.is_some());
        // Handed out: the penilai can no longer change it.
        conflict(
            penilaian::simpan(
                db,
                &kapus,
                r.skp_perawat1,
                per.id,
                &nilai(&[r.iki_perawat1], "DIBAWAH", "SESUAI"),
                today(),
            )
            .await,
            "ditetapkan",
        );

        // Block mode refuses a result that breaks the pattern.
        let mut set: PengaturanInput = pengaturan::baca(db, f.alpha).await.unwrap().into();
        set.distribusi_mode = "BLOCK".into();
        assert!(matches!(
            pengaturan::simpan(db, &kapus, f.alpha, &set).await,
            Err(CoreError::Forbidden)
        ));
        pengaturan::simpan(db, &admin, f.alpha, &set).await.unwrap();
        let baru = testing::anggota_baru(db, &f, &r, 1, today()).await;
        let skp_baru = skp_of(db, baru.id).await;
        let ikis = ikis_of(db, &kapus, skp_baru, per.id).await;
        let e_baru = penilaian::simpan(
            db,
            &kapus,
            skp_baru,
            per.id,
            &nilai(&ikis, "SESUAI", "SESUAI"),
            today(),
        )
        .await
        .unwrap();
        conflict(
            penetapan::tetapkan(db, &kapus, e_baru.id, &input, today()).await,
            "tidak sesuai pola",
        );
        // Butuh Perbaikan fits the pattern (Baik 1 of 2 is still the largest, and one BP).
        penilaian::simpan(
            db,
            &kapus,
            skp_baru,
            per.id,
            &nilai(&ikis, "DIBAWAH", "SESUAI"),
            today(),
        )
        .await
        .unwrap();
        let e_baru =
            penetapan::tetapkan(db, &kapus, e_baru.id, &PenetapanInput::default(), today())
                .await
                .unwrap();
        // A keberatan after 14 days is refused with the deadline.
        let baru_actor = actor(db, &baru.nip).await;
        conflict(
            keberatan_svc::ajukan(
                db,
                &baru_actor,
                e_baru.id,
                "Saya keberatan karena target sudah terlampaui.",
                today() + Duration::days(15),
            )
            .await,
            "14 hari",
        );
        let r_baru =
            evaluasi_svc::rincian(db, &baru_actor, e_baru.id, today() + Duration::days(15))
                .await
                .unwrap();
        assert!(r_baru.final_efektif() && !r_baru.dapat_ajukan_keberatan());

        // Keberatan: only the pegawai, with reasons, once.
        let alasan = "Realisasi saya 14 laporan dari target 12; mohon ditinjau kembali.";
        assert!(matches!(
            keberatan_svc::ajukan(db, &kapus, e.id, alasan, today()).await,
            Err(CoreError::Forbidden)
        ));
        field(
            keberatan_svc::ajukan(db, &ani, e.id, "tidak setuju", today()).await,
            "alasan",
        );
        let k = keberatan_svc::ajukan(db, &ani, e.id, alasan, today() + Duration::days(14))
            .await
            .unwrap();
        assert_eq!(k.atasan_id, Some(f.kadis.id));
        conflict(
            keberatan_svc::ajukan(db, &ani, e.id, alasan, today()).await,
            "sudah diajukan",
        );
        let antrian = keberatan_svc::antrian(db, &kadis).await.unwrap();
        assert_eq!(antrian.len(), 1);
        // The atasan's decision is due 14 days after filing by default, per instansi setting.
        assert_eq!(
            antrian[0].batas_keputusan,
            k.diajukan_pada + Duration::days(14)
        );
        assert!(!antrian[0].terlambat(k.diajukan_pada + Duration::days(14)));
        assert!(antrian[0].terlambat(k.diajukan_pada + Duration::days(15)));
        assert!(keberatan_svc::antrian(db, &kapus).await.unwrap().is_empty());

        // Only the atasan asks for explanations and decides.
        for who in [&kapus, &ani, &admin] {
            let res = keberatan_svc::minta_penjelasan(db, who, e.id, today()).await;
            assert!(matches!(res, Err(CoreError::Forbidden)), "{res:?}");
        }
        keberatan_svc::minta_penjelasan(db, &kadis, e.id, today())
            .await
            .unwrap();
        keberatan_svc::jelaskan(
            db,
            &kapus,
            e.id,
            "Dua laporan terlambat diserahkan.",
            today(),
        )
        .await
        .unwrap();
        conflict(
            keberatan_svc::jelaskan(db, &kapus, e.id, "Penjelasan kedua kalinya.", today()).await,
            "tidak sedang diminta",
        );
        keberatan_svc::jelaskan(
            db,
            &ani,
            e.id,
            "Keterlambatan karena sistem gangguan.",
            today(),
        )
        .await
        .unwrap();
        let ubah = PutusanInput {
            keputusan: "DIUBAH".into(),
            catatan: "Bukti gangguan sistem sah; hasil kerja di atas ekspektasi.".into(),
            ..Default::default()
        };
        for who in [&kapus, &ani, &admin] {
            let res = keberatan_svc::putus(db, who, e.id, &ubah, today()).await;
            assert!(matches!(res, Err(CoreError::Forbidden)), "{res:?}");
        }
        field(
            keberatan_svc::putus(db, &kadis, e.id, &ubah, today()).await,
            "rating_hasil",
        );
        let ubah = PutusanInput {
            rating_hasil: "DIATAS".into(),
            rating_perilaku: "DIATAS".into(),
            ..ubah
        };
        let e = keberatan_svc::putus(db, &kadis, e.id, &ubah, today())
            .await
            .unwrap();
        assert_eq!(e.status, kinerja_core::services::status::evaluasi::FINAL);
        assert_eq!(e.predikat.as_deref(), Some("SANGAT_BAIK"));
        // Sangat Baik for a quarter of Ahli Pertama: 3/12 × 150% × 12.5 = 4.6875 → 4.69.
        assert_eq!(e.angka_kredit, Some(469));
        let k = keberatan::Entity::find_by_id(k.id)
            .one(db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(k.predikat_semula.as_deref(), Some("BAIK"));
        conflict(
            keberatan_svc::putus(db, &kadis, e.id, &ubah, today()).await,
            "diputus",
        );

        // Final: nothing changes it, except the admin's reopening with a reason.
        conflict(
            penilaian::simpan(
                db,
                &kapus,
                r.skp_perawat1,
                per.id,
                &nilai(&[r.iki_perawat1], "DIBAWAH", "SESUAI"),
                today(),
            )
            .await,
            "final",
        );
        for who in [&kapus, &kadis, &admin_beta] {
            let res = evaluasi_svc::buka_kembali(db, who, e.id, "Salah input rating.").await;
            assert!(
                matches!(res, Err(CoreError::Forbidden | CoreError::NotFound)),
                "{res:?}"
            );
        }
        field(
            evaluasi_svc::buka_kembali(db, &admin, e.id, "salah").await,
            "alasan",
        );
        let e = evaluasi_svc::buka_kembali(db, &admin, e.id, "Salah input rating oleh admin.")
            .await
            .unwrap();
        assert_eq!(e.status, kinerja_core::services::status::evaluasi::DINILAI);
        let reopen = audit_event::Entity::find()
            .filter(audit_event::Column::Entity.eq("evaluasi"))
            .filter(audit_event::Column::EntityId.eq(i64::from(e.id)))
            .filter(audit_event::Column::Action.eq("REOPEN"))
            .one(db)
            .await
            .unwrap()
            .unwrap();
        assert!(reopen.after_json.unwrap().contains("Salah input rating"));
        let ev = evaluasi::Entity::find_by_id(e.id)
            .one(db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(ev.ditetapkan_pada, None);

        // The document's view holds the three parties and the keberatan.
        let v = evaluasi_svc::rincian(db, &kadis, e.id, today())
            .await
            .unwrap();
        assert_eq!(v.pegawai.nip, testing::NIP_PERAWAT1);
        assert_eq!(v.penilai.as_ref().unwrap().nip, testing::NIP_KAPUS);
        assert_eq!(v.atasan.as_ref().unwrap().nip, testing::NIP_KADIS);
        assert!(v.keberatan.is_some() && v.organisasi.is_some());
        let peer = actor(db, testing::NIP_PERAWAT2).await;
        assert!(matches!(
            evaluasi_svc::rincian(db, &peer, e.id, today()).await,
            Err(CoreError::Forbidden)
        ));
    }
);

db_test!(settings_are_validated_and_hints_follow_them, |db| {
    let f = fixture(db).await;
    let admin = actor(db, "admin.alpha").await;
    let bad = PengaturanInput {
        distribusi_mode: "KADANG".into(),
        saran_di_atas: "100".into(),
        saran_sesuai: "120".into(),
        ukuran_minimum: "0".into(),
        batas_keputusan_hari: "0".into(),
    };
    match pengaturan::simpan(db, &admin, f.alpha, &bad).await {
        Err(CoreError::Validation(e)) => {
            for k in [
                "distribusi_mode",
                "saran_sesuai",
                "ukuran_minimum",
                "batas_keputusan_hari",
            ] {
                assert!(e.get(k).is_some(), "{k}: {e:?}");
            }
        }
        other => panic!("{other:?}"),
    }
    let ok = PengaturanInput {
        distribusi_mode: "OFF".into(),
        saran_di_atas: "110".into(),
        saran_sesuai: "80".into(),
        ukuran_minimum: "5".into(),
        batas_keputusan_hari: "7".into(),
    };
    let s = pengaturan::simpan(db, &admin, f.alpha, &ok).await.unwrap();
    assert_eq!(s.batas_keputusan_hari, 7);
    assert_eq!(
        penilaian::saran(85, &s),
        kinerja_core::rules::predikat::Rating::Sesuai
    );
    assert_eq!(
        pengaturan::baca(db, f.beta).await.unwrap(),
        Default::default()
    );
});
