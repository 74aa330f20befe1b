/** The messages of each opened conversation, in the server's seq order, each shown once. */
import type { Message } from '@parley/shared';
import { signal, type ReadonlySignal, type Signal } from '@preact/signals';

export interface TranscriptsStore {
  /** Reactive list for one conversation; empty until it is opened. */
  messagesOf(conversationId: string): ReadonlySignal<readonly Message[]>;
  isLoaded(conversationId: string): boolean;
  /** The agent opened it: keep live messages from now on, even before the history arrives. */
  track(conversationId: string): void;
  /** Merges a fetched history (conversation:open) with what already arrived live. */
  merge(conversationId: string, messages: readonly Message[]): void;
  /** A live message; only kept for conversations that are tracked. */
  add(message: Message): void;
}

function mergeBySeq(current: readonly Message[], incoming: readonly Message[]): Message[] {
  const bySeq = new Map<number, Message>();
  for (const message of current) bySeq.set(message.seq, message);
  for (const message of incoming) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

export function createTranscriptsStore(): TranscriptsStore {
  const lists = new Map<string, Signal<readonly Message[]>>();
  const loaded = new Set<string>();
  const tracked = new Set<string>();

  function listFor(conversationId: string): Signal<readonly Message[]> {
    let list = lists.get(conversationId);
    if (!list) {
      list = signal<readonly Message[]>([]);
      lists.set(conversationId, list);
    }
    return list;
  }

  return {
    messagesOf: listFor,
    isLoaded: (conversationId) => loaded.has(conversationId),
    track(conversationId) {
      tracked.add(conversationId);
    },
    merge(conversationId, messages) {
      // What arrived live while the history was on its way stays: the snapshot may predate it.
      const list = listFor(conversationId);
      list.value = mergeBySeq(list.value, messages);
      tracked.add(conversationId);
      loaded.add(conversationId);
    },
    add(message) {
      // Keeping every message of the site would grow without bound; only opened chats need them.
      if (!tracked.has(message.conversationId)) return;
      const list = listFor(message.conversationId);
      if (list.value.some((m) => m.seq === message.seq)) return;
      list.value = mergeBySeq(list.value, [message]);
    },
  };
}
