# Sourced by bench/cpu.sh and bench/curve.sh, after they set BIN, URL, PORT, BASE and ROOT: starts
# the server with a temporary evidence folder ($bukti) and /metrics on (bench/metrics.sh), waits
# for /health, stops it and removes the folder on exit ($PID is the server's), and exports what
# the scripts of bench/wrk/ read.
. "$ROOT/bench/metrics.sh"
bukti=$(mktemp -d)
KINERJA_METRICS_TOKEN=$METRICS_TOKEN "$BIN" --database-url "$URL" serve --addr "127.0.0.1:$PORT" \
  --bukti-dir "$bukti" >/dev/null 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$bukti"' EXIT
for _ in $(seq 1 100); do curl -sf "$BASE/health" >/dev/null && break; sleep 0.1; done
export KINERJA_BENCH_DIR=$ROOT/bench KINERJA_ORIGIN=$BASE KINERJA_TANGGAL=$(TZ=Asia/Jakarta date +%F)
