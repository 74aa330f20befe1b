/**
 * The dispatcher over a real SQLite store with a stand-in DNS: the target is checked again at
 * every attempt (DNS rebinding), and the POST connects to exactly the addresses that were checked.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { openSqliteStore } from '../store/sqlite/sqlite.store';
import type { Store } from '../store/store';
import type { WebhookEndpointRecord } from '../store/webhook.store';
import { startWebhookReceiver, type WebhookReceiver } from '../test-support/webhook-receiver';
import { webhookEvent } from '../domain/webhook-envelope';
import { createTargetGuard, type LookupHost } from './target-guard';
import { createWebhookDispatcher, webhookRetryDelayMs } from './webhook-dispatcher';
import { sendWebhook, type WebhookRequest } from './webhook-sender';

let dir: string;
let store: Store;
let receiver: WebhookReceiver;
let dns: Record<string, string[]>;
const lookupHost: LookupHost = async (hostname) => (dns[hostname] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
const logger = pino({ level: 'silent' });
let clock = Date.parse('2030-01-01T10:00:00.000Z');
const now = () => new Date(clock);

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-webhook-dispatcher-'));
  store = openSqliteStore({ filename: path.join(dir, 'parley.sqlite') });
  receiver = await startWebhookReceiver();
  dns = {};
});
afterEach(async () => {
  await store.close();
  await receiver.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function endpointAt(url: string, allowPrivateTargets: boolean): Promise<WebhookEndpointRecord> {
  const site = await store.createSite({ key: `site_${Math.random().toString(36).slice(2, 12)}`, name: 'Shop' });
  const admin = await store.createAgent({ siteId: site.id, email: `a${Math.random()}@example.test`, name: 'A', role: 'admin', passwordHash: 'x' });
  return store.createWebhookEndpoint({
    siteId: site.id, url, description: '', events: ['ticket.created'], enabled: true, allowPrivateTargets, secret: 'whsec_s',
    createdByAgentId: admin.id, at: now().toISOString(),
  });
}

async function queueFor(endpoint: WebhookEndpointRecord): Promise<void> {
  const event = webhookEvent('webhook.test', { endpointId: endpoint.id, message: 'hi' }, now());
  await store.enqueueWebhookDelivery({ endpointId: endpoint.id, siteId: endpoint.siteId, event, at: now().toISOString() });
}

test('backs off 30 s, doubling, capped at 4 h', () => {
  expect([1, 2, 3, 4].map((n) => webhookRetryDelayMs(n))).toEqual([30_000, 60_000, 120_000, 240_000]);
  expect(webhookRetryDelayMs(30)).toBe(4 * 3600_000);
});

test('a name that resolved to a public address and now resolves to loopback is refused at delivery time', async () => {
  dns['rebind.example.test'] = ['93.184.215.14'];
  const endpoint = await endpointAt('https://rebind.example.test/hook', false);
  const sent: WebhookRequest[] = [];
  const dispatcher = createWebhookDispatcher({
    store, guard: createTargetGuard({ lookupHost }), logger, now,
    send: async (request) => {
      sent.push(request);
      return { status: 204 };
    },
  });
  await queueFor(endpoint);
  expect(await dispatcher.runOnce()).toEqual({ delivered: 1, retried: 0, failed: 0 });
  expect(sent[0]).toMatchObject({ url: 'https://rebind.example.test/hook', addresses: [{ address: '93.184.215.14', family: 4 }] });

  dns['rebind.example.test'] = ['93.184.215.14', '127.0.0.1'];
  clock += 1000;
  await queueFor(endpoint);
  expect(await dispatcher.runOnce()).toEqual({ delivered: 0, retried: 1, failed: 0 });
  expect(sent).toHaveLength(1);
  const [latest] = await store.pageWebhookDeliveries({ endpointId: endpoint.id, after: null, limit: 1 });
  expect(latest).toMatchObject({ status: 'pending', lastError: expect.stringMatching(/^refused: rebind\.example\.test resolves to 127\.0\.0\.1 \(loopback\)/) });
});

test('the POST goes to the address that was checked, never to a second lookup', async () => {
  const port = new URL(receiver.url).port;
  // Only our stand-in DNS knows this name; the system resolver would fail on it.
  dns['receiver.parley.invalid'] = ['127.0.0.1'];
  const endpoint = await endpointAt(`http://receiver.parley.invalid:${port}/hooks`, true);
  const dispatcher = createWebhookDispatcher({ store, guard: createTargetGuard({ lookupHost }), logger, now, send: sendWebhook });
  await queueFor(endpoint);
  expect(await dispatcher.runOnce()).toEqual({ delivered: 1, retried: 0, failed: 0 });
  expect(receiver.received[0]?.headers.host).toBe(`receiver.parley.invalid:${port}`);
});

test('an endpoint that answers a redirect is not followed: the attempt failed', async () => {
  dns['redirect.example.test'] = ['93.184.215.14'];
  const endpoint = await endpointAt('https://redirect.example.test/hook', false);
  const dispatcher = createWebhookDispatcher({ store, guard: createTargetGuard({ lookupHost }), logger, now, send: async () => ({ status: 302 }) });
  await queueFor(endpoint);
  expect(await dispatcher.runOnce()).toEqual({ delivered: 0, retried: 1, failed: 0 });
  const [latest] = await store.pageWebhookDeliveries({ endpointId: endpoint.id, after: null, limit: 1 });
  expect(latest).toMatchObject({ responseStatus: 302, lastError: 'the endpoint answered HTTP 302' });
});

test('keeps delivered deliveries in the log for 30 days, then prunes them, at most once an hour', async () => {
  dns['hooks.example.test'] = ['93.184.215.14'];
  const endpoint = await endpointAt('https://hooks.example.test/hook', false);
  const dispatcher = createWebhookDispatcher({ store, guard: createTargetGuard({ lookupHost }), logger, now, send: async () => ({ status: 204 }) });
  const start = clock;
  const day = 24 * 3600_000;
  const logIds = async () => (await store.pageWebhookDeliveries({ endpointId: endpoint.id, after: null, limit: 10 })).map((d) => d.eventId);
  const deliverOne = async (): Promise<string> => {
    await queueFor(endpoint);
    expect(await dispatcher.runOnce()).toEqual({ delivered: 1, retried: 0, failed: 0 });
    return (await store.pageWebhookDeliveries({ endpointId: endpoint.id, after: null, limit: 1 }))[0]?.eventId ?? '';
  };
  const first = await deliverOne();
  clock = start + 10 * day;
  const second = await deliverOne();

  clock = start + 30 * day - 1000;
  await dispatcher.runOnce();
  expect(await logIds()).toEqual([second, first]);
  // 30 days and a second: due for pruning, but the last pruning was two seconds ago.
  clock += 2000;
  await dispatcher.runOnce();
  expect(await logIds()).toEqual([second, first]);
  clock += 3600_000;
  await dispatcher.runOnce();
  expect(await logIds()).toEqual([second]);
});
