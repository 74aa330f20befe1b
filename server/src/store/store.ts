import type { AnalyticsStore } from './analytics.store';
import type { AttachmentStore } from './attachment.store';
import type { EmailOutboxStore } from './email-outbox.store';
import type { KnowledgeBaseStore } from './knowledge-base.store';
import type { RateLimitStore } from './rate-limit.store';
import type { VisitorIdentityStore } from './visitor-identity.store';
import type { ApiTokenStore } from './api-token.store';
import type { ListingStore } from './listing.store';
import type { WebhookStore } from './webhook.store';
import type { AgentCredentialStore } from './agent-credential.store';
import type { PrivacyStore } from './privacy.store';

/**
 * The storage seam. It speaks the domain, returns plain objects, and holds every uniqueness
 * and compare-and-set rule itself (unique indexes, conditional updates), so that several
 * server processes sharing one store can never double-assign or double-store.
 */
import type {
  Agent,
  AgentPatch,
  AgentRole,
  AgentStatus,
  Conversation,
  ConversationStatus,
  Department,
  Message,
  MessageAuthor,
  ChatEvent,
  MessageAttachment,
  Site,
  SiteSettings,
  SiteSettingsPatch,
  CannedReply,
  VisitorContext,
  VisitorIdentify,
  VisitorProfile,
  ReadState,
  Ticket,
  TicketChange,
  TicketEvent,
  TicketQuery,
} from '@parley/shared';

export interface AgentWithSecret extends Agent {
  passwordHash: string;
}

/** The store's visitor is exactly what agents may see of them; the token hash stays inside. */
export type Visitor = VisitorProfile;

export interface AgentSession {
  agentId: string;
  expiresAt: string;
}

export interface NewAgentRecord {
  siteId: string;
  email: string;
  name: string;
  role: AgentRole;
  passwordHash: string;
  departmentIds?: string[];
  languages?: string[];
  maxChats?: number;
}

export interface VisitorPresenceRecord {
  siteId: string;
  visitorId: string;
  at: string;
}

export interface NewConversationRecord {
  siteId: string;
  visitorId: string;
  visitorName: string | null;
  locale: string | null;
  departmentId?: string | null;
}

/** A queued conversation with what routing needs beyond the public shape. */
export interface QueuedConversation extends Conversation {
  /** Agents who let it time out; routing offers it to someone else first. */
  declinedAgentIds: string[];
}

export interface AgentLoad {
  agentId: string;
  activeChats: number;
  /** When this agent was last given a chat; round robin favours the longest idle. */
  lastAssignedAt: string | null;
}

export interface AppendedMessage {
  message: Message;
  /** False when the clientId was already stored: `message` is then the stored one. */
  created: boolean;
  conversation: Conversation;
}

export interface NewMessageRecord {
  conversationId: string;
  clientId: string;
  author: MessageAuthor;
  text: string;
  internal?: boolean;
  /** Files sent with it (already claimed for it); stored on the message as they are. */
  attachments?: MessageAttachment[];
  /**
   * What a system line records (a transfer, an invitation). Such a line leaves the chat's
   * `lastMessagePreview` as it was: chat lists preview what people wrote.
   */
  event?: ChatEvent;
}

/**
 * Told of an append once it is decided (its seq given, its conversation as it will be), before it is
 * durable: the others in the conversation can be shown the message that much sooner, while its
 * sender's acknowledgement still waits for the disk. A listener that throws fails the append's
 * promise (the message is still stored: a resend finds it).
 */
export type OnAppendStored = (appended: AppendedMessage) => void;

export interface NewVisitorMessageRecord extends Omit<NewMessageRecord, 'conversationId' | 'internal' | 'attachments'> {
  siteId: string;
  visitorId: string;
}

export interface ConversationQuery {
  siteId: string;
  statuses?: ConversationStatus[];
  limit?: number;
}

