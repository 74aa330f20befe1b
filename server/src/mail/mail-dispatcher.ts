/** Sends what the outbox holds: claims due e-mails, renders and sends them, and retries failures with backoff. */
import type { Logger } from 'pino';
import type { EmailOutboxStore, OutboxEmail } from '../store/email-outbox.store';
import type { RenderEmail } from './email-renderer';
import type { MailTransport } from './mail-transport';

export interface RetryPolicy {
  /** Attempts before the e-mail is marked failed. */
  maxAttempts: number;
  /** The wait after the first failure; each later failure doubles it, up to maxDelayMs. */
  firstDelayMs: number;
  maxDelayMs: number;
}

/** 30 s, 1 min, 2 min … capped at 6 h: the thirteenth and last attempt comes about 20 h after the first. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 13, firstDelayMs: 30_000, maxDelayMs: 6 * 3600_000 };

/** How long to wait after the `attempts`-th failed attempt. */
export function retryDelayMs(attempts: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  const doublings = Math.max(0, attempts - 1);
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.min(doublings, 40));
}

export interface MailDispatcherOptions {
  store: EmailOutboxStore;
  transport: MailTransport;
  render: RenderEmail;
  logger: Logger;
  /** The From header (MAIL_FROM). */
  from: string;
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
/** A run yields after this many batches, so one busy outbox cannot hold the loop forever. */
const MAX_BATCHES_PER_RUN = 50;

type Outcome = keyof DispatchReport;

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error)) || 'unknown error';

/** A stable Message-ID in the sender's domain, derived from the outbox id. */
function messageIdFor(id: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'parley.local';
  return `<${id}@${domain}>`;
}

export function createMailDispatcher(options: MailDispatcherOptions): MailDispatcher {
  const { store, transport, render, logger } = options;
  const now = options.now ?? (() => new Date());
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const later = (ms: number) => new Date(now().getTime() + ms).toISOString();

  async function send(email: OutboxEmail): Promise<void> {
    const rendered = render(email);
    await transport.send({ id: email.id, messageId: messageIdFor(email.id, options.from), from: options.from, to: email.to, ...rendered });
  }

  async function recordFailure(email: OutboxEmail, error: unknown): Promise<Outcome> {
    const reason = describe(error);
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

  async function deliverLogged(email: OutboxEmail): Promise<Outcome | null> {
    try {
      return await deliver(email);
    } catch (error) {
      logger.error({ emailId: email.id, err: describe(error) }, 'could not record the outcome of an e-mail');
      return null;
    }
  }

  async function runOnce(): Promise<DispatchReport> {
    const report: DispatchReport = { sent: 0, retried: 0, failed: 0 };
    for (let batches = 0; batches < MAX_BATCHES_PER_RUN; batches += 1) {
      const claimed = await store.claimDueEmails({ now: now().toISOString(), leaseUntil: later(leaseMs), limit: batchSize });
      for (const outcome of await Promise.all(claimed.map(deliverLogged))) if (outcome) report[outcome] += 1;
      if (claimed.length < batchSize) break;
    }
    return report;
  }

  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let active = false;

  function schedule(delayMs: number, intervalMs: number): void {
    timer = setTimeout(() => {
      running = runOnce().then(
        () => undefined,
        (error: unknown) => logger.error({ err: describe(error) }, 'e-mail dispatch run failed'),
      );
      void running.then(() => {
        running = null;
        if (active) schedule(intervalMs, intervalMs);
      });
    }, delayMs);
    // The dispatcher alone never keeps a process alive.
    timer.unref();
  }

  return {
    runOnce,
    start(intervalMs) {
      if (active) return;
      active = true;
      schedule(0, intervalMs);
    },
    async stop() {
      active = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
