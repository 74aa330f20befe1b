/** Server features the widget relies on: public config, pre-chat department, rating, transcript. */
import type { PublicSiteConfig, SiteAvailability } from '@parley/shared';
import { addAgent } from './test-support/agents';
import { connectAgent, connectVisitor, eventMatching, login, unwrap } from './test-support/clients';
import { startTestServer, type TestServer } from './test-support/test-server';

let server: TestServer;
const sockets: { disconnect(): void }[] = [];
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.disconnect());
  await server.stop();
});

test('the public config carries looks, pre-chat form, contact card, departments and availability', async () => {
  const sales = await server.store.createDepartment({ siteId: server.site.id, name: 'Sales' });
  await server.store.updateSiteSettings(server.site.id, {
    widget: { position: 'bottom-left', color: '#0a7d4f', title: 'Tea help', greeting: 'Hi there', fontFamily: 'rounded', radius: 8, panelBackground: '#ffffff', panelText: '#111111' },
    contact: { phone: '+375 17 000 00 00', email: 'help@tea.example', hoursNote: 'Mon–Fri 9–18' },
    prechat: { name: 'required', email: 'optional', department: 'required' },
  });
  const response = await fetch(`${server.url}/api/widget/config?site=${server.site.key}`);
  expect(response.status).toBe(200);
  const config = (await response.json()) as PublicSiteConfig;
  expect(config).toMatchObject({
    name: 'My website', widget: { position: 'bottom-left', color: '#0a7d4f', greeting: 'Hi there' },
    contact: { phone: '+375 17 000 00 00' }, prechat: { department: 'required' },
    departments: [{ id: sales.id, name: 'Sales' }], agentsOnline: false, openNow: true,
  });
  expect(JSON.stringify(config)).not.toMatch(/sla|allowedOrigins|waitLimit/);

  expect((await fetch(`${server.url}/api/widget/config?site=nope-nope-nope`)).status).toBe(404);
  expect((await fetch(`${server.url}/api/widget/config`)).status).toBe(400);
});

test('a department chosen in the pre-chat form routes the conversation; an unknown one is refused', async () => {
  const support = await server.store.createDepartment({ siteId: server.site.id, name: 'Support' });
  const { socket: visitor } = await connectVisitor(server.url, { siteKey: server.site.key });
  sockets.push(visitor);
  const bad = await visitor.emitWithAck('message:send', { clientId: 'dept-msg-0001', text: 'hi', departmentId: 'unknown-dept-id' });
  expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  const sent = unwrap(await visitor.emitWithAck('message:send', { clientId: 'dept-msg-0002', text: 'hi', departmentId: support.id }));
  expect((await server.store.findConversation(sent.conversationId))?.departmentId).toBe(support.id);
});

test('the visitor rates an ended chat, and asks for the transcript by e-mail', async () => {
  const agent = await connectAgent(server.url, (await login(server.url, server.admin.email, server.admin.password)).token);
  const { socket: visitor } = await connectVisitor(server.url, { siteKey: server.site.key, locale: 'be' });
  sockets.push(agent, visitor);
  const { conversationId } = unwrap(await visitor.emitWithAck('message:send', { clientId: 'rate-msg-0001', text: 'Прывітанне' }));
  unwrap(await agent.emitWithAck('message:send', { conversationId, clientId: 'rate-msg-0002', text: 'Добры дзень!' }));

  const tooEarly = await visitor.emitWithAck('conversation:rate', { score: 5 });
  expect(tooEarly).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  unwrap(await agent.emitWithAck('conversation:resolve', { conversationId }));
  const rated = unwrap(await visitor.emitWithAck('conversation:rate', { score: 4, comment: 'Хутка' }));
  expect(rated).toMatchObject({ rating: 4, ratingComment: 'Хутка' });
  expect(await visitor.emitWithAck('conversation:rate', { score: 9 })).toMatchObject({ ok: false });

  unwrap(await visitor.emitWithAck('conversation:transcript', { email: 'me@example.test' }));
  const mail = server.mailer.sent.find((m) => m.template === 'chat_transcript');
  expect(mail).toMatchObject({ to: 'me@example.test', locale: 'be' });
  expect(String(mail?.data.transcript)).toContain('Добры дзень!');
});

test('a visitor looking at the offline form learns at once when an agent comes online, and when everyone is away', async () => {
  const { socket: visitor } = await connectVisitor(server.url, { siteKey: server.site.key });
  sockets.push(visitor);
  expect(unwrap(await visitor.emitWithAck('site:status', {}))).toEqual({ agentsOnline: false, openNow: true });

  const online = eventMatching<SiteAvailability>(visitor, 'site:availability', (a) => a.agentsOnline);
  const { socket: agent } = await addAgent(server, { name: 'Olga' });
  sockets.push(agent);
  expect(await online).toEqual({ agentsOnline: true, openNow: true });

  const away = eventMatching<SiteAvailability>(visitor, 'site:availability', (a) => !a.agentsOnline);
  unwrap(await agent.emitWithAck('agent:status', { status: 'away' }));
  expect(await away).toEqual({ agentsOnline: false, openNow: true });
});
