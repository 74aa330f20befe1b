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

async function call(url, token, { method, path, body, address }) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token && { authorization: `Bearer ${token}` }),
      ...(address && { 'x-forwarded-for': address }),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} failed: ${response.status} ${await response.text()}`);
  return response.json();
}

export function updateSiteSettings(url, token, settings) {
  return call(url, token, { method: 'PATCH', path: '/api/admin/site/settings', body: settings });
}

/** Pick mode: chats wait in the queue until an agent takes one. */
export function usePickMode(url, token) {
  return updateSiteSettings(url, token, { routingMode: 'pick' });
}

/**
 * Creates `count` agents able to hold 50 chats each and signs each in (each from its own address:
 * sign-ins are rate-limited per address); returns their console tokens.
 */
export async function createSignedInAgents(url, adminToken, count) {
  const tokens = [];
  for (let i = 0; i < count; i += 1) {
    const credentials = { email: `agent${i}@bench.parley.test`, password: `bench agent ${i} password` };
    await call(url, adminToken, {
      method: 'POST',
      path: '/api/admin/agents',
      body: { ...credentials, name: `Bench agent ${i}`, role: 'agent', maxChats: 50 },
    });
    const address = `172.16.${i >> 8}.${i & 255}`;
    const { token } = await call(url, null, {
      method: 'POST',
      path: '/api/agent/login',
      body: credentials,
      address,
    });
    tokens.push(token);
  }
  return tokens;
}

/** The server's own view, from GET /metrics: one series' value. */
export async function metricValue(url, series) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
}
