//! The real binary under slow clients and stops: bodies that stall, headers that trickle,
//! idle connections, SIGTERM with requests in flight, and a backup taken under load. Each test
//! starts `kinerja serve` on a free port over a fresh database, on SQLite and (when
//! `KINERJA_TEST_POSTGRES_URL` is set) on PostgreSQL, and ends it.

use std::fs::File;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    addr: SocketAddr,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Runs `scenario` with the URL of a fresh, migrated database holding an admin account
/// `admin` / `rahasia123`: on SQLite, then on PostgreSQL when configured.
fn on_each_database(scenario: impl Fn(&str)) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let mut dbs = vec![rt.block_on(kinerja_core::testing::sqlite())];
    if let Some(pg) = rt.block_on(kinerja_core::testing::postgres()) {
        dbs.push(pg);
    }
    for t in dbs {
        rt.block_on(kinerja_core::services::akun::auth::create_admin(
            &t.db,
            "admin",
            "rahasia123",
            None,
        ))
        .unwrap();
        scenario(&t.url);
        rt.block_on(t.cleanup());
    }
}

/// Starts `kinerja serve` over `url` with `extra` flags.
fn start(url: &str, extra: &[&str]) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let bukti = dir.path().join("bukti");
    spawn(
        Command::new(env!("CARGO_BIN_EXE_kinerja")),
        url,
        &bukti,
        extra,
        None,
        dir,
    )
}

/// Starts `kinerja serve` through `cmd` (the binary, or a wrapper with the binary as its first
/// argument) over `url`, storing evidence in `bukti`, its log at info level in `log` when
/// given (it logs to standard output); `dir` lives as long as the server.
fn spawn(
    mut cmd: Command,
    url: &str,
    bukti: &Path,
    extra: &[&str],
    log: Option<&Path>,
    dir: tempfile::TempDir,
) -> Server {
    let addr: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().unwrap();
    cmd.args(["--database-url", url, "serve", "--addr", &addr.to_string()])
        .arg("--bukti-dir")
        .arg(bukti)
        .args(extra);
    // The log goes to standard output.
    match log {
        Some(path) => cmd
            .env("RUST_LOG", "kinerja=info,kinerja_web=info")
            .stdout(File::create(path).unwrap()),
        None => cmd.env("RUST_LOG", "warn").stdout(Stdio::null()),
    };
    let server = Server {
        child: cmd.spawn().unwrap(),
        addr,
        _dir: dir,
    };
    let until = Instant::now() + Duration::from_secs(60);
    while get(server.addr, "/health").is_none() {
        assert!(Instant::now() < until, "server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    server
}

/// A SQLite database in `dir` with the test organisation and this year's SKPs set; its URL and
/// Ani Perawat's RHK.
fn planned_sqlite(dir: &Path) -> (String, i32) {
    let url = format!("sqlite://{}?mode=rwc", dir.join("k.db").display());
    let today = (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let rhk = rt.block_on(async {
        let db = kinerja_core::db::connect(&url, 2).await.unwrap();
        kinerja_core::db::migrate_up(&db).await.unwrap();
        let f = kinerja_core::testing::fixture(&db).await;
        let r = kinerja_core::testing::rencana(&db, &f, today).await;
        db.close().await.unwrap();
        r.rhk_perawat1
    });
    (url, rhk)
}

/// Logs in through the form; the session's `Cookie` value.
fn login_cookie(addr: SocketAddr, user: &str, password: &str) -> String {
    let login = format!("login={user}&password={password}");
    let (status, head) = exchange(
        addr,
        &format!(
            "POST /masuk HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            login.len()
        ),
        login.as_bytes(),
    );
    assert_eq!(status, 303, "login {user}");
    head.lines()
        .filter_map(|l| l.split_once(':'))
        .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
        .map(|(_, v)| v.trim().split(';').next().unwrap().to_string())
        .find(|c| c.starts_with("kinerja_sesi="))
        .unwrap()
}

fn today_wib() -> String {
    (chrono::Utc::now() + chrono::Duration::hours(7))
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}

/// One GET on a new connection; the status line's code, or `None` when there is no answer
/// within 10 seconds.
fn get(addr: SocketAddr, path: &str) -> Option<u16> {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    status_of(&mut s)
}

fn status_of(s: &mut TcpStream) -> Option<u16> {
    let mut buf = [0u8; 64];
    let mut got = Vec::new();
    while !got.windows(2).any(|w| w == b"\r\n") {
        let n = s.read(&mut buf).ok()?;
        if n == 0 {
            break;
        }
        got.extend_from_slice(&buf[..n]);
    }
    String::from_utf8_lossy(&got)
        .split(' ')
        .nth(1)?
        .parse()
        .ok()
}

/// Whether the server closes `s` (reads end) within `within`.
fn closed_within(s: &mut TcpStream, within: Duration) -> bool {
    s.set_read_timeout(Some(within)).unwrap();
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return true,
            Err(_) => return false,
        }
    }
}

const LOGIN: &str = "login=admin&password=rahasia123";

/// A login post whose body stops after its first `sent` bytes.
fn half_sent_login(addr: SocketAddr, sent: usize) -> TcpStream {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "POST /masuk HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{}",
        LOGIN.len(),
        &LOGIN[..sent]
    )
    .unwrap();
    s.flush().unwrap();
    s
}

