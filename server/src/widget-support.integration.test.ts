/** Server features the widget relies on: public config, pre-chat department, rating, transcript. */
import type { PublicSiteConfig, SiteAvailability } from '@parley/shared';
import { addAgent } from './test-support/agents';
import { connectAgent, connectVisitor, eventMatching, login, unwrap } from './test-support/clients';
import { startTestServer, type TestServer } from './test-support/test-server';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.stop());

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

test('the site\'s languages: the config offers them; a default the site does not offer is refused', async () => {
  const admin = await login(server.url, server.admin.email, server.admin.password);
  const patch = (body: unknown) =>
    fetch(`${server.url}/api/admin/site/settings`, {
      method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` }, body: JSON.stringify(body),
    });
  const configFor = async (acceptLanguage: string) =>
    (await (await fetch(`${server.url}/api/widget/config?site=${server.site.key}`, { headers: { 'accept-language': acceptLanguage } })).json()) as PublicSiteConfig;
  const config = async () => (await configFor('en')).languages;
  expect(await config()).toEqual({ offered: ['en', 'es', 'ru', 'be', 'uk', 'de', 'fr', 'pt', 'zh', 'ar'], default: 'en' });

  expect((await configFor('ru-RU,ru;q=0.9,en;q=0.8')).locale).toBe('ru');

  expect((await patch({ languages: { offered: ['de', 'fr'], default: 'fr' } })).status).toBe(200);
  expect(await config()).toEqual({ offered: ['de', 'fr'], default: 'fr' });
  // The panel's language: the browser's first the site offers, else the site's default.
  expect((await configFor('ru-RU,ru;q=0.9,de;q=0.8,fr;q=0.7')).locale).toBe('de');
  expect((await configFor('ru-RU,en;q=0.8')).locale).toBe('fr');

  // Half a pair is judged with the stored half: English is not offered, so it cannot be the default.
  const refused = await patch({ languages: { default: 'en' } });
  expect(refused.status).toBe(400);
  expect(await refused.json()).toMatchObject({
    error: { code: 'VALIDATION_FAILED', issues: [{ path: 'languages.default', message: 'must be one of the offered languages' }] },
  });
  // Dropping the default from the offered languages is refused the same way; Japanese is not Parley's.
  expect((await patch({ languages: { offered: ['de'] } })).status).toBe(400);
  expect((await patch({ languages: { offered: ['de', 'ja'] } })).status).toBe(400);
  expect(await config()).toEqual({ offered: ['de', 'fr'], default: 'fr' });

  expect((await patch({ languages: { offered: ['de'], default: 'de' } })).status).toBe(200);
  // Other settings stay as they were.
  expect((await patch({ routingMode: 'pick' })).status).toBe(200);
  expect(await config()).toEqual({ offered: ['de'], default: 'de' });
});

test('a department chosen in the pre-chat form routes the conversation; an unknown one is refused', async () => {
  const support = await server.store.createDepartment({ siteId: server.site.id, name: 'Support' });
  const { socket: visitor } = await connectVisitor(server.url, { siteKey: server.site.key });
  server.track(visitor);
  const bad = await visitor.emitWithAck('message:send', { clientId: 'dept-msg-0001', text: 'hi', departmentId: 'unknown-dept-id' });
  expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  const sent = unwrap(await visitor.emitWithAck('message:send', { clientId: 'dept-msg-0002', text: 'hi', departmentId: support.id }));
  expect((await server.store.findConversation(sent.conversationId))?.departmentId).toBe(support.id);
});

test('the visitor rates an ended chat, and asks for the transcript by e-mail', async () => {
  const agent = await connectAgent(server.url, (await login(server.url, server.admin.email, server.admin.password)).token);
  const { socket: visitor } = await connectVisitor(server.url, { siteKey: server.site.key, locale: 'be' });
  server.track(agent, visitor);
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
  // A visitor who gave no name is "you" in the e-mail's own language, not in English.
  expect(String(mail?.data.transcript)).toMatch(/UTC\] Вы: Прывітанне$/m);
  // A chat that is no ticket's starts no ticket's e-mail thread.
  expect(mail?.data).not.toHaveProperty('ticketId');
  // It names its chat, so that retention purging the chat takes the e-mail too.
  expect(mail?.data.conversationId).toBe(conversationId);
});

test('a visitor cannot use transcripts to mail anyone at will: three an hour per visitor, and per recipient whoever asks', async () => {
  const spammer = await connectVisitor(server.url, { siteKey: server.site.key });
  const helper = await connectVisitor(server.url, { siteKey: server.site.key });
  server.track(spammer.socket, helper.socket);
  unwrap(await spammer.socket.emitWithAck('message:send', { clientId: 'spam-msg-0001', text: 'Cheap pills at https://phish.example' }));
  unwrap(await helper.socket.emitWithAck('message:send', { clientId: 'spam-msg-0002', text: 'Cheap pills again' }));
  const transcripts = () => server.mailer.sent.filter((m) => m.template === 'chat_transcript' && m.to.endsWith('@victims.example')).length;
  for (const n of [1, 2, 3]) unwrap(await spammer.socket.emitWithAck('conversation:transcript', { email: `v${n}@victims.example` }));
  expect(await spammer.socket.emitWithAck('conversation:transcript', { email: 'v4@victims.example' })).toMatchObject({
    ok: false, error: { code: 'RATE_LIMITED' },
  });
  // Another visitor (a new tab with no token, a script) mailing one recipient over and over is stopped too.
  for (const _time of [1, 2]) unwrap(await helper.socket.emitWithAck('conversation:transcript', { email: 'v1@victims.example' }));
  expect(await helper.socket.emitWithAck('conversation:transcript', { email: 'V1@victims.example' })).toMatchObject({
    ok: false, error: { code: 'RATE_LIMITED' },
  });
  expect(transcripts()).toBe(5);
});

test('the transcript of a chat that became a ticket joins that ticket\'s e-mail thread', async () => {
  const agent = await connectAgent(server.url, (await login(server.url, server.admin.email, server.admin.password)).token);
  const { socket: visitor } = await connectVisitor(server.url, { siteKey: server.site.key, locale: 'ru' });
  server.track(agent, visitor);
  unwrap(await visitor.emitWithAck('visitor:identify', { name: 'Анна', email: 'anna@example.test' }));
  const { conversationId } = unwrap(await visitor.emitWithAck('message:send', { clientId: 'thread-msg-0001', text: 'Принтер не печатает' }));
  unwrap(await agent.emitWithAck('conversation:escalate', { conversationId }));
  const { ticketId } = (await server.store.findConversation(conversationId)) ?? {};
  expect(ticketId).toEqual(expect.any(String));

  unwrap(await visitor.emitWithAck('conversation:transcript', { email: 'anna@example.test' }));
  expect(server.mailer.sent.map((m) => [m.template, m.data.ticketId])).toEqual([['ticket_received', ticketId], ['chat_transcript', ticketId]]);
  // Under the ticket's subject, which Gmail and Outlook thread on.
  expect(server.mailer.sent[1]?.data).toMatchObject({ ticketNumber: 1001, subject: 'Принтер не печатает' });
});

test('a visitor looking at the offline form learns at once when an agent comes online, and when everyone is away', async () => {
  const { socket: visitor } = await connectVisitor(server.url, { siteKey: server.site.key });
  server.track(visitor);
  expect(unwrap(await visitor.emitWithAck('site:status', {}))).toEqual({ agentsOnline: false, openNow: true });

  const online = eventMatching<SiteAvailability>(visitor, 'site:availability', (a) => a.agentsOnline);
  const { socket: agent } = await addAgent(server, { name: 'Olga' });
  server.track(agent);
  expect(await online).toEqual({ agentsOnline: true, openNow: true });

  const away = eventMatching<SiteAvailability>(visitor, 'site:availability', (a) => !a.agentsOnline);
  unwrap(await agent.emitWithAck('agent:status', { status: 'away' }));
  expect(await away).toEqual({ agentsOnline: false, openNow: true });
});

test('e-mails follow the conversation\'s language: a returning visitor whose panel now speaks German gets German', async () => {
  const agent = await connectAgent(server.url, (await login(server.url, server.admin.email, server.admin.password)).token);
  const first = await connectVisitor(server.url, { siteKey: server.site.key, locale: 'ru' });
  first.socket.disconnect();
  // Back later: the site now offers German only, so the panel speaks German.
  const { socket: visitor } = await connectVisitor(server.url, { siteKey: server.site.key, visitorToken: first.session.visitorToken, locale: 'de' });
  server.track(agent, visitor);
  const { conversationId } = unwrap(await visitor.emitWithAck('message:send', { clientId: 'lang-msg-0001', text: 'Hallo' }));
  expect((await server.store.findConversation(conversationId))?.locale).toBe('de');
  unwrap(await agent.emitWithAck('message:send', { conversationId, clientId: 'lang-msg-0002', text: 'Guten Tag!' }));
  unwrap(await agent.emitWithAck('conversation:resolve', { conversationId }));
  unwrap(await visitor.emitWithAck('conversation:transcript', { email: 'me@example.test' }));
  expect(server.mailer.sent.find((m) => m.template === 'chat_transcript')).toMatchObject({ locale: 'de' });
});
