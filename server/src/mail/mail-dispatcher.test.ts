import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { ParsedMail } from 'mailparser';
import type { EmailRequest, Mailer } from '../domain/mailer.port';
import type { EmailOutboxStore } from '../store/email-outbox.store';
import { migrate } from '../store/sqlite/migrations';
import { sqliteEmailOutbox } from '../store/sqlite/sqlite-email-outbox';
import { createDurableMailer } from './durable-mailer';
import { createEmailRenderer } from './email-renderer';
import { DEFAULT_RETRY_POLICY, createMailDispatcher, type MailDispatcherOptions } from './mail-dispatcher';
import { createSmtpTransport, type MailTransport, type OutgoingEmail } from './mail-transport';
import { startSmtpSink, unusedPort, type SmtpSink } from './smtp-sink';

const FROM = 'Parley <no-reply@parley.test>';
const silent = pino({ level: 'silent' });
const renderer = createEmailRenderer();

const ticketReceived = (overrides: Partial<EmailRequest> = {}): EmailRequest => ({
  siteId: 'site-1', to: 'anna@example.com', locale: 'ru', template: 'ticket_received',
  data: { siteName: 'Acme', requesterName: 'Анна', ticketNumber: 1001, subject: 'Принтер не печатает', link: 'https://help.acme.test/t/abc' },
  ...overrides,
});

/** A transport that fails every time, as an SMTP server refusing us would. */
const refusingTransport = (): MailTransport => ({
  kind: 'smtp',
  send: () => Promise.reject(new Error('451 try again later')),
  close: () => undefined,
});

