/**
 * Coalesces "this conversation moved" notices per site and hands them out about once a second:
 * agents who neither handle nor watch a chat keep their lists current without its every message.
 * A console takes at most `maxEntriesPerSecond` entries a second: at 5,000 chats each moving every
 * second, one digest a second was ~600 KB to every console, every second, for a sidebar's order.
 * A busy site's digest carries that many, the conversations waiting longest first, and the rest wait
 * for the next ones. (Sending everything gathered and then resting made a burst: 5,000 entries to
 * each of 100 consoles at once, about 60 MB of writes in one turn, every 10 s, which held up every
 * message behind it.)
 * Held in memory only: a lost digest costs nothing, a console catches up on its next list.
 */
import type { ConversationActivity } from '@parley/shared';

export interface ActivityDigest {
  note(siteId: string, activity: ConversationActivity): void;
}

export interface ActivityDigestOptions {
  send: (siteId: string, activity: ConversationActivity[]) => void;
  intervalMs: number;
  /** 500 when absent: ~60 KB a second to each console at most. */
  maxEntriesPerSecond?: number;
}

export function createActivityDigest({ send, intervalMs, maxEntriesPerSecond = 500 }: ActivityDigestOptions): ActivityDigest {
  // Per site, the latest notice of each conversation not yet sent, in the order they were first noted.
  const sites = new Map<string, Map<string, ConversationActivity>>();

  // Unref'd: a digest still to come never keeps a stopping server alive.
  const sendLater = (siteId: string) => setTimeout(() => sendNext(siteId), intervalMs).unref();

  const entriesPerDigest = Math.max(1, Math.floor((maxEntriesPerSecond * intervalMs) / 1000));

  /** Sends up to a digest's worth, oldest noted first; with nothing gathered, the site is forgotten. */
  function sendNext(siteId: string): void {
    const pending = sites.get(siteId);
    if (!pending) return;
    if (pending.size === 0) {
      sites.delete(siteId);
      return;
    }
    // A Map iterates in insertion order, and a newer notice of a waiting conversation keeps its place.
    const activity: ConversationActivity[] = [];
    for (const [conversationId, entry] of pending) {
      if (activity.length === entriesPerDigest) break;
      activity.push(entry);
      pending.delete(conversationId);
    }
    sendLater(siteId);
    send(siteId, activity);
  }

  return {
    note(siteId, activity) {
      let pending = sites.get(siteId);
      if (!pending) {
        sites.set(siteId, (pending = new Map()));
        sendLater(siteId);
      }
      const known = pending.get(activity.conversationId);
      if (!known || activity.lastSeq >= known.lastSeq) pending.set(activity.conversationId, activity);
    },
  };
}
