//! End to end in headless Chromium (Debian `chromium`), on the demo data:
//!
//! - a demo admin logs in, finds a pegawai by typing in the search box, edits them, sees the
//!   change and its audit entry;
//! - a perawat drafts an SKP cascaded from their puskesmas head's, submits it; the head returns it
//!   with a note, then sets it; the perawat logs an activity with a PDF; the head verifies it and
//!   the monitoring page shows the progress;
//! - a quarter of a small puskesmas: the perawat confirms and submits her realisasi, the head
//!   rates her, the kadis sets the puskesmas's organisational predikat, the head hands the result out past the
//!   distribution warning, the perawat objects, the kadis asks for explanations and decides, and
//!   the perawat downloads the PDF;
//! - a competency round for a small team: the admin opens a 360 round, the perawat rates herself,
//!   her head and three colleagues rate her, the admin closes it; she reads her gap report, builds
//!   her IDP from it and records a training, and the admin's nine-box shows her.
//!
//! Skipped with a note when Chromium is not installed, unless `KINERJA_REQUIRE_E2E=1` (CI sets it,
//! and `.ci/run` installs Chromium).

use headless_chrome::{Browser, LaunchOptions, Tab};
use std::ffi::OsStr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

fn chromium() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("KINERJA_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
}

/// Serves the app over a fresh SQLite test database that `setup` fills first, on a free port;
/// returns the base URL and what `setup` returned. The server thread owns the database for the
/// life of the test process.
fn serve<T, F, Fut>(setup: F) -> (String, T)
where
    T: Send + 'static,
    F: FnOnce(kinerja_core::DatabaseConnection) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = T>,
{
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(async move {
            let t = kinerja_core::testing::sqlite().await;
            let out = setup(t.db.clone()).await;
            let bukti = tempfile::tempdir().unwrap().keep();
            let config = kinerja_web::WebConfig {
                bukti_dir: bukti,
                ..Default::default()
            };
            let app = kinerja_web::router(t.db.clone(), config).unwrap();
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            tx.send((format!("http://{addr}"), out)).unwrap();
            axum::serve(listener, app.into_make_service())
                .await
                .unwrap();
        });
    });
    rx.recv_timeout(Duration::from_secs(120))
        .expect("server started")
}

/// Serves the app with demo data; returns its base URL and the demo accounts (role, login,
/// description).
fn start_server() -> (String, Vec<(String, String, String)>) {
    serve(|db| async move {
        kinerja_core::contoh::demo::load(&db, |_, _| {})
            .await
            .unwrap()
            .accounts
    })
}

/// What the quarter test needs of the small fixture organisation.
struct Kuartal {
    base: String,
    skp_perawat: i32,
    iki_perawat: i32,
    unit_pkm: i32,
}

