/** Conversations on MongoDB: every state change is one conditional update, uniqueness is a unique index. */
import { CONVERSATION_STATUSES, type Conversation, type ConversationStatus } from '@parley/shared';
import { newId } from '../../tokens';
import { StoreConflictError, type AgentLoad, type Store } from '../store';
import { chatSlots } from './mongo.chat-slots';
import type { AgentDoc, ConversationDoc, MessageDoc } from './mongo.documents';
import { toConversation, toQueuedConversation } from './mongo.mapping';
import { duplicateKeyIndex, INDEX, type MongoModels } from './mongo.models';

type ConversationStore = Pick<
  Store,
  | 'openConversation' | 'findOpenConversation' | 'findLatestConversation' | 'findConversation'
  | 'listConversations' | 'claimConversation' | 'assignConversation' | 'requeueConversation'
  | 'transferConversation' | 'resolveConversation' | 'listQueue' | 'listAgentLoads'
  | 'listUnansweredAssignments' | 'listAssignedTo' | 'reopenConversation' | 'addParticipant' | 'rateConversation' | 'markRead' | 'getReadState'
  | 'visitorBack' | 'visitorLeft' | 'touchVisitors' | 'markSilentVisitorsGone'
>;

/** How often openConversation retries when the open conversation it collided with is resolved meanwhile. */
const OPEN_ATTEMPTS = 3;
const NEWEST_FIRST = { createdAt: -1, _id: -1 } as const;
const QUEUE_ORDER = { queuedAt: 1, _id: 1 } as const;
const AFTER = { returnDocument: 'after' } as const;
const BEFORE = { returnDocument: 'before' } as const;
/** The visitor has their answer: an agent's reply is the latest message. */
const REPLY_LAST = { 'lastMessagePreview.authorKind': 'agent', 'lastMessagePreview.internal': false } as const;
/** An agent's note is the latest message: the visitor's view of the chat ends earlier. */
const NOTE_LAST = { 'lastMessagePreview.internal': true } as const;

type ConditionalUpdate<T> = (when: Record<string, unknown>, awaitingAgentSince: Date | null) => Promise<T | null>;

const readStateOf = (doc: ConversationDoc) => ({
  conversationId: doc._id,
  visitorSeq: doc.visitorReadSeq ?? 0,
  agentSeq: doc.agentReadSeq ?? 0,
});