#[test]
fn stalled_bodies_leave_the_server_answering() {
    on_each_database(stalled_bodies);
}

fn stalled_bodies(url: &str) {
    let server = start(url, &[]);
    // More stalled posts than requests may be handled at once (128).
    let stalled: Vec<TcpStream> = (0..200).map(|_| half_sent_login(server.addr, 1)).collect();
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(get(server.addr, "/health"), Some(200));
    assert_eq!(get(server.addr, "/masuk"), Some(200));
    assert_eq!(get(server.addr, "/health/ready"), Some(200));
    drop(stalled);
}

#[test]
fn trickling_headers_and_idle_connections_are_closed() {
    on_each_database(trickling_headers);
}

fn trickling_headers(url: &str) {
    let server = start(url, &["--header-timeout-secs", "1"]);
    let mut slow = TcpStream::connect(server.addr).unwrap();
    slow.write_all(b"GET /masuk HTTP/1.1\r\nHost: loc").unwrap();
    assert!(closed_within(&mut slow, Duration::from_secs(10)));
    // A kept-alive connection that asks nothing more is closed too.
    let mut idle = TcpStream::connect(server.addr).unwrap();
    idle.write_all(b"GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .unwrap();
    assert_eq!(status_of(&mut idle), Some(200));
    assert!(closed_within(&mut idle, Duration::from_secs(10)));
    assert_eq!(get(server.addr, "/health"), Some(200));
}

#[test]
fn sigterm_finishes_the_requests_in_flight_then_stops() {
    on_each_database(sigterm);
}

fn sigterm(url: &str) {
    let mut server = start(url, &["--shutdown-secs", "3"]);
    let mut in_flight = half_sent_login(server.addr, 10);
    // A client that never finishes its request must not keep the process alive.
    let _stuck = half_sent_login(server.addr, 5);
    std::thread::sleep(Duration::from_millis(200));
    let pid = server.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    std::thread::sleep(Duration::from_millis(200));
    in_flight.write_all(&LOGIN.as_bytes()[10..]).unwrap();
    in_flight
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    assert_eq!(
        status_of(&mut in_flight),
        Some(303),
        "the login is answered"
    );
    // New connections are no longer accepted.
    assert_eq!(get(server.addr, "/health"), None);
    let until = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(s) = server.child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < until, "the process did not stop");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
}

/// One request on a new connection; the status and the head of the answer.
fn exchange(addr: SocketAddr, head: &str, body: &[u8]) -> (u16, String) {
    let (status, text) = exchange_all(addr, head, body);
    (
        status,
        text.split("\r\n\r\n").next().unwrap_or("").to_string(),
    )
}

/// [`exchange`], with the whole answer's text.
fn exchange_all(addr: SocketAddr, head: &str, body: &[u8]) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut got = Vec::new();
    let _ = s.read_to_end(&mut got);
    let text = String::from_utf8_lossy(&got).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, text)
}

fn header_value(head: &str, name: &str) -> Option<String> {
    head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
    })
}

