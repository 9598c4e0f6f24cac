//! Routes and the small extractors every handler shares.

mod aktivitas;
mod akun;
mod angka_kredit;
mod asesmen;
mod audit;
mod distribusi;
mod evaluasi;
mod health;
mod home;
mod impor;
mod kompetensi;
mod monitoring;
mod organisasi;
mod pegawai;
mod pengembangan;
mod penilaian;
mod periode;
mod realisasi;
mod skp;
mod talenta;
mod tindak_lanjut;
mod umpan_balik;

use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::session::{CurrentActor, MaybeActor};
use crate::{AppState, assets, middleware};
use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRequestParts};
use axum::http::request::Parts;
use axum::response::Response;
use axum::routing::{get, post};
use chrono::Datelike;
use kinerja_core::Actor;
use kinerja_core::services::organisasi::import::MAX_UPLOAD_BYTES;
use serde::Deserialize;
use std::sync::Arc;
use tower::limit::GlobalConcurrencyLimitLayer;
use tower_http::trace::TraceLayer;

pub fn routes(state: AppState) -> Router {
    Router::new()
        .route("/", get(home::home))
        .route("/masuk", get(akun::login_form).post(akun::login))
        .route("/keluar", post(akun::logout))
        .route(
            "/akun/kata-sandi",
            get(akun::password_form).post(akun::change_password),
        )
        .route("/bahasa/{lang}", get(akun::set_lang))
        .route("/pegawai", get(pegawai::index))
        .route("/pegawai/baru", get(pegawai::new).post(pegawai::create))
        .route("/pegawai/{id}", get(pegawai::show))
        .route(
            "/pegawai/{id}/ubah",
            get(pegawai::edit).post(pegawai::update),
        )
        .route("/pegawai/{id}/penilai", post(pegawai::set_penilai))
        .route("/pegawai/{id}/kata-sandi", post(pegawai::reset_password))
        .route(
            "/pegawai/{id}/angka-kredit",
            get(angka_kredit::show).post(angka_kredit::simpan_awal),
        )
        .route("/angka-kredit", get(angka_kredit::sendiri))
        .route("/unit", get(organisasi::unit_kerja::index))
        .route(
            "/unit/baru",
            get(organisasi::unit_kerja::new).post(organisasi::unit_kerja::create),
        )
        .route(
            "/unit/{id}/ubah",
            get(organisasi::unit_kerja::edit).post(organisasi::unit_kerja::update),
        )
        .route("/jabatan", get(organisasi::jabatan::index))
        .route(
            "/jabatan/{id}/kompetensi",
            get(kompetensi::standar).post(kompetensi::simpan_standar),
        )
        .route(
            "/kompetensi",
            get(kompetensi::kamus).post(kompetensi::tambah),
        )
        .route("/asesmen", get(asesmen::index).post(asesmen::buka))
        .route("/asesmen/{id}", get(asesmen::rincian))
        .route("/asesmen/{id}/tutup", post(asesmen::tutup))
        .route(
            "/asesmen/peserta/{id}/penilai",
            post(asesmen::tambah_penilai),
        )
        .route(
            "/asesmen/tugas/{id}",
            get(asesmen::formulir).post(asesmen::simpan),
        )
        .route("/asesmen/hasil/{id}", get(asesmen::hasil))
        .route("/pengembangan", get(pengembangan::sendiri))
        .route("/pegawai/{id}/pengembangan", get(pengembangan::show))
        .route(
            "/pegawai/{id}/pengembangan/rencana",
            post(pengembangan::tambah_rencana),
        )
        .route(
            "/pegawai/{id}/pengembangan/pelatihan",
            post(pengembangan::catat_pelatihan)
                .layer(DefaultBodyLimit::max(pengembangan::MAX_PELATIHAN_BODY)),
        )
        .route(
            "/pengembangan/rencana/{id}/batal",
            post(pengembangan::batalkan_rencana),
        )
        .route(
            "/katalog-pengembangan",
            get(pengembangan::katalog).post(pengembangan::tambah_katalog),
        )
        .route("/talenta", get(talenta::peta))
        .route(
            "/pengaturan-kompetensi",
            get(talenta::pengaturan).post(talenta::simpan_pengaturan),
        )
        .route("/laporan-kompetensi", get(talenta::laporan))
        .route(
            "/laporan-kompetensi/{id}/laporan.xlsx",
            get(talenta::laporan_xlsx),
        )
        .route(
            "/jabatan/baru",
            get(organisasi::jabatan::new).post(organisasi::jabatan::create),
        )
        .route(
            "/jabatan/{id}/ubah",
            get(organisasi::jabatan::edit).post(organisasi::jabatan::update),
        )
        .route(
            "/plt",
            get(organisasi::plt::index).post(organisasi::plt::create),
        )
        .route("/plt/{id}/hapus", post(organisasi::plt::destroy))
        .route("/instansi", get(organisasi::instansi::index))
        .route(
            "/instansi/baru",
            get(organisasi::instansi::new).post(organisasi::instansi::create),
        )
        .route(
            "/instansi/{id}/ubah",
            get(organisasi::instansi::edit).post(organisasi::instansi::update),
        )
        .route("/periode", get(periode::index).post(periode::buka_tahun))
        .route("/periode/{id}/tutup", post(periode::tutup))
        .route("/periode/{id}/buka", post(periode::buka))
        .route("/skp", get(skp::index).post(skp::buat))
        .route("/skp/{id}", get(skp::show))
        .route("/skp/{id}/rhk", post(skp::rhk_create))
        .route("/skp/{id}/lampiran", post(skp::lampiran))
        .route("/skp/{id}/perilaku/{kode}", post(skp::ekspektasi))
        .route("/skp/{id}/aksi/{aksi}", post(skp::aksi))
        .route("/skp/{id}/cetak", get(skp::cetak))
        .route("/skp/{id}/dokumen.pdf", get(skp::dokumen_pdf))
        .route("/skp/{id}/realisasi", get(realisasi::show))
        .route(
            "/skp/{id}/realisasi/{periode}/ajukan",
            post(realisasi::ajukan),
        )
        .route(
            "/skp/{id}/realisasi/{periode}/kembalikan",
            post(realisasi::kembalikan),
        )
        .route("/penilaian/{id}", get(penilaian::show))
        .route("/penilaian/{id}/{periode}", post(penilaian::simpan))
        .route("/evaluasi", get(evaluasi::index))
        .route("/evaluasi/{id}", get(evaluasi::show))
        .route("/evaluasi/{id}/tetapkan", post(evaluasi::tetapkan))
        .route("/evaluasi/{id}/keberatan", post(evaluasi::ajukan_keberatan))
        .route(
            "/evaluasi/{id}/keberatan/minta-penjelasan",
            post(evaluasi::minta_penjelasan),
        )
        .route(
            "/evaluasi/{id}/keberatan/penjelasan",
            post(evaluasi::jelaskan),
        )
        .route("/evaluasi/{id}/keberatan/putusan", post(evaluasi::putus))
        .route("/evaluasi/{id}/buka", post(evaluasi::buka_kembali))
        .route(
            "/evaluasi/{id}/rencana-perbaikan",
            post(evaluasi::catat_rencana),
        )
        .route(
            "/evaluasi/{id}/rencana-perbaikan/hasil",
            post(evaluasi::tutup_rencana),
        )
        .route("/evaluasi/{id}/dokumen.pdf", get(evaluasi::dokumen_pdf))
        .route("/distribusi", get(distribusi::show))
        .route("/distribusi/{unit}/{periode}", post(distribusi::tetapkan))
        .route("/distribusi/{unit}/rekap.xlsx", get(distribusi::rekap_xlsx))
        .route("/distribusi/{unit}/tindak-lanjut", get(tindak_lanjut::show))
        .route("/distribusi/{unit}/hasil", get(tindak_lanjut::hasil))
        .route(
            "/pengaturan-kinerja",
            get(distribusi::pengaturan_show).post(distribusi::pengaturan_simpan),
        )
        .route("/rhk/{id}/ubah", get(skp::rhk_edit).post(skp::rhk_update))
        .route("/rhk/{id}/hapus", post(skp::rhk_destroy))
        .route("/rhk/{id}/iki", post(skp::iki_create))
        .route("/rhk/{id}/rencana-aksi", post(skp::rencana_aksi_create))
        .route("/iki/{id}/hapus", post(skp::iki_destroy))
        .route(
            "/iki/{id}/realisasi/{periode}",
            post(realisasi::simpan).layer(DefaultBodyLimit::max(aktivitas::MAX_BODY)),
        )
        .route("/rencana-aksi/{id}/hapus", post(skp::rencana_aksi_destroy))
        .route("/kaskade", get(skp::kaskade))
        .route(
            "/aktivitas",
            get(aktivitas::index)
                .post(aktivitas::create)
                .layer(DefaultBodyLimit::max(aktivitas::MAX_BODY)),
        )
        .route("/aktivitas/salin", post(aktivitas::salin))
        .route(
            "/aktivitas/{id}/ubah",
            get(aktivitas::edit)
                .post(aktivitas::update)
                .layer(DefaultBodyLimit::max(aktivitas::MAX_BODY)),
        )
        .route("/aktivitas/{id}/ajukan", post(aktivitas::ajukan))
        .route("/aktivitas/{id}/hapus", post(aktivitas::destroy))
        .route("/aktivitas/{id}/verifikasi", post(aktivitas::verifikasi))
        .route("/verifikasi", get(aktivitas::antrean))
        .route("/bukti/{id}", get(aktivitas::unduh))
        .route("/monitoring", get(monitoring::tim))
        .route("/monitoring/unit", get(monitoring::unit))
        .route(
            "/umpan-balik/{skp}/{sasaran}/{id}",
            get(umpan_balik::show).post(umpan_balik::kirim),
        )
        .route("/notifikasi", get(umpan_balik::index))
        .route("/notifikasi/baca-semua", post(umpan_balik::baca_semua))
        .route(
            "/notifikasi/{id}",
            get(umpan_balik::tuju).post(umpan_balik::buka),
        )
        .route("/audit", get(audit::index))
        .route(
            "/impor",
            get(impor::new)
                .post(impor::upload)
                .layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES + 64 * 1024)),
        )
        .route("/metrics", get(crate::metrics::scrape))
        .route("/assets/{*path}", get(assets::serve))
        .layer(axum::middleware::from_fn(middleware::csrf))
        .layer(axum::middleware::from_fn(middleware::bahasa))
        .layer(axum::middleware::from_fn_with_state(
            state.config.secure_cookies,
            middleware::security_headers,
        ))
        .layer(TraceLayer::new_for_http())
        .layer(GlobalConcurrencyLimitLayer::new(MAX_IN_FLIGHT))
        // The health checks take no place in the limit: they must answer while it is full.
        .route("/health", get(|| async { "ok" }))
        .route("/health/ready", get(health::ready))
        // Bodies are read before a request takes a place in the limit.
        .layer(axum::middleware::from_fn_with_state(
            Arc::new(tokio::sync::Semaphore::new(UPLOAD_SLOTS)),
            middleware::read_body_first,
        ))
        // Outermost, so that a request's time includes its wait for the concurrency limit.
        .layer(axum::middleware::from_fn_with_state(
            state.metrics.clone(),
            crate::metrics::track,
        ))
        .with_state(state)
}