/// Serves the app on the small test organisation (kadis → kapus → two perawat) with the SKPs of
/// the kadis, the kapus and one perawat set for this year; accounts log in with their NIP and
/// `testing::PASSWORD`.
fn start_fixture_server() -> Kuartal {
    let (base, (skp_perawat, iki_perawat, unit_pkm)) = serve(|db| async move {
        let today = (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive();
        let f = kinerja_core::testing::fixture(&db).await;
        let r = kinerja_core::testing::rencana(&db, &f, today).await;
        (r.skp_perawat1, r.iki_perawat1, f.unit_pkm)
    });
    Kuartal {
        base,
        skp_perawat,
        iki_perawat,
        unit_pkm,
    }
}

fn wait_for_text(tab: &Arc<Tab>, text: &str) {
    for _ in 0..100 {
        if tab.get_content().map(|c| c.contains(text)).unwrap_or(false) {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let content = tab.get_content().unwrap_or_default();
    panic!(
        "page never showed {text:?}; it shows:\n{}",
        &content[..content.len().min(3000)]
    );
}

/// The login of the demo account with this role.
fn login_of(accounts: &[(String, String, String)], role: &str) -> String {
    accounts
        .iter()
        .find(|(r, ..)| r == role)
        .unwrap_or_else(|| panic!("no demo account {role}"))
        .1
        .clone()
}

/// Starts headless Chromium with its own profile directory.
fn launch(path: PathBuf, name: &str) -> (Browser, PathBuf) {
    let profile = std::env::temp_dir().join(format!("kinerja-e2e-{name}-{}", std::process::id()));
    let user_data = format!("--user-data-dir={}", profile.display());
    let browser = Browser::new(
        LaunchOptions::default_builder()
            .path(Some(path))
            .headless(true)
            .sandbox(false)
            .window_size(Some((1280, 900)))
            .idle_browser_timeout(Duration::from_secs(120))
            .args(vec![
                OsStr::new("--disable-gpu"),
                OsStr::new("--disable-background-networking"),
                OsStr::new("--disable-component-update"),
                OsStr::new("--disable-sync"),
                OsStr::new("--no-first-run"),
                OsStr::new(&user_data),
            ])
            .build()
            .unwrap(),
    )
    .expect("launch chromium");
    (browser, profile)
}

/// The Chromium binary, or `None` (after checking `KINERJA_REQUIRE_E2E`) to skip.
fn chromium_or_skip() -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        if std::env::var("KINERJA_REQUIRE_E2E").is_ok_and(|v| v == "1") {
            panic!(
                "KINERJA_REQUIRE_E2E=1 but Chromium is not installed (apt-get install chromium)"
            );
        }
        eprintln!("end-to-end test skipped: Chromium not installed");
    }
    found
}

fn go(tab: &Arc<Tab>, url: &str) {
    tab.navigate_to(url)
        .unwrap()
        .wait_until_navigated()
        .unwrap();
}

/// Logs in as `login` (any language), leaving the tab on the home page.
fn masuk(tab: &Arc<Tab>, base: &str, login: &str) {
    masuk_dengan(tab, base, login, kinerja_core::contoh::demo::DEMO_PASSWORD);
}

fn masuk_dengan(tab: &Arc<Tab>, base: &str, login: &str, password: &str) {
    go(tab, &format!("{base}/masuk"));
    isi(tab, "#login", login);
    isi(tab, "#password", password);
    tab.wait_for_element("#password").unwrap().click().unwrap();
    tab.press_key("Enter").unwrap();
    tab.wait_for_element("form[action='/keluar']").unwrap();
}

fn keluar(tab: &Arc<Tab>) {
    tab.wait_for_element("form[action='/keluar'] button")
        .unwrap()
        .click()
        .unwrap();
    tab.wait_for_element("#login").unwrap();
}

fn click(tab: &Arc<Tab>, selector: &str) {
    tab.wait_for_element(selector).unwrap().click().unwrap();
}

fn type_into(tab: &Arc<Tab>, selector: &str, text: &str) {
    let el = tab.wait_for_element(selector).unwrap();
    el.click().unwrap();
    tab.type_str(text).unwrap();
}

/// Fills a field at once (long texts typed key by key would make the test slow, not truer).
fn isi(tab: &Arc<Tab>, selector: &str, text: &str) {
    tab.wait_for_element(selector).unwrap();
    let js = format!(
        "document.querySelector({}).value = {}",
        serde_json::to_string(selector).unwrap(),
        serde_json::to_string(text).unwrap()
    );
    tab.evaluate(&js, false).unwrap();
}

fn screenshot(tab: &Arc<Tab>, name: &str) {
    use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
    if let Ok(png) = tab.capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true) {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
        let _ = std::fs::write(dir.join(format!("e2e-{name}.png")), png);
    }
}

