//! Penilaian by the pejabat penilai: umpan balik on every IKI and BerAKHLAK value before the two
//! ratings, the predikat from the matrix and the period's angka kredit, and the forbidden paths
//! (the pegawai rating themselves, the atasan penilai, a peer, another instansi, a closed period,
//! a final evaluation).

mod common;

use common::{today, triwulan};
use kinerja_core::CoreError;
use kinerja_core::db::entities::{evaluasi, evaluasi_umpan_balik, periode};
use kinerja_core::db_test;
use kinerja_core::rules::berakhlak;
use kinerja_core::services::evaluasi::penilaian::{self, PenilaianInput};
use kinerja_core::services::perencanaan::periode as periode_svc;
use kinerja_core::testing::{self, actor, fixture};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

fn lengkap(iki: i32) -> PenilaianInput {
    let mut i = PenilaianInput {
        rating_hasil: "DIATAS".into(),
        rating_perilaku: "SESUAI".into(),
        ..Default::default()
    };
    i.umpan_iki
        .insert(iki, "Laporan asuhan lengkap dan tepat waktu.".into());
    for n in berakhlak::NILAI {
        i.umpan_perilaku
            .insert(n.kode, format!("Baik dalam {}.", n.nama));
    }
    i
}

db_test!(penilai_rates_with_feedback_and_others_are_refused, |db| {
    let f = fixture(db).await;
    let r = testing::rencana(db, &f, today()).await;
    let per = triwulan(db, f.alpha).await;
    let kapus = actor(db, testing::NIP_KAPUS).await;

    // The sheet: the penilai may rate, the pegawai may read.
    let l = penilaian::lembar(db, &kapus, r.skp_perawat1, Some(per.id), today())
        .await
        .unwrap();
    assert!(l.dapat_menilai && l.evaluasi.is_none());
    assert_eq!(l.baris.len(), 1);
    let ani = actor(db, testing::NIP_PERAWAT1).await;
    let own = penilaian::lembar(db, &ani, r.skp_perawat1, Some(per.id), today())
        .await
        .unwrap();
    assert!(!own.dapat_menilai);

    // Without umpan balik nothing is saved, and every missing one is named.
    let mut kurang = lengkap(r.iki_perawat1);
    kurang.umpan_iki.clear();
    kurang.umpan_perilaku.remove(&3);
    kurang.rating_perilaku = "LUAR_BIASA".into();
    match penilaian::simpan(db, &kapus, r.skp_perawat1, per.id, &kurang, today()).await {
        Err(CoreError::Validation(e)) => {
            let fields: Vec<&str> = e.0.keys().map(String::as_str).collect();
            assert!(fields.contains(&format!("ub_iki_{}", r.iki_perawat1).as_str()));
            assert!(fields.contains(&"ub_perilaku_3"));
            assert!(fields.contains(&"rating_perilaku"));
            assert!(!fields.contains(&"rating_hasil"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(evaluasi::Entity::find().count(db).await.unwrap(), 0);

    // Nobody but the penilai may rate: the pegawai, the atasan penilai, a peer, another
    // instansi's admin, this instansi's admin.
    for who in [
        testing::NIP_PERAWAT1,
        testing::NIP_KADIS,
        testing::NIP_PERAWAT2,
        "admin.beta",
        "admin.alpha",
    ] {
        let a = actor(db, who).await;
        let res = penilaian::simpan(
            db,
            &a,
            r.skp_perawat1,
            per.id,
            &lengkap(r.iki_perawat1),
            today(),
        )
        .await;
        assert!(matches!(res, Err(CoreError::Forbidden)), "{who}: {res:?}");
    }

    // The penilai rates: Di Atas × Sesuai is Baik; Ani is a perawat ahli pertama, so a quarter
    // of Baik is 3/12 × 12.5 = 3.125, rounded to 3.13.
    let e = penilaian::simpan(
        db,
        &kapus,
        r.skp_perawat1,
        per.id,
        &lengkap(r.iki_perawat1),
        today(),
    )
    .await
    .unwrap();
    assert_eq!(e.predikat.as_deref(), Some("BAIK"));
    assert_eq!(e.angka_kredit, Some(313));
    assert_eq!(e.penilai_id, Some(f.kapus.id));
    assert_eq!(
        evaluasi_umpan_balik::Entity::find()
            .filter(evaluasi_umpan_balik::Column::EvaluasiId.eq(e.id))
            .count(db)
            .await
            .unwrap(),
        8
    );
    // Rating again replaces the ratings and the umpan balik, in the same evaluation.
    let mut lagi = lengkap(r.iki_perawat1);
    lagi.rating_perilaku = "DIBAWAH".into();
    let e2 = penilaian::simpan(db, &kapus, r.skp_perawat1, per.id, &lagi, today())
        .await
        .unwrap();
    assert_eq!((e2.id, e2.predikat.as_deref()), (e.id, Some("KURANG")));
    let l = penilaian::lembar(db, &ani, r.skp_perawat1, Some(per.id), today())
        .await
        .unwrap();
    assert_eq!(l.predikat_label(), Some("Kurang/Misconduct"));
    assert_eq!(l.umpan_perilaku(&1), "Baik dalam Berorientasi Pelayanan.");

    // A final evaluation cannot change.
    evaluasi::Entity::update_many()
        .col_expr(
            evaluasi::Column::Status,
            kinerja_core::services::status::evaluasi::FINAL.into(),
        )
        .filter(evaluasi::Column::Id.eq(e.id))
        .exec(db)
        .await
        .unwrap();
    let res = penilaian::simpan(
        db,
        &kapus,
        r.skp_perawat1,
        per.id,
        &lengkap(r.iki_perawat1),
        today(),
    )
    .await;
    assert!(matches!(res, Err(CoreError::Conflict(_))), "{res:?}");

    // A closed period cannot be rated.
    let admin = actor(db, "admin.alpha").await;
    let q3 = periode::Entity::find()
        .filter(periode::Column::InstansiId.eq(f.alpha))
        .filter(periode::Column::Nama.eq("Triwulan III 2026"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    periode_svc::ubah_status(db, &admin, q3.id, false)
        .await
        .unwrap();
    let res = penilaian::simpan(
        db,
        &kapus,
        r.skp_perawat1,
        q3.id,
        &lengkap(r.iki_perawat1),
        today(),
    )
    .await;
    assert!(matches!(res, Err(CoreError::Conflict(_))), "{res:?}");
});

#[test]
fn suggestion_is_a_hint_from_capaian() {
    use kinerja_core::rules::predikat::Rating;
    assert_eq!(penilaian::saran(130, &Default::default()), Rating::DiAtas);
    assert_eq!(penilaian::saran(115, &Default::default()), Rating::DiAtas);
    assert_eq!(penilaian::saran(100, &Default::default()), Rating::Sesuai);
    assert_eq!(penilaian::saran(89, &Default::default()), Rating::DiBawah);
}

db_test!(self_evaluation_is_submitted_locked_and_returned, |db| {
    use kinerja_core::services::evaluasi::penetapan::{self, PenetapanInput};
    use kinerja_core::services::evaluasi::realisasi::{self, RealisasiInput};
    let f = fixture(db).await;
    let r = testing::rencana(db, &f, today()).await;
    let per = triwulan(db, f.alpha).await;
    let store = kinerja_core::storage::BuktiStore::memory();
    let kadis = actor(db, testing::NIP_KADIS).await;
    let kapus = actor(db, testing::NIP_KAPUS).await;
    let ani = actor(db, testing::NIP_PERAWAT1).await;
    let joko = actor(db, testing::NIP_PERAWAT2).await;
    let isi = RealisasiInput {
        nilai: "3".into(),
        keterangan: "Tiga laporan asuhan".into(),
        tautan: String::new(),
    };

    // Not before every IKI has its realisasi; only by the pegawai.
    common::field(
        realisasi::ajukan(db, &ani, r.skp_perawat1, per.id, today()).await,
        "realisasi",
    );
    for who in [&kapus, &joko] {
        common::forbidden(realisasi::ajukan(db, who, r.skp_perawat1, per.id, today()).await);
    }
    realisasi::simpan(db, &store, &ani, r.iki_perawat1, per.id, &isi, &[], today())
        .await
        .unwrap();
    let l = realisasi::lembar(db, &ani, r.skp_perawat1, Some(per.id), today())
        .await
        .unwrap();
    assert!(l.dapat_ajukan && l.diajukan.is_none());
    realisasi::ajukan(db, &ani, r.skp_perawat1, per.id, today())
        .await
        .unwrap();

    // Submitted: locked for the pegawai, shown to the penilai.
    let l = realisasi::lembar(db, &ani, r.skp_perawat1, Some(per.id), today())
        .await
        .unwrap();
    assert!(l.diajukan.is_some() && !l.dapat_isi && !l.dapat_ajukan);
    common::conflict(
        realisasi::simpan(db, &store, &ani, r.iki_perawat1, per.id, &isi, &[], today()).await,
        "sudah diajukan",
    );
    common::conflict(
        realisasi::ajukan(db, &ani, r.skp_perawat1, per.id, today()).await,
        "sudah diajukan",
    );
    let sheet = penilaian::lembar(db, &kapus, r.skp_perawat1, Some(per.id), today())
        .await
        .unwrap();
    assert!(sheet.realisasi_diajukan.is_some());

    // Only the penilai returns it, with a note; then the pegawai may change it again.
    for who in [&ani, &kadis] {
        common::forbidden(
            realisasi::kembalikan(
                db,
                who,
                r.skp_perawat1,
                per.id,
                "Lengkapi bukti dukung",
                today(),
            )
            .await,
        );
    }
    common::field(
        realisasi::kembalikan(db, &kapus, r.skp_perawat1, per.id, "kurang", today()).await,
        "catatan",
    );
    realisasi::kembalikan(
        db,
        &kapus,
        r.skp_perawat1,
        per.id,
        "Lengkapi bukti dukung laporan",
        today(),
    )
    .await
    .unwrap();
    realisasi::simpan(db, &store, &ani, r.iki_perawat1, per.id, &isi, &[], today())
        .await
        .unwrap();
    realisasi::ajukan(db, &ani, r.skp_perawat1, per.id, today())
        .await
        .unwrap();

    // Once the result is handed out, the submission stays.
    let e = penilaian::simpan(
        db,
        &kapus,
        r.skp_perawat1,
        per.id,
        &lengkap(r.iki_perawat1),
        today(),
    )
    .await
    .unwrap();
    penetapan::tetapkan(
        db,
        &kapus,
        e.id,
        &PenetapanInput {
            catatan: String::new(),
            alasan_distribusi: "Satu perawat dinilai pada triwulan ini.".into(),
        },
        today(),
    )
    .await
    .unwrap();
    common::conflict(
        realisasi::kembalikan(
            db,
            &kapus,
            r.skp_perawat1,
            per.id,
            "Lengkapi bukti dukung laporan",
            today(),
        )
        .await,
        "sudah ditetapkan",
    );
});

db_test!(realisasi_is_locked_once_the_result_is_handed_out, |db| {
    use kinerja_core::services::evaluasi::realisasi::{self, RealisasiInput};
    let f = fixture(db).await;
    let r = testing::rencana(db, &f, today()).await;
    let per = triwulan(db, f.alpha).await;
    let store = kinerja_core::storage::BuktiStore::memory();
    let kapus = actor(db, testing::NIP_KAPUS).await;
    let ani = actor(db, testing::NIP_PERAWAT1).await;
    let isi = RealisasiInput {
        nilai: "3".into(),
        keterangan: "Tiga laporan asuhan".into(),
        tautan: String::new(),
    };
    // Entered but never submitted, then rated and handed out.
    realisasi::simpan(db, &store, &ani, r.iki_perawat1, per.id, &isi, &[], today())
        .await
        .unwrap();
    let e = penilaian::simpan(
        db,
        &kapus,
        r.skp_perawat1,
        per.id,
        &lengkap(r.iki_perawat1),
        today(),
    )
    .await
    .unwrap();
    // Rated but not yet handed out: still the pegawai's to change.
    realisasi::simpan(db, &store, &ani, r.iki_perawat1, per.id, &isi, &[], today())
        .await
        .unwrap();
    common::serahkan(db, &kapus, e.id, today()).await;
    let lain = RealisasiInput {
        nilai: "9".into(),
        ..isi.clone()
    };
    common::conflict(
        realisasi::simpan(
            db,
            &store,
            &ani,
            r.iki_perawat1,
            per.id,
            &lain,
            &[],
            today(),
        )
        .await,
        "sudah ditetapkan",
    );
    common::conflict(
        realisasi::ajukan(db, &ani, r.skp_perawat1, per.id, today()).await,
        "tidak dapat diajukan",
    );
    let l = realisasi::lembar(db, &ani, r.skp_perawat1, Some(per.id), today())
        .await
        .unwrap();
    assert!(!l.dapat_isi && !l.dapat_ajukan);
    let tersimpan = l.baris[0].realisasi.as_ref().unwrap();
    assert_eq!(tersimpan.nilai, Some(300));
});

db_test!(
    the_annual_period_is_realised_rated_and_evaluated_as_its_own_record,
    |db| {
        use kinerja_core::actor::Actor;
        use kinerja_core::services::evaluasi::realisasi::{self, RealisasiInput};
        use kinerja_core::services::{
            evaluasi::angka_kredit, evaluasi::instansi as evaluasi_instansi,
        };
        let f = fixture(db).await;
        let r = testing::rencana(db, &f, today()).await;
        let store = kinerja_core::storage::BuktiStore::memory();
        let kapus = actor(db, testing::NIP_KAPUS).await;
        let ani = actor(db, testing::NIP_PERAWAT1).await;
        let tahunan = periode::Entity::find()
            .filter(periode::Column::InstansiId.eq(f.alpha))
            .filter(periode::Column::Jenis.eq("TAHUNAN"))
            .one(db)
            .await
            .unwrap()
            .unwrap();
        // Both sheets offer it, after the quarters; opened without a period they show the quarter
        // under way.
        let l = penilaian::lembar(db, &kapus, r.skp_perawat1, None, today())
            .await
            .unwrap();
        assert_eq!(l.periode.nama, "Triwulan IV-AKHIR 2026");
        assert_eq!(l.semua_periode.last().unwrap().id, tahunan.id);
        let l = penilaian::lembar(db, &kapus, r.skp_perawat1, Some(tahunan.id), today())
            .await
            .unwrap();
        assert!(l.dapat_menilai);
        // The pegawai realises the year, the penilai rates and hands it out.
        let isi = RealisasiInput {
            nilai: "12".into(),
            keterangan: "Dua belas laporan asuhan".into(),
            tautan: String::new(),
        };
        realisasi::simpan(
            db,
            &store,
            &ani,
            r.iki_perawat1,
            tahunan.id,
            &isi,
            &[],
            today(),
        )
        .await
        .unwrap();
        let e = penilaian::simpan(
            db,
            &kapus,
            r.skp_perawat1,
            tahunan.id,
            &lengkap(r.iki_perawat1),
            today(),
        )
        .await
        .unwrap();
        assert_eq!(e.periode_id, tahunan.id);
        // Ahli Pertama, Sangat Baik (Di Atas × Sesuai is Baik), twelve months: 100% × 12,5.
        assert_eq!(e.predikat.as_deref(), Some("BAIK"));
        assert_eq!(e.angka_kredit, Some(1250));
        common::serahkan(db, &kapus, e.id, today()).await;
        // Locked like a periodic one.
        common::conflict(
            realisasi::simpan(
                db,
                &store,
                &ani,
                r.iki_perawat1,
                tahunan.id,
                &isi,
                &[],
                today(),
            )
            .await,
            "sudah ditetapkan",
        );
        common::conflict(
            penilaian::simpan(
                db,
                &kapus,
                r.skp_perawat1,
                tahunan.id,
                &lengkap(r.iki_perawat1),
                today(),
            )
            .await,
            "sudah ditetapkan",
        );
        // The annual batch finds it, and the annual AK counts once final.
        let (_, per) = evaluasi_instansi::periode_dari(db, "alpha", 2026, None)
            .await
            .unwrap();
        assert_eq!(per.id, tahunan.id);
        let lap = evaluasi_instansi::jalankan(db, &Actor::system(), per.id, &mut |_, _, _| {})
            .await
            .unwrap();
        assert_eq!(lap.dinilai, 1);
        let later = today() + chrono::Days::new(15);
        let ak = angka_kredit::riwayat(db, &ani, f.perawat1.id, later)
            .await
            .unwrap();
        assert_eq!(ak.total, 1250);
        // The pegawai may object to it, as to a periodic one.
        kinerja_core::services::evaluasi::keberatan::ajukan(
            db,
            &ani,
            e.id,
            "Capaian tahunan saya melampaui target; mohon ditinjau kembali.",
            today(),
        )
        .await
        .unwrap();
    }
);

db_test!(
    a_year_of_rated_quarters_adds_up_to_the_years_angka_kredit,
    |db| {
        use kinerja_core::services::evaluasi::angka_kredit;
        use sea_orm::QueryOrder;
        let f = fixture(db).await;
        let r = testing::rencana(db, &f, today()).await;
        let kapus = actor(db, testing::NIP_KAPUS).await;
        let ani = actor(db, testing::NIP_PERAWAT1).await;
        let kuartal = periode::Entity::find()
            .filter(periode::Column::InstansiId.eq(f.alpha))
            .filter(periode::Column::Jenis.eq("TRIWULAN"))
            .order_by_asc(periode::Column::Mulai)
            .all(db)
            .await
            .unwrap();
        assert_eq!(kuartal.len(), 4);
        let mut sangat_baik = lengkap(r.iki_perawat1);
        sangat_baik.rating_perilaku = "DIATAS".into();
        for per in &kuartal {
            // Each quarter rated within its own window, and handed out.
            let hari = per.selesai;
            let e = penilaian::simpan(db, &kapus, r.skp_perawat1, per.id, &sangat_baik, hari)
                .await
                .unwrap();
            assert_eq!(e.predikat.as_deref(), Some("SANGAT_BAIK"));
            // Ahli Pertama, Sangat Baik, three months: 3/12 × 150% × 12,5 = 4,6875, shown 4,69.
            assert_eq!(e.angka_kredit, Some(469));
            common::serahkan(db, &kapus, e.id, hari).await;
        }
        let later = today() + chrono::Days::new(60);
        let ak = angka_kredit::riwayat(db, &ani, f.perawat1.id, later)
            .await
            .unwrap();
        assert!(ak.baris.iter().all(|b| b.dihitung), "{:?}", ak.baris);
        // Summed unrounded and rounded once: 18,75, what the table gives for twelve months, not
        // 4 × 4,69 = 18,76.
        assert_eq!(ak.total, 1875);
    }
);
