/**
 * Identity verification end to end: an admin reads the site's identity secret, the site's backend
 * signs `${userId}:${timestamp}`, the visitor presents it, and Parley marks the visitor verified;
 * bad, stale or foreign signatures are refused, and unsigned identifies never change a verified one.
 */
import type { VisitorProfile } from '@parley/shared';
import { hashPassword } from '../domain/password';
import { connectAgent, connectVisitor, login, unwrap, type VisitorClient } from '../test-support/clients';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { signIdentity } from './identity-signature';

let server: TestServer;
let adminToken: string;
let secret: string;
const sockets: VisitorClient[] = [];

const nowSeconds = () => Math.floor(Date.now() / 1000);
const siteResponse = async (token: string) =>
  (await (await fetch(`${server.url}/api/admin/site`, { headers: { authorization: `Bearer ${token}` } })).json()) as Record<string, unknown>;

async function visitor(): Promise<{ socket: VisitorClient; visitorId: string }> {
  const { socket, session } = await connectVisitor(server.url, { siteKey: server.site.key });
  sockets.push(socket);
  return { socket, visitorId: session.visitorId };
}
const signed = (userId: string, extra: { name?: string; email?: string } = {}, timestamp = nowSeconds(), key = secret) => ({
  userId, ...extra, timestamp, signature: signIdentity(key, userId, timestamp),
});

beforeAll(async () => {
  server = await startTestServer();
  adminToken = (await login(server.url, server.admin.email, server.admin.password)).token;
  secret = String((await siteResponse(adminToken)).identitySecret);
});
afterAll(async () => {
  sockets.forEach((socket) => socket.disconnect());
  await server.stop();
});

test("admins see the site's identity secret, the same on every read; plain agents do not see it", async () => {
  expect(secret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  expect((await siteResponse(adminToken)).identitySecret).toBe(secret);
  const email = 'plain.agent@identity.test';
  await server.store.createAgent({ siteId: server.site.id, email, name: 'Plain', role: 'agent', passwordHash: await hashPassword('plain agent password') });
  const plain = await siteResponse((await login(server.url, email, 'plain agent password')).token);
  expect(plain).toHaveProperty('site');
  expect(JSON.stringify(plain)).not.toContain(secret);
});

test('a correctly signed identify marks the visitor verified with the user id, name and e-mail; agents see it', async () => {
  const { socket, visitorId } = await visitor();
  const session = unwrap(await socket.emitWithAck('visitor:identify', signed('user-1001', { name: 'Vera', email: 'vera@example.test' })));
  expect(session).toMatchObject({ visitorId, name: 'Vera' });
  expect(await server.store.findVisitorById(visitorId)).toMatchObject({ verified: true, userId: 'user-1001', email: 'vera@example.test' });
  const agent = await connectAgent(server.url, adminToken);
  const { visitor: profile } = unwrap(await agent.emitWithAck('visitor:profile', { visitorId })) as { visitor: VisitorProfile };
  agent.disconnect();
  expect(profile).toMatchObject({ verified: true, userId: 'user-1001' });
});

test.each([
  ['a wrong signature', () => ({ ...signed('user-2002'), signature: 'a'.repeat(64) }), 'does not match'],
  ['another site’s key', () => signed('user-2002', {}, nowSeconds(), 'not-this-sites-secret'), 'does not match'],
  ['a signature for another user', () => ({ ...signed('user-9999'), userId: 'user-2002' }), 'does not match'],
  ['a stale signature', () => signed('user-2002', {}, nowSeconds() - 11 * 60), 'expired'],
  ['a signature dated ahead', () => signed('user-2002', {}, nowSeconds() + 10 * 60), 'in the future'],
])('%s is refused FORBIDDEN, clearly, and the visitor stays unverified', async (_label, identity, words) => {
  const { socket, visitorId } = await visitor();
  const answer = await socket.emitWithAck('visitor:identify', identity());
  expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining(words) } });
  expect(socket.connected).toBe(true);
  expect(await server.store.findVisitorById(visitorId)).toMatchObject({ verified: false, userId: null });
});

test('a malformed signed identify (no signature, or not hex) is VALIDATION_FAILED', async () => {
  const { socket } = await visitor();
  const { signature: _omitted, ...unsignedWithUser } = signed('user-3003');
  expect(await socket.emitWithAck('visitor:identify', unsignedWithUser as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  expect(await socket.emitWithAck('visitor:identify', { ...signed('user-3003'), signature: 'Z'.repeat(64) })).toMatchObject({
    ok: false, error: { code: 'VALIDATION_FAILED' },
  });
});

test('an unsigned identify never changes a verified visitor', async () => {
  const { socket, visitorId } = await visitor();
  unwrap(await socket.emitWithAck('visitor:identify', signed('user-4004', { email: 'owner@example.test' })));
  const refused = await socket.emitWithAck('visitor:identify', { name: 'Impostor', email: 'impostor@example.test' });
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('signed identify') } });
  expect(await server.store.findVisitorById(visitorId)).toMatchObject({ verified: true, email: 'owner@example.test', name: null });
});

test('a visitor verified as one user cannot be re-signed as another; the same user may sign again', async () => {
  const { socket, visitorId } = await visitor();
  unwrap(await socket.emitWithAck('visitor:identify', signed('user-5005')));
  expect(await socket.emitWithAck('visitor:identify', signed('user-6006'))).toMatchObject({
    ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('another user') },
  });
  unwrap(await socket.emitWithAck('visitor:identify', signed('user-5005', { name: 'Same User' })));
  expect(await server.store.findVisitorById(visitorId)).toMatchObject({ userId: 'user-5005', name: 'Same User' });
});

test("an unsigned visitor giving a verified visitor's e-mail stays a separate, unverified visitor", async () => {
  const owner = await visitor();
  unwrap(await owner.socket.emitWithAck('visitor:identify', signed('user-7007', { email: 'shared@example.test' })));
  const claimant = await visitor();
  unwrap(await claimant.socket.emitWithAck('visitor:identify', { email: 'shared@example.test', name: 'Claimant' }));
  expect(await server.store.findVisitorById(claimant.visitorId)).toMatchObject({ verified: false, userId: null });
  expect(await server.store.findVisitorById(owner.visitorId)).toMatchObject({ verified: true, userId: 'user-7007', name: null });
});
