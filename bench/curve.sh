#!/usr/bin/env bash
# The monitoring page's requests/s and latency against the number of connections
# (docs/PERFORMANCE.md): DESIGN.md §8 gives the page a rate and a p99 but no
# concurrency, and at a fixed rate the p99 grows with the connections waiting. Run bench/run.sh
# first: this reuses its data set and its logged-in sessions (bench/work/kasi.tsv).
#
#   bench/curve.sh path/to/kinerja                          (SQLite, bench/work/sqlite.db)
#   URL=postgres://…/kinerja_bench bench/curve.sh path/to/kinerja   (after bench/run.sh postgres)
#
# Settings (environment): STEPS="16 24 32 40 48 64" (connections) DURATION=10s THREADS=2
# PATH_=/monitoring SESI=kasi (or staf with PATH_=/ for the home page). Each step has 3 s of
# warm-up; prints connections, requests/s, p50, p90 and p99 (ms), and the server's own p50 and p99
# from its /metrics (bench/metrics.sh), and on PostgreSQL what its reads waited for a connection
# and took to run ("- -" on SQLite, whose reads neither wait nor go out), as a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=${1:?usage: bench/curve.sh path/to/kinerja}
W=$ROOT/bench/work
PORT=${PORT:-18094}
URL=${URL:-sqlite://$W/sqlite.db?mode=rwc}
STEPS=${STEPS:-16 24 32 40 48 64}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
PATH_=${PATH_:-/monitoring}
SESI=${SESI:-kasi}
BASE=http://127.0.0.1:$PORT
[ -f "$W/$SESI.tsv" ] || { echo "bench: run bench/run.sh sqlite (or postgres) first" >&2; exit 1; }
. "$ROOT/bench/serve.sh"
drive() { # connections duration -> "requests req/s p50 p90 p99"
  KINERJA_SESI=$W/$SESI.tsv wrk -t"$THREADS" -c"$1" -d"$2" -s "$ROOT/bench/wrk/get.lua" "$BASE$PATH_" \
    | awk '/^HASIL/ {print $2, $3, $4, $8, $5}'
}
quantiles() { # metric-name [label=value ...] -> its p50 and p99 between the texts $before and $after
  metrics_quantiles "$(metrics_hist "$before" "$@")" "$(metrics_hist "$after" "$@")"
}
echo "| connections | requests/s | p50 ms | p90 ms | p99 ms | in the server: p50, p99 ms | PostgreSQL reads: wait p50, p99; read p50, p99 ms |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for c in $STEPS; do
  drive "$c" 3s >/dev/null
  before=$(metrics_fetch)
  read -r _ rps p50 p90 p99 < <(drive "$c" "$DURATION")
  after=$(metrics_fetch)
  read -r sp50 sp99 < <(quantiles kinerja_http_request_duration_seconds "route=$PATH_" method=GET)
  read -r wp50 wp99 < <(quantiles kinerja_db_connection_wait_seconds)
  read -r rp50 rp99 < <(quantiles kinerja_db_read_seconds)
  echo "| $c | $rps | $p50 | $p90 | $p99 | $sp50, $sp99 | $wp50, $wp99; $rp50, $rp99 |"
done
