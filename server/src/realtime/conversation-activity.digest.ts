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
 * Only the ids of the conversations that moved are held until their digest goes out; each entry is
 * read from the store then, as the conversation is at that moment. At 5,000 chats each conversation
 * moves about 50 times before its entry is sent, and holding each notice (its time, preview and
 * awaited-since strings) until the next one replaced it, a second later, was about 0.2 MB of every
 * scavenge's 1.45 MB promoted to the old generation (`--trace-gc-nvp`, 5,000 chats).
 * Held in memory only: a lost digest costs nothing, a console catches up on its next list.
 */
import type { ConversationActivity } from '@parley/shared';

export interface ActivityDigest {
  /** A message moved this conversation: it goes into the site's next digests, read as it is then. */
  note(siteId: string, conversationId: string): void;
}

export interface ActivityDigestOptions {
  send: (siteId: string, activity: ConversationActivity[]) => void;
  /** The entries of these conversations as they are now, in that order; those gone are left out. */
  load: (conversationIds: readonly string[]) => Promise<ConversationActivity[]>;
  /** A digest that could not be read is dropped (consoles catch up on their next list); this hears why. */
  onLoadError: (error: unknown) => void;
  intervalMs: number;
  /** 100 when absent: ~33 KB a second to each console at most. */
  maxEntriesPerSecond?: number;
}

export function createActivityDigest({ send, load, onLoadError, intervalMs, maxEntriesPerSecond = 100 }: ActivityDigestOptions): ActivityDigest {
  // Per site, the conversations that moved and are not yet sent, in the order they first moved.
  const sites = new Map<string, Set<string>>();

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
    // A Set iterates in insertion order, and a conversation that moves again while waiting keeps its place.
    const conversationIds: string[] = [];
    for (const conversationId of pending) {
      if (conversationIds.length === entriesPerDigest) break;
      conversationIds.push(conversationId);
      pending.delete(conversationId);
    }
    sendLater(siteId);
    load(conversationIds).then((activity) => {
      if (activity.length > 0) send(siteId, activity);
    }, onLoadError);
  }

  return {
    note(siteId, conversationId) {
      let pending = sites.get(siteId);
      if (!pending) {
        sites.set(siteId, (pending = new Set()));
        sendLater(siteId);
      }
      pending.add(conversationId);
    },
  };
}