#[test]
fn admin_finds_edits_and_audits_a_pegawai() {
    let Some(path) = chromium_or_skip() else {
        return;
    };
    let (base, accounts) = start_server();
    let nip = login_of(&accounts, "Pegawai");
    let (browser, profile) = launch(path, "admin");
    let tab = browser.new_tab().unwrap();
    tab.set_default_timeout(Duration::from_secs(20));

    // Chromium asks for English; the switch sets Indonesian. Then log in as the demo admin.
    tab.navigate_to(&format!("{base}/masuk"))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    wait_for_text(&tab, "Log in to Kinerja");
    tab.wait_for_element("a[hreflang=id]")
        .unwrap()
        .click()
        .unwrap();
    wait_for_text(&tab, "Masuk ke Kinerja");
    tab.wait_for_element("#login").unwrap().click().unwrap();
    tab.type_str("admin.pontianak").unwrap();
    tab.wait_for_element("#password").unwrap().click().unwrap();
    tab.type_str(kinerja_core::contoh::demo::DEMO_PASSWORD)
        .unwrap();
    tab.press_key("Enter").unwrap();
    wait_for_text(&tab, "Selamat datang");
    screenshot(&tab, "home");

    // Find the pegawai by typing part of the NIP: htmx narrows the list as one types.
    tab.navigate_to(&format!("{base}/pegawai"))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    tab.wait_for_element("#q").unwrap().click().unwrap();
    tab.type_str(&nip[..12]).unwrap();
    wait_for_text(&tab, "1 data");
    screenshot(&tab, "search");
    tab.wait_for_element("#hasil tbody a")
        .unwrap()
        .click()
        .unwrap();
    wait_for_text(&tab, "Pejabat penilai kinerja");
    let old_name = tab
        .wait_for_element("h1")
        .unwrap()
        .get_inner_text()
        .unwrap();

    // Edit the name and save.
    tab.wait_for_element("a[href$='/ubah']")
        .unwrap()
        .click()
        .unwrap();
    let field = tab.wait_for_element("#nama").unwrap();
    field.click().unwrap();
    tab.press_key("End").unwrap();
    tab.type_str(" Diperbarui").unwrap();
    tab.wait_for_element("main form button[type=submit]")
        .unwrap()
        .click()
        .unwrap();
    let new_name = format!("{old_name} Diperbarui");
    wait_for_text(&tab, "Perubahan tersimpan.");
    assert_eq!(
        tab.wait_for_element("h1")
            .unwrap()
            .get_inner_text()
            .unwrap(),
        new_name
    );
    screenshot(&tab, "saved");

    // The change and who made it are in the record's history.
    tab.wait_for_element("a[href^='/audit?entity=pegawai']")
        .unwrap()
        .click()
        .unwrap();
    wait_for_text(&tab, "admin.pontianak");
    let audit = tab.get_content().unwrap();
    assert!(
        audit.contains(&old_name) && audit.contains(&new_name),
        "audit shows before and after"
    );
    screenshot(&tab, "audit");
    let _ = std::fs::remove_dir_all(profile);
}

