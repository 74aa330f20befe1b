/** The shapes of the MongoDB store's documents, as lean reads return them. */
import type {
  AgentRole, AgentStatus, ChatEvent, ConversationStatus, MessageAttachment, MessageAuthor, MessagePreview, Ticket, TicketChange, TicketEvent,
} from '@parley/shared';

export interface SiteDoc {
  _id: string; key: string; name: string;
  /**
   * Site settings as one free-form object, without nulls: read through the settings schema, which
   * fills in defaults for keys written by an older version (and for keys a null patch removed).
   */
  settings: Record<string, unknown>;
  /** The number the site's next ticket gets. */
  nextTicketNumber: number;
  createdAt: Date;
}

/** A secret all processes of the installation share; the name is the _id. */
export interface SecretDoc { _id: string; value: string }

/**
 * A chat slot held by an agent: one per assigned conversation, reserved before the conversation's
 * own compare-and-set. Capacity is "fewer than maxChats slots", checked in the reserving update.
 */
export interface ChatSlotDoc { conversationId: string; token: string; at: Date }

export interface AgentDoc {
  _id: string; siteId: string; email: string; name: string; role: AgentRole;
  status: AgentStatus;
  /** What the agent chose; a reconnect brings it back. Absent on agents stored before it was kept (online). */
  chosenStatus?: AgentStatus;
  active: boolean; passwordHash: string;
  departmentIds: string[]; languages: string[]; maxChats: number;
  lastSeenAt: Date | null; chatSlots: ChatSlotDoc[]; createdAt: Date;
}

/** The session's token hash is its _id; expired sessions are swept by a TTL index. */
export interface AgentSessionDoc { _id: string; agentId: string; expiresAt: Date }

export interface DepartmentDoc {
  _id: string; siteId: string; name: string; createdAt: Date;
  /**
   * The name as compared for uniqueness (unique-name-key.ts). Absent on documents an older Parley
   * wrote until the store's next open fills it in; null on one a case variant of an older one.
   */
  nameKey?: string | null;
}

export interface VisitorDoc {
  _id: string; siteId: string; tokenHash: string; name: string | null; email: string | null;
  locale: string | null; pageUrl: string | null; pageTitle: string | null; referrer: string | null;
  /** The last pages (VISITOR_PAGES_KEPT), oldest first. */
  pagesVisited?: { url: string; title: string; at: Date }[];
  userAgent: string | null; visitStartedAt: Date | null; createdAt: Date;
  /** From a signed identify only; absent on documents written before identity verification. */
  userId?: string | null; verified?: boolean;
}

export interface CannedReplyDoc {
  _id: string; siteId: string; shortcut: string; text: string;
  departmentId: string | null; ownerAgentId: string | null;
  /** `agent:<id>`, `dept:<id>` or '' (site-wide): the scope a shortcut is unique in. */
  scopeKey: string;
  /** The shortcut as compared for uniqueness; absent or null as DepartmentDoc's nameKey. */
  shortcutKey?: string | null;
}

export interface ConversationDoc {
  _id: string; siteId: string; visitorId: string; visitorName: string | null;
  status: ConversationStatus;
  /**
   * True while queued or assigned. The one-open-per-visitor index is partial on it because an
   * equality is accepted by every MongoDB version's partialFilterExpression ($ne never, $in only
   * since 6.0). Every update that changes status sets it in the same statement.
   */
  open: boolean;
  assignedAgentId: string | null; participantAgentIds: string[];
  departmentId: string | null; locale: string | null; lastSeq: number;
  /** Read receipts; absent on documents written before them. */
  visitorReadSeq?: number; agentReadSeq?: number;
  createdAt: Date; updatedAt: Date; queuedAt: Date; assignedAt: Date | null;
  /** Set with each message's seq; absent on documents written before it. */
  lastMessageAt?: Date | null;
  /** Set with each message's seq (store/message-preview.ts); absent on documents written before it. */
  lastMessagePreview?: MessagePreview | null;
  /** Absent until the first answer, so `$min` can set it once in the same update as the seq. */
  firstResponseAt?: Date | null;
  /**
   * Who wrote the first answer (analytics credits it to them). Absent before the first answer, and on
   * chats answered before it was recorded: the report credits the holder then.
   */
  firstResponseAgentId?: string | null;
  awaitingAgentSince: Date | null; resolvedAt: Date | null;
  declinedAgentIds: string[];
  /** The assigned agent's chat slot (see ChatSlotDoc); left in place after it is released. */
  slotToken: string | null;
  ticketId: string | null;
  rating: number | null; ratingComment: string | null; ratedAt: Date | null;
  /** Absent on chats stored before visitor presence: read as on the site. */
  visitorLeftAt?: Date | null;
  /** When a page of the visitor's was last seen connected (heartbeat); absent before visitor presence. */
  visitorSeenAt?: Date | null;
}

export interface MessageDoc {
  _id: string; conversationId: string; seq: number; clientId: string;
  authorKind: MessageAuthor['kind']; authorId: string | null; authorName: string | null;
  text: string; internal: boolean; createdAt: Date;
  /** Absent when the message has no files. */
  attachments?: MessageAttachment[];
  /** Only on system lines: what they record (ChatEventSchema). */
  event?: ChatEvent;
}

export interface TicketDoc {
  _id: string; siteId: string; number: number; conversationId: string | null; visitorId: string | null;
  subject: string; requesterName: string | null; requesterEmail: string | null; requesterLocale: string;
  status: Ticket['status']; priority: Ticket['priority']; tier: Ticket['tier']; departmentId: string | null;
  assigneeAgentId: string | null; tags: string[]; source: Ticket['source'];
  createdAt: Date; updatedAt: Date; tierStartedAt: Date; firstResponseDueAt: Date | null; resolutionDueAt: Date | null;
  firstRespondedAt: Date | null; solvedAt: Date | null; closedAt: Date | null; pendingSince: Date | null;
  /**
   * Who wrote the reply that set firstRespondedAt (analytics credits it to them); set and cleared with it.
   * Absent on tickets answered before it was recorded: the report credits the assignee then.
   */
  firstResponseAgentId?: string | null;
  /** Absent on tickets stored before the SLA pause. */
  slaPausedMinutes?: number;
  remindedAt: Date | null; rating: number | null; ratingComment: string | null;
  /** The seq of the newest timeline event; taken with $inc in the same update as the change it records. */
  lastEventSeq: number;
}

export interface TicketEventDoc {
  _id: string; ticketId: string; seq: number; kind: TicketEvent['kind']; authorKind: TicketEvent['authorKind'];
  authorId: string | null; authorName: string | null; text: string | null; changes: TicketChange[]; createdAt: Date;
  /** Absent on events from inside Parley (see NewTicketEventRecord). */
  sourceKey?: string;
  /** The files sent with a reply or a note; absent on events stored before ticket files. */
  attachments?: MessageAttachment[];
}
