/** The requester's ticket page: whose words each entry of the thread holds, and how they read in the requester's language. */
import type { Ticket } from '@parley/shared';
import { connectAgent, connectVisitor, login, unwrap, type AgentClient } from '../test-support/clients';
import { callApi, createApiToken } from '../test-support/platform-api';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { createEmailRenderer } from '../mail/email-renderer';

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
  return [...html.matchAll(/<li class="event (\w+)"[^>]*>\s*<div class="meta"><strong><bdi>([^<]*)<\/bdi><\/strong>[\s\S]*?(?:<div class="text" dir="auto">([^<]*)<\/div>)?\s*<\/li>/g)].map(
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

/** A request from the offline form in `locale`, and its page's address from the "received" e-mail. */
async function requestFrom(email: string, locale: string): Promise<{ ticket: Ticket; page: string }> {
  const { socket: visitor } = await connectVisitor(server.url, { siteKey: server.site.key, locale });
  server.track(visitor);
  unwrap(await visitor.emitWithAck('ticket:create', { email, message: 'La factura no cuadra' }));
  const ticket = unwrap(await admin.emitWithAck('ticket:search', { search: email })).tickets[0] as Ticket;
  const link = String(server.mailer.sent.find((m) => m.to === email && m.template === 'ticket_received')?.data.link);
  return { ticket, page: `${server.url}${new URL(link).pathname}` };
}

/** The page's reply form as a browser sends it: multipart, its line breaks as CRLF. */
const replyFromPage = (page: string, text: string) => {
  const form = new FormData();
  form.set('text', text);
  return fetch(`${page}/reply`, { method: 'POST', body: form });
};
const rateFromPage = (page: string, fields: Record<string, string>) =>
  fetch(`${page}/rating`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });

const eventsOf = async (ticket: Ticket) => unwrap(await admin.emitWithAck('ticket:open', { ticketId: ticket.id })).events;
/** What the page's textarea `id` holds, as a browser reads it (entities decoded, the first line break after the tag dropped). */
function textareaValue(html: string, id: string): string | undefined {
  const inner = new RegExp(`<textarea id="${id}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html)?.[1];
  return inner?.replace(/^\n/, '').replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

test('a reply the page\'s box took is sent whole, though the browser sends each line break as two characters', async () => {
  const { ticket, page } = await requestFrom('lines@example.test', 'es');
  // QA's reply: 134 lines of 36 characters, 4,957 in the box, 5,090 as the browser sends them.
  const lines = Array.from({ length: 134 }, (_, i) => `Línea ${String(i).padStart(3, '0')} de mi respuesta, con datos`.padEnd(36, '.'));
  const sent = await replyFromPage(page, lines.join('\r\n'));
  expect(sent.url).toMatch(/\?done=reply$/);
  expect((await eventsOf(ticket)).at(-1)).toMatchObject({ kind: 'reply', authorKind: 'requester', text: lines.join('\n') });
});

test('a reply that is too long comes back in its box, with the page saying it is too long, not empty', async () => {
  const { ticket, page } = await requestFrom('long@example.test', 'es');
  const before = await eventsOf(ticket);
  const draft = `\nHola:\r\n${'x'.repeat(4_995)}`;
  const refused = await replyFromPage(page, draft);
  expect(refused.status).toBe(400);
  const html = await refused.text();
  expect(html).toContain('role="alert">No se envió nada: tu respuesta tiene más de 5000 caracteres. Está abajo para que la acortes y la envíes de nuevo.</p>');
  expect(textareaValue(html, 'reply-text')).toBe(draft.replace('\r\n', '\n'));
  expect(await eventsOf(ticket)).toEqual(before);
  // Nothing at all is still "write something first".
  expect((await replyFromPage(page, ' \r\n ')).url).toMatch(/\?problem=reply_empty$/);
});

test('a leaked link cannot flood the agents: after ten replies in ten minutes the next comes back in its box, saying why', async () => {
  const { ticket, page } = await requestFrom('flood@example.test', 'es');
  for (let n = 1; n <= 10; n++) expect((await replyFromPage(page, `Respuesta ${n}`)).url).toMatch(/\?done=reply$/);
  const before = await eventsOf(ticket);
  const refused = await replyFromPage(page, 'Respuesta 11');
  expect(refused.status).toBe(429);
  const html = await refused.text();
  expect(html).toContain('role="alert">No se envió nada: demasiadas respuestas en poco tiempo. Inténtalo de nuevo en unos minutos; tu respuesta está abajo.</p>');
  expect(textareaValue(html, 'reply-text')).toBe('Respuesta 11');
  expect(await eventsOf(ticket)).toEqual(before);
});

test('a rating comment the box took is saved whole, its line breaks counted as the box counts them', async () => {
  const { ticket, page } = await requestFrom('rates@example.test', 'es');
  unwrap(await admin.emitWithAck('ticket:update', { ticketId: ticket.id, update: { status: 'solved' } }));
  // QA's comment: 55 lines, 1,979 characters in the box, 2,033 as the browser sends them.
  const lines = Array.from({ length: 55 }, (_, i) => `Comentario ${i}`.padEnd(35, '.'));
  const rated = await rateFromPage(page, { score: '5', comment: lines.join('\r\n') });
  expect(rated.url).toMatch(/\?done=rating$/);
  expect(await rated.text()).toContain('role="status">Gracias por');
  const { ticket: after } = unwrap(await admin.emitWithAck('ticket:open', { ticketId: ticket.id }));
  expect(after).toMatchObject({ rating: 5, ratingComment: lines.join('\n') });
});

test('a long comment in Chinese, at the box\'s 2,000 characters, is saved', async () => {
  const { ticket, page } = await requestFrom('zh@example.test', 'zh-CN');
  unwrap(await admin.emitWithAck('ticket:update', { ticketId: ticket.id, update: { status: 'solved' } }));
  const comment = '谢谢您的帮助'.repeat(333).padEnd(2_000, '！');
  const rated = await rateFromPage(page, { score: '4', comment });
  expect(rated.url).toMatch(/\?done=rating$/);
  const { ticket: after } = unwrap(await admin.emitWithAck('ticket:open', { ticketId: ticket.id }));
  expect(after).toMatchObject({ rating: 4, ratingComment: comment });
});

test('a rating the page cannot take comes back as a page in the requester\'s language, with their stars and comment still there', async () => {
  const { ticket, page } = await requestFrom('refused-rating@example.test', 'de');
  unwrap(await admin.emitWithAck('ticket:update', { ticketId: ticket.id, update: { status: 'solved' } }));
  const comment = `Sehr freundlich <3\r\n${'a'.repeat(2_000)}`;
  const tooLong = await rateFromPage(page, { score: '4', comment });
  expect(tooLong.status).toBe(400);
  expect(tooLong.headers.get('content-type')).toMatch(/^text\/html/);
  const html = await tooLong.text();
  expect(html).toContain('role="alert">Ihre Bewertung wurde nicht gespeichert: Der Kommentar ist länger als 2.000 Zeichen.');
  expect(html).toContain('<input type="radio" name="score" value="4" required checked>');
  expect(html.match(/ checked>/g)).toHaveLength(1);
  expect(textareaValue(html, 'rating-comment')).toBe(comment.replace('\r\n', '\n'));

  // No stars chosen: said so, the comment kept.
  const noScore = await rateFromPage(page, { comment: 'Gut' });
  expect(noScore.status).toBe(400);
  const unrated = await noScore.text();
  expect(unrated).toContain('role="alert">Ihre Bewertung wurde nicht gespeichert: Bitte wählen Sie zuerst 1 bis 5 Sterne.</p>');
  expect(unrated).not.toMatch(/ checked>/);
  expect(textareaValue(unrated, 'rating-comment')).toBe('Gut');
  const { ticket: after } = unwrap(await admin.emitWithAck('ticket:open', { ticketId: ticket.id }));
  expect(after).toMatchObject({ rating: null, ratingComment: null });
});

test('the page speaks to a Spanish requester as "tú", as their e-mails and the chat do', async () => {
  const { ticket, page } = await requestFrom('tu@example.test', 'es');
  const visibleText = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  // The "usted" forms the page used: "Su respuesta", "Usted", "escríbanos", "Use el enlace"…
  const usted = /(?<!\p{L})(su|sus|usted|escriba|escríbanos|elija|use|inténtelo)(?!\p{L})/iu;

  const sent = await replyFromPage(page, 'Gracias');
  const afterReply = visibleText(await sent.text());
  expect(afterReply).toContain('Gracias, tu respuesta se ha enviado.');
  expect(afterReply).toContain('Tú ·');
  expect(afterReply).toContain('Tu respuesta');
  expect(afterReply).not.toMatch(usted);

  unwrap(await admin.emitWithAck('ticket:update', { ticketId: ticket.id, update: { status: 'closed' } }));
  const closed = visibleText(await (await fetch(page)).text());
  expect(closed).toContain('escríbenos de nuevo desde el sitio web');
  expect(closed).not.toMatch(usted);
  const stale = await fetch(`${page}x`, { headers: { 'accept-language': 'es-ES' } });
  expect(await stale.text()).toBe('Este enlace no es válido. Usa el enlace más reciente de nuestro correo.');
});

test('on an Arabic page, names, reply text, the subject and file names are isolated, so a Latin reply keeps its full stop at its end', async () => {
  const { ticket, page } = await requestFrom('bidi@example.test', 'ar');
  const reply = 'Your order 12345 ships on Monday. Tracking: ABC-123.';
  unwrap(await admin.emitWithAck('ticket:reply', { ticketId: ticket.id, reply: { text: reply } }));
  const html = await (await fetch(page)).text();
  expect(html).toContain('<html lang="ar" dir="rtl">');
  // "Admin · 26 نوفمبر" with the name isolated: the day stays beside its month, not across the name.
  expect(html).toMatch(/<li class="event team"[^>]*>\s*<div class="meta"><strong><bdi>Admin<\/bdi><\/strong> · <time /);
  expect(html).toContain(`<div class="text" dir="auto">${reply}</div>`);
  // The requester's own words too: whatever the script, each block takes its own direction.
  expect(html).toContain('<div class="text" dir="auto">La factura no cuadra</div>');
  expect(html).toContain(`<h1>الطلب رقم ${ticket.number}: <bdi>${ticket.subject}</bdi></h1>`);
});

test('a Chinese page writes its own full-width colons, and the same word for the status as the e-mail', async () => {
  const { ticket, page } = await requestFrom('colon@example.test', 'zh-CN');
  const html = await (await fetch(page)).text();
  expect(html).toContain(`<h1>请求 #${ticket.number}：<bdi>${ticket.subject}</bdi></h1>`);
  expect(html).toContain('<p>状态：<span class="status" data-testid="ticket-status">已受理</span></p>');
  const received = server.mailer.sent.find((m) => m.to === 'colon@example.test' && m.template === 'ticket_received');
  expect(received && createEmailRenderer().render(received).text).toContain('状态：已受理');
});

test.each([
  ['fr', 'Fermée'],
  ['pt-BR', 'Encerrada'],
])('a closed request reads the same on the page as in the e-mail (%s: "%s", not "Close" or "Encerrado")', async (locale, word) => {
  const { ticket, page } = await requestFrom(`closed-${locale.toLowerCase()}@example.test`, locale);
  unwrap(await admin.emitWithAck('ticket:update', { ticketId: ticket.id, update: { status: 'closed' } }));
  expect(await (await fetch(page)).text()).toContain(`data-testid="ticket-status">${word}</span>`);
  expect(createEmailRenderer().statusLabel({ status: 'closed', locale })).toBe(word);
});
