#!/usr/bin/env bash
# Load benchmark of docs/PERFORMANCE.md: one command, from a fresh clone.
#
#   bench/run.sh [sqlite|postgres|all]        (default: all)
#
# For each database it generates (once, then reuses) an instansi with `kinerja generate`, starts
# the release server, logs in a kepala seksi and the staff of their team through the login form,
# and drives it with wrk: a bare /health, a pegawai's home page, the monitoring page of the team,
# and the daily activity form (POST /aktivitas, written with its audit event), each for DURATION
# at CONNECTIONS connections, then the home page at 1,000 connections for memory. It prints a
# Markdown table (requests/s, the ratio to /health, p50, p99, the server's own p50 and p99 from
# its /metrics, server RSS) and keeps it under bench/work/.
#
# Settings (environment): PEGAWAI=100000 DAYS=120 DURATION=20s CONNECTIONS=64 THREADS=2
# PORT=18080 PG_URL=postgres://postgres@127.0.0.1:5432 (the database kinerja_bench is created)
# PG_QUERY='?sslmode=disable': the server connects without TLS, as to a database on the same
# host; PG_QUERY= measures with sqlx's default (TLS whenever the server offers it, as Debian's
# PostgreSQL does), which cost the monitoring page about 14% in docs/PERFORMANCE.md.
# BIN=path/to/kinerja measures another build (an earlier commit's, for an A/B run) instead of
# building this tree's release binary.
# Needs wrk (Debian: apt-get install wrk) and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/bench/work
PEGAWAI=${PEGAWAI:-100000}
DAYS=${DAYS:-120}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
PORT=${PORT:-18080}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
PG_QUERY=${PG_QUERY-?sslmode=disable}
PASSWORD=kinerja2026
BASE=http://127.0.0.1:$PORT
BIN=${BIN:-}
mkdir -p "$WORK"

for tool in wrk curl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is needed (Debian: apt-get install $tool)" >&2; exit 1; }
done
ulimit -n 65536 2>/dev/null || ulimit -n 4096

if [ -z "$BIN" ]; then
  cargo build --release --quiet
  BIN=$ROOT/target/release/kinerja
fi

. "$ROOT/bench/metrics.sh"
SERVER_PID=
stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
  fi
}
trap stop_server EXIT

rss_mib() { awk '/^VmRSS/ {printf "%.0f", $2/1024}' "/proc/$SERVER_PID/status"; }
peak_mib() { awk '/^VmHWM/ {printf "%.0f", $2/1024}' "/proc/$SERVER_PID/status"; }

# Generates the database of one backend unless a finished one is there.
prepare() {
  local backend=$1 url=$2 done_mark=$WORK/$1-$PEGAWAI-$DAYS.done
  if [ -f "$done_mark" ]; then
    echo "bench: reusing the $backend database ($PEGAWAI pegawai, $DAYS days)"
    return
  fi
  if [ "$backend" = sqlite ]; then
    rm -f "$WORK"/sqlite.db*
  else
    psql "$PG_URL/postgres" -qc "DROP DATABASE IF EXISTS kinerja_bench" >/dev/null
    psql "$PG_URL/postgres" -qc "CREATE DATABASE kinerja_bench" >/dev/null
  fi
  echo "bench: generating $PEGAWAI pegawai with $DAYS days of activities on $backend"
  "$BIN" --database-url "$url" generate --pegawai "$PEGAWAI" --days "$DAYS" --kode BENCH \
    | tee "$WORK/$backend-generate.txt"
  touch "$done_mark"
}

login() { # prints the session cookie of a login name
  curl -s -o /dev/null -D - -H "Origin: $BASE" --data-urlencode "login=$1" \
    --data-urlencode "password=$PASSWORD" "$BASE/masuk" \
    | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\);.*/\1/p' | head -n1
}

# Logs in, as browsers would, the sample kepala seksi of the generated instansi (whose team's
# monitoring page is measured) and the staff of another seksi (who open their home page and record
# activities, so what the benchmark writes does not pile up in the measured team). NIPs come from
# the pages: the kasi's profile names their kepala bidang, whose home page lists the kepala seksi,
# whose home page lists their staff; each RHK comes from the member's activity form.
nips_of_team() { # cookie → the NIPs in the team table of the home page
  curl -s -H "Cookie: $1" "$BASE/" | grep -o '<td class="nip">[0-9]\{18\}' | grep -o '[0-9]\{18\}'
}
sessions() {
  local backend=$1 kasi cookie me kabid other c
  kasi=$(awk '/Kepala seksi/ {print $NF; exit}' "$WORK/$backend-generate.txt")
  cookie=$(login "$kasi")
  [ -n "$cookie" ] || { echo "bench: cannot log in as $kasi" >&2; exit 1; }
  printf '%s\t0\n' "$cookie" >"$WORK/kasi.tsv"
  me=$(curl -s -H "Cookie: $cookie" "$BASE/" | grep -o 'href="/pegawai/[0-9]*"' | head -n1 | grep -o '[0-9]\+')
  kabid=$(curl -s -H "Cookie: $cookie" "$BASE/pegawai/$me" | grep -o '<span class="nip muted">[0-9]\{18\}' | head -n1 | grep -o '[0-9]\{18\}')
  other=$(nips_of_team "$(login "$kabid")" | grep -v "^$kasi\$" | tail -n1)
  [ -n "$other" ] || { echo "bench: no second seksi found" >&2; exit 1; }
  : >"$WORK/staf.tsv"
  for nip in $(nips_of_team "$(login "$other")"); do
    local rhk
    c=$(login "$nip")
    rhk=$(curl -s -H "Cookie: $c" "$BASE/aktivitas" | grep -o '<option value="[0-9]*"' | head -n1 | grep -o '[0-9]\+' || true)
    [ -n "$c" ] && [ -n "$rhk" ] && printf '%s\t%s\n' "$c" "$rhk" >>"$WORK/staf.tsv"
  done
  local n
  n=$(wc -l <"$WORK/staf.tsv")
  [ "$n" -gt 0 ] || { echo "bench: no staff session" >&2; exit 1; }
  echo "bench: logged in the kepala seksi $kasi, and $n staff of the seksi of $other"
}

