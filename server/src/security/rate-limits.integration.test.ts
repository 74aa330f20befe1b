/**
 * Rate limits as a visitor and an agent meet them: per visitor and per address for messages and
 * new conversations, per address for new visitors, a sign-in lockout after ten failures; answered
 * RATE_LIMITED with a clear wait, on a socket that stays open; counted in the store, so two server
 * processes on one store share the counts.
 */
import { VISITOR_NAMESPACE } from '@parley/shared';
import { io } from 'socket.io-client';
import { connectVisitor, type VisitorClient } from '../test-support/clients';
import { startTestServer, type TestServer } from '../test-support/test-server';

// Every sign-in costs a deliberately slow scrypt: give these tests room on a busy machine.
jest.setTimeout(60_000);

let server: TestServer;
const open: VisitorClient[] = [];
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  open.splice(0).forEach((socket) => socket.disconnect());
  await server.stop();
});

/** A visitor behind the test's loopback "proxy", seen as coming from `address`. */
async function visitorFrom(address: string, url = server.url): Promise<VisitorClient> {
  const socket: VisitorClient = io(`${url}${VISITOR_NAMESPACE}`, {
    auth: { siteKey: server.site.key }, transports: ['websocket'], forceNew: true, reconnection: false,
    extraHeaders: { 'x-forwarded-for': address },
  });
  open.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('session:ready', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

let counter = 0;
const send = (socket: VisitorClient, text = 'hello') =>
  socket.emitWithAck('message:send', { clientId: `rate-${Date.now()}-${(counter += 1)}`, text });

test('a visitor may send 30 messages a minute; the 31st is answered RATE_LIMITED and the socket stays open', async () => {
  const visitor = await visitorFrom('198.51.100.10');
  for (let i = 0; i < 30; i += 1) expect((await send(visitor)).ok).toBe(true);
  const refused = await send(visitor);
  expect(refused).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: expect.stringMatching(/too fast\. Try again in \d+ seconds\./) } });
  // The wait in numbers as well, the same as in words: the widget holds the messages that long and says so.
  const error = refused.ok ? null : refused.error;
  const inWords = Number(/in (\d+) seconds/.exec(error?.message ?? '')?.[1]);
  expect(error?.retryAfterSeconds).toBe(inWords);
  expect(inWords).toBeGreaterThan(0);
  expect(inWords).toBeLessThanOrEqual(60);
  expect(visitor.connected).toBe(true);
  // Other requests on the same socket still work, and another visitor is not affected.
  expect((await visitor.emitWithAck('site:status', {})).ok).toBe(true);
  expect((await send(await visitorFrom('198.51.100.11'))).ok).toBe(true);
});

test('a resend of a stored message is answered with it even at the limit; a new message is not', async () => {
  const visitor = await visitorFrom('198.51.100.12');
  const first = { clientId: 'resend-me-0001', text: 'first' };
  const stored = await visitor.emitWithAck('message:send', first);
  for (let i = 0; i < 29; i += 1) await send(visitor);
  expect(await send(visitor)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  expect(await visitor.emitWithAck('message:send', first)).toEqual(stored);
});

test('the message limits are configuration: with 3 a visitor a minute, the 4th message waits', async () => {
  await server.stop();
  server = await startTestServer({ messageLimits: { perVisitorPerMinute: 3, perAddressPerMinute: 120 } });
  const visitor = await visitorFrom('198.51.100.40');
  for (let i = 0; i < 3; i += 1) expect((await send(visitor)).ok).toBe(true);
  expect(await send(visitor)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
});

test('one address may open 30 conversations in ten minutes, across visitors', async () => {
  for (let i = 0; i < 30; i += 1) expect((await send(await visitorFrom('203.0.113.5'))).ok).toBe(true);
  const thirtyFirst = await send(await visitorFrom('203.0.113.5'));
  expect(thirtyFirst).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: expect.stringContaining('Too many new conversations') } });
  // A message into an open conversation is not a new conversation.
  expect((await send(open[0] as VisitorClient)).ok).toBe(true);
  expect((await send(await visitorFrom('203.0.113.6'))).ok).toBe(true);
});

