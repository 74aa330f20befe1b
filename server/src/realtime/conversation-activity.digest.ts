/**
 * Coalesces "this conversation moved" notices per site and hands them out about once a second:
 * agents who neither handle nor watch a chat keep their lists current without its every message.
 * A console takes at most `maxEntriesPerSecond` entries a second: at 5,000 chats each moving every
 * second, one digest a second was ~600 KB to every console, every second, for a sidebar's order.
 * A busy site's digest carries that many, the conversations waiting longest first, and the rest wait
 * for the next ones. 100 a second, not 500: with each entry carrying its chat's latest message
 * (~330 bytes), 500 was ~16 MB a second of writes to 100 consoles and as much JSON for them to read;
 * paired relay runs at 5,000 chats had delivery p90 3.8-4.3 ms instead of 8.1-8.8 and p50 1.7-1.8
 * instead of 1.9-2.0. A site with fewer than 100 chats moving each second (nearly all) sees no change. (Sending everything gathered and then resting made a burst: 5,000 entries to
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
  /** 100 when absent: ~33 KB a second to each console at most. */
  maxEntriesPerSecond?: number;
}

export function createActivityDigest({ send, intervalMs, maxEntriesPerSecond = 100 }: ActivityDigestOptions): ActivityDigest {
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
