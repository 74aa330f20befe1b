/** The agent workspace over real sockets and REST: visitor context, canned replies, reopen, invite, team admin. */
import type { Agent, VisitorProfile } from '@parley/shared';
import { addAgent } from './test-support/agents';
import { connectAgent, connectVisitor, eventMatching, login, unwrap, apiRequest } from './test-support/clients';
import { startTestServer, type TestServer } from './test-support/test-server';

let server: TestServer;
let adminToken: string;

beforeEach(async () => {
  server = await startTestServer();
  adminToken = (await login(server.url, server.admin.email, server.admin.password)).token;
});
afterEach(() => server.stop());

const api = (path: string, init: { method?: string; body?: unknown; token?: string } = {}) =>
  apiRequest(server.url, path, { ...init, token: init.token ?? adminToken });

test('agents see where the visitor is, who they say they are, their browser and earlier chats', async () => {
  const admin = await connectAgent(server.url, adminToken);
  server.track(admin);
  const { socket: visitor, session } = await connectVisitor(server.url, { siteKey: server.site.key, locale: 'de-DE' });
  server.track(visitor);
  const moved = eventMatching<VisitorProfile>(admin, 'visitor:updated', (v) => v.pageUrl === 'https://shop.example/cart');
  visitor.emit('visitor:context', { pageUrl: 'https://shop.example/cart', pageTitle: 'Cart', referrer: 'https://search.example/?q=tea' });
  await moved;
  unwrap(await visitor.emitWithAck('visitor:identify', { name: 'Greta', email: 'Greta@Example.test' }));
  const first = unwrap(await visitor.emitWithAck('message:send', { clientId: 'ctx-msg-0001', text: 'Hallo' }));

  const profile = unwrap(await admin.emitWithAck('visitor:profile', { visitorId: session.visitorId }));
  expect(profile.visitor).toMatchObject({
    name: 'Greta', email: 'greta@example.test', locale: 'de-DE', pageUrl: 'https://shop.example/cart',
    pageTitle: 'Cart', referrer: 'https://search.example/?q=tea',
  });
  expect(profile.visitor.visitStartedAt).toBeTruthy();
  expect(profile.conversations.map((c) => c.id)).toEqual([first.conversationId]);
  expect(profile.conversations[0]?.visitorName).toBe('Greta');
  unwrap(await visitor.emitWithAck('ticket:create', { email: 'greta@example.test', message: 'Rechnung bitte' }));
  const withTicket = unwrap(await admin.emitWithAck('visitor:profile', { visitorId: session.visitorId }));
  expect(withTicket.tickets.map((t) => t.subject)).toEqual(['Rechnung bitte']);

  const bad = await admin.emitWithAck('visitor:profile', { visitorId: 'nope-nope-nope' });
  expect(bad).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});

test('a page calling replaceState in a loop reaches agents once a second, the latest page winning, not two hundred times', async () => {
  const admin = await connectAgent(server.url, adminToken);
  const { socket: visitor, session } = await connectVisitor(server.url, { siteKey: server.site.key });
  server.track(admin, visitor);
  const updates: string[] = [];
  admin.on('visitor:updated', (v: VisitorProfile) => v.id === session.visitorId && v.pageUrl && updates.push(v.pageUrl));
  const last = eventMatching<VisitorProfile>(admin, 'visitor:updated', (v) => v.pageUrl === 'https://shop.example/list?page=200');
  for (let n = 1; n <= 200; n++) visitor.emit('visitor:context', { pageUrl: `https://shop.example/list?page=${n}`, pageTitle: 'List', referrer: '' });
  await last;
  expect(updates).toEqual(['https://shop.example/list?page=1', 'https://shop.example/list?page=200']);
  // The same page again changes nothing and tells no one.
  visitor.emit('visitor:context', { pageUrl: 'https://shop.example/list?page=200', pageTitle: 'List', referrer: '' });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(updates).toHaveLength(2);
});

