//! The real binary under slow clients and stops: bodies that stall, headers that trickle,
//! idle connections, and SIGTERM with requests in flight. Each test starts `kinerja serve` on a
//! fresh SQLite file and a free port, and ends it.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
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

/// Starts `kinerja serve` with `extra` flags, with an admin account `admin` / `rahasia123`.
fn start(extra: &[&str]) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("k.db").display());
    let bin = env!("CARGO_BIN_EXE_kinerja");
    let out = Command::new(bin)
        .args([
            "--database-url",
            &url,
            "create-admin",
            "--username",
            "admin",
        ])
        .env("KINERJA_ADMIN_PASSWORD", "rahasia123")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let addr: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().unwrap();
    let child = Command::new(bin)
        .args(["--database-url", &url, "serve", "--addr", &addr.to_string()])
        .arg("--bukti-dir")
        .arg(dir.path().join("bukti"))
        .args(extra)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server {
        child,
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
    let server = start(&[]);
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
    let server = start(&["--header-timeout-secs", "1"]);
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
    let mut server = start(&["--shutdown-secs", "3"]);
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
