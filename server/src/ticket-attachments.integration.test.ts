/** Files in ticket replies and notes, end to end: upload into the ticket, send, e-mail, the requester's page and its downloads. */
import { ATTACHMENT_HEADERS, type AttachmentUploadResponse, type MessageAttachment, type Ticket } from '@parley/shared';
import { addAgent } from './test-support/agents';
import { PNG_1x1, TINY_PDF } from './test-support/attachment-fixtures';
import { connectAgent, connectVisitor, login, unwrap, type AgentClient } from './test-support/clients';
import { startTestServer, type TestServer } from './test-support/test-server';

jest.setTimeout(30_000);

let server: TestServer;
let admin: AgentClient;
let adminToken: string;

beforeEach(async () => {
  server = await startTestServer();
  adminToken = (await login(server.url, server.admin.email, server.admin.password)).token;
  admin = await connectAgent(server.url, adminToken);
  server.track(admin);
});
afterEach(() => server.stop());


function uploadInto(ticketId: string, file: { name: string; bytes: Buffer }, token = adminToken): Promise<Response> {
  return fetch(`${server.url}/api/attachments?ticketId=${encodeURIComponent(ticketId)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, [ATTACHMENT_HEADERS.fileName]: encodeURIComponent(file.name) },
    body: file.bytes,
  });
}

async function uploaded(response: Response): Promise<MessageAttachment> {
  if (response.status !== 201) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as AttachmentUploadResponse).attachment;
}

/** A ticket from the offline form, and the path of the requester's page from its first e-mail. */
async function ticketFromCustomer(email = 'maria@example.test'): Promise<{ ticket: Ticket; page: string }> {
  const { socket } = await connectVisitor(server.url, { siteKey: server.site.key, locale: 'es-ES' });
  server.track(socket);
  unwrap(await socket.emitWithAck('ticket:create', { name: 'María', email, message: 'La factura no cuadra' }));
  const ticket = unwrap(await admin.emitWithAck('ticket:search', { search: email })).tickets[0] as Ticket;
  const received = server.mailer.sent.find((mail) => mail.to === email);
  return { ticket, page: new URL(String(received?.data.link)).pathname };
}

test("an agent's reply carries its files: the e-mail names them, the requester's page links them, and the link downloads them", async () => {
  const { ticket, page } = await ticketFromCustomer();
  const invoice = await uploaded(await uploadInto(ticket.id, { name: 'factura corregida.pdf', bytes: TINY_PDF }));
  const screenshot = await uploaded(await uploadInto(ticket.id, { name: 'captura.png', bytes: PNG_1x1 }));
  expect(invoice).toMatchObject({ name: 'factura corregida.pdf', contentType: 'application/pdf', isImage: false });

  unwrap(await admin.emitWithAck('ticket:reply', {
    ticketId: ticket.id, reply: { text: 'Le adjunto la factura corregida.', attachments: [invoice.id, screenshot.id] },
  }));
  const { events } = unwrap(await admin.emitWithAck('ticket:open', { ticketId: ticket.id }));
  expect(events.at(-1)).toMatchObject({ kind: 'reply', attachments: [invoice, screenshot] });
  expect(events[0]?.attachments).toEqual([]);
  expect(server.mailer.sent.at(-1)).toMatchObject({
    template: 'ticket_reply', data: { replyText: 'Le adjunto la factura corregida.', files: 'factura corregida.pdf, captura.png' },
  });

  const html = await (await fetch(`${server.url}${page}`)).text();
  expect(html).toContain(`href="${page}/files/${invoice.id}"`);
  // Isolated, so a Latin file name keeps its ".pdf" at its end on a right-to-left page.
  expect(html).toContain('<bdi>factura corregida.pdf</bdi></a>');
  expect(html).toContain('aria-label="Archivos"');
  const download = await fetch(`${server.url}${page}/files/${invoice.id}`);
  expect(download.status).toBe(200);
  expect(download.headers.get('content-type')).toBe('application/pdf');
  expect(download.headers.get('content-disposition')).toMatch(/^attachment; .*filename\*=UTF-8''factura%20corregida\.pdf$/);
  expect(Buffer.from(await download.arrayBuffer()).equals(TINY_PDF)).toBe(true);
  // Agents download it as they do a chat's file.
  const forAgent = await fetch(`${server.url}/api/attachments/${screenshot.id}`, { headers: { authorization: `Bearer ${adminToken}` } });
  expect(Buffer.from(await forAgent.arrayBuffer()).equals(PNG_1x1)).toBe(true);
});

test("a note's files stay with agents, and one ticket's link opens none of another's files", async () => {
  const first = await ticketFromCustomer('first@example.test');
  const second = await ticketFromCustomer('second@example.test');
  const internal = await uploaded(await uploadInto(first.ticket.id, { name: 'logs.txt', bytes: Buffer.from('stack trace\n') }));
  const shared = await uploaded(await uploadInto(first.ticket.id, { name: 'guide.pdf', bytes: TINY_PDF }));
  const unsent = await uploaded(await uploadInto(first.ticket.id, { name: 'draft.pdf', bytes: TINY_PDF }));
  server.mailer.sent.length = 0;
  unwrap(await admin.emitWithAck('ticket:reply', { ticketId: first.ticket.id, reply: { text: 'Ops logs', internal: true, attachments: [internal.id] } }));
  unwrap(await admin.emitWithAck('ticket:reply', { ticketId: first.ticket.id, reply: { text: 'See the guide', attachments: [shared.id] } }));

  expect(JSON.stringify(server.mailer.sent)).not.toContain('logs.txt');
  const html = await (await fetch(`${server.url}${first.page}`)).text();
  expect(html).not.toContain('logs.txt');
  expect(html).toContain('guide.pdf');
  const status = async (page: string, id: string) => (await fetch(`${server.url}${page}/files/${id}`)).status;
  expect(await status(first.page, shared.id)).toBe(200);
  expect(await status(first.page, internal.id)).toBe(404);
  expect(await status(first.page, unsent.id)).toBe(404);
  expect(await status(second.page, shared.id)).toBe(404);
  expect(await status('/t/not-a-real-link', shared.id)).toBe(404);
  expect(await status(first.page, 'no-such-file-id-0000')).toBe(404);
});

test('a file goes out with one reply only, from the agent who uploaded it into that ticket', async () => {
  const { ticket } = await ticketFromCustomer('once@example.test');
  const other = await ticketFromCustomer('other@example.test');
  const colleague = await addAgent(server, { name: 'Colleague' });
  server.track(colleague.socket);
  const file = await uploaded(await uploadInto(ticket.id, { name: 'manual.pdf', bytes: TINY_PDF }));
  const reply = (ticketId: string, socket: AgentClient = admin) =>
    socket.emitWithAck('ticket:reply', { ticketId, reply: { text: 'Attached', attachments: [file.id] } });
  const refused = { ok: false, error: { code: 'VALIDATION_FAILED' } };

  expect(await reply(other.ticket.id)).toMatchObject(refused);
  expect(await reply(ticket.id, colleague.socket)).toMatchObject(refused);
  unwrap(await reply(ticket.id));
  expect(await reply(ticket.id)).toMatchObject(refused);
  // Refused replies left nothing on the timelines.
  const timeline = async (id: string) => unwrap(await admin.emitWithAck('ticket:open', { ticketId: id })).events.map((e) => e.kind);
  expect(await timeline(ticket.id)).toEqual(['created', 'reply']);
  expect(await timeline(other.ticket.id)).toEqual(['created']);
  // A colleague may upload into the ticket too; a ticket that does not exist takes nothing.
  expect((await uploadInto(ticket.id, { name: 'b.pdf', bytes: TINY_PDF }, colleague.token)).status).toBe(201);
  const missing = await uploadInto('no-such-ticket-000000', { name: 'c.pdf', bytes: TINY_PDF });
  expect(missing.status).toBe(404);
  expect(await missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
});

test('a closed ticket still takes a note with a file, and files stay on the timeline after a restart', async () => {
  const { ticket } = await ticketFromCustomer('closed@example.test');
  unwrap(await admin.emitWithAck('ticket:update', { ticketId: ticket.id, update: { status: 'closed' } }));
  const file = await uploaded(await uploadInto(ticket.id, { name: 'call-notes.txt', bytes: Buffer.from('called back\n') }));
  expect(await admin.emitWithAck('ticket:reply', { ticketId: ticket.id, reply: { text: 'Public?', attachments: [file.id] } }))
    .toMatchObject({ ok: false, error: { code: 'CONVERSATION_CLOSED' } });
  unwrap(await admin.emitWithAck('ticket:reply', { ticketId: ticket.id, reply: { text: 'Called', internal: true, attachments: [file.id] } }));

  const { dataDir } = server;
  await server.stop();
  server = await startTestServer({ dataDir });
  const again = await connectAgent(server.url, (await login(server.url, server.admin.email, server.admin.password)).token);
  server.track(again);
  const { events } = unwrap(await again.emitWithAck('ticket:open', { ticketId: ticket.id }));
  expect(events.at(-1)).toMatchObject({ kind: 'note', attachments: [file] });
});

/** The ticket page's reply form as a browser sends it: multipart, the text and the chosen files. */
function replyFromPage(page: string, text: string, files: { name: string; bytes: Buffer; type?: string }[]): Promise<Response> {
  const form = new FormData();
  form.append('text', text);
  for (const file of files) form.append('files', new Blob([file.bytes], { type: file.type ?? 'application/octet-stream' }), file.name);
  // A browser with nothing chosen still sends the empty file part.
  if (files.length === 0) form.append('files', new Blob([]), '');
  return fetch(`${server.url}${page}/reply`, { method: 'POST', body: form, redirect: 'manual' });
}

test("the requester's reply from the page carries their files: agents see and download them, and so does the page", async () => {
  const { ticket, page } = await ticketFromCustomer('files@example.test');
  const form = await (await fetch(`${server.url}${page}`)).text();
  expect(form).toContain('enctype="multipart/form-data"');
  expect(form).toContain('<input id="reply-files" type="file" name="files" multiple');

  const answer = await replyFromPage(page, 'Aquí está la factura y una foto.', [
    { name: 'factura.pdf', bytes: TINY_PDF, type: 'application/pdf' },
    { name: 'foto.png', bytes: PNG_1x1, type: 'image/png' },
  ]);
  expect(answer.status).toBe(303);
  expect(answer.headers.get('location')).toBe(`${page}?done=reply`);
  const { events } = unwrap(await admin.emitWithAck('ticket:open', { ticketId: ticket.id }));
  const reply = events.at(-1);
  expect(reply).toMatchObject({ kind: 'reply', authorKind: 'requester', text: 'Aquí está la factura y una foto.' });
  expect(reply?.attachments.map((file) => [file.name, file.contentType])).toEqual([['factura.pdf', 'application/pdf'], ['foto.png', 'image/png']]);
  const [pdf, png] = reply?.attachments ?? [];
  const forAgent = await fetch(`${server.url}/api/attachments/${pdf?.id}`, { headers: { authorization: `Bearer ${adminToken}` } });
  expect(Buffer.from(await forAgent.arrayBuffer()).equals(TINY_PDF)).toBe(true);
  expect(await (await fetch(`${server.url}${page}`)).text()).toContain(`href="${page}/files/${png?.id}"`);
  expect((await fetch(`${server.url}${page}/files/${png?.id}`)).status).toBe(200);

  // A reply without files is sent as before.
  expect((await replyFromPage(page, 'Nada más.', [])).status).toBe(303);
  expect(unwrap(await admin.emitWithAck('ticket:open', { ticketId: ticket.id })).events.at(-1)).toMatchObject({ text: 'Nada más.', attachments: [] });
});

test('a file alone is a reply on both sides; neither text nor a file is refused, and nothing is recorded', async () => {
  const { ticket, page } = await ticketFromCustomer('screenshot@example.test');
  const eventsNow = async () => unwrap(await admin.emitWithAck('ticket:open', { ticketId: ticket.id })).events;

  // The requester sends a screenshot with the box left empty.
  const fromPage = await replyFromPage(page, '  ', [{ name: 'error.png', bytes: PNG_1x1, type: 'image/png' }]);
  expect(fromPage.headers.get('location')).toBe(`${page}?done=reply`);
  const theirs = (await eventsNow()).at(-1);
  expect(theirs).toMatchObject({ kind: 'reply', authorKind: 'requester', text: '' });
  expect(theirs?.attachments.map((file) => file.name)).toEqual(['error.png']);

  // The agent answers with the corrected invoice alone: the e-mail names it and quotes no text.
  const invoice = await uploaded(await uploadInto(ticket.id, { name: 'factura.pdf', bytes: TINY_PDF }));
  unwrap(await admin.emitWithAck('ticket:reply', { ticketId: ticket.id, reply: { text: '', attachments: [invoice.id] } }));
  expect((await eventsNow()).at(-1)).toMatchObject({ kind: 'reply', authorKind: 'agent', text: '', attachments: [invoice] });
  const mail = server.mailer.sent.at(-1);
  expect(mail).toMatchObject({ template: 'ticket_reply', data: { files: 'factura.pdf' } });
  expect(mail?.data.replyText).toBeFalsy();

  // Both show on the page, each as its files alone.
  const html = await (await fetch(`${server.url}${page}`)).text();
  expect(html).toContain(`href="${page}/files/${theirs?.attachments[0]?.id}"`);
  expect(html).toContain(`href="${page}/files/${invoice.id}"`);

  // Neither text nor a file: refused on both sides, and the timeline is as it was.
  const before = await eventsNow();
  const empty = await replyFromPage(page, ' ', []);
  expect(empty.headers.get('location')).toBe(`${page}?problem=reply_empty`);
  const refused = await admin.emitWithAck('ticket:reply', { ticketId: ticket.id, reply: { text: ' ' } });
  expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  expect(await eventsNow()).toEqual(before);
});

test('a reply whose file is refused is not sent: the page names the file and gives the reply back', async () => {
  const { ticket, page } = await ticketFromCustomer('refused@example.test');
  const refused = await replyFromPage(page, 'Mire el <adjunto>', [
    { name: 'bien.pdf', bytes: TINY_PDF },
    { name: 'página.html', bytes: Buffer.from('<html><script>alert(1)</script></html>'), type: 'text/html' },
  ]);
  expect(refused.status).toBe(400);
  const html = await refused.text();
  expect(html).toContain('No se envió nada: «página.html» no es un tipo de archivo que aceptemos');
  expect(html).toContain('>Mire el &#60;adjunto&#62;</textarea>');

  // Over the size limit, and followed by a good file: the rest of the form is still read, and the answer names the large one.
  const large = Buffer.concat([TINY_PDF, Buffer.alloc(10 * 1024 * 1024)]);
  const tooLarge = await replyFromPage(page, 'Un escaneo grande', [{ name: 'escaneo.pdf', bytes: large }, { name: 'bien.png', bytes: PNG_1x1 }]);
  expect(tooLarge.status).toBe(400);
  expect(await tooLarge.text()).toContain('No se envió nada: «escaneo.pdf» supera los 10 MB.');

  const six = Array.from({ length: 6 }, (_, i) => ({ name: `doc-${i}.pdf`, bytes: TINY_PDF }));
  const tooMany = await replyFromPage(page, 'Seis archivos', six);
  expect(tooMany.status).toBe(400);
  expect(await tooMany.text()).toContain('una respuesta admite como máximo 5 archivos');
  expect(unwrap(await admin.emitWithAck('ticket:open', { ticketId: ticket.id })).events.map((e) => e.kind)).toEqual(['created']);
});

test("a ticket's page takes files at a person's pace: past the upload limit it says to wait and sends nothing", async () => {
  const { ticket, page } = await ticketFromCustomer('busy@example.test');
  const files = Array.from({ length: 5 }, (_, i) => ({ name: `scan-${i}.pdf`, bytes: TINY_PDF }));
  for (let round = 0; round < 4; round += 1) expect((await replyFromPage(page, `Round ${round}`, files)).status).toBe(303);
  const limited = await replyFromPage(page, 'One more', [{ name: 'late.pdf', bytes: TINY_PDF }]);
  expect(limited.status).toBe(429);
  expect(await limited.text()).toContain('demasiados archivos en poco tiempo');
  expect(unwrap(await admin.emitWithAck('ticket:open', { ticketId: ticket.id })).events.at(-1)?.text).toBe('Round 3');
});
