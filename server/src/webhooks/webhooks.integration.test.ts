/**
 * Webhooks end to end: a real receiver on 127.0.0.1 (allowed explicitly as a private target)
 * verifies every signature; it is stopped to force retries, time moves by an injected clock (no
 * sleeping), Parley restarts over the same SQLite file mid-retry and still delivers, once.
 */
import {
  WEBHOOK_EVENT_TYPES,
  WebhookEventSchema,
  type ApiError,
  type Conversation,
  type Ticket,
  type WebhookDelivery,
  type WebhookEndpointWithSecret,
  type WebhookEvent,
  type WebhookEventType,
} from '@parley/shared';
import { connectAgent, connectVisitor, login, unwrap } from '../test-support/clients';
import { callApi, createApiToken } from '../test-support/platform-api';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from '../test-support/webhook-receiver';
import { verifyWebhookSignature } from './webhook-signature';

// Every test starts a server and signs in (scrypt); one walks a whole day of retries.
jest.setTimeout(30_000);

let clock = Date.now();
const now = () => new Date(clock);
const advance = (ms: number) => (clock += ms);

let server: TestServer;
let receiver: WebhookReceiver;
let token: string;
let adminSession: string;
const closers: { disconnect(): void }[] = [];

beforeEach(async () => {
  clock = Date.now();
  server = await startTestServer({ now });
  receiver = await startWebhookReceiver();
  adminSession = (await login(server.url, server.admin.email, server.admin.password)).token;
  token = (await createApiToken(server, { adminToken: adminSession, scope: 'read-write' })).token;
});
afterEach(async () => {
  closers.splice(0).forEach((c) => c.disconnect());
  await server.stop();
  await receiver.stop().catch(() => undefined);
});

async function register(events: readonly WebhookEventType[], extra: Record<string, unknown> = {}): Promise<WebhookEndpointWithSecret> {
  const answer = await callApi<{ data: WebhookEndpointWithSecret }>(server, '/admin/webhooks', {
    method: 'POST', token, body: { url: receiver.url, events, allowPrivateTargets: true, ...extra },
  });
  expect(answer.status).toBe(201);
  return answer.body.data;
}

/** What the queue holds after the domain's events are queued, sent by one dispatcher run. */
async function dispatch(on: TestServer = server) {
  await on.app.webhooks.events.settled();
  return on.app.webhooks.dispatcher.runOnce();
}

const verified = (hook: ReceivedWebhook, secret: string) =>
  verifyWebhookSignature({ header: String(hook.headers['parley-signature']), body: hook.rawBody, secret, nowSeconds: Math.floor(clock / 1000) });
const eventOf = (hook: ReceivedWebhook): WebhookEvent => WebhookEventSchema.parse(JSON.parse(hook.rawBody));

async function deliveries(endpointId: string, on: TestServer = server): Promise<WebhookDelivery[]> {
  return (await callApi<{ data: WebhookDelivery[] }>(on, `/admin/webhooks/${endpointId}/deliveries`, { token })).body.data;
}