test('one visitor may open 5 conversations in ten minutes; the offline form counts as one', async () => {
  const visitor = await visitorFrom('198.51.100.20');
  for (let i = 0; i < 4; i += 1) {
    expect((await send(visitor)).ok).toBe(true);
    expect((await visitor.emitWithAck('conversation:end', {})).ok).toBe(true);
  }
  expect((await visitor.emitWithAck('ticket:create', { email: 'v@example.test', message: 'offline' })).ok).toBe(true);
  expect(await send(visitor)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  expect(await visitor.emitWithAck('ticket:create', { email: 'v@example.test', message: 'again' })).toMatchObject({
    ok: false, error: { code: 'RATE_LIMITED' },
  });
});

test('one address may create 60 visitors in ten minutes; the 61st handshake is refused RATE_LIMITED', async () => {
  for (let i = 0; i < 60; i += 1) await visitorFrom('192.0.2.44');
  await expect(visitorFrom('192.0.2.44')).rejects.toMatchObject({ data: { code: 'RATE_LIMITED' } });
  // A returning visitor (known token) is not a new one.
  const { socket } = await connectVisitor(server.url, { siteKey: server.site.key });
  open.push(socket);
});

describe('agent sign-in', () => {
  const attempt = (password: string, address = '198.51.100.77') =>
    fetch(`${server.url}/api/agent/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ email: server.admin.email, password }),
    });

  test('ten failures lock that account from that address for 15 minutes, even for the right password; the wait is given in numbers too', async () => {
    for (let i = 0; i < 10; i += 1) expect((await attempt('wrong password')).status).toBe(401);
    const locked = await attempt(server.admin.password);
    expect(locked.status).toBe(429);
    const { error } = (await locked.json()) as { error: { retryAfterSeconds: number } };
    expect(error).toEqual({
      code: 'RATE_LIMITED',
      message: 'Too many failed sign-ins. Try again in 15 minutes.',
      retryAfterSeconds: expect.any(Number),
    });
    // The console says "try again in 15 minutes" in the agent's language; HTTP clients read Retry-After.
    expect(error.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    expect(locked.headers.get('retry-after')).toBe(String(error.retryAfterSeconds));
    // Someone else's failures do not lock the admin out of their own address.
    expect((await attempt(server.admin.password, '198.51.100.78')).status).toBe(200);
  });

  test('a success clears the failures of that account and address', async () => {
    for (let i = 0; i < 9; i += 1) await attempt('wrong password');
    expect((await attempt(server.admin.password)).status).toBe(200);
    for (let i = 0; i < 9; i += 1) expect((await attempt('wrong password')).status).toBe(401);
    expect((await attempt(server.admin.password)).status).toBe(200);
  });

  test('thirty failures from one address over many accounts lock that address', async () => {
    for (let i = 0; i < 30; i += 1) {
      const response = await fetch(`${server.url}/api/agent/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.99' },
        body: JSON.stringify({ email: `guess${i}@example.test`, password: 'wrong password' }),
      });
      expect(response.status).toBe(401);
    }
    expect((await attempt(server.admin.password, '203.0.113.99')).status).toBe(429);
  });
});

test('two server processes on one store share the counts', async () => {
  const second = await startTestServer({ dataDir: server.dataDir });
  try {
    const onFirst = await visitorFrom('198.51.100.30');
    for (let i = 0; i < 20; i += 1) expect((await send(onFirst)).ok).toBe(true);
    onFirst.disconnect();
    const { socket: onSecond } = await connectVisitor(second.url, { siteKey: server.site.key });
    open.push(onSecond);
    // The same address on the other process: its 120-per-minute budget is already down by what the
    // first process counted, its 20 messages reserved 12 at a time: 24 (rate-reservations.ts).
    const sameAddress: VisitorClient[] = [];
    for (let i = 0; i < 4; i += 1) sameAddress.push(await visitorFrom('198.51.100.30', second.url));
    let accepted = 0;
    for (const socket of sameAddress) {
      for (let i = 0; i < 30; i += 1) if ((await send(socket)).ok) accepted += 1;
    }
    expect(accepted).toBe(120 - 24);
  } finally {
    await second.stop();
  }
});
