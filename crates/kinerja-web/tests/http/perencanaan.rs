//! Periods and the SKP pages, their workflow and forbidden paths.

use super::*;

db_test!(periods_page_opens_closes_and_refuses, |db| {
    fixture(db).await;
    let app = app(db);
    let admin = login(&app, "admin.alpha").await;
    let res = send(
        &app,
        post(
            "/periode",
            &admin,
            "tahun=20x6&skema=TRIWULAN&tenggang_hari=10",
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains("value=\"20x6\"")
            && res.body.contains("Tahun harus antara 2020 dan 2100.")
    );
    let res = send(
        &app,
        post(
            "/periode",
            &admin,
            "tahun=2026&skema=TRIWULAN&tenggang_hari=10",
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let res = send(&app, get("/periode", &admin)).await;
    assert!(res.body.contains("Triwulan IV-AKHIR 2026") && res.body.contains("10 April 2026"));
    let first: i32 = res
        .body
        .split("/periode/")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    // Another instansi's admin and a pegawai cannot close it; the admin can.
    let admin_beta = login(&app, "admin.beta").await;
    let perawat = login(&app, testing::NIP_PERAWAT1).await;
    assert_eq!(
        send(
            &app,
            post(&format!("/periode/{first}/tutup"), &admin_beta, "")
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(&app, post(&format!("/periode/{first}/tutup"), &perawat, ""))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(&app, get("/periode", &perawat)).await.status,
        StatusCode::FORBIDDEN
    );
    assert!(
        !send(&app, get("/periode", &admin_beta))
            .await
            .body
            .contains("Triwulan I 2026")
    );
    assert_eq!(
        send(&app, post(&format!("/periode/{first}/tutup"), &admin, ""))
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert!(
        send(&app, get("/periode", &admin))
            .await
            .body
            .contains("Buka kembali")
    );
});

/// Joko's new SKP of this year (he has none in the fixture's plan), with the sessions of the
/// people the rules below name.
struct SkpJoko {
    app: TestApp,
    f: testing::Fixture,
    r: testing::Rencana,
    joko: String,
    ani: String,
    kapus: String,
    skp_id: i32,
    /// The SKP's page.
    loc: String,
}

impl SkpJoko {
    fn aksi(&self, aksi: &str) -> String {
        format!("/skp/{}/aksi/{aksi}", self.skp_id)
    }
}

async fn skp_joko(db: &DatabaseConnection) -> SkpJoko {
    let f = fixture(db).await;
    let t = wib_today();
    let r = testing::rencana(db, &f, t).await;
    let app = TestApp::new(db);
    let joko = app.login_as(testing::NIP_PERAWAT2).await;
    let body = format!("tahun={}&pendekatan=KUANTITATIF", t.year());
    let res = app.post("/skp", &joko, &body).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let loc = res.location().to_string();
    SkpJoko {
        skp_id: id_after(&loc, "/skp/"),
        loc,
        ani: app.login_as(testing::NIP_PERAWAT1).await,
        kapus: app.login_as(testing::NIP_KAPUS).await,
        joko,
        app,
        f,
        r,
    }
}

/// [`skp_joko`] with an RHK supporting Sari's and its quantity indicator.
async fn skp_dengan_iki(db: &DatabaseConnection) -> SkpJoko {
    let s = skp_joko(db).await;
    let rhk = format!(
        "jenis=UTAMA&teks=Rawat+inap+tertangani&rhk_atasan_id={}",
        s.r.rhk_kapus
    );
    let res = s
        .app
        .post(&format!("/skp/{}/rhk", s.skp_id), &s.joko, &rhk)
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let rhk_id = id_after(res.location(), &format!("/skp/{}#rhk-", s.skp_id));
    let iki = "aspek=KUANTITAS&indikator=Jumlah+pasien&target=120&satuan=Pasien";
    let res = s
        .app
        .post(&format!("/rhk/{rhk_id}/iki"), &s.joko, iki)
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    s
}

/// [`skp_dengan_iki`] submitted, returned by Sari with a note, submitted again and set.
async fn skp_ditetapkan(db: &DatabaseConnection) -> SkpJoko {
    let s = skp_dengan_iki(db).await;
    for (aksi, who, body) in [
        ("ajukan", &s.joko, ""),
        ("kembalikan", &s.kapus, "catatan=Naikkan+target"),
        ("ajukan", &s.joko, ""),
        ("tetapkan", &s.kapus, ""),
    ] {
        let res = s.app.post(&s.aksi(aksi), who, body).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{aksi}: {}", res.body);
    }
    s
}

db_test!(an_skp_is_made_for_an_opened_year_only, |db| {
    let f = fixture(db).await;
    let t = wib_today();
    testing::rencana(db, &f, t).await;
    let app = app(db);
    let joko = login(&app, testing::NIP_PERAWAT2).await;
    let res = send(&app, get("/skp", &joko)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Belum ada SKP"));
    let res = send(
        &app,
        post("/skp", &joko, "tahun=2031&pendekatan=KUANTITATIF"),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Tahun 2031 belum dibuka") && res.body.contains("value=\"2031\""));
    let body = format!("tahun={}&pendekatan=KUANTITATIF", t.year());
    let res = send(&app, post("/skp", &joko, &body)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(res.location().starts_with("/skp/"));
});

// The page offers Sari's RHK to intervene in; an RHK without the one it supports comes back
// with what was typed.
db_test!(an_rhk_names_the_atasans_rhk_it_supports, |db| {
    let s = skp_joko(db).await;
    let res = send(&s.app.router, get(&s.loc, &s.joko)).await;
    assert!(
        res.body
            .contains("Terlaksananya pelayanan puskesmas yang bermutu")
    );
    let tanpa = "jenis=UTAMA&teks=Rawat+inap+tertangani&rhk_atasan_id=";
    let res = s
        .app
        .post(&format!("/skp/{}/rhk", s.skp_id), &s.joko, tanpa)
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Rawat inap tertangani") && res.body.contains("Pilih RHK atasan"));
});

db_test!(an_iki_needs_a_target_above_zero, |db| {
    let s = skp_dengan_iki(db).await;
    let rhk = kinerja_core::db::entities::rhk::Entity::find()
        .filter(kinerja_core::db::entities::rhk::Column::SkpId.eq(s.skp_id))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let nol = "aspek=KUANTITAS&indikator=Jumlah+pasien&target=0&satuan=Pasien";
    let res = s
        .app
        .post(&format!("/rhk/{}/iki", rhk.id), &s.joko, nol)
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Target harus lebih dari nol"));
});

// A colleague, another instansi's admin and a forged cross-site post are all refused.
db_test!(strangers_neither_read_nor_change_an_skp, |db| {
    let s = skp_dengan_iki(db).await;
    assert_eq!(
        send(&s.app.router, get(&s.loc, &s.ani)).await.status,
        StatusCode::FORBIDDEN
    );
    let admin_beta = s.app.login_as("admin.beta").await;
    assert_eq!(
        send(&s.app.router, get(&s.loc, &admin_beta)).await.status,
        StatusCode::FORBIDDEN
    );
    let rhk = format!("/skp/{}/rhk", s.skp_id);
    assert_eq!(
        s.app.post(&rhk, &s.ani, "jenis=UTAMA&teks=x").await.status,
        StatusCode::FORBIDDEN
    );
    let mut forged = post(&s.aksi("ajukan"), &s.joko, "");
    forged
        .headers_mut()
        .insert("sec-fetch-site", "cross-site".parse().unwrap());
    assert_eq!(
        send(&s.app.router, forged).await.status,
        StatusCode::FORBIDDEN
    );
});

// Submitted, the SKP is the penilai's to return (with a note) or to set, not the pegawai's.
db_test!(the_penilai_returns_an_skp_with_a_note_or_sets_it, |db| {
    let s = skp_dengan_iki(db).await;
    assert_eq!(
        s.app.post(&s.aksi("ajukan"), &s.joko, "").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        s.app.post(&s.aksi("tetapkan"), &s.joko, "").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        s.app
            .post(&s.aksi("kembalikan"), &s.kapus, "catatan=")
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let res = s
        .app
        .post(&s.aksi("kembalikan"), &s.kapus, "catatan=Naikkan+target")
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let res = send(&s.app.router, get(&s.loc, &s.joko)).await;
    assert!(res.body.contains("Naikkan target") && res.body.contains("Dikembalikan"));
    s.app.post(&s.aksi("ajukan"), &s.joko, "").await;
    assert_eq!(
        s.app.post(&s.aksi("tetapkan"), &s.kapus, "").await.status,
        StatusCode::SEE_OTHER
    );
    assert!(
        send(&s.app.router, get(&s.loc, &s.joko))
            .await
            .body
            .contains("Ditetapkan")
    );
});

db_test!(the_printed_skp_has_the_official_layout, |db| {
    let f = fixture(db).await;
    let r = testing::rencana(db, &f, wib_today()).await;
    let app = app(db);
    let kapus = login(&app, testing::NIP_KAPUS).await;
    let res = send(&app, get(&format!("/skp/{}/cetak", r.skp_perawat1), &kapus)).await;
    assert_eq!(res.status, StatusCode::OK);
    for text in [
        "SASARAN KINERJA PEGAWAI",
        "PEJABAT PENILAI KINERJA",
        testing::NIP_PERAWAT1,
        testing::NIP_KAPUS,
        "Ani Perawat",
        "Sari Kapus",
        "Berorientasi Pelayanan",
        "LAMPIRAN SASARAN KINERJA PEGAWAI",
    ] {
        assert!(res.body.contains(text), "{text}");
    }
});

// Returning and setting notify the pegawai; every page counts the unread notifications in its
// navigation, read with the session.
db_test!(
    the_pegawai_is_notified_and_every_page_counts_the_unread,
    |db| {
        use kinerja_core::db::entities::notifikasi;
        let s = skp_ditetapkan(db).await;
        let unread = notifikasi::Entity::find()
            .filter(notifikasi::Column::PegawaiId.eq(s.f.perawat2.id))
            .filter(notifikasi::Column::Dibaca.eq(false))
            .count(db)
            .await
            .unwrap();
        assert!(unread >= 2);
        let res = send(&s.app.router, get("/", &s.joko)).await;
        assert!(
            res.body
                .contains(&format!("id=\"jumlah-notifikasi\">{unread}</span>")),
            "{}",
            res.body
        );
        let res = send(&s.app.router, get("/notifikasi", &s.joko)).await;
        assert!(res.body.contains("dikembalikan") && res.body.contains("ditetapkan"));
    }
);

db_test!(the_cascade_shows_who_supports_whom, |db| {
    let s = skp_ditetapkan(db).await;
    let admin = s.app.login_as("admin.alpha").await;
    let kaskade = format!(
        "/kaskade?unit={}&tahun={}",
        s.f.unit_dinas,
        wib_today().year()
    );
    let res = send(&s.app.router, get(&kaskade, &admin)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Budi Kadis") && res.body.contains("Rawat inap tertangani"));
});
