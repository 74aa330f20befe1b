/**
 * System lines in a chat's history: a transfer, an invitation or a chat left unanswered, recorded as a ChatEvent that the
 * widget and the console word in their reader's language. `text` is its English, for whatever reads
 * messages without knowing events (the REST API, webhooks, exports).
 */
import type { ChatEvent } from '@parley/shared';
import type { NewMessageRecord } from '../store/store';

export function chatEventText(event: ChatEvent): string {
  switch (event.type) {
    case 'transferred':
      return `${event.from} transferred the chat to ${event.to}`;
    case 'requeued':
      return `${event.from} sent the chat back to the ${event.department} queue`;
    case 'invited':
      return `${event.by} invited ${event.agent} to the chat`;
    case 'unanswered':
      return `Back in the queue: ${event.agent} did not answer within ${event.seconds} seconds`;
  }
}

/**
 * The line recording `event` in a conversation. Its client id comes from the conversation's state
 * after the change (`updatedAt` moves on every transfer): asked twice for the same change, the
 * store keeps one line.
 */
export function chatEventLine(conversation: { id: string; updatedAt: string }, event: ChatEvent): NewMessageRecord {
  return {
    conversationId: conversation.id,
    clientId: `${event.type}-${conversation.updatedAt.replace(/[^0-9]/g, '')}`,
    author: { kind: 'system' },
    text: chatEventText(event),
    event,
  };
}