/// The largest request body any route accepts (a daily activity or a training record with
/// every evidence file at its limit; the CSV import).
pub const MAX_ROUTE_BODY: usize = if aktivitas::MAX_BODY > MAX_UPLOAD_BYTES + 64 * 1024 {
    aktivitas::MAX_BODY
} else {
    MAX_UPLOAD_BYTES + 64 * 1024
};

/// Request bodies over 64 KiB (uploads) read at the same time; more wait for a slot.
const UPLOAD_SLOTS: usize = 32;

/// Requests handled at once; more wait, holding only their connection. The database pool serves
/// a handful at a time anyway, and each request in a handler holds its rows and page, so this
/// bounds the server's memory however many clients connect (docs/PERFORMANCE.md measures it
/// with a thousand connections).
const MAX_IN_FLIGHT: usize = 128;

/// A logged-in request: the actor and the page context.
pub struct Web {
    pub actor: Actor,
    pub ctx: Ctx,
}

impl FromRequestParts<AppState> for Web {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        // A page (GET) shows the unread notifications, read with the session; a form post
        // answers with a redirect and shows none.
        let (actor, belum_dibaca) = if parts.method == axum::http::Method::GET {
            crate::session::page_actor(parts, state).await?
        } else {
            let CurrentActor(actor) = CurrentActor::from_request_parts(parts, state).await?;
            (actor, 0)
        };
        Ok(Web::of(parts, actor, belum_dibaca))
    }
}

