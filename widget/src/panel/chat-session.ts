/**
 * Wires the transport to the store and the outbox: catch up after every (re)connect, merge what
 * arrives, flush the outbox, and tell the host page about agent messages.
 */
import type {
  Conversation,
  Message,
  MessageAttachment,
  TypingNotice,
  VisitorContext,
  VisitorIdentifyRequest,
  VisitorMessageSend,
} from '@parley/shared';
import { isChatActive, type ChatState, type ChatStore } from './chat-store';
import { highestSeq } from './message-timeline';
import type { Outbox, OutboxItem } from './outbox';
import { cleanIdentity } from './visitor-identity';
import type { RequestPayload, RequestResult, VisitorRequestEvent, VisitorTransport } from './visitor-transport';

/** The department chosen before the chat only goes with a message that opens a conversation. */
export function outgoingMessage(item: OutboxItem, state: ChatState): VisitorMessageSend {
  const message: VisitorMessageSend = { clientId: item.clientId, text: item.text };
  if (item.attachments?.length) message.attachments = item.attachments.map((file) => file.id);
  if (state.departmentId && !isChatActive(state)) message.departmentId = state.departmentId;
  return message;
}

export interface ChatSessionDeps {
  transport: VisitorTransport;
  store: ChatStore;
  outbox: Outbox;
  saveVisitorToken: (token: string) => void;
  /** A new agent message arrived live (not from the first history load). */
  onAgentMessage: (message: Message) => void;
  /** A typing notice that never got its "stopped" is dropped after this long. */
  typingTimeoutMs?: number;
  rateLimitRetryMs?: number;
  /** The host page, reported to agents on every connection. */
  pageContext?: VisitorContext;
}

export type ChatSession = ReturnType<typeof startChatSession>;

