//! Pages, search, security headers and the language switch.

use super::*;

db_test!(pages_search_headers_and_language, |db| {
    let f = fixture(db).await;
    let app = app(db);
    let cookie = login(&app, "admin.alpha").await;
    let res = send(&app, get("/pegawai?q=perawat", &cookie)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.body.contains("Ani Perawat")
            && res.body.contains("Joko Perawat")
            && !res.body.contains("Budi Kadis")
    );
    let csp = res.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
    assert_eq!(res.headers[header::X_FRAME_OPTIONS], "DENY");
    // htmx search gets only the table; an empty result says so.
    let mut hx = get("/pegawai?q=zzz", &cookie);
    hx.headers_mut()
        .insert("hx-request", "true".parse().unwrap());
    let res = send(&app, hx).await;
    assert!(!res.body.contains("<html") && res.body.contains("Tidak ada yang cocok"));
    for path in [
        "/unit",
        "/jabatan",
        "/plt",
        "/impor",
        "/audit",
        "/instansi",
        "/pegawai/baru",
        "/unit/baru",
        "/jabatan/baru",
        "/akun/kata-sandi",
    ] {
        assert_eq!(
            send(&app, get(path, &cookie)).await.status,
            StatusCode::OK,
            "{path}"
        );
    }
    // Super admin without a chosen instansi is sent to choose one.
    let sa = login(&app, "superadmin").await;
    let res = send(&app, get("/pegawai", &sa)).await;
    assert_eq!(res.headers[header::LOCATION], "/instansi");
    assert!(
        send(&app, get(&format!("/pegawai?instansi={}", f.beta), &sa))
            .await
            .body
            .contains("Eko Beta")
    );
    // English by a switch.
    let res = send(&app, get("/bahasa/en?next=/masuk", "")).await;
    assert!(
        res.headers[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .starts_with("lang=en")
    );
    let res = send(&app, get("/masuk", "lang=en")).await;
    assert!(res.body.contains("Log in to Kinerja") && res.body.contains("lang=\"en\""));
    let res = send(&app, get("/masuk", "")).await;
    assert!(res.body.contains("Masuk ke Kinerja"));
    assert_eq!(
        send(&app, get("/assets/vendor/htmx-2.0.11.min.js", ""))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        send(&app, get("/assets/nope.js", "")).await.status,
        StatusCode::NOT_FOUND
    );
});

db_test!(an_error_page_is_worded_in_the_chosen_language, |db| {
    let f = fixture(db).await;
    let app = TestApp::new(db);
    let perawat = app.login_as(testing::NIP_PERAWAT1).await;
    let colleague = format!("/pegawai/{}", f.perawat2.id);

    let id = app.get(&colleague, &perawat).await;
    assert_eq!(id.status, StatusCode::FORBIDDEN);
    assert!(id.body.contains("Akses ditolak"), "{}", id.body);
    assert!(id.body.contains("Anda tidak berwenang melakukan ini."));

    let en = app.get(&colleague, &format!("{perawat}; lang=en")).await;
    assert_eq!(en.status, StatusCode::FORBIDDEN);
    assert!(en.body.contains("Access denied"), "{}", en.body);
    assert!(en.body.contains("You are not allowed to do this."));
    assert!(!en.body.contains("tidak berwenang"));
});

db_test!(a_missing_record_is_worded_in_the_chosen_language, |db| {
    fixture(db).await;
    let app = TestApp::new(db);
    let admin = app.login_as("admin.alpha").await;
    let res = app
        .get("/pegawai/999999", &format!("{admin}; lang=en"))
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);
    assert!(
        res.body.contains("The record was not found."),
        "{}",
        res.body
    );
    let res = app.get("/pegawai/999999", &admin).await;
    assert!(res.body.contains("Data tidak ditemukan."), "{}", res.body);
});