impl Web {
    /// The request of `actor`, whose navigation shows `belum_dibaca` unread notifications.
    fn of(parts: &Parts, actor: Actor, belum_dibaca: u64) -> Web {
        let ctx = Ctx {
            actor: Some(actor.clone()),
            lang: crate::i18n::bahasa_kini(),
            path: parts.uri.path().to_string(),
            notice: None,
            belum_dibaca,
        };
        Web { actor, ctx }
    }
}

/// A logged-in page that shows the current period (the monitoring page): [`Web`] and the period
/// of the actor's instansi that holds today, read with the session, one round trip fewer than
/// reading it after (`docs/PERFORMANCE.md`).
pub struct WebKini {
    pub web: Web,
    pub periode: Option<kinerja_core::db::entities::periode::Model>,
}

impl FromRequestParts<AppState> for WebKini {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let h = crate::session::page_actor_kini(parts, state, today()).await?;
        Ok(WebKini {
            web: Web::of(parts, h.actor, h.belum_dibaca),
            periode: h.periode_kini,
        })
    }
}

/// A request that may or may not be logged in (the login page).
pub struct PublicWeb {
    pub ctx: Ctx,
}

impl FromRequestParts<AppState> for PublicWeb {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let MaybeActor(actor) = MaybeActor::from_request_parts(parts, state).await?;
        Ok(PublicWeb {
            ctx: Ctx {
                actor,
                lang: crate::i18n::bahasa_kini(),
                path: parts.uri.path().to_string(),
                notice: None,
                belum_dibaca: 0,
            },
        })
    }
}

