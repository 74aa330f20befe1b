/** Saved answers the agent expands by typing /shortcut in the composer. */
import type { CannedReply } from '@parley/shared';
import { signal, type ReadonlySignal } from '@preact/signals';

export interface CannedRepliesStore {
  replies: ReadonlySignal<readonly CannedReply[]>;
  replaceAll(replies: CannedReply[]): void;
  /** A reply saved (new or edited) by this agent. */
  upsert(reply: CannedReply): void;
  remove(replyId: string): void;
  /** Replies whose shortcut starts with what follows the slash, best (shortest) first. */
  matching(prefix: string): CannedReply[];
}

export const SUGGESTION_LIMIT = 6;

export function createCannedRepliesStore(): CannedRepliesStore {
  const replies = signal<readonly CannedReply[]>([]);
  return {
    replies,
    replaceAll(next) {
      replies.value = next;
    },
    upsert(reply) {
      const others = replies.value.filter((known) => known.id !== reply.id);
      replies.value = [...others, reply].sort((a, b) => a.shortcut.localeCompare(b.shortcut));
    },
    remove(replyId) {
      replies.value = replies.value.filter((known) => known.id !== replyId);
    },
    matching(prefix) {
      const wanted = prefix.toLocaleLowerCase();
      return replies.value
        .filter((reply) => reply.shortcut.toLocaleLowerCase().startsWith(wanted))
        .sort((a, b) => a.shortcut.length - b.shortcut.length || a.shortcut.localeCompare(b.shortcut))
        .slice(0, SUGGESTION_LIMIT);
    },
  };
}
