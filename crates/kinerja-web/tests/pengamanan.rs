//! Hardening of the web layer, one rule a test, each on SQLite and PostgreSQL: the login
//! throttle under concurrent guesses, per address and per known browser; one session per
//! browser; redirects that stay on the site; CSRF with bearer headers; no state change on GET;
//! caching headers; bounded page numbers; unreadable uploads; and what a user sees while the
//! database is gone.

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, StatusCode, header};
use kinerja_core::db::entities::notifikasi;
use kinerja_core::db_test;
use kinerja_core::services::akun::auth::{MAX_FAILURES, MAX_FAILURES_ALAMAT};
use kinerja_core::testing::{self, PASSWORD, fixture};
use sea_orm::EntityTrait;
use std::net::SocketAddr;

mod common;
use common::*;

/// A login post from network address `ip`.
fn login_from(ip: [u8; 4], cookie: &str, user: &str, password: &str) -> Request<Body> {
    let mut req = post(
        "/masuk",
        cookie,
        &format!("login={user}&password={password}"),
    );
    req.extensions_mut()
        .insert(ConnectInfo(SocketAddr::from((ip, 40000))));
    req
}

db_test!(
    concurrent_guesses_check_no_more_passwords_than_the_limit,
    |db| {
        fixture(db).await;
        let app = app(db);
        let mut tasks = Vec::new();
        for _ in 0..20 {
            let app = app.clone();
            tasks.push(tokio::spawn(async move {
                send(
                    &app,
                    post(
                        "/masuk",
                        "",
                        &format!("login={}&password=tebakan-salah", testing::NIP_PERAWAT1),
                    ),
                )
                .await
                .status
            }));
        }
        let mut statuses = Vec::new();
        for t in tasks {
            statuses.push(t.await.unwrap());
        }
        let unauthorized = statuses
            .iter()
            .filter(|s| **s == StatusCode::UNAUTHORIZED)
            .count();
        let throttled = statuses
            .iter()
            .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
            .count();
        assert_eq!(
            (unauthorized, throttled),
            (MAX_FAILURES as usize, 20 - MAX_FAILURES as usize),
            "{statuses:?}"
        );
        // The right password is refused too until the window has passed.
        let res = send(
            &app,
            post(
                "/masuk",
                "",
                &format!("login={}&password={PASSWORD}", testing::NIP_PERAWAT1),
            ),
        )
        .await;
        assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    }
);

db_test!(one_address_cannot_guess_across_many_accounts, |db| {
    fixture(db).await;
    let app = app(db);
    let stranger = [203, 0, 113, 7];
    let mut tries = 0;
    let refused_at = 'guess: {
        for account in 0..20 {
            for _ in 0..(MAX_FAILURES - 1) {
                tries += 1;
                let res = send(
                    &app,
                    login_from(stranger, "", &format!("akun.{account}"), "salah-salah"),
                )
                .await;
                if res.status == StatusCode::TOO_MANY_REQUESTS {
                    break 'guess tries;
                }
                assert_eq!(res.status, StatusCode::UNAUTHORIZED);
            }
        }
        panic!("never throttled after {tries} tries");
    };
    assert_eq!(refused_at, MAX_FAILURES_ALAMAT + 1);
    // Another address is not affected.
    let res = send(
        &app,
        login_from([198, 51, 100, 1], "", testing::NIP_KAPUS, PASSWORD),
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
});

db_test!(successful_logins_from_one_address_are_not_counted, |db| {
    fixture(db).await;
    let app = app(db);
    let office = [192, 0, 2, 10];
    for _ in 0..(MAX_FAILURES_ALAMAT + 5) {
        let res = send(&app, login_from(office, "", testing::NIP_KAPUS, PASSWORD)).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
    }
});

db_test!(
    a_stranger_cannot_lock_the_owner_out_of_a_known_browser,
    |db| {
        fixture(db).await;
        let app = app(db);
        // The owner logged in from this browser before: it keeps the device cookie.
        let res = send(
            &app,
            login_from([192, 0, 2, 1], "", testing::NIP_PERAWAT1, PASSWORD),
        )
        .await;
        let device = res.cookie("kinerja_perangkat").expect("device cookie");
        // A stranger fills the account's counter.
        for _ in 0..=MAX_FAILURES {
            send(
                &app,
                login_from([203, 0, 113, 9], "", testing::NIP_PERAWAT1, "tebak-tebak"),
            )
            .await;
        }
        let res = send(
            &app,
            login_from([203, 0, 113, 9], "", testing::NIP_PERAWAT1, PASSWORD),
        )
        .await;
        assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
        // The owner's browser still gets in.
        let res = send(
            &app,
            login_from([192, 0, 2, 1], &device, testing::NIP_PERAWAT1, PASSWORD),
        )
        .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        // A made-up device cookie is no way around the lock.
        let forged = format!("kinerja_perangkat={}", "ab".repeat(32));
        let res = send(
            &app,
            login_from([203, 0, 113, 9], &forged, testing::NIP_PERAWAT1, PASSWORD),
        )
        .await;
        assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    }
);