export interface NewTicketRecord {
  /** A new ticket's SLA clocks have never stood still: `slaPausedMinutes` starts at 0. */
  ticket: Omit<Ticket, 'id' | 'number' | 'createdAt' | 'updatedAt' | 'rating' | 'ratingComment' | 'slaPausedMinutes'>;
  /** The first timeline entry (with the chat transcript, when there was a chat). */
  createdEvent: NewTicketEventRecord;
}

export interface NewTicketEventRecord {
  kind: TicketEvent['kind'];
  authorKind: TicketEvent['authorKind'];
  authorId: string | null;
  authorName: string | null;
  text: string | null;
  changes: TicketChange[];
  /** Files sent with a reply or a note (claimed first with claimTicketAttachments); none when absent. */
  attachments?: MessageAttachment[];
  /**
   * Where the event came from outside Parley, when that can arrive twice (`email:<Message-ID>` of a
   * reply by e-mail, which a sending server may deliver again): one event per key and ticket.
   */
  sourceKey?: string;
}

/** Fields a ticket change may set; undefined leaves a field as it is. */
export type TicketPatch = Partial<
  Pick<
    Ticket,
    | 'status' | 'priority' | 'tier' | 'assigneeAgentId' | 'departmentId' | 'tags' | 'subject'
    | 'tierStartedAt' | 'firstResponseDueAt' | 'resolutionDueAt' | 'firstRespondedAt' | 'solvedAt'
    | 'closedAt' | 'pendingSince' | 'slaPausedMinutes' | 'rating' | 'ratingComment' | 'requesterEmail' | 'requesterName'
  >
> & { remindedAt?: string | null };

export interface TicketSearch extends TicketQuery {
  siteId: string;
  /** For the 'mine' view. */
  agentId: string;
  /** For the SLA views. */
  now: string;
  breachingWithinMinutes: number;
}

/**
 * What still depends on a department and would be stranded or silently rerouted by deleting it.
 * Each is something the admin moves or changes first; history (resolved chats, solved and closed
 * tickets) never blocks, it keeps the department's id.
 */
export interface DepartmentUse {
  /** The site routes chats without a department here (settings.defaultDepartmentId). */
  isSiteDefault: boolean;
  /** Queued or assigned conversations in it. */
  openConversations: number;
  /** Its tickets that are neither solved nor closed. */
  unsolvedTickets: number;
  /** Shortcuts of its canned replies that site-wide replies already use, so they cannot become site-wide. */
  cannedShortcutsTaken: string[];
}

export type DepartmentDeletion =
  | {
      outcome: 'deleted';
      /** The agents whose department lists held it, as they are now (an emptied list means every department). */
      agents: Agent[];
      /** Its (shared) canned replies, now site-wide. */
      cannedRepliesMadeSiteWide: number;
    }
  | { outcome: 'not-found' }
  | { outcome: 'in-use'; use: DepartmentUse };

/** Raised by a store when a unique rule refuses a write (e.g. an e-mail already taken). */
export class StoreConflictError extends Error {
  constructor(readonly what: string) {
    super(`conflict: ${what}`);
  }
}

export interface Store extends EmailOutboxStore, AnalyticsStore, KnowledgeBaseStore, RateLimitStore, VisitorIdentityStore, ApiTokenStore, WebhookStore, ListingStore, AttachmentStore, AgentCredentialStore, PrivacyStore {
  readonly kind: 'sqlite' | 'mongo';
  close(): Promise<void>;

  /** The installation's secret of that name, created once (the first caller's value wins). */
  getOrCreateSecret(name: string, generate: () => string): Promise<string>;

  createSite(input: { key: string; name: string; settings?: SiteSettings }): Promise<Site>;
  updateSiteSettings(siteId: string, patch: SiteSettingsPatch): Promise<Site | null>;
  /** The site as it is after the rename; null when there is no such site. */
  renameSite(siteId: string, name: string): Promise<Site | null>;
  findSiteByKey(key: string): Promise<Site | null>;
  findSiteById(id: string): Promise<Site | null>;
  listSites(): Promise<Site[]>;