function openDb(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

describe('createMailDispatcher over the SQLite outbox', () => {
  let dir: string;
  let dbs: Database.Database[];
  let outbox: EmailOutboxStore;
  let mailer: Mailer;
  let clock: Date;
  let sink: SmtpSink | null;
  let transports: MailTransport[];

  const now = () => clock;
  const advance = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };
  const openOutbox = () => {
    const db = openDb(path.join(dir, 'parley.db'));
    dbs.push(db);
    return sqliteEmailOutbox(db);
  };
  const smtp = (url: string) => {
    const transport = createSmtpTransport({ url });
    transports.push(transport);
    return transport;
  };
  const dispatcher = (options: Partial<MailDispatcherOptions> & Pick<MailDispatcherOptions, 'transport'>) =>
    createMailDispatcher({ store: outbox, render: renderer.render, logger: silent, from: FROM, now, ...options });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-dispatch-'));
    dbs = [];
    transports = [];
    sink = null;
    clock = new Date('2030-01-01T10:00:00.000Z');
    outbox = openOutbox();
    mailer = createDurableMailer({ store: outbox, render: renderer.render, now });
  });
  afterEach(async () => {
    for (const transport of transports) transport.close();
    await sink?.close();
    for (const db of dbs) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('delivers a queued ticket_received e-mail, written in Russian, to a real SMTP server', async () => {
    sink = await startSmtpSink();
    await mailer.enqueue(ticketReceived());
    const [queued] = await outbox.listOutbox();

    expect(await dispatcher({ transport: smtp(sink.url) }).runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });

    expect(sink.messages).toHaveLength(1);
    const message = sink.messages[0]!;
    expect(message.subject).toBe('Обращение № 1001: Принтер не печатает');
    expect(message.text).toContain('Здравствуйте, Анна!');
    expect(message.text).toContain('Мы получили ваше обращение и ответим вам по электронной почте. Обращение № 1001: Принтер не печатает');
    expect(message.html).toContain('<a href="https://help.acme.test/t/abc"');
    expect(message.from?.value).toEqual([{ name: 'Parley', address: 'no-reply@parley.test' }]);
    expect(message.messageId).toBe(`<${queued!.id}@parley.test>`);
    expect(message.date?.toISOString()).toBe(queued!.createdAt);
    expect(await outbox.listOutbox()).toEqual([
      expect.objectContaining({ status: 'sent', attempts: 1, sentAt: clock.toISOString(), leaseUntil: null }),
    ]);
  });

  it('dates each e-mail when it was queued, so one sent later in a batch still reads as the earlier event', async () => {
    sink = await startSmtpSink();
    await mailer.enqueue(ticketReceived({ template: 'ticket_pending', data: { ...ticketReceived().data, replyText: 'Номер заказа?' } }));
    clock = new Date(clock.getTime() + 2000);
    await mailer.enqueue(ticketReceived({ template: 'ticket_solved', data: { ...ticketReceived().data, replyText: '' } }));
    clock = new Date(clock.getTime() + 10_000);

    expect(await dispatcher({ transport: smtp(sink.url) }).runOnce()).toEqual({ sent: 2, retried: 0, failed: 0 });

    const dates = sink.messages.map((m) => m.date?.toISOString()).sort();
    expect(dates).toEqual(['2030-01-01T10:00:00.000Z', '2030-01-01T10:00:02.000Z']);
  });

  it('threads every e-mail about one ticket (In-Reply-To and References name the ticket), each with its own Message-ID', async () => {
    sink = await startSmtpSink();
    const aboutTicket = (ticketId: string, template: EmailRequest['template'], extra: EmailRequest['data'] = {}) =>
      ticketReceived({ template, data: { ...ticketReceived().data, ticketId, ...extra } });
    await mailer.enqueue(aboutTicket('t-1', 'ticket_received'));
    await mailer.enqueue(aboutTicket('t-1', 'ticket_reply', { agentName: 'Ада', replyText: 'Перезагрузите принтер.' }));
    await mailer.enqueue(aboutTicket('t-1', 'ticket_solved', { replyText: '' }));
    await mailer.enqueue(aboutTicket('t-2', 'ticket_received'));
    await mailer.enqueue(ticketReceived({ template: 'chat_transcript', data: { siteName: 'Acme', transcript: 'Анна: привет' } }));

    expect(await dispatcher({ transport: smtp(sink.url) }).runOnce()).toEqual({ sent: 5, retried: 0, failed: 0 });

    const inThread = (ticketId: string) => sink!.messages.filter((m) => m.inReplyTo === `<ticket-${ticketId}@parley.test>`);
    const ofTicketOne = inThread('t-1');
    // One subject for all of them too: Gmail and Outlook thread on it.
    expect(ofTicketOne.map((m) => m.subject)).toEqual(Array(3).fill('Обращение № 1001: Принтер не печатает'));
    for (const message of ofTicketOne) expect(message.references).toBe('<ticket-t-1@parley.test>');
    expect(new Set(ofTicketOne.map((m) => m.messageId)).size).toBe(3);
    expect(ofTicketOne.map((m) => m.messageId)).not.toContain('<ticket-t-1@parley.test>');
    expect(inThread('t-2')).toHaveLength(1);
    // An e-mail about no ticket starts no thread.
    const transcript = sink.messages.find((m) => m.subject?.startsWith('Запись вашего чата'));
    expect(transcript?.inReplyTo).toBeUndefined();
    expect(transcript?.references).toBeUndefined();
  });

  it('sets Reply-To to MAIL_REPLY_TO when there is one, and no Reply-To when there is none', async () => {
    sink = await startSmtpSink();
    await mailer.enqueue(ticketReceived());
    await dispatcher({ transport: smtp(sink.url) }).runOnce();
    await mailer.enqueue(ticketReceived());
    await dispatcher({ transport: smtp(sink.url), replyTo: 'Acme Support <support@acme.test>' }).runOnce();

    expect(sink.messages.map((m) => m.replyTo?.value)).toEqual([undefined, [{ name: 'Acme Support', address: 'support@acme.test' }]]);
  });

  it("asks to be answered at the ticket's own reply address when replies come by e-mail, and at MAIL_REPLY_TO otherwise", async () => {
    sink = await startSmtpSink();
    const replyAddressFor = (ticketId: string) => (ticketId === 't-long' ? null : `r-${ticketId}@reply.acme.test`);
    await mailer.enqueue(ticketReceived({ data: { ...ticketReceived().data, ticketId: 't-1' } }));
    await mailer.enqueue(ticketReceived({ data: { ...ticketReceived().data, ticketId: 't-long' } }));
    await mailer.enqueue(ticketReceived({ template: 'chat_transcript', data: { siteName: 'Acme', transcript: 'Анна: привет' } }));
    await dispatcher({ transport: smtp(sink.url), replyTo: 'support@acme.test', replyAddressFor }).runOnce();

    const replyToOf = (match: (m: ParsedMail) => boolean) => sink!.messages.find(match)?.replyTo?.value.map((a) => a.address);
    expect(replyToOf((m) => m.inReplyTo === '<ticket-t-1@parley.test>')).toEqual(['r-t-1@reply.acme.test']);
    expect(replyToOf((m) => m.inReplyTo === '<ticket-t-long@parley.test>')).toEqual(['support@acme.test']);
    expect(replyToOf((m) => m.inReplyTo === undefined)).toEqual(['support@acme.test']);
  });

  it('keeps an e-mail the SMTP server could not take (attempts 1) and sends it after the backoff', async () => {
    const port = await unusedPort();
    const send = dispatcher({ transport: smtp(`smtp://127.0.0.1:${port}`) });
    await mailer.enqueue(ticketReceived());

    expect(await send.runOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
    const [waiting] = await outbox.listOutbox();
    expect(waiting).toMatchObject({
      status: 'pending', attempts: 1, lastError: expect.stringMatching(/ECONNREFUSED/),
      nextAttemptAt: new Date(clock.getTime() + 30_000).toISOString(),
    });

    sink = await startSmtpSink(port);
    expect(await send.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    advance(30_000);
    expect(await send.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(sink.messages.map((m) => m.subject)).toEqual(['Обращение № 1001: Принтер не печатает']);
    expect(await outbox.listOutbox()).toEqual([expect.objectContaining({ status: 'sent', attempts: 2 })]);
  });

  it('retries a throwing transport with doubling waits and gives up only after the last attempt, about a day later', async () => {
    const send = dispatcher({ transport: refusingTransport() });
    await mailer.enqueue(ticketReceived());
    const started = clock.getTime();
    const waits: number[] = [];

    for (let attempt = 1; attempt < DEFAULT_RETRY_POLICY.maxAttempts; attempt += 1) {
      expect(await send.runOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
      const [email] = await outbox.listOutbox();
      expect(email).toMatchObject({ status: 'pending', attempts: attempt, lastError: '451 try again later' });
      waits.push(Date.parse(email!.nextAttemptAt) - clock.getTime());
      clock = new Date(email!.nextAttemptAt);
    }
    expect(await send.runOnce()).toEqual({ sent: 0, retried: 0, failed: 1 });

    const minute = 60_000;
    expect(waits.slice(0, 4)).toEqual([0.5 * minute, minute, 2 * minute, 4 * minute]);
    expect(Math.max(...waits)).toBe(6 * 60 * minute);
    const hoursTrying = (clock.getTime() - started) / (60 * minute);
    expect(hoursTrying).toBeGreaterThan(18);
    expect(hoursTrying).toBeLessThan(30);
    expect(await outbox.listOutbox()).toEqual([
      expect.objectContaining({ status: 'failed', attempts: DEFAULT_RETRY_POLICY.maxAttempts, lastError: '451 try again later' }),
    ]);
  });

  it('retries an e-mail whose rendering fails instead of dropping it', async () => {
    await outbox.enqueueEmail({ ...ticketReceived(), template: 'from_a_newer_version', at: clock.toISOString() });
    expect(await dispatcher({ transport: refusingTransport() }).runOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await outbox.listOutbox()).toEqual([
      expect.objectContaining({ status: 'pending', attempts: 1, lastError: expect.stringMatching(/unknown e-mail template/) }),
    ]);
  });

  it('never sends an e-mail twice when two dispatchers share one SQLite file', async () => {
    sink = await startSmtpSink();
    for (let n = 0; n < 20; n += 1) {
      await mailer.enqueue(ticketReceived({ to: `customer${n}@example.com`, data: { ...ticketReceived().data, ticketNumber: 2000 + n } }));
    }
    const ids = (await outbox.listOutbox()).map((e) => e.id);
    const first = dispatcher({ store: openOutbox(), transport: smtp(sink.url), batchSize: 3 });
    const second = dispatcher({ store: openOutbox(), transport: smtp(sink.url), batchSize: 3 });

    const reports = await Promise.all([first.runOnce(), second.runOnce()]);

    expect(reports.map((r) => r.sent).reduce((a, b) => a + b)).toBe(20);
    expect(reports.every((r) => r.sent > 0)).toBe(true);
    expect(sink.messages).toHaveLength(20);
    expect(sink.messages.map((m) => m.messageId).sort()).toEqual(ids.map((id) => `<${id}@parley.test>`).sort());
    expect(await outbox.listOutbox({ status: 'sent' })).toHaveLength(20);
  });

  it('takes over an e-mail whose dispatcher died mid-send, once its lease has lapsed', async () => {
    sink = await startSmtpSink();
    await mailer.enqueue(ticketReceived());
    // The first dispatcher claims and then dies: nothing is sent, the e-mail stays `sending`.
    await outbox.claimDueEmails({ now: clock.toISOString(), leaseUntil: new Date(clock.getTime() + 600_000).toISOString(), limit: 10 });
    const survivor = dispatcher({ store: openOutbox(), transport: smtp(sink.url) });

    expect(await survivor.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    advance(600_001);
    expect(await survivor.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(sink.messages).toHaveLength(1);
    expect(await outbox.listOutbox()).toEqual([expect.objectContaining({ status: 'sent', attempts: 2 })]);
  });

  it('sends on its own once started, and stop() waits for the run in progress', async () => {
    let delivered: (email: OutgoingEmail) => void = () => undefined;
    const arrived = new Promise<OutgoingEmail>((resolve) => {
      delivered = resolve;
    });
    const transport: MailTransport = {
      kind: 'file',
      send: async (email) => delivered(email),
      close: () => undefined,
    };
    await mailer.enqueue(ticketReceived({ locale: 'es' }));
    const running = dispatcher({ transport });
    running.start(20);

    expect((await arrived).subject).toBe('Solicitud n.º 1001: Принтер не печатает');
    await running.stop();
    expect(await outbox.listOutbox()).toEqual([expect.objectContaining({ status: 'sent' })]);
  });
});
