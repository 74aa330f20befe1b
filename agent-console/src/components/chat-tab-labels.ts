/** What a chat tab says: the visitor's name, and when two open chats share it, what tells them apart. */
import type { Conversation } from '@parley/shared';
import type { Translator } from '../i18n/i18n';
import { formatMessageTime } from './time-format';
import { visitorLabel } from './visitor-label';

export interface ChatTabLabel {
  name: string;
  /** "started 10:02 AM" (and a short id if that is shared too); null when the name alone is unique. */
  detail: string | null;
}

const SHORT_CONVERSATION_ID = 4;

function countOf<T>(values: readonly T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** One label per conversation, in order; the same visitor with two chats gets each chat's start time. */
export function chatTabLabels(
  conversations: readonly Conversation[],
  translator: Pick<Translator, 't' | 'language'>,
): ChatTabLabel[] {
  const names = conversations.map((conversation) => visitorLabel(conversation, translator.t));
  const nameCounts = countOf(names);
  const starts = conversations.map((conversation) =>
    formatMessageTime(conversation.createdAt, translator.language.value),
  );
  const startCounts = countOf(names.map((name, i) => `${name}\u0000${starts[i]}`));
  return conversations.map((conversation, i) => {
    const name = names[i] ?? '';
    if ((nameCounts.get(name) ?? 0) < 2) return { name, detail: null };
    const started = translator.t('chat.tabStarted', { time: starts[i] });
    // Two chats begun in the same minute still differ by their ids' ends.
    const sameMinute = (startCounts.get(`${name}\u0000${starts[i]}`) ?? 0) > 1;
    return { name, detail: sameMinute ? `${started} · #${conversation.id.slice(-SHORT_CONVERSATION_ID)}` : started };
  });
}
