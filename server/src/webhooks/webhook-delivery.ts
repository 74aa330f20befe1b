/** Puts the webhook pieces together for the composition root: the domain's events port, the guard, the dispatcher. */
import type { Logger } from 'pino';
import type { WebhookStore } from '../store/webhook.store';
import { createTargetGuard, type LookupHost, type ResolvingTargetGuard } from './target-guard';
import { createWebhookDispatcher, type WebhookDispatcher, type WebhookRetryPolicy } from './webhook-dispatcher';
import { createWebhookEvents, type QueueingDomainEvents } from './webhook-events';
import type { SendWebhook } from './webhook-sender';

export interface WebhookDeliveryOptions {
  store: WebhookStore;
  logger: Logger;
  now?: () => Date;
  /** Replaces DNS (tests). */
  lookupHost?: LookupHost;
  /** Replaces the HTTP client (tests). */
  send?: SendWebhook;
  retry?: WebhookRetryPolicy;
}

export interface WebhookDelivery {
  events: QueueingDomainEvents;
  guard: ResolvingTargetGuard;
  dispatcher: WebhookDispatcher;
  /** Stops the dispatcher (waiting for a run in progress) and waits for events still being queued. */
  close(): Promise<void>;
}

export function createWebhookDelivery(options: WebhookDeliveryOptions): WebhookDelivery {
  const { store, logger, now } = options;
  const guard = createTargetGuard({ lookupHost: options.lookupHost });
  const events = createWebhookEvents({ store, logger, now });
  const dispatcher = createWebhookDispatcher({ store, guard, logger, now, send: options.send, retry: options.retry });
  return {
    events, guard, dispatcher,
    async close() {
      await dispatcher.stop();
      await events.settled();
    },
  };
}
