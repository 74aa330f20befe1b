/** Tickets end to end on the server: escalation triggers, one ticket per chat, e-mails, the public page, SLA, search. */
import { ATTACHMENT_HEADERS, type AttachmentUploadResponse, type Conversation, type Ticket } from '@parley/shared';
import { addAgent } from './test-support/agents';
import { PNG_1x1 } from './test-support/attachment-fixtures';
import { connectAgent, connectVisitor, eventMatching, login, unwrap, type AgentClient, type VisitorClient } from './test-support/clients';
import { startTestServer, type TestServer } from './test-support/test-server';

let server: TestServer;
let clockOffsetMs = 0;
let admin: AgentClient;

beforeEach(async () => {
  clockOffsetMs = 0;
  server = await startTestServer({ now: () => new Date(Date.now() + clockOffsetMs) });
  admin = await connectAgent(server.url, (await login(server.url, server.admin.email, server.admin.password)).token);
  server.track(admin);
});
afterEach(() => server.stop());

async function visitor(identity?: { name: string; email: string }, locale = 'ru-RU'): Promise<VisitorClient> {
  const { socket } = await connectVisitor(server.url, { siteKey: server.site.key, locale });
  server.track(socket);
  if (identity) unwrap(await socket.emitWithAck('visitor:identify', identity));
  return socket;
}

const say = async (socket: VisitorClient, text: string) =>
  unwrap(await socket.emitWithAck('message:send', { clientId: `m-${Math.random().toString(36).slice(2, 12)}`, text }));

async function offlineAdmin() {
  unwrap(await admin.emitWithAck('agent:status', { status: 'away' }));
}

test('a chat nobody picks up in time becomes ticket #1001 with its transcript, and the visitor is e-mailed in Russian', async () => {
  await offlineAdmin();
  const anna = await visitor({ name: 'Анна', email: 'anna@example.test' });
  const first = await say(anna, 'Не могу оплатить заказ');
  await say(anna, 'Карта отклоняется');
  const linked = eventMatching<Conversation>(anna, 'conversation:updated', (c) => c.ticketId !== null);

  clockOffsetMs = 301_000;
  expect(await server.app.escalation.escalateLongWaits()).toBe(1);
  const conversation = await linked;
  expect(conversation.status).toBe('resolved');

  const { tickets } = unwrap(await admin.emitWithAck('ticket:search', {}));
  expect(tickets).toHaveLength(1);
  const ticket = tickets[0] as Ticket;
  expect(ticket).toMatchObject({
    number: 1001, status: 'new', source: 'chat_timeout', subject: 'Не могу оплатить заказ',
    requesterEmail: 'anna@example.test', requesterLocale: 'ru', conversationId: first.conversationId, tier: 1, priority: 'normal',
  });
  const { events } = unwrap(await admin.emitWithAck('ticket:open', { ticketId: ticket.id }));
  expect(events[0]?.text).toContain('Анна: Карта отклоняется');
  expect(events[0]?.text).toMatch(/^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\] Анна: Не могу оплатить заказ$/m);
  expect(server.mailer.sent).toEqual([
    expect.objectContaining({ to: 'anna@example.test', locale: 'ru', template: 'ticket_received', data: expect.objectContaining({ ticketNumber: 1001 }) }),
  ]);
  expect(String(server.mailer.sent[0]?.data.link)).toMatch(new RegExp(`/t/${ticket.id}\\.[A-Za-z0-9_-]{43}$`));
});

test("an unnamed visitor's lines in the ticket's transcript are labelled in the requester's language", async () => {
  await offlineAdmin();
  const anonymous = await visitor(undefined, 'es-ES');
  await say(anonymous, '¿Hay alguien?');
  expect(unwrap(await anonymous.emitWithAck('conversation:end', {})).ticket).toMatchObject({ ticketNumber: 1001 });
  const ticket = unwrap(await admin.emitWithAck('ticket:search', {})).tickets[0] as Ticket;
  expect(ticket.requesterLocale).toBe('es');
  const { events } = unwrap(await admin.emitWithAck('ticket:open', { ticketId: ticket.id }));
  expect(events[0]?.text).toMatch(/^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\] Visitante: ¿Hay alguien\?$/);
});

