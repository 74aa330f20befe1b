/** Conversations and messages on MongoDB: single conditional updates and unique indexes, no read-modify-save. */
import type { Model } from 'mongoose';
import { CONVERSATION_STATUSES, type Conversation, type ConversationStatus, type Message } from '@parley/shared';
import { newId } from '../../tokens';
import { StoreConflictError, type NewMessageRecord, type Store } from '../store';
import { authorFields, toConversation, toMessage } from './mongo.mapping';
import { duplicateKeyIndex, INDEX, type ConversationDoc, type MessageDoc, type MongoModels } from './mongo.models';

type ConversationOps = Pick<
  Store,
  | 'openConversation' | 'findOpenConversation' | 'findLatestConversation' | 'findConversation'
  | 'listConversations' | 'claimConversation' | 'resolveConversation' | 'appendMessage' | 'listMessages'
>;

/** How often openConversation retries when the open conversation it collided with is resolved meanwhile. */
const OPEN_ATTEMPTS = 3;
const NEWEST_FIRST = { createdAt: -1, _id: -1 } as const;
const AFTER = { returnDocument: 'after' } as const;

export function conversationOps(models: Pick<MongoModels, 'conversations' | 'messages'>): ConversationOps {
  const { conversations, messages } = models;

  async function findOpen(siteId: string, visitorId: string): Promise<Conversation | null> {
    const doc = await conversations.findOne({ siteId, visitorId, open: true }).lean<ConversationDoc>();
    return doc ? toConversation(doc) : null;
  }

  async function findByClientId(input: NewMessageRecord): Promise<Message | null> {
    const doc = await messages
      .findOne({ conversationId: input.conversationId, clientId: input.clientId })
      .lean<MessageDoc>();
    return doc ? toMessage(doc) : null;
  }

  return {
    async openConversation(input) {
      for (let attempt = 0; attempt < OPEN_ATTEMPTS; attempt += 1) {
        const existing = await findOpen(input.siteId, input.visitorId);
        if (existing) return { conversation: existing, created: false };
        const at = new Date();
        const doc: ConversationDoc = {
          _id: newId(), siteId: input.siteId, visitorId: input.visitorId, visitorName: input.visitorName,
          status: 'queued', open: true, assignedAgentId: null, locale: input.locale, lastSeq: 0,
          createdAt: at, updatedAt: at,
        };
        try {
          await conversations.create(doc);
          return { conversation: toConversation(doc), created: true };
        } catch (error) {
          // Another caller opened one between our read and insert: the partial unique index refused ours.
          if (duplicateKeyIndex(error) !== INDEX.oneOpenConversation) throw error;
        }
      }
      throw new StoreConflictError('open conversation kept changing');
    },
    findOpenConversation: findOpen,
    async findLatestConversation(siteId, visitorId) {
      // The open one is always the newest (a new one opens only when none is), and asking for it
      // first avoids a same-millisecond tie between a just-resolved and a just-opened conversation.
      const open = await findOpen(siteId, visitorId);
      if (open) return open;
      const doc = await conversations.findOne({ siteId, visitorId }).sort(NEWEST_FIRST).lean<ConversationDoc>();
      return doc ? toConversation(doc) : null;
    },
    async findConversation(id) {
      const doc = await conversations.findById(id).lean<ConversationDoc>();
      return doc ? toConversation(doc) : null;
    },
    async listConversations({ siteId, statuses, limit = 200 }) {
      const wanted: readonly ConversationStatus[] = statuses && statuses.length > 0 ? statuses : CONVERSATION_STATUSES;
      const docs = await conversations
        .find({ siteId, status: { $in: wanted } })
        .sort(NEWEST_FIRST)
        .limit(limit)
        .lean<ConversationDoc[]>();
      return docs.map(toConversation);
    },
    async claimConversation({ conversationId, agentId }) {
      const doc = await conversations
        .findOneAndUpdate(
          { _id: conversationId, status: 'queued' },
          { $set: { status: 'assigned', assignedAgentId: agentId, updatedAt: new Date() } },
          AFTER,
        )
        .lean<ConversationDoc>();
      return doc ? toConversation(doc) : null;
    },
    async resolveConversation(conversationId) {
      const doc = await conversations
        .findOneAndUpdate(
          { _id: conversationId, open: true },
          { $set: { status: 'resolved', open: false, updatedAt: new Date() } },
          AFTER,
        )
        .lean<ConversationDoc>();
      return doc ? toConversation(doc) : null;
    },

    async appendMessage(input) {
      const existing = await findByClientId(input);
      if (existing) return { message: existing, created: false };
      const createdAt = new Date();
      const bumped = await conversations
        .findOneAndUpdate(
          { _id: input.conversationId },
          { $inc: { lastSeq: 1 }, $set: { updatedAt: createdAt } },
          { ...AFTER, projection: { lastSeq: 1 } },
        )
        .lean<Pick<ConversationDoc, 'lastSeq'>>();
      if (!bumped) throw new StoreConflictError('conversation does not exist');
      const doc: MessageDoc = {
        _id: newId(), conversationId: input.conversationId, seq: bumped.lastSeq, clientId: input.clientId,
        ...authorFields(input.author), text: input.text, createdAt,
      };
      try {
        await messages.create(doc);
        return { message: toMessage(doc), created: true };
      } catch (error) {
        // A concurrent retry of the same clientId stored it first; ours was certainly not stored.
        if (duplicateKeyIndex(error) !== INDEX.messageClientId) throw error;
        await giveBackSeq(conversations, input.conversationId, doc.seq);
        const stored = await findByClientId(input);
        if (!stored) throw error;
        return { message: stored, created: false };
      }
    },
    async listMessages({ conversationId, afterSeq = 0, limit = 500 }) {
      const docs = await messages
        .find({ conversationId, seq: { $gt: afterSeq } })
        .sort({ seq: 1 })
        .limit(limit)
        .lean<MessageDoc[]>();
      return docs.map(toMessage);
    },
  };
}

/**
 * Undoes our $inc when nobody has taken a seq after ours, so a lost clientId race usually leaves
 * no gap. Compare-and-set on lastSeq: if another message took seq+1 meanwhile, the gap stays;
 * without a multi-document transaction that cannot be avoided, and seqs stay unique and ordered.
 */
async function giveBackSeq(conversations: Model<ConversationDoc>, conversationId: string, seq: number): Promise<void> {
  await conversations.updateOne({ _id: conversationId, lastSeq: seq }, { $inc: { lastSeq: -1 } });
}
