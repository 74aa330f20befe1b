/** Maps lean MongoDB documents to the domain's plain objects: string ids, ISO date strings. */
import {
  ChatEventSchema, DEFAULT_SITE_SETTINGS, SiteSettingsSchema,
  type Agent, type ChatEvent, type CannedReply, type Conversation, type Department, type Message, type MessageAttachment,
  type MessageAuthor, type MessagePreview, type Site,
  type Ticket, type TicketEvent,
} from '@parley/shared';
import type { AgentSession, AgentWithSecret, QueuedConversation, Visitor } from '../store';
import type {
  AgentDoc, AgentSessionDoc, CannedReplyDoc, ConversationDoc, DepartmentDoc, MessageDoc, SiteDoc, TicketDoc,
  TicketEventDoc, VisitorDoc,
} from './mongo.documents';

const iso = (date: Date): string => date.toISOString();
const isoOrNull = (date: Date | null | undefined): string | null => (date ? date.toISOString() : null);
// A plain copy: the lean subdocument may carry driver extras, and documents written before it have none.
const previewOf = (p: MessagePreview | null | undefined): MessagePreview | null =>
  p ? { text: p.text, authorKind: p.authorKind, authorId: p.authorId ?? null, internal: p.internal } : null;
// Plain copies: a lean read's subdocuments may carry more than the contract's five fields.
const plainAttachments = (files: MessageAttachment[]): MessageAttachment[] =>
  files.map(({ id, name, size, contentType, isImage }) => ({ id, name, size, contentType, isImage }));

export function toSite(d: SiteDoc): Site {
  // Settings written by an older version lack newer keys: the schema fills in their defaults.
  const parsed = SiteSettingsSchema.safeParse(d.settings ?? {});
  return {
    id: d._id, key: d.key, name: d.name, createdAt: iso(d.createdAt),
    settings: parsed.success ? parsed.data : DEFAULT_SITE_SETTINGS,
  };
}

export const toAgent = (d: AgentDoc): Agent => ({
  id: d._id, siteId: d.siteId, email: d.email, name: d.name, role: d.role, status: d.status, active: d.active,
  departmentIds: d.departmentIds ?? [], languages: d.languages ?? [], maxChats: d.maxChats,
});

export const toAgentWithSecret = (d: AgentDoc): AgentWithSecret => ({ ...toAgent(d), passwordHash: d.passwordHash });

export const toAgentSession = (d: AgentSessionDoc): AgentSession => ({ agentId: d.agentId, expiresAt: iso(d.expiresAt) });

export const toDepartment = (d: DepartmentDoc): Department => ({ id: d._id, siteId: d.siteId, name: d.name });

export const toVisitor = (d: VisitorDoc): Visitor => ({
  id: d._id, siteId: d.siteId, name: d.name, email: d.email, locale: d.locale,
  pageUrl: d.pageUrl ?? null, pageTitle: d.pageTitle ?? null, referrer: d.referrer ?? null,
  pagesVisited: (d.pagesVisited ?? []).map((page) => ({ url: page.url, title: page.title, at: page.at.toISOString() })),
  userAgent: d.userAgent ?? null, createdAt: iso(d.createdAt), visitStartedAt: isoOrNull(d.visitStartedAt),
  verified: d.verified ?? false, userId: d.userId ?? null,
});

export const toCannedReply = (d: CannedReplyDoc): CannedReply => ({
  id: d._id, siteId: d.siteId, shortcut: d.shortcut, text: d.text,
  departmentId: d.departmentId ?? null, ownerAgentId: d.ownerAgentId ?? null,
});