/** A visitor (in Spanish) whose chat holds one picture and no text, ended unanswered: its ticket's subject. */
async function subjectOfPictureOnlyChat(name: string | null): Promise<string> {
  const { socket, session } = await connectVisitor(server.url, { siteKey: server.site.key, locale: 'es-ES' });
  server.track(socket);
  if (name) unwrap(await socket.emitWithAck('visitor:identify', { name, email: `${name.toLowerCase()}@example.test` }));
  const response = await fetch(`${server.url}/api/attachments`, {
    method: 'POST',
    headers: {
      'content-type': 'application/octet-stream',
      [ATTACHMENT_HEADERS.fileName]: 'screenshot.png',
      [ATTACHMENT_HEADERS.visitorToken]: session.visitorToken,
      [ATTACHMENT_HEADERS.siteKey]: server.site.key,
    },
    body: PNG_1x1,
  });
  expect(response.status).toBe(201);
  const { attachment } = (await response.json()) as AttachmentUploadResponse;
  unwrap(await socket.emitWithAck('message:send', { clientId: `picture-${name ?? 'anonymous'}`, text: '', attachments: [attachment.id] }));
  const { ticket } = unwrap(await socket.emitWithAck('conversation:end', {}));
  const { tickets } = unwrap(await admin.emitWithAck('ticket:search', {}));
  const made = tickets.find((t) => t.number === ticket?.ticketNumber);
  expect(made?.requesterLocale).toBe('es');
  return made?.subject ?? '';
}

test("a chat with no text is given a subject in the requester's language, with their name when they gave one", async () => {
  await offlineAdmin();
  expect(await subjectOfPictureOnlyChat('Ana')).toBe('Chat con Ana');
  expect(await subjectOfPictureOnlyChat(null)).toBe('Chat con un visitante');
});

test('racing triggers make exactly one ticket per conversation', async () => {
  await offlineAdmin();
  const racer = await visitor({ name: 'Racer', email: 'racer@example.test' });
  const { conversationId } = await say(racer, 'help');
  clockOffsetMs = 301_000;
  const results = await Promise.all([
    server.app.escalation.escalateLongWaits(),
    admin.emitWithAck('conversation:escalate', { conversationId, tier: 2 }),
    racer.emitWithAck('conversation:end', {}),
    admin.emitWithAck('conversation:escalate', { conversationId }),
    server.app.escalation.escalateLongWaits(),
  ]);
  expect(results).toBeDefined();
  const { tickets, total } = unwrap(await admin.emitWithAck('ticket:search', {}));
  expect(total).toBe(1);
  expect(tickets[0]?.conversationId).toBe(conversationId);
  expect(server.mailer.sent.filter((m) => m.template === 'ticket_received')).toHaveLength(1);
});

test('the offline form creates a ticket and tells the visitor its number; numbers count up per site', async () => {
  const writer = await visitor(undefined, 'es');
  const receipt = unwrap(await writer.emitWithAck('ticket:create', { name: 'Lucía', email: 'lucia@example.test', message: '¿Hacen envíos a Canarias?' }));
  expect(receipt).toEqual({ ticketNumber: 1001, emailOnFile: true });
  const second = await visitor();
  expect(unwrap(await second.emitWithAck('ticket:create', { email: 'b@example.test', message: 'Another' })).ticketNumber).toBe(1002);
  const bad = await second.emitWithAck('ticket:create', { email: 'not-an-email', message: 'x' });
  expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  expect(server.mailer.sent[0]).toMatchObject({ to: 'lucia@example.test', locale: 'es', template: 'ticket_received' });
});

