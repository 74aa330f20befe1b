/** What the message list shows: delivered messages in order, then the visitor's pending ones. */
import type { ErrorCode, Message } from '@parley/shared';
import type { OutboxItem } from './outbox';

export type DeliveryStatus = 'sending' | 'sent' | 'failed';

export interface TimelineEntry {
  key: string;
  author: 'visitor' | 'agent' | 'system';
  authorName: string | null;
  text: string;
  createdAt: string;
  /** Only the visitor's own messages have a delivery status. */
  status?: DeliveryStatus;
  clientId: string;
  failure?: ErrorCode;
}

function fromMessage(message: Message): TimelineEntry {
  const { author } = message;
  return {
    key: message.id,
    author: author.kind,
    authorName: author.kind === 'system' ? null : author.name,
    text: message.text,
    createdAt: message.createdAt,
    status: author.kind === 'visitor' ? 'sent' : undefined,
    clientId: message.clientId,
  };
}

function fromPending(item: OutboxItem): TimelineEntry {
  return {
    key: item.clientId,
    author: 'visitor',
    authorName: null,
    text: item.text,
    createdAt: item.createdAt,
    status: item.failed ? 'failed' : 'sending',
    clientId: item.clientId,
    failure: item.failed,
  };
}

export function timelineEntries(messages: readonly Message[], pending: readonly OutboxItem[]): TimelineEntry[] {
  return [...messages.map(fromMessage), ...pending.map(fromPending)];
}
