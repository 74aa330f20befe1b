// The few REST calls the benchmarks make against a running Parley, through its public API.
/* global fetch -- Node 20 has it built in */
import { BENCH_ADMIN } from './processes.mjs';

export async function siteKeyOf(url) {
  const html = await (await fetch(`${url}/demo`)).text();
  const key = /data-site="([^"]+)"/.exec(html)?.[1];
  if (!key) throw new Error('no site key on the demo page');
  return key;
}

export async function adminToken(url) {
  const response = await fetch(`${url}/api/agent/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(BENCH_ADMIN),
  });
  if (!response.ok) throw new Error(`admin login failed: ${response.status}`);
  return (await response.json()).token;
}

/** Pick mode: chats wait in the queue and every agent of the site still sees every message. */
export async function usePickMode(url, token) {
  const response = await fetch(`${url}/api/admin/site/settings`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ routingMode: 'pick' }),
  });
  if (!response.ok)
    throw new Error(`switching to pick mode failed: ${response.status} ${await response.text()}`);
}

/** The server's own view, from GET /metrics: one series' value. */
export async function metricValue(url, series) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
}
