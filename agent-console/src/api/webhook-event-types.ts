/**
 * The webhook event types an endpoint can subscribe to, as a plain value tied to @parley/shared
 * by its type (a changed list there is a compile error here), so zod stays out of the browser.
 */
import type { WEBHOOK_EVENT_TYPES } from '@parley/shared';

export const WEBHOOK_EVENTS: typeof WEBHOOK_EVENT_TYPES = [
  'conversation.created',
  'conversation.assigned',
  'message.created',
  'conversation.resolved',
  'ticket.created',
  'ticket.updated',
  'rating.created',
];
