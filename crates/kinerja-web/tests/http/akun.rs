//! Login, logout, sessions, the metrics endpoint, CSRF and the login throttle.

use super::*;

db_test!(login_home_logout, |db| {
    fixture(db).await;
    let app = app(db);
    let res = send(&app, get("/", "")).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(res.headers[header::LOCATION], "/masuk?next=/");

    let res = send(
        &app,
        post(
            "/masuk",
            "",
            &format!("login={}&password=salah-sekali", testing::NIP_KAPUS),
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert!(
        res.body
            .contains("NIP/nama pengguna atau kata sandi salah.")
    );
    assert!(
        res.body.contains(testing::NIP_KAPUS),
        "the typed login is kept"
    );
    assert!(res.headers.get(header::SET_COOKIE).is_none());

    let cookie = login(&app, testing::NIP_KAPUS).await;
    let res = send(&app, get("/", &cookie)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Sari Kapus"));
    assert!(
        res.body.contains("Ani Perawat"),
        "the penilai's home lists the team"
    );

    // The login form sends a logged-in user onwards; `next` never leaves the site.
    let res = send(
        &app,
        post(
            "/masuk",
            "",
            &format!(
                "login={}&password={PASSWORD}&next=//evil.example",
                testing::NIP_KAPUS
            ),
        ),
    )
    .await;
    assert_eq!(res.headers[header::LOCATION], "/");

    let res = send(&app, post("/keluar", &cookie, "")).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(
        res.headers[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
    assert_eq!(
        send(&app, get("/", &cookie)).await.status,
        StatusCode::SEE_OTHER
    );
});

db_test!(metrics_answer_only_the_configured_token, |db| {
    fixture(db).await;
    // Off unless a token is configured: a 404 like any unknown path, token or not.
    let app = app(db);
    assert_eq!(
        send(&app, get("/metrics", "")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(send(&app, scrape("")).await.status, StatusCode::NOT_FOUND);

    let token = "rahasia-pemantauan-0123456789";
    let app = app_with(
        db,
        kinerja_web::WebConfig {
            metrics_token: Some(token.into()),
            ..Default::default()
        },
    );
    assert_eq!(send(&app, get("/health", "")).await.status, StatusCode::OK);
    assert_eq!(
        send(&app, get("/tidak/ada/12345", "")).await.status,
        StatusCode::NOT_FOUND
    );
    let cookie = login(&app, testing::NIP_KAPUS).await;
    assert_eq!(
        send(&app, get("/monitoring", &cookie)).await.status,
        StatusCode::OK
    );
    // Without the token, with another, with a part of it, or with it in a cookie: nothing.
    for refused in [
        get("/metrics", ""),
        scrape("salah"),
        scrape(&token[..10]),
        scrape(&format!("{token}x")),
        get("/metrics", &format!("token={token}")),
    ] {
        let res = send(&app, refused).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
        assert!(!res.body.contains("kinerja_http"));
    }

    let res = send(&app, scrape(token)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/openmetrics-text")
    );
    let series = |route: &str, method: &str, status: u16| {
        format!(
            "kinerja_http_request_duration_seconds_count{{method=\"{method}\",route=\"{route}\",status=\"{status}\"}} "
        )
    };
    let count = |route: &str, method: &str, status: u16| -> u64 {
        let key = series(route, method, status);
        res.body
            .lines()
            .find_map(|l| l.strip_prefix(key.as_str()))
            .map_or(0, |n| n.trim().parse().unwrap())
    };
    assert_eq!(count("/health", "GET", 200), 1, "{}", res.body);
    assert_eq!(count("/monitoring", "GET", 200), 1);
    assert_eq!(count("/masuk", "POST", 303), 1);
    // Routes by their pattern, an unknown path under one label: the series stay as few as
    // the routes, whatever a scanner asks for.
    assert_eq!(count("unmatched", "GET", 404), 1);
    assert!(!res.body.contains("/tidak/ada"));
    // The refused scrapes are counted under the route; the refusals look like any 404.
    assert_eq!(count("/metrics", "GET", 404), 5);
    assert!(res.body.contains(
        "kinerja_http_request_duration_seconds_bucket{le=\"0.02\",method=\"GET\",route=\"/health\",status=\"200\"} 1"
    ));
    // Only the scrape itself is being handled.
    assert!(res.body.contains("kinerja_http_requests_in_flight 1\n"));
});

db_test!(cross_site_posts_are_refused, |db| {
    let f = fixture(db).await;
    let app = app(db);
    let cookie = login(&app, "admin.alpha").await;
    let form = format!(
        "nama=Diganti&nip={}&status_asn=PNS&golongan=III/a&jabatan_id={}&aktif=on",
        f.perawat1.nip, f.jab_perawat
    );
    let path = format!("/pegawai/{}/ubah", f.perawat1.id);
    let mut evil = post(&path, &cookie, &form);
    evil.headers_mut()
        .insert(header::ORIGIN, "http://evil.example".parse().unwrap());
    evil.headers_mut().remove("sec-fetch-site");
    assert_eq!(send(&app, evil).await.status, StatusCode::FORBIDDEN);
    let mut cross = post(&path, &cookie, &form);
    cross
        .headers_mut()
        .insert("sec-fetch-site", "cross-site".parse().unwrap());
    assert_eq!(send(&app, cross).await.status, StatusCode::FORBIDDEN);
    let mut null_origin = post(&path, &cookie, &form);
    null_origin
        .headers_mut()
        .insert(header::ORIGIN, "null".parse().unwrap());
    null_origin.headers_mut().remove("sec-fetch-site");
    assert_eq!(send(&app, null_origin).await.status, StatusCode::FORBIDDEN);
    // Login cannot be forged cross-site either.
    let mut login_evil = post(
        "/masuk",
        "",
        &format!("login=admin.alpha&password={PASSWORD}"),
    );
    login_evil
        .headers_mut()
        .insert("sec-fetch-site", "cross-site".parse().unwrap());
    assert_eq!(send(&app, login_evil).await.status, StatusCode::FORBIDDEN);
    assert_eq!(nama_of(db, f.perawat1.id).await, "Ani Perawat");

    let res = send(&app, post(&path, &cookie, &form)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(nama_of(db, f.perawat1.id).await, "Diganti");
    // ...and the change is in the record's audit trail.
    let res = send(
        &app,
        get(
            &format!("/audit?entity=pegawai&id={}", f.perawat1.id),
            &cookie,
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Diganti") && res.body.contains("admin.alpha"));
});

db_test!(failed_logins_are_throttled_alike, |db| {
    fixture(db).await;
    let app = app(db);
    for _ in 0..kinerja_core::services::akun::auth::MAX_FAILURES {
        for user in [testing::NIP_PERAWAT1, "belum.terdaftar"] {
            let res = send(
                &app,
                post("/masuk", "", &format!("login={user}&password=tebak-tebak")),
            )
            .await;
            assert_eq!(res.status, StatusCode::UNAUTHORIZED);
        }
    }
    let known = send(
        &app,
        post(
            "/masuk",
            "",
            &format!("login={}&password={PASSWORD}", testing::NIP_PERAWAT1),
        ),
    )
    .await;
    let unknown = send(
        &app,
        post("/masuk", "", "login=belum.terdaftar&password=tebak-tebak"),
    )
    .await;
    assert_eq!(
        (known.status, unknown.status),
        (StatusCode::TOO_MANY_REQUESTS, StatusCode::TOO_MANY_REQUESTS)
    );
    let msg = "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 15 menit.";
    assert!(known.body.contains(msg) && unknown.body.contains(msg));
});
