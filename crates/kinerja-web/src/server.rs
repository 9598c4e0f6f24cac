//! The HTTP server around the router: bounded waits for slow clients, a graceful stop on
//! SIGTERM or Ctrl-C within a deadline, and a log line when connections cannot be accepted.
//!
//! `axum::serve` offers none of these settings, so connections are served here with hyper's
//! HTTP/1 connection builder (`docs/DECISIONS.md`, "The server loop").

use axum::Router;
use axum::extract::ConnectInfo;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use std::time::Duration;
use tokio::net::TcpListener;

/// How long a client may take to send a request's headers, and how long a kept-alive connection
/// may sit idle before its next request (hyper starts the same timer for both). A slow or idle
/// connection then costs nothing after this.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(15);

/// Limits of [`serve`].
#[derive(Debug, Clone, Copy)]
pub struct ServerLimits {
    /// See [`HEADER_TIMEOUT`].
    pub header_timeout: Duration,
    /// After the stop signal: how long requests in flight may take to finish before the
    /// server returns anyway.
    pub shutdown_deadline: Duration,
}

impl Default for ServerLimits {
    fn default() -> Self {
        ServerLimits {
            header_timeout: HEADER_TIMEOUT,
            shutdown_deadline: Duration::from_secs(20),
        }
    }
}

/// Serves `app` on `listener` until `stop` completes, then stops accepting, lets the requests
/// in flight finish (closing idle connections at once), and returns when they have, or when
/// [`ServerLimits::shutdown_deadline`] has passed. Each request carries the peer's address as
/// [`ConnectInfo`].
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ServerLimits,
    stop: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .keep_alive(true);
    let graceful = GracefulShutdown::new();
    let mut refused = RefusalLog::default();
    tokio::pin!(stop);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    refused.note(&e);
                    // Out of file descriptors or memory: give the open connections a moment
                    // to end instead of spinning on the same error.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let _ = stream.set_nodelay(true);
        let svc = tower::ServiceExt::map_request(
            app.clone(),
            move |mut req: axum::http::Request<hyper::body::Incoming>| {
                req.extensions_mut().insert(ConnectInfo(peer));
                req
            },
        );
        let conn = http.serve_connection(
            TokioIo::new(stream),
            hyper_util::service::TowerToHyperService::new(svc),
        );
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            let _ = conn.await;
        });
    }
    drop(listener);
    let open = graceful.count();
    tracing::info!("stopping: {open} connection(s) open, waiting for requests in flight");
    tokio::select! {
        () = graceful.shutdown() => tracing::info!("all connections closed"),
        () = tokio::time::sleep(limits.shutdown_deadline) => tracing::warn!(
            "stop deadline of {:?} passed with connections still open; ending them",
            limits.shutdown_deadline
        ),
    }
    Ok(())
}

/// Completes on SIGTERM (systemd, Docker, Kubernetes) or SIGINT (Ctrl-C).
pub async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = term.recv() => tracing::info!("SIGTERM received"),
                    _ = tokio::signal::ctrl_c() => tracing::info!("SIGINT received"),
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Raises the soft limit of open files to the hard limit, so that the server can hold as many
/// connections as the system allows it; returns the limit now in force.
pub fn raise_open_files_limit() -> Option<u64> {
    #[cfg(unix)]
    {
        let (_, hard) = rlimit::Resource::NOFILE.get().ok()?;
        rlimit::increase_nofile_limit(hard).ok()
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// Logs refused connections: the first at once, then at most one summary a minute, so that a
/// flood of refusals does not flood the log.
#[derive(Default)]
struct RefusalLog {
    since_last: u64,
    last: Option<std::time::Instant>,
}

impl RefusalLog {
    fn note(&mut self, e: &std::io::Error) {
        self.since_last += 1;
        let due = self
            .last
            .is_none_or(|t| t.elapsed() >= Duration::from_secs(60));
        if due {
            tracing::error!(
                "cannot accept connections ({e}); {} refused since the last report. Raise the \
                 open-files limit (ulimit -n) or put a proxy in front that queues connections.",
                self.since_last
            );
            self.since_last = 0;
            self.last = Some(std::time::Instant::now());
        }
    }
}