/// `?q=&page=&instansi=` of list pages. Numbers are taken leniently: junk means "none".
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub page: String,
    #[serde(default)]
    pub instansi: String,
    #[serde(default)]
    pub ok: String,
}

impl ListQuery {
    pub fn page(&self) -> u64 {
        nomor_halaman(&self.page)
    }

    pub fn instansi(&self) -> Option<i32> {
        self.instansi.parse().ok()
    }
}

/// A page number from a URL: 1 when absent or not a number, at most
/// [`kinerja_core::services::MAX_HALAMAN`], so that the offset it becomes always fits the
/// database's integer (a page past the end of a list shows it empty).
pub fn nomor_halaman(s: &str) -> u64 {
    s.trim()
        .parse::<u64>()
        .unwrap_or(1)
        .clamp(1, kinerja_core::services::MAX_HALAMAN)
}

/// The instansi a page shared by pegawai and admins works on: the pegawai's own, or the one an
/// admin works on (`?instansi=` for a super admin).
pub fn instansi_dari(actor: &Actor, chosen: &str) -> AppResult<i32> {
    if actor.is_admin() {
        scope(actor, chosen.parse().ok())
    } else {
        Ok(actor
            .instansi_id
            .ok_or(kinerja_core::CoreError::Forbidden)?)
    }
}

/// The instansi an admin page works on. A super admin who has not chosen one is sent to the
/// instansi list to choose.
pub fn scope(actor: &Actor, chosen: Option<i32>) -> AppResult<i32> {
    match actor.admin_scope(chosen)? {
        Some(i) => Ok(i),
        None => Err(AppError::Redirect("/instansi".into())),
    }
}

/// Splits the result of a save: the saved value, or the field errors to show again with the
/// form (answered with 422). Any other error propagates as an error page.
pub fn or_invalid<T>(
    r: kinerja_core::CoreResult<T>,
) -> AppResult<Result<T, kinerja_core::FieldErrors>> {
    match r {
        Ok(v) => Ok(Ok(v)),
        Err(kinerja_core::CoreError::Validation(errors)) => Ok(Err(errors)),
        Err(e) => Err(e.into()),
    }
}

/// 200 for a page shown afresh, 422 when it is shown again with the errors of a refused form.
pub fn status_of(errors: &kinerja_core::FieldErrors) -> axum::http::StatusCode {
    if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// Today's date in WIB, for rules that depend on it (NIP TMT, PLT validity).
pub fn today() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive()
}

/// The year a page asks for (`?tahun=`), this year when absent or outside 2000–2100.
pub fn tahun_dari(s: &str) -> i32 {
    s.parse::<i32>()
        .ok()
        .filter(|t| (2000..=2100).contains(t))
        .unwrap_or_else(|| today().year())
}

/// `?instansi=N` suffix for links on a super admin's pages (empty for an admin instansi).
pub fn instansi_qs(actor: &Actor, instansi_id: i32) -> String {
    if actor.is_super_admin() {
        format!("instansi={instansi_id}")
    } else {
        String::new()
    }
}

/// Renders a document on the blocking pool (Typst layout is CPU-bound and would stall the async
/// workers) and answers it as an inline PDF named `nama`.
pub async fn pdf_inline<F>(nama: String, render: F) -> AppResult<Response>
where
    F: FnOnce() -> Result<Vec<u8>, kinerja_reports::ReportError> + Send + 'static,
{
    use axum::http::header;
    use axum::response::IntoResponse;
    let pdf = tokio::task::spawn_blocking(render)
        .await
        .map_err(|e| kinerja_core::CoreError::Internal(e.to_string()))?
        .map_err(|e| kinerja_core::CoreError::Internal(e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{nama}\""),
            ),
        ],
        pdf,
    )
        .into_response())
}

/// Builds a workbook on the blocking pool and answers it as a download named `nama`.
pub async fn xlsx_attachment<F>(nama: String, render: F) -> AppResult<Response>
where
    F: FnOnce() -> Result<Vec<u8>, kinerja_reports::ReportError> + Send + 'static,
{
    use axum::http::header;
    use axum::response::IntoResponse;
    let bytes = tokio::task::spawn_blocking(render)
        .await
        .map_err(|e| kinerja_core::CoreError::Internal(e.to_string()))?
        .map_err(|e| kinerja_core::CoreError::Internal(e.to_string()))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{nama}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}
