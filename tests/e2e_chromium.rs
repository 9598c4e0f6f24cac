//! End to end in headless Chromium (Debian `chromium`): a demo admin logs in, finds a pegawai by
//! typing in the search box, edits them, sees the change and its audit entry.
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

/// Serves the app with demo data on a free port; returns its base URL and a pegawai to edit.
/// The server thread owns the temporary database for the life of the test process.
fn start_server() -> (String, String) {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(async move {
            let t = kinerja_core::testing::sqlite().await;
            let demo = kinerja_core::demo::load(&t.db, |_, _| {}).await.unwrap();
            let staff_nip = demo.accounts.last().unwrap().1.clone();
            let bukti = tempfile::tempdir().unwrap().keep();
            let config = kinerja_web::WebConfig {
                bukti_dir: bukti,
                ..Default::default()
            };
            let app = kinerja_web::router(t.db.clone(), config).unwrap();
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            tx.send((format!("http://{addr}"), staff_nip)).unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
    rx.recv_timeout(Duration::from_secs(120))
        .expect("server started")
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

fn screenshot(tab: &Arc<Tab>, name: &str) {
    use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
    if let Ok(png) = tab.capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true) {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
        let _ = std::fs::write(dir.join(format!("e2e-{name}.png")), png);
    }
}

#[test]
fn admin_finds_edits_and_audits_a_pegawai() {
    let Some(path) = chromium() else {
        if std::env::var("KINERJA_REQUIRE_E2E").is_ok_and(|v| v == "1") {
            panic!(
                "KINERJA_REQUIRE_E2E=1 but Chromium is not installed (apt-get install chromium)"
            );
        }
        eprintln!("end-to-end test skipped: Chromium not installed");
        return;
    };
    let (base, nip) = start_server();
    let profile = std::env::temp_dir().join(format!("kinerja-e2e-{}", std::process::id()));
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
    tab.type_str(kinerja_core::demo::DEMO_PASSWORD).unwrap();
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