export const toConversation = (d: ConversationDoc): Conversation => ({
  id: d._id, siteId: d.siteId, visitorId: d.visitorId, visitorName: d.visitorName, status: d.status,
  assignedAgentId: d.assignedAgentId, participantAgentIds: d.participantAgentIds ?? [],
  departmentId: d.departmentId ?? null, locale: d.locale, lastSeq: d.lastSeq,
  createdAt: iso(d.createdAt), updatedAt: iso(d.updatedAt), lastMessageAt: isoOrNull(d.lastMessageAt),
  lastMessagePreview: previewOf(d.lastMessagePreview),
  queuedAt: iso(d.queuedAt), assignedAt: isoOrNull(d.assignedAt), firstResponseAt: isoOrNull(d.firstResponseAt),
  awaitingAgentSince: isoOrNull(d.awaitingAgentSince), resolvedAt: isoOrNull(d.resolvedAt),
  ticketId: d.ticketId ?? null, rating: d.rating ?? null, ratingComment: d.ratingComment ?? null,
  visitorLeftAt: isoOrNull(d.visitorLeftAt ?? null),
});

export const toQueuedConversation = (d: ConversationDoc): QueuedConversation => ({
  ...toConversation(d), declinedAgentIds: d.declinedAgentIds ?? [],
});

function toAuthor(d: MessageDoc): MessageAuthor {
  switch (d.authorKind) {
    case 'visitor':
      return { kind: 'visitor', id: d.authorId ?? '', name: d.authorName };
    case 'agent':
      return { kind: 'agent', id: d.authorId ?? '', name: d.authorName ?? '' };
    case 'system':
      return { kind: 'system' };
  }
}

export const toMessage = (d: MessageDoc): Message => ({
  id: d._id, conversationId: d.conversationId, seq: d.seq, clientId: d.clientId,
  author: toAuthor(d), text: d.text, internal: d.internal === true, createdAt: iso(d.createdAt),
  ...(d.attachments && d.attachments.length > 0 ? { attachments: plainAttachments(d.attachments) } : {}),
  ...chatEventOf(d.event),
});

/** A system line's event as the contract has it; one that no longer parses is left out (the line keeps its text). */
function chatEventOf(stored: unknown): { event?: ChatEvent } {
  if (stored === undefined || stored === null) return {};
  const parsed = ChatEventSchema.safeParse(stored);
  return parsed.success ? { event: parsed.data } : {};
}

export function authorFields(author: MessageAuthor): Pick<MessageDoc, 'authorKind' | 'authorId' | 'authorName'> {
  switch (author.kind) {
    case 'visitor':
    case 'agent':
      return { authorKind: author.kind, authorId: author.id, authorName: author.name };
    case 'system':
      return { authorKind: 'system', authorId: null, authorName: null };
  }
}

export const toTicket = (d: TicketDoc): Ticket => ({
  id: d._id, siteId: d.siteId, number: d.number, conversationId: d.conversationId, visitorId: d.visitorId,
  subject: d.subject, requesterName: d.requesterName, requesterEmail: d.requesterEmail,
  requesterLocale: d.requesterLocale, status: d.status, priority: d.priority, tier: d.tier,
  departmentId: d.departmentId, assigneeAgentId: d.assigneeAgentId, tags: d.tags ?? [], source: d.source,
  createdAt: iso(d.createdAt), updatedAt: iso(d.updatedAt), tierStartedAt: iso(d.tierStartedAt),
  firstResponseDueAt: isoOrNull(d.firstResponseDueAt), resolutionDueAt: isoOrNull(d.resolutionDueAt),
  firstRespondedAt: isoOrNull(d.firstRespondedAt), solvedAt: isoOrNull(d.solvedAt), closedAt: isoOrNull(d.closedAt),
  pendingSince: isoOrNull(d.pendingSince),
  // Absent on tickets stored before the SLA pause: their clocks never stood still.
  slaPausedMinutes: d.slaPausedMinutes ?? 0,
  rating: d.rating ?? null, ratingComment: d.ratingComment ?? null,
});

export const toTicketEvent = (d: TicketEventDoc): TicketEvent => ({
  id: d._id, ticketId: d.ticketId, seq: d.seq, kind: d.kind, authorKind: d.authorKind, authorId: d.authorId,
  authorName: d.authorName, text: d.text, changes: d.changes ?? [],
  // Absent on events stored before ticket files: they had none.
  attachments: plainAttachments(d.attachments ?? []),
  createdAt: iso(d.createdAt),
});
