//! In-process HTTP tests: the router with a real database (SQLite, and PostgreSQL when
//! configured), driven with `oneshot` requests as a browser would send them.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use chrono::Datelike;
use http_body_util::BodyExt;
use kinerja_core::DatabaseConnection;
use kinerja_core::db::direct;
use kinerja_core::db::entities::pegawai;
use kinerja_core::db_test;
use kinerja_core::testing::{self, PASSWORD, fixture};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tower::ServiceExt;

const HOST: &str = "kinerja.test";

/// The router over `db`, with its evidence store in a fresh temporary directory.
fn app(db: &DatabaseConnection) -> Router {
    app_with(db, kinerja_web::WebConfig::default())
}

/// [`app`] with other settings; the evidence store is a fresh temporary directory all the same.
fn app_with(db: &DatabaseConnection, config: kinerja_web::WebConfig) -> Router {
    let config = kinerja_web::WebConfig {
        bukti_dir: tempfile::tempdir().unwrap().keep(),
        ..config
    };
    kinerja_web::router(db.clone(), config).unwrap()
}

struct Res {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

async fn send(app: &Router, req: Request<Body>) -> Res {
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    Res {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

fn get(path: &str, cookie: &str) -> Request<Body> {
    Request::builder()
        .uri(path)
        .header(header::HOST, HOST)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap()
}

/// A same-origin form post, as a browser sends it.
fn post(path: &str, cookie: &str, form: &str) -> Request<Body> {
    Request::builder()
        .method(Method::POST)
        .uri(path)
        .header(header::HOST, HOST)
        .header(header::ORIGIN, format!("http://{HOST}"))
        .header("sec-fetch-site", "same-origin")
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(form.to_string()))
        .unwrap()
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Logs in and returns the `Cookie` header value of the session.
async fn login(app: &Router, user: &str) -> String {
    let res = send(
        app,
        post(
            "/masuk",
            "",
            &format!("login={}&password={PASSWORD}", enc(user)),
        ),
    )
    .await;
    assert_eq!(
        res.status,
        StatusCode::SEE_OTHER,
        "login {user}: {}",
        res.body
    );
    let set = res
        .headers
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap();
    set.split(';').next().unwrap().to_string()
}

async fn nama_of(db: &DatabaseConnection, id: i32) -> String {
    pegawai::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .nama
}

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

/// `GET /metrics` with `Authorization: Bearer <token>`.
fn scrape(token: &str) -> Request<Body> {
    let mut req = get("/metrics", "");
    req.headers_mut().insert(
        header::AUTHORIZATION,
        format!("Bearer {token}").parse().unwrap(),
    );
    req
}

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

db_test!(forbidden_paths_are_refused, |db| {
    let f = fixture(db).await;
    let app = app(db);
    let perawat = login(&app, testing::NIP_PERAWAT1).await;
    let admin_beta = login(&app, "admin.beta").await;
    let kapus = login(&app, testing::NIP_KAPUS).await;

    // A pegawai: own record yes; a colleague, the directory, admin pages and forms no.
    assert_eq!(
        send(&app, get(&format!("/pegawai/{}", f.perawat1.id), &perawat))
            .await
            .status,
        StatusCode::OK
    );
    for path in [
        format!("/pegawai/{}", f.perawat2.id),
        format!("/pegawai/{}", f.beta_pegawai.id),
        format!("/pegawai/{}/ubah", f.perawat1.id),
        "/pegawai".to_string(),
        "/unit".to_string(),
        "/jabatan".to_string(),
        "/audit".to_string(),
        "/impor".to_string(),
        "/instansi/baru".to_string(),
    ] {
        let res = send(&app, get(&path, &perawat)).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{path}");
    }
    let res = send(
        &app,
        post(
            &format!("/pegawai/{}/ubah", f.perawat1.id),
            &perawat,
            "nama=Saya+Sendiri",
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = send(
        &app,
        post(
            &format!("/pegawai/{}/kata-sandi", f.perawat2.id),
            &perawat,
            "baru=bobol12345&konfirmasi=bobol12345",
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);

    // The penilai sees their team member but not the other instansi.
    assert_eq!(
        send(&app, get(&format!("/pegawai/{}", f.perawat1.id), &kapus))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        send(
            &app,
            get(&format!("/pegawai/{}", f.beta_pegawai.id), &kapus)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );

    // Admin of Beta: Alpha's records, forms and history are off limits.
    for path in [
        format!("/pegawai/{}", f.perawat1.id),
        format!("/pegawai/{}/ubah", f.perawat1.id),
        format!("/unit/{}/ubah", f.unit_pkm),
        format!("/jabatan/{}/ubah", f.jab_perawat),
        format!("/audit?entity=pegawai&id={}", f.perawat1.id),
        format!("/pegawai?instansi={}", f.alpha),
    ] {
        let res = send(&app, get(&path, &admin_beta)).await;
        assert!(
            res.status == StatusCode::FORBIDDEN || !res.body.contains("Ani Perawat"),
            "{path}: {}",
            res.status
        );
    }
    let form = format!(
        "nama=Dibajak&nip={}&status_asn=PNS&golongan=III/a&jabatan_id={}&aktif=on",
        f.perawat1.nip, f.jab_perawat
    );
    let res = send(
        &app,
        post(
            &format!("/pegawai/{}/ubah", f.perawat1.id),
            &admin_beta,
            &form,
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = send(
        &app,
        post(
            &format!("/pegawai/{}/penilai", f.perawat1.id),
            &admin_beta,
            "penilai_nip=&alasan=x",
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(nama_of(db, f.perawat1.id).await, "Ani Perawat");
    // Beta's list shows only Beta.
    let res = send(&app, get("/pegawai", &admin_beta)).await;
    assert!(res.body.contains("Eko Beta") && !res.body.contains("Ani Perawat"));
});

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

/// A same-origin multipart post with text fields and files (field `berkas`).
fn multipart_form(
    path: &str,
    cookie: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &[u8])],
) -> Request<Body> {
    let b = "----kinerjaBoundary";
    let mut body: Vec<u8> = Vec::new();
    for (k, v) in fields {
        body.extend(
            format!("--{b}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    for (name, bytes) in files {
        body.extend(
            format!(
                "--{b}\r\nContent-Disposition: form-data; name=\"berkas\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend(*bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{b}--\r\n").as_bytes());
    Request::builder()
        .method(Method::POST)
        .uri(path)
        .header(header::HOST, HOST)
        .header(header::ORIGIN, format!("http://{HOST}"))
        .header(header::COOKIE, cookie)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={b}"),
        )
        .body(Body::from(body))
        .unwrap()
}

fn multipart(path: &str, cookie: &str, jenis: &str, file: &str) -> Request<Body> {
    multipart_form(
        path,
        cookie,
        &[("jenis", jenis)],
        &[("data.csv", file.as_bytes())],
    )
}

db_test!(csv_import_page_reports_rows, |db| {
    fixture(db).await;
    let app = app(db);
    let cookie = login(&app, "admin.alpha").await;
    let before = pegawai::Entity::find().count(db).await.unwrap();
    let bad = "nip,nama,status_asn,golongan,unit_kerja,jabatan,aktif\n198808082012081008,Dina,PNS,III/a,Puskesmas Kota,Perawat Ahli Pertama,ya\n123,Salah,PNS,III/a,Puskesmas Kota,Perawat Ahli Pertama,ya\n";
    let res = send(&app, multipart("/impor", &cookie, "pegawai", bad)).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Tidak ada yang disimpan") && res.body.contains("<td>3</td>"));
    assert_eq!(pegawai::Entity::find().count(db).await.unwrap(), before);
    let good = "nip,nama,status_asn,golongan,unit_kerja,jabatan,aktif\n198808082012081008,Dina,PNS,III/a,Puskesmas Kota,Perawat Ahli Pertama,ya\n";
    let res = send(&app, multipart("/impor", &cookie, "pegawai", good)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Impor berhasil: 1 baris, 1 ditambahkan"));
    assert_eq!(pegawai::Entity::find().count(db).await.unwrap(), before + 1);
    let perawat = login(&app, testing::NIP_PERAWAT1).await;
    assert_eq!(
        send(&app, multipart("/impor", &perawat, "pegawai", good))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
});

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

fn pairs<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// Today in WIB, as the handlers see it.
fn wib_today() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive()
}

/// The number after `prefix` in a redirect target, e.g. `/skp/12` → 12.
fn id_after(location: &str, prefix: &str) -> i32 {
    location
        .strip_prefix(prefix)
        .and_then(|r| r.split(['#', '?', '/', '"']).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no id in {location}"))
}

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
    let page = send(&app, get("/aktivitas", &ani)).await;
    let bukti_id = id_after(
        &page.body[page.body.find("href=\"/bukti/").unwrap() + 6..],
        "/bukti/",
    );
    let aktivitas_id = id_after(
        &page.body[page.body.find("id=\"aktivitas-").unwrap() + 4..],
        "aktivitas-",
    );

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

/// Runs one GET and returns how many statements it sent to the database (through SeaORM and,
/// directly), with the page.
async fn queries(
    app: &Router,
    count: &[&AtomicUsize],
    path: &str,
    cookie: &str,
) -> (usize, String) {
    count.iter().for_each(|c| c.store(0, Ordering::SeqCst));
    let res = send(app, get(path, cookie)).await;
    assert_eq!(res.status, StatusCode::OK, "{path}: {}", res.body);
    (
        count.iter().map(|c| c.load(Ordering::SeqCst)).sum(),
        res.body,
    )
}

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
    let direct_count = direct::counting::counter_of(db);
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

// The penilai's evaluation sheet: refused without umpan balik (422, keeping what was typed),
// saved with it (the predikat shown to the pegawai too), and refused to the pegawai, to another
// instansi and to a forged cross-site post.
db_test!(penilaian_page_rates_and_refuses, |db| {
    let today = wib_today();
    let f = fixture(db).await;
    let r = testing::rencana(db, &f, today).await;
    let app = app(db);
    let kapus = login(&app, testing::NIP_KAPUS).await;
    let path = format!("/penilaian/{}", r.skp_perawat1);
    let res = send(&app, get(&path, &kapus)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(res.body.contains("Simpan penilaian"));
    assert!(
        res.body
            .contains(&format!("name=\"ub_iki_{}\"", r.iki_perawat1))
    );
    let action = res
        .body
        .split(&format!("action=\"{path}/"))
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    let post_path = format!("{path}/{action}");

    let partial = "ub_iki_0=&ub_perilaku_1=Teliti%20dan%20ramah&rating_hasil=SESUAI";
    let res = send(&app, post(&post_path, &kapus, partial)).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Teliti dan ramah"));
    assert!(
        res.body
            .contains("Tulis umpan balik sebelum memberi rating.")
    );
    assert!(res.body.contains("Pilih Rating Perilaku Kerja."));

    let mut form = format!(
        "ub_iki_{}=Laporan%20lengkap&rating_hasil=SESUAI&rating_perilaku=DIATAS",
        r.iki_perawat1
    );
    for n in 1..=7 {
        form.push_str(&format!("&ub_perilaku_{n}=Sesuai%20panduan"));
    }
    let mut evil = post(&post_path, &kapus, &form);
    evil.headers_mut()
        .insert(header::ORIGIN, "http://evil.example".parse().unwrap());
    evil.headers_mut().remove("sec-fetch-site");
    assert_eq!(send(&app, evil).await.status, StatusCode::FORBIDDEN);
    let res = send(&app, post(&post_path, &kapus, &form)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);

    // The pegawai reads the result but cannot rate.
    let ani = login(&app, testing::NIP_PERAWAT1).await;
    let res = send(&app, get(&path, &ani)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("<strong id=\"predikat\">Baik</strong>"));
    assert!(!res.body.contains("Simpan penilaian"));
    assert_eq!(
        send(&app, post(&post_path, &ani, &form)).await.status,
        StatusCode::FORBIDDEN
    );
    // Another instansi's admin sees nothing of it.
    let beta = login(&app, "admin.beta").await;
    let res = send(&app, get(&path, &beta)).await;
    assert!(
        matches!(res.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
        "{}",
        res.status
    );
    // The monitoring page links the sheet for each member rated directly.
    let res = send(&app, get("/monitoring", &kapus)).await;
    assert!(res.body.contains(&format!("href=\"{path}\"")));
});

db_test!(
    evaluation_is_handed_out_objected_to_decided_and_printed,
    |db| {
        use kinerja_core::db::entities::evaluasi;
        let today = wib_today();
        let f = fixture(db).await;
        let r = testing::rencana(db, &f, today).await;
        let app = app(db);
        let kapus = login(&app, testing::NIP_KAPUS).await;
        let kadis = login(&app, testing::NIP_KADIS).await;
        let ani = login(&app, testing::NIP_PERAWAT1).await;
        let joko = login(&app, testing::NIP_PERAWAT2).await;
        let admin = login(&app, "admin.alpha").await;
        let beta = login(&app, "admin.beta").await;

        // The penilai rates Ani for the current period.
        let path = format!("/penilaian/{}", r.skp_perawat1);
        let res = send(&app, get(&path, &kapus)).await;
        let periode: i32 = res
            .body
            .split(&format!("action=\"{path}/"))
            .nth(1)
            .and_then(|s| s.split('"').next())
            .and_then(|s| s.parse().ok())
            .unwrap();
        let mut form = format!(
            "ub_iki_{}=Laporan%20lengkap&rating_hasil=DIATAS&rating_perilaku=SESUAI",
            r.iki_perawat1
        );
        for n in 1..=7 {
            form.push_str(&format!("&ub_perilaku_{n}=Sesuai%20panduan"));
        }
        let res = send(&app, post(&format!("{path}/{periode}"), &kapus, &form)).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        let e = evaluasi::Entity::find().one(db).await.unwrap().unwrap();
        let ev = format!("/evaluasi/{}", e.id);

        // The kadis sets the puskesmas's organisational predikat; a bad choice comes back with 422
        // and the note kept; a perawat may not.
        let set = format!("/distribusi/{}/{periode}", f.unit_pkm);
        let res = send(
            &app,
            post(&set, &kadis, "predikat=HEBAT&catatan=Capaian%20PK%2097%25"),
        )
        .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("Pilih predikat kinerja organisasi."));
        assert_eq!(
            send(&app, post(&set, &ani, "predikat=BAIK&catatan="))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let res = send(
            &app,
            post(&set, &kadis, "predikat=BAIK&catatan=Capaian%20PK%2097%25"),
        )
        .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        // The distribution page draws the chart and simulates another predikat unsaved.
        let res = send(
            &app,
            get(
                &format!(
                    "/distribusi?periode={periode}&unit={}&predikat=ISTIMEWA",
                    f.unit_pkm
                ),
                &kadis,
            ),
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert!(res.body.contains("<svg") && res.body.contains("Simulasi Istimewa"));
        assert!(
            res.body
                .contains("Sebagian besar pegawai harus Sangat Baik.")
        );
        assert_eq!(
            send(&app, get("/distribusi", &ani)).await.status,
            StatusCode::FORBIDDEN
        );

        // Handing out: Ani alone as Baik breaks the Baik pattern, so the penilai must justify.
        let res = send(&app, get(&ev, &kapus)).await;
        assert!(res.body.contains("Tetapkan hasil evaluasi"));
        let tetapkan = format!("{ev}/tetapkan");
        assert_eq!(
            send(&app, post(&tetapkan, &ani, "catatan=&alasan_distribusi="))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let res = send(
            &app,
            post(
                &tetapkan,
                &kapus,
                "catatan=Ikut%20pelatihan&alasan_distribusi=",
            ),
        )
        .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("tidak sesuai pola") && res.body.contains("Ikut pelatihan"));
        let res = send(
            &app,
            post(
                &tetapkan,
                &kapus,
                "catatan=Ikut%20pelatihan&alasan_distribusi=Tim%20baru%20satu%20orang%20dinilai",
            ),
        )
        .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);

        // Ani sees it in her list, objects (a forged post and a thin reason are refused).
        let res = send(&app, get("/evaluasi", &ani)).await;
        assert!(res.body.contains(&format!("href=\"{ev}\"")));
        let res = send(&app, get(&ev, &ani)).await;
        assert!(res.body.contains("Ajukan keberatan"));
        let kb = format!("{ev}/keberatan");
        let res = send(&app, post(&kb, &ani, "alasan=tidak%20adil")).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("tidak adil"));
        let alasan = "alasan=Realisasi%2014%20laporan%20melebihi%20target%2012";
        let mut evil = post(&kb, &ani, alasan);
        evil.headers_mut()
            .insert(header::ORIGIN, "http://evil.example".parse().unwrap());
        evil.headers_mut().remove("sec-fetch-site");
        assert_eq!(send(&app, evil).await.status, StatusCode::FORBIDDEN);
        assert_eq!(
            send(&app, post(&kb, &kapus, alasan)).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            send(&app, post(&kb, &ani, alasan)).await.status,
            StatusCode::SEE_OTHER
        );

        // The atasan sees it waiting, asks for explanations, the penilai explains, and the atasan
        // decides; nobody else may.
        let res = send(&app, get("/evaluasi", &kadis)).await;
        assert!(res.body.contains("Keberatan yang menunggu keputusan Anda"));
        assert!(res.body.contains("Batas keputusan"));
        let minta = format!("{ev}/keberatan/minta-penjelasan");
        assert_eq!(
            send(&app, post(&minta, &kapus, "")).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            send(&app, post(&minta, &kadis, "")).await.status,
            StatusCode::SEE_OTHER
        );
        let res = send(
            &app,
            post(
                &format!("{ev}/keberatan/penjelasan"),
                &kapus,
                "penjelasan=Dua%20laporan%20terlambat",
            ),
        )
        .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        let putusan = format!("{ev}/keberatan/putusan");
        let ditolak = "keputusan=DITOLAK&catatan_keputusan=Keterlambatan%20terbukti%20di%20arsip&rating_hasil=&rating_perilaku=";
        assert_eq!(
            send(&app, post(&putusan, &ani, ditolak)).await.status,
            StatusCode::FORBIDDEN
        );
        let res = send(
            &app,
            post(
                &putusan,
                &kadis,
                "keputusan=DIUBAH&catatan_keputusan=singkat",
            ),
        )
        .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("Pilih Rating Hasil Kerja yang baru."));
        assert!(res.body.contains("sekurang-kurangnya 10 karakter"));
        assert_eq!(
            send(&app, post(&putusan, &kadis, ditolak)).await.status,
            StatusCode::SEE_OTHER
        );
        let res = send(&app, get(&ev, &ani)).await;
        assert!(
            res.body
                .contains("<strong id=\"status-evaluasi\">Final</strong>"),
            "{}",
            res.body
        );
        assert!(res.body.contains("Keberatan ditolak"));

        // The PDF: for the parties only.
        let pdf = format!("{ev}/dokumen.pdf");
        let res = send(&app, get(&pdf, &ani)).await;
        assert_eq!(res.status, StatusCode::OK);
        assert!(res.body.starts_with("%PDF"));
        assert_eq!(res.headers[header::CONTENT_TYPE], "application/pdf");
        assert_eq!(
            send(&app, get(&pdf, &joko)).await.status,
            StatusCode::FORBIDDEN
        );
        let st = send(&app, get(&pdf, &beta)).await.status;
        assert!(
            matches!(st, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
            "{st}"
        );
        // The XLSX recap of the puskesmas: for its leader above and the admin.
        let rekap = format!("/distribusi/{}/rekap.xlsx?periode={periode}", f.unit_pkm);
        let res = send(&app, get(&rekap, &kadis)).await;
        assert_eq!(res.status, StatusCode::OK);
        assert!(res.body.starts_with("PK"));
        assert_eq!(
            send(&app, get(&rekap, &ani)).await.status,
            StatusCode::FORBIDDEN
        );

        // Settings: the admin's, validated.
        assert_eq!(
            send(&app, get("/pengaturan-kinerja", &ani)).await.status,
            StatusCode::FORBIDDEN
        );
        let res = send(
            &app,
            post(
                "/pengaturan-kinerja",
                &admin,
                "distribusi_mode=BLOCK&saran_di_atas=90&saran_sesuai=95&ukuran_minimum=3",
            ),
        )
        .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("harus di bawah batas Di Atas"));

        // The admin reopens the final evaluation, with a reason.
        let buka = format!("{ev}/buka");
        assert_eq!(
            send(
                &app,
                post(&buka, &kadis, "alasan_buka=Salah%20input%20rating")
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        let res = send(&app, post(&buka, &admin, "alasan_buka=salah")).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        let res = send(
            &app,
            post(
                &buka,
                &admin,
                "alasan_buka=Salah%20input%20rating%20oleh%20penilai",
            ),
        )
        .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        let res = send(&app, get(&ev, &kapus)).await;
        assert!(res.body.contains("Tetapkan hasil evaluasi"));
    }
);

db_test!(
    improvement_plan_follow_up_list_and_angka_kredit_pages,
    |db| {
        use kinerja_core::db::entities::evaluasi;
        let today = wib_today();
        let f = fixture(db).await;
        let r = testing::rencana(db, &f, today).await;
        let app = app(db);
        let kapus = login(&app, testing::NIP_KAPUS).await;
        let kadis = login(&app, testing::NIP_KADIS).await;
        let ani = login(&app, testing::NIP_PERAWAT1).await;
        let joko = login(&app, testing::NIP_PERAWAT2).await;
        let admin = login(&app, "admin.alpha").await;

        // Ani is rated Di Bawah / Sesuai (Butuh Perbaikan) and the result handed out.
        let path = format!("/penilaian/{}", r.skp_perawat1);
        let res = send(&app, get(&path, &kapus)).await;
        let periode: i32 = res
            .body
            .split(&format!("action=\"{path}/"))
            .nth(1)
            .and_then(|s| s.split('"').next())
            .and_then(|s| s.parse().ok())
            .unwrap();
        // Self-evaluation: not submitted before every IKI has its realisasi; not by a colleague.
        let ajukan = format!("/skp/{}/realisasi/{periode}/ajukan", r.skp_perawat1);
        let res = send(&app, post(&ajukan, &ani, "")).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            res.body
                .contains("Isi realisasi setiap indikator terlebih dahulu")
        );
        assert_eq!(
            send(&app, post(&ajukan, &joko, "")).await.status,
            StatusCode::FORBIDDEN
        );
        let res = send(&app, get(&path, &kapus)).await;
        assert!(
            res.body
                .contains("Pegawai belum mengajukan realisasi periode ini.")
        );
        let mut form = format!(
            "ub_iki_{}=Laporan%20terlambat&rating_hasil=DIBAWAH&rating_perilaku=SESUAI",
            r.iki_perawat1
        );
        for n in 1..=7 {
            form.push_str(&format!("&ub_perilaku_{n}=Sesuai%20panduan"));
        }
        let res = send(&app, post(&format!("{path}/{periode}"), &kapus, &form)).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        let e = evaluasi::Entity::find().one(db).await.unwrap().unwrap();
        let ev = format!("/evaluasi/{}", e.id);
        let res = send(
        &app,
        post(
            &format!("{ev}/tetapkan"),
            &kapus,
            "catatan=Ikuti%20bimbingan&alasan_distribusi=Tim%20kecil%2C%20hasil%20sesuai%20bukti",
        ),
    )
    .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);

        // The penilai records the improvement plan; the pegawai may not; bad input keeps the text.
        let res = send(&app, get(&ev, &kapus)).await;
        assert!(res.body.contains("Catat rencana perbaikan"));
        let rp = format!("{ev}/rencana-perbaikan");
        let good = format!(
            "sasaran=Laporan%20kunjungan%20tepat%20waktu&langkah=Pendampingan%20mingguan%20kepala%20puskesmas&mulai={today}"
        );
        assert_eq!(
            send(&app, post(&rp, &ani, &good)).await.status,
            StatusCode::FORBIDDEN
        );
        let res = send(
            &app,
            post(
                &rp,
                &kapus,
                "sasaran=Laporan%20tepat%20waktu%20sekali&langkah=&mulai=kemarin",
            ),
        )
        .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("Laporan tepat waktu sekali"));
        assert!(
            res.body
                .contains("Isi tanggal mulai dengan format yang benar.")
        );
        assert_eq!(
            send(&app, post(&rp, &kapus, &good)).await.status,
            StatusCode::SEE_OTHER
        );
        let res = send(&app, get(&ev, &ani)).await;
        assert!(
            res.body.contains("<td id=\"status-rencana\">Berjalan</td>"),
            "{}",
            res.body
        );
        assert!(!res.body.contains("form-rencana"));
        // "Tidak membaik" before six months is refused with the reason.
        let res = send(
            &app,
            post(
                &format!("{rp}/hasil"),
                &kapus,
                "status=TIDAK_MEMBAIK&hasil=Masih%20terlambat%20dua%20pekan",
            ),
        )
        .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("Masa perbaikan enam bulan berakhir"));

        // The follow-up list of the puskesmas: for the leader above, not for a perawat.
        let tl = format!("/distribusi/{}/tindak-lanjut?periode={periode}", f.unit_pkm);
        let res = send(&app, get(&tl, &kadis)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert!(res.body.contains("Ani Perawat") && res.body.contains("Berjalan"));
        assert!(
            res.body
                .contains("Belum ada pegawai dengan predikat Sangat Baik")
        );
        assert_eq!(
            send(&app, get(&tl, &ani)).await.status,
            StatusCode::FORBIDDEN
        );
        // The unit's results link every evaluation, for the leader above and the admin.
        let hasil = format!("/distribusi/{}/hasil?periode={periode}", f.unit_pkm);
        for who in [&kadis, &admin] {
            let res = send(&app, get(&hasil, who)).await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
            assert!(
                res.body
                    .contains(&format!("<a href=\"{ev}\">Ani Perawat</a>"))
            );
            assert!(res.body.contains("Joko Perawat") && res.body.contains("Belum dinilai"));
        }
        assert_eq!(
            send(&app, get(&hasil, &joko)).await.status,
            StatusCode::FORBIDDEN
        );

        // Angka kredit: Ani's own page; not a colleague's; the AK brought in is the admin's.
        let res = send(&app, get("/angka-kredit", &ani)).await;
        let ak = format!("/pegawai/{}/angka-kredit", f.perawat1.id);
        assert_eq!(res.headers[header::LOCATION], ak.as_str());
        let res = send(&app, get(&ak, &ani)).await;
        assert_eq!(res.status, StatusCode::OK);
        assert!(res.body.contains("Ahli Pertama") && res.body.contains("Belum final"));
        assert!(res.body.contains("2,34"), "{}", res.body);
        assert!(!res.body.contains("form-ak-awal"));
        assert_eq!(
            send(&app, get(&ak, &joko)).await.status,
            StatusCode::FORBIDDEN
        );
        let awal = "nilai=48%2C00&per_tanggal=2026-01-01&keterangan=PAK%20integrasi%202023";
        assert_eq!(
            send(&app, post(&ak, &ani, awal)).await.status,
            StatusCode::FORBIDDEN
        );
        let res = send(
            &app,
            post(
                &ak,
                &admin,
                "nilai=48%2C001&per_tanggal=2026-01-01&keterangan=PAK%20lama",
            ),
        )
        .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.body.contains("paling banyak dua desimal") && res.body.contains("PAK lama"));
        assert_eq!(
            send(&app, post(&ak, &admin, awal)).await.status,
            StatusCode::SEE_OTHER
        );
        let res = send(&app, get(&ak, &ani)).await;
        assert!(
            res.body.contains("<span id=\"total-ak\">48,00</span>"),
            "{}",
            res.body
        );

        // The Dokumen SKP as a PDF: for the pegawai and their penilai, not a colleague.
        let skp_pdf = format!("/skp/{}/dokumen.pdf", r.skp_perawat1);
        for who in [&ani, &kapus] {
            let res = send(&app, get(&skp_pdf, who)).await;
            assert_eq!(res.status, StatusCode::OK);
            assert!(res.body.starts_with("%PDF"));
            assert_eq!(res.headers[header::CONTENT_TYPE], "application/pdf");
        }
        assert_eq!(
            send(&app, get(&skp_pdf, &joko)).await.status,
            StatusCode::FORBIDDEN
        );
    }
);

db_test!(competency_dictionary_and_job_standards_pages, |db| {
    let f = fixture(db).await;
    let app = app(db);
    let ani = login(&app, testing::NIP_PERAWAT1).await;
    let admin = login(&app, "admin.alpha").await;
    let beta = login(&app, "admin.beta").await;

    // The dictionary: read by the pegawai; a technical competency added by the admin only.
    let res = send(&app, get("/kompetensi", &ani)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Perekat Bangsa") && !res.body.contains("form-kompetensi"));
    let form =
        "kode=T.01&nama=Komunikasi%20kesehatan&level_1=a&level_2=b&level_3=c&level_4=d&level_5=e";
    assert_eq!(
        send(&app, post("/kompetensi", &ani, form)).await.status,
        StatusCode::FORBIDDEN
    );
    let res = send(
        &app,
        post(
            "/kompetensi",
            &admin,
            "kode=M.02&nama=Komunikasi%20kesehatan",
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains("dipakai kompetensi nasional")
            && res.body.contains("Komunikasi kesehatan")
    );
    let res = send(&app, post("/kompetensi", &admin, form)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);

    // The standard of the perawat's jabatan: suggested, read-only for the pegawai.
    let skj = format!("/jabatan/{}/kompetensi", f.jab_perawat);
    let res = send(&app, get(&skj, &ani)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Belum ditetapkan") && !res.body.contains("simpan-standar"));
    let st = send(&app, get(&skj, &beta)).await.status;
    assert!(
        matches!(st, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
        "{st}"
    );
    let ids: Vec<String> = res
        .body
        .split("name=\"level_")
        .skip(1)
        .filter_map(|s| s.split('"').next().map(String::from))
        .collect();
    assert_eq!(ids.len(), 10, "nine national and one technical");
    let all: String = ids
        .iter()
        .take(9)
        .map(|id| format!("level_{id}=2&"))
        .collect();
    assert_eq!(
        send(&app, post(&skj, &ani, &all)).await.status,
        StatusCode::FORBIDDEN
    );
    let res = send(&app, post(&skj, &admin, &format!("level_{}=2", ids[0]))).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Pilih level 1 sampai 5."));
    let res = send(&app, post(&skj, &admin, &all)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let res = send(&app, get(&skj, &ani)).await;
    assert!(!res.body.contains("Belum ditetapkan"));
    assert!(res.body.contains("<option value=\"2\" selected>"));
});

/// The ids after `prefix` in the page, in order (`href="/asesmen/tugas/12"` → 12).
fn ids_after(body: &str, prefix: &str) -> Vec<i32> {
    body.split(prefix)
        .skip(1)
        .filter_map(|s| s.split(['"', '?', '#', '/']).next()?.parse().ok())
        .collect()
}

db_test!(assessment_development_and_talent_pages, |db| {
    let f = fixture(db).await;
    let app = app(db);
    let admin = login(&app, "admin.alpha").await;
    let kapus = login(&app, testing::NIP_KAPUS).await;
    let ani = login(&app, testing::NIP_PERAWAT1).await;
    let joko = login(&app, testing::NIP_PERAWAT2).await;
    let tahun = wib_today().year();

    // Opening a round: a refused form keeps what was typed.
    let res = send(&app, get("/asesmen", &admin)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Belum ada putaran asesmen"));
    let res = send(
        &app,
        post(
            "/asesmen",
            &admin,
            &format!(
                "nama=&tahun={tahun}&batas=2099-01-31&unit_kerja_id={}",
                f.unit_pkm
            ),
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Isi nama putaran asesmen") && res.body.contains("2099-01-31"));
    let form = format!(
        "nama=Asesmen%20Puskesmas&tahun={tahun}&batas=2099-01-31&dengan_360=1&unit_kerja_id={}",
        f.unit_pkm
    );
    assert_eq!(
        send(&app, post("/asesmen", &ani, &form)).await.status,
        StatusCode::FORBIDDEN
    );
    let res = send(&app, post("/asesmen", &admin, &form)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let round = id_after(res.headers[header::LOCATION].to_str().unwrap(), "/asesmen/");
    let res = send(&app, get(&format!("/asesmen/{round}"), &admin)).await;
    assert!(res.body.contains("Ani Perawat") && res.body.contains("Tutup putaran"));
    assert_eq!(
        send(&app, get(&format!("/asesmen/{round}"), &kapus))
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    // Ani's self-assessment: hers alone, every level with an example.
    let res = send(&app, get("/asesmen", &ani)).await;
    let diri = res
        .body
        .split("<tr id=\"tugas-")
        .find(|r| r.contains("Diri sendiri"))
        .and_then(|r| r.split('"').next()?.parse::<i32>().ok())
        .unwrap();
    let peserta = ids_after(&res.body, "/asesmen/hasil/")[0];
    let tugas = format!("/asesmen/tugas/{diri}");
    assert_eq!(
        send(&app, get(&tugas, &joko)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(&app, get(&tugas, &admin)).await.status,
        StatusCode::FORBIDDEN
    );
    let res = send(&app, get(&tugas, &ani)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Integritas") && res.body.contains("Level 5"));
    let kids = ids_after(&res.body, "name=\"bukti_");
    assert_eq!(kids.len(), 9);
    let isi = |level: u8, bukti: &str| -> String {
        kids.iter()
            .map(|k| format!("level_{k}={level}&bukti_{k}={}&", enc(bukti)))
            .collect()
    };
    let res = send(&app, post(&tugas, &ani, &isi(3, "singkat"))).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains("Tulis sekurang-kurangnya 10 karakter")
            && res.body.contains("value=\"3\" checked")
    );
    assert_eq!(
        send(
            &app,
            post(&tugas, &joko, &isi(5, "Contoh perilaku yang panjang"))
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let res = send(
        &app,
        post(&tugas, &ani, &isi(3, "Memimpin edukasi pasien diabetes.")),
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let res = send(&app, get(&format!("{tugas}?ok=1"), &ani)).await;
    assert!(res.body.contains("Jawaban tersimpan"));

    // The result: gap, JPM and the profile chart, for Ani and her penilai; not for a colleague.
    let hasil = format!("/asesmen/hasil/{peserta}");
    let res = send(&app, get(&hasil, &ani)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.body.contains("Job Person Match")
            && res.body.contains("<svg")
            && res.body.contains("sementara")
    );
    assert_eq!(send(&app, get(&hasil, &kapus)).await.status, StatusCode::OK);
    assert_eq!(
        send(&app, get(&hasil, &joko)).await.status,
        StatusCode::FORBIDDEN
    );

    // The catalogue: the admin adds, everyone reads.
    let res = send(
        &app,
        post("/katalog-pengembangan", &admin, "nama=&jenis=&jp=0"),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Isi JP 1 sampai 999"));
    let kat = format!(
        "nama=Coaching%20Integritas&jenis=COACHING&kompetensi_id={}&jp=6",
        kids[0]
    );
    assert_eq!(
        send(&app, post("/katalog-pengembangan", &ani, &kat))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(&app, post("/katalog-pengembangan", &admin, &kat))
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert!(
        send(&app, get("/katalog-pengembangan", &ani))
            .await
            .body
            .contains("Coaching Integritas")
    );

    // Ani's IDP: a line, a training with its certificate, the JP of the year.
    let res = send(&app, get("/pengembangan", &ani)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let idp = format!("/pegawai/{}/pengembangan", f.perawat1.id);
    let res = send(&app, get(&idp, &ani)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Belum memenuhi 20 JP"));
    let rencana = format!("{idp}/rencana");
    let res = send(
        &app,
        post(
            &rencana,
            &ani,
            &format!("tahun={tahun}&sumber=KINERJA&uraian=&jenis=MENTORING&jp_rencana=abc"),
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains("Isi JP 1 sampai 999")
            && res.body.contains("Tulis kegiatan pengembangannya")
    );
    let baik = format!(
        "tahun={tahun}&sumber=KINERJA&uraian=Mentoring%20dokumentasi%20asuhan&jenis=MENTORING&jp_rencana=10"
    );
    assert_eq!(
        send(&app, post(&rencana, &joko, &baik)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(&app, post(&rencana, &ani, &baik)).await.status,
        StatusCode::SEE_OTHER
    );
    let hari = wib_today().format("%Y-%m-%d").to_string();
    let latih = |jp: &'static str| {
        vec![
            ("nama", "Pelatihan Dokumentasi Keperawatan".to_string()),
            ("jenis", "KLASIKAL".to_string()),
            ("penyelenggara", "Dinas Kesehatan".to_string()),
            ("mulai", hari.clone()),
            ("selesai", hari.clone()),
            ("jp", jp.to_string()),
        ]
    };
    let bad = latih("0");
    let res = send(
        &app,
        multipart_form(&format!("{idp}/pelatihan"), &ani, &pairs(&bad), &[]),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains("Lampirkan sertifikat")
            && res.body.contains("Pelatihan Dokumentasi Keperawatan")
    );
    let ok = latih("24");
    let res = send(
        &app,
        multipart_form(
            &format!("{idp}/pelatihan"),
            &ani,
            &pairs(&ok),
            &[("sertifikat.pdf", testing::PDF)],
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let res = send(&app, get(&idp, &kapus)).await;
    assert!(res.body.contains("sertifikat.pdf") && res.body.contains("<strong>Memenuhi</strong>"));
    assert_eq!(
        send(&app, get(&idp, &joko)).await.status,
        StatusCode::FORBIDDEN
    );

    // Settings, the nine-box and the unit report.
    let res = send(&app, post("/pengaturan-kompetensi", &admin, "bobot_diri=50&bobot_atasan=50&bobot_rekan=20&bobot_bawahan=0&skala_jpm=PEMETAAN&potensial_tinggi=90&potensial_menengah=78&kinerja_di_atas=90&kinerja_sesuai=70")).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Jumlah bobot harus 100%, sekarang 120%"));
    assert_eq!(
        send(&app, get("/pengaturan-kompetensi", &kapus))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let res = send(&app, get("/talenta", &admin)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Kotak 9") && res.body.contains("Belum ada predikat kinerja"));
    assert_eq!(
        send(&app, get("/talenta", &kapus)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(&app, post(&format!("/asesmen/{round}/tutup"), &admin, ""))
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let laporan = format!("/laporan-kompetensi?unit={}&tahun={tahun}", f.unit_pkm);
    let res = send(&app, get(&laporan, &kapus)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(
        res.body.contains("Peta kompetensi") && res.body.contains("Mentoring dokumentasi asuhan")
    );
    assert!(res.body.contains("Pemenuhan 20 JP"));
    assert_eq!(
        send(&app, get(&laporan, &ani)).await.status,
        StatusCode::FORBIDDEN
    );
    let res = send(
        &app,
        get(
            &format!(
                "/laporan-kompetensi/{}/laporan.xlsx?tahun={tahun}",
                f.unit_pkm
            ),
            &kapus,
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.starts_with("PK"));
});
