//! The activity form with uploads, verification and the monitoring page.

use super::*;

/// The Puskesmas's plan of the year and its people logged in.
struct Harian {
    app: TestApp,
    f: testing::Fixture,
    r: testing::Rencana,
    ani: String,
    joko: String,
    kapus: String,
}

async fn harian(db: &DatabaseConnection) -> Harian {
    let f = fixture(db).await;
    let r = testing::rencana(db, &f, wib_today()).await;
    let app = TestApp::new(db);
    Harian {
        ani: app.login_as(testing::NIP_PERAWAT1).await,
        joko: app.login_as(testing::NIP_PERAWAT2).await,
        kapus: app.login_as(testing::NIP_KAPUS).await,
        app,
        f,
        r,
    }
}

impl Harian {
    /// Today's activity form for Ani's first RHK, `jumlah` Laporan, submitted.
    fn kegiatan(&self, jumlah: &'static str) -> Vec<(&'static str, String)> {
        vec![
            ("tanggal", wib_today().format("%Y-%m-%d").to_string()),
            ("rhk_id", self.r.rhk_perawat1.to_string()),
            ("uraian", "Asuhan keperawatan".into()),
            ("kuantitas", jumlah.into()),
            ("satuan", "Laporan".into()),
            ("ajukan", "1".into()),
        ]
    }

    async fn catat(&self, berkas: &[(&str, &[u8])]) -> Res {
        let form = self.kegiatan("2");
        send(
            &self.app.router,
            multipart_form("/aktivitas", &self.ani, &pairs(&form), berkas),
        )
        .await
    }
}

/// Ani's activities, by id.
async fn aktivitas_ani(db: &DatabaseConnection, h: &Harian) -> Vec<i32> {
    use kinerja_core::db::entities::aktivitas;
    let mut ids: Vec<i32> = aktivitas::Entity::find()
        .filter(aktivitas::Column::PegawaiId.eq(h.f.perawat1.id))
        .all(db)
        .await
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    ids.sort();
    ids
}

/// [`harian`] with Ani's activity of today (2 Laporan) submitted with a PDF: its id and the
/// evidence's.
async fn tercatat(db: &DatabaseConnection) -> (Harian, i32, i32) {
    use kinerja_core::db::entities::bukti_dukung;
    let h = harian(db).await;
    let res = h.catat(&[("laporan.pdf", testing::PDF)]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let aktivitas_id = *aktivitas_ani(db, &h).await.last().unwrap();
    let bukti_id = bukti_dukung::Entity::find()
        .filter(bukti_dukung::Column::AktivitasId.eq(aktivitas_id))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id;
    (h, aktivitas_id, bukti_id)
}

// A file that claims to be a PDF and is not, or one over the limit: 422, the typed text kept,
// nothing stored.
db_test!(
    a_false_or_oversized_pdf_is_refused_and_the_text_kept,
    |db| {
        let h = harian(db).await;
        let sebelum = aktivitas_ani(db, &h).await;
        let res = h.catat(&[("laporan.pdf", b"<html>bukan pdf</html>")]).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("Asuhan keperawatan"));
        assert!(res.body.contains("bukan PDF"));
        let mut big = testing::PDF.to_vec();
        big.resize(
            kinerja_core::services::harian::bukti::MAX_BUKTI_BYTES + 10,
            b' ',
        );
        let res = h.catat(&[("besar.pdf", &big)]).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("terlalu besar"));
        assert_eq!(aktivitas_ani(db, &h).await, sebelum);
    }
);

// The history lists the activity and its evidence; the file goes out through the authorising
// handler: to the pegawai and their penilai, not a colleague.
db_test!(
    evidence_is_downloaded_by_its_pegawai_and_their_penilai,
    |db| {
        let (h, aktivitas_id, bukti_id) = tercatat(db).await;
        let page = h.app.get("/aktivitas", &h.ani).await;
        assert!(links_to(&page.body, &format!("/bukti/{bukti_id}")));
        assert!(
            page.body
                .contains(&format!("id=\"aktivitas-{aktivitas_id}\""))
        );
        let bukti = format!("/bukti/{bukti_id}");
        let res = h.app.get(&bukti, &h.ani).await;
        assert_eq!(res.status, StatusCode::OK);
        assert!(res.body.starts_with("%PDF"));
        assert_eq!(
            h.app.get(&bukti, &h.joko).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(h.app.get(&bukti, &h.kapus).await.status, StatusCode::OK);
    }
);

// The penilai's queue shows the activity; a colleague may not verify it, and "Kurang" needs a
// note.
db_test!(only_the_penilai_verifies_and_kurang_needs_a_note, |db| {
    let (h, aktivitas_id, bukti_id) = tercatat(db).await;
    let res = h.app.get("/verifikasi", &h.kapus).await;
    assert!(res.body.contains("Asuhan keperawatan"));
    let verifikasi = format!("/aktivitas/{aktivitas_id}/verifikasi");
    assert_eq!(
        h.app
            .post(&verifikasi, &h.joko, "verifikasi=SESUAI")
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        h.app
            .post(&verifikasi, &h.kapus, "verifikasi=KURANG&catatan=")
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let sesuai = format!("verifikasi=SESUAI&catatan=&bukti_{bukti_id}=SESUAI");
    assert_eq!(
        h.app.post(&verifikasi, &h.kapus, &sesuai).await.status,
        StatusCode::SEE_OTHER
    );
});

// Verified work counts on the monitoring page and is proposed as realisasi.
db_test!(verified_work_shows_on_monitoring_and_in_realisasi, |db| {
    let (h, aktivitas_id, bukti_id) = tercatat(db).await;
    let sesuai = format!("verifikasi=SESUAI&catatan=&bukti_{bukti_id}=SESUAI");
    let verifikasi = format!("/aktivitas/{aktivitas_id}/verifikasi");
    assert_eq!(
        h.app.post(&verifikasi, &h.kapus, &sesuai).await.status,
        StatusCode::SEE_OTHER
    );
    let res = h.app.get("/monitoring", &h.kapus).await;
    assert!(
        res.body.contains("Ani Perawat")
            && res.body.contains("2 / 12 Laporan")
            && res.body.contains("belum mengisi")
    );
    let realisasi = format!("/skp/{}/realisasi", h.r.skp_perawat1);
    let res = h.app.get(&realisasi, &h.ani).await;
    assert!(
        res.body
            .contains("Usulan dari aktivitas disetujui: <strong>2 Laporan")
    );
});

// A pegawai without a team sees an empty monitoring page, not someone else's; an account
// without a pegawai has no team to monitor; without a session, or with an unknown one, the page
// sends to the login and back (the session is still checked when read with the period).
db_test!(the_monitoring_page_is_the_raters_own, |db| {
    let h = harian(db).await;
    assert!(
        h.app
            .get("/monitoring", &h.joko)
            .await
            .body
            .contains("tidak menilai")
    );
    let admin = h.app.login_as("admin.alpha").await;
    assert_eq!(
        h.app.get("/monitoring", &admin).await.status,
        StatusCode::FORBIDDEN
    );
    let tak_dikenal = format!("kinerja_sesi={}", "0".repeat(64));
    for cookie in ["", tak_dikenal.as_str()] {
        let res = h.app.get("/monitoring", cookie).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        assert_eq!(res.headers[header::LOCATION], "/masuk?next=/monitoring");
    }
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
