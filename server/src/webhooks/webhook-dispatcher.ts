/**
 * Sends what the webhook queue holds: claims due deliveries under a lease, signs and POSTs them,
 * and retries failures with exponential backoff for a day. Deliveries live in the store, so they
 * survive a restart, and the lease keeps two processes from sending the same one. Ended
 * deliveries leave the log after 30 days.
 */
import { WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TEST_EVENT_TYPE } from '@parley/shared';
import type { Logger } from 'pino';
import { backoffDelayMs, createLeasedQueueWorker, describeError, type BackoffPolicy } from '../jobs/leased-queue-worker';
import type { ClaimedWebhookDelivery, WebhookStore } from '../store/webhook.store';
import { signWebhook } from './webhook-signature';
import { sendWebhook, type SendWebhook } from './webhook-sender';
import type { ResolvingTargetGuard } from './target-guard';

export interface WebhookRetryPolicy extends BackoffPolicy {
  /** No attempt is scheduled later than this after the event: the delivery fails instead. */
  giveUpAfterMs: number;
}

/** 30 s, 1 min, 2 min … capped at 4 h, for a day: about fourteen attempts. */
export const DEFAULT_WEBHOOK_RETRY: WebhookRetryPolicy = { firstDelayMs: 30_000, maxDelayMs: 4 * 3600_000, giveUpAfterMs: 24 * 3600_000 };

export function webhookRetryDelayMs(attempts: number, policy: WebhookRetryPolicy = DEFAULT_WEBHOOK_RETRY): number {
  return backoffDelayMs(attempts, policy);
}

export interface WebhookDispatcherOptions {
  store: WebhookStore;
  guard: ResolvingTargetGuard;
  logger: Logger;
  send?: SendWebhook;
  now?: () => Date;
  /** Longer than any one POST can take (timeoutMs sees to that), or a delivery could go out twice. */
  leaseMs?: number;
  timeoutMs?: number;
  batchSize?: number;
  retry?: WebhookRetryPolicy;
  /** How long delivered and failed deliveries stay in the log (the console's and the API's). */
  keepLogMs?: number;
}

export interface WebhookDispatchReport {
  delivered: number;
  retried: number;
  failed: number;
}

export interface WebhookDispatcher {
  /** Sends every delivery due now (in batches) and reports what happened; prunes the log when due. */
  runOnce(): Promise<WebhookDispatchReport>;
  /** Runs now and then every `intervalMs` after the previous run ends, until stop(). */
  start(intervalMs: number): void;
  /** Runs soon, outside the interval (after a test event was queued); nothing when not started. */
  kick(): void;
  stop(): Promise<void>;
}

type Outcome = keyof WebhookDispatchReport;
const OUTCOMES: readonly Outcome[] = ['delivered', 'retried', 'failed'];

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_BATCH_SIZE = 10;
const USER_AGENT = 'Parley-Webhooks/1';
export const DEFAULT_WEBHOOK_LOG_KEEP_MS = 30 * 24 * 3600_000;
// Pruning deletes in bounded batches, at most this often per process; losing the time of the last
// one (a restart, another process) changes nothing but when the next one runs.
const PRUNE_EVERY_MS = 3600_000;
const PRUNE_BATCH_SIZE = 500;
const MAX_PRUNE_BATCHES = 20;

export function createWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  const { store, guard, logger } = options;
  const send = options.send ?? sendWebhook;
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retry = options.retry ?? DEFAULT_WEBHOOK_RETRY;
  const keepLogMs = options.keepLogMs ?? DEFAULT_WEBHOOK_LOG_KEEP_MS;
  let lastPruneAt = -Infinity;

  async function recordFailure(delivery: ClaimedWebhookDelivery, failure: { error: string; responseStatus: number | null }): Promise<Outcome> {
    const at = now().getTime();
    const nextAttemptAt = at + webhookRetryDelayMs(delivery.attempts, retry);
    const context = { deliveryId: delivery.id, endpointId: delivery.endpointId, attempts: delivery.attempts, err: failure.error };
    if (nextAttemptAt > Date.parse(delivery.createdAt) + retry.giveUpAfterMs) {
      await store.markWebhookFailed(delivery.id, { ...failure, error: `gave up after ${delivery.attempts} attempts: ${failure.error}` });
      logger.warn(context, 'webhook delivery given up');
      return 'failed';
    }
    await store.markWebhookRetry(delivery.id, { ...failure, nextAttemptAt: new Date(nextAttemptAt).toISOString() });
    logger.info(context, 'webhook delivery failed; will retry');
    return 'retried';
  }

  async function deliver(delivery: ClaimedWebhookDelivery): Promise<Outcome> {
    const endpoint = await store.findWebhookEndpoint(delivery.endpointId);
    if (!endpoint || (!endpoint.enabled && delivery.eventType !== WEBHOOK_TEST_EVENT_TYPE)) {
      await store.markWebhookFailed(delivery.id, { error: endpoint ? 'the endpoint is disabled' : 'the endpoint was removed', responseStatus: null });
      return 'failed';
    }
    // Checked again at every attempt: the name may resolve elsewhere now (DNS rebinding).
    const target = await guard.check(endpoint.url, { allowPrivateTargets: endpoint.allowPrivateTargets });
    if (!target.allowed) return recordFailure(delivery, { error: `refused: ${target.reason}`, responseStatus: null });
    const timestamp = Math.floor(now().getTime() / 1000);
    let status: number;
    try {
      ({ status } = await send({
        url: endpoint.url, body: delivery.payload, addresses: target.addresses, timeoutMs,
        headers: {
          [WEBHOOK_SIGNATURE_HEADER]: signWebhook({ secret: endpoint.secret, timestamp, body: delivery.payload }),
          'Parley-Event': delivery.eventType,
          'Parley-Delivery': delivery.id,
          'user-agent': USER_AGENT,
        },
      }));
    } catch (error) {
      return recordFailure(delivery, { error: describeError(error), responseStatus: null });
    }
    if (status < 200 || status >= 300) return recordFailure(delivery, { error: `the endpoint answered HTTP ${status}`, responseStatus: status });
    await store.markWebhookDelivered(delivery.id, { at: now().toISOString(), responseStatus: status });
    return 'delivered';
  }

  async function pruneLogWhenDue(): Promise<void> {
    const at = now().getTime();
    if (at - lastPruneAt < PRUNE_EVERY_MS) return;
    lastPruneAt = at;
    const createdBefore = new Date(at - keepLogMs).toISOString();
    let pruned = 0;
    try {
      for (let batches = 0; batches < MAX_PRUNE_BATCHES; batches += 1) {
        const deleted = await store.pruneWebhookDeliveries({ createdBefore, limit: PRUNE_BATCH_SIZE });
        pruned += deleted;
        if (deleted < PRUNE_BATCH_SIZE) break;
      }
    } catch (error) {
      logger.error({ err: describeError(error) }, 'could not prune the webhook delivery log');
    }
    if (pruned > 0) logger.info({ pruned, createdBefore }, 'pruned old webhook deliveries');
  }

  return createLeasedQueueWorker<ClaimedWebhookDelivery, Outcome>({
    outcomes: OUTCOMES,
    claim: (window) => store.claimDueWebhookDeliveries(window),
    process: deliver,
    afterRun: pruneLogWhenDue,
    logger,
    jobNoun: 'a webhook delivery',
    logContext: (delivery) => ({ deliveryId: delivery.id }),
    runName: 'webhook dispatch',
    now,
    leaseMs: options.leaseMs ?? timeoutMs * 3,
    batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
  });
}