test('a visitor who ends an unanswered chat gets a ticket; an answered one is just resolved', async () => {
  await offlineAdmin();
  const leaver = await visitor({ name: 'Leaver', email: 'leaver@example.test' });
  await say(leaver, 'anyone?');
  const ended = unwrap(await leaver.emitWithAck('conversation:end', {}));
  expect(ended.ticket).toEqual({ ticketNumber: 1001, emailOnFile: true });

  unwrap(await admin.emitWithAck('agent:status', { status: 'online' }));
  const answered = await visitor();
  const { conversationId } = await say(answered, 'hello');
  unwrap(await admin.emitWithAck('message:send', { conversationId, clientId: 'reply-00001', text: 'Hi!' }));
  expect(unwrap(await answered.emitWithAck('conversation:end', {})).ticket).toBeNull();
  expect((await server.store.findConversation(conversationId))?.status).toBe('resolved');
});

test('agent replies, notes and status changes: the customer hears what they should, in their language, on the public page', async () => {
  const customer = await visitor();
  unwrap(await customer.emitWithAck('ticket:create', { name: 'Иван', email: 'ivan@example.test', message: 'Где мой заказ?' }));
  const ticket = unwrap(await admin.emitWithAck('ticket:search', {})).tickets[0] as Ticket;
  const link = String(server.mailer.sent[0]?.data.link);
  const path = new URL(link).pathname;

  unwrap(await admin.emitWithAck('ticket:reply', { ticketId: ticket.id, reply: { text: 'Проверяем', internal: true } }));
  expect(server.mailer.sent.map((m) => m.template)).toEqual(['ticket_received']);
  const replied = unwrap(await admin.emitWithAck('ticket:reply', { ticketId: ticket.id, reply: { text: 'Заказ в пути. Номер накладной?', status: 'pending' } }));
  expect(replied).toMatchObject({ status: 'pending', assigneeAgentId: expect.any(String) });
  expect(replied.firstRespondedAt).toBeTruthy();
  // One e-mail for one step: "we need your answer", with the question in it.
  expect(server.mailer.sent.map((m) => m.template)).toEqual(['ticket_received', 'ticket_pending']);
  expect(server.mailer.sent[1]?.data).toMatchObject({ replyText: 'Заказ в пути. Номер накладной?', status: 'pending' });

  const page = await (await fetch(`${server.url}${path}`)).text();
  expect(page).toContain('Ждём вашего ответа');
  expect(page).toContain('Заказ в пути');
  expect(page).not.toContain('Проверяем');
  expect(page).toContain('lang="ru"');
  // Times name their zone: the server cannot know the requester's.
  expect(page).toMatch(/<time datetime="[^"]+">[^<]*\d{2}:\d{2} UTC<\/time>/);

  unwrap(await admin.emitWithAck('ticket:update', { ticketId: ticket.id, update: { status: 'solved' } }));
  expect(server.mailer.sent.at(-1)?.template).toBe('ticket_solved');
  // The solved e-mail's link opens the page at its rating form.
  expect(server.mailer.sent.at(-1)?.data.link).toBe(`${server.mailer.sent[0]?.data.link as string}#rate`);
  // Every e-mail names its ticket, so the dispatcher threads them (In-Reply-To, References).
  expect(server.mailer.sent.map((m) => m.data.ticketId)).toEqual(['ticket_received', 'ticket_pending', 'ticket_solved'].map(() => ticket.id));
  expect(await (await fetch(`${server.url}${path}`)).text()).toContain('<form class="card" id="rate" method="post"');
  const rating = await fetch(`${server.url}${path}/rating`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'score=5&comment=%D0%A1%D0%BF%D0%B0%D1%81%D0%B8%D0%B1%D0%BE',
  });
  expect(rating.redirected).toBe(true);
  expect(await rating.text()).toContain('Спасибо за оценку: 5 из 5.');
  const reopened = await fetch(`${server.url}${path}/reply`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'text=%D0%95%D1%89%D1%91%20%D0%B2%D0%BE%D0%BF%D1%80%D0%BE%D1%81',
  });
  expect(reopened.status).toBe(200);
  expect(reopened.url).toMatch(/\?done=reply$/);
  // Loading the page again (a browser reload after the redirect) sends nothing again.
  await fetch(reopened.url);
  const after = unwrap(await admin.emitWithAck('ticket:open', { ticketId: ticket.id }));
  expect(after.ticket).toMatchObject({ status: 'open', rating: 5, ratingComment: 'Спасибо' });
  expect(after.events.map((e) => e.kind)).toEqual(['created', 'note', 'reply', 'change', 'rating', 'reply']);
});

