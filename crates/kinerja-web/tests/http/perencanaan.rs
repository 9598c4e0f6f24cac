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

db_test!(skp_pages_workflow_and_forbidden_paths, |db| {
    let f = fixture(db).await;
    let t = wib_today();
    let r = testing::rencana(db, &f, t).await;
    let app = app(db);
    let joko = login(&app, testing::NIP_PERAWAT2).await;
    let ani = login(&app, testing::NIP_PERAWAT1).await;
    let kapus = login(&app, testing::NIP_KAPUS).await;

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
    let res = send(
        &app,
        post(
            "/skp",
            &joko,
            &format!("tahun={}&pendekatan=KUANTITATIF", t.year()),
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let loc = res.headers[header::LOCATION].to_str().unwrap().to_string();
    let skp_id = id_after(&loc, "/skp/");

    // The page offers Sari's RHK to intervene in; a bad RHK keeps what was typed.
    let res = send(&app, get(&loc, &joko)).await;
    assert!(
        res.body
            .contains("Terlaksananya pelayanan puskesmas yang bermutu")
    );
    let res = send(
        &app,
        post(
            &format!("/skp/{skp_id}/rhk"),
            &joko,
            "jenis=UTAMA&teks=Rawat+inap+tertangani&rhk_atasan_id=",
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Rawat inap tertangani") && res.body.contains("Pilih RHK atasan"));
    let res = send(
        &app,
        post(
            &format!("/skp/{skp_id}/rhk"),
            &joko,
            &format!(
                "jenis=UTAMA&teks=Rawat+inap+tertangani&rhk_atasan_id={}",
                r.rhk_kapus
            ),
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let rhk_id = id_after(
        res.headers[header::LOCATION].to_str().unwrap(),
        &format!("/skp/{skp_id}#rhk-"),
    );
    let res = send(
        &app,
        post(
            &format!("/rhk/{rhk_id}/iki"),
            &joko,
            "aspek=KUANTITAS&indikator=Jumlah+pasien&target=0&satuan=Pasien",
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Target harus lebih dari nol"));
    let res = send(
        &app,
        post(
            &format!("/rhk/{rhk_id}/iki"),
            &joko,
            "aspek=KUANTITAS&indikator=Jumlah+pasien&target=120&satuan=Pasien",
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);

    // Strangers: a colleague, another instansi's admin, a forged cross-site post.
    assert_eq!(
        send(&app, get(&loc, &ani)).await.status,
        StatusCode::FORBIDDEN
    );
    let admin_beta = login(&app, "admin.beta").await;
    assert_eq!(
        send(&app, get(&loc, &admin_beta)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(
            &app,
            post(&format!("/skp/{skp_id}/rhk"), &ani, "jenis=UTAMA&teks=x")
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let mut forged = post(&format!("/skp/{skp_id}/aksi/ajukan"), &joko, "");
    forged
        .headers_mut()
        .insert("sec-fetch-site", "cross-site".parse().unwrap());
    assert_eq!(send(&app, forged).await.status, StatusCode::FORBIDDEN);

    // Submit; the penilai returns it with a note, then sets it.
    let res = send(&app, post(&format!("/skp/{skp_id}/aksi/ajukan"), &joko, "")).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(
        send(
            &app,
            post(&format!("/skp/{skp_id}/aksi/tetapkan"), &joko, "")
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let res = send(
        &app,
        post(
            &format!("/skp/{skp_id}/aksi/kembalikan"),
            &kapus,
            "catatan=",
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let res = send(
        &app,
        post(
            &format!("/skp/{skp_id}/aksi/kembalikan"),
            &kapus,
            "catatan=Naikkan+target",
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let res = send(&app, get(&loc, &joko)).await;
    assert!(res.body.contains("Naikkan target") && res.body.contains("Dikembalikan"));
    send(&app, post(&format!("/skp/{skp_id}/aksi/ajukan"), &joko, "")).await;
    let res = send(
        &app,
        post(&format!("/skp/{skp_id}/aksi/tetapkan"), &kapus, ""),
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(
        send(&app, get(&loc, &joko))
            .await
            .body
            .contains("Ditetapkan")
    );

    // The printable document in the official layout.
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
    // Notifications reached Joko (returned, set); every page counts the unread ones in its
    // navigation, read with the session.
    let unread = kinerja_core::db::entities::notifikasi::Entity::find()
        .filter(kinerja_core::db::entities::notifikasi::Column::PegawaiId.eq(f.perawat2.id))
        .filter(kinerja_core::db::entities::notifikasi::Column::Dibaca.eq(false))
        .count(db)
        .await
        .unwrap();
    assert!(unread >= 2);
    let res = send(&app, get("/", &joko)).await;
    assert!(
        res.body
            .contains(&format!("id=\"jumlah-notifikasi\">{unread}</span>")),
        "{}",
        res.body
    );
    let res = send(&app, get("/notifikasi", &joko)).await;
    assert!(res.body.contains("dikembalikan") && res.body.contains("ditetapkan"));
    // The cascade view shows who supports whom.
    let admin = login(&app, "admin.alpha").await;
    let res = send(
        &app,
        get(
            &format!("/kaskade?unit={}&tahun={}", f.unit_dinas, t.year()),
            &admin,
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Budi Kadis") && res.body.contains("Rawat inap tertangani"));
});
