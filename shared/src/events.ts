/**
 * The one Socket.IO contract: event maps per namespace and direction, used by the server's
 * typed `Server<...>` and by both clients' `Socket<...>`. Payloads are the zod-inferred types.
 */
import type { Ack } from './errors';
import type {
  KbArticleRequest,
  KbDeflection,
  KbFeedbackReceipt,
  KbPublicArticle,
  KbSuggestions,
  KbSuggestRequest,
  KbVote,
} from './schemas/knowledge-base';
import type {
  Conversation,
  ConversationActivity,
  ConversationRef,
  ChatRating,
  ConversationWithMessages,
  HistoryRequest,
  QueuePosition,
  ReadState,
  InviteRequest,
  TransferRequest,
  TypingNotice,
} from './schemas/conversation';
import type { AgentMessageSend, Message, VisitorMessageSend } from './schemas/message';
import type { Agent, AgentStatus } from './schemas/agent';
import type { VisitorContext, VisitorIdentifyRequest, VisitorProfile, VisitorSession } from './schemas/visitor';
import type { CannedReply, CannedReplyInput } from './schemas/canned-reply';
import type { Department } from './schemas/department';
import type { ContactCounts, ContactErasedNotice, ForgetMeRequest } from './schemas/privacy';
import type {
  EscalateRequest,
  OfflineRequest,
  SiteAvailability,
  Ticket,
  TicketQuery,
  TicketReceipt,
  TicketReplyRequest,
  TicketUpdate,
  TicketWithTimeline,
} from './schemas/ticket';

export const VISITOR_NAMESPACE = '/visitor';
export const AGENT_NAMESPACE = '/agent';

/** Visitor namespace: the chat panel inside the iframe. */
export interface VisitorClientToServerEvents {
  'conversation:history': (request: HistoryRequest, ack: Ack<ConversationWithMessages | null>) => void;
  'message:send': (message: VisitorMessageSend, ack: Ack<Message>) => void;
  'typing:set': (typing: { typing: boolean }) => void;
  /** The page the visitor is on now (sent on load and on every navigation). */
  'visitor:context': (context: VisitorContext) => void;
  /** Unsigned (the visitor's word) or signed by the site's backend (verified). */
  'visitor:identify': (identity: VisitorIdentifyRequest, ack: Ack<VisitorSession>) => void;
  /** The visitor ends the chat; an unanswered one becomes a ticket. */
  'conversation:end': (request: Record<string, never>, ack: Ack<{ ticket: TicketReceipt | null }>) => void;
  /** The offline form. */
  'ticket:create': (request: OfflineRequest, ack: Ack<TicketReceipt>) => void;
  'site:status': (request: Record<string, never>, ack: Ack<SiteAvailability>) => void;
  /** Rates the visitor's latest conversation once it is resolved. */
  'conversation:rate': (rating: ChatRating, ack: Ack<Conversation>) => void;
  'conversation:transcript': (request: { email: string }, ack: Ack<{ queued: true }>) => void;
  /** The visitor has seen messages up to this seq (fire and forget). */
  'message:read': (request: { seq: number }) => void;
  /** Published articles for what the visitor wrote (their language first, then English); offer `bestMatch` before a person. */
  'kb:suggest': (request: KbSuggestRequest, ack: Ack<KbSuggestions>) => void;
  /** A published article of the site, rendered to sanitised HTML. */
  'kb:article': (request: KbArticleRequest, ack: Ack<KbPublicArticle>) => void;
  /** "Did this help?" A later vote by the same visitor replaces the earlier one. */
  'kb:vote': (vote: KbVote, ack: Ack<KbFeedbackReceipt>) => void;
  /** After an offered article: "this solved it" or "talk to a person". */
  'kb:deflection': (event: KbDeflection, ack: Ack<KbFeedbackReceipt>) => void;
  /** "Forget me": erases this visitor's own records; the server then ends the session, and the panel starts afresh. */
  'visitor:forget': (request: ForgetMeRequest, ack: Ack<{ erased: ContactCounts }>) => void;
}

export interface VisitorServerToClientEvents {
  'session:ready': (session: VisitorSession) => void;
  'message:new': (message: Message) => void;
  'conversation:updated': (conversation: Conversation) => void;
  'queue:position': (position: QueuePosition) => void;
  /** The visitor's chat became a ticket: its number, and whether we can e-mail them. */
  'ticket:created': (receipt: TicketReceipt) => void;
  /** Read receipts moved on (the agent read the visitor's messages, or another tab of the visitor did). */
  'conversation:read': (state: ReadState) => void;
  typing: (notice: TypingNotice) => void;
  /** Someone came online or everyone went away: whether a live chat is possible now. */
  'site:availability': (availability: SiteAvailability) => void;
  /** Broadcasts between server processes were lost (Redis was away): fetch what was missed, as after a reconnect. */
  'session:resync': (notice: Record<string, never>) => void;
}

