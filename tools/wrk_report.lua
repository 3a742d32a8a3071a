-- Print what tools/bench.py reads from a wrk run: requests per second and latency percentiles.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("BENCH rps=%.1f p50_us=%d p95_us=%d errors=%d\n",
    summary.requests / seconds, latency:percentile(50), latency:percentile(95),
    summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout))
end
