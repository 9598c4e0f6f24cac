//! What every in-process HTTP test needs: the router over a test database with its own evidence
//! directory, requests as a browser sends them, and the answer read back as text. [`TestApp`]
//! bundles them for a test that drives one app.

#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use kinerja_core::DatabaseConnection;
use kinerja_core::testing::PASSWORD;
use tower::ServiceExt;

/// The host every request names; posts come from its origin.
pub const HOST: &str = "kinerja.test";

/// The router over `db`, with its evidence store in a fresh temporary directory.
pub fn app(db: &DatabaseConnection) -> Router {
    app_with(db, kinerja_web::WebConfig::default())
}

/// [`app`] with other settings; the evidence store is a fresh temporary directory all the same.
pub fn app_with(db: &DatabaseConnection, config: kinerja_web::WebConfig) -> Router {
    let config = kinerja_web::WebConfig {
        bukti_dir: tempfile::tempdir().unwrap().keep(),
        ..config
    };
    kinerja_web::router(db.clone(), config).unwrap()
}

/// An answer: its status, headers and body as text.
pub struct Res {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Res {
    /// The `name=value` pair of the `Set-Cookie` header for cookie `name`.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(|v| v.split(';').next().unwrap().to_string())
            .find(|kv| kv.starts_with(&format!("{name}=")))
    }

    /// Where a redirect points.
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

pub async fn send(app: &Router, req: Request<Body>) -> Res {
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

pub fn get(path: &str, cookie: &str) -> Request<Body> {
    Request::builder()
        .uri(path)
        .header(header::HOST, HOST)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap()
}

/// A same-origin form post, as a browser sends it.
pub fn post(path: &str, cookie: &str, form: &str) -> Request<Body> {
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

/// `s` percent-encoded for a form body or a query string.
pub fn enc(s: &str) -> String {
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

/// The messages under the fields of a form page, in page order, one a line: what a snapshot of
/// a refused form compares.
pub fn pesan_galat(body: &str) -> String {
    body.split("<small class=\"error\">")
        .skip(1)
        .filter_map(|s| s.split("</small>").next())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `pairs` as a form body.
pub fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Logs in through the login form and returns the session's `Cookie` value.
pub async fn login(app: &Router, user: &str) -> String {
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
    res.cookie("kinerja_sesi").expect("a session cookie")
}

/// One app over one test database, for tests that drive it as several users.
pub struct TestApp {
    pub router: Router,
    pub db: DatabaseConnection,
}

impl TestApp {
    pub fn new(db: &DatabaseConnection) -> Self {
        Self::with(db, kinerja_web::WebConfig::default())
    }

    pub fn with(db: &DatabaseConnection, config: kinerja_web::WebConfig) -> Self {
        TestApp {
            router: app_with(db, config),
            db: db.clone(),
        }
    }

    /// The session cookie of `user` (a NIP or a username) after logging in.
    pub async fn login_as(&self, user: &str) -> String {
        login(&self.router, user).await
    }

    pub async fn get(&self, path: &str, cookie: &str) -> Res {
        send(&self.router, get(path, cookie)).await
    }

    /// Posts `body`, an encoded form, as a same-origin form.
    pub async fn post(&self, path: &str, cookie: &str, body: &str) -> Res {
        send(&self.router, post(path, cookie, body)).await
    }

    /// Posts `pairs` as a same-origin form.
    pub async fn post_form(&self, path: &str, cookie: &str, pairs: &[(&str, &str)]) -> Res {
        self.post(path, cookie, &form(pairs)).await
    }
}
