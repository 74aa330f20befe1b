/** Schemas and indexes of the MongoDB store (every uniqueness rule is a unique index), compiled onto one connection. */
import { Schema, type Connection, type Model } from 'mongoose';
import {
  AGENT_ROLES, AGENT_STATUSES, CONVERSATION_STATUSES, TICKET_EVENT_KINDS, TICKET_PRIORITIES, TICKET_SOURCES,
  TICKET_STATUSES, TIERS, type MessagePreview,
} from '@parley/shared';
import { newId } from '../../tokens';
import { compileEmailOutboxModel, EMAIL_OUTBOX_SCHEMA, type EmailOutboxDoc } from './mongo-email-outbox';
import { MESSAGE_ATTACHMENT_SCHEMA } from './mongo-attachments';
import type {
  AgentDoc, AgentSessionDoc, CannedReplyDoc, ConversationDoc, DepartmentDoc, MessageDoc, SecretDoc, SiteDoc,
  TicketDoc, TicketEventDoc, VisitorDoc,
} from './mongo.documents';

/** Sites number their tickets from here, as people read them: #1001, #1002... */
export const FIRST_TICKET_NUMBER = 1001;

/** Our own random string ids (never ObjectId), no __v, no `id` virtual, unknown paths refused. */
const OPTIONS = { versionKey: false, id: false, strict: 'throw' } as const;
const idPath = { type: String, default: newId } as const;
const requiredString = { type: String, required: true } as const;
const requiredDate = { type: Date, required: true } as const;
const nullableString = { type: String, default: null } as const;
const nullableDate = { type: Date, default: null } as const;

/** Named so a duplicate-key error can be told apart by the index it hit. */
export const INDEX = {
  siteKey: 'site_key_unique',
  agentEmail: 'agent_email_unique',
  departmentName: 'department_name_unique_per_site',
  departmentNameKey: 'department_name_key_unique_per_site',
  visitorToken: 'visitor_token_hash_unique',
  cannedShortcut: 'canned_reply_shortcut_unique_per_scope',
  cannedShortcutKey: 'canned_reply_shortcut_key_unique_per_scope',
  oneOpenConversation: 'conversation_one_open_per_visitor',
  messageClientId: 'message_client_id_unique',
  messageSeq: 'message_seq_unique',
  ticketNumber: 'ticket_number_unique_per_site',
  ticketConversation: 'ticket_one_per_conversation',
  ticketEventSeq: 'ticket_event_seq_unique',
  ticketEventSource: 'ticket_event_one_per_source',
} as const;

const siteSchema = new Schema<SiteDoc>(
  {
    _id: idPath, key: requiredString, name: requiredString,
    settings: { type: Schema.Types.Mixed, default: {} },
    nextTicketNumber: { type: Number, default: FIRST_TICKET_NUMBER },
    createdAt: requiredDate,
  },
  { ...OPTIONS, minimize: false },
);
siteSchema.index({ key: 1 }, { unique: true, name: INDEX.siteKey });
siteSchema.index({ createdAt: 1, _id: 1 });

const secretSchema = new Schema<SecretDoc>({ _id: requiredString, value: requiredString }, OPTIONS);

const chatSlotSchema = new Schema(
  { conversationId: requiredString, token: requiredString, at: requiredDate },
  { _id: false, id: false, versionKey: false, strict: 'throw' },
);

const messagePreviewSchema = new Schema<MessagePreview>(
  {
    text: { type: String, default: '' }, authorKind: { type: String, enum: ['visitor', 'agent', 'system'], required: true },
    authorId: nullableString, internal: { type: Boolean, required: true },
  },
  { _id: false, id: false, versionKey: false, strict: 'throw' },
);

const agentSchema = new Schema<AgentDoc>(
  {
    _id: idPath, siteId: requiredString, email: requiredString, name: requiredString,
    role: { type: String, enum: AGENT_ROLES, required: true },
    status: { type: String, enum: AGENT_STATUSES, required: true },
    chosenStatus: { type: String, enum: AGENT_STATUSES },
    active: { type: Boolean, required: true }, passwordHash: requiredString,
    departmentIds: { type: [String], default: [] }, languages: { type: [String], default: [] },
    maxChats: { type: Number, required: true }, lastSeenAt: nullableDate,
    chatSlots: { type: [chatSlotSchema], default: [] }, createdAt: requiredDate,
  },
  OPTIONS,
);
agentSchema.index({ email: 1 }, { unique: true, name: INDEX.agentEmail });
agentSchema.index({ siteId: 1, createdAt: 1, _id: 1 });
agentSchema.index({ status: 1, lastSeenAt: 1 });