test('every domain event reaches a subscribed endpoint once, signed with its secret, in the documented shape', async () => {
  const { endpoint, secret } = await register(WEBHOOK_EVENT_TYPES);
  const { socket: visitor } = await connectVisitor(server.url, { siteKey: server.site.key });
  const console_ = await connectAgent(server.url, adminSession);
  closers.push(visitor, console_);

  const first = unwrap(await visitor.emitWithAck('message:send', { clientId: 'hook-visitor-0001', text: 'Where is my order?' }));
  const reply = await callApi(server, `/v1/conversations/${first.conversationId}/messages`, { method: 'POST', token, body: { text: 'On its way!' } });
  expect(reply.status).toBe(201);
  unwrap(await console_.emitWithAck('conversation:resolve', { conversationId: first.conversationId }));
  unwrap(await visitor.emitWithAck('conversation:rate', { score: 5, comment: 'Quick' }));
  const ticket = await callApi<{ data: Ticket }>(server, '/v1/tickets', { method: 'POST', token, body: { subject: 'Refund', text: 'Order 42' } });
  await callApi(server, `/v1/tickets/${ticket.body.data.id}`, { method: 'PATCH', token, body: { status: 'pending' } });

  const report = await dispatch();
  expect(report).toEqual({ delivered: receiver.received.length, retried: 0, failed: 0 });
  expect(receiver.received.every((hook) => verified(hook, secret))).toBe(true);
  expect(receiver.received.every((hook) => !verified(hook, `${secret}x`))).toBe(true);
  const events = receiver.received.map(eventOf);
  expect(events.map((e) => e.type).sort()).toEqual([
    'conversation.assigned', 'conversation.created', 'conversation.resolved', 'message.created', 'message.created',
    'rating.created', 'ticket.created', 'ticket.updated',
  ]);
  expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  const messages = events.filter((e): e is Extract<WebhookEvent, { type: 'message.created' }> => e.type === 'message.created');
  expect(messages.map((e) => [e.data.message.author.kind, e.data.message.text])).toEqual([['visitor', 'Where is my order?'], ['agent', 'On its way!']]);
  const rating = events.find((e) => e.type === 'rating.created');
  expect(rating?.data).toMatchObject({ target: 'conversation', score: 5, comment: 'Quick', conversation: { id: first.conversationId } });
  const hook = receiver.received[0] as ReceivedWebhook;
  expect(hook.headers).toMatchObject({ 'content-type': 'application/json', 'user-agent': 'Parley-Webhooks/1' });
  expect(hook.headers['parley-event']).toBe(eventOf(hook).type);
  expect(await dispatch()).toEqual({ delivered: 0, retried: 0, failed: 0 });
  expect((await deliveries(endpoint.id)).every((d) => d.status === 'delivered' && d.responseStatus === 200 && d.attempts === 1)).toBe(true);
});

test('only subscribed types go out, and a disabled endpoint gets nothing new (but still its test event)', async () => {
  const { endpoint, secret } = await register(['ticket.created']);
  await callApi(server, '/v1/tickets', { method: 'POST', token, body: { subject: 'One', text: 'x' } });
  const { socket: visitor } = await connectVisitor(server.url, { siteKey: server.site.key });
  closers.push(visitor);
  unwrap(await visitor.emitWithAck('message:send', { clientId: 'hook-visitor-0002', text: 'not subscribed' }));
  await server.app.webhooks.events.settled();
  const queuedBefore = await callApi(server, '/v1/tickets', { method: 'POST', token, body: { subject: 'Two', text: 'x' } });
  expect(queuedBefore.status).toBe(201);
  await server.app.webhooks.events.settled();
  await callApi(server, `/admin/webhooks/${endpoint.id}`, { method: 'PATCH', token, body: { enabled: false } });
  await callApi(server, '/v1/tickets', { method: 'POST', token, body: { subject: 'Three', text: 'x' } });
  const test = await callApi<{ data: WebhookDelivery }>(server, `/admin/webhooks/${endpoint.id}/test`, { method: 'POST', token });
  expect([test.status, test.body.data.eventType, test.body.data.status]).toEqual([202, 'webhook.test', 'pending']);

  expect(await dispatch()).toEqual({ delivered: 1, retried: 0, failed: 2 });
  expect(receiver.received.map((h) => eventOf(h).type)).toEqual(['webhook.test']);
  expect(verified(receiver.received[0] as ReceivedWebhook, secret)).toBe(true);
  const log = await deliveries(endpoint.id);
  // All queued at the same instant of the test clock: the log orders them by id then.
  expect(log.map((d) => [d.eventType, d.status, d.lastError]).sort()).toEqual([
    ['ticket.created', 'failed', 'the endpoint is disabled'],
    ['ticket.created', 'failed', 'the endpoint is disabled'],
    ['webhook.test', 'delivered', null],
  ]);
});

