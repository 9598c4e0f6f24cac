//! Readiness: whether this server can do its work now. `/health` (liveness, and the reference
//! of the benchmark) answers without touching anything; `/health/ready` touches both database
//! pools, for a load balancer that should send no traffic to a server whose database is gone.

use crate::AppState;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::time::Duration;

/// How long each pool may take to answer before the server counts as not ready.
const PING_TIMEOUT: Duration = Duration::from_secs(2);

pub async fn ready(State(state): State<AppState>) -> Response {
    let ping = |db: &kinerja_core::DatabaseConnection| {
        let db = db.clone();
        async move {
            matches!(
                tokio::time::timeout(PING_TIMEOUT, db.ping()).await,
                Ok(Ok(()))
            )
        }
    };
    if ping(&state.baca).await && ping(&state.tulis).await {
        (StatusCode::OK, "ok").into_response()
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::RETRY_AFTER, "10")],
            "basis data tidak dapat dihubungi",
        )
            .into_response()
    }
}