test('a javascript: page URL is refused and changes nothing', async () => {
  const admin = await connectAgent(server.url, adminToken);
  const { socket: visitor, session } = await connectVisitor(server.url, { siteKey: server.site.key });
  server.track(admin, visitor);
  visitor.emit('visitor:context', { pageUrl: 'javascript:alert(1)', pageTitle: 'x', referrer: '' });
  unwrap(await visitor.emitWithAck('message:send', { clientId: 'ctx-msg-0002', text: 'hi' }));
  const profile = unwrap(await admin.emitWithAck('visitor:profile', { visitorId: session.visitorId }));
  expect(profile.visitor.pageUrl).toBeNull();
});

test('canned replies: shared ones by admins, personal ones by anyone, unique shortcuts per scope', async () => {
  const admin = await connectAgent(server.url, adminToken);
  const helper = await addAgent(server, { name: 'Helper' });
  server.track(admin, helper.socket);
  unwrap(await admin.emitWithAck('canned:save', { shortcut: 'hello', text: 'Hello! How can I help you today?' }));
  const duplicate = await admin.emitWithAck('canned:save', { shortcut: 'hello', text: 'again' });
  expect(duplicate).toMatchObject({ ok: false, error: { code: 'ALREADY_TAKEN', issues: [{ path: 'shortcut' }] } });

  const notAllowed = await helper.socket.emitWithAck('canned:save', { shortcut: 'bye', text: 'Bye!' });
  expect(notAllowed).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  unwrap(await helper.socket.emitWithAck('canned:save', { shortcut: 'hello', text: 'Hi, Helper here.', personal: true }));

  const helperSees = unwrap(await helper.socket.emitWithAck('canned:list', {}));
  expect(helperSees.map((r) => r.text).sort()).toEqual(['Hello! How can I help you today?', 'Hi, Helper here.']);
  const adminSees = unwrap(await admin.emitWithAck('canned:list', {}));
  expect(adminSees.map((r) => r.text)).toEqual(['Hello! How can I help you today?']);
});

test('a resolved chat can be reopened, and an invited agent may write in it', async () => {
  const admin = await connectAgent(server.url, adminToken);
  const helper = await addAgent(server, { name: 'Helper' });
  server.track(admin, helper.socket);
  await helper.socket.emitWithAck('agent:status', { status: 'away' });
  const { socket: visitor } = await connectVisitor(server.url, { siteKey: server.site.key });
  server.track(visitor);
  const { conversationId } = unwrap(await visitor.emitWithAck('message:send', { clientId: 'inv-msg-0001', text: 'help' }));

  const outsider = await helper.socket.emitWithAck('message:send', { conversationId, clientId: 'inv-msg-0002', text: 'me?' });
  expect(outsider).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  unwrap(await admin.emitWithAck('conversation:invite', { conversationId, agentId: helper.agent.id }));
  unwrap(await helper.socket.emitWithAck('message:send', { conversationId, clientId: 'inv-msg-0003', text: 'Helper here' }));

  unwrap(await admin.emitWithAck('conversation:resolve', { conversationId }));
  const reopened = unwrap(await admin.emitWithAck('conversation:reopen', { conversationId }));
  expect(reopened.status).not.toBe('resolved');
  const again = await admin.emitWithAck('conversation:reopen', { conversationId });
  expect(again).toMatchObject({ ok: false });
});

