/** Saved answers the agent expands by typing /shortcut in the composer. */
import type { Agent, CannedReply } from '@parley/shared';
import { signal, type ReadonlySignal } from '@preact/signals';

export interface CannedRepliesStore {
  replies: ReadonlySignal<readonly CannedReply[]>;
  replaceAll(replies: CannedReply[]): void;
  /** A reply saved (new or edited) by this agent. */
  upsert(reply: CannedReply): void;
  /** A reply someone saved (canned:saved): kept if it is offered to `me`, dropped otherwise. */
  receive(reply: CannedReply, me: Agent | null): void;
  remove(replyId: string): void;
  /** Replies whose shortcut starts with what follows the slash, best (shortest) first. */
  matching(prefix: string): CannedReply[];
}

export const SUGGESTION_LIMIT = 6;

/**
 * Whether the server lists this reply to `me` (canned-reply.service list()): their own; a shared one
 * site-wide, of their department, or of any department for an admin or someone in every department.
 */
export function isOfferedTo(reply: CannedReply, me: Agent | null): boolean {
  if (!me || reply.siteId !== me.siteId) return false;
  if (reply.ownerAgentId) return reply.ownerAgentId === me.id;
  if (reply.departmentId === null || me.role === 'admin' || me.departmentIds.length === 0) return true;
  return me.departmentIds.includes(reply.departmentId);
}

export function createCannedRepliesStore(): CannedRepliesStore {
  const replies = signal<readonly CannedReply[]>([]);
  function upsert(reply: CannedReply) {
    const others = replies.value.filter((known) => known.id !== reply.id);
    replies.value = [...others, reply].sort((a, b) => a.shortcut.localeCompare(b.shortcut));
  }
  function remove(replyId: string) {
    replies.value = replies.value.filter((known) => known.id !== replyId);
  }
  return {
    replies,
    replaceAll(next) {
      replies.value = next;
    },
    upsert,
    receive(reply, me) {
      // An edit may have moved it to a department this agent is not in.
      if (isOfferedTo(reply, me)) upsert(reply);
      else remove(reply.id);
    },
    remove,
    matching(prefix) {
      const wanted = prefix.toLocaleLowerCase();
      return replies.value
        .filter((reply) => reply.shortcut.toLocaleLowerCase().startsWith(wanted))
        .sort((a, b) => a.shortcut.length - b.shortcut.length || a.shortcut.localeCompare(b.shortcut))
        .slice(0, SUGGESTION_LIMIT);
    },
  };
}
