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
