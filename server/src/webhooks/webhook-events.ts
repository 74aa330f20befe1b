/**
 * The domain's events, turned into queued webhook deliveries for the endpoints that subscribed.
 * Queueing never makes the domain wait or fail: it runs beside it, and its errors are logged.
 */
import type { Conversation, Message, RatingEventData, Ticket, WebhookEventType } from '@parley/shared';
import type { Logger } from 'pino';
import type { DomainEvents } from '../domain/domain-events.port';
import { webhookEvent } from '../domain/webhook-envelope';
import type { WebhookStore } from '../store/webhook.store';
import { isoAt } from '../clock';

export interface QueueingDomainEvents extends DomainEvents {
  /** Resolves once every event announced so far is queued (before closing the store; in tests). */
  settled(): Promise<void>;
}

export function createWebhookEvents(deps: { store: WebhookStore; logger: Logger; now?: () => Date }): QueueingDomainEvents {
  const now = deps.now ?? (() => new Date());
  const pending = new Set<Promise<unknown>>();

  // The body is built (serialised) only if some endpoint subscribes: see enqueueWebhookEvent. Most
  // events go nowhere, so their cost is kept to one promise past the store's own (at 5,000 messages
  // a second, `.catch().finally()` and a fresh ISO string were about 1% of the main thread).
  function queue(siteId: string, at: Date, [type, event]: [WebhookEventType, () => ReturnType<typeof webhookEvent>]): void {
    const work: Promise<void> = deps.store.enqueueWebhookEvent({ siteId, type, event, at: isoAt(at.getTime()) }).then(
      () => { pending.delete(work); },
      (error: unknown) => {
        pending.delete(work);
        deps.logger.error({ err: error, eventType: type }, 'could not queue a webhook event');
      },
    );
    pending.add(work);
  }

  const conversationEvent = (type: 'conversation.created' | 'conversation.assigned' | 'conversation.resolved') =>
    (conversation: Conversation) => {
      const at = now();
      queue(conversation.siteId, at, [type, () => webhookEvent(type, { conversation }, at)]);
    };
  const ticketEvent = (type: 'ticket.created' | 'ticket.updated') => (ticket: Ticket) => {
    const at = now();
    queue(ticket.siteId, at, [type, () => webhookEvent(type, { ticket }, at)]);
  };

  return {
    conversationCreated: conversationEvent('conversation.created'),
    conversationAssigned: conversationEvent('conversation.assigned'),
    conversationResolved: conversationEvent('conversation.resolved'),
    messageCreated(conversation: Conversation, message: Message) {
      const at = now();
      queue(conversation.siteId, at, ['message.created', () => webhookEvent('message.created', { conversation, message }, at)]);
    },
    ticketCreated: ticketEvent('ticket.created'),
    ticketUpdated: ticketEvent('ticket.updated'),
    ratingCreated(rating: RatingEventData) {
      const at = now();
      const siteId = rating.target === 'conversation' ? rating.conversation.siteId : rating.ticket.siteId;
      queue(siteId, at, ['rating.created', () => webhookEvent('rating.created', rating, at)]);
    },
    async settled() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
