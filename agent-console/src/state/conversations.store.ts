/**
 * The agent's live view of the site's open conversations: waiting ones, their own, their
 * colleagues', and how many messages of each they have not read yet.
 */
import { messagePreviewOf, type Conversation, type ConversationActivity, type Message } from '@parley/shared';
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import { storedValue, type StoredValue } from './stored-value';

export interface ConversationsStore {
  byId: ReadonlySignal<ReadonlyMap<string, Conversation>>;
  /** Waiting for an agent, longest-waiting first. */
  queued: ReadonlySignal<Conversation[]>;
  /** Assigned to the signed-in agent, or one they were invited into; latest message first. */
  mine: ReadonlySignal<Conversation[]>;
  /** Assigned to someone else; latest message first. */
  others: ReadonlySignal<Conversation[]>;
  /** Reactive: reads signals, so components re-render when it changes. */
  unreadCount(conversationId: string): number;
  /** Replaces the list (after connecting); `keep` names conversations to hold on to anyway. */
  replaceAll(list: Conversation[], keep?: ReadonlySet<string>): void;
  /** Stores the newer copy; returns the one it replaces, if any. */
  upsert(conversation: Conversation): Conversation | undefined;
  /**
   * A message moved the conversation on; the agent's own messages count as read, and system lines
   * (a transfer, an invitation) are never unread. Also takes lines already counted in `lastSeq`.
   */
  noteMessage(message: Message): void;
  /** Colleagues' chats moved on (the server's digest): order and unread counts follow, no transcript. */
  noteActivity(activity: ConversationActivity[]): void;
  markRead(conversationId: string): void;
  /** Erased or purged on the server: gone from every list, read marks included. */
  remove(conversationIds: readonly string[]): void;
}

type SeqById = Record<string, number>;

/**
 * What a live chat shows as its time and is ordered by: its latest message, or its start before the
 * first. Not updatedAt: assignment moves that too, and an agent going offline and back has every
 * chat of theirs requeued and assigned again.
 */
export const lastMessageTime = (c: Conversation): string => c.lastMessageAt ?? c.createdAt;
const byLastMessageDesc = (a: Conversation, b: Conversation) => lastMessageTime(b).localeCompare(lastMessageTime(a));
// The server's queue order: by when each (last) joined the queue.
const byQueuedAsc = (a: Conversation, b: Conversation) => a.queuedAt.localeCompare(b.queuedAt);

/** The conversation once `message` is its latest, derived as the server derives it so it reads the same after a reload. */
function movedOn(known: Conversation, message: Message): Conversation {
  // A system line (a transfer, an invitation) is numbered, but the latest message and what is owed stay as they were.
  if (message.event) return { ...known, lastSeq: message.seq, updatedAt: message.createdAt };
  // An agent's reply settles what was owed; the server clears it without re-announcing.
  const answered = message.author.kind === 'agent' && !message.internal;
  return {
    ...known,
    lastSeq: message.seq,
    updatedAt: message.createdAt,
    lastMessageAt: message.createdAt,
    lastMessagePreview: messagePreviewOf(message),
    awaitingAgentSince: answered ? null : known.awaitingAgentSince,
  };
}

