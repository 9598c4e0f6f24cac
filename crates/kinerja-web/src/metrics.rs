//! Prometheus metrics at `/metrics` (DESIGN.md §2): how long every request took, by method, route
//! and status, and how many are being handled now. The latency targets of DESIGN.md §8 are p99
//! figures, and a load generator sees the server's time together with its own waits on a shared
//! machine; these histograms are the server's own side of that (`docs/PERFORMANCE.md`), and in
//! production the figure an operator alerts on.
//!
//! The text is OpenMetrics, which Prometheus scrapes as it does its own format. The endpoint is off
//! unless a token is configured (`KINERJA_METRICS_TOKEN`) and then answers only a request that
//! carries it as a bearer token; without it, `/metrics` is a 404 like any unknown path. Not
//! "loopback only": a reverse proxy on the same host makes every visitor a loopback peer.

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use std::sync::Arc;
use std::time::Instant;
use subtle::ConstantTimeEq;

/// Upper bounds of the duration buckets, in seconds: fine from 0.1 to 50 ms, around DESIGN.md
/// §8's 20 and 25 ms, where a page's p99 is read, and below a millisecond, where a page read on
/// SQLite lies; coarse beyond (a PDF, an import).
const BUCKETS: [f64; 24] = [
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.0075, 0.01, 0.0125, 0.015, 0.0175, 0.02,
    0.0225, 0.025, 0.03, 0.035, 0.04, 0.05, 0.075, 0.1, 0.25, 0.5, 1.0, 5.0,
];

/// The route label of a request that matched no route: one value for every unknown path, so
/// that scanners cannot grow the metrics without bound.
const UNMATCHED: &str = "unmatched";

const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// One series of the duration histogram. `route` is the route's pattern (`/aktivitas/{id}/ubah`),
/// never the path itself, so the series are as many as the routes.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Labels {
    method: &'static str,
    route: String,
    status: u16,
}

fn histogram() -> Histogram {
    Histogram::new(BUCKETS)
}

/// The metrics of one router (one per server; tests build routers side by side, each with its
/// own).
pub struct Metrics {
    registry: Registry,
    duration: Family<Labels, Histogram, fn() -> Histogram>,
    in_flight: Gauge,
    /// The bearer token `/metrics` answers to; `None` turns the endpoint off.
    token: Option<String>,
}

impl Metrics {
    /// Metrics served to `token` (none, or an empty one, keeps `/metrics` off).
    pub fn new(token: Option<String>) -> Arc<Metrics> {
        let duration = Family::<Labels, Histogram, fn() -> Histogram>::new_with_constructor(
            histogram as fn() -> Histogram,
        );
        let in_flight = Gauge::default();
        let mut registry = Registry::default();
        registry.register(
            "kinerja_http_request_duration_seconds",
            "Time from a request's arrival at the router to its response's head, by method, \
             route pattern and status",
            duration.clone(),
        );
        registry.register(
            "kinerja_db_connection_wait_seconds",
            "PostgreSQL page reads: time to get a connection of their own (db::direct)",
            kinerja_core::db::metrics::WAIT.clone(),
        );
        registry.register(
            "kinerja_db_read_seconds",
            "PostgreSQL page reads: time from sending a statement to having its rows (db::direct)",
            kinerja_core::db::metrics::READ.clone(),
        );
        registry.register(
            "kinerja_http_requests_in_flight",
            "Requests being handled, including those waiting for the concurrency limit",
            in_flight.clone(),
        );
        Arc::new(Metrics {
            registry,
            duration,
            in_flight,
            token: token.filter(|t| !t.is_empty()),
        })
    }

    /// The OpenMetrics text of everything recorded so far.
    fn encode(&self) -> Result<String, std::fmt::Error> {
        let mut out = String::new();
        prometheus_client::encoding::text::encode(&mut out, &self.registry)?;
        Ok(out)
    }

    /// Whether `headers` carry the configured token. Compared in constant time, so the answer's
    /// timing says nothing about how much of a guess was right.
    fn allows(&self, headers: &HeaderMap) -> bool {
        let Some(token) = self.token.as_deref() else {
            return false;
        };
        headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .is_some_and(|given| bool::from(given.as_bytes().ct_eq(token.as_bytes())))
    }
}

/// Counts a request in flight while it is handled, even when its client goes away mid-way and
/// the handler's future is dropped.
struct InFlight<'a>(&'a Gauge);

impl<'a> InFlight<'a> {
    fn start(g: &'a Gauge) -> Self {
        g.inc();
        InFlight(g)
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.dec();
    }
}

fn method_label(m: &Method) -> &'static str {
    match *m {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::HEAD => "HEAD",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        _ => "OTHER",
    }
}

/// Middleware: times every request and records it under its route's pattern.
pub async fn track(State(metrics): State<Arc<Metrics>>, req: Request, next: Next) -> Response {
    let method = method_label(req.method());
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or(UNMATCHED, MatchedPath::as_str)
        .to_string();
    let started = Instant::now();
    let res = {
        let _counted = InFlight::start(&metrics.in_flight);
        next.run(req).await
    };
    let labels = Labels {
        method,
        route,
        status: res.status().as_u16(),
    };
    metrics
        .duration
        .get_or_create(&labels)
        .observe(started.elapsed().as_secs_f64());
    res
}

/// `GET /metrics`: the metrics for a scraper that carries the token, a plain 404 otherwise.
pub async fn scrape(State(metrics): State<Arc<Metrics>>, headers: HeaderMap) -> Response {
    if !metrics.allows(&headers) {
        return StatusCode::NOT_FOUND.into_response();
    }
    match metrics.encode() {
        Ok(body) => ([(header::CONTENT_TYPE, CONTENT_TYPE)], body).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
