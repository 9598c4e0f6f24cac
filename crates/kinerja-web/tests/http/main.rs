//! In-process HTTP tests: the router with a real database (SQLite, and PostgreSQL when
//! configured), driven with `oneshot` requests as a browser would send them; one module an area
//! of the product, the helpers every test file shares in `tests/common`.

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use chrono::Datelike;
use kinerja_core::DatabaseConnection;
use kinerja_core::db::baca;
use kinerja_core::db::entities::pegawai;
use kinerja_core::db_test;
use kinerja_core::testing::{self, PASSWORD, fixture};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

mod akses;
mod akun;
#[path = "../common/mod.rs"]
mod common;
mod evaluasi;
mod halaman;
mod harian;
mod kompetensi;
mod organisasi;
mod perencanaan;
mod validasi;

use common::*;

async fn nama_of(db: &DatabaseConnection, id: i32) -> String {
    pegawai::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .nama
}

/// `GET /metrics` with `Authorization: Bearer <token>`.
fn scrape(token: &str) -> Request<Body> {
    let mut req = get("/metrics", "");
    req.headers_mut().insert(
        header::AUTHORIZATION,
        format!("Bearer {token}").parse().unwrap(),
    );
    req
}

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

fn pairs<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// Today in WIB, as the handlers see it.
fn wib_today() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive()
}

/// The id of the period under way in `instansi`: the one a rating sheet opened without
/// `?periode=` shows and posts to.
async fn periode_kini(db: &DatabaseConnection, instansi: i32) -> i32 {
    kinerja_core::services::perencanaan::periode::kini(db, instansi, wib_today())
        .await
        .unwrap()
        .expect("a period under way")
        .id
}

/// Whether the page links to `path` itself: the address ends there, or goes on with a query or
/// a fragment (`/bukti/1` is not a link to `/bukti/12`).
fn links_to(body: &str, path: &str) -> bool {
    ['"', '?', '#']
        .iter()
        .any(|end| body.contains(&format!("\"{path}{end}")))
}

/// The number after `prefix` in a redirect target, e.g. `/skp/12` → 12.
fn id_after(location: &str, prefix: &str) -> i32 {
    location
        .strip_prefix(prefix)
        .and_then(|r| r.split(['#', '?', '/', '"']).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no id in {location}"))
}

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