export function createConversationsStore(options: {
  storage: Storage;
  agentId: ReadonlySignal<string | null>;
}) {
  const { agentId } = options;
  const byId = signal<ReadonlyMap<string, Conversation>>(new Map());
  // How far the agent has read each conversation, per agent, so unread survives a reload.
  let readStore: StoredValue<SeqById> | null = null;
  const readSeq = signal<SeqById>({});
  // System lines past the read mark, per conversation: their seqs count in lastSeq but not as unread.
  const systemSeqs = signal<Record<string, readonly number[]>>({});

  /** The agent may be unknown at first (offline reload); their marks load once they are known. */
  function ensureReadStore() {
    if (readStore || !agentId.value) return;
    readStore = storedValue<SeqById>(options.storage, `parley.console.read.${agentId.value}`);
    readSeq.value = { ...readStore.read(), ...readSeq.value };
  }
  ensureReadStore();

  function saveReadSeq(next: SeqById) {
    readSeq.value = next;
    readStore?.write(next);
  }

  function skipInUnread({ conversationId, seq }: Message) {
    const read = readSeq.value[conversationId] ?? 0;
    const skipped = systemSeqs.value[conversationId] ?? [];
    if (seq <= read || skipped.includes(seq)) return;
    // Nothing unread before it: read past it, so that it stays read after a reload too.
    if (seq === read + 1) saveReadSeq({ ...readSeq.value, [conversationId]: seq });
    else systemSeqs.value = { ...systemSeqs.value, [conversationId]: [...skipped, seq] };
  }

  const all = computed(() => [...byId.value.values()]);
  const isMine = (c: Conversation) =>
    c.assignedAgentId === agentId.value || c.participantAgentIds.includes(agentId.value ?? '');
  const assignedTo = (mineWanted: boolean) =>
    computed(() =>
      all.value.filter((c) => c.status === 'assigned' && isMine(c) === mineWanted).sort(byLastMessageDesc),
    );

  function setOne(conversation: Conversation) {
    const next = new Map(byId.value);
    next.set(conversation.id, conversation);
    byId.value = next;
  }

  const store: ConversationsStore = {
    byId,
    queued: computed(() => all.value.filter((c) => c.status === 'queued').sort(byQueuedAsc)),
    mine: assignedTo(true),
    others: assignedTo(false),
    unreadCount(conversationId) {
      const conversation = byId.value.get(conversationId);
      if (!conversation) return 0;
      const read = readSeq.value[conversationId] ?? 0;
      const skipped = (systemSeqs.value[conversationId] ?? []).filter((seq) => seq > read && seq <= conversation.lastSeq);
      return Math.max(0, conversation.lastSeq - read - skipped.length);
    },
    replaceAll(list, keep = new Set()) {
      ensureReadStore();
      const next = new Map<string, Conversation>();
      for (const [id, conversation] of byId.value) if (keep.has(id)) next.set(id, conversation);
      for (const conversation of list) next.set(conversation.id, conversation);
      byId.value = next;
      // Forget read marks of conversations that are gone, so storage stays small.
      saveReadSeq(Object.fromEntries(Object.entries(readSeq.value).filter(([id]) => next.has(id))));
    },
    upsert(conversation) {
      ensureReadStore();
      const known = byId.value.get(conversation.id);
      // Events can overtake each other; never let an older copy win over a newer lastSeq (nor its time).
      const latest = known && known.lastSeq > conversation.lastSeq ? known : conversation;
      setOne({
        ...conversation, lastSeq: latest.lastSeq, lastMessageAt: latest.lastMessageAt, lastMessagePreview: latest.lastMessagePreview,
      });
      return known;
    },
    noteMessage(message) {
      ensureReadStore();
      const known = byId.value.get(message.conversationId);
      if (known && message.seq > known.lastSeq) setOne(movedOn(known, message));
      const read = readSeq.value[message.conversationId] ?? 0;
      const isMine = message.author.kind === 'agent' && message.author.id === agentId.value;
      if (message.author.kind === 'system') skipInUnread(message);
      else if (isMine && read === message.seq - 1) {
        saveReadSeq({ ...readSeq.value, [message.conversationId]: message.seq });
      }
    },
    noteActivity(activity) {
      const next = new Map(byId.value);
      let moved = false;
      for (const { conversationId, lastSeq, updatedAt, awaitingAgentSince, lastMessagePreview } of activity) {
        const known = next.get(conversationId);
        // Unknown chats are past the list's length or not yet announced (conversation:updated will).
        if (!known || lastSeq <= known.lastSeq) continue;
        // Activity comes from a message only: its updatedAt is that message's time.
        next.set(conversationId, { ...known, lastSeq, updatedAt, lastMessageAt: updatedAt, lastMessagePreview, awaitingAgentSince });
        moved = true;
      }
      if (moved) byId.value = next;
    },
    remove(conversationIds) {
      const gone = new Set(conversationIds);
      if (![...gone].some((id) => byId.value.has(id))) return;
      byId.value = new Map([...byId.value].filter(([id]) => !gone.has(id)));
      saveReadSeq(Object.fromEntries(Object.entries(readSeq.value).filter(([id]) => !gone.has(id))));
    },
    markRead(conversationId) {
      const conversation = byId.value.get(conversationId);
      if (!conversation || (readSeq.value[conversationId] ?? 0) >= conversation.lastSeq) return;
      saveReadSeq({ ...readSeq.value, [conversationId]: conversation.lastSeq });
      if (systemSeqs.value[conversationId]) systemSeqs.value = { ...systemSeqs.value, [conversationId]: [] };
    },
  };
  return store;
}