/** Agent namespace: the agent console. */
export interface AgentClientToServerEvents {
  'conversation:list': (request: Record<string, never>, ack: Ack<Conversation[]>) => void;
  'conversation:open': (request: ConversationRef, ack: Ack<ConversationWithMessages>) => void;
  'conversation:claim': (request: ConversationRef, ack: Ack<Conversation>) => void;
  'conversation:resolve': (request: ConversationRef, ack: Ack<Conversation>) => void;
  'conversation:transfer': (request: TransferRequest, ack: Ack<Conversation>) => void;
  'agent:list': (request: Record<string, never>, ack: Ack<Agent[]>) => void;
  'conversation:reopen': (request: ConversationRef, ack: Ack<Conversation>) => void;
  'conversation:invite': (request: InviteRequest, ack: Ack<Conversation>) => void;
  'visitor:profile': (
    request: { visitorId: string },
    ack: Ack<{ visitor: VisitorProfile; conversations: Conversation[]; tickets: Ticket[] }>,
  ) => void;
  'canned:list': (request: Record<string, never>, ack: Ack<CannedReply[]>) => void;
  'canned:save': (request: CannedReplyInput, ack: Ack<CannedReply>) => void;
  'canned:delete': (request: { id: string }, ack: Ack<{ id: string }>) => void;
  'conversation:escalate': (request: EscalateRequest, ack: Ack<Ticket>) => void;
  'ticket:search': (request: Partial<TicketQuery>, ack: Ack<{ tickets: Ticket[]; total: number }>) => void;
  'ticket:open': (request: { ticketId: string }, ack: Ack<TicketWithTimeline>) => void;
  'ticket:update': (request: { ticketId: string; update: TicketUpdate }, ack: Ack<Ticket>) => void;
  'ticket:bulk-update': (request: { ticketIds: string[]; update: TicketUpdate }, ack: Ack<Ticket[]>) => void;
  'ticket:reply': (request: TicketReplyRequest, ack: Ack<Ticket>) => void;
  'message:send': (message: AgentMessageSend, ack: Ack<Message>) => void;
  'typing:set': (typing: { conversationId: string; typing: boolean }) => void;
  /** The agent has seen the conversation's messages up to this seq (fire and forget). */
  'message:read': (request: { conversationId: string; seq: number }) => void;
  'agent:status': (request: { status: AgentStatus }, ack: Ack<Agent>) => void;
}

export interface AgentServerToClientEvents {
  'session:ready': (agent: Agent) => void;
  /** Presence, capacity or profile of an agent of the site changed. */
  'agent:updated': (agent: Agent) => void;
  /** A visitor of the site browsed to another page or told us their name. */
  'visitor:updated': (visitor: VisitorProfile) => void;
  'ticket:updated': (ticket: Ticket) => void;
  'conversation:read': (state: ReadState) => void;
  'conversation:updated': (conversation: Conversation) => void;
  /**
   * Every message of a waiting chat; of an assigned one, only to its agent, the agents invited
   * into it and the consoles that opened it (the rest hear of it in `conversation:activity`).
   */
  'message:new': (message: Message) => void;
  /** Coalesced, about once a second: the conversations that moved without a `message:new` here. */
  'conversation:activity': (activity: ConversationActivity[]) => void;
  typing: (notice: TypingNotice) => void;
  /** Erased by an admin or a visitor, or past the site's retention: drop these from every list and tab. */
  'contact:erased': (notice: ContactErasedNotice) => void;
  /**
   * A canned reply was added or edited: a personal one to its owner's consoles only, a shared one to
   * the site's agents (each console keeps it if it is offered to its agent, drops it otherwise).
   */
  'canned:saved': (reply: CannedReply) => void;
  /** A canned reply was deleted (or, shared, became someone's personal reply): drop it. */
  'canned:deleted': (ref: { id: string }) => void;
  /** A department was added or renamed (transfer menus, team lists and filters show its name). */
  'department:saved': (department: Department) => void;
  /** A department was deleted. */
  'department:deleted': (ref: { id: string }) => void;
  /** Broadcasts between server processes were lost (Redis was away): fetch what was missed, as after a reconnect. */
  'session:resync': (notice: Record<string, never>) => void;
}

/** Events between server processes (Redis adapter `serverSideEmit`). */
export interface InterServerEvents {
  ping: () => void;
}
