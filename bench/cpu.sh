#!/usr/bin/env bash
# Server CPU time per request, for A/B runs of two builds on a noisy machine
# (docs/PERFORMANCE.md). Run bench/run.sh sqlite once first: this reuses its data set and its logged-in
# sessions (bench/work/kasi.tsv, staf.tsv).
#
#   bench/cpu.sh path/to/kinerja          (alone: home page, monitoring page, activity form)
#   MIX=1 bench/cpu.sh path/to/kinerja    (the monitoring page and the activity form at once)
#   DB=path/to/copy.db bench/cpu.sh …     (another copy of the data set, e.g. for a build whose
#                                          migrations differ; it needs the sessions of the run)
#   ONLY=monitoring bench/cpu.sh …        (one of home, monitoring, post)
#   URL=postgres://…/kinerja_bench bench/cpu.sh …   (PostgreSQL, after bench/run.sh postgres,
#                                          whose sessions it reuses; PostgreSQL's own processes
#                                          are timed too)
#
# Alone: each path 3 s of warm-up, then 10 s of wrk -t2 -c64; prints requests/s, p99 (ms) and the
# server's user+system CPU time per request (µs, from /proc/<pid>/stat), and on PostgreSQL that of
# its server processes (every process named postgres) beside it. Mixed: 32 connections
# each for 10 s; prints requests/s and p99 of each and the server's CPU seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=${1:?usage: bench/cpu.sh path/to/kinerja}
W=$ROOT/bench/work
PORT=${PORT:-18093}
DB=${DB:-$W/sqlite.db}
URL=${URL:-sqlite://$DB?mode=rwc}
BASE=http://127.0.0.1:$PORT
[ -f "$W/staf.tsv" ] || { echo "bench: run bench/run.sh sqlite (or postgres) first" >&2; exit 1; }
. "$ROOT/bench/serve.sh"
tick=$(getconf CLK_TCK)
cpu() { awk '{print $14+$15}' "/proc/$PID/stat"; }
# PostgreSQL's processes (none on SQLite): their CPU ticks summed.
pg_cpu() { local p t=0; for p in $(pgrep -x postgres); do t=$((t + $(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo "$t"; }
drive() { # script path sessions threads connections duration -> "requests req/s p50 p99"
  KINERJA_SESI=$3 wrk -t"$4" -c"$5" -d"$6" -s "$ROOT/bench/wrk/$1" "$BASE$2" | awk '/^HASIL/ {print $2, $3, $4, $5}'
}
if [ -z "${MIX:-}" ]; then
  for run in "home get.lua / staf" "monitoring get.lua /monitoring kasi" "post catat.lua /aktivitas staf"; do
    read -r name script path sesi <<<"$run"
    [ -n "${ONLY:-}" ] && [ "$ONLY" != "$name" ] && continue
    drive "$script" "$path" "$W/$sesi.tsv" 2 64 3s >/dev/null
    c0=$(cpu) g0=$(pg_cpu)
    read -r n rps _ p99 < <(drive "$script" "$path" "$W/$sesi.tsv" 2 64 10s)
    c1=$(cpu) g1=$(pg_cpu)
    pg=
    [[ $URL == postgres* ]] && pg=", PostgreSQL $(( (g1 - g0) * 1000000 / tick / n )) µs"
    echo "$name: $rps req/s, p99 $p99 ms, $(( (c1 - c0) * 1000000 / tick / n )) µs CPU per request$pg"
  done
else
  drive get.lua /monitoring "$W/kasi.tsv" 1 32 3s >/dev/null &
  other=$!
  drive catat.lua /aktivitas "$W/staf.tsv" 1 32 3s >/dev/null
  wait "$other"
  c0=$(cpu)
  drive get.lua /monitoring "$W/kasi.tsv" 1 32 10s >"$bukti/m" &
  other=$!
  drive catat.lua /aktivitas "$W/staf.tsv" 1 32 10s >"$bukti/p"
  wait "$other"
  c1=$(cpu)
  read -r _ mr _ mp <"$bukti/m"
  read -r _ pr _ pp <"$bukti/p"
  echo "mixed: monitoring $mr req/s (p99 $mp ms), activity form $pr req/s (p99 $pp ms), $(( (c1 - c0) / tick )) s of server CPU"
fi
