/**
 * Coalesces "this conversation moved" notices per site and hands them out about once a second:
 * agents who neither handle nor watch a chat keep their lists current without its every message.
 * A busy site's digests come less often, so that a console takes at most `maxEntriesPerSecond`
 * entries a second: at 5,000 chats each moving every second, one a second was ~600 KB to every
 * console, every second, for a sidebar's order.
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

  /** Sends what gathered, then rests as long as its size asks; with nothing gathered, the site is forgotten. */
  function sendOrRest(siteId: string): void {
    const site = sites.get(siteId);
    if (!site) return;
    if (site.pending.size === 0) {
      sites.delete(siteId);
      return;
    }
    const activity = [...site.pending.values()];
    site.pending = new Map();
    site.timer = after(Math.max(intervalMs, (activity.length / maxEntriesPerSecond) * 1000), siteId);
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