test('admins create agents and departments; agents may not; bad bodies get 400', async () => {
  const colleague = await addAgent(server, { name: 'Colleague' });
  server.track(colleague.socket);
  const heard = eventMatching<Agent>(colleague.socket, 'agent:updated', (agent) => agent.email === 'new@example.test');
  const created = await api('/admin/agents', {
    method: 'POST', body: { email: 'new@example.test', name: 'New Agent', password: 'a long password', role: 'agent', languages: ['es'], maxChats: 3 },
  });
  expect(created.status).toBe(201);
  const { agent } = (await created.json()) as { agent: Agent };
  expect(agent).toMatchObject({ languages: ['es'], maxChats: 3, role: 'agent' });
  // A colleague's open console hears of the newcomer without reloading.
  expect(await heard).toEqual(agent);

  const duplicate = await api('/admin/agents', {
    method: 'POST', body: { email: 'new@example.test', name: 'Again', password: 'a long password', role: 'agent' },
  });
  expect(duplicate.status).toBe(400);
  const tooShort = await api('/admin/agents', { method: 'POST', body: { email: 'x@example.test', name: 'X', password: 'short', role: 'agent' } });
  expect(tooShort.status).toBe(400);

  const agentToken = (await login(server.url, 'new@example.test', 'a long password')).token;
  const forbidden = await api('/admin/departments', { method: 'POST', body: { name: 'Sales' }, token: agentToken });
  expect(forbidden.status).toBe(403);
  const sales = await api('/admin/departments', { method: 'POST', body: { name: 'Sales' } });
  expect(sales.status).toBe(201);
  const salesId = ((await sales.json()) as { department: { id: string } }).department.id;
  await api('/admin/departments', { method: 'POST', body: { name: 'Billing' } });
  const renamed = await api(`/admin/departments/${salesId}`, { method: 'PATCH', body: { name: 'Sales & offers' } });
  expect(await renamed.json()).toEqual({ department: { id: salesId, siteId: server.site.id, name: 'Sales & offers' } });
  expect((await api(`/admin/departments/${salesId}`, { method: 'PATCH', body: { name: 'Billing' } })).status).toBe(409);
  expect((await api('/admin/departments/dept-missing-01', { method: 'PATCH', body: { name: 'Ghost' } })).status).toBe(404);
  expect((await api(`/admin/departments/${salesId}`, { method: 'PATCH', body: { name: 'Sales' }, token: agentToken })).status).toBe(403);
  const site = (await (await api('/admin/site')).json()) as { snippet: string };
  expect(site.snippet).toContain(`data-site="${server.site.key}"`);
});

test('deactivating an agent ends their sessions at once and hands their chats back', async () => {
  const leaving = await addAgent(server, { name: 'Leaving' });
  const { socket: visitor } = await connectVisitor(server.url, { siteKey: server.site.key });
  server.track(visitor);
  const { conversationId } = unwrap(await visitor.emitWithAck('message:send', { clientId: 'deac-msg-001', text: 'hi' }));
  expect((await server.store.findConversation(conversationId))?.assignedAgentId).toBe(leaving.agent.id);

  const disconnected = new Promise<string>((resolve) => leaving.socket.once('disconnect', resolve));
  const response = await api(`/admin/agents/${leaving.agent.id}`, { method: 'PATCH', body: { active: false } });
  expect(response.status).toBe(200);
  expect(await disconnected).toBe('io server disconnect');
  expect((await server.store.findConversation(conversationId))?.status).toBe('queued');
  await expect(login(server.url, leaving.agent.email, 'test agent password')).rejects.toThrow(/401/);

  const self = await api(`/admin/agents/${(await server.store.findAgentWithSecretByEmail(server.admin.email))?.id}`, {
    method: 'PATCH', body: { active: false },
  });
  expect(self.status).toBe(403);
});

test('patching one site setting keeps every other stored setting', async () => {
  const first = await api('/admin/site/settings', { method: 'PATCH', body: { waitLimitSeconds: 600, widget: { color: '#0a7d4f', greeting: 'Hej' } } });
  expect(first.status).toBe(200);
  const second = await api('/admin/site/settings', { method: 'PATCH', body: { routingMode: 'pick', widget: { title: 'Help' } } });
  const { site } = (await second.json()) as { site: { settings: Record<string, unknown> & { widget: Record<string, unknown> } } };
  expect(site.settings).toMatchObject({ routingMode: 'pick', waitLimitSeconds: 600 });
  expect(site.settings.widget).toMatchObject({ color: '#0a7d4f', greeting: 'Hej', title: 'Help' });
  const bad = await api('/admin/site/settings', { method: 'PATCH', body: { widget: { color: 'green' } } });
  expect(bad.status).toBe(400);
});
