//! What the direct PostgreSQL reads (`db::direct`) spend waiting for one of their connections and
//! running their statement, as histograms the web layer serves at `/metrics`. The two tell a pool
//! that is too small (the wait grows) from a database that is slow or short of CPU (the read
//! grows); `docs/PERFORMANCE.md`, read them for the monitoring page's tail. One pair per
//! process: the direct connections are kept per pool, but a server has one pool.

use prometheus_client::metrics::histogram::Histogram;
use std::sync::LazyLock;

/// Upper bounds in seconds: fine below a few milliseconds, where a read of the pages' kind
/// lies, and up to the 50 ms that would make a page miss DESIGN.md §8.
const BUCKETS: [f64; 16] = [
    0.0001, 0.00025, 0.0005, 0.00075, 0.001, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05,
    0.1, 0.5, 1.0,
];

/// From asking for a direct connection to having one (a new one's connect included).
pub static WAIT: LazyLock<Histogram> = LazyLock::new(|| Histogram::new(BUCKETS));

/// From sending a statement on a direct connection to having read its rows.
pub static READ: LazyLock<Histogram> = LazyLock::new(|| Histogram::new(BUCKETS));
