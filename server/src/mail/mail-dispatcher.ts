/** Sends what the outbox holds: claims due e-mails, renders and sends them, and retries failures with backoff. */
import type { Logger } from 'pino';
import { backoffDelayMs, createLeasedQueueWorker, describeError, type BackoffPolicy } from '../jobs/leased-queue-worker';
import type { EmailOutboxStore, OutboxEmail } from '../store/email-outbox.store';
import type { RenderEmail } from './email-renderer';
import type { MailTransport } from './mail-transport';

export interface RetryPolicy extends BackoffPolicy {
  /** Attempts before the e-mail is marked failed. */
  maxAttempts: number;
}

/** 30 s, 1 min, 2 min … capped at 6 h: the thirteenth and last attempt comes about 20 h after the first. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 13, firstDelayMs: 30_000, maxDelayMs: 6 * 3600_000 };

/** How long to wait after the `attempts`-th failed attempt. */
export function retryDelayMs(attempts: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  return backoffDelayMs(attempts, policy);
}

export interface MailDispatcherOptions {
  store: EmailOutboxStore;
  transport: MailTransport;
  render: RenderEmail;
  logger: Logger;
  /** The From header (MAIL_FROM). */
  from: string;
  /** The Reply-To header (MAIL_REPLY_TO); none when unset. */
  replyTo?: string | null;
  /** A ticket's own reply address (replies by e-mail), which an e-mail about it is answered at instead. */
  replyAddressFor?: (ticketId: string) => string | null;
  now?: () => Date;
  /**
   * How long a claim holds before another dispatcher may take the e-mail over. Longer than any one
   * send can take (the SMTP transport's timeouts see to that), or an e-mail could go out twice.
   */
  leaseMs?: number;
  /** E-mails claimed, and sent side by side, at a time. */
  batchSize?: number;
  retry?: RetryPolicy;
}

export interface DispatchReport {
  sent: number;
  retried: number;
  failed: number;
}

export interface MailDispatcher {
  /** Sends every e-mail due now (in batches) and reports what happened. */
  runOnce(): Promise<DispatchReport>;
  /** Runs now and then every `intervalMs` after the previous run ends, until stop(). */
  start(intervalMs: number): void;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

const DEFAULT_LEASE_MS = 10 * 60_000;
const DEFAULT_BATCH_SIZE = 10;

type Outcome = keyof DispatchReport;
const OUTCOMES: readonly Outcome[] = ['sent', 'retried', 'failed'];

const senderDomain = (from: string): string => /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'parley.local';

/** A stable Message-ID in the sender's domain, derived from the outbox id. */
function messageIdFor(id: string, from: string): string {
  return `<${id}@${senderDomain(from)}>`;
}

/**
 * The id every e-mail about one ticket refers to (References, In-Reply-To), so mail clients show a
 * ticket's e-mails as one thread. No e-mail carries it as its own Message-ID: each keeps its own.
 */
export function ticketThreadIdFor(ticketId: string, from: string): string {
  return `<ticket-${ticketId}@${senderDomain(from)}>`;
}

/** The ticket an outbox e-mail is about, if any. */
function ticketIdOf(email: OutboxEmail): string | undefined {
  const { ticketId } = email.data;
  return typeof ticketId === 'string' && ticketId !== '' ? ticketId : undefined;
}

export function createMailDispatcher(options: MailDispatcherOptions): MailDispatcher {
  const { store, transport, render, logger } = options;
  const now = options.now ?? (() => new Date());
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const later = (ms: number) => new Date(now().getTime() + ms).toISOString();

  async function send(email: OutboxEmail): Promise<void> {
    const rendered = render(email);
    const ticketId = ticketIdOf(email);
    const threadId = ticketId && ticketThreadIdFor(ticketId, options.from);
    const replyTo = (ticketId && options.replyAddressFor?.(ticketId)) || options.replyTo;
    await transport.send({
      id: email.id, messageId: messageIdFor(email.id, options.from), ...(threadId ? { threadId } : {}),
      from: options.from, ...(replyTo ? { replyTo } : {}), to: email.to, date: email.createdAt, ...rendered,
    });
  }

  async function recordFailure(email: OutboxEmail, error: unknown): Promise<Outcome> {
    const reason = describeError(error);
    const context = { emailId: email.id, template: email.template, attempts: email.attempts, err: reason };
    if (email.attempts >= retry.maxAttempts) {
      await store.markEmailFailed(email.id, reason);
      logger.error(context, 'e-mail given up after its last attempt');
      return 'failed';
    }
    const nextAttemptAt = later(retryDelayMs(email.attempts, retry));
    await store.markEmailRetry(email.id, { error: reason, nextAttemptAt });
    logger.warn({ ...context, nextAttemptAt }, 'e-mail not sent; will retry');
    return 'retried';
  }

  async function deliver(email: OutboxEmail): Promise<Outcome> {
    try {
      await send(email);
    } catch (error) {
      return recordFailure(email, error);
    }
    // Sent: from here on a failure must not lead to a retry, only to a log line (the lease then
    // lapses and the e-mail may go out once more, which beats losing it).
    await store.markEmailSent(email.id, now().toISOString());
    logger.debug({ emailId: email.id, template: email.template }, 'e-mail sent');
    return 'sent';
  }

  const worker = createLeasedQueueWorker<OutboxEmail, Outcome>({
    outcomes: OUTCOMES,
    claim: (window) => store.claimDueEmails(window),
    process: deliver,
    logger,
    jobNoun: 'an e-mail',
    logContext: (email) => ({ emailId: email.id }),
    runName: 'e-mail dispatch',
    now,
    leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
    batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
  });
  return { runOnce: worker.runOnce, start: worker.start, stop: worker.stop };
}