#[test]
fn perawat_plans_logs_work_and_head_verifies() {
    let Some(path) = chromium_or_skip() else {
        return;
    };
    let (base, accounts) = start_server();
    let perawat = login_of(&accounts, "Perawat (belum ada SKP)");
    let kepala = login_of(&accounts, "Kepala puskesmas");
    let (browser, profile) = launch(path, "skp");
    let tab = browser.new_tab().unwrap();
    tab.set_default_timeout(Duration::from_secs(20));

    // The perawat drafts an SKP cascaded from the head's RHK and submits it.
    masuk(&tab, &base, &perawat);
    go(&tab, &format!("{base}/skp"));
    wait_for_text(&tab, "Belum ada SKP");
    click(&tab, "main form[action^='/skp'] button[type=submit]");
    wait_for_text(&tab, "Tambah RHK");
    let skp_url = tab.get_url();
    tab.evaluate(
        "document.querySelector('#rhk_atasan_id').selectedIndex = 1",
        false,
    )
    .unwrap();
    type_into(
        &tab,
        "#teks",
        "Terlaksananya asuhan keperawatan pasien rawat inap",
    );
    click(&tab, "#simpan-rhk");
    wait_for_text(&tab, "Mengintervensi:");
    type_into(&tab, "form[action$='/iki'] input[name=target]", "120");
    type_into(&tab, "form[action$='/iki'] input[name=satuan]", "Laporan");
    type_into(
        &tab,
        "form[action$='/iki'] input[name=indikator]",
        "Jumlah laporan asuhan keperawatan",
    );
    click(&tab, "form[action$='/iki'] button[type=submit]");
    wait_for_text(&tab, "Jumlah laporan asuhan keperawatan");
    click(&tab, "#ajukan");
    wait_for_text(&tab, "Diajukan");
    screenshot(&tab, "skp-diajukan");
    keluar(&tab);

    // The head returns it with a note.
    masuk(&tab, &base, &kepala);
    go(&tab, &skp_url);
    type_into(
        &tab,
        "#catatan",
        "Lengkapi target kualitas pada triwulan berikutnya",
    );
    click(&tab, "#kembalikan");
    wait_for_text(&tab, "Dikembalikan");
    keluar(&tab);

    // The perawat sees the note and submits again; the head sets it.
    masuk(&tab, &base, &perawat);
    go(&tab, &skp_url);
    wait_for_text(&tab, "Lengkapi target kualitas");
    click(&tab, "#ajukan");
    wait_for_text(&tab, "Diajukan");
    keluar(&tab);
    masuk(&tab, &base, &kepala);
    go(&tab, &skp_url);
    click(&tab, "#tetapkan");
    wait_for_text(&tab, "Ditetapkan");
    screenshot(&tab, "skp-ditetapkan");
    keluar(&tab);

    // The perawat logs an activity with a PDF as evidence.
    let pdf = std::env::temp_dir().join(format!("kinerja-e2e-{}.pdf", std::process::id()));
    std::fs::write(&pdf, kinerja_core::testing::PDF).unwrap();
    masuk(&tab, &base, &perawat);
    go(&tab, &format!("{base}/aktivitas"));
    type_into(&tab, "#uraian", "Asuhan keperawatan 3 pasien rawat inap");
    tab.evaluate("document.querySelector('#kuantitas').value = ''", false)
        .unwrap();
    type_into(&tab, "#kuantitas", "3");
    type_into(&tab, "#satuan", "Laporan");
    tab.wait_for_element("#berkas")
        .unwrap()
        .set_input_files(&[pdf.to_str().unwrap()])
        .unwrap();
    click(&tab, "#simpan-ajukan");
    wait_for_text(&tab, "Aktivitas tersimpan.");
    let url = tab.get_url();
    let aktivitas_id = url.rsplit("ok=").next().unwrap().to_string();
    wait_for_text(&tab, "kinerja-e2e-");
    screenshot(&tab, "aktivitas");
    keluar(&tab);

    // The head verifies it; the monitoring page shows the progress against the target.
    masuk(&tab, &base, &kepala);
    go(&tab, &format!("{base}/verifikasi"));
    wait_for_text(&tab, "Asuhan keperawatan 3 pasien rawat inap");
    click(
        &tab,
        &format!("#aktivitas-{aktivitas_id} form button[type=submit]"),
    );
    wait_for_text(&tab, "Verifikasi tersimpan.");
    go(&tab, &format!("{base}/monitoring"));
    wait_for_text(&tab, "3 / 120 Laporan");
    screenshot(&tab, "monitoring");
    let _ = std::fs::remove_file(pdf);
    let _ = std::fs::remove_dir_all(profile);
}

