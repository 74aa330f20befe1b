/** Row shapes of the SQLite tables and their mapping to the domain's plain objects. */
import {
  DEFAULT_SITE_SETTINGS,
  ChatEventSchema,
  SiteSettingsSchema,
  type ChatEvent,
  type Agent,
  type MessagePreview,
  type CannedReply,
  type Conversation,
  type Department,
  type Message,
  type MessageAuthor,
  type Site,
  type VisitedPage,
} from '@parley/shared';
import type { AgentWithSecret, QueuedConversation, Visitor } from '../store';
import { messageAttachmentsOf } from './sqlite-attachments';

export interface SiteRow { id: string; key: string; name: string; settings_json: string; created_at: string }
export interface AgentRow {
  id: string; site_id: string; email: string; name: string; role: Agent['role'];
  status: Agent['status']; active: number; password_hash: string;
  department_ids_json: string; languages_json: string; max_chats: number;
}
export interface DepartmentRow { id: string; site_id: string; name: string }
export interface VisitorRow {
  id: string; site_id: string; name: string | null; email: string | null;
  locale: string | null; created_at: string; page_url: string | null; page_title: string | null; pages_json: string | null;
  referrer: string | null; user_agent: string | null; visit_started_at: string | null;
  user_id: string | null; verified: number;
}
export interface CannedReplyRow {
  id: string; site_id: string; shortcut: string; text: string;
  department_id: string | null; owner_agent_id: string | null;
}
export interface ConversationRow {
  id: string; site_id: string; visitor_id: string; visitor_name: string | null;
  status: Conversation['status']; assigned_agent_id: string | null; department_id: string | null;
  locale: string | null; last_seq: number; created_at: string; updated_at: string;
  /** Added by migration 18; NULL before the first message. */
  last_message_at: string | null;
  /** Added by migration 19: the latest message's preview (store/message-preview.ts); all NULL before the first. */
  last_message_text: string | null; last_message_author_kind: MessageAuthor['kind'] | null;
  last_message_author_id: string | null; last_message_internal: number | null;
  queued_at: string; assigned_at: string | null; first_response_at: string | null;
  awaiting_agent_since: string | null; resolved_at: string | null; declined_agent_ids_json: string;
  participant_agent_ids_json: string; ticket_id: string | null;
  rating: number | null; rating_comment: string | null; visitor_left_at: string | null;
}
export interface MessageRow {
  id: string; conversation_id: string; seq: number; client_id: string;
  author_kind: MessageAuthor['kind']; author_id: string | null; author_name: string | null;
  text: string; internal: number; created_at: string;
  /** Added by migration 11; NULL when the message has no files. */
  attachments_json?: string | null;
  /** Added by migration 21; NULL but on system lines (ChatEventSchema as JSON). */
  event_json?: string | null;
}