export function startChatSession(deps: ChatSessionDeps) {
  const { transport, store, outbox } = deps;
  // A signed identity from the host page merges in whole: its signature covers only the user id and time.
  let identity: VisitorIdentifyRequest | null = null;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;

  /** Internal notes are for agents; should one ever reach the visitor, it is not shown. */
  function receive(messages: readonly Message[], live: boolean): void {
    const visible = messages.filter((message) => !message.internal);
    const added = store.receiveMessages(visible, { live });
    outbox.acknowledge(added.map((message) => message.clientId));
    if (!live) return;
    for (const message of added) if (message.author.kind === 'agent') deps.onAgentMessage(message);
  }

  /** Fetches what was missed: after the highest seq held, or everything when the conversation changed. */
  async function catchUp(): Promise<void> {
    const known = store.getState().conversation;
    const afterSeq = known ? highestSeq(store.getState().messages, known.id) : 0;
    let result = await transport.fetchHistory(afterSeq > 0 ? { afterSeq } : {});
    if (result.ok && result.data && known && result.data.conversation.id !== known.id && afterSeq > 0) {
      // A new conversation started meanwhile: our seq means nothing there.
      result = await transport.fetchHistory({});
    }
    if (!result.ok) return;
    if (result.data) {
      store.setConversation(result.data.conversation);
      // Before the messages: the visitor's mark says which of them are still unread.
      if (result.data.read) store.setRead(result.data.read);
      // The request the chat became (its number is only broadcast once, when it happens); an offline form's receipt stays.
      const { ticket } = result.data;
      if (ticket && store.getState().ticket?.conversationId !== null) {
        store.update({ ticket: { ...ticket, conversationId: result.data.conversation.id } });
      }
      // Live once the first catch-up is in: what comes after it is news (unread, announced).
      receive(result.data.messages, store.getState().historyLoaded);
    }
    if (!store.getState().historyLoaded) store.update({ historyLoaded: true });
  }

  function onConversationUpdated(conversation: Conversation): void {
    store.setConversation(conversation);
    // A gap (a message:new lost in a reconnect) shows up as lastSeq ahead of what we hold.
    if (conversation.lastSeq > highestSeq(store.getState().messages, conversation.id)) void catchUp().catch(() => {});
  }

  function onTyping(notice: TypingNotice): void {
    if (notice.who !== 'agent') return;
    clearTimeout(typingTimer);
    store.update({ agentTyping: notice.typing ? { name: notice.name } : null });
    if (notice.typing) {
      typingTimer = setTimeout(() => store.update({ agentTyping: null }), deps.typingTimeoutMs ?? 10_000);
    }
  }

  /** True once the server has it, or when it will be sent on the next connection. */
  async function sendIdentity(): Promise<boolean> {
    if (!identity || !transport.isConnected()) return true;
    return transport.identify(identity).then(
      (result) => result.ok,
      () => false,
    );
  }

  /** A request the visitor made (end the chat, rate it…): connects for it; null when no answer came. */
  async function ask<E extends VisitorRequestEvent>(event: E, payload: RequestPayload<E>): Promise<RequestResult<E> | null> {
    connect();
    return transport.request(event, payload).catch(() => null);
  }

  /** Asks whether someone can answer now; only over an open connection (each new one asks anyway). */
  function refreshAvailability(): void {
    if (!transport.isConnected()) return;
    void ask('site:status', {}).then((result) => {
      if (result?.ok) store.update({ availability: result.data });
    });
  }

  transport.onConnect(() => {
    store.setConnection('online');
    if (deps.pageContext) transport.sendContext(deps.pageContext);
    void sendIdentity();
    refreshAvailability();
    // Catch up first so messages already stored are acknowledged instead of resent; send either way.
    void catchUp()
      .catch(() => {})
      .finally(() => void outbox.flush());
  });
  transport.onDisconnect(() => store.setConnection('offline'));
  // The browser knows at once when the device loses its network; the socket's heartbeat takes ~20 s.
  addEventListener('offline', () => {
    const { connection } = store.getState();
    if (connection === 'online' || connection === 'connecting') store.setConnection('offline');
  });
  addEventListener('online', () => {
    if (store.getState().connection !== 'offline') return;
    // A short loss the socket never noticed: it is still connected.
    if (transport.isConnected()) store.setConnection('online');
    else transport.connect();
  });
  transport.onConnectError((error, willRetry) => {
    if (willRetry) return store.setConnection('offline');
    if (error?.code === 'RATE_LIMITED') {
      // Refused for now, not for good: the client will not retry by itself, so we do, later.
      store.setConnection('offline');
      setTimeout(() => transport.connect(), deps.rateLimitRetryMs ?? 15_000);
      return;
    }
    store.setConnection('refused', error?.code ?? 'INTERNAL');
  });
  transport.onServerEvent('session:ready', (session) => {
    if (session.visitorToken) deps.saveVisitorToken(session.visitorToken);
    if (session.name) store.setVisitorName(session.name);
  });
  transport.onServerEvent('message:new', (message) => receive([message], true));
  transport.onServerEvent('conversation:updated', onConversationUpdated);
  // The server lost broadcasts between its processes (Redis was away) while we stayed connected.
  transport.onServerEvent('session:resync', () => void catchUp().catch(() => {}));
  transport.onServerEvent('typing', onTyping);
  transport.onServerEvent('queue:position', (queue) => store.update({ queuePosition: queue }));
  transport.onServerEvent('conversation:read', (read) => store.setRead(read));
  transport.onServerEvent('site:availability', (availability) => store.update({ availability }));
  // The chat became a request (timed out, escalated, or left): the notice under it shows the number.
  transport.onServerEvent('ticket:created', (receipt) => {
    const conversationId = store.getState().conversation?.id;
    if (conversationId) store.update({ ticket: { ...receipt, conversationId } });
  });

  /** Connects unless connected or refused; cheap to call on every visitor action. */
  function connect(): void {
    const { connection } = store.getState();
    if (connection === 'refused' || transport.isConnected()) return;
    if (connection === 'idle') store.setConnection('connecting');
    transport.connect();
  }

  return {
    connect,
    send(text: string, attachments?: MessageAttachment[]): void {
      outbox.enqueue(text, attachments?.length ? attachments : undefined);
      connect();
    },
    retry(clientId: string): void {
      outbox.retry(clientId);
    },
    discard(clientId: string): void {
      outbox.discard(clientId);
    },
    setTyping(typing: boolean): void {
      if (transport.isConnected()) transport.setTyping(typing);
    },
    /** From `Parley.identify()` or a form in the panel; sent now if connected, else on the next connection. */
    identify(next: unknown): Promise<boolean> {
      const clean = cleanIdentity(next);
      if (clean) {
        identity = { ...identity, ...clean };
        store.setIntroduced(clean.name ?? null);
        if (clean.email) store.update({ email: clean.email });
      }
      return sendIdentity();
    },
    refreshAvailability,
    ask,
  };
}
