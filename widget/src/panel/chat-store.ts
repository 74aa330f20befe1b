/** The panel's state in one place: socket events and visitor actions update it, components read it. */
import type {
  Conversation,
  ErrorCode,
  Message,
  PublicSiteConfig,
  QueuePosition,
  ReadState,
  SiteAvailability,
  TicketReceipt,
} from '@parley/shared';
import { mergeMessages } from './message-timeline';
import type { OutboxItem } from './outbox';

export type ConnectionState = 'idle' | 'connecting' | 'online' | 'offline' | 'refused';

export interface ChatState {
  connection: ConnectionState;
  /** Why the server refused the session (e.g. SITE_NOT_FOUND); null while all is well. */
  refusal: ErrorCode | null;
  conversation: Conversation | null;
  messages: Message[];
  /** The visitor's messages the server has not acknowledged yet. */
  pending: OutboxItem[];
  agentTyping: { name: string | null } | null;
  /** Where the visitor waits while no agent has taken the chat. */
  queuePosition: QueuePosition | null;
  /** The visitor's name as the server knows it, or as they just told us. */
  visitorName: string | null;
  /** The visitor (or the host page) has said who they are, or chose not to: no pre-chat form. */
  introduced: boolean;
  /**
   * Agent messages the visitor has not seen: those that arrived while the panel was closed, and
   * those in the history after the visitor's read mark (a reload, another page of the site).
   */
  unread: number;
  open: boolean;
  /** The site's public configuration; null until it arrives (or when it could not be fetched). */
  site: PublicSiteConfig | null;
  /** Whether a live chat is possible now: from the config, then from `site:status` on each connection. */
  availability: SiteAvailability | null;
  /** Chosen in the pre-chat form; sent with the message that opens a conversation. */
  departmentId: string | null;
  /** The visitor's e-mail as they gave it in this panel (pre-chat, offline form, transcript, identify). */
  email: string | null;
  /** The request the visitor's chat (conversationId) or offline message (null) became. */
  ticket: (TicketReceipt & { conversationId: string | null }) | null;
  /** The visitor wants a sound when an agent writes while the chat is closed. */
  sound: boolean;
  /** How far each side has read the conversation, as the server last said. */
  read: ReadState | null;
  /**
   * How far agents had read each conversation this panel has shown (by id): an earlier chat's messages keep their
   * "Read" once a new chat starts and `read` speaks of the new one.
   */
  agentReadSeqs: Readonly<Record<string, number>>;
  /** The server asked the visitor to slow down: their messages wait until then (epoch ms), or null. */
  sendingHeldUntil: number | null;
  /** The stored history has been fetched (or there was none): messages from now on are new, to be read out. */
  historyLoaded: boolean;
}

/** The fields set as they are, through `update`. */
export type PlainSettings = Pick<
  ChatState,
  | 'agentTyping'
  | 'queuePosition'
  | 'site'
  | 'availability'
  | 'departmentId'
  | 'email'
  | 'ticket'
  | 'sound'
  | 'sendingHeldUntil'
  | 'historyLoaded'
>;

export const initialChatState: ChatState = {
  connection: 'idle',
  refusal: null,
  conversation: null,
  messages: [],
  pending: [],
  agentTyping: null,
  queuePosition: null,
  visitorName: null,
  introduced: false,
  unread: 0,
  open: false,
  site: null,
  availability: null,
  departmentId: null,
  email: null,
  ticket: null,
  sound: true,
  read: null,
  agentReadSeqs: {},
  sendingHeldUntil: null,
  historyLoaded: false,
};

/** A conversation the visitor is in: waiting in the queue or talking to an agent. */
export const isChatActive = (state: Pick<ChatState, 'conversation'>): boolean =>
  !!state.conversation && state.conversation.status !== 'resolved';

type Listener = (state: ChatState) => void;

/** Pending items the timeline already holds were delivered (maybe by another tab): show them once. */
function withoutDelivered(pending: OutboxItem[], messages: readonly Message[]): OutboxItem[] {
  if (pending.length === 0) return pending;
  const delivered = new Set(messages.map((message) => message.clientId));
  const remaining = pending.filter((item) => !delivered.has(item.clientId));
  return remaining.length === pending.length ? pending : remaining;
}

/**
 * Agent messages after the visitor's read mark, as the server keeps it. Without a mark for their
 * conversation nothing counts: history is only unread when the server says how far it was read.
 */
function agentMessagesAfterMark(messages: readonly Message[], read: ReadState | null): number {
  if (!read) return 0;
  return messages.filter(
    (message) => message.author.kind === 'agent' && message.conversationId === read.conversationId && message.seq > read.visitorSeq,
  ).length;
}

export type ChatStore = ReturnType<typeof createChatStore>;

export function createChatStore(initial: Partial<ChatState> = {}) {
  let state: ChatState = { ...initialChatState, ...initial };
  const listeners = new Set<Listener>();

  function set(patch: Partial<ChatState>): void {
    state = { ...state, ...patch };
    listeners.forEach((listener) => listener(state));
  }

  return {
    getState: (): ChatState => state,
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /**
     * Merges messages from acks, broadcasts and history. `live` marks messages that just happened
     * (not the history shown on first load): those count as unread while the panel is closed, and
     * history counts after the visitor's read mark. Returns the new ones.
     */
    receiveMessages(incoming: readonly Message[], { live }: { live: boolean }): Message[] {
      const { timeline, added } = mergeMessages(state.messages, incoming);
      if (added.length === 0) return added;
      const fromAgents = added.filter((message) => message.author.kind === 'agent');
      const unseen = live ? fromAgents.length : agentMessagesAfterMark(fromAgents, state.read);
      set({
        messages: timeline,
        pending: withoutDelivered(state.pending, added),
        // An agent who has just sent a message has stopped typing it.
        agentTyping: fromAgents.length > 0 ? null : state.agentTyping,
        unread: state.open ? state.unread : state.unread + unseen,
      });
      return added;
    },

    setPending(pending: OutboxItem[]): void {
      set({ pending: withoutDelivered(pending, state.messages) });
    },
    setConversation(conversation: Conversation): void {
      // The queue position only means something while this conversation waits in the queue.
      const waiting = conversation.status === 'queued' && state.queuePosition?.conversationId === conversation.id;
      set({ conversation, queuePosition: waiting ? state.queuePosition : null });
    },
    setConnection(connection: ConnectionState, refusal: ErrorCode | null = null): void {
      set({ connection, refusal });
    },
    setVisitorName(visitorName: string): void {
      set({ visitorName, introduced: true });
    },
    /** `name` null: introduced without a name (an e-mail only, or the form was skipped). */
    setIntroduced(name: string | null): void {
      set({ introduced: true, visitorName: name ?? state.visitorName });
    },
    setOpen(open: boolean): void {
      set({ open, unread: open ? 0 : state.unread });
    },
    update(patch: Partial<PlainSettings>): void {
      set(patch);
    },
    /** The server's read marks; the visitor's, moved on in another tab, clears what it covers here. */
    setRead(read: ReadState): void {
      const current = state.conversation?.id === read.conversationId;
      set({
        read,
        agentReadSeqs: { ...state.agentReadSeqs, [read.conversationId]: read.agentSeq },
        unread: current ? Math.min(state.unread, agentMessagesAfterMark(state.messages, read)) : state.unread,
      });
    },
  };
}