db_test!(logging_in_again_ends_the_browsers_previous_session, |db| {
    fixture(db).await;
    let app = app(db);
    let first = login(&app, testing::NIP_KAPUS).await;
    let res = send(
        &app,
        post(
            "/masuk",
            &first,
            &format!("login={}&password={PASSWORD}", testing::NIP_PERAWAT1),
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let second = res.cookie("kinerja_sesi").unwrap();
    assert_ne!(first, second);
    assert_eq!(
        send(&app, get("/", &first)).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(send(&app, get("/", &second)).await.status, StatusCode::OK);
});

db_test!(next_never_leaves_the_site, |db| {
    fixture(db).await;
    let app = app(db);
    for next in [
        "/%09/evil.example/",
        "/%0A/evil.example",
        "/%0D",
        "/%7F",
        "/%5Cevil.example",
        "//evil.example",
        "https://evil.example",
        "/%20/evil.example",
    ] {
        let res = send(&app, get(&format!("/bahasa/id?next={next}"), "")).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{next}");
        assert_eq!(res.headers[header::LOCATION], "/", "{next}");
        let res = send(
            &app,
            post(
                "/masuk",
                "",
                &format!(
                    "login={}&password={PASSWORD}&next={next}",
                    testing::NIP_KAPUS
                ),
            ),
        )
        .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{next}");
        assert_eq!(res.headers[header::LOCATION], "/", "{next}");
    }
    let res = send(&app, get("/bahasa/id?next=/pegawai%3Fq%3Da", "")).await;
    assert_eq!(res.headers[header::LOCATION], "/pegawai?q=a");
});

db_test!(
    a_bearer_header_beside_the_session_cookie_exempts_nothing,
    |db| {
        fixture(db).await;
        let app = app(db);
        let cookie = login(&app, testing::NIP_KAPUS).await;
        let forged = Request::builder()
            .method(Method::POST)
            .uri("/keluar")
            .header(header::HOST, HOST)
            .header(header::ORIGIN, "https://evil.example")
            .header("sec-fetch-site", "cross-site")
            .header(header::AUTHORIZATION, "Bearer apa-saja")
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .unwrap();
        assert_eq!(send(&app, forged).await.status, StatusCode::FORBIDDEN);
        assert_eq!(send(&app, get("/", &cookie)).await.status, StatusCode::OK);
        // Without a cookie nothing ambient rides on the request: it reaches the route.
        let api = Request::builder()
            .method(Method::POST)
            .uri("/keluar")
            .header(header::HOST, HOST)
            .header(header::ORIGIN, "https://evil.example")
            .header(header::AUTHORIZATION, "Bearer apa-saja")
            .body(Body::empty())
            .unwrap();
        assert_ne!(send(&app, api).await.status, StatusCode::FORBIDDEN);
    }
);

db_test!(following_a_notification_link_marks_nothing, |db| {
    let f = fixture(db).await;
    let app = app(db);
    kinerja_core::services::jejak::notifikasi::kirim(db, f.kapus.id, "Uji", "/skp")
        .await
        .unwrap();
    let n = notifikasi::Entity::find().one(db).await.unwrap().unwrap();
    let kapus = login(&app, testing::NIP_KAPUS).await;
    let res = send(&app, get(&format!("/notifikasi/{}", n.id), &kapus)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(res.headers[header::LOCATION], "/skp");
    let after = notifikasi::Entity::find_by_id(n.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert!(!after.dibaca);
    let res = send(&app, post(&format!("/notifikasi/{}", n.id), &kapus, "")).await;
    assert_eq!(res.headers[header::LOCATION], "/skp");
    let after = notifikasi::Entity::find_by_id(n.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert!(after.dibaca);
    // Another pegawai's notification is refused, by GET and by POST.
    let ani = login(&app, testing::NIP_PERAWAT1).await;
    let path = format!("/notifikasi/{}", n.id);
    assert_eq!(
        send(&app, get(&path, &ani)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(&app, post(&path, &ani, "")).await.status,
        StatusCode::FORBIDDEN
    );
});

db_test!(personal_pages_are_not_cached_and_https_is_kept, |db| {
    fixture(db).await;
    let app = app(db);
    let kapus = login(&app, testing::NIP_KAPUS).await;
    for path in ["/", "/skp", "/notifikasi", "/masuk"] {
        let res = send(&app, get(path, &kapus)).await;
        assert_eq!(res.headers[header::CACHE_CONTROL], "no-store", "{path}");
        assert!(!res.headers.contains_key(header::STRICT_TRANSPORT_SECURITY));
    }
    let res = send(&app, get("/assets/app.css", "")).await;
    assert!(
        res.headers[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .starts_with("public")
    );
    let https = app_with(
        db,
        kinerja_web::WebConfig {
            secure_cookies: true,
            ..Default::default()
        },
    );
    let res = send(&https, get("/masuk", "")).await;
    assert!(
        res.headers[header::STRICT_TRANSPORT_SECURITY]
            .to_str()
            .unwrap()
            .starts_with("max-age=")
    );
});

db_test!(page_numbers_past_any_list_show_an_empty_page, |db| {
    fixture(db).await;
    let app = app(db);
    let admin = login(&app, "admin.alpha").await;
    let kapus = login(&app, testing::NIP_KAPUS).await;
    for page in [
        "18446744073709551615",
        "9223372036854775807",
        "-1",
        "0",
        "x",
    ] {
        for (path, who) in [
            ("/notifikasi", &kapus),
            ("/aktivitas", &kapus),
            ("/verifikasi", &kapus),
            ("/pegawai", &admin),
            ("/jabatan", &admin),
            ("/audit", &admin),
        ] {
            let res = send(&app, get(&format!("{path}?page={page}"), who)).await;
            assert_eq!(res.status, StatusCode::OK, "{path}?page={page}");
        }
    }
});

db_test!(an_unreadable_upload_is_named_as_such, |db| {
    let f = fixture(db).await;
    testing::rencana(
        db,
        &f,
        (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive(),
    )
    .await;
    let app = app(db);
    let ani = login(&app, testing::NIP_PERAWAT1).await;
    let b = "----batas";
    let body = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"uraian\"\r\n\r\nRapat koordinasi\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"berkas\"; filename=\"a\0b.pdf\"\r\n\
         Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--{b}--\r\n"
    );
    let req = Request::builder()
        .method(Method::POST)
        .uri("/aktivitas")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, format!("http://{HOST}"))
        .header(header::COOKIE, &ani)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={b}"),
        )
        .body(Body::from(body))
        .unwrap();
    let res = send(&app, req).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(res.body.contains("tidak dapat dibaca"), "{}", res.body);
    assert!(!res.body.contains("terlalu besar"));
    assert!(
        res.body.contains("Rapat koordinasi"),
        "what was typed stays"
    );
});

db_test!(
    while_the_database_is_gone_a_form_comes_back_as_typed,
    |db| {
        fixture(db).await;
        let app = app(db);
        let kapus = login(&app, testing::NIP_KAPUS).await;
        assert_eq!(
            send(&app, get("/health/ready", "")).await.status,
            StatusCode::OK
        );
        kinerja_core::db::baca::close(db.clone()).await.unwrap();
        let res = send(&app, get("/health/ready", "")).await;
        assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(res.headers.contains_key(header::RETRY_AFTER));
        assert_eq!(send(&app, get("/health", "")).await.status, StatusCode::OK);
        let res = send(
        &app,
        post(
            "/akun/kata-sandi",
            &kapus,
            "lama=rahasia123&baru=kata-baru-sekali&konfirmasi=kata-baru-sekali&catatan=Isian+saya",
        ),
    )
    .await;
        assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE, "{}", res.body);
        assert!(res.headers.contains_key(header::RETRY_AFTER));
        assert!(res.body.contains("Basis data sedang tidak dapat dihubungi"));
        // What was typed is offered again, passwords excepted.
        assert!(res.body.contains("name=\"catatan\" value=\"Isian saya\""));
        assert!(res.body.contains("action=\"/akun/kata-sandi\""));
        assert!(!res.body.contains("kata-baru-sekali"));
    }
);

db_test!(the_annual_period_is_rated_on_its_own_sheet, |db| {
    use kinerja_core::db::entities::{evaluasi, periode};
    use sea_orm::{ColumnTrait, QueryFilter};
    let f = fixture(db).await;
    let today = (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive();
    let r = testing::rencana(db, &f, today).await;
    let tahunan = periode::Entity::find()
        .filter(periode::Column::InstansiId.eq(f.alpha))
        .filter(periode::Column::Jenis.eq("TAHUNAN"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let app = app(db);
    let kapus = login(&app, testing::NIP_KAPUS).await;
    let sheet = format!("/penilaian/{}", r.skp_perawat1);
    let res = send(&app, get(&sheet, &kapus)).await;
    assert!(
        res.body.contains(&tahunan.nama),
        "the sheet offers the annual period"
    );
    let res = send(
        &app,
        get(&format!("{sheet}?periode={}", tahunan.id), &kapus),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    let mut form = vec![
        ("rating_hasil".to_string(), "SESUAI".to_string()),
        ("rating_perilaku".to_string(), "SESUAI".to_string()),
        (
            format!("ub_iki_{}", r.iki_perawat1),
            "Target setahun tercapai.".to_string(),
        ),
    ];
    for n in kinerja_core::rules::berakhlak::NILAI {
        form.push((format!("ub_perilaku_{}", n.kode), "Konsisten.".to_string()));
    }
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&form)
        .finish();
    let res = send(
        &app,
        post(&format!("{sheet}/{}", tahunan.id), &kapus, &body),
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let e = evaluasi::Entity::find()
        .filter(evaluasi::Column::PeriodeId.eq(tahunan.id))
        .one(db)
        .await
        .unwrap()
        .expect("the annual evaluation is its own record");
    assert_eq!(e.predikat.as_deref(), Some("BAIK"));
    let res = send(&app, get(&format!("/evaluasi/{}", e.id), &kapus)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains(&tahunan.nama));
    let res = send(
        &app,
        get(&format!("/evaluasi/{}/dokumen.pdf", e.id), &kapus),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.headers[header::CONTENT_TYPE], "application/pdf");
});
