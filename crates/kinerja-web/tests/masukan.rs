//! Property test: whatever a query string or a form holds, no route answers 5xx or panics. Run
//! against the in-process router on SQLite with the fixture and three logged-in roles, over
//! every page route's query string and the main forms' fields, with numbers at the edges of
//! every integer type among the values.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, header};
use kinerja_core::testing::{self, PASSWORD, fixture};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use tower::ServiceExt;

mod common;
use common::*;

const GET_ROUTES: &[&str] = &[
    "/",
    "/masuk",
    "/pegawai",
    "/pegawai/1",
    "/pegawai/1/ubah",
    "/pegawai/1/angka-kredit",
    "/angka-kredit",
    "/unit",
    "/unit/1/ubah",
    "/jabatan",
    "/jabatan/1/kompetensi",
    "/kompetensi",
    "/asesmen",
    "/asesmen/1",
    "/asesmen/hasil/1",
    "/pengembangan",
    "/pegawai/1/pengembangan",
    "/katalog-pengembangan",
    "/talenta",
    "/pengaturan-kompetensi",
    "/laporan-kompetensi",
    "/plt",
    "/instansi",
    "/periode",
    "/skp",
    "/skp/1",
    "/skp/1/realisasi",
    "/penilaian/1",
    "/evaluasi",
    "/evaluasi/1",
    "/distribusi",
    "/distribusi/1/tindak-lanjut",
    "/distribusi/1/hasil",
    "/pengaturan-kinerja",
    "/rhk/1/ubah",
    "/kaskade",
    "/aktivitas",
    "/verifikasi",
    "/monitoring",
    "/monitoring/unit",
    "/notifikasi",
    "/notifikasi/1",
    "/audit",
    "/impor",
    "/bahasa/id",
    "/akun/kata-sandi",
];

const POST_ROUTES: &[&str] = &[
    "/pegawai/baru",
    "/pegawai/1/ubah",
    "/unit/baru",
    "/jabatan/baru",
    "/periode",
    "/skp",
    "/skp/1/rhk",
    "/akun/kata-sandi",
    "/kompetensi",
    "/plt",
    "/pengaturan-kinerja",
    "/katalog-pengembangan",
    "/asesmen",
    "/masuk",
    "/penilaian/1/1",
    "/evaluasi/1/keberatan",
    "/distribusi/1/1",
    "/pegawai/1/angka-kredit",
    "/pegawai/1/penilai",
    "/rhk/1/iki",
    "/aktivitas/salin",
    "/umpan-balik/1/IKI/1",
];

const KEYS: &[&str] = &[
    "page",
    "q",
    "instansi",
    "pegawai",
    "periode",
    "tahun",
    "unit",
    "ok",
    "next",
    "entity",
    "id",
    "nip",
    "nama",
    "golongan",
    "status_asn",
    "jabatan_id",
    "unit_kerja_id",
    "induk_id",
    "kode",
    "jenis",
    "skema",
    "tenggang_hari",
    "uraian",
    "nilai",
    "per_tanggal",
    "tanggal",
    "kuantitas",
    "satuan",
    "target",
    "rating_hasil",
    "rating_perilaku",
    "alasan",
    "catatan",
    "login",
    "password",
    "lama",
    "baru",
    "konfirmasi",
    "mulai",
    "selesai",
    "level",
    "predikat",
];

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(u64::MAX.to_string()),
        Just(i64::MIN.to_string()),
        Just(i64::MAX.to_string()),
        Just(i32::MAX.to_string()),
        Just(i32::MIN.to_string()),
        Just("-0".to_string()),
        Just("1e309".to_string()),
        Just("NaN".to_string()),
        Just("9999-99-99".to_string()),
        any::<String>(),
        "[0-9]{1,25}",
        "\\PC{0,40}",
        proptest::collection::vec(any::<u8>(), 0..24)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}

fn pairs() -> impl Strategy<Value = Vec<(String, String)>> {
    proptest::collection::vec(
        (
            prop_oneof![
                proptest::sample::select(KEYS).prop_map(str::to_string),
                "\\PC{0,8}"
            ],
            value(),
        ),
        0..6,
    )
}

fn encode(pairs: &[(String, String)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

struct Setup {
    rt: tokio::runtime::Runtime,
    app: Router,
    cookies: Vec<String>,
    _db: kinerja_core::testing::TestDb,
}

fn setup() -> Setup {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (db, app, cookies) = rt.block_on(async {
        let t = testing::sqlite().await;
        let f = fixture(&t.db).await;
        let today = (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive();
        testing::rencana(&t.db, &f, today).await;
        let config = kinerja_web::WebConfig {
            bukti_dir: tempfile::tempdir().unwrap().keep(),
            ..Default::default()
        };
        let app = kinerja_web::router(t.db.clone(), config).unwrap();
        let mut cookies = vec![String::new()];
        for user in ["admin.alpha", testing::NIP_KAPUS, testing::NIP_PERAWAT1] {
            let req = post("/masuk", "", &format!("login={user}&password={PASSWORD}"));
            let res = app.clone().oneshot(req).await.unwrap();
            let c = res.headers()[header::SET_COOKIE].to_str().unwrap();
            cookies.push(c.split(';').next().unwrap().to_string());
        }
        (t, app, cookies)
    });
    Setup {
        rt,
        app,
        cookies,
        _db: db,
    }
}

/// The status of `req`, failing the property on a 5xx or a panic (which `oneshot` would turn
/// into a dropped connection in a server).
fn status(s: &Setup, req: Request<Body>) -> Result<u16, TestCaseError> {
    let what = format!("{} {}", req.method(), req.uri());
    let app = s.app.clone();
    let res =
        s.rt.block_on(async move { tokio::spawn(async move { app.oneshot(req).await }).await });
    let res = res
        .map_err(|e| TestCaseError::fail(format!("{what}: panicked: {e}")))?
        .unwrap();
    let code = res.status().as_u16();
    prop_assert!(code < 500, "{} answered {}", what, code);
    Ok(code)
}

#[test]
fn no_query_string_makes_a_page_fail() {
    let s = setup();
    let mut runner = TestRunner::new(Config {
        cases: 512,
        failure_persistence: None,
        ..Config::default()
    });
    // Every list page takes `page`: always one, beside what else comes.
    let strategy = (
        proptest::sample::select(GET_ROUTES),
        0..4usize,
        value(),
        pairs(),
    );
    runner
        .run(&strategy, |(route, who, page, mut qs)| {
            qs.push(("page".into(), page));
            let req = Request::builder()
                .uri(format!("{route}?{}", encode(&qs)))
                .header(header::HOST, HOST)
                .header(header::COOKIE, &s.cookies[who])
                .body(Body::empty())
                .unwrap();
            status(&s, req)?;
            Ok(())
        })
        .unwrap();
}

#[test]
fn no_form_makes_a_post_fail() {
    let s = setup();
    let mut runner = TestRunner::new(Config {
        cases: 512,
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (proptest::sample::select(POST_ROUTES), 1..4usize, pairs());
    runner
        .run(&strategy, |(route, who, form)| {
            status(&s, post(route, &s.cookies[who], &encode(&form)))?;
            Ok(())
        })
        .unwrap();
}
