#!/usr/bin/env bash
# What each part of the monitoring page's statements costs PostgreSQL (docs/PERFORMANCE.md),
# measured without the server: pgbench runs the statements of bench/pg/ (the page's
# two statements as the code builds them, which a test of kinerja-core checks, and variants
# with a part taken out) for the kepala seksi of the data set of bench/run.sh postgres, on
# prepared statements, alternating, and prints each one's executions/s and the machine's CPU
# per execution (cores × 1 s / executions; pgbench's own share included).
#
#   bench/pg-parts.sh            (after bench/run.sh postgres, whose logins it uses)
#
# Settings (environment): PG_URL=postgres://postgres@127.0.0.1:5432/kinerja_bench ROUNDS=5
# DURATION=5 (seconds per run) CLIENTS=4 (the server's pool on two cores) PARTS="halaman sesi"
# (some of bench/pg/, by name, or a variant of your own put there). Needs pgbench
# (Debian: postgresql-client).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
W=$ROOT/bench/work
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432/kinerja_bench}
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-5}
CLIENTS=${CLIENTS:-4}
command -v pgbench >/dev/null || { echo "bench: pgbench is needed (Debian: apt-get install postgresql-client)" >&2; exit 1; }
[ -f "$W/postgres-generate.txt" ] && [ -f "$W/kasi.tsv" ] || { echo "bench: run bench/run.sh postgres first" >&2; exit 1; }
kasi=$(awk '/Kepala seksi/ {print $NF; exit}' "$W/postgres-generate.txt")
token=$(cut -f1 "$W/kasi.tsv" | head -n1 | sed 's/^kinerja_sesi=//')
hash=$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)
hari=$(TZ=Asia/Jakarta date +%F) # the day as the server counts it
tahun=${hari%%-*}
# The kasi, and the period the page reads for them (monitoring::periode_pada): their instansi's,
# not the annual one, holding today, the first by id; the page binds the first of its month.
read -r pegawai jabatan mulai selesai < <(psql "$PG_URL" -AtF ' ' -c "
  SELECT g.id, g.jabatan_id, date_trunc('month', p.mulai)::date, p.selesai
  FROM pegawai g JOIN periode p ON p.id = (SELECT id FROM periode WHERE instansi_id = g.instansi_id
    AND jenis <> 'TAHUNAN' AND mulai <= '$hari' AND selesai >= '$hari' ORDER BY id LIMIT 1)
  WHERE g.nip = '$kasi'")
[ -n "${selesai:-}" ] || { echo "bench: no kepala seksi $kasi with a period holding $hari in $PG_URL" >&2; exit 1; }
cores=$(nproc)
vars=(-D benar=true -D salah=false -D "pegawai=$pegawai" -D "jabatan=$jabatan" -D "hari=$hari"
  -D "mulai=$mulai" -D "selesai=$selesai" -D "tahun=$tahun" -D "hash=$hash" -D "kini=$(date +%s)")
read -r -a parts <<<"${PARTS:-halaman tanpa-ringkasan tingkat-satu sesi kosong}"
declare -A sum
for p in "${parts[@]}"; do sum[$p]=0; done
for r in $(seq 1 "$ROUNDS"); do
  for p in "${parts[@]}"; do
    tps=$(pgbench "$PG_URL" -n -M prepared -c "$CLIENTS" -j 2 -T "$DURATION" "${vars[@]}" \
      -f "$ROOT/bench/pg/$p.sql" 2>&1 | awk '/^tps/ {printf "%.0f", $3}')
    [ -n "$tps" ] || { echo "bench: pgbench failed on bench/pg/$p.sql" >&2; exit 1; }
    sum[$p]=$((sum[$p] + tps))
    echo "round $r: $p $tps/s" >&2
  done
done
echo "| statement (bench/pg/) | executions/s | CPU per execution (µs) |"
echo "|---|---:|---:|"
for p in "${parts[@]}"; do
  mean=$((sum[$p] / ROUNDS))
  echo "| $p.sql | $mean | $((cores * 1000000 / mean)) |"
done