export function mongoConversations(models: MongoModels): ConversationStore {
  const { conversations, agents, messages } = models;
  const slots = chatSlots(models);

  /**
   * Runs a (re)assignment's conditional `update` with the new assignee's reply clock running only if
   * the visitor is waiting: not when an agent's reply is the latest message they see. Otherwise a
   * chat handed back and reassigned (an agent going offline, a restart) would count as unanswered
   * and bounce between agents every timeout. One conditional branch per case, tried in turn.
   */
  async function withReplyClock<T>(conversationId: string, at: Date, update: ConditionalUpdate<T>): Promise<T | null> {
    const done = (await update({ $nor: [REPLY_LAST, NOTE_LAST] }, at)) ?? (await update(REPLY_LAST, null));
    if (done) return done;
    // A note is the latest: the last message the visitor saw decides, pinned to the chat's lastSeq
    // (a message in between refuses the update, as a lost race).
    const current = await conversations.findById(conversationId, { lastSeq: 1, lastMessagePreview: 1 })
      .lean<Pick<ConversationDoc, 'lastSeq' | 'lastMessagePreview'>>();
    if (!current?.lastMessagePreview?.internal) return null;
    const seen = await messages
      .findOne({ conversationId, internal: false, event: null, seq: { $lte: current.lastSeq } }, { authorKind: 1 })
      .sort({ seq: -1 })
      .lean<Pick<MessageDoc, 'authorKind'>>();
    return update({ ...NOTE_LAST, lastSeq: current.lastSeq }, seen?.authorKind === 'agent' ? null : at);
  }

  async function findOpen(siteId: string, visitorId: string) {
    const doc = await conversations.findOne({ siteId, visitorId, open: true }).lean<ConversationDoc>();
    return doc ? toConversation(doc) : null;
  }

  /** queued -> assigned, holding a chat slot of the agent (within maxChats when given). */
  async function assign(input: { conversationId: string; agentId: string; maxChats: number | null }) {
    const { conversationId, agentId } = input;
    const token = await slots.reserve(input);
    if (token === null) return null;
    const at = new Date();
    const doc = await withReplyClock(conversationId, at, (when, awaitingAgentSince) => conversations
      .findOneAndUpdate(
        { _id: conversationId, status: 'queued', ...when },
        { $set: { status: 'assigned', assignedAgentId: agentId, assignedAt: at, awaitingAgentSince, updatedAt: at, slotToken: token } },
        AFTER,
      )
      .lean<ConversationDoc>());
    if (!doc) await slots.release(agentId, token);
    return doc ? toConversation(doc) : null;
  }

  async function lastAssignedAt(agentId: string): Promise<string | null> {
    const doc = await conversations
      .findOne({ assignedAgentId: agentId, assignedAt: { $ne: null } }, { assignedAt: 1 })
      .sort({ assignedAt: -1 })
      .lean<Pick<ConversationDoc, 'assignedAt'>>();
    return doc?.assignedAt ? doc.assignedAt.toISOString() : null;
  }

  return {
    async openConversation(input) {
      for (let attempt = 0; attempt < OPEN_ATTEMPTS; attempt += 1) {
        const existing = await findOpen(input.siteId, input.visitorId);
        if (existing) return { conversation: existing, created: false };
        const at = new Date();
        const doc: ConversationDoc = {
          _id: newId(), siteId: input.siteId, visitorId: input.visitorId, visitorName: input.visitorName,
          status: 'queued', open: true, assignedAgentId: null, participantAgentIds: [],
          departmentId: input.departmentId ?? null,
          locale: input.locale, lastSeq: 0, createdAt: at, updatedAt: at, lastMessageAt: null, lastMessagePreview: null, queuedAt: at, assignedAt: null,
          awaitingAgentSince: null, resolvedAt: null, declinedAgentIds: [], slotToken: null, ticketId: null,
          rating: null, ratingComment: null, ratedAt: null, visitorLeftAt: null, visitorSeenAt: at,
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

    claimConversation: ({ conversationId, agentId }) => assign({ conversationId, agentId, maxChats: null }),
    assignConversation: (input) => assign(input),
    async requeueConversation({ conversationId, fromAgentId, declined, departmentId }) {
      const at = new Date();
      const set = {
        status: 'queued', assignedAgentId: null, assignedAt: null, awaitingAgentSince: null, updatedAt: at,
        ...(departmentId === undefined ? {} : { departmentId }),
      };
      const doc = await conversations
        .findOneAndUpdate(
          { _id: conversationId, status: 'assigned', assignedAgentId: fromAgentId },
          { $set: set, ...(declined ? { $push: { declinedAgentIds: fromAgentId } } : {}) },
          AFTER,
        )
        .lean<ConversationDoc>();
      if (!doc) return null;
      await slots.release(fromAgentId, doc.slotToken);
      return toConversation(doc);
    },
    async transferConversation({ conversationId, fromAgentId, toAgentId, maxChats }) {
      const token = await slots.reserve({ agentId: toAgentId, conversationId, maxChats });
      if (token === null) return null;
      const at = new Date();
      const moved = await withReplyClock(conversationId, at, async (when, awaitingAgentSince) => {
        const set = { assignedAgentId: toAgentId, assignedAt: at, awaitingAgentSince, updatedAt: at, slotToken: token };
        // The document as it was, for the slot it held; the result is that plus exactly what we set.
        const before = await conversations
          .findOneAndUpdate(
            { _id: conversationId, status: 'assigned', assignedAgentId: fromAgentId, ...when },
            { $set: set },
            { returnDocument: 'before' },
          )
          .lean<ConversationDoc>();
        return before ? { before, set } : null;
      });
      if (!moved) {
        await slots.release(toAgentId, token);
        return null;
      }
      await slots.release(fromAgentId, moved.before.slotToken);
      return toConversation({ ...moved.before, ...moved.set });
    },
    async resolveConversation(conversationId) {
      const at = new Date();
      const doc = await conversations
        .findOneAndUpdate(
          { _id: conversationId, open: true },
          { $set: { status: 'resolved', open: false, resolvedAt: at, awaitingAgentSince: null, updatedAt: at } },
          AFTER,
        )
        .lean<ConversationDoc>();
      if (!doc) return null;
      if (doc.assignedAgentId) await slots.release(doc.assignedAgentId, doc.slotToken);
      return toConversation(doc);
    },

    async reopenConversation(conversationId) {
      const at = new Date();
      try {
        const doc = await conversations
          .findOneAndUpdate(
            { _id: conversationId, status: 'resolved' },
            {
              $set: {
                status: 'queued', open: true, resolvedAt: null, assignedAgentId: null, assignedAt: null,
                queuedAt: at, updatedAt: at,
              },
            },
            AFTER,
          )
          .lean<ConversationDoc>();
        return doc ? toConversation(doc) : null;
      } catch (error) {
        if (duplicateKeyIndex(error) === INDEX.oneOpenConversation) {
          throw new StoreConflictError('the visitor has another open conversation');
        }
        throw error;
      }
    },
    async addParticipant({ conversationId, agentId }) {
      const doc = await conversations
        .findOneAndUpdate(
          { _id: conversationId, open: true },
          { $addToSet: { participantAgentIds: agentId }, $set: { updatedAt: new Date() } },
          AFTER,
        )
        .lean<ConversationDoc>();
      return doc ? toConversation(doc) : null;
    },
    async markRead({ conversationId, reader, seq }) {
      const current = await conversations.findById(conversationId, { lastSeq: 1 }).lean<Pick<ConversationDoc, 'lastSeq'>>();
      if (!current) return null;
      // lastSeq only grows, so capping by the value just read never lets a mark pass the last message.
      const field = reader === 'visitor' ? 'visitorReadSeq' : 'agentReadSeq';
      const doc = await conversations
        .findOneAndUpdate({ _id: conversationId }, { $max: { [field]: Math.min(seq, current.lastSeq) } }, AFTER)
        .lean<ConversationDoc>();
      return doc ? readStateOf(doc) : null;
    },
    async getReadState(conversationId) {
      const doc = await conversations.findById(conversationId).lean<ConversationDoc>();
      return doc ? readStateOf(doc) : null;
    },
    // Not updatedAt: the visitor coming and going changes nothing about the chat itself.
    async visitorBack({ siteId, visitorId, at }) {
      // The document as it was tells whether they had left; an absent field (stored before presence) had not.
      const before = await conversations
        .findOneAndUpdate({ siteId, visitorId, open: true }, { $set: { visitorLeftAt: null, visitorSeenAt: new Date(at) } }, BEFORE)
        .lean<ConversationDoc>();
      if (!before?.visitorLeftAt) return null;
      return toConversation({ ...before, visitorLeftAt: null, visitorSeenAt: new Date(at) });
    },
    async visitorLeft({ siteId, visitorId, at }) {
      const doc = await conversations
        .findOneAndUpdate({ siteId, visitorId, open: true, visitorLeftAt: null }, { $set: { visitorLeftAt: new Date(at) } }, AFTER)
        .lean<ConversationDoc>();
      return doc ? toConversation(doc) : null;
    },
    async touchVisitors(visitors, at) {
      const bySite = new Map<string, string[]>();
      for (const { siteId, visitorId } of visitors) {
        const ids = bySite.get(siteId) ?? [];
        ids.push(visitorId);
        bySite.set(siteId, ids);
      }
      for (const [siteId, visitorIds] of bySite) {
        await conversations.updateMany({ siteId, visitorId: { $in: visitorIds }, open: true }, { $set: { visitorSeenAt: new Date(at) } });
      }
    },
    async markSilentVisitorsGone(before) {
      const silent = { open: true, visitorLeftAt: null, visitorSeenAt: { $lt: new Date(before) } };
      const gone: Conversation[] = [];
      // One conditional update each: a visitor seen again meanwhile is no longer silent and is skipped.
      for (const doc of await conversations.find(silent, { _id: 1, visitorSeenAt: 1 }).lean<Pick<ConversationDoc, '_id' | 'visitorSeenAt'>[]>()) {
        const updated = await conversations
          .findOneAndUpdate({ ...silent, _id: doc._id }, { $set: { visitorLeftAt: doc.visitorSeenAt } }, AFTER)
          .lean<ConversationDoc>();
        if (updated) gone.push(toConversation(updated));
      }
      return gone;
    },
    async rateConversation({ conversationId, score, comment }) {
      const doc = await conversations
        .findOneAndUpdate(
          { _id: conversationId, status: 'resolved' },
          { $set: { rating: score, ratingComment: comment, ratedAt: new Date() } },
          AFTER,
        )
        .lean<ConversationDoc>();
      return doc ? toConversation(doc) : null;
    },

    async listQueue(siteId) {
      const docs = await conversations.find({ siteId, status: 'queued' }).sort(QUEUE_ORDER).lean<ConversationDoc[]>();
      return docs.map(toQueuedConversation);
    },
    async listAgentLoads(siteId): Promise<AgentLoad[]> {
      const agentIds = (await agents.find({ siteId }, { _id: 1 }).sort({ createdAt: 1, _id: 1 }).lean<Pick<AgentDoc, '_id'>[]>())
        .map((a) => a._id);
      const counts = await conversations.aggregate<{ _id: string; activeChats: number }>([
        { $match: { assignedAgentId: { $in: agentIds }, status: 'assigned' } },
        { $group: { _id: '$assignedAgentId', activeChats: { $sum: 1 } } },
      ]);
      const active = new Map(counts.map((c) => [c._id, c.activeChats]));
      return Promise.all(
        agentIds.map(async (agentId) => ({
          agentId, activeChats: active.get(agentId) ?? 0, lastAssignedAt: await lastAssignedAt(agentId),
        })),
      );
    },
    async listUnansweredAssignments({ siteId, before }) {
      const docs = await conversations
        .find({ siteId, status: 'assigned', awaitingAgentSince: { $ne: null, $lt: new Date(before) } })
        .sort({ awaitingAgentSince: 1, _id: 1 })
        .lean<ConversationDoc[]>();
      return docs.map(toConversation);
    },
    async listAssignedTo(agentId) {
      const docs = await conversations
        .find({ assignedAgentId: agentId, status: 'assigned' })
        .sort(QUEUE_ORDER)
        .lean<ConversationDoc[]>();
      return docs.map(toConversation);
    },
  };
}
