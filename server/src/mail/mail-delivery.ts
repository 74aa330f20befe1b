/** Puts the e-mail pieces together for the composition root: one mailer for the domain, one dispatcher to run. */
import type { Logger } from 'pino';
import type { Mailer } from '../domain/mailer.port';
import type { EmailOutboxStore } from '../store/email-outbox.store';
import { createDurableMailer } from './durable-mailer';
import { createEmailRenderer, type EmailRenderer } from './email-renderer';
import { createMailDispatcher, type MailDispatcher } from './mail-dispatcher';
import { createMailTransport, type MailTransport } from './mail-transport';

export interface MailDeliveryOptions {
  store: EmailOutboxStore;
  logger: Logger;
  /** SMTP_URL; without it e-mails are written to `<dataDir>/outbox/*.eml`. */
  smtpUrl: string | null;
  dataDir: string;
  /** MAIL_FROM. */
  from: string;
  /** MAIL_REPLY_TO: set as Reply-To; when null, ticket e-mails say that replies are not read. */
  replyTo?: string | null;
  /** With replies by e-mail: each ticket's own reply address, its e-mails' Reply-To. */
  replyAddressFor?: (ticketId: string) => string | null;
  now?: () => Date;
  /** Replaces the SMTP or file transport (tests). */
  transport?: MailTransport;
}

export interface MailDelivery {
  mailer: Mailer;
  dispatcher: MailDispatcher;
  renderer: EmailRenderer;
  /** Stops the dispatcher (waiting for a run in progress) and closes the transport. */
  close(): Promise<void>;
}

export function createMailDelivery(options: MailDeliveryOptions): MailDelivery {
  const { store, logger, now } = options;
  const replyTo = options.replyTo ?? null;
  const renderer = createEmailRenderer({ repliesRead: replyTo !== null || options.replyAddressFor !== undefined });
  const transport = options.transport ?? createMailTransport({ smtpUrl: options.smtpUrl, dataDir: options.dataDir, logger });
  const mailer: Mailer = {
    ...createDurableMailer({ store, render: renderer.render, now }),
    // An SMTP server's copy is its own; the file transport's is ours to remove.
    discardCopies: async (emailIds) => transport.discard?.(emailIds),
  };
  const dispatcher = createMailDispatcher({
    store, transport, render: renderer.render, logger, from: options.from, replyTo, now,
    ...(options.replyAddressFor ? { replyAddressFor: options.replyAddressFor } : {}),
  });
  return {
    mailer, dispatcher, renderer,
    async close() {
      await dispatcher.stop();
      transport.close();
    },
  };
}