  /** Throws StoreConflictError when the e-mail is taken. */
  createAgent(input: NewAgentRecord): Promise<Agent>;
  findAgentById(id: string): Promise<Agent | null>;
  findAgentWithSecretByEmail(email: string): Promise<AgentWithSecret | null>;
  /** The status in effect, as presence or an admin sets it; the agent's own choice stays as it was. */
  setAgentStatus(agentId: string, status: AgentStatus): Promise<Agent | null>;
  /** The agent chose this status: it is in effect now, and again whenever a console of theirs connects. */
  chooseAgentStatus(agentId: string, status: AgentStatus): Promise<Agent | null>;
  /**
   * A console connected at `at`: an agent offline for want of a console takes their chosen status
   * back, in one conditional update. Null when nothing changed (already on, chose Offline, or unknown).
   */
  resumeChosenStatus(agentId: string, at: string): Promise<Agent | null>;
  updateAgent(agentId: string, patch: AgentPatch): Promise<Agent | null>;
  listAgents(siteId: string): Promise<Agent[]>;
  /** Records that these agents still have a live console (heartbeat). */
  touchAgents(agentIds: string[], at: string): Promise<void>;
  /** Agents marked online/away whose last heartbeat is older than `before` become offline. */
  markSilentAgentsOffline(before: string): Promise<Agent[]>;

  createDepartment(input: { siteId: string; name: string }): Promise<Department>;
  listDepartments(siteId: string): Promise<Department[]>;
  /** Null when the site has no such department; a name another department has is a conflict. */
  renameDepartment(input: { siteId: string; departmentId: string; name: string }): Promise<Department | null>;
  /**
   * Deletes the site's department unless it is in use (see DepartmentUse): it leaves the department
   * list (its name is free again), agents' department lists lose it, and its canned replies become
   * site-wide. SQLite does all of it in one transaction; MongoDB in an order that never leaves a
   * reference routing trips on (see mongo-department-deletion.ts). Conversations and tickets keep
   * its id as history.
   */
  deleteDepartment(input: { siteId: string; departmentId: string }): Promise<DepartmentDeletion>;

  createAgentSession(input: { tokenHash: string; agentId: string; expiresAt: string }): Promise<void>;
  findAgentSession(tokenHash: string): Promise<AgentSession | null>;
  deleteAgentSession(tokenHash: string): Promise<void>;

  createVisitor(input: { siteId: string; tokenHash: string; locale: string | null }): Promise<Visitor>;
  findVisitorByTokenHash(siteId: string, tokenHash: string): Promise<Visitor | null>;
  findVisitorById(id: string): Promise<Visitor | null>;
  /**
   * A new visit (socket session) began: browser, start time, and the panel's language now (null
   * keeps the stored one), which the visitor's next conversations and e-mails are in.
   */
  startVisit(visitorId: string, input: { userAgent: string | null; at: string; locale?: string | null }): Promise<Visitor | null>;
  updateVisitorContext(visitorId: string, context: VisitorContext): Promise<Visitor | null>;
  /** Name and e-mail as the visitor gave them; open conversations take the name too. */
  identifyVisitor(visitorId: string, identity: VisitorIdentify): Promise<Visitor | null>;
  listVisitorConversations(siteId: string, visitorId: string): Promise<Conversation[]>;

  /** Throws StoreConflictError when the shortcut is taken in the same scope. */
  saveCannedReply(reply: Omit<CannedReply, 'id'> & { id?: string }): Promise<CannedReply>;
  deleteCannedReply(input: { id: string; siteId: string }): Promise<boolean>;
  /**
   * The site's shared replies, those of the given departments (`'all'`: of every department), and
   * the agent's own.
   */
  listCannedReplies(input: { siteId: string; agentId: string; departmentIds: readonly string[] | 'all' }): Promise<CannedReply[]>;
  findCannedReply(id: string): Promise<CannedReply | null>;
  deleteAgentSessions(agentId: string): Promise<void>;

