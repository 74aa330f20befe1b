/** The HTTP surface over a real server: health, sign-in, errors that say what is wrong. */
import { startTestServer, type TestServer } from '../test-support/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

test('GET /healthz answers ok', async () => {
  const response = await fetch(`${server.url}/healthz`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok' });
});

test('sign-in with the right password gives a token that /me accepts; sign-out revokes it', async () => {
  const response = await post('/api/agent/login', JSON.stringify(server.admin));
  expect(response.status).toBe(200);
  const { token, agent } = (await response.json()) as { token: string; agent: Record<string, unknown> };
  expect(agent).toMatchObject({ email: server.admin.email, role: 'admin' });
  expect(agent).not.toHaveProperty('passwordHash');

  const me = await fetch(`${server.url}/api/agent/me`, { headers: { authorization: `Bearer ${token}` } });
  expect(me.status).toBe(200);
  expect(await post('/api/agent/logout', '{}', { authorization: `Bearer ${token}` })).toHaveProperty('status', 204);
  const after = await fetch(`${server.url}/api/agent/me`, { headers: { authorization: `Bearer ${token}` } });
  expect(after.status).toBe(401);
});

test('a wrong password and an unknown e-mail answer the same 401', async () => {
  const wrong = await post('/api/agent/login', JSON.stringify({ ...server.admin, password: 'not the password' }));
  const unknown = await post('/api/agent/login', JSON.stringify({ email: 'nobody@example.test', password: 'whatever!!' }));
  expect(wrong.status).toBe(401);
  expect(unknown.status).toBe(401);
  expect(await wrong.json()).toEqual(await unknown.json());
});

test('malformed JSON, unknown keys and operator injection get 400 with a code, never a stack', async () => {
  const malformed = await post('/api/agent/login', '{"email":');
  expect(malformed.status).toBe(400);
  expect(await malformed.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });

  const extra = await post('/api/agent/login', JSON.stringify({ ...server.admin, admin: true }));
  expect(extra.status).toBe(400);

  const injection = await post('/api/agent/login', JSON.stringify({ email: server.admin.email, password: { $ne: '' } }));
  expect(injection.status).toBe(400);
  const body = await injection.text();
  expect(body).not.toMatch(/at .*\.ts:\d+/);
});

test('security headers are set and unknown API routes answer a JSON 404', async () => {
  const response = await fetch(`${server.url}/api/nope`);
  expect(response.status).toBe(404);
  expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('x-powered-by')).toBeNull();
});

test('the demo page carries the snippet for the default site', async () => {
  const response = await fetch(`${server.url}/demo`);
  const html = await response.text();
  expect(html).toContain(`data-site="${server.site.key}"`);
  expect(html).toContain('/widget.js"');
});

test('pages and scripts go compressed as the browser asks (brotli or gzip), the API as it was', async () => {
  const page = (encoding: string) => fetch(`${server.url}/demo`, { headers: { 'accept-encoding': encoding } });
  const brotli = await page('gzip, deflate, br');
  expect(brotli.headers.get('content-encoding')).toBe('br');
  expect(brotli.headers.get('vary')).toMatch(/accept-encoding/i);
  // Still the page once the browser has unpacked it.
  expect(await brotli.text()).toContain(`data-site="${server.site.key}"`);
  expect((await page('gzip')).headers.get('content-encoding')).toBe('gzip');
  expect((await page('identity')).headers.get('content-encoding')).toBeNull();
  const api = await fetch(`${server.url}/healthz`, { headers: { 'accept-encoding': 'br' } });
  expect(api.headers.get('content-encoding')).toBeNull();
});