const agentSessionSchema = new Schema<AgentSessionDoc>(
  { _id: requiredString, agentId: requiredString, expiresAt: requiredDate },
  OPTIONS,
);
// Expired sessions are refused by the auth service anyway; this only keeps the collection small.
agentSessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
agentSessionSchema.index({ agentId: 1 });

const departmentSchema = new Schema<DepartmentDoc>(
  { _id: idPath, siteId: requiredString, name: requiredString, createdAt: requiredDate, nameKey: { type: String, default: undefined } },
  OPTIONS,
);
departmentSchema.index({ siteId: 1, name: 1 }, { unique: true, name: INDEX.departmentName });
// Names unique regardless of case; documents without a key (an older Parley's case variants) stay out of it.
const withKey = (path: string) => ({ partialFilterExpression: { [path]: { $type: 'string' } } });
departmentSchema.index({ siteId: 1, nameKey: 1 }, { unique: true, name: INDEX.departmentNameKey, ...withKey('nameKey') });

const visitorSchema = new Schema<VisitorDoc>(
  {
    _id: idPath, siteId: requiredString, tokenHash: requiredString,
    name: nullableString, email: nullableString, locale: nullableString,
    pageUrl: nullableString, pageTitle: nullableString, referrer: nullableString, userAgent: nullableString,
    pagesVisited: { type: [{ _id: false, url: String, title: String, at: Date }], default: undefined },
    visitStartedAt: nullableDate, createdAt: requiredDate,
    userId: nullableString, verified: { type: Boolean, default: false },
  },
  OPTIONS,
);
visitorSchema.index({ tokenHash: 1 }, { unique: true, name: INDEX.visitorToken });
// The REST contacts list (newest first) and the lookups by address (privacy export and erasure).
visitorSchema.index({ siteId: 1, createdAt: -1, _id: -1 });
visitorSchema.index({ siteId: 1, email: 1, createdAt: 1 }, { partialFilterExpression: { email: { $type: 'string' } } });

const cannedReplySchema = new Schema<CannedReplyDoc>(
  {
    _id: idPath, siteId: requiredString, shortcut: requiredString, text: requiredString,
    departmentId: nullableString, ownerAgentId: nullableString, scopeKey: { type: String, default: '' },
    shortcutKey: { type: String, default: undefined },
  },
  OPTIONS,
);
cannedReplySchema.index({ siteId: 1, scopeKey: 1, shortcut: 1 }, { unique: true, name: INDEX.cannedShortcut });
cannedReplySchema.index(
  { siteId: 1, scopeKey: 1, shortcutKey: 1 },
  { unique: true, name: INDEX.cannedShortcutKey, ...withKey('shortcutKey') },
);

const conversationSchema = new Schema<ConversationDoc>(
  {
    _id: idPath, siteId: requiredString, visitorId: requiredString, visitorName: nullableString,
    status: { type: String, enum: CONVERSATION_STATUSES, required: true },
    open: { type: Boolean, required: true },
    assignedAgentId: nullableString, participantAgentIds: { type: [String], default: [] },
    departmentId: nullableString, locale: nullableString,
    lastSeq: { type: Number, required: true },
    visitorReadSeq: { type: Number, default: 0 },
    agentReadSeq: { type: Number, default: 0 },
    createdAt: requiredDate, updatedAt: requiredDate, lastMessageAt: nullableDate,
    lastMessagePreview: { type: messagePreviewSchema, default: null }, queuedAt: requiredDate, assignedAt: nullableDate,
    firstResponseAt: { type: Date }, firstResponseAgentId: { type: String }, awaitingAgentSince: nullableDate, resolvedAt: nullableDate,
    declinedAgentIds: { type: [String], default: [] }, slotToken: nullableString, ticketId: nullableString,
    rating: { type: Number, default: null }, ratingComment: nullableString, ratedAt: nullableDate,
    visitorLeftAt: nullableDate, visitorSeenAt: nullableDate,
  },
  OPTIONS,
);
conversationSchema.index(
  { siteId: 1, visitorId: 1 },
  { unique: true, name: INDEX.oneOpenConversation, partialFilterExpression: { open: true } },
);
conversationSchema.index({ siteId: 1, status: 1, createdAt: -1 });
conversationSchema.index({ siteId: 1, status: 1, queuedAt: 1 });
conversationSchema.index({ siteId: 1, visitorId: 1, createdAt: -1 });
conversationSchema.index({ assignedAgentId: 1, status: 1 });
// The sweep for visitors whose process stopped without saying they left.
conversationSchema.index({ visitorSeenAt: 1 }, { partialFilterExpression: { open: true } });
conversationSchema.index({ assignedAgentId: 1, assignedAt: -1 });
// One agent's analytics also reads the chats they answered first that someone else holds now.
conversationSchema.index({ firstResponseAgentId: 1, createdAt: 1 }, { sparse: true });
conversationSchema.index({ awaitingAgentSince: 1 }, { partialFilterExpression: { awaitingAgentSince: { $type: 'date' } } });

