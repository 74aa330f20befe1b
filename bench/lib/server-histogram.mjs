// Reads Parley's own delivery histogram from GET /metrics, so a run can tell the time spent inside
// the server (receive -> broadcast) from the time spent in sockets and in the load generators.
/* global fetch -- Node 20 has it built in */

const SERIES = /^parley_message_delivery_seconds_bucket\{le="([^"]+)",namespace="visitor"\} (\d+)/;

export async function readDeliveryBuckets(url) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const buckets = [];
  for (const line of text.split('\n')) {
    const match = SERIES.exec(line);
    if (match)
      buckets.push({ le: match[1] === '+Inf' ? Infinity : Number(match[1]), count: Number(match[2]) });
  }
  return buckets.sort((a, b) => a.le - b.le);
}

/** The upper bound (ms) of the bucket holding quantile q of the deliveries between two readings. */
export function bucketQuantileMs(before, after, q) {
  const counts = after.map((bucket, i) => ({ le: bucket.le, count: bucket.count - (before[i]?.count ?? 0) }));
  const total = counts.at(-1)?.count ?? 0;
  if (total === 0) return null;
  const bucket = counts.find((b) => b.count >= q * total);
  return bucket && Number.isFinite(bucket.le) ? bucket.le * 1000 : null;
}