  /**
   * The visitor's open (not resolved) conversation, created when there is none. At most one
   * open conversation per visitor and site is held by the store, whatever the concurrency.
   */
  openConversation(input: NewConversationRecord): Promise<{ conversation: Conversation; created: boolean }>;
  findOpenConversation(siteId: string, visitorId: string): Promise<Conversation | null>;
  /** The visitor's latest conversation, open or not (to show history after a resolve). */
  findLatestConversation(siteId: string, visitorId: string): Promise<Conversation | null>;
  findConversation(id: string): Promise<Conversation | null>;
  listConversations(query: ConversationQuery): Promise<Conversation[]>;
  /** Compare-and-set: queued -> assigned to this agent. Null when it was not queued. */
  claimConversation(input: { conversationId: string; agentId: string }): Promise<Conversation | null>;
  /**
   * Compare-and-set for routing: queued -> assigned, only while the agent holds fewer than
   * `maxChats` assigned conversations. Null when either condition failed.
   */
  assignConversation(input: { conversationId: string; agentId: string; maxChats: number }): Promise<Conversation | null>;
  /**
   * Compare-and-set: assigned to `fromAgentId` -> queued again, keeping its place in the queue.
   * With `declined`, that agent is skipped by routing for this conversation.
   */
  requeueConversation(input: { conversationId: string; fromAgentId: string; declined: boolean; departmentId?: string | null }): Promise<Conversation | null>;
  /** Compare-and-set: assigned to `fromAgentId` -> assigned to `toAgentId` (within its capacity). */
  transferConversation(input: { conversationId: string; fromAgentId: string; toAgentId: string; maxChats: number }): Promise<Conversation | null>;
  /** The site's queue, first come first served. */
  listQueue(siteId: string): Promise<QueuedConversation[]>;
  listAgentLoads(siteId: string): Promise<AgentLoad[]>;
  /** The site's assigned conversations whose agent has owed an answer since before `before`. */
  listUnansweredAssignments(input: { siteId: string; before: string }): Promise<Conversation[]>;
  listAssignedTo(agentId: string): Promise<Conversation[]>;
  /**
   * Compare-and-set: resolved -> queued. Null when it was not resolved; StoreConflictError when
   * the visitor already has another open conversation.
   */
  reopenConversation(conversationId: string): Promise<Conversation | null>;
  /** Moves a side's read mark forward (never back, never past the last message); null when missing. */
  markRead(input: { conversationId: string; reader: 'visitor' | 'agent'; seq: number }): Promise<ReadState | null>;
  getReadState(conversationId: string): Promise<ReadState | null>;
  /** Records the visitor's rating of a resolved conversation (a later rating replaces it). */
  rateConversation(input: { conversationId: string; score: number; comment: string | null }): Promise<Conversation | null>;
  /**
   * The visitor's presence on their open conversation, for its agents. `visitorBack`: a page of
   * theirs connected `at` (also a heartbeat); `visitorLeft`: their last page closed `at`. Each returns
   * the conversation only when it changed whether the visitor is on the site; null when it did not,
   * or there is no open conversation.
   */
  visitorBack(input: VisitorPresenceRecord): Promise<Conversation | null>;
  visitorLeft(input: VisitorPresenceRecord): Promise<Conversation | null>;
  /** Heartbeat: these visitors still have a page connected to this process. */
  touchVisitors(visitors: { siteId: string; visitorId: string }[], at: string): Promise<void>;
  /**
   * Open conversations whose visitor reads as on the site but has not been seen since `before` (the
   * process that held their page stopped without saying so): left when last seen. Returns them.
   */
  markSilentVisitorsGone(before: string): Promise<Conversation[]>;
  /** Adds a helping agent (idempotent) to an open conversation. */
  addParticipant(input: { conversationId: string; agentId: string }): Promise<Conversation | null>;
  /** Compare-and-set: any open status -> resolved. Null when it was already resolved or missing. */
  resolveConversation(conversationId: string): Promise<Conversation | null>;

