// Percentiles over latency samples, in milliseconds rounded to 0.01 ms.

const round = (value) => Math.round(value * 100) / 100;

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return round(sorted[rank]);
}

export function summarize(samples) {
  const sorted = Float64Array.from(samples).sort();
  return {
    count: sorted.length,
    p50Ms: percentile(sorted, 50),
    p90Ms: percentile(sorted, 90),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.length ? round(sorted[sorted.length - 1]) : null,
  };
}

export const ratio = (a, b) => (a === null || b === null || b === 0 ? null : round(a / b));

/**
 * How bunched the slowest messages are: of the slowest 1% (by rank, from the 99th percentile up), the
 * share sent within the worst `windowMs` of the run, and when that window began (seconds into the
 * samples). Near 1, the 99th percentile was set by one stall (a major garbage collection, a process
 * kept off the CPU); near windowMs / run length, by a load spread over the whole run.
 */
export function tailConcentration(latencies, sentTimes, { windowMs = 1000 } = {}) {
  if (latencies.length === 0 || latencies.length !== sentTimes.length) return null;
  const slowestCount = latencies.length - (Math.ceil(0.99 * latencies.length) - 1);
  const bySlowest = Array.from(latencies.keys()).sort((a, b) => latencies[b] - latencies[a]);
  const slow = Float64Array.from(bySlowest.slice(0, slowestCount), (i) => sentTimes[i]).sort();
  const start = sentTimes.reduce((a, b) => Math.min(a, b), Infinity);
  let best = 0;
  let bestFrom = 0;
  for (let from = 0, to = 0; to < slow.length; to++) {
    while (slow[to] - slow[from] > windowMs) from++;
    if (to - from + 1 > best) [best, bestFrom] = [to - from + 1, from];
  }
  return { windowMs, share: round(best / slow.length), windowStartS: round((slow[bestFrom] - start) / 1000) };
}
