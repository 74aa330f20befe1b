import { simpleParser } from 'mailparser';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createMailTransport, type OutgoingEmail } from './mail-transport';
import { startSmtpSink, unusedPort, type SmtpSink } from './smtp-sink';

function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

const outgoing: OutgoingEmail = {
  id: 'abc123', messageId: '<abc123@parley.test>', from: 'Parley <no-reply@parley.test>', to: 'anna@example.com', date: '2030-01-01T10:00:00.000Z',
  subject: 'Обращение № 1001 получено', text: 'Мы получили ваше обращение.\n', html: '<p>Мы получили ваше обращение.</p>',
};

describe('createMailTransport without SMTP_URL', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-mail-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('writes each e-mail as an .eml file in DATA_DIR/outbox and logs one line about it', async () => {
    const { logger, lines } = recordingLogger();
    const transport = createMailTransport({ smtpUrl: null, dataDir, logger });
    expect(transport.kind).toBe('file');
    await transport.send(outgoing);

    const outbox = path.join(dataDir, 'outbox');
    expect(fs.readdirSync(outbox)).toEqual(['email-abc123.eml']);
    const parsed = await simpleParser(fs.readFileSync(path.join(outbox, 'email-abc123.eml')));
    expect(parsed.subject).toBe('Обращение № 1001 получено');
    expect(parsed.messageId).toBe('<abc123@parley.test>');
    expect(parsed.text).toBe('Мы получили ваше обращение.\n');
    expect(parsed.html).toContain('<p>Мы получили ваше обращение.</p>');
    expect(parsed.date?.toISOString()).toBe('2030-01-01T10:00:00.000Z');
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, emailId: 'abc123', file: path.join(outbox, 'email-abc123.eml') }),
    ]);
    // Neither the address nor the subject: the log is a copy that erasure and retention do not reach.
    expect(JSON.stringify(lines)).not.toMatch(/anna@example\.com|Обращение/);
    transport.close();
  });

  it('replaces its own file when the same e-mail is sent again', async () => {
    const transport = createMailTransport({ smtpUrl: null, dataDir, logger: pino({ level: 'silent' }) });
    await transport.send(outgoing);
    await transport.send({ ...outgoing, subject: 'again' });
    expect(fs.readdirSync(path.join(dataDir, 'outbox'))).toEqual(['email-abc123.eml']);
    transport.close();
  });

  it("removes the files of discarded e-mails by outbox id, leaves the others, and takes an e-mail never written in its stride", async () => {
    const transport = createMailTransport({ smtpUrl: null, dataDir, logger: pino({ level: 'silent' }) });
    await transport.send(outgoing);
    await transport.send({ ...outgoing, id: 'def456' });
    await transport.discard?.(['abc123', 'never-sent']);
    expect(fs.readdirSync(path.join(dataDir, 'outbox'))).toEqual(['email-def456.eml']);
    transport.close();
  });
});

describe('createMailTransport with SMTP_URL', () => {
  let sink: SmtpSink | null = null;
  afterEach(async () => {
    await sink?.close();
    sink = null;
  });

  it('delivers to the SMTP server', async () => {
    sink = await startSmtpSink();
    const transport = createMailTransport({ smtpUrl: sink.url, dataDir: '/nonexistent', logger: pino({ level: 'silent' }) });
    expect(transport.kind).toBe('smtp');
    await transport.send(outgoing);
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]?.subject).toBe('Обращение № 1001 получено');
    expect(sink.messages[0]?.to).toMatchObject({ text: 'anna@example.com' });
    transport.close();
  });

  it('rejects when the server cannot be reached', async () => {
    const transport = createMailTransport({
      smtpUrl: `smtp://127.0.0.1:${await unusedPort()}`, dataDir: '/nonexistent', logger: pino({ level: 'silent' }),
    });
    await expect(transport.send(outgoing)).rejects.toThrow(/ECONNREFUSED/);
    transport.close();
  });
});