test('a stopped receiver gets retries with exponential backoff, and a Parley restart mid-retry still delivers it, once', async () => {
  const { endpoint, secret } = await register(['ticket.created']);
  await receiver.stop();
  const created = await callApi<{ data: Ticket }>(server, '/v1/tickets', { method: 'POST', token, body: { subject: 'Down', text: 'x' } });

  expect(await dispatch()).toEqual({ delivered: 0, retried: 1, failed: 0 });
  let [delivery] = await deliveries(endpoint.id);
  expect(delivery).toMatchObject({ status: 'pending', attempts: 1, responseStatus: null, lastError: expect.stringMatching(/ECONNREFUSED/) });
  expect(Date.parse(delivery?.nextAttemptAt ?? '') - clock).toBe(30_000);
  expect(await dispatch()).toEqual({ delivered: 0, retried: 0, failed: 0 }); // not due yet

  advance(30_000);
  expect(await dispatch()).toEqual({ delivered: 0, retried: 1, failed: 0 });
  [delivery] = await deliveries(endpoint.id);
  expect(delivery).toMatchObject({ attempts: 2 });
  expect(Date.parse(delivery?.nextAttemptAt ?? '') - clock).toBe(60_000);

  await receiver.start();
  receiver.answerWith(503);
  advance(60_000);
  expect(await dispatch()).toEqual({ delivered: 0, retried: 1, failed: 0 });
  [delivery] = await deliveries(endpoint.id);
  expect(delivery).toMatchObject({ attempts: 3, responseStatus: 503, lastError: 'the endpoint answered HTTP 503' });
  expect(Date.parse(delivery?.nextAttemptAt ?? '') - clock).toBe(120_000);

  // Parley stops mid-retry; a new app over the same SQLite file picks the delivery up.
  await server.stop();
  server = await startTestServer({ dataDir: server.dataDir, now });
  receiver.answerWith(200);
  advance(119_000);
  expect(await dispatch()).toEqual({ delivered: 0, retried: 0, failed: 0 });
  advance(1_000);
  expect(await dispatch()).toEqual({ delivered: 1, retried: 0, failed: 0 });

  const bodies = receiver.received.map(eventOf);
  expect(bodies.map((e) => e.id)).toEqual([bodies[0]?.id, bodies[0]?.id]); // the 503 and the 200: the same event
  expect(receiver.received.map((h) => h.answeredWith)).toEqual([503, 200]);
  expect(receiver.received.every((h) => verified(h, secret))).toBe(true);
  expect(bodies[1]).toMatchObject({ type: 'ticket.created', data: { ticket: { id: created.body.data.id } } });
  [delivery] = await deliveries(endpoint.id);
  expect(delivery).toMatchObject({ status: 'delivered', attempts: 4, responseStatus: 200, lastError: null });
  expect(await dispatch()).toEqual({ delivered: 0, retried: 0, failed: 0 });
});

test('retries stop after a day: the delivery is marked failed with its last error', async () => {
  const { endpoint } = await register(['ticket.created']);
  await receiver.stop();
  await callApi(server, '/v1/tickets', { method: 'POST', token, body: { subject: 'Never', text: 'x' } });
  const start = clock;
  let attempts = 0;
  for (; attempts < 40; attempts += 1) {
    const report = await dispatch();
    if (report.failed === 1) break;
    const [delivery] = await deliveries(endpoint.id);
    clock = Date.parse(delivery?.nextAttemptAt ?? '');
  }
  const [delivery] = await deliveries(endpoint.id);
  expect(delivery).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/^gave up after \d+ attempts: .*ECONNREFUSED/) });
  expect(delivery?.attempts).toBe(attempts + 1);
  expect(attempts + 1).toBeGreaterThanOrEqual(12);
  expect(clock - start).toBeLessThanOrEqual(24 * 3600_000);
  expect(clock - start).toBeGreaterThan(20 * 3600_000);
});

test('two Parley processes over one store never send the same delivery twice', async () => {
  await register(['ticket.created']);
  for (let i = 0; i < 12; i += 1) await callApi(server, '/v1/tickets', { method: 'POST', token, body: { subject: `Burst ${i}`, text: 'x' } });
  await server.app.webhooks.events.settled();
  const twin = await startTestServer({ dataDir: server.dataDir, now });
  try {
    const reports = await Promise.all([server.app.webhooks.dispatcher.runOnce(), twin.app.webhooks.dispatcher.runOnce()]);
    expect(reports.reduce((sum, r) => sum + r.delivered, 0)).toBe(12);
  } finally {
    await twin.stop();
  }
  const ids = receiver.received.map((h) => eventOf(h).id);
  expect(ids).toHaveLength(12);
  expect(new Set(ids).size).toBe(12);
});