const messageSchema = new Schema<MessageDoc>(
  {
    _id: idPath, conversationId: requiredString, seq: { type: Number, required: true },
    clientId: requiredString,
    authorKind: { type: String, enum: ['visitor', 'agent', 'system'], required: true },
    // Not `required`: mongoose refuses '' then, and a message with files may have no text.
    authorId: nullableString, authorName: nullableString, text: { type: String, default: '' },
    internal: { type: Boolean, required: true }, createdAt: requiredDate,
    attachments: { type: [MESSAGE_ATTACHMENT_SCHEMA], default: undefined },
    // Its shape is ChatEventSchema's, checked when it is read back (toMessage).
    event: { type: Schema.Types.Mixed, default: undefined },
  },
  OPTIONS,
);
messageSchema.index({ conversationId: 1, clientId: 1 }, { unique: true, name: INDEX.messageClientId });
messageSchema.index({ conversationId: 1, seq: 1 }, { unique: true, name: INDEX.messageSeq });

const ticketSchema = new Schema<TicketDoc>(
  {
    _id: idPath, siteId: requiredString, number: { type: Number, required: true },
    conversationId: nullableString, visitorId: nullableString, subject: { type: String, default: '' },
    requesterName: nullableString, requesterEmail: nullableString, requesterLocale: requiredString,
    status: { type: String, enum: TICKET_STATUSES, required: true },
    priority: { type: String, enum: TICKET_PRIORITIES, required: true },
    tier: { type: Number, enum: TIERS, required: true },
    departmentId: nullableString, assigneeAgentId: nullableString, tags: { type: [String], default: [] },
    source: { type: String, enum: TICKET_SOURCES, required: true },
    createdAt: requiredDate, updatedAt: requiredDate, tierStartedAt: requiredDate,
    firstResponseDueAt: nullableDate, resolutionDueAt: nullableDate, firstRespondedAt: nullableDate, firstResponseAgentId: { type: String },
    solvedAt: nullableDate, closedAt: nullableDate, pendingSince: nullableDate, remindedAt: nullableDate,
    slaPausedMinutes: { type: Number, default: 0 },
    rating: { type: Number, default: null }, ratingComment: nullableString,
    lastEventSeq: { type: Number, required: true },
  },
  OPTIONS,
);
ticketSchema.index({ siteId: 1, number: 1 }, { unique: true, name: INDEX.ticketNumber });
ticketSchema.index(
  { conversationId: 1 },
  { unique: true, name: INDEX.ticketConversation, partialFilterExpression: { conversationId: { $type: 'string' } } },
);
ticketSchema.index({ siteId: 1, status: 1, updatedAt: -1 });
ticketSchema.index({ siteId: 1, visitorId: 1, createdAt: -1 });
ticketSchema.index({ siteId: 1, status: 1, solvedAt: 1 });
ticketSchema.index({ siteId: 1, status: 1, pendingSince: 1 });

// `from` and `to` are a string, a number or null: Mixed keeps whichever it was.
const ticketChangeSchema = new Schema(
  { field: requiredString, from: { type: Schema.Types.Mixed, default: null }, to: { type: Schema.Types.Mixed, default: null } },
  { _id: false, id: false, versionKey: false, strict: 'throw', minimize: false },
);