function parseStringArray(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export function toSite(r: SiteRow): Site {
  // Settings written by an older version lack newer keys: the schema fills in their defaults.
  const parsed = SiteSettingsSchema.safeParse(JSON.parse(r.settings_json));
  return {
    id: r.id, key: r.key, name: r.name, createdAt: r.created_at,
    settings: parsed.success ? parsed.data : DEFAULT_SITE_SETTINGS,
  };
}

export const toAgent = (r: AgentRow): Agent => ({
  id: r.id, siteId: r.site_id, email: r.email, name: r.name, role: r.role,
  status: r.status, active: r.active === 1,
  departmentIds: parseStringArray(r.department_ids_json),
  languages: parseStringArray(r.languages_json),
  maxChats: r.max_chats,
});

export const toAgentWithSecret = (r: AgentRow): AgentWithSecret => ({
  ...toAgent(r), passwordHash: r.password_hash,
});

export const toDepartment = (r: DepartmentRow): Department => ({ id: r.id, siteId: r.site_id, name: r.name });

export const toVisitor = (r: VisitorRow): Visitor => ({
  id: r.id, siteId: r.site_id, name: r.name, email: r.email, locale: r.locale, createdAt: r.created_at,
  pageUrl: r.page_url, pageTitle: r.page_title, referrer: r.referrer, userAgent: r.user_agent,
  pagesVisited: r.pages_json ? (JSON.parse(r.pages_json) as VisitedPage[]) : [],
  visitStartedAt: r.visit_started_at, verified: r.verified === 1, userId: r.user_id,
});

export const toCannedReply = (r: CannedReplyRow): CannedReply => ({
  id: r.id, siteId: r.site_id, shortcut: r.shortcut, text: r.text,
  departmentId: r.department_id, ownerAgentId: r.owner_agent_id,
});

const toMessagePreview = (r: ConversationRow): MessagePreview | null =>
  r.last_message_author_kind === null
    ? null
    : {
      text: r.last_message_text ?? '', authorKind: r.last_message_author_kind,
      authorId: r.last_message_author_id, internal: r.last_message_internal === 1,
    };

export const toConversation = (r: ConversationRow): Conversation => ({
  id: r.id, siteId: r.site_id, visitorId: r.visitor_id, visitorName: r.visitor_name,
  status: r.status, assignedAgentId: r.assigned_agent_id,
  participantAgentIds: parseStringArray(r.participant_agent_ids_json), departmentId: r.department_id, locale: r.locale,
  lastSeq: r.last_seq, createdAt: r.created_at, updatedAt: r.updated_at, lastMessageAt: r.last_message_at,
  lastMessagePreview: toMessagePreview(r),
  queuedAt: r.queued_at, assignedAt: r.assigned_at, firstResponseAt: r.first_response_at,
  awaitingAgentSince: r.awaiting_agent_since, resolvedAt: r.resolved_at, ticketId: r.ticket_id,
  rating: r.rating, ratingComment: r.rating_comment, visitorLeftAt: r.visitor_left_at,
});

/**
 * The columns toConversation reads, in the order conversationFromValues takes them: for statements run
 * on every message, whose rows are read as arrays (`raw()`). A row object costs better-sqlite3 a
 * property per column, about a third of such an UPDATE ... RETURNING.
 */
export const CONVERSATION_COLUMNS = [
  'id', 'site_id', 'visitor_id', 'visitor_name', 'status', 'assigned_agent_id', 'department_id', 'locale',
  'last_seq', 'created_at', 'updated_at', 'last_message_at',
  'last_message_text', 'last_message_author_kind', 'last_message_author_id', 'last_message_internal', 'queued_at', 'assigned_at', 'first_response_at',
  'awaiting_agent_since', 'resolved_at', 'declined_agent_ids_json', 'participant_agent_ids_json', 'ticket_id',
  'rating', 'rating_comment', 'visitor_left_at',
] as const satisfies readonly (keyof ConversationRow)[];

type ValuesOf<Columns extends readonly (keyof ConversationRow)[]> = {
  -readonly [I in keyof Columns]: Columns[I] extends keyof ConversationRow ? ConversationRow[Columns[I]] : never;
};
type ConversationValues = ValuesOf<typeof CONVERSATION_COLUMNS>;

/** A conversation from the values of CONVERSATION_COLUMNS, in that order. */
export function conversationFromValues(values: readonly unknown[]): Conversation {
  const [
    id, site_id, visitor_id, visitor_name, status, assigned_agent_id, department_id, locale,
    last_seq, created_at, updated_at, last_message_at,
    last_message_text, last_message_author_kind, last_message_author_id, last_message_internal, queued_at, assigned_at, first_response_at,
    awaiting_agent_since, resolved_at, declined_agent_ids_json, participant_agent_ids_json, ticket_id,
    rating, rating_comment, visitor_left_at,
  ] = values as ConversationValues;
  return toConversation({
    id, site_id, visitor_id, visitor_name, status, assigned_agent_id, department_id, locale,
    last_seq, created_at, updated_at, last_message_at,
    last_message_text, last_message_author_kind, last_message_author_id, last_message_internal, queued_at, assigned_at, first_response_at,
    awaiting_agent_since, resolved_at, declined_agent_ids_json, participant_agent_ids_json, ticket_id,
    rating, rating_comment, visitor_left_at,
  });
}

export const toQueuedConversation = (r: ConversationRow): QueuedConversation => ({
  ...toConversation(r), declinedAgentIds: parseStringArray(r.declined_agent_ids_json),
});

function toAuthor(r: MessageRow): MessageAuthor {
  switch (r.author_kind) {
    case 'visitor':
      return { kind: 'visitor', id: r.author_id ?? '', name: r.author_name };
    case 'agent':
      return { kind: 'agent', id: r.author_id ?? '', name: r.author_name ?? '' };
    case 'system':
      return { kind: 'system' };
  }
}

export const toMessage = (r: MessageRow): Message => ({
  id: r.id, conversationId: r.conversation_id, seq: r.seq, clientId: r.client_id,
  author: toAuthor(r), text: r.text, internal: r.internal === 1, createdAt: r.created_at,
  ...messageAttachmentsOf(r.attachments_json),
  ...chatEventOf(r.event_json),
});

/** The stored event of a system line; one that no longer parses is left out (the line keeps its text). */
function chatEventOf(json: string | null | undefined): { event?: ChatEvent } {
  if (!json) return {};
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return {};
  }
  const parsed = ChatEventSchema.safeParse(value);
  return parsed.success ? { event: parsed.data } : {};
}

export function authorColumns(author: MessageAuthor): { kind: MessageAuthor['kind']; id: string | null; name: string | null } {
  switch (author.kind) {
    case 'visitor':
    case 'agent':
      return { kind: author.kind, id: author.id, name: author.name };
    case 'system':
      return { kind: 'system', id: null, name: null };
  }
}