describe('targets on private addresses', () => {
  const PRIVATE_TARGETS = [
    'http://127.0.0.1:8080/hook',
    'http://10.0.0.8/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]:8080/hook',
    'http://[fc00::1]/hook',
    'http://[::ffff:10.0.0.8]/hook',
    'http://localhost:8080/hook',
  ];

  test(`are refused unless the endpoint allows them: ${PRIVATE_TARGETS.join(', ')}`, async () => {
    const wrong: string[] = [];
    for (const url of PRIVATE_TARGETS) {
      const refused = await callApi<ApiError>(server, '/admin/webhooks', { method: 'POST', token, body: { url, events: ['ticket.created'] } });
      if (refused.status !== 400 || !/^url: .*not a public address/.test(refused.body.error.message)) wrong.push(`${url} -> ${refused.status} ${refused.body.error?.message}`);
      // The console says it by the URL field, as "tick Allow private addresses".
      if (refused.body.error.issues?.[0]?.path !== 'url.private') wrong.push(`${url} -> issues ${JSON.stringify(refused.body.error.issues)}`);
      const allowed = await callApi(server, '/admin/webhooks', { method: 'POST', token, body: { url, events: ['ticket.created'], allowPrivateTargets: true } });
      if (allowed.status !== 201) wrong.push(`${url} with allowPrivateTargets -> ${allowed.status}`);
    }
    expect(wrong).toEqual([]);
  });

  test('taking the allowance back from an endpoint on a private address is refused; so is a URL with credentials', async () => {
    const { endpoint } = await register(['ticket.created']);
    const taken = await callApi<ApiError>(server, `/admin/webhooks/${endpoint.id}`, { method: 'PATCH', token, body: { allowPrivateTargets: false } });
    expect([taken.status, taken.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const credentials = await callApi<ApiError>(server, '/admin/webhooks', {
      method: 'POST', token, body: { url: 'https://user:pass@hooks.example.com/x', events: ['ticket.created'] },
    });
    expect(credentials.status).toBe(400);
  });
});

test('a rotated secret signs the next deliveries; the old one no longer verifies', async () => {
  const { endpoint, secret } = await register(['ticket.created']);
  const rotated = await callApi<{ data: WebhookEndpointWithSecret }>(server, `/admin/webhooks/${endpoint.id}/rotate-secret`, { method: 'POST', token });
  expect(rotated.body.data.secret).not.toBe(secret);
  await callApi(server, `/admin/webhooks/${endpoint.id}/test`, { method: 'POST', token });
  await dispatch();
  const [hook] = receiver.received;
  expect(verified(hook as ReceivedWebhook, rotated.body.data.secret)).toBe(true);
  expect(verified(hook as ReceivedWebhook, secret)).toBe(false);
  const listed = await callApi<{ data: unknown[] }>(server, '/admin/webhooks', { token });
  expect(JSON.stringify(listed.body)).not.toContain(rotated.body.data.secret);
});

test('a conversation that becomes a ticket announces both', async () => {
  await register(['conversation.resolved', 'ticket.created']);
  const { socket: visitor } = await connectVisitor(server.url, { siteKey: server.site.key });
  closers.push(visitor);
  const { conversationId } = unwrap(await visitor.emitWithAck('message:send', { clientId: 'hook-visitor-0003', text: 'Anyone?' }));
  unwrap(await visitor.emitWithAck('conversation:end', {}));
  await dispatch();
  const events = receiver.received.map(eventOf);
  expect(events.map((e) => e.type).sort()).toEqual(['conversation.resolved', 'ticket.created']);
  const resolved = events.find((e) => e.type === 'conversation.resolved')?.data as { conversation: Conversation };
  expect(resolved.conversation).toMatchObject({ id: conversationId, status: 'resolved' });
});
