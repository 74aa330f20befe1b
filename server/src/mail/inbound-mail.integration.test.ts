/** Replies by e-mail over real SMTP: a requester's answer to a ticket's e-mail lands on the ticket, and nothing else does. */
import nodemailer from 'nodemailer';
import pino from 'pino';
import type { Ticket } from '@parley/shared';
import { createTicketReplyAddresses } from '../domain/ticket-reply-address';
import { connectVisitor, unwrap } from '../test-support/clients';
import { startTestServer, TEST_ADMIN, type TestServer } from '../test-support/test-server';
import { PNG_1x1, TINY_PDF } from '../test-support/attachment-fixtures';
import { startInboundMail, type InboundMail } from './inbound-mail';

const DOMAIN = 'reply.acme.test';
const addresses = createTicketReplyAddresses({ secret: 'inbound test secret', domain: DOMAIN });
let server: TestServer;
let inbound: InboundMail;
let ticket: Ticket;
let replyAddress: string;

beforeEach(async () => {
  server = await startTestServer();
  inbound = await startInboundMail({
    port: 0, host: '127.0.0.1', domain: DOMAIN, addresses, tickets: server.app.tickets, files: server.app.attachments, logger: pino({ level: 'silent' }),
  });
  const { socket } = await connectVisitor(server.url, { siteKey: server.site.key });
  unwrap(await socket.emitWithAck('ticket:create', { name: 'Lucía', email: 'Lucia@Example.test', message: '¿Hacen envíos a Canarias?' }));
  socket.disconnect();
  const ticketId = String(server.mailer.sent[0]?.data.ticketId);
  ticket = (await server.store.findTicket(ticketId)) as Ticket;
  replyAddress = addresses.addressFor(ticket.id) ?? '';
});
afterEach(async () => {
  await inbound.close();
  await server.stop();
});

const send = (mail: nodemailer.SendMailOptions) =>
  nodemailer.createTransport({ host: '127.0.0.1', port: inbound.port, secure: false, ignoreTLS: true }).sendMail({
    from: 'Lucía <lucia@example.test>', to: replyAddress, subject: `Re: Request #${ticket.number}`, ...mail,
  });
const repliesOnTicket = async () =>
  (await server.store.listTicketEvents(ticket.id)).filter((e) => e.kind === 'reply').map((e) => [e.authorKind, e.text]);
/** What the site's admin does from the console. */
async function setStatus(status: 'solved' | 'closed') {
  const admin = await server.store.findAgentWithSecretByEmail(TEST_ADMIN.email);
  if (!admin) throw new Error('the test admin exists');
  await server.app.tickets.update(admin, ticket.id, { status });
}
const quoted = '\n\nOn Tue, 24 Nov 2026 at 10:00, Acme <no-reply@acme.test> wrote:\n> We received your request.\n> Reply to this e-mail to add to it.\n';

test("an answer to a ticket's e-mail becomes the requester's reply, without the quoted e-mail or the signature", async () => {
  await send({ text: `Sí, a Tenerife.\nGracias\n\n-- \nLucía Pérez\nSent from my phone${quoted}` });
  expect(await repliesOnTicket()).toEqual([['requester', 'Sí, a Tenerife.\nGracias']]);
  expect((await server.store.findTicket(ticket.id))?.status).toBe(ticket.status);

  // An HTML-only e-mail is read as text; an address in capitals still reaches the ticket.
  await send({ to: replyAddress.toUpperCase(), html: '<p>And to <b>La Palma</b>?</p>' });
  expect((await repliesOnTicket()).at(-1)).toEqual(['requester', 'And to La Palma?']);
});

test('an answer reopens a solved ticket, as one on its page does', async () => {
  await setStatus('solved');
  await send({ text: `It has not arrived after all.${quoted}` });
  expect((await server.store.findTicket(ticket.id))?.status).toBe('open');
});

test('the same e-mail delivered again (its sending server never heard our answer) is accepted and stored once', async () => {
  const mail = { messageId: '<retry-1@mail.example.test>', text: `Sí, a Tenerife.${quoted}` };
  await send(mail);
  await setStatus('solved');
  const again = await send(mail);
  expect(again.rejected).toEqual([]);
  expect(await repliesOnTicket()).toEqual([['requester', 'Sí, a Tenerife.']]);
  // Nor does the second delivery reopen what was solved since.
  expect((await server.store.findTicket(ticket.id))?.status).toBe('solved');
  // Another e-mail with the same words is a new reply.
  await send({ text: `Sí, a Tenerife.${quoted}` });
  expect(await repliesOnTicket()).toHaveLength(2);
});

