/** The body of a webhook POST: `{ id, type, createdAt, data }`, serialised once so every retry sends (and signs) the same bytes. */
import type { WebhookEvent } from '@parley/shared';
import type { QueuedWebhookEvent } from '../store/webhook.store';
import { newId } from '../tokens';

type DataOf<T extends WebhookEvent['type']> = Extract<WebhookEvent, { type: T }>['data'];

export function webhookEvent<T extends WebhookEvent['type']>(type: T, data: DataOf<T>, at: Date): QueuedWebhookEvent {
  const id = newId();
  return { id, type, payload: JSON.stringify({ id, type, createdAt: at.toISOString(), data }) };
}
