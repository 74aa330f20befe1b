/** Document shapes, schemas and unique indexes of the MongoDB store, compiled onto one connection. */
import { Schema, type Connection, type Model } from 'mongoose';
import type { AgentRole, AgentStatus, ConversationStatus, MessageAuthor } from '@parley/shared';
import { newId } from '../../tokens';

export interface SiteDoc { _id: string; key: string; name: string; createdAt: Date }
export interface AgentDoc {
  _id: string; siteId: string; email: string; name: string; role: AgentRole;
  status: AgentStatus; active: boolean; passwordHash: string; createdAt: Date;
}
/** The session's token hash is its _id; expired sessions are swept by a TTL index. */
export interface AgentSessionDoc { _id: string; agentId: string; expiresAt: Date }
export interface VisitorDoc {
  _id: string; siteId: string; tokenHash: string; name: string | null; email: string | null;
  locale: string | null; createdAt: Date;
}
export interface ConversationDoc {
  _id: string; siteId: string; visitorId: string; visitorName: string | null;
  status: ConversationStatus;
  /**
   * True while queued or assigned. The one-open-per-visitor index is partial on it because an
   * equality is accepted in every MongoDB version's partialFilterExpression ($in and $ne are not).
   * Every update that changes status sets it in the same statement.
   */
  open: boolean;
  assignedAgentId: string | null; locale: string | null; lastSeq: number;
  createdAt: Date; updatedAt: Date;
}
export interface MessageDoc {
  _id: string; conversationId: string; seq: number; clientId: string;
  authorKind: MessageAuthor['kind']; authorId: string | null; authorName: string | null;
  text: string; createdAt: Date;
}

/** Our own random string ids (never ObjectId), no __v, no `id` virtual. */
const OPTIONS = { versionKey: false, id: false, strict: 'throw' } as const;
const idPath = { type: String, default: newId } as const;
const nullableString = { type: String, default: null } as const;

/** Named so a duplicate-key error can be told apart by the index it hit. */
export const INDEX = {
  siteKey: 'site_key_unique',
  agentEmail: 'agent_email_unique',
  visitorToken: 'visitor_token_hash_unique',
  oneOpenConversation: 'conversation_one_open_per_visitor',
  messageClientId: 'message_client_id_unique',
  messageSeq: 'message_seq_unique',
} as const;

const siteSchema = new Schema<SiteDoc>(
  { _id: idPath, key: { type: String, required: true }, name: { type: String, required: true },
    createdAt: { type: Date, required: true } },
  OPTIONS,
);
siteSchema.index({ key: 1 }, { unique: true, name: INDEX.siteKey });
siteSchema.index({ createdAt: 1, _id: 1 });

const agentSchema = new Schema<AgentDoc>(
  { _id: idPath, siteId: { type: String, required: true }, email: { type: String, required: true },
    name: { type: String, required: true },
    role: { type: String, enum: ['admin', 'agent'], required: true },
    status: { type: String, enum: ['online', 'away', 'offline'], default: 'offline' },
    active: { type: Boolean, default: true }, passwordHash: { type: String, required: true },
    createdAt: { type: Date, required: true } },
  OPTIONS,
);
agentSchema.index({ email: 1 }, { unique: true, name: INDEX.agentEmail });
agentSchema.index({ siteId: 1, createdAt: 1, _id: 1 });

const agentSessionSchema = new Schema<AgentSessionDoc>(
  { _id: { type: String, required: true }, agentId: { type: String, required: true },
    expiresAt: { type: Date, required: true } },
  OPTIONS,
);
agentSessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

const visitorSchema = new Schema<VisitorDoc>(
  { _id: idPath, siteId: { type: String, required: true }, tokenHash: { type: String, required: true },
    name: nullableString, email: nullableString, locale: nullableString,
    createdAt: { type: Date, required: true } },
  OPTIONS,
);
visitorSchema.index({ tokenHash: 1 }, { unique: true, name: INDEX.visitorToken });

const conversationSchema = new Schema<ConversationDoc>(
  { _id: idPath, siteId: { type: String, required: true }, visitorId: { type: String, required: true },
    visitorName: nullableString,
    status: { type: String, enum: ['queued', 'assigned', 'resolved'], required: true },
    open: { type: Boolean, required: true }, assignedAgentId: nullableString, locale: nullableString,
    lastSeq: { type: Number, default: 0 },
    createdAt: { type: Date, required: true }, updatedAt: { type: Date, required: true } },
  OPTIONS,
);
conversationSchema.index(
  { siteId: 1, visitorId: 1 },
  { unique: true, name: INDEX.oneOpenConversation, partialFilterExpression: { open: true } },
);
conversationSchema.index({ siteId: 1, status: 1, createdAt: -1 });
conversationSchema.index({ siteId: 1, visitorId: 1, createdAt: -1 });

const messageSchema = new Schema<MessageDoc>(
  { _id: idPath, conversationId: { type: String, required: true }, seq: { type: Number, required: true },
    clientId: { type: String, required: true },
    authorKind: { type: String, enum: ['visitor', 'agent', 'system'], required: true },
    authorId: nullableString, authorName: nullableString, text: { type: String, required: true },
    createdAt: { type: Date, required: true } },
  OPTIONS,
);
messageSchema.index({ conversationId: 1, clientId: 1 }, { unique: true, name: INDEX.messageClientId });
messageSchema.index({ conversationId: 1, seq: 1 }, { unique: true, name: INDEX.messageSeq });

export const SCHEMAS = {
  sites: siteSchema, agents: agentSchema, agentSessions: agentSessionSchema,
  visitors: visitorSchema, conversations: conversationSchema, messages: messageSchema,
};

export interface MongoModels {
  sites: Model<SiteDoc>;
  agents: Model<AgentDoc>;
  agentSessions: Model<AgentSessionDoc>;
  visitors: Model<VisitorDoc>;
  conversations: Model<ConversationDoc>;
  messages: Model<MessageDoc>;
}

export function compileModels(connection: Connection): MongoModels {
  return {
    sites: connection.model<SiteDoc>('Site', SCHEMAS.sites, 'sites'),
    agents: connection.model<AgentDoc>('Agent', SCHEMAS.agents, 'agents'),
    agentSessions: connection.model<AgentSessionDoc>('AgentSession', SCHEMAS.agentSessions, 'agent_sessions'),
    visitors: connection.model<VisitorDoc>('Visitor', SCHEMAS.visitors, 'visitors'),
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