test('a reply that solves the ticket is one "solved" e-mail quoting it; a note that solves it sends the status alone', async () => {
  const customer = await visitor();
  unwrap(await customer.emitWithAck('ticket:create', { email: 'one@example.test', message: 'first' }));
  unwrap(await customer.emitWithAck('ticket:create', { email: 'two@example.test', message: 'second' }));
  const [first, second] = unwrap(await admin.emitWithAck('ticket:search', { sort: 'created_asc' })).tickets as [Ticket, Ticket];
  server.mailer.sent.length = 0;

  unwrap(await admin.emitWithAck('ticket:reply', { ticketId: first.id, reply: { text: 'Refunded today.', status: 'solved' } }));
  expect(server.mailer.sent).toEqual([
    expect.objectContaining({ to: 'one@example.test', template: 'ticket_solved', data: expect.objectContaining({ replyText: 'Refunded today.' }) }),
  ]);
  unwrap(await admin.emitWithAck('ticket:reply', { ticketId: first.id, reply: { text: 'One more thing.' } }));
  expect(server.mailer.sent.at(-1)).toMatchObject({ template: 'ticket_reply', data: { replyText: 'One more thing.' } });

  server.mailer.sent.length = 0;
  unwrap(await admin.emitWithAck('ticket:reply', { ticketId: second.id, reply: { text: 'Internal: fixed by ops', internal: true, status: 'solved' } }));
  expect(server.mailer.sent.map((m) => m.template)).toEqual(['ticket_solved']);
  expect(JSON.stringify(server.mailer.sent)).not.toContain('Internal: fixed by ops');
});

test('a public reply to an unassigned ticket assigns it to the replying agent, and the timeline records the assignment', async () => {
  const customer = await visitor();
  unwrap(await customer.emitWithAck('ticket:create', { email: 'unassigned@example.test', message: 'Is anyone there?' }));
  const ticket = unwrap(await admin.emitWithAck('ticket:search', {})).tickets[0] as Ticket;
  expect(ticket.assigneeAgentId).toBeNull();
  const adminId = (await server.store.findAgentWithSecretByEmail(server.admin.email))?.id;

  const replied = unwrap(await admin.emitWithAck('ticket:reply', { ticketId: ticket.id, reply: { text: 'Yes, I am here.' } }));
  expect(replied.assigneeAgentId).toBe(adminId);
  const { events } = unwrap(await admin.emitWithAck('ticket:open', { ticketId: ticket.id }));
  expect(events.at(-1)).toMatchObject({
    kind: 'reply', authorId: adminId,
    changes: [{ field: 'status', from: 'new', to: 'open' }, { field: 'assigneeAgentId', from: null, to: adminId }],
  });

  // Already assigned: a later reply changes no assignment, so it records none.
  unwrap(await admin.emitWithAck('ticket:reply', { ticketId: ticket.id, reply: { text: 'Anything else?' } }));
  const later = unwrap(await admin.emitWithAck('ticket:open', { ticketId: ticket.id })).events.at(-1);
  expect(later?.changes).toEqual([]);
});

test('a closed ticket takes no public reply (the requester could not answer it); a note still goes on its timeline', async () => {
  const customer = await visitor();
  unwrap(await customer.emitWithAck('ticket:create', { email: 'closed@example.test', message: 'old question' }));
  const ticket = unwrap(await admin.emitWithAck('ticket:search', {})).tickets[0] as Ticket;
  unwrap(await admin.emitWithAck('ticket:update', { ticketId: ticket.id, update: { status: 'closed' } }));
  server.mailer.sent.length = 0;

  const refused = await admin.emitWithAck('ticket:reply', { ticketId: ticket.id, reply: { text: 'Any follow-up?' } });
  expect(refused).toMatchObject({ ok: false, error: { code: 'CONVERSATION_CLOSED' } });
  unwrap(await admin.emitWithAck('ticket:reply', { ticketId: ticket.id, reply: { text: 'Customer called; nothing to do', internal: true } }));
  expect(server.mailer.sent).toEqual([]);
  const { events } = unwrap(await admin.emitWithAck('ticket:open', { ticketId: ticket.id }));
  expect(events.map((e) => e.kind)).toEqual(['created', 'change', 'note']);
});