  /**
   * Creates the ticket with the next number of its site. With a conversation: at most one
   * ticket per conversation (a second call returns the first with created=false), and the
   * conversation is resolved and linked to it in the same write.
   */
  createTicket(input: NewTicketRecord): Promise<{ ticket: Ticket; created: boolean }>;
  findTicket(id: string): Promise<Ticket | null>;
  /**
   * Applies the patch and records the event in one write; null when the ticket is missing, or when
   * `ifUnchanged` is given and the ticket no longer has that status and updatedAt (someone changed it
   * since the caller read it: nothing is applied). Throws StoreConflictError, changing nothing, when
   * the ticket already holds an event with its sourceKey.
   */
  updateTicket(input: {
    ticketId: string;
    patch: TicketPatch;
    event: NewTicketEventRecord | null;
    ifUnchanged?: Pick<Ticket, 'status' | 'updatedAt'>;
  }): Promise<Ticket | null>;
  /** Whether the ticket holds an event recorded with this sourceKey. */
  hasTicketEventFrom(ticketId: string, sourceKey: string): Promise<boolean>;
  /** The timeline in order; `includeNotes: false` (the requester's view) leaves internal notes out. */
  listTicketEvents(ticketId: string, options?: { includeNotes?: boolean }): Promise<TicketEvent[]>;
  searchTickets(search: TicketSearch): Promise<{ tickets: Ticket[]; total: number }>;
  /**
   * The site's tickets solved before `solvedBefore`, due for auto-close: at most `limit`, the longest
   * solved first (a sweep takes a bounded share of a backlog; the next sweep takes the rest).
   */
  listTicketsToClose(input: { siteId: string; solvedBefore: string; limit: number }): Promise<Ticket[]>;
  /** The site's tickets pending since before `pendingBefore` and not reminded since: at most `limit`, the longest pending first. */
  listTicketsToRemind(input: { siteId: string; pendingBefore: string; limit: number }): Promise<Ticket[]>;
  listVisitorTickets(siteId: string, visitorId: string): Promise<Ticket[]>;
  /**
   * The site's open conversations no agent has answered yet, waiting since before `queuedBefore`,
   * whether queued or assigned to someone silent (escalation candidates).
   */
  listLongWaiting(input: { siteId: string; queuedBefore: string }): Promise<Conversation[]>;

  /**
   * Stores a message once per (conversation, clientId) and gives it the next seq. A retry of
   * the same clientId returns the stored message with created=false. Every message sets the
   * conversation's lastMessageAt to its createdAt; an agent's message also records the first
   * response and clears awaitingAgentSince. `conversation` is the conversation
   * as this append left it (lastSeq included), so the caller needs no second read to announce it.
   * The promise settles once the message is durable; `onStored`, when given, runs exactly once
   * before that, as soon as the message is decided: once other readers can see it, or (SQLite) just
   * before it is written, in the write transaction that then writes and commits it in the same
   * synchronous run (a read started inside the listener does not see it yet). Either way it may
   * still be waiting for the disk; if that write or commit fails, the promise is refused.
   */
  appendMessage(input: NewMessageRecord, onStored?: OnAppendStored): Promise<AppendedMessage>;
  /**
   * appendMessage into the visitor's open conversation, found and appended to in one write; null
   * when the visitor has none open (nothing is stored then, and `onStored` does not run). A
   * visitor's message without files, in one step instead of two.
   */
  appendToOpenConversation(input: NewVisitorMessageRecord, onStored?: OnAppendStored): Promise<AppendedMessage | null>;
  /** The message a client sent under `clientId` into this conversation, if it was stored. */
  findMessageByClientId(conversationId: string, clientId: string): Promise<Message | null>;
  /** In seq order; `includeInternal: false` (the visitor's view) leaves agents' notes out. */
  listMessages(query: {
    conversationId: string;
    afterSeq?: number;
    limit?: number;
    includeInternal?: boolean;
  }): Promise<Message[]>;
}
