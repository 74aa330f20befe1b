/** The visitor's timeline: server messages merged by id, ordered as every client shows them. */
import type { Message } from '@parley/shared';

/**
 * Within a conversation the server's `seq` is the order; conversations do not overlap in time
 * (a new one opens only after the last was resolved), so across them `createdAt` decides.
 */
function compareMessages(a: Message, b: Message): number {
  if (a.conversationId === b.conversationId) return a.seq - b.seq;
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
}

/** Returns the merged timeline and the messages it did not hold before; the same message twice is kept once. */
export function mergeMessages(
  timeline: readonly Message[],
  incoming: readonly Message[],
): { timeline: Message[]; added: Message[] } {
  const known = new Set(timeline.map((message) => message.id));
  const added: Message[] = [];
  for (const message of incoming) {
    if (known.has(message.id)) continue;
    known.add(message.id);
    added.push(message);
  }
  if (added.length === 0) return { timeline: timeline as Message[], added };
  return { timeline: [...timeline, ...added].sort(compareMessages), added };
}

/** The catch-up point for `conversation:history`: the highest seq held for that conversation. */
export function highestSeq(timeline: readonly Message[], conversationId: string): number {
  let highest = 0;
  for (const message of timeline) {
    if (message.conversationId === conversationId && message.seq > highest) highest = message.seq;
  }
  return highest;
}
