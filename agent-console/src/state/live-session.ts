/**
 * A signed-in agent's live workspace: binds the socket's events to the stores and offers
 * the actions the screens call. One exists per sign-in; signing out disposes it.
 */
import type {
  AgentStatus,
  CannedReply,
  CannedReplyInput,
  Conversation,
  Message,
  ReadState,
  TransferRequest,
} from '@parley/shared';
import { effect, signal, type ReadonlySignal } from '@preact/signals';
import type { AdminClient } from '../api/admin.client';
import { ApiError } from '../api/api-error';
import type { AgentConnection, ConnectionStatus } from '../realtime/agent-connection';
import { createAgentsStore, type AgentsStore } from './agents.store';
import { createCannedRepliesStore, type CannedRepliesStore } from './canned-replies.store';
import { createChatCommands, type ChatCommands } from './chat-commands';
import { createClock, type Clock } from './clock';
import { createConversationsStore, type ConversationsStore } from './conversations.store';
import { createDepartmentsStore, type DepartmentsStore } from './departments.store';
import { isNewChatForAgent } from './new-chat-rule';
import { createOutbox, type OutboxStore, type OutgoingExtras } from './outbox.store';
import { createReadReceiptsStore, type ReadReceiptsStore } from './read-receipts.store';
import { createReadReporter } from './read-reporter';
import type { SessionStore } from './session.store';
import { createTabsStore, type TabsStore } from './tabs.store';
import { createTicketsStore, type TicketsStore } from './tickets.store';
import { createTranscriptsStore, type TranscriptsStore } from './transcripts.store';
import { createTypingStore, type TypingStore } from './typing.store';
import { createVisitorsStore, type VisitorsStore } from './visitors.store';

export interface LiveSessionOptions {
  connection: AgentConnection;
  /** REST administration with this session's token. */
  admin: AdminClient;
  session: SessionStore;
  storage: Storage;
  /** A chat came to the agent (waiting, or routed to them) while they were here. */
  onNewChat?: (conversation: Conversation) => void;
  newClientId: () => string;
  /** Whether the agent is looking at the page; unread marks only clear when they are. */
  isPageVisible?: () => boolean;
  /**
   * Whether the Chats screen is the one shown (not the knowledge base, analytics…): the active chat
   * is on screen, so can be read, only then. Always, unless given.
   */
  chatsOnScreen?: ReadonlySignal<boolean>;
  retryDelaysMs?: readonly number[];
  /** At most one `message:read` per conversation this often. */
  readReportIntervalMs?: number;
}

/** A chat this agent was given went back to the queue because they did not answer within `seconds`. */
export interface UnansweredNotice {
  /** The history line's id: one notice per line, however often it arrives. */
  id: string;
  conversationId: string;
  seconds: number;
}

export interface LiveSession {
  status: ReadonlySignal<ConnectionStatus>;
  /** Chats taken back from this agent for want of an answer, until they dismiss the notice. */
  unanswered: ReadonlySignal<readonly UnansweredNotice[]>;
  dismissUnanswered(id: string): void;
  conversations: ConversationsStore;
  agents: AgentsStore;
  visitors: VisitorsStore;
  canned: CannedRepliesStore;
  transcripts: TranscriptsStore;
  outbox: OutboxStore;
  typing: TypingStore;
  tabs: TabsStore;
  tickets: TicketsStore;
  /** How far visitors have read: "Read" or "Sent" under the agents' messages. */
  receipts: ReadReceiptsStore;
  departments: DepartmentsStore;
  admin: AdminClient;
  /** Ticks so SLA countdowns stay current. */
  clock: Clock;
  /** Keyboard shortcuts asking a chat panel to act (resolve, transfer, escalate). */
  commands: ChatCommands;
  /** Unsent text per conversation, so a draft survives switching tabs (not a reload). */
  drafts: Map<string, string>;
  openConversation(conversationId: string): Promise<void>;
  /** Throws ApiError (ALREADY_ASSIGNED, CONVERSATION_CLOSED…) for the panel to show. */
  claim(conversationId: string): Promise<void>;
  resolve(conversationId: string): Promise<void>;
  transfer(request: TransferRequest): Promise<void>;
  invite(conversationId: string, agentId: string): Promise<void>;
  reopen(conversationId: string): Promise<void>;
  send(conversationId: string, text: string, extras?: OutgoingExtras): void;
  setPresence(status: AgentStatus): Promise<void>;
  /** Throws ApiError (VALIDATION_FAILED for a taken shortcut, FORBIDDEN for a shared reply). */
  saveCanned(input: CannedReplyInput): Promise<CannedReply>;
  deleteCanned(replyId: string): Promise<void>;
  /** Deletes it on the server, then mirrors what the server did: agents lose it, replies are everyone's. */
  deleteDepartment(departmentId: string): Promise<void>;
  /** Marks the focused conversation read, e.g. when the page becomes visible again. */
  markActiveRead(): void;
  dispose(): void;
}