/// Records one activity with one evidence file; the new activity's id once acknowledged.
fn catat(addr: SocketAddr, cookie: &str, rhk: i32, tanggal: &str, n: usize) -> Option<i32> {
    let ((status, _), head) = catat_jawab(addr, cookie, rhk, tanggal, n);
    if status != 303 {
        return None;
    }
    header_value(&head, "location")?
        .strip_prefix("/aktivitas?ok=")?
        .parse()
        .ok()
}

/// [`catat`]'s answer: the status with the whole answer's text, and its head.
fn catat_jawab(
    addr: SocketAddr,
    cookie: &str,
    rhk: i32,
    tanggal: &str,
    n: usize,
) -> ((u16, String), String) {
    let b = "----batas";
    let mut body = Vec::new();
    for (k, v) in [
        ("tanggal", tanggal.to_string()),
        ("rhk_id", rhk.to_string()),
        ("uraian", format!("Asuhan keperawatan pasien ke-{n}")),
        ("kuantitas", "1".to_string()),
        ("satuan", "Laporan".to_string()),
    ] {
        body.extend(
            format!("--{b}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    body.extend(
        format!(
            "--{b}\r\nContent-Disposition: form-data; name=\"berkas\"; filename=\"l{n}.pdf\"\r\n\
             Content-Type: application/pdf\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend(kinerja_core::testing::PDF);
    body.extend(format!("% {n}\r\n--{b}--\r\n").as_bytes());
    let head = format!(
        "POST /aktivitas HTTP/1.1\r\nHost: localhost\r\nOrigin: http://localhost\r\nCookie: {cookie}\r\n\
         Content-Type: multipart/form-data; boundary={b}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let (status, text) = exchange_all(addr, &head, &body);
    let head = text.split("\r\n\r\n").next().unwrap_or("").to_string();
    ((status, text), head)
}

#[test]
fn a_backup_under_load_restores_every_acknowledged_write_and_file() {
    use kinerja_core::db::entities::{aktivitas, bukti_dukung};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let dir = tempfile::tempdir().unwrap();
    let (url, rhk) = planned_sqlite(dir.path());
    let bukti = dir.path().join("bukti");
    let bin = env!("CARGO_BIN_EXE_kinerja");
    let server = spawn(
        Command::new(bin),
        &url,
        &bukti,
        &[],
        None,
        tempfile::tempdir().unwrap(),
    );
    let addr = server.addr;
    let cookie = login_cookie(
        addr,
        kinerja_core::testing::NIP_PERAWAT1,
        kinerja_core::testing::PASSWORD,
    );
    // Writers go on through the backup, each noting when each write was acknowledged.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let tanggal = today_wib();
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let (stop, cookie, tanggal) = (stop.clone(), cookie.clone(), tanggal.clone());
            std::thread::spawn(move || {
                let mut acked = Vec::new();
                let mut n = w * 100_000;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    n += 1;
                    if let Some(id) = catat(addr, &cookie, rhk, &tanggal, n) {
                        acked.push((id, Instant::now()));
                    }
                }
                acked
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let archive = dir.path().join("cadangan.tar");
    let backup_started = Instant::now();
    let out = Command::new(bin)
        .args(["--database-url", &url, "backup"])
        .arg(&archive)
        .arg("--bukti-dir")
        .arg(&bukti)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    std::thread::sleep(Duration::from_millis(300));
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let acked: Vec<(i32, Instant)> = writers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    let before: Vec<i32> = acked
        .iter()
        .filter(|(_, t)| *t < backup_started)
        .map(|(id, _)| *id)
        .collect();
    assert!(
        !before.is_empty(),
        "writes were acknowledged before the backup"
    );
    drop(server);

    // Not over a database that exists, unless forced.
    let refused = Command::new(bin)
        .args(["--database-url", &url, "restore"])
        .arg(&archive)
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));

    let back = tempfile::tempdir().unwrap();
    let back_url = format!("sqlite://{}?mode=rwc", back.path().join("k.db").display());
    let back_bukti = back.path().join("bukti");
    let out = Command::new(bin)
        .args(["--database-url", &back_url, "restore"])
        .arg(&archive)
        .arg("--bukti-dir")
        .arg(&back_bukti)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let db = kinerja_core::db::connect(&back_url, 2).await.unwrap();
        let found = aktivitas::Entity::find()
            .filter(aktivitas::Column::Id.is_in(before.clone()))
            .all(&db)
            .await
            .unwrap();
        assert_eq!(
            found.len(),
            before.len(),
            "every acknowledged activity is back"
        );
        let files = bukti_dukung::Entity::find()
            .filter(bukti_dukung::Column::AktivitasId.is_in(before.clone()))
            .all(&db)
            .await
            .unwrap();
        assert_eq!(files.len(), before.len());
        for f in files {
            assert!(
                back_bukti.join(&f.storage_key).is_file(),
                "evidence {} is back",
                f.storage_key
            );
        }
        db.close().await.unwrap();
    });
}

#[test]
fn refused_connections_are_logged_and_the_server_recovers() {
    on_each_database(refused_connections);
}

fn refused_connections(url: &str) {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("server.log");
    let bukti = dir.path().join("bukti");
    // Started with a soft open-files limit of 64 under a hard limit of 160: the server raises
    // the first to the second, then runs out of descriptors all the same.
    let mut cmd = Command::new("prlimit");
    cmd.args(["--nofile=64:160", "--"])
        .arg(env!("CARGO_BIN_EXE_kinerja"));
    let server = spawn(cmd, url, &bukti, &[], Some(&log), dir);
    let held: Vec<TcpStream> = (0..300)
        .filter_map(|_| TcpStream::connect(server.addr).ok())
        .collect();
    std::thread::sleep(Duration::from_secs(1));
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.contains("open files limit: 160"), "{text}");
    assert!(text.contains("cannot accept connections"), "{text}");
    assert_eq!(
        text.matches("cannot accept connections").count(),
        1,
        "logged once, not per refusal"
    );
    drop(held);
    let until = Instant::now() + Duration::from_secs(30);
    while get(server.addr, "/health") != Some(200) {
        assert!(Instant::now() < until, "the server did not recover");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_full_disk_is_named_and_the_form_is_kept() {
    // A small filesystem of its own for the evidence store needs mount, that is root.
    let dir = tempfile::tempdir().unwrap();
    let bukti = dir.path().join("bukti");
    std::fs::create_dir_all(&bukti).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
        .arg(&bukti)
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        assert!(
            std::env::var("KINERJA_REQUIRE_MOUNT").is_err(),
            "KINERJA_REQUIRE_MOUNT is set but a tmpfs cannot be mounted"
        );
        eprintln!("full-disk test skipped: cannot mount a tmpfs (not root)");
        return;
    }
    struct Unmount(std::path::PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).status();
        }
    }
    let _unmount = Unmount(bukti.clone());
    let (url, rhk) = planned_sqlite(dir.path());
    // Fill the store's filesystem.
    let filler = bukti.join("pengisi");
    {
        let mut f = File::create(&filler).unwrap();
        while f.write_all(&[0u8; 4096]).is_ok() {}
    }
    let log = dir.path().join("server.log");
    let server = spawn(
        Command::new(env!("CARGO_BIN_EXE_kinerja")),
        &url,
        &bukti,
        &[],
        Some(&log),
        tempfile::tempdir().unwrap(),
    );
    let cookie = login_cookie(
        server.addr,
        kinerja_core::testing::NIP_PERAWAT1,
        kinerja_core::testing::PASSWORD,
    );
    for n in 1..=2 {
        let (status, _) = catat_jawab(server.addr, &cookie, rhk, &today_wib(), n);
        assert_eq!(status.0, 507, "{}", status.1);
        assert!(
            status.1.contains("Ruang penyimpanan server penuh"),
            "{}",
            status.1
        );
        assert!(status.1.contains("tombol Kembali"), "{}", status.1);
    }
    let text = std::fs::read_to_string(&log).unwrap();
    assert_eq!(
        text.matches("storage full").count(),
        1,
        "logged once: {text}"
    );
    // Space freed, the same post goes through.
    std::fs::remove_file(&filler).unwrap();
    assert!(catat(server.addr, &cookie, rhk, &today_wib(), 3).is_some());
    drop(server);
}
