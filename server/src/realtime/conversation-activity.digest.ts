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

interface SiteDigest {
  /** Latest notice per conversation since the last digest. */
  pending: Map<string, ConversationActivity>;
  timer: NodeJS.Timeout;
}

export function createActivityDigest({ send, intervalMs, maxEntriesPerSecond = 500 }: ActivityDigestOptions): ActivityDigest {
  const sites = new Map<string, SiteDigest>();

  // Unref'd: a digest still to come never keeps a stopping server alive.
  const after = (ms: number, siteId: string) => setTimeout(() => sendOrRest(siteId), ms).unref();

  const entriesPerDigest = Math.max(1, Math.floor((maxEntriesPerSecond * intervalMs) / 1000));

  /** Sends up to a digest's worth, oldest noted first; with nothing gathered, the site is forgotten. */
  function sendOrRest(siteId: string): void {
    const site = sites.get(siteId);
    if (!site) return;
    if (site.pending.size === 0) {
      sites.delete(siteId);
      return;
    }
    // A Map iterates in insertion order, and a newer notice of a waiting conversation keeps its place.
    const activity: ConversationActivity[] = [];
    for (const [conversationId, entry] of site.pending) {
      if (activity.length === entriesPerDigest) break;
      activity.push(entry);
      site.pending.delete(conversationId);
    }
    site.timer = after(intervalMs, siteId);
    send(siteId, activity);
  }

  return {
    note(siteId, activity) {
      let site = sites.get(siteId);
      if (!site) sites.set(siteId, (site = { pending: new Map(), timer: after(intervalMs, siteId) }));
      const known = site.pending.get(activity.conversationId);
      if (!known || activity.lastSeq >= known.lastSeq) site.pending.set(activity.conversationId, activity);
    },
  };
}