#[test]
fn a_quarter_from_realisasi_to_keberatan_and_pdf() {
    use kinerja_core::testing::{NIP_KADIS, NIP_KAPUS, NIP_PERAWAT1, PASSWORD};
    let Some(path) = chromium_or_skip() else {
        return;
    };
    let k = start_fixture_server();
    let base = k.base.as_str();
    let (browser, profile) = launch(path, "kuartal");
    let tab = browser.new_tab().unwrap();
    tab.set_default_timeout(Duration::from_secs(20));

    // The perawat confirms her realisasi of the current quarter.
    masuk_dengan(&tab, base, NIP_PERAWAT1, PASSWORD);
    go(&tab, &format!("{base}/skp/{}/realisasi", k.skp_perawat));
    let iki = k.iki_perawat;
    tab.evaluate(
        &format!("document.querySelector('#nilai-{iki}').value = ''"),
        false,
    )
    .unwrap();
    isi(&tab, &format!("#nilai-{iki}"), "3");
    isi(
        &tab,
        &format!("#keterangan-{iki}"),
        "Tiga laporan asuhan keperawatan triwulan ini",
    );
    click(&tab, &format!("#iki-{iki} form button[type=submit]"));
    wait_for_text(&tab, "Realisasi tercatat");
    click(&tab, "#ajukan-realisasi");
    wait_for_text(&tab, "Diajukan kepada pejabat penilai");
    screenshot(&tab, "kuartal-realisasi");
    keluar(&tab);

    // The head rates her: umpan balik for the IKI and the seven values, then both ratings.
    masuk_dengan(&tab, base, NIP_KAPUS, PASSWORD);
    go(&tab, &format!("{base}/penilaian/{}", k.skp_perawat));
    wait_for_text(&tab, "Realisasi diajukan pegawai pada");
    wait_for_text(&tab, "Tiga laporan asuhan keperawatan");
    isi(
        &tab,
        &format!("#ub_iki_{iki}"),
        "Laporan lengkap dan tepat waktu",
    );
    for n in 1..=7 {
        isi(
            &tab,
            &format!("#ub_perilaku_{n}"),
            "Sesuai panduan perilaku",
        );
    }
    click(&tab, "input[name=rating_hasil][value=DIATAS]");
    click(&tab, "input[name=rating_perilaku][value=SESUAI]");
    click(&tab, "#simpan-penilaian");
    wait_for_text(&tab, "<strong id=\"predikat\">Baik</strong>");
    screenshot(&tab, "kuartal-penilaian");
    let evaluasi_url = format!(
        "{base}{}",
        tab.wait_for_element("#buka-evaluasi")
            .unwrap()
            .get_attribute_value("href")
            .unwrap()
            .unwrap()
    );
    keluar(&tab);

    // The kadis sets the puskesmas's organisational predikat, after simulating another.
    masuk_dengan(&tab, base, NIP_KADIS, PASSWORD);
    go(&tab, &format!("{base}/distribusi?unit={}", k.unit_pkm));
    tab.evaluate(
        "document.querySelector('#form-predikat select[name=predikat]').value = 'ISTIMEWA'",
        false,
    )
    .unwrap();
    click(&tab, "#simulasikan");
    wait_for_text(&tab, "Simulasi Istimewa");
    tab.evaluate(
        "document.querySelector('#form-predikat select[name=predikat]').value = 'BAIK'",
        false,
    )
    .unwrap();
    isi(
        &tab,
        "#form-predikat input[name=catatan]",
        "Capaian perjanjian kinerja 97%",
    );
    click(&tab, "#tetapkan-predikat");
    wait_for_text(&tab, "pola predikat organisasi Baik");
    screenshot(&tab, "kuartal-distribusi");
    keluar(&tab);

    // The head hands the result out: the distribution warning asks for a justification first.
    masuk_dengan(&tab, base, NIP_KAPUS, PASSWORD);
    go(&tab, &evaluasi_url);
    isi(&tab, "#catatan", "Ikuti pelatihan dokumentasi elektronik");
    click(&tab, "#tetapkan");
    wait_for_text(&tab, "id=\"pesan-distribusi\"");
    screenshot(&tab, "kuartal-peringatan");
    isi(
        &tab,
        "#alasan_distribusi",
        "Baru satu perawat yang dinilai pada triwulan ini",
    );
    click(&tab, "#tetapkan");
    wait_for_text(&tab, "Ditetapkan, masa keberatan berjalan");
    keluar(&tab);

    // The perawat objects.
    masuk_dengan(&tab, base, NIP_PERAWAT1, PASSWORD);
    go(&tab, &evaluasi_url);
    isi(
        &tab,
        "#alasan",
        "Realisasi tiga laporan sudah melampaui target triwulan",
    );
    click(&tab, "#ajukan-keberatan");
    wait_for_text(&tab, "Keberatan sedang diproses");
    keluar(&tab);

    // The kadis, atasan of the penilai, asks for explanations; the head explains; the kadis
    // decides.
    masuk_dengan(&tab, base, NIP_KADIS, PASSWORD);
    go(&tab, &evaluasi_url);
    click(&tab, "#minta-penjelasan");
    wait_for_text(&tab, "Menunggu penjelasan");
    keluar(&tab);
    masuk_dengan(&tab, base, NIP_KAPUS, PASSWORD);
    go(&tab, &evaluasi_url);
    isi(
        &tab,
        "#penjelasan",
        "Perilaku kerja sesuai ekspektasi, belum di atas",
    );
    click(&tab, "#kirim-penjelasan");
    wait_for_text(&tab, "Perilaku kerja sesuai ekspektasi, belum di atas");
    keluar(&tab);
    masuk_dengan(&tab, base, NIP_KADIS, PASSWORD);
    go(&tab, &evaluasi_url);
    click(&tab, "input[name=keputusan][value=DITOLAK]");
    isi(
        &tab,
        "#catatan_keputusan",
        "Penilaian perilaku didukung catatan harian",
    );
    click(&tab, "#putuskan");
    wait_for_text(&tab, "Keberatan ditolak");
    wait_for_text(&tab, "<strong id=\"status-evaluasi\">Final</strong>");
    screenshot(&tab, "kuartal-keputusan");
    keluar(&tab);

    // The perawat downloads the document: a PDF.
    masuk_dengan(&tab, base, NIP_PERAWAT1, PASSWORD);
    go(&tab, &evaluasi_url);
    let href = tab
        .wait_for_element("#unduh-pdf")
        .unwrap()
        .get_attribute_value("href")
        .unwrap()
        .unwrap();
    let head = tab
        .evaluate(
            &format!(
                "fetch('{href}').then(r => r.arrayBuffer()).then(b => \
                 String.fromCharCode(...new Uint8Array(b).slice(0, 4)))"
            ),
            true,
        )
        .unwrap()
        .value
        .and_then(|v| v.as_str().map(String::from));
    assert_eq!(head.as_deref(), Some("%PDF"));
    let _ = std::fs::remove_dir_all(profile);
}

