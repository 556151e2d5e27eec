-- wrk script: POST a form body with HTTP Basic client authentication.
-- Environment: WRK_BASIC (base64 of id:secret), WRK_BODY (the form, e.g. grant_type=client_credentials).
wrk.method = "POST"
wrk.body = os.getenv("WRK_BODY")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic " .. os.getenv("WRK_BASIC")

-- Percentiles in one machine-readable line: "p50_ms p90_ms p99_ms requests_per_s non2xx timeouts".
function done(summary, latency, requests)
  io.write(string.format("RESULT %.2f %.2f %.2f %.0f %d %d\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6), summary.errors.status, summary.errors.timeout))
end
