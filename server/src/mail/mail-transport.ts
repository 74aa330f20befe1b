/** Where rendered e-mails go: an SMTP server when SMTP_URL is set, otherwise .eml files in DATA_DIR/outbox. */
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

export interface OutgoingEmail {
  /** The outbox id: names the .eml file, so a retried e-mail replaces its own file. */
  id: string;
  /** The same on every attempt, so a receiver can recognise a repeated delivery. */
  messageId: string;
  /** The ticket's thread root: sent as In-Reply-To and References, which mail clients thread on. */
  threadId?: string;
  from: string;
  /** MAIL_REPLY_TO: where answers to the e-mail go, when somewhere reads them. */
  replyTo?: string;
  to: string;
  /**
   * When it was queued, for the Date header (RFC 5322: when the message was ready to go). E-mails
   * queued seconds apart may be sent in one batch, side by side: inboxes still order them as the
   * events happened, "we need your answer" before "solved".
   */
  date: string;
  subject: string;
  text: string;
  html: string;
}

export interface MailTransport {
  readonly kind: 'smtp' | 'file';
  /** Resolves once the e-mail is handed over; rejects if it was not (the dispatcher retries). */
  send(email: OutgoingEmail): Promise<void>;
  /** Removes what the transport kept of these e-mails (by outbox id); a missing copy is no error. Absent: it keeps none. */
  discard?(emailIds: readonly string[]): Promise<void>;
  close(): void;
}

/*
 * nodemailer waits up to ten minutes on a silent socket by default. A send must end well within the
 * dispatcher's lease, or another process takes the e-mail over and it goes out twice. The URL's own
 * query parameters (e.g. ?socketTimeout=120000) still win.
 */
const SMTP_TIMEOUTS_MS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 } as const;

function withDefaultTimeouts(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  for (const [name, ms] of Object.entries(SMTP_TIMEOUTS_MS)) {
    if (!url.searchParams.has(name)) url.searchParams.set(name, String(ms));
  }
  return url.toString();
}

const toMessage = (email: OutgoingEmail) => ({
  messageId: email.messageId, from: email.from, to: email.to, date: new Date(email.date),
  ...(email.replyTo ? { replyTo: email.replyTo } : {}),
  ...(email.threadId ? { inReplyTo: email.threadId, references: [email.threadId] } : {}),
  subject: email.subject, text: email.text, html: email.html,
});

export function createSmtpTransport(options: { url: string }): MailTransport {
  const transporter = nodemailer.createTransport(withDefaultTimeouts(options.url));
  return {
    kind: 'smtp',
    async send(email) {
      await transporter.sendMail(toMessage(email));
    },
    close() {
      transporter.close();
    },
  };
}

/** Builds the full RFC 822 message with nodemailer and writes it as a file a mail client can open. */
export function createFileOutboxTransport(options: { dir: string; logger: Logger }): MailTransport {
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  // Named by outbox id, so an erasure, which knows the ids of the e-mails it removed, finds the files.
  const fileOf = (id: string) => path.join(options.dir, `email-${id}.eml`);
  return {
    kind: 'file',
    async send(email) {
      const info = await builder.sendMail(toMessage(email));
      await fs.mkdir(options.dir, { recursive: true });
      const file = fileOf(email.id);
      // Written aside and renamed, so a reader never sees half a message.
      const partial = `${file}.${process.pid}.partial`;
      await fs.writeFile(partial, info.message);
      await fs.rename(partial, file);
      // The file, not its address or subject: a log is a copy that erasure and retention do not reach.
      options.logger.info({ emailId: email.id, file }, 'e-mail written to the outbox folder (SMTP_URL is not set)');
    },
    async discard(emailIds) {
      // force: an e-mail never sent (or already removed) has no file.
      for (const id of emailIds) await fs.rm(fileOf(id), { force: true });
    },
    close() {
      builder.close();
    },
  };
}

export interface MailTransportOptions {
  smtpUrl: string | null;
  dataDir: string;
  logger: Logger;
}

export function createMailTransport(options: MailTransportOptions): MailTransport {
  if (options.smtpUrl) return createSmtpTransport({ url: options.smtpUrl });
  return createFileOutboxTransport({ dir: path.join(options.dataDir, 'outbox'), logger: options.logger });
}
