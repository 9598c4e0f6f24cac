//! Kinerja's web front end: server-rendered pages (Askama + htmx), sessions, CSRF and security
//! headers. Handlers are thin: parse, call one core service, render.

mod assets;
mod context;
mod error;
mod format;
mod handlers;
mod i18n;
mod middleware;
mod session;

use axum::Router;
use kinerja_core::DatabaseConnection;
use std::sync::Arc;

/// Settings of the web layer; every one has a working default.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Absolute lifetime of a login session.
    pub session_secs: i64,
    /// Mark cookies `Secure` (set when served over HTTPS).
    pub secure_cookies: bool,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            session_secs: 12 * 3600,
            secure_cookies: false,
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub config: Arc<WebConfig>,
}

/// The whole application as one router.
pub fn router(db: DatabaseConnection, config: WebConfig) -> Router {
    let state = AppState {
        db,
        config: Arc::new(config),
    };
    handlers::routes(state)
}
