/** What the message list shows: delivered messages in order, then the visitor's pending ones. */
import type { ChatEvent, ErrorCode, Message, MessageAttachment } from '@parley/shared';
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
  /** A visitor's message an agent has read (its seq is at or below the agents' read mark of its conversation). */
  read?: boolean;
  clientId: string;
  failure?: ErrorCode;
  attachments?: MessageAttachment[];
  /** A system line about the chat (a transfer, an invitation): worded in the visitor's language, not `text`. */
  event?: ChatEvent;
}

/** The agents' read mark of each conversation (`ChatState.agentReadSeqs`). */
type AgentReadSeqs = Readonly<Record<string, number>>;

function fromMessage(message: Message, agentReadSeqs: AgentReadSeqs): TimelineEntry {
  const { author } = message;
  return {
    key: message.id,
    author: author.kind,
    authorName: author.kind === 'system' ? null : author.name,
    text: message.text,
    createdAt: message.createdAt,
    status: author.kind === 'visitor' ? 'sent' : undefined,
    clientId: message.clientId,
    read: author.kind === 'visitor' && message.seq <= (agentReadSeqs[message.conversationId] ?? -1),
    attachments: message.attachments,
    event: message.event,
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
    attachments: item.attachments,
  };
}

export function timelineEntries(
  messages: readonly Message[],
  pending: readonly OutboxItem[],
  agentReadSeqs: AgentReadSeqs = {},
): TimelineEntry[] {
  return [...messages.map((message) => fromMessage(message, agentReadSeqs)), ...pending.map(fromPending)];
}
