-- What get.lua and catat.lua share: sending their prepared `requests` in turn, and one
-- machine-readable line per run for bench/run.sh:
-- HASIL <requests> <req/s> <p50 ms> <p99 ms> <non-2xx/3xx> <socket errors> <p90 ms>
-- (p90 last, so that readers of the first six fields are unchanged)
local n = 0

function request()
  n = n + 1
  return requests[n % #requests + 1]
end

function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format("HASIL %d %.0f %.2f %.2f %d %d %.2f\n",
    summary.requests,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000,
    latency:percentile(99) / 1000,
    e.status,
    e.connect + e.read + e.write + e.timeout,
    latency:percentile(90) / 1000))
end
