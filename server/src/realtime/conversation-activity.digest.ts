/**
 * Coalesces "this conversation moved" notices per site and hands them out about once a second:
 * agents who neither handle nor watch a chat keep their lists current without its every message.
 * Held in memory only: a lost digest costs nothing, a console catches up on its next list.
 */
import type { ConversationActivity } from '@parley/shared';

export interface ActivityDigest {
  note(siteId: string, activity: ConversationActivity): void;
}

export interface ActivityDigestOptions {
  send: (siteId: string, activity: ConversationActivity[]) => void;
  intervalMs: number;
}

export function createActivityDigest({ send, intervalMs }: ActivityDigestOptions): ActivityDigest {
  // Latest notice per conversation, per site, since the last digest.
  const pending = new Map<string, Map<string, ConversationActivity>>();
  let timer: NodeJS.Timeout | null = null;

  function sendAll(): void {
    timer = null;
    for (const [siteId, bySite] of pending) send(siteId, [...bySite.values()]);
    pending.clear();
  }

  return {
    note(siteId, activity) {
      let bySite = pending.get(siteId);
      if (!bySite) pending.set(siteId, (bySite = new Map()));
      const known = bySite.get(activity.conversationId);
      if (!known || activity.lastSeq >= known.lastSeq) bySite.set(activity.conversationId, activity);
      // Unref'd: a digest still to come never keeps a stopping server alive.
      timer ??= setTimeout(sendAll, intervalMs).unref();
    },
  };
}
