/** Schemas and indexes of the MongoDB store (every uniqueness rule is a unique index), compiled onto one connection. */
import { Schema, type Connection, type Model } from 'mongoose';
import { AGENT_ROLES, AGENT_STATUSES, CONVERSATION_STATUSES, ROUTING_MODES } from '@parley/shared';
import { newId } from '../../tokens';
import type {
  AgentDoc, AgentSessionDoc, CannedReplyDoc, ConversationDoc, DepartmentDoc, MessageDoc, SiteDoc, VisitorDoc,
} from './mongo.documents';

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
  visitorToken: 'visitor_token_hash_unique',
  cannedShortcut: 'canned_reply_shortcut_unique_per_scope',
  oneOpenConversation: 'conversation_one_open_per_visitor',
  messageClientId: 'message_client_id_unique',
  messageSeq: 'message_seq_unique',
} as const;

const siteSchema = new Schema<SiteDoc>(
  {
    _id: idPath, key: requiredString, name: requiredString,
    settings: {
      routingMode: { type: String, enum: ROUTING_MODES, required: true },
      assignTimeoutSeconds: { type: Number, required: true },
      defaultDepartmentId: nullableString,
    },
    createdAt: requiredDate,
  },
  OPTIONS,
);
siteSchema.index({ key: 1 }, { unique: true, name: INDEX.siteKey });
siteSchema.index({ createdAt: 1, _id: 1 });

const chatSlotSchema = new Schema(
  { conversationId: requiredString, token: requiredString, at: requiredDate },
  { _id: false, id: false, versionKey: false, strict: 'throw' },
);

const agentSchema = new Schema<AgentDoc>(
  {
    _id: idPath, siteId: requiredString, email: requiredString, name: requiredString,
    role: { type: String, enum: AGENT_ROLES, required: true },
    status: { type: String, enum: AGENT_STATUSES, required: true },
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
  { _id: idPath, siteId: requiredString, name: requiredString, createdAt: requiredDate },
  OPTIONS,
);
departmentSchema.index({ siteId: 1, name: 1 }, { unique: true, name: INDEX.departmentName });

const visitorSchema = new Schema<VisitorDoc>(
  {
    _id: idPath, siteId: requiredString, tokenHash: requiredString,
    name: nullableString, email: nullableString, locale: nullableString,
    pageUrl: nullableString, pageTitle: nullableString, referrer: nullableString, userAgent: nullableString,
    visitStartedAt: nullableDate, createdAt: requiredDate,
  },
  OPTIONS,
);
visitorSchema.index({ tokenHash: 1 }, { unique: true, name: INDEX.visitorToken });

const cannedReplySchema = new Schema<CannedReplyDoc>(
  {
    _id: idPath, siteId: requiredString, shortcut: requiredString, text: requiredString,
    departmentId: nullableString, ownerAgentId: nullableString, scopeKey: { type: String, default: '' },
  },
  OPTIONS,
);
cannedReplySchema.index({ siteId: 1, scopeKey: 1, shortcut: 1 }, { unique: true, name: INDEX.cannedShortcut });

const conversationSchema = new Schema<ConversationDoc>(
  {
    _id: idPath, siteId: requiredString, visitorId: requiredString, visitorName: nullableString,
    status: { type: String, enum: CONVERSATION_STATUSES, required: true },
    open: { type: Boolean, required: true },
    assignedAgentId: nullableString, participantAgentIds: { type: [String], default: [] },
    departmentId: nullableString, locale: nullableString,
    lastSeq: { type: Number, required: true },
    createdAt: requiredDate, updatedAt: requiredDate, queuedAt: requiredDate, assignedAt: nullableDate,
    firstResponseAt: { type: Date }, awaitingAgentSince: nullableDate, resolvedAt: nullableDate,
    declinedAgentIds: { type: [String], default: [] }, slotToken: nullableString,
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
conversationSchema.index({ assignedAgentId: 1, assignedAt: -1 });
conversationSchema.index({ awaitingAgentSince: 1 }, { partialFilterExpression: { awaitingAgentSince: { $type: 'date' } } });

const messageSchema = new Schema<MessageDoc>(
  {
    _id: idPath, conversationId: requiredString, seq: { type: Number, required: true },
    clientId: requiredString,
    authorKind: { type: String, enum: ['visitor', 'agent', 'system'], required: true },
    authorId: nullableString, authorName: nullableString, text: requiredString,
    internal: { type: Boolean, required: true }, createdAt: requiredDate,
  },
  OPTIONS,
);
messageSchema.index({ conversationId: 1, clientId: 1 }, { unique: true, name: INDEX.messageClientId });
messageSchema.index({ conversationId: 1, seq: 1 }, { unique: true, name: INDEX.messageSeq });

export const SCHEMAS = {
  sites: siteSchema, agents: agentSchema, agentSessions: agentSessionSchema, departments: departmentSchema,
  visitors: visitorSchema, cannedReplies: cannedReplySchema, conversations: conversationSchema, messages: messageSchema,
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