# One wrk run; prints "requests req/s p50 p99 status-errors socket-errors".
load() { # script path sessions-file connections [duration]
  local script=$1 path=$2 sesi=$3 conns=$4 dur=${5:-$DURATION} threads=$THREADS
  [ "$conns" -lt "$threads" ] && threads=$conns
  KINERJA_BENCH_DIR=$ROOT/bench KINERJA_SESI=$sesi KINERJA_ORIGIN=$BASE \
    KINERJA_TANGGAL=$(TZ=Asia/Jakarta date +%F) \
    wrk -t"$threads" -c"$conns" -d"$dur" --timeout 10s -s "$ROOT/bench/wrk/$script" "$BASE$path" \
    | awk '/^HASIL/ {print $2, $3, $4, $5, $6, $7}'
}

run_backend() {
  local backend=$1 url
  if [ "$backend" = sqlite ]; then url="sqlite://$WORK/sqlite.db?mode=rwc"; else url="$PG_URL/kinerja_bench$PG_QUERY"; fi
  prepare "$backend" "$url"
  local bukti
  bukti=$(mktemp -d)
  KINERJA_METRICS_TOKEN=$METRICS_TOKEN "$BIN" --database-url "$url" serve --addr "127.0.0.1:$PORT" \
    --bukti-dir "$bukti" >"$WORK/$backend-server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do curl -sf "$BASE/health" >/dev/null && break; sleep 0.1; done
  local rss_idle
  rss_idle=$(rss_mib)
  sessions "$backend"
  echo "bench: server RSS $rss_idle MiB at start, $(rss_mib) MiB after the logins"
  local out=$WORK/$backend.md health_rps=
  {
    echo "### $backend: $PEGAWAI pegawai, $DAYS days, $CONNECTIONS connections, $DURATION each ($(date -u +%F))"
    echo
    echo "| what | requests/s | ratio to /health | p50 ms | p99 ms | in the server: p50, p99 ms | server RSS MiB | failed |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  } >"$out"
  local name script path sesi method before
  while IFS='|' read -r name script path sesi; do
    method=GET
    [ "$script" = catat.lua ] && method=POST
    # Warm up the caches and the pool, then measure.
    load "$script" "$path" "$sesi" "$CONNECTIONS" 3s >/dev/null
    before=$(metrics_snapshot "$path" "$method")
    read -r reqs rps p50 p99 bad sock < <(load "$script" "$path" "$sesi" "$CONNECTIONS")
    read -r sp50 sp99 < <(metrics_quantiles "$before" "$(metrics_snapshot "$path" "$method")")
    [ -z "$health_rps" ] && health_rps=$rps
    local ratio
    ratio=$(awk -v a="$rps" -v b="$health_rps" 'BEGIN {printf "%.3f", a / b}')
    echo "| $name | $rps | $ratio | $p50 | $p99 | $sp50, $sp99 | $(rss_mib) | $((bad + sock)) of $reqs |" | tee -a "$out"
  done <<EOT
GET /health (bare)|get.lua|/health|
GET / (a pegawai's home)|get.lua|/|$WORK/staf.tsv
GET /monitoring (team of the kasi)|get.lua|/monitoring|$WORK/kasi.tsv
POST /aktivitas (record an activity)|catat.lua|/aktivitas|$WORK/staf.tsv
EOT
  before=$(metrics_snapshot / GET)
  read -r reqs rps p50 p99 bad sock < <(load get.lua / "$WORK/staf.tsv" 1000 10s)
  read -r sp50 sp99 < <(metrics_quantiles "$before" "$(metrics_snapshot / GET)")
  echo "| GET / at 1,000 connections | $rps | $(awk -v a="$rps" -v b="$health_rps" 'BEGIN {printf "%.3f", a / b}') | $p50 | $p99 | $sp50, $sp99 | $(rss_mib) (peak $(peak_mib)) | $((bad + sock)) of $reqs |" | tee -a "$out"
  stop_server
  rm -rf "$bukti"
  echo
  cat "$out"
}

case "${1:-all}" in
  sqlite) run_backend sqlite ;;
  postgres) run_backend postgres ;;
  all) run_backend sqlite; run_backend postgres ;;
  *) echo "usage: bench/run.sh [sqlite|postgres|all]" >&2; exit 2 ;;
esac
