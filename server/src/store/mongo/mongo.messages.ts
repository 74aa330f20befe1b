/** Messages on MongoDB: stored once per (conversation, clientId), numbered by an atomic $inc on the conversation. */
import type { Model } from 'mongoose';
import { newTimeOrderedId } from '../../tokens';
import { messagePreviewOf, type Message } from '@parley/shared';
import { StoreConflictError, type AppendedMessage, type NewMessageRecord, type Store } from '../store';
import type { ConversationDoc, MessageDoc } from './mongo.documents';
import { authorFields, toConversation, toMessage } from './mongo.mapping';
import { duplicateKeyIndex, INDEX, type MongoModels } from './mongo.models';

type MessageStore = Pick<Store, 'appendMessage' | 'appendToOpenConversation' | 'findMessageByClientId' | 'listMessages'>;

export function mongoMessages(models: MongoModels): MessageStore {
  const { conversations, messages } = models;

  async function findByClientId(input: Pick<NewMessageRecord, 'conversationId' | 'clientId'>) {
    const doc = await messages.findOne({ conversationId: input.conversationId, clientId: input.clientId }).lean<MessageDoc>();
    return doc ? toMessage(doc) : null;
  }

  /** Takes the next seq; an answer to the visitor also stamps the first response and stops the clock. */
  async function takeSeq(input: NewMessageRecord, at: Date): Promise<ConversationDoc> {
    // An internal note is not an answer to the visitor: it neither counts as a response nor stops the clock.
    const answersVisitor = input.author.kind === 'agent' && !input.internal;
    // The preview goes in the same update that takes the seq: no write more per message.
    const lastMessage = { updatedAt: at, lastMessageAt: at, lastMessagePreview: messagePreviewOf(input) };
    // A system line (a transfer, an invitation) is numbered, but the chat's latest message stays what people wrote.
    const update = input.event
      ? { $inc: { lastSeq: 1 }, $set: { updatedAt: at } }
      : answersVisitor
      // firstResponseAt is absent until now, so $min sets it once and keeps it afterwards.
      ? { $inc: { lastSeq: 1 }, $set: { ...lastMessage, awaitingAgentSince: null }, $min: { firstResponseAt: at } }
      : { $inc: { lastSeq: 1 }, $set: lastMessage };
    const bumped = await conversations
      .findOneAndUpdate({ _id: input.conversationId }, update, { returnDocument: 'after' })
      .lean<ConversationDoc>();
    if (!bumped) throw new StoreConflictError('conversation does not exist');
    // $min kept our instant: ours is the first answer, so record who wrote it (analytics credits it to
    // them). A second update, once per chat: a plain update cannot set a field only when $min took its
    // value. Conditional on that instant, so of two first answers racing, the earlier one's author stays.
    if (answersVisitor && !input.event && input.author.kind === 'agent' && bumped.firstResponseAt?.getTime() === at.getTime()) {
      await conversations.updateOne({ _id: input.conversationId, firstResponseAt: at }, { $set: { firstResponseAgentId: input.author.id } });
    }
    return bumped;
  }

  async function resent(stored: Message): Promise<AppendedMessage> {
    const conversation = await conversations.findById(stored.conversationId).lean<ConversationDoc>();
    if (!conversation) throw new StoreConflictError('conversation does not exist');
    return { message: stored, created: false, conversation: toConversation(conversation) };
  }

  /** Stores the message once per clientId; a retry gets the stored one back. */
  async function appendOnce(input: NewMessageRecord): Promise<AppendedMessage> {
    const existing = await findByClientId(input);
    if (existing) return resent(existing);
    const createdAt = new Date();
    const conversation = await takeSeq(input, createdAt);
    const doc: MessageDoc = {
      _id: newTimeOrderedId(), conversationId: input.conversationId, seq: conversation.lastSeq,
      clientId: input.clientId, ...authorFields(input.author), text: input.text,
      internal: input.internal === true, createdAt,
      ...(input.attachments && input.attachments.length > 0 ? { attachments: input.attachments } : {}),
      ...(input.event ? { event: input.event } : {}),
    };
    try {
      await messages.create(doc);
      return { message: toMessage(doc), created: true, conversation: toConversation(conversation) };
    } catch (error) {
      // A concurrent retry of the same clientId stored it first; ours was certainly not stored.
      if (duplicateKeyIndex(error) !== INDEX.messageClientId) throw error;
      await giveBackSeq(conversations, input.conversationId, doc.seq);
      const stored = await findByClientId(input);
      if (!stored) throw error;
      return resent(stored);
    }
  }

  const store: MessageStore = {
    async appendToOpenConversation({ siteId, visitorId, ...message }, onStored) {
      const open = await conversations
        .findOne({ siteId, visitorId, open: true }, { _id: 1 })
        .lean<Pick<ConversationDoc, '_id'>>();
      return open ? store.appendMessage({ ...message, conversationId: open._id }, onStored) : null;
    },
    async findMessageByClientId(conversationId, clientId) {
      return findByClientId({ conversationId, clientId });
    },
    // With majority write concern an acknowledged write is both visible and durable: `onStored`
    // runs just before the promise settles.
    async appendMessage(input, onStored) {
      const appended = await appendOnce(input);
      onStored?.(appended);
      return appended;
    },
    async listMessages({ conversationId, afterSeq = 0, limit = 500, includeInternal = true }) {
      const docs = await messages
        .find({ conversationId, seq: { $gt: afterSeq }, ...(includeInternal ? {} : { internal: { $ne: true } }) })
        .sort({ seq: 1 })
        .limit(limit)
        .lean<MessageDoc[]>();
      return docs.map(toMessage);
    },
  };
  return store;
}

/**
 * Undoes our $inc when nobody has taken a seq after ours, so a lost clientId race usually leaves
 * no gap. Compare-and-set on lastSeq: if another message took seq+1 meanwhile, the gap stays;
 * without a multi-document transaction that cannot be avoided, and seqs stay unique and ordered.
 */
async function giveBackSeq(conversations: Model<ConversationDoc>, conversationId: string, seq: number): Promise<void> {
  await conversations.updateOne({ _id: conversationId, lastSeq: seq }, { $inc: { lastSeq: -1 } });
}
