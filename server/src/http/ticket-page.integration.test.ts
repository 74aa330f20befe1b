/** The requester's ticket page: whose words each entry of the thread holds. */
import type { Ticket } from '@parley/shared';
import { connectAgent, connectVisitor, login, unwrap, type AgentClient } from '../test-support/clients';
import { callApi, createApiToken } from '../test-support/platform-api';
import { startTestServer, type TestServer } from '../test-support/test-server';

let server: TestServer;
let admin: AgentClient;

beforeEach(async () => {
  server = await startTestServer();
  admin = await connectAgent(server.url, (await login(server.url, server.admin.email, server.admin.password)).token);
  server.track(admin);
});
afterEach(() => server.stop());

/** The page's thread entries as "heading | text" lines, markup left out. */
async function threadOf(link: string): Promise<string[]> {
  const html = await (await fetch(`${server.url}${new URL(link).pathname}`)).text();
  return [...html.matchAll(/<li class="event (\w+)"[^>]*>\s*<div class="meta"><strong>([^<]*)<\/strong>[\s\S]*?(?:<div class="text">([^<]*)<\/div>)?\s*<\/li>/g)].map(
    ([, side, who, text]) => `${side} ${who} | ${text ?? ''}`,
  );
}

test("an escalated chat opens the requester's thread as their chat with the team, not as a message from the escalating agent", async () => {
  const { socket: vera } = await connectVisitor(server.url, { siteKey: server.site.key, locale: 'de-DE' });
  server.track(vera);
  unwrap(await vera.emitWithAck('visitor:identify', { name: 'Vera', email: 'vera@example.test' }));
  const { conversationId } = unwrap(await vera.emitWithAck('message:send', { clientId: 'vera-first', text: 'Meine Rechnung ist falsch' }));
  const ticket: Ticket = unwrap(await admin.emitWithAck('conversation:escalate', { conversationId }));
  unwrap(await admin.emitWithAck('ticket:reply', { ticketId: ticket.id, reply: { text: 'Wir prüfen das.' } }));

  const link = String(server.mailer.sent.find((m) => m.template === 'ticket_received')?.data.link);
  const thread = await threadOf(link);
  expect(thread).toHaveLength(2);
  // The transcript holds both sides' words: headed as the chat, in the requester's language.
  expect(thread[0]).toMatch(/^chat Ihr Chat mit uns \| \[\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\] Vera: Meine Rechnung ist falsch$/);
  expect(thread[1]).toBe('team Admin | Wir prüfen das.');
});

test("the offline form's request is the requester's own words", async () => {
  const { socket: visitor } = await connectVisitor(server.url, { siteKey: server.site.key, locale: 'en' });
  server.track(visitor);
  unwrap(await visitor.emitWithAck('ticket:create', { name: 'Lee', email: 'lee@example.test', message: 'Do you ship to Iceland?' }));
  const link = String(server.mailer.sent.find((m) => m.template === 'ticket_received')?.data.link);
  expect(await threadOf(link)).toEqual(['mine You | Do you ship to Iceland?']);
  // Whose helpdesk it is, as the e-mail that links here says.
  const html = await (await fetch(`${server.url}${new URL(link).pathname}`)).text();
  expect(html).toContain(`<p class="site" data-testid="ticket-site">${server.site.name}</p>`);
  expect(html).toMatch(new RegExp(`<title>Request #\\d+ · ${server.site.name}</title>`));
});

test('a request written down through the REST API is headed as the requester\'s own, not the token\'s admin', async () => {
  const { token } = await createApiToken(server, { adminToken: (await login(server.url, server.admin.email, server.admin.password)).token, scope: 'read-write' });
  const created = await callApi(server, '/v1/tickets', {
    method: 'POST', token,
    body: { subject: 'Order #55 not arrived', text: 'My order has not arrived yet.', requesterName: 'Jane Doe', requesterEmail: 'jane@example.test', requesterLocale: 'en' },
  });
  expect(created.status).toBe(201);
  const link = String(server.mailer.sent.find((m) => m.template === 'ticket_received')?.data.link);
  expect(await threadOf(link)).toEqual(['mine You | My order has not arrived yet.']);
});

test('a solved request asks for a rating once, as the star group\'s own heading', async () => {
  const { socket: visitor } = await connectVisitor(server.url, { siteKey: server.site.key, locale: 'en' });
  server.track(visitor);
  unwrap(await visitor.emitWithAck('ticket:create', { email: 'rate@example.test', message: 'Where is my parcel?' }));
  const ticket = unwrap(await admin.emitWithAck('ticket:search', {})).tickets[0] as Ticket;
  unwrap(await admin.emitWithAck('ticket:update', { ticketId: ticket.id, update: { status: 'solved' } }));
  const link = String(server.mailer.sent.find((m) => m.template === 'ticket_received')?.data.link);
  const html = await (await fetch(`${server.url}${new URL(link).pathname}`)).text();
  expect(html.split('How did we do?')).toHaveLength(2);
  expect(html).toMatch(/<fieldset class="stars"><legend><h2>How did we do\?<\/h2><\/legend>/);
});
