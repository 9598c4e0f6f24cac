# Sourced by bench/run.sh and bench/serve.sh: the server's own latency of one route, from the
# histograms it serves at /metrics (kinerja_http_request_duration_seconds, and on PostgreSQL its
# reads' kinerja_db_connection_wait_seconds and kinerja_db_read_seconds), beside what wrk
# measures from outside (docs/PERFORMANCE.md). The server must have been started with
# KINERJA_METRICS_TOKEN=$METRICS_TOKEN; BASE is its address.
METRICS_TOKEN=${METRICS_TOKEN:-bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')}

# The server's metrics text now, read once for every histogram a step needs.
metrics_fetch() {
  curl -sf -H "Authorization: Bearer $METRICS_TOKEN" "$BASE/metrics"
}

# One histogram of a metrics text: one "le count" line per bucket, summed over the series whose
# labels hold each of the given `label="value"` pairs (none for the direct PostgreSQL reads'
# kinerja_db_connection_wait_seconds and kinerja_db_read_seconds; route and method for
# kinerja_http_request_duration_seconds, whose statuses are summed).
metrics_hist() { # text metric-name [label=value ...]
  local text=$1 name=$2
  shift 2
  printf '%s\n' "$text" | awk -v name="$name" -v want="$*" '
    BEGIN { n_want = split(want, pairs, " ") }
    index($0, name "_bucket{") == 1 {
      for (i = 1; i <= n_want; i++) {
        split(pairs[i], kv, "=")
        if (!index($0, kv[1] "=\"" kv[2] "\"")) next
      }
      match($0, /le="[^"]*"/); n[substr($0, RSTART + 4, RLENGTH - 5)] += $NF
    }
    END { for (le in n) print le, n[le] }' | sort -g
}

# A route's request durations now (route method), summed over the statuses.
metrics_snapshot() {
  metrics_hist "$(metrics_fetch)" kinerja_http_request_duration_seconds "route=$1" "method=$2"
}

# "p50 p99" in ms of the requests between two snapshots, interpolated within a bucket as
# Prometheus' histogram_quantile does; "- -" when there were none.
metrics_quantiles() { # snapshot-before snapshot-after
  awk 'NR == FNR { before[$1] = $2; next } { print $1, $2 - before[$1] }' \
    <(printf '%s\n' "$1") <(printf '%s\n' "$2") | sort -g | awk '
    { le[NR] = $1; cum[NR] = $2 }
    END {
      total = cum[NR]
      if (total <= 0) { print "- -"; exit }
      split("0.5 0.99", qs, " ")
      for (i = 1; i <= 2; i++) {
        rank = qs[i] * total; prev = 0; lo = 0
        for (j = 1; j <= NR; j++) {
          if (cum[j] >= rank) {
            if (le[j] ~ /Inf/) { v = lo } else { v = lo + (le[j] - lo) * (rank - prev) / (cum[j] - prev) }
            break
          }
          prev = cum[j]; lo = le[j]
        }
        printf "%s%.2f", (i > 1 ? " " : ""), v * 1000
      }
      print ""
    }'
}