const ticketEventSchema = new Schema<TicketEventDoc>(
  {
    _id: idPath, ticketId: requiredString, seq: { type: Number, required: true },
    kind: { type: String, enum: TICKET_EVENT_KINDS, required: true },
    authorKind: { type: String, enum: ['agent', 'requester', 'system'], required: true },
    authorId: nullableString, authorName: nullableString, text: nullableString,
    changes: { type: [ticketChangeSchema], default: [] }, createdAt: requiredDate, sourceKey: { type: String },
    attachments: { type: [MESSAGE_ATTACHMENT_SCHEMA], default: [] },
  },
  OPTIONS,
);
ticketEventSchema.index({ ticketId: 1, seq: 1 }, { unique: true, name: INDEX.ticketEventSeq });
ticketEventSchema.index(
  { ticketId: 1, sourceKey: 1 },
  { unique: true, name: INDEX.ticketEventSource, partialFilterExpression: { sourceKey: { $type: 'string' } } },
);

export const SCHEMAS = {
  sites: siteSchema, agents: agentSchema, agentSessions: agentSessionSchema, departments: departmentSchema,
  visitors: visitorSchema, cannedReplies: cannedReplySchema, conversations: conversationSchema, messages: messageSchema,
  tickets: ticketSchema, ticketEvents: ticketEventSchema, secrets: secretSchema, emailOutbox: EMAIL_OUTBOX_SCHEMA,
};

export interface MongoModels {
  sites: Model<SiteDoc>;
  agents: Model<AgentDoc>;
  agentSessions: Model<AgentSessionDoc>;
  departments: Model<DepartmentDoc>;
  visitors: Model<VisitorDoc>;
  cannedReplies: Model<CannedReplyDoc>;
  conversations: Model<ConversationDoc>;
  messages: Model<MessageDoc>;
  tickets: Model<TicketDoc>;
  ticketEvents: Model<TicketEventDoc>;
  secrets: Model<SecretDoc>;
  emailOutbox: Model<EmailOutboxDoc>;
}

export function compileModels(connection: Connection): MongoModels {
  return {
    sites: connection.model<SiteDoc>('Site', SCHEMAS.sites, 'sites'),
    agents: connection.model<AgentDoc>('Agent', SCHEMAS.agents, 'agents'),
    agentSessions: connection.model<AgentSessionDoc>('AgentSession', SCHEMAS.agentSessions, 'agent_sessions'),
    departments: connection.model<DepartmentDoc>('Department', SCHEMAS.departments, 'departments'),
    visitors: connection.model<VisitorDoc>('Visitor', SCHEMAS.visitors, 'visitors'),
    cannedReplies: connection.model<CannedReplyDoc>('CannedReply', SCHEMAS.cannedReplies, 'canned_replies'),
    conversations: connection.model<ConversationDoc>('Conversation', SCHEMAS.conversations, 'conversations'),
    messages: connection.model<MessageDoc>('Message', SCHEMAS.messages, 'messages'),
    tickets: connection.model<TicketDoc>('Ticket', SCHEMAS.tickets, 'tickets'),
    ticketEvents: connection.model<TicketEventDoc>('TicketEvent', SCHEMAS.ticketEvents, 'ticket_events'),
    secrets: connection.model<SecretDoc>('Secret', SCHEMAS.secrets, 'instance_secrets'),
    emailOutbox: compileEmailOutboxModel(connection),
  };
}

/** Creates the collections and every index (unique rules included) before the store is used. */
export async function ensureCollectionsAndIndexes(models: MongoModels): Promise<void> {
  await Promise.all(
    Object.values(models).map(async (model: Model<unknown>) => {
      await model.init();
      await model.createIndexes();
    }),
  );
}

/** Brings documents written by an older Parley up to date; idempotent, run at every open. */
export async function upgradeDocuments(models: MongoModels): Promise<void> {
  await models.sites.updateMany({ nextTicketNumber: { $exists: false } }, { $set: { nextTicketNumber: FIRST_TICKET_NUMBER } });
}

/** MongoDB's duplicate-key error, with the name of the unique index that refused the write. */
export function duplicateKeyIndex(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code !== 11000 && code !== 11001) return null;
  const text = typeof message === 'string' ? message : '';
  // The server's message reads "E11000 duplicate key error collection: db.c index: <name> dup key: …".
  const named = Object.values(INDEX).find((name) => text.includes(`index: ${name} `));
  return named ?? 'unknown';
}
