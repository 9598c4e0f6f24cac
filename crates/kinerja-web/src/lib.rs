//! Kinerja's web front end: server-rendered pages (Askama + htmx), sessions, CSRF and security
//! headers. Handlers are thin: parse, call one core service, render.

mod assets;
mod context;
mod error;
mod format;
mod handlers;
mod i18n;
mod metrics;
mod middleware;
pub mod server;
mod session;

use axum::Router;
use kinerja_core::DatabaseConnection;
use kinerja_core::db::Pools;
use kinerja_core::services::harian::pencatat::Pencatat;
use kinerja_core::storage::BuktiStore;
use std::sync::Arc;

/// Settings of the web layer; every one has a working default.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Absolute lifetime of a login session.
    pub session_secs: i64,
    /// Mark cookies `Secure` (set when served over HTTPS).
    pub secure_cookies: bool,
    /// Directory of the evidence store.
    pub bukti_dir: std::path::PathBuf,
    /// The bearer token a Prometheus scraper sends to `/metrics`; `None` keeps it off.
    pub metrics_token: Option<String>,
    /// Served behind a reverse proxy that appends the client's address to `X-Forwarded-For`:
    /// failed logins are then counted per that address instead of the proxy's.
    pub behind_proxy: bool,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            session_secs: 12 * 3600,
            secure_cookies: false,
            bukti_dir: "data/bukti".into(),
            metrics_token: None,
            behind_proxy: false,
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    /// Reads (see [`Pools`]).
    pub baca: DatabaseConnection,
    /// Writes: handlers of forms that change data use this one.
    pub tulis: DatabaseConnection,
    pub config: Arc<WebConfig>,
    pub bukti: BuktiStore,
    /// The group commit of the daily activity form, writing through `tulis`.
    pub pencatat: Pencatat,
    /// Request durations, served at `/metrics`.
    pub metrics: Arc<metrics::Metrics>,
}

impl axum::extract::FromRef<AppState> for Arc<metrics::Metrics> {
    fn from_ref(state: &AppState) -> Self {
        state.metrics.clone()
    }
}

/// The whole application as one router. Fails only when the evidence directory cannot be
/// created. Must be called on a Tokio runtime: it starts the activity writer's task.
pub fn router(db: impl Into<Pools>, config: WebConfig) -> std::io::Result<Router> {
    Ok(app(db, config)?.router)
}

/// The application and the task that writes the daily activities.
pub struct App {
    pub router: Router,
    /// Completes when every clone of the router is dropped and the last queued activities are
    /// written: a stopping server awaits it after its connections have closed.
    pub writer: tokio::task::JoinHandle<()>,
}

/// [`router`], with the activity writer's task.
pub fn app(db: impl Into<Pools>, config: WebConfig) -> std::io::Result<App> {
    let bukti = BuktiStore::local(&config.bukti_dir)?;
    let Pools { baca, tulis } = db.into();
    let (pencatat, writer) = Pencatat::mulai_dengan_tugas(tulis.clone());
    let state = AppState {
        metrics: metrics::Metrics::new(config.metrics_token.clone()),
        baca,
        pencatat,
        tulis,
        config: Arc::new(config),
        bukti,
    };
    Ok(App {
        router: handlers::routes(state),
        writer,
    })
}