export function createLiveSession(options: LiveSessionOptions): LiveSession {
  const { connection, session } = options;
  const isPageVisible = options.isPageVisible ?? (() => document.visibilityState === 'visible');
  const chatsOnScreen = options.chatsOnScreen ?? signal(true);
  const agentId = signal<string | null>(session.agent.value?.id ?? null);
  const status = signal<ConnectionStatus>(connection.isOnline() ? 'online' : 'connecting');
  const conversations = createConversationsStore({ storage: options.storage, agentId });
  const agents = createAgentsStore(agentId);
  const visitors = createVisitorsStore((visitorId) => connection.request('visitor:profile', { visitorId }));
  const canned = createCannedRepliesStore();
  const transcripts = createTranscriptsStore();
  const tabs = createTabsStore(options.storage);
  const tickets = createTicketsStore((event, payload, timeoutMs) =>
    connection.request(event, payload, timeoutMs),
  );
  const departments = createDepartmentsStore();
  const receipts = createReadReceiptsStore();
  const reporter = createReadReporter({
    send: (conversationId, seq) => connection.markRead(conversationId, seq),
    intervalMs: options.readReportIntervalMs,
  });
  const clock = createClock();
  const commands = createChatCommands();
  const typing = createTypingStore((id, isTyping) => connection.setTyping(id, isTyping));
  const outbox = createOutbox({
    deliver: (item) =>
      connection.request('message:send', {
        conversationId: item.conversationId,
        clientId: item.clientId,
        text: item.text,
        ...(item.internal ? { internal: true } : {}),
        ...(item.attachments ? { attachments: item.attachments.map((file) => file.id) } : {}),
      }),
    isOnline: () => connection.isOnline(),
    onDelivered: receiveMessage,
    newClientId: options.newClientId,
    retryDelaysMs: options.retryDelaysMs,
  });
  // Until the first list arrives, every conversation would look "new" and ring.
  let listed = false;
  const unanswered = signal<readonly UnansweredNotice[]>([]);

  /** The history line saying a chat went back to the queue unanswered: news for the agent who had it. */
  function noticeIfMineUnanswered(message: Message) {
    const event = message.event;
    if (event?.type !== 'unanswered' || event.agentId !== agentId.value) return;
    if (unanswered.value.some((notice) => notice.id === message.id)) return;
    unanswered.value = [...unanswered.value, { id: message.id, conversationId: message.conversationId, seconds: event.seconds }];
  }

  async function loadTranscript(conversationId: string) {
    transcripts.track(conversationId);
    try {
      const opened = await connection.request('conversation:open', { conversationId });
      conversations.upsert(opened.conversation);
      transcripts.merge(conversationId, opened.messages);
      // System lines missed while away (a tab in the background, offline) must not count as unread either.
      for (const line of opened.messages) if (line.author.kind === 'system') conversations.noteMessage(line);
      if (opened.read) receiveReadState(opened.read);
      markActiveRead();
    } catch (error) {
      // Gone (another site's id left in storage, or deleted): the tab has nothing to show.
      if (error instanceof ApiError && error.code === 'CONVERSATION_NOT_FOUND') tabs.close(conversationId);
      else throw error;
    }
  }

  async function refresh() {
    // Colleagues and canned replies only enrich the workspace: the list must not wait for them.
    connection.request('agent:list', {}).then(
      (team) => agents.replaceAll(team),
      () => undefined,
    );
    connection.request('canned:list', {}).then(
      (replies) => canned.replaceAll(replies),
      () => undefined,
    );
    options.admin.listDepartments().then(
      (found) => departments.replaceAll(found),
      () => undefined,
    );
    // Tickets shown while offline may have moved on.
    tickets.resync();
    const list = await connection.request('conversation:list', {});
    conversations.replaceAll(list, new Set(tabs.openIds.value));
    listed = true;
    await Promise.all(tabs.openIds.value.map((id) => loadTranscript(id).catch(() => undefined)));
  }

  function receiveMessage(message: Message) {
    if (!conversations.byId.value.has(message.conversationId) && listed)
      void refresh().catch(() => undefined);
    conversations.noteMessage(message);
    noticeIfMineUnanswered(message);
    if (message.author.kind === 'visitor') typing.visitorSent(message.conversationId);
    transcripts.add(message);
    outbox.confirm(message);
    markActiveRead();
  }

  function markActiveRead() {
    const active = tabs.activeId.peek();
    // Only what is on screen counts as read: a chat behind another screen is not.
    if (!active || !chatsOnScreen.peek() || !isPageVisible()) return;
    conversations.markRead(active);
    // Only what is on screen counts as read: nothing before the transcript has arrived.
    if (!transcripts.isLoaded(active)) return;
    const last = transcripts.messagesOf(active).peek().at(-1);
    if (last) reporter.report(active, last.seq);
  }

  function receiveReadState(state: ReadState) {
    receipts.receive(state);
    reporter.acknowledge(state.conversationId, state.agentSeq);
  }

  const unsubscribers = [
    connection.onStatus((next, error) => {
      status.value = next;
      if (error?.code === 'UNAUTHENTICATED') return session.expire();
      if (next !== 'online') return;
      void refresh().catch(() => undefined);
      outbox.wakeUp();
    }),
    connection.on('session:ready', (agent) => {
      agentId.value = agent.id;
      session.updateAgent(agent);
    }),
    connection.on('agent:updated', (agent) => {
      agents.upsert(agent);
      // Presence can change without us (another console, the server's timeout).
      if (agent.id === agentId.value) session.updateAgent(agent);
    }),
    connection.on('conversation:updated', (conversation) => {
      const before = conversations.upsert(conversation);
      if (listed && isNewChatForAgent({ before, after: conversation, agentId: agentId.value })) {
        options.onNewChat?.(conversation);
      }
    }),
    connection.on('visitor:updated', (visitor) => visitors.update(visitor)),
    // The server lost broadcasts between its processes (Redis was away) while we stayed connected:
    // catch up as after a reconnect.
    connection.on('session:resync', () => void refresh().catch(() => undefined)),
    connection.on('message:new', receiveMessage),
    connection.on('conversation:activity', (activity) => conversations.noteActivity(activity)),
    connection.on('typing', (notice) => typing.receive(notice)),
    connection.on('conversation:read', receiveReadState),
    connection.on('ticket:updated', (ticket) => tickets.receive(ticket)),
    // Replies added, edited or deleted elsewhere (an admin's console) are offered, or not, at once.
    connection.on('canned:saved', (reply) => canned.receive(reply, session.agent.value)),
    connection.on('canned:deleted', ({ id }) => canned.remove(id)),
    // Departments an admin adds, renames or deletes elsewhere: transfer menus and filters name them right.
    connection.on('department:saved', (department) => departments.upsert(department)),
    connection.on('department:deleted', ({ id }) => departments.remove(id)),
    // A contact was erased (or chats passed the site's retention): nothing of theirs stays on screen.
    connection.on('contact:erased', (notice) => {
      notice.conversationIds.forEach((id) => tabs.close(id));
      conversations.remove(notice.conversationIds);
      if (notice.ticketIds.length) tickets.resync();
    }),
    // Focusing a conversation reads it, and so does coming back to the Chats screen with one focused.
    effect(() => {
      if (tabs.activeId.value && chatsOnScreen.value) markActiveRead();
    }),
  ];

  // Connected before we listened (a socket that was quick): catch up now.
  if (connection.isOnline()) void refresh().catch(() => undefined);

  return {
    status,
    unanswered,
    dismissUnanswered(id) {
      unanswered.value = unanswered.value.filter((notice) => notice.id !== id);
    },
    conversations,
    agents,
    visitors,
    canned,
    transcripts,
    outbox,
    typing,
    tabs,
    tickets,
    receipts,
    departments,
    admin: options.admin,
    clock,
    commands,
    drafts: new Map(),
    async openConversation(conversationId) {
      tabs.open(conversationId);
      transcripts.track(conversationId);
      if (!transcripts.isLoaded(conversationId)) await loadTranscript(conversationId);
      markActiveRead();
    },
    async claim(conversationId) {
      conversations.upsert(await connection.request('conversation:claim', { conversationId }));
    },
    async resolve(conversationId) {
      typing.ownStop(conversationId);
      conversations.upsert(await connection.request('conversation:resolve', { conversationId }));
    },
    async transfer(request) {
      conversations.upsert(await connection.request('conversation:transfer', request));
    },
    async invite(conversationId, agentId) {
      conversations.upsert(await connection.request('conversation:invite', { conversationId, agentId }));
    },
    async reopen(conversationId) {
      conversations.upsert(await connection.request('conversation:reopen', { conversationId }));
    },
    send(conversationId, text, extras) {
      typing.ownStop(conversationId);
      outbox.send(conversationId, text, extras);
    },
    async setPresence(next) {
      session.updateAgent(await connection.request('agent:status', { status: next }));
    },
    async saveCanned(input) {
      const saved = await connection.request('canned:save', input);
      canned.upsert(saved);
      return saved;
    },
    async deleteCanned(replyId) {
      await connection.request('canned:delete', { id: replyId });
      canned.remove(replyId);
    },
    async deleteDepartment(departmentId) {
      await options.admin.deleteDepartment(departmentId);
      departments.remove(departmentId);
      // agent:updated follows from the server, but no event tells of replies: mirror both now.
      for (const agent of agents.byId.value.values())
        if (agent.departmentIds.includes(departmentId))
          agents.upsert({ ...agent, departmentIds: agent.departmentIds.filter((id) => id !== departmentId) });
      canned.replaceAll(
        canned.replies.value.map((reply) =>
          reply.departmentId === departmentId && !reply.ownerAgentId
            ? { ...reply, departmentId: null }
            : reply,
        ),
      );
    },
    markActiveRead,
    dispose() {
      unsubscribers.forEach((unsubscribe) => unsubscribe());
      tickets.dispose();
      reporter.dispose();
      clock.dispose();
      outbox.dispose();
      typing.dispose();
      connection.close();
    },
  };
}
