//! The activity form with uploads, verification and the monitoring page.

use super::*;

db_test!(activity_upload_verification_and_monitoring_pages, |db| {
    let f = fixture(db).await;
    let t = wib_today();
    let r = testing::rencana(db, &f, t).await;
    let app = app(db);
    let ani = login(&app, testing::NIP_PERAWAT1).await;
    let joko = login(&app, testing::NIP_PERAWAT2).await;
    let kapus = login(&app, testing::NIP_KAPUS).await;
    let tanggal = t.format("%Y-%m-%d").to_string();
    let rhk = r.rhk_perawat1.to_string();
    let fields = |jumlah: &'static str| -> Vec<(&'static str, String)> {
        vec![
            ("tanggal", tanggal.clone()),
            ("rhk_id", rhk.clone()),
            ("uraian", "Asuhan keperawatan".into()),
            ("kuantitas", jumlah.into()),
            ("satuan", "Laporan".into()),
            ("ajukan", "1".into()),
        ]
    };

    // A file that claims to be a PDF but is not: 422, the typed text kept, nothing stored.
    let f1 = fields("2");
    let res = send(
        &app,
        multipart_form(
            "/aktivitas",
            &ani,
            &pairs(&f1),
            &[("laporan.pdf", b"<html>bukan pdf</html>")],
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Asuhan keperawatan"));
    assert!(res.body.contains("bukan PDF"));
    let mut big = testing::PDF.to_vec();
    big.resize(
        kinerja_core::services::harian::bukti::MAX_BUKTI_BYTES + 10,
        b' ',
    );
    let res = send(
        &app,
        multipart_form("/aktivitas", &ani, &pairs(&f1), &[("besar.pdf", &big)]),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("terlalu besar"));
    let res = send(
        &app,
        multipart_form(
            "/aktivitas",
            &ani,
            &pairs(&f1),
            &[("laporan.pdf", testing::PDF)],
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    // The stored activity and its evidence, both listed in Ani's history.
    use kinerja_core::db::entities::{aktivitas, bukti_dukung};
    let aktivitas_id = aktivitas::Entity::find()
        .filter(aktivitas::Column::PegawaiId.eq(f.perawat1.id))
        .all(db)
        .await
        .unwrap()
        .iter()
        .map(|a| a.id)
        .max()
        .unwrap();
    let bukti_id = bukti_dukung::Entity::find()
        .filter(bukti_dukung::Column::AktivitasId.eq(aktivitas_id))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let page = send(&app, get("/aktivitas", &ani)).await;
    assert!(links_to(&page.body, &format!("/bukti/{bukti_id}")));
    assert!(page.body.contains(&format!("id=\"aktivitas-{aktivitas_id}\"")));

    // Downloads go through the authorising handler.
    let res = send(&app, get(&format!("/bukti/{bukti_id}"), &ani)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.starts_with("%PDF"));
    assert_eq!(
        send(&app, get(&format!("/bukti/{bukti_id}"), &joko))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(&app, get(&format!("/bukti/{bukti_id}"), &kapus))
            .await
            .status,
        StatusCode::OK
    );

    // Verification by the penilai only; the monitoring page shows the progress.
    let res = send(&app, get("/verifikasi", &kapus)).await;
    assert!(res.body.contains("Asuhan keperawatan"));
    assert_eq!(
        send(
            &app,
            post(
                &format!("/aktivitas/{aktivitas_id}/verifikasi"),
                &joko,
                "verifikasi=SESUAI"
            )
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let res = send(
        &app,
        post(
            &format!("/aktivitas/{aktivitas_id}/verifikasi"),
            &kapus,
            "verifikasi=KURANG&catatan=",
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let res = send(
        &app,
        post(
            &format!("/aktivitas/{aktivitas_id}/verifikasi"),
            &kapus,
            &format!("verifikasi=SESUAI&catatan=&bukti_{bukti_id}=SESUAI"),
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let res = send(&app, get("/monitoring", &kapus)).await;
    assert!(
        res.body.contains("Ani Perawat")
            && res.body.contains("2 / 12 Laporan")
            && res.body.contains("belum mengisi")
    );
    let res = send(
        &app,
        get(&format!("/skp/{}/realisasi", r.skp_perawat1), &ani),
    )
    .await;
    assert!(
        res.body
            .contains("Usulan dari aktivitas disetujui: <strong>2 Laporan")
    );
    // A pegawai without a team sees an empty monitoring page, not someone else's.
    assert!(
        send(&app, get("/monitoring", &joko))
            .await
            .body
            .contains("tidak menilai")
    );
    // Read with the period, the session is still checked: none, or an unknown one, goes to the
    // login and back; an account without a pegawai has no team to monitor.
    let tak_dikenal = format!("kinerja_sesi={}", "0".repeat(64));
    for cookie in ["", tak_dikenal.as_str()] {
        let res = send(&app, get("/monitoring", cookie)).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        assert_eq!(res.headers[header::LOCATION], "/masuk?next=/monitoring");
    }
    let admin = login(&app, "admin.alpha").await;
    assert_eq!(
        send(&app, get("/monitoring", &admin)).await.status,
        StatusCode::FORBIDDEN
    );
});

// The monitoring page and the home page ask the database the same number of questions whether
// the team has 3 members or 30: every figure comes from grouped queries, never one per member.
db_test!(query_count_does_not_grow_with_the_team, |db| {
    let today = wib_today();
    let f = fixture(db).await;
    let r = testing::rencana(db, &f, today).await;
    // Sari Kapus rates Ani, Joko and a third perawat who sits under a vacant coordinator.
    testing::anggota_baru(db, &f, &r, 3, today).await;
    let count = Arc::new(AtomicUsize::new(0));
    let mut counted = db.clone();
    let c = count.clone();
    counted.set_metric_callback(move |_| {
        c.fetch_add(1, Ordering::SeqCst);
    });
    let direct_count = baca::counting::counter_of(db);
    let count = [&*count, &*direct_count];
    let app = app(&counted);
    let kapus = login(&app, testing::NIP_KAPUS).await;
    let kadis = login(&app, testing::NIP_KADIS).await;
    let pages = [
        ("/monitoring", &kapus),
        ("/", &kapus),
        ("/monitoring?semua=1", &kadis),
    ];
    let mut small = Vec::new();
    for (path, cookie) in pages {
        let (n, body) = queries(&app, &count, path, cookie).await;
        assert!(body.contains("Anggota 003") && !body.contains("Anggota 030"));
        small.push(n);
    }
    for ke in 4..=30 {
        testing::anggota_baru(db, &f, &r, ke, today).await;
    }
    let mut large = Vec::new();
    for (path, cookie) in pages {
        let (n, body) = queries(&app, &count, path, cookie).await;
        assert!(body.contains("Anggota 003") && body.contains("Anggota 030"));
        large.push(n);
    }
    let (_, body) = queries(&app, &count, "/monitoring", &kapus).await;
    assert!(body.contains("<strong>30</strong> pegawai"), "{body}");
    assert!(small.iter().all(|n| *n > 0));
    // Shown with --no-capture: the counts docs/PERFORMANCE.md quotes.
    eprintln!("statements for {:?}: {large:?}", pages.map(|p| p.0));
    assert_eq!(small, large, "queries for {:?}", pages.map(|p| p.0));
});
