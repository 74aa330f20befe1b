/** What each chat client sent and what the server acknowledged, checked against the stored history. */
import type { Message } from '@parley/shared';

export interface SentMessage {
  /** The conversation it belongs to, as the server acknowledged it (null while never acked). */
  conversationId: string | null;
  /** Who sent it: one visitor, or one agent in one conversation. */
  sender: string;
  clientId: string;
  /** Its place in that sender's sends within the conversation (0, 1, 2 …). */
  order: number;
  acked: boolean;
}

export interface DurabilityCounts {
  acked: number;
  /** Acknowledged but missing from the stored history. */
  lost: number;
  /** Stored copies beyond the first of one client id. */
  duplicated: number;
  /** Seq not strictly increasing, or a sender's messages stored out of their send order. */
  reordered: number;
}

/** Counts losses, duplicates and reorderings of `sent` in `histories` (conversation id -> messages as listed). */
export function countDurability(sent: SentMessage[], histories: Map<string, Message[]>): DurabilityCounts {
  const counts: DurabilityCounts = { acked: 0, lost: 0, duplicated: 0, reordered: 0 };
  const storedByClientId = new Map<string, Message[]>();
  for (const [conversationId, messages] of histories) {
    messages.forEach((message, index) => {
      const previous = messages[index - 1];
      if (previous && message.seq <= previous.seq) counts.reordered += 1;
      const key = `${conversationId}/${message.clientId}`;
      storedByClientId.set(key, [...(storedByClientId.get(key) ?? []), message]);
    });
  }
  for (const copies of storedByClientId.values()) counts.duplicated += copies.length - 1;

  const seqsBySender = new Map<string, { order: number; seq: number }[]>();
  for (const message of sent) {
    if (!message.acked) continue;
    counts.acked += 1;
    const stored = storedByClientId.get(`${message.conversationId}/${message.clientId}`)?.[0];
    if (!stored) {
      counts.lost += 1;
      continue;
    }
    const key = `${message.conversationId}/${message.sender}`;
    seqsBySender.set(key, [...(seqsBySender.get(key) ?? []), { order: message.order, seq: stored.seq }]);
  }
  for (const sends of seqsBySender.values()) {
    sends.sort((a, b) => a.order - b.order);
    sends.forEach((send, index) => {
      const previous = sends[index - 1];
      if (previous && send.seq <= previous.seq) counts.reordered += 1;
    });
  }
  return counts;
}