test('an agent’s escalation note is an internal note on the new ticket: the requester’s page and e-mails never show it', async () => {
  const customer = await visitor({ name: 'Ada', email: 'ada@example.test' }, 'en');
  const { conversationId } = await say(customer, 'I was charged twice');
  const ticket = unwrap(await admin.emitWithAck('conversation:escalate', {
    conversationId, tier: 2, priority: 'high', note: 'Billing must refund the duplicate charge',
  }));
  const { events } = unwrap(await admin.emitWithAck('ticket:open', { ticketId: ticket.id }));
  expect(events.map((e) => e.kind)).toEqual(['created', 'note']);
  expect(events[0]?.text).toContain('I was charged twice');
  expect(events[0]?.text).not.toContain('Billing must refund');
  expect(events[1]).toMatchObject({ kind: 'note', authorKind: 'agent', text: 'Billing must refund the duplicate charge' });

  const received = server.mailer.sent.find((m) => m.template === 'ticket_received');
  expect(JSON.stringify(received)).not.toContain('Billing must refund');
  const page = await (await fetch(`${server.url}${new URL(String(received?.data.link)).pathname}`)).text();
  expect(page).toContain('I was charged twice');
  expect(page).not.toContain('Billing must refund');
});

test('a reply or rating the ticket page cannot take brings the requester back to the page saying why, in their language', async () => {
  const customer = await visitor(undefined, 'es');
  unwrap(await customer.emitWithAck('ticket:create', { name: 'Lucía', email: 'lucia@example.test', message: '¿Hacen envíos a Canarias?' }));
  const ticket = unwrap(await admin.emitWithAck('ticket:search', {})).tickets[0] as Ticket;
  const page = `${server.url}${new URL(String(server.mailer.sent[0]?.data.link)).pathname}`;
  const post = (path: string, body: string) =>
    fetch(`${page}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });

  // Only spaces, and no file: nothing to send.
  const blank = await post('/reply', 'text=%20%20%20');
  expect(blank.url).toMatch(/\?problem=reply_empty$/);
  const blankPage = await blank.text();
  expect(blankPage).toContain('role="alert">No se ha enviado nada: escribe primero tu respuesta o elige un archivo.</p>');
  expect(blankPage).toContain('lang="es"');

  // The page stayed open while the form could still be sent: a rating before the request is solved…
  const early = await post('/rating', 'score=5');
  expect(early.status).toBe(200);
  expect(await early.text()).toContain('Tu valoración no se ha guardado');
  // …and a reply after it was closed.
  unwrap(await admin.emitWithAck('ticket:update', { ticketId: ticket.id, update: { status: 'closed' } }));
  const late = await post('/reply', 'text=Una%20pregunta%20m%C3%A1s');
  expect(late.status).toBe(200);
  expect(late.headers.get('content-type')).toMatch(/text\/html/);
  expect(await late.text()).toContain('Tu respuesta no se ha enviado porque esta solicitud está cerrada.');
  const { events } = unwrap(await admin.emitWithAck('ticket:open', { ticketId: ticket.id }));
  expect(events.map((e) => e.kind)).toEqual(['created', 'change']);
});

test('a forged or malformed ticket link answers 404 and shows nothing', async () => {
  const customer = await visitor();
  unwrap(await customer.emitWithAck('ticket:create', { email: 'x@example.test', message: 'secret order 42' }));
  const ticket = unwrap(await admin.emitWithAck('ticket:search', {})).tickets[0] as Ticket;
  for (const token of [`${ticket.id}.${'A'.repeat(43)}`, ticket.id, 'abc..def', `${ticket.id}.`]) {
    const response = await fetch(`${server.url}/t/${encodeURIComponent(token)}`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('secret order 42');
  }
});

test('moving a ticket up a tier starts a fresh SLA clock with the tier targets', async () => {
  const customer = await visitor();
  unwrap(await customer.emitWithAck('ticket:create', { email: 'sla@example.test', message: 'slow site' }));
  const ticket = unwrap(await admin.emitWithAck('ticket:search', {})).tickets[0] as Ticket;
  expect(Date.parse(ticket.firstResponseDueAt ?? '') - Date.parse(ticket.tierStartedAt)).toBe(4 * 3600_000);
  unwrap(await admin.emitWithAck('ticket:reply', { ticketId: ticket.id, reply: { text: 'Looking' } }));
  clockOffsetMs = 3600_000;
  const escalated = unwrap(await admin.emitWithAck('ticket:update', { ticketId: ticket.id, update: { tier: 2, priority: 'high' } }));
  expect(escalated.firstRespondedAt).toBeNull();
  // The reply made the admin its assignee; tier 2 takes it over from their unassigned queue.
  expect(escalated.assigneeAgentId).toBeNull();
  expect(unwrap(await admin.emitWithAck('ticket:search', { view: 'unassigned' })).tickets.map((t) => t.id)).toEqual([ticket.id]);
  const { events } = unwrap(await admin.emitWithAck('ticket:open', { ticketId: ticket.id }));
  expect(events.at(-1)?.changes).toEqual(expect.arrayContaining([{ field: 'assigneeAgentId', from: expect.any(String), to: null }]));
  // Naming an assignee in the same step keeps it with them; moving down a tier keeps the assignee.
  const adminId = (await server.store.listAgents(server.site.id))[0]?.id as string;
  const kept = unwrap(await admin.emitWithAck('ticket:update', { ticketId: ticket.id, update: { tier: 3, assigneeAgentId: adminId } }));
  expect(kept.assigneeAgentId).toBe(adminId);
  expect(unwrap(await admin.emitWithAck('ticket:update', { ticketId: ticket.id, update: { tier: 1 } })).assigneeAgentId).toBe(adminId);
  expect(Date.parse(escalated.tierStartedAt)).toBeGreaterThan(Date.parse(ticket.tierStartedAt) + 3500_000);
  expect(Date.parse(escalated.firstResponseDueAt ?? '') - Date.parse(escalated.tierStartedAt)).toBe(2 * 60 * 60_000);
  expect(Date.parse(escalated.resolutionDueAt ?? '') - Date.parse(escalated.tierStartedAt)).toBe(16 * 60 * 60_000);
});

test("a pending ticket's SLA clocks stand still until it stops waiting on the requester", async () => {
  const DAY = 24 * 3600_000;
  const customer = await visitor(undefined, 'en');
  unwrap(await customer.emitWithAck('ticket:create', { email: 'wait@example.test', message: 'Where is my parcel?' }));
  const created = unwrap(await admin.emitWithAck('ticket:search', {})).tickets[0] as Ticket;
  const resolutionTarget = Date.parse(created.resolutionDueAt ?? '') - Date.parse(created.tierStartedAt);
  const page = `${server.url}${new URL(String(server.mailer.sent[0]?.data.link)).pathname}`;
  const view = async (name: 'breached' | 'breaching_soon') =>
    unwrap(await admin.emitWithAck('ticket:search', { view: name })).tickets.map((t) => t.id);

  const asked = unwrap(await admin.emitWithAck('ticket:reply', { ticketId: created.id, reply: { text: 'Your order number?', status: 'pending' } }));
  expect(asked).toMatchObject({ status: 'pending', resolutionDueAt: created.resolutionDueAt, slaPausedMinutes: 0 });
  // Five days on, long past its resolution due date: not breached, the requester has the ball.
  clockOffsetMs = 5 * DAY;
  expect(await view('breached')).toEqual([]);

  // The requester answers: the due date moves back by the five days spent waiting on them.
  const answered = await fetch(`${page}/reply`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'text=Order%2042',
  });
  expect(answered.status).toBe(200);
  const reopened = (await server.store.findTicket(created.id)) as Ticket;
  expect(reopened).toMatchObject({ status: 'open', pendingSince: null, slaPausedMinutes: 5 * 24 * 60 });
  expect(Date.parse(reopened.resolutionDueAt ?? '') - Date.parse(created.resolutionDueAt ?? '')).toBe(5 * DAY);
  expect(await view('breached')).toEqual([]);

  // Pending again for a day, then an agent sets it open: another day back, six in all...
  unwrap(await admin.emitWithAck('ticket:update', { ticketId: created.id, update: { status: 'pending' } }));
  clockOffsetMs = 6 * DAY;
  const resumed = unwrap(await admin.emitWithAck('ticket:update', { ticketId: created.id, update: { status: 'open', priority: 'high' } }));
  expect(resumed.slaPausedMinutes).toBe(6 * 24 * 60);
  // ...and a priority change in the same step counts the new target from the tier's start, less those six days.
  const highTarget = server.site.settings.sla['1'].high.resolutionMinutes * 60_000;
  expect(Date.parse(resumed.resolutionDueAt ?? '') - Date.parse(created.tierStartedAt)).toBe(highTarget + 6 * DAY);
  expect(highTarget).not.toBe(resolutionTarget);
  // The clock runs again: past the moved due date it is breached.
  clockOffsetMs = 6 * DAY + highTarget + 60_000;
  expect(await view('breached')).toEqual([created.id]);
});

test('ticket filters, views, search and bulk update', async () => {
  const helper = await addAgent(server, { name: 'Helper' });
  server.track(helper.socket);
  const customer = await visitor();
  for (const message of ['Refund please', 'Broken link', 'Invoice copy']) {
    unwrap(await customer.emitWithAck('ticket:create', { email: 'many@example.test', message }));
  }
  const all = unwrap(await admin.emitWithAck('ticket:search', { sort: 'created_asc' })).tickets;
  const [refund, broken, invoice] = all as [Ticket, Ticket, Ticket];
  unwrap(await admin.emitWithAck('ticket:update', { ticketId: refund.id, update: { priority: 'urgent', tags: ['billing'] } }));
  unwrap(await admin.emitWithAck('ticket:update', { ticketId: broken.id, update: { assigneeAgentId: helper.agent.id } }));
  const bulk = unwrap(await admin.emitWithAck('ticket:bulk-update', { ticketIds: [broken.id, invoice.id], update: { status: 'on_hold' } }));
  expect(bulk.map((t) => t.status)).toEqual(['on_hold', 'on_hold']);

  const numbers = async (query: object) => unwrap(await admin.emitWithAck('ticket:search', query)).tickets.map((t) => t.number).sort();
  expect(await numbers({ priority: ['urgent'] })).toEqual([refund.number]);
  expect(await numbers({ tag: 'billing' })).toEqual([refund.number]);
  expect(await numbers({ status: ['on_hold'] })).toEqual([broken.number, invoice.number]);
  expect(await numbers({ view: 'unassigned' })).toEqual([refund.number, invoice.number]);
  expect(await numbers({ search: 'invoice' })).toEqual([invoice.number]);
  expect(await numbers({ search: `#${broken.number}` })).toEqual([broken.number]);
  expect(unwrap(await helper.socket.emitWithAck('ticket:search', { view: 'mine' })).tickets.map((t) => t.id)).toEqual([broken.id]);
  expect(await numbers({ view: 'breached' })).toEqual([]);
  clockOffsetMs = 25 * 3600_000;
  expect((await numbers({ view: 'breached' })).length).toBe(3);
  const bad = await admin.emitWithAck('ticket:search', { status: ['nope'] } as never);
  expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
});

/** Two customers' tickets: one solved by an agent, one waiting on its customer (pending), in that order. */
async function solvedAndPendingTickets(emails: { solved: string; pending: string }): Promise<{ solved: Ticket; pending: Ticket }> {
  const customer = await visitor();
  unwrap(await customer.emitWithAck('ticket:create', { email: emails.solved, message: 'one' }));
  unwrap(await customer.emitWithAck('ticket:create', { email: emails.pending, message: 'two' }));
  const [solved, pending] = unwrap(await admin.emitWithAck('ticket:search', { sort: 'created_asc' })).tickets as [Ticket, Ticket];
  unwrap(await admin.emitWithAck('ticket:update', { ticketId: solved.id, update: { status: 'solved' } }));
  unwrap(await admin.emitWithAck('ticket:reply', { ticketId: pending.id, reply: { text: 'Need your order number', status: 'pending' } }));
  return { solved, pending };
}

test('solved tickets close by themselves after the set days; pending customers get one reminder', async () => {
  const { solved } = await solvedAndPendingTickets({ solved: 'solved@example.test', pending: 'pending@example.test' });

  clockOffsetMs = 4 * 24 * 3600_000;
  expect(await server.app.tickets.sweep()).toEqual({ closed: 0, reminded: 1 });
  expect(await server.app.tickets.sweep()).toEqual({ closed: 0, reminded: 0 });
  clockOffsetMs = 8 * 24 * 3600_000;
  expect(await server.app.tickets.sweep()).toEqual({ closed: 1, reminded: 0 });
  expect((await server.store.findTicket(solved.id))?.status).toBe('closed');
  expect(server.mailer.sent.filter((m) => m.template === 'ticket_pending_reminder').map((m) => m.to)).toEqual(['pending@example.test']);
});

test('two processes sweeping at once close a ticket once and remind a customer once', async () => {
  const { solved } = await solvedAndPendingTickets({ solved: 'solved-once@example.test', pending: 'pending-once@example.test' });

  clockOffsetMs = 8 * 24 * 3600_000;
  // Each process reads the same due tickets before either writes (the sweeps interleave at every await).
  const sweeps = await Promise.all([server.app.tickets.sweep(), server.app.tickets.sweep()]);
  expect(sweeps.reduce((sum, s) => sum + s.closed, 0)).toBe(1);
  expect(sweeps.reduce((sum, s) => sum + s.reminded, 0)).toBe(1);
  const closings = (await server.store.listTicketEvents(solved.id)).filter((e) => e.changes.some((c) => c.field === 'status' && c.to === 'closed'));
  expect(closings).toHaveLength(1);
  expect(server.mailer.sent.filter((m) => m.template === 'ticket_pending_reminder').map((m) => m.to)).toEqual(['pending-once@example.test']);
});

test('a chat assigned to an agent who never answers also becomes a ticket at the wait limit', async () => {
  await server.store.updateSiteSettings(server.site.id, { waitLimitSeconds: 60, assignTimeoutSeconds: 3600 });
  const silent = await visitor({ name: 'Silent', email: 'silent@example.test' });
  const { conversationId } = await say(silent, 'hello?');
  expect((await server.store.findConversation(conversationId))?.status).toBe('assigned');
  clockOffsetMs = 61_000;
  expect(await server.app.escalation.escalateLongWaits()).toBe(1);
  expect((await server.store.findConversation(conversationId))?.ticketId).toBeTruthy();

  // An answered chat never escalates, however long it stays open.
  clockOffsetMs = 0;
  const answered = await visitor();
  const second = await say(answered, 'hi');
  unwrap(await admin.emitWithAck('message:send', { conversationId: second.conversationId, clientId: 'answer-0001', text: 'Hello!' }));
  clockOffsetMs = 3600_000;
  expect(await server.app.escalation.escalateLongWaits()).toBe(0);
});

test('the visitor hears the ticket number, and those waiting behind move up when a chat leaves the queue', async () => {
  await server.store.updateSiteSettings(server.site.id, { routingMode: 'pick' });
  const ahead = await visitor({ name: 'Ahead', email: 'ahead@example.test' });
  await say(ahead, 'first in line');
  const behind = await visitor();
  await say(behind, 'second in line');

  const receipt = eventMatching<{ ticketNumber: number; emailOnFile: boolean }>(ahead, 'ticket:created', () => true);
  const movedUp = eventMatching<{ position: number }>(behind, 'queue:position', (p) => p.position === 1);
  unwrap(await ahead.emitWithAck('conversation:end', {}));
  expect(await receipt).toEqual({ ticketNumber: 1001, emailOnFile: true });
  await movedUp;
  // After a reload, the history still tells the number.
  expect(unwrap(await ahead.emitWithAck('conversation:history', {}))?.ticket).toEqual({ ticketNumber: 1001, emailOnFile: true });
});