test('refuses, with a reason its sender reads, mail from another address, to an unknown address, with nothing above the quote, or about a closed request', async () => {
  await expect(send({ from: 'someone@else.test', text: 'Let me in' })).rejects.toThrow(/550.*Replies are taken only from the address/);
  await expect(send({ to: `support@${DOMAIN}`, text: 'Hello' })).rejects.toThrow(/550.*no such address/);
  const forged = replyAddress.replace(/-[0-9a-f]{16}@/, '-0123456789abcdef@');
  await expect(send({ to: forged, text: 'Hello' })).rejects.toThrow(/550.*no such address/);
  await expect(send({ text: quoted })).rejects.toThrow(/550.*Write your answer above the quoted e-mail/);
  expect(await repliesOnTicket()).toEqual([]);

  await setStatus('closed');
  await expect(send({ text: 'One more thing' })).rejects.toThrow(/550.*closed; please open a new one/);
});

test("an answer's files go with it when they pass an upload's checks; the others are left out, not the answer", async () => {
  const photo = PNG_1x1;
  await send({
    messageId: '<with-files@mail.example.test>',
    text: `Adjunto la foto del paquete.${quoted}`,
    attachments: [
      { filename: 'paquete.png', content: photo, contentType: 'image/png' },
      { filename: 'invite.html', content: '<html><body>Hi</body></html>', contentType: 'text/html' },
      { filename: 'albarán.pdf', content: TINY_PDF, contentType: 'application/pdf' },
    ],
  });
  const reply = (await server.store.listTicketEvents(ticket.id)).find((e) => e.kind === 'reply');
  expect(reply?.text).toBe('Adjunto la foto del paquete.');
  expect(reply?.attachments.map((a) => [a.name, a.contentType])).toEqual([['paquete.png', 'image/png'], ['albarán.pdf', 'application/pdf']]);
  // Agents and the requester's page download them.
  const admin = await server.store.findAgentWithSecretByEmail(TEST_ADMIN.email);
  const { file } = await server.app.attachments.open({ kind: 'agent', agent: admin as NonNullable<typeof admin> }, reply?.attachments[0]?.id ?? '');
  const chunks: Buffer[] = [];
  for await (const chunk of file.stream) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).equals(photo)).toBe(true);
  await expect(server.app.attachments.open({ kind: 'requester', ticketId: ticket.id }, reply?.attachments[1]?.id ?? '')).resolves.toBeTruthy();

  // Delivered again: taken once, and its files are not stored a second time.
  const before = await server.store.listUnsentAttachments({ before: new Date(Date.now() + 60_000).toISOString(), limit: 10 });
  await send({ messageId: '<with-files@mail.example.test>', text: `Adjunto la foto del paquete.${quoted}`, attachments: [{ filename: 'paquete.png', content: photo }] });
  expect(await server.store.listUnsentAttachments({ before: new Date(Date.now() + 60_000).toISOString(), limit: 10 })).toEqual(before);
  expect(await repliesOnTicket()).toHaveLength(1);
});

test('an answer with a file and nothing written above the quote is taken: the file is the reply', async () => {
  await send({ text: quoted, attachments: [{ filename: 'recibo.pdf', content: TINY_PDF, contentType: 'application/pdf' }] });
  const reply = (await server.store.listTicketEvents(ticket.id)).find((e) => e.kind === 'reply');
  expect(reply).toMatchObject({ authorKind: 'requester', text: '' });
  expect(reply?.attachments.map((a) => a.name)).toEqual(['recibo.pdf']);
  // A file the checks refuse leaves nothing to take: refused as an empty answer.
  await expect(send({ text: quoted, attachments: [{ filename: 'page.html', content: '<html></html>', contentType: 'text/html' }] }))
    .rejects.toThrow(/550.*Write your answer above the quoted e-mail/);
  expect(await repliesOnTicket()).toHaveLength(1);
});

test('a Russian mail client\'s line introducing the quote is not taken as part of the reply', async () => {
  await send({ text: 'Да, на Тенерифе.\n\n26 нояб. 2026 г., в 14:04, Acme <no-reply@acme.test> написал(а):\n\n> We received your request.\n' });
  expect(await repliesOnTicket()).toEqual([['requester', 'Да, на Тенерифе.']]);
});

test('a reply too long is refused saying so, and how to still send it: shorter, or on the request\'s page', async () => {
  const refused: unknown = await send({ text: `${'Muy largo. '.repeat(600)}${quoted}` }).catch((error: unknown) => error);
  const message = refused instanceof Error ? refused.message : '';
  const link = String(server.mailer.sent[0]?.data.link);
  expect(message).toContain(`550 5.6.0 Your reply is too long: at most 5,000 characters. Please shorten it, or answer on the request's page: ${link}`);
  // Nothing was quoted wrong: the advice about the quoted e-mail is for an empty answer only.
  expect(message).not.toContain('quoted');
  expect(await repliesOnTicket()).toEqual([]);
});

test('takes an out-of-office notice and drops it: answering it could start a loop', async () => {
  await send({ text: 'I am away until Monday.', headers: { 'Auto-Submitted': 'auto-replied' } });
  await send({ text: 'Out of office', headers: { Precedence: 'auto_reply' } });
  expect(await repliesOnTicket()).toEqual([]);
});