/// Serves the small organisation with two more perawat under the head (so that Ani has three
/// colleagues), the perawat standard with Integritas at level 3, a catalogue offer for it, and
/// Ani's annual evaluation of this year final at Sangat Baik (the performance axis of the
/// nine-box; the evaluation flow itself is the quarter test's).
fn start_tim_server() -> (String, i32) {
    serve(|db| async move {
        use kinerja_core::services::{kompetensi::kamus as kompetensi, kompetensi::pengembangan};
        use kinerja_core::testing::{self, actor};
        let db = &db;
        let today = (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive();
        let f = testing::fixture(db).await;
        testing::rencana(db, &f, today).await;
        for (nip, nama) in [
            ("199205052017052005", "Rina Perawat"),
            ("199306062018061006", "Dedi Perawat"),
        ] {
            testing::peg(db, f.alpha, f.jab_perawat, f.unit_pkm, nip, nama).await;
        }
        let admin = actor(db, "admin.alpha").await;
        let skj = kompetensi::standar(db, &admin, f.jab_perawat)
            .await
            .unwrap();
        let mut isian: std::collections::HashMap<i32, String> = skj
            .baris
            .iter()
            .filter_map(|b| Some((b.kompetensi.id, b.nilai()?.to_string())))
            .collect();
        let m01 = skj
            .baris
            .iter()
            .find(|b| b.kompetensi.kode == "M.01")
            .unwrap();
        isian.insert(m01.kompetensi.id, "3".into());
        kompetensi::simpan_standar(db, &admin, f.jab_perawat, &isian)
            .await
            .unwrap();
        pengembangan::tambah_katalog(
            db,
            &admin,
            f.alpha,
            &pengembangan::KatalogInput {
                nama: "Pelatihan Integritas dan Antikorupsi".into(),
                jenis: "KLASIKAL".into(),
                kompetensi_id: m01.kompetensi.id.to_string(),
                jp: "16".into(),
            },
        )
        .await
        .unwrap();
        testing::evaluasi_tahunan_final(db, &f, &f.perawat1, "SANGAT_BAIK", today).await;
        f.unit_pkm
    })
}

/// Logs in as `login`, opens the task rating `dinilai` as `sebagai` from the assessment page,
/// chooses `level` with an example for every competency, saves, and logs out.
fn isi_asesmen(tab: &Arc<Tab>, base: &str, login: &str, dinilai: &str, sebagai: &str, level: u8) {
    use kinerja_core::testing::PASSWORD;
    masuk_dengan(tab, base, login, PASSWORD);
    go(tab, &format!("{base}/asesmen"));
    let js = format!(
        "Array.from(document.querySelectorAll('#tugas-saya tbody tr')).find(r => r.textContent.includes({}) && r.textContent.includes({})).querySelector('a').getAttribute('href')",
        serde_json::to_string(dinilai).unwrap(),
        serde_json::to_string(sebagai).unwrap()
    );
    let href = tab.evaluate(&js, false).unwrap().value.unwrap();
    go(tab, &format!("{base}{}", href.as_str().unwrap()));
    wait_for_text(tab, "Contoh perilaku atau bukti");
    tab.evaluate(
        &format!(
            "document.querySelectorAll('#form-penilaian-kompetensi fieldset').forEach(f => {{ f.querySelector('input[type=radio][value=\"{level}\"]').checked = true; f.querySelector('textarea').value = 'Teramati saat pelayanan pasien di puskesmas.'; }})"
        ),
        false,
    )
    .unwrap();
    click(tab, "#simpan-asesmen");
    wait_for_text(tab, "Jawaban tersimpan");
    keluar(tab);
}

#[test]
fn a_competency_round_to_the_idp_and_the_nine_box() {
    use kinerja_core::testing::{NIP_KAPUS, NIP_PERAWAT1, NIP_PERAWAT2, PASSWORD};
    let Some(path) = chromium_or_skip() else {
        return;
    };
    let (base, unit_pkm) = start_tim_server();
    let base = base.as_str();
    let (browser, profile) = launch(path, "kompetensi");
    let tab = browser.new_tab().unwrap();
    tab.set_default_timeout(Duration::from_secs(20));

    // The admin opens a 360 round for the puskesmas.
    masuk_dengan(&tab, base, "admin.alpha", PASSWORD);
    go(&tab, &format!("{base}/asesmen"));
    isi(
        &tab,
        "#form-asesmen input[name=nama]",
        "Asesmen kompetensi Puskesmas",
    );
    isi(&tab, "#form-asesmen input[name=batas]", "2099-12-31");
    isi(
        &tab,
        "#form-asesmen select[name=unit_kerja_id]",
        &unit_pkm.to_string(),
    );
    click(&tab, "#form-asesmen input[name=dengan_360]");
    click(&tab, "#buka-asesmen");
    wait_for_text(&tab, "Tutup putaran");
    let round_url = tab.get_url();
    keluar(&tab);

    // Ani rates herself; her head and three colleagues rate her.
    isi_asesmen(&tab, base, NIP_PERAWAT1, "Ani Perawat", "Diri sendiri", 3);
    isi_asesmen(&tab, base, NIP_KAPUS, "Ani Perawat", "Atasan langsung", 2);
    for nip in [NIP_PERAWAT2, "199205052017052005", "199306062018061006"] {
        isi_asesmen(&tab, base, nip, "Ani Perawat", "Rekan kerja", 2);
    }

    // The admin closes the round.
    masuk_dengan(&tab, base, "admin.alpha", PASSWORD);
    go(&tab, &round_url);
    click(&tab, "#tutup-asesmen");
    wait_for_text(&tab, "Ditutup");
    keluar(&tab);

    // Ani reads her gap report: Integritas (standard 3) falls short at 2,22.
    masuk_dengan(&tab, base, NIP_PERAWAT1, PASSWORD);
    go(&tab, &format!("{base}/asesmen"));
    click(&tab, "#hasil-saya a");
    wait_for_text(&tab, "Job Person Match");
    let area = tab
        .wait_for_element("#area-pengembangan")
        .unwrap()
        .get_inner_text()
        .unwrap();
    assert!(area.contains("M.01 Integritas (-0,78)"), "{area}");
    screenshot(&tab, "kompetensi-hasil");

    // Her IDP proposes the catalogue's training for the gap; she plans it and records it done.
    click(&tab, "#ke-idp");
    wait_for_text(&tab, "Usulan dari kesenjangan kompetensi");
    click(&tab, "#usulan-M\\.01 button");
    wait_for_text(&tab, "Sudah masuk rencana");
    let hari = (chrono::Utc::now() + chrono::Duration::hours(7))
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    tab.evaluate(
        "document.querySelector('#pelatihan details').open = true",
        false,
    )
    .unwrap();
    isi(
        &tab,
        "#form-pelatihan input[name=nama]",
        "Pelatihan Integritas dan Antikorupsi",
    );
    isi(&tab, "#form-pelatihan select[name=jenis]", "KLASIKAL");
    isi(
        &tab,
        "#form-pelatihan input[name=penyelenggara]",
        "BPSDM Provinsi",
    );
    isi(&tab, "#form-pelatihan input[name=mulai]", &hari);
    isi(&tab, "#form-pelatihan input[name=selesai]", &hari);
    isi(&tab, "#form-pelatihan input[name=jp]", "16");
    tab.evaluate(
        "const s = document.querySelector('#form-pelatihan select[name=rencana_id]'); s.value = s.options[1].value",
        false,
    )
    .unwrap();
    isi(
        &tab,
        "#form-pelatihan input[name=tautan]",
        "https://bpsdm.example.go.id/sertifikat/4411",
    );
    click(&tab, "#simpan-pelatihan");
    wait_for_text(&tab, "16</span> JP terealisasi");
    wait_for_text(&tab, "Terlaksana");
    screenshot(&tab, "kompetensi-idp");
    keluar(&tab);

    // The nine-box: Sangat Baik and a JPM of 100% (capped) put her in box 9, in the KRS.
    masuk_dengan(&tab, base, "admin.alpha", PASSWORD);
    go(&tab, &format!("{base}/talenta"));
    let box9 = tab
        .wait_for_element("#kotak-9")
        .unwrap()
        .get_inner_text()
        .unwrap();
    assert!(box9.contains("Ani Perawat"), "{box9}");
    wait_for_text(&tab, "juga KRS Nasional");
    screenshot(&tab, "kompetensi-nine-box");
    drop(tab);
    drop(browser);
    let _ = std::fs::remove_dir_all(profile);
}
