/**
 * A site's allowedOrigins, enforced where a foreign page could reach Parley: the visitor socket's
 * handshake, the widget config, and the panel's frame-ancestors. An empty list allows every origin.
 */
import { VISITOR_NAMESPACE } from '@parley/shared';
import fs from 'node:fs';
import path from 'node:path';
import { io } from 'socket.io-client';
import { login } from '../test-support/clients';
import { startTestServer, type TestServer } from '../test-support/test-server';

const SHOP = 'https://shop.example';
const EVIL = 'https://evil.example';
/** The test server's PUBLIC_URL: the panel's own origin. */
const OWN = 'http://127.0.0.1';

let server: TestServer;
let adminToken: string;

beforeAll(async () => {
  server = await startTestServer();
  adminToken = (await login(server.url, server.admin.email, server.admin.password)).token;
  const panel = path.join(server.dataDir, 'no-widget', 'panel');
  fs.mkdirSync(panel, { recursive: true });
  fs.writeFileSync(path.join(panel, 'index.html'), '<!doctype html><title>panel</title>');
  fs.mkdirSync(path.join(panel, 'assets'));
  fs.writeFileSync(path.join(panel, 'assets', 'index-Ab12Cd34.js'), 'export {};');
});
afterAll(async () => {
  await server.stop();
});

async function setAllowedOrigins(allowedOrigins: string[]): Promise<void> {
  const response = await fetch(`${server.url}/api/admin/site/settings`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ allowedOrigins }),
  });
  expect(response.status).toBe(200);
}

/** Resolves 'connected', or the refusal's error code. */
function handshakeFrom(headers: Record<string, string>): Promise<string> {
  const socket = io(`${server.url}${VISITOR_NAMESPACE}`, {
    auth: { siteKey: server.site.key }, transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: headers,
  });
  return new Promise((resolve) => {
    socket.once('session:ready', () => resolve('connected'));
    socket.once('connect_error', (error: Error & { data?: { code?: string; message?: string } }) =>
      resolve(`${error.data?.code}: ${error.data?.message}`),
    );
  }).finally(() => socket.disconnect()) as Promise<string>;
}

const widgetConfig = (headers: Record<string, string>) =>
  fetch(`${server.url}/api/widget/config?site=${server.site.key}`, { headers });
const panelCsp = async (query: string) => (await fetch(`${server.url}/panel/${query}`)).headers.get('content-security-policy') ?? '';

describe('with no allowed origins (the default), every origin is served', () => {
  beforeAll(() => setAllowedOrigins([]));

  test('visitor handshake from any origin, or none', async () => {
    expect(await handshakeFrom({ origin: EVIL })).toBe('connected');
    expect(await handshakeFrom({})).toBe('connected');
  });

  test('widget config to any origin', async () => {
    expect((await widgetConfig({ origin: EVIL })).status).toBe(200);
  });

  test('the panel may be framed by any page', async () => {
    expect(await panelCsp(`?site=${server.site.key}`)).toContain('frame-ancestors *');
  });
});

describe(`with allowedOrigins [${SHOP}]`, () => {
  beforeAll(() => setAllowedOrigins([SHOP]));
  afterAll(() => setAllowedOrigins([]));

  test('the visitor handshake is accepted from the shop and from Parley’s own panel', async () => {
    expect(await handshakeFrom({ origin: SHOP })).toBe('connected');
    expect(await handshakeFrom({ origin: OWN })).toBe('connected');
    expect(await handshakeFrom({ 'sec-fetch-site': 'same-origin' })).toBe('connected');
  });

  test('the visitor handshake is refused FORBIDDEN from another origin, or from none', async () => {
    expect(await handshakeFrom({ origin: EVIL })).toBe(`FORBIDDEN: This site does not allow chats from ${EVIL}.`);
    expect(await handshakeFrom({ origin: 'null' })).toMatch(/^FORBIDDEN: /);
    expect(await handshakeFrom({})).toMatch(/^FORBIDDEN: /);
  });

  test('the widget config is refused 403 to a named foreign origin, served to the shop and to same-origin reads', async () => {
    const refused = await widgetConfig({ origin: EVIL });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect((await widgetConfig({ origin: SHOP })).status).toBe(200);
    expect((await widgetConfig({})).status).toBe(200);
  });

  test("the panel's frame-ancestors name the shop and Parley itself, nobody else", async () => {
    const csp = await panelCsp(`?site=${server.site.key}`);
    expect(csp).toContain(`frame-ancestors 'self' ${SHOP}`);
    expect(csp).not.toContain('frame-ancestors *');
  });

  test("another site's panel is unaffected by this site's list", async () => {
    const other = await server.store.createSite({ key: 'site_origins_other', name: 'Other' });
    expect(await panelCsp(`?site=${other.key}`)).toContain('frame-ancestors *');
  });
});

describe('a change of allowed origins applies to the next panel load', () => {
  afterAll(() => setAllowedOrigins([]));
  // As a browser revalidates (fetch() itself would add `Cache-Control: no-cache`, which forbids a 304).
  const panelPage = (headers: Record<string, string> = {}) =>
    fetch(`${server.url}/panel/?site=${server.site.key}`, { headers: { 'cache-control': 'max-age=0', ...headers } });

  test('the browser revalidates the panel page every time, and gets the new frame-ancestors at once', async () => {
    await setAllowedOrigins([SHOP]);
    const first = await panelPage();
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).not.toBe('');

    // Unchanged: a cheap 304.
    expect((await panelPage({ 'if-none-match': etag })).status).toBe(304);

    // The admin allows a forgotten origin: the browser's copy is stale, the new policy comes whole.
    await setAllowedOrigins([SHOP, EVIL]);
    const after = await panelPage({ 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('content-security-policy')).toContain(`frame-ancestors 'self' ${SHOP} ${EVIL}`);
    expect(await after.text()).toContain('<title>panel</title>');

    // And back to no list: every page may frame it again.
    await setAllowedOrigins([]);
    const reopened = await panelPage({ 'if-none-match': after.headers.get('etag') ?? '' });
    expect(reopened.status).toBe(200);
    expect(reopened.headers.get('content-security-policy')).toContain('frame-ancestors *');
  });

  test("the panel's hashed scripts stay cached", async () => {
    const script = await fetch(`${server.url}/panel/assets/index-Ab12Cd34.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toBe('public, max-age=3600');
  });
});
