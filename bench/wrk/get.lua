-- wrk script: GET the URL; one machine-readable line at the end: "p50_ms p90_ms p99_ms requests_per_s non2xx timeouts".
function done(summary, latency, requests)
  io.write(string.format("RESULT %.2f %.2f %.2f %.0f %d %d\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6), summary.errors.status, summary.errors.timeout))
end
