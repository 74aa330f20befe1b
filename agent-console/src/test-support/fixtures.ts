/** Plausible server data for tests, each overridable. */
import type { Agent, Conversation, Message, MessageAttachment, Ticket, TicketEvent, VisitorProfile } from '@parley/shared';

export const AGENT: Agent = {
  id: 'agent-ana-0001',
  siteId: 'site-0000001',
  email: 'ana@example.com',
  name: 'Ana',
  role: 'agent',
  status: 'online',
  active: true,
  departmentIds: [],
  languages: ['en'],
  maxChats: 4,
};

export const TOKEN = 'token-abcdefghijklmnopqrstuvwxyz';

let counter = 0;
const nextId = (prefix: string) => `${prefix}${String(++counter).padStart(8, '0')}`;

export function conversation(overrides: Partial<Conversation> = {}): Conversation {
  const at = '2030-01-02T10:00:00.000Z';
  return {
    id: nextId('conv'),
    siteId: AGENT.siteId,
    visitorId: nextId('visit'),
    visitorName: null,
    status: 'queued',
    assignedAgentId: null,
    participantAgentIds: [],
    departmentId: null,
    locale: 'en',
    lastSeq: 0,
    createdAt: at,
    updatedAt: at,
    lastMessageAt: null,
    lastMessagePreview: null,
    queuedAt: at,
    assignedAt: null,
    firstResponseAt: null,
    awaitingAgentSince: null,
    resolvedAt: null,
    ticketId: null,
    rating: null,
    ratingComment: null,
    visitorLeftAt: null,
    ...overrides,
  };
}

export function visitorMessage(of: Conversation, overrides: Partial<Message> = {}): Message {
  return {
    id: nextId('msg'),
    conversationId: of.id,
    seq: of.lastSeq + 1,
    clientId: nextId('client'),
    author: { kind: 'visitor', id: of.visitorId, name: of.visitorName },
    text: 'Hello?',
    internal: false,
    createdAt: '2030-01-02T10:01:00.000Z',
    ...overrides,
  };
}

let ticketNumber = 1000;

export function ticket(overrides: Partial<Ticket> = {}): Ticket {
  const at = '2030-01-02T10:00:00.000Z';
  return {
    id: nextId('tick'),
    siteId: AGENT.siteId,
    number: ++ticketNumber,
    conversationId: null,
    visitorId: null,
    subject: 'My order has not arrived',
    requesterName: 'Maria',
    requesterEmail: 'maria@example.com',
    requesterLocale: 'en',
    status: 'new',
    priority: 'normal',
    tier: 1,
    departmentId: null,
    assigneeAgentId: null,
    tags: [],
    source: 'offline_form',
    createdAt: at,
    updatedAt: at,
    tierStartedAt: at,
    firstResponseDueAt: '2030-01-02T14:00:00.000Z',
    resolutionDueAt: '2030-01-03T10:00:00.000Z',
    firstRespondedAt: null,
    solvedAt: null,
    closedAt: null,
    pendingSince: null,
    slaPausedMinutes: 0,
    rating: null,
    ratingComment: null,
    ...overrides,
  };
}

export function ticketEvent(of: Ticket, overrides: Partial<TicketEvent> = {}): TicketEvent {
  return {
    id: nextId('tevt'),
    ticketId: of.id,
    seq: 1,
    kind: 'created',
    authorKind: 'requester',
    authorId: null,
    authorName: of.requesterName,
    text: 'Where is my parcel?',
    changes: [],
    attachments: [],
    createdAt: of.createdAt,
    ...overrides,
  };
}

/** A chat's (or ticket's) visitor as `visitor:profile` sends it: nothing known about them but that. */
export function visitorProfile(of: { visitorId: string; siteId: string }, overrides: Partial<VisitorProfile> = {}): VisitorProfile {
  return {
    id: of.visitorId,
    siteId: of.siteId,
    name: null,
    email: null,
    locale: null,
    pageUrl: null,
    pageTitle: null,
    referrer: null,
    userAgent: null,
    createdAt: '2030-01-01T09:00:00.000Z',
    visitStartedAt: null,
    ...overrides,
  };
}

/** A customer's photo and a PDF, as messages and ticket events carry files. */
export const PHOTO_FILE: MessageAttachment = { id: 'att_photo_0001', name: 'broken lid.png', size: 3 * 1024 * 1024, contentType: 'image/png', isImage: true };
export const RECEIPT_FILE: MessageAttachment = { id: 'att_receipt_001', name: 'receipt.pdf', size: 52_000, contentType: 'application/pdf', isImage: false };
