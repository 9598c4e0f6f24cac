//! Bad input answers 422 with field messages and keeps what was typed.

use super::*;

db_test!(bad_input_gets_422_and_keeps_what_was_typed, |db| {
    let f = fixture(db).await;
    let app = app(db);
    let cookie = login(&app, "admin.alpha").await;
    let before = pegawai::Entity::find().count(db).await.unwrap();
    let form = format!(
        "nama=Sinta+Dewi&nip=19951301201901200&status_asn=PNS&golongan=III%2Fz&jabatan_id={}&aktif=on",
        f.jab_perawat
    );
    let res = send(&app, post("/pegawai/baru", &cookie, &form)).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("value=\"Sinta Dewi\""));
    assert!(res.body.contains("value=\"19951301201901200\""));
    assert!(res.body.contains("NIP harus terdiri dari 18 digit."));
    assert!(res.body.contains("Golongan PNS"));
    assert!(res.body.contains("aria-invalid=\"true\""));
    assert_eq!(pegawai::Entity::find().count(db).await.unwrap(), before);

    // Junk ids and huge text get messages, never a 500.
    let huge = "x".repeat(5000);
    let res = send(
        &app,
        post(
            "/pegawai/baru",
            &cookie,
            &format!("nama={huge}&nip=abc&status_asn=HONORER&jabatan_id=abc"),
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Paling banyak 200 karakter."));
    assert_eq!(
        send(&app, get("/pegawai/abc", &cookie))
            .await
            .status
            .as_u16()
            / 100,
        4
    );
    assert_eq!(
        send(&app, get("/pegawai/99999", &cookie)).await.status,
        StatusCode::NOT_FOUND
    );
    let res = send(&app, post("/unit/baru", &cookie, "nama=&parent_id=zz")).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Wajib diisi."));
    let res = send(
        &app,
        post(
            "/plt",
            &cookie,
            "jenis=PLT&jabatan_id=&pegawai_nip=1&mulai=kemarin",
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Tanggal tidak valid."));

    // A good form saves and shows the profile.
    let form = format!(
        "nama=Sinta+Dewi&nip=199501012019012001&status_asn=PNS&golongan=III%2Fa&jabatan_id={}&aktif=on",
        f.jab_perawat
    );
    let res = send(&app, post("/pegawai/baru", &cookie, &form)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let loc = res.headers[header::LOCATION].to_str().unwrap().to_string();
    let res = send(&app, get(&loc, &cookie)).await;
    assert!(
        res.body.contains("Sinta Dewi") && res.body.contains("Sari Kapus"),
        "penilai derived from the jabatan"
    );
});

db_test!(the_pegawai_form_names_each_wrong_field, |db| {
    let f = fixture(db).await;
    let app = TestApp::new(db);
    let admin = app.login_as("admin.alpha").await;
    let jabatan = f.jab_perawat.to_string();
    let res = app
        .post_form(
            "/pegawai/baru",
            &admin,
            &[
                ("nama", ""),
                ("nip", "19951301201901200"),
                ("status_asn", "PNS"),
                ("golongan", "III/z"),
                ("jabatan_id", &jabatan),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    insta::assert_snapshot!("pegawai_baru_galat", pesan_galat(&res.body));
});

db_test!(the_unit_form_names_each_wrong_field, |db| {
    fixture(db).await;
    let app = TestApp::new(db);
    let admin = app.login_as("admin.alpha").await;
    let res = app
        .post_form("/unit/baru", &admin, &[("nama", ""), ("parent_id", "zz")])
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    insta::assert_snapshot!("unit_baru_galat", pesan_galat(&res.body));
});

/// The field messages of the page that refused `form`, posted to `path` by `user`.
async fn galat_formulir(app: &TestApp, user: &str, path: &str, form: &[(&str, &str)]) -> String {
    let sesi = app.login_as(user).await;
    let res = app.post_form(path, &sesi, form).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
    pesan_galat(&res.body)
}

db_test!(the_jabatan_form_names_each_wrong_field, |db| {
    fixture(db).await;
    let app = TestApp::new(db);
    let form = [
        ("nama", ""),
        ("unit_kerja_id", "zz"),
        ("jenis", "BUKAN"),
        ("jenjang", ""),
        ("atasan_id", "zz"),
    ];
    insta::assert_snapshot!(
        "jabatan_baru_galat",
        galat_formulir(&app, "admin.alpha", "/jabatan/baru", &form).await
    );
});

db_test!(the_plt_form_names_each_wrong_field, |db| {
    fixture(db).await;
    let app = TestApp::new(db);
    let form = [
        ("jenis", "PLT"),
        ("jabatan_id", ""),
        ("pegawai_nip", "1"),
        ("mulai", "kemarin"),
    ];
    insta::assert_snapshot!(
        "plt_galat",
        galat_formulir(&app, "admin.alpha", "/plt", &form).await
    );
});

db_test!(the_assessment_round_form_names_each_wrong_field, |db| {
    fixture(db).await;
    let app = TestApp::new(db);
    let form = [
        ("nama", " "),
        ("tahun", "2020"),
        ("batas", "2020-01-01"),
        ("unit_kerja_id", ""),
    ];
    insta::assert_snapshot!(
        "asesmen_galat",
        galat_formulir(&app, "admin.alpha", "/asesmen", &form).await
    );
});

db_test!(the_catalogue_form_names_each_wrong_field, |db| {
    fixture(db).await;
    let app = TestApp::new(db);
    let form = [("nama", ""), ("jenis", ""), ("jp", "0")];
    insta::assert_snapshot!(
        "katalog_galat",
        galat_formulir(&app, "admin.alpha", "/katalog-pengembangan", &form).await
    );
});

db_test!(the_competency_settings_form_names_each_wrong_field, |db| {
    fixture(db).await;
    let app = TestApp::new(db);
    let form = [
        ("bobot_diri", "50"),
        ("bobot_atasan", "50"),
        ("bobot_rekan", "20"),
        ("bobot_bawahan", "0"),
        ("skala_jpm", "PEMETAAN"),
        ("potensial_tinggi", "90"),
        ("potensial_menengah", "95"),
        ("kinerja_di_atas", "abc"),
        ("kinerja_sesuai", "70"),
    ];
    insta::assert_snapshot!(
        "pengaturan_kompetensi_galat",
        galat_formulir(&app, "admin.alpha", "/pengaturan-kompetensi", &form).await
    );
});

db_test!(the_performance_settings_form_names_each_wrong_field, |db| {
    fixture(db).await;
    let app = TestApp::new(db);
    let form = [
        ("distribusi_mode", "BLOCK"),
        ("saran_di_atas", "90"),
        ("saran_sesuai", "95"),
        ("ukuran_minimum", "x"),
    ];
    insta::assert_snapshot!(
        "pengaturan_kinerja_galat",
        galat_formulir(&app, "admin.alpha", "/pengaturan-kinerja", &form).await
    );
});

db_test!(the_skp_form_names_each_wrong_field, |db| {
    let f = fixture(db).await;
    testing::rencana(db, &f, wib_today()).await;
    let app = TestApp::new(db);
    let form = [("tahun", "2031"), ("pendekatan", "BUKAN")];
    insta::assert_snapshot!(
        "skp_baru_galat",
        galat_formulir(&app, testing::NIP_PERAWAT2, "/skp", &form).await
    );
});

db_test!(the_period_form_names_each_wrong_field, |db| {
    fixture(db).await;
    let app = TestApp::new(db);
    let form = [
        ("tahun", "1999"),
        ("skema", "BUKAN"),
        ("tenggang_hari", "-1"),
    ];
    insta::assert_snapshot!(
        "periode_galat",
        galat_formulir(&app, "admin.alpha", "/periode", &form).await
    );
});
