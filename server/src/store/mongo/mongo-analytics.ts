/**
 * Analytics on MongoDB: aggregation pipelines that group and subtract dates on the server, so only
 * counts and durations cross the wire. Field presence is tested with $type, not equality with
 * null, because a missing field and a null one compare differently inside expressions.
 */
import type { PipelineStage } from 'mongoose';
import { TICKET_SOURCES, type CountsBySource, type TicketSource } from '@parley/shared';
import type { AnalyticsQuery, AnalyticsStore, ConversationGroupRow, TicketGroupRow, VolumeSlot } from '../analytics.store';
import type { MongoModels } from './mongo.models';

const SLOT_MS = 15 * 60_000;
/** Where the knowledge base keeps votes and deflection outcomes (mongo-knowledge-base.models.ts). */
const KB_FEEDBACK_COLLECTION = 'kb_article_feedback';

const isDate = (field: string) => ({ $eq: [{ $type: field }, 'date'] });
const isNumber = (field: string) => ({ $in: [{ $type: field }, ['int', 'long', 'double', 'decimal']] });
const countIf = (condition: unknown) => ({ $sum: { $cond: [condition, 1, 0] } });
const secondsBetween = (later: unknown, earlier: string) => ({ $divide: [{ $subtract: [later, earlier] }, 1000] });
/** The first of these that is set (nested $ifNull: MongoDB before 5.0 takes two arguments only). */
const firstSet = (fields: unknown[]): unknown =>
  fields.length === 1 ? fields[0] : { $ifNull: [fields[0], firstSet(fields.slice(1))] };

function matchOf(kind: 'conversations' | 'tickets', query: AnalyticsQuery): Record<string, unknown> {
  const match: Record<string, unknown> = {
    siteId: query.siteId,
    createdAt: { $gte: new Date(query.from), $lt: new Date(query.to) },
  };
  // An agent's chats are those they hold and those they answered first (analytics.store.ts).
  if (query.agentId && kind === 'conversations') match.$or = [{ assignedAgentId: query.agentId }, { firstResponseAgentId: query.agentId }];
  if (query.agentId && kind === 'tickets') match.assigneeAgentId = query.agentId;
  if (query.departmentId) match.departmentId = query.departmentId;
  return match;
}

/**
 * The tickets whose figures an agent's report reads: those assigned to them and those they answered
 * first (analytics.store.ts). Their volume and tags stay the assignee's (matchOf).
 */
function ticketFiguresMatch(query: AnalyticsQuery): Record<string, unknown> {
  const { assigneeAgentId: agentId, ...match } = matchOf('tickets', query);
  return agentId === undefined ? match : { ...match, $or: [{ assigneeAgentId: agentId }, { firstResponseAgentId: agentId }] };
}

const resolvedLive = { $and: [{ $eq: ['$status', 'resolved'] }, { $ne: [{ $type: '$ticketId' }, 'string'] }] };
const ticketResolved = { $in: ['$status', ['solved', 'closed']] };

interface GroupKey {
  agentId?: string | null;
  firstResponderId?: string | null;
  departmentId?: string | null;
  source?: TicketSource | null;
}

/** The rating fields of a $group: how many, their sum, how many were 4 or 5. */
const ratingTally = {
  ratings: countIf(isNumber('$rating')),
  ratingSum: { $sum: '$rating' },
  ratingsSatisfied: countIf({ $and: [isNumber('$rating'), { $gte: ['$rating', 4] }] }),
};

/** After a $group that pushed a duration or null per document: the durations alone. */
const withoutNulls = (field: string) => ({ $filter: { input: `$${field}`, cond: { $ne: ['$$this', null] } } });
const durationArrays = { $set: { firstResponseSeconds: withoutNulls('firstResponseSeconds'), resolutionSeconds: withoutNulls('resolutionSeconds') } };

type Grouped<Row> = Omit<Row, 'agentId' | 'departmentId' | 'source'> & { _id: GroupKey };
type ConversationGroupDoc = Grouped<Omit<ConversationGroupRow, 'escalationsBySource' | 'firstResponderId'>> &
  Record<`escalated_${TicketSource}`, number>;

export function mongoAnalytics(models: MongoModels): AnalyticsStore {
  const { conversations, tickets } = models;

  async function slotCounts(kind: 'conversations' | 'tickets', query: AnalyticsQuery): Promise<Map<number, number>> {
    const model = kind === 'conversations' ? conversations : tickets;
    const at = { $toLong: '$createdAt' };
    const pipeline: PipelineStage[] = [
      { $match: matchOf(kind, query) },
      { $group: { _id: { $subtract: [at, { $mod: [at, SLOT_MS] }] }, count: { $sum: 1 } } },
    ];
    const rows = await model.aggregate<{ _id: number; count: number }>(pipeline).exec();
    return new Map(rows.map((row) => [Number(row._id), row.count]));
  }

  return {
    async analyticsConversations(query) {
      const pipeline: PipelineStage[] = [
        { $match: matchOf('conversations', query) },
        { $lookup: { from: tickets.collection.collectionName, localField: 'ticketId', foreignField: '_id', as: 'ticket' } },
        {
          $project: {
            agentId: { $ifNull: ['$assignedAgentId', null] }, departmentId: { $ifNull: ['$departmentId', null] },
            // Missing on chats answered before it was recorded: null, and the domain credits the holder.
            firstResponderId: { $ifNull: ['$firstResponseAgentId', null] },
            source: { $arrayElemAt: ['$ticket.source', 0] }, rating: 1,
            answered: isDate('$firstResponseAt'), resolvedInChat: resolvedLive,
            firstResponse: { $cond: [isDate('$firstResponseAt'), secondsBetween('$firstResponseAt', '$createdAt'), null] },
            resolution: { $cond: [resolvedLive, secondsBetween('$resolvedAt', '$createdAt'), null] },
          },
        },
        {
          $group: {
            _id: { agentId: '$agentId', departmentId: '$departmentId', firstResponderId: '$firstResponderId' },
            conversations: { $sum: 1 },
            answered: countIf('$answered'),
            resolvedInChat: countIf('$resolvedInChat'),
            ...Object.fromEntries(TICKET_SOURCES.map((source) => [`escalated_${source}`, countIf({ $eq: ['$source', source] })])),
            ...ratingTally,
            firstResponseSeconds: { $push: '$firstResponse' },
            resolutionSeconds: { $push: '$resolution' },
          },
        },
        durationArrays,
      ];
      const rows = await conversations.aggregate<ConversationGroupDoc>(pipeline).allowDiskUse(true).exec();
      return rows.map(
        (row): ConversationGroupRow => ({
          agentId: row._id.agentId ?? null, departmentId: row._id.departmentId ?? null, firstResponderId: row._id.firstResponderId ?? null,
          conversations: row.conversations, answered: row.answered, resolvedInChat: row.resolvedInChat,
          escalationsBySource: Object.fromEntries(TICKET_SOURCES.map((source) => [source, row[`escalated_${source}`]])) as CountsBySource,
          ratings: row.ratings, ratingSum: row.ratingSum, ratingsSatisfied: row.ratingsSatisfied,
          firstResponseSeconds: row.firstResponseSeconds, resolutionSeconds: row.resolutionSeconds,
        }),
      );
    },

    async analyticsTickets(query) {
      const now = new Date(query.now);
      const breach = (due: string, doneFields: unknown[]) => ({
        $cond: [isDate(due), { $gt: [firstSet([...doneFields, now]), due] }, false],
      });
      const done = firstSet(['$solvedAt', '$closedAt']);
      // A pending ticket's clocks stand still: judged as they stood when it went pending.
      const pausedAt = { $cond: [{ $eq: ['$status', 'pending'] }, '$pendingSince', null] };
      const pipeline: PipelineStage[] = [
        { $match: ticketFiguresMatch(query) },
        {
          $project: {
            agentId: { $ifNull: ['$assigneeAgentId', null] }, departmentId: { $ifNull: ['$departmentId', null] }, source: 1, rating: 1,
            // Missing on tickets answered before it was recorded: null, and the domain credits the assignee.
            firstResponderId: { $ifNull: ['$firstResponseAgentId', null] },
            resolved: ticketResolved,
            frBreach: breach('$firstResponseDueAt', ['$firstRespondedAt', '$solvedAt', '$closedAt', pausedAt]),
            resBreach: breach('$resolutionDueAt', ['$solvedAt', '$closedAt', pausedAt]),
            firstResponse: { $cond: [isDate('$firstRespondedAt'), secondsBetween('$firstRespondedAt', '$createdAt'), null] },
            resolution: {
              $cond: [{ $and: [ticketResolved, { $eq: [{ $type: done }, 'date'] }] }, secondsBetween(done, '$createdAt'), null],
            },
          },
        },
        {
          $group: {
            _id: { agentId: '$agentId', departmentId: '$departmentId', firstResponderId: '$firstResponderId', source: '$source' },
            tickets: { $sum: 1 },
            resolved: countIf('$resolved'),
            firstResponseBreaches: countIf('$frBreach'),
            resolutionBreaches: countIf('$resBreach'),
            breached: countIf({ $or: ['$frBreach', '$resBreach'] }),
            ...ratingTally,
            firstResponseSeconds: { $push: '$firstResponse' },
            resolutionSeconds: { $push: '$resolution' },
          },
        },
        durationArrays,
      ];
      const rows = await tickets.aggregate<Grouped<Omit<TicketGroupRow, 'firstResponderId'>>>(pipeline).allowDiskUse(true).exec();
      return rows.map(({ _id, ...counts }): TicketGroupRow => ({
        ...counts,
        agentId: _id.agentId ?? null,
        departmentId: _id.departmentId ?? null,
        firstResponderId: _id.firstResponderId ?? null,
        // Every ticket has a source (the schema requires one), so the group key always holds it.
        source: _id.source as TicketSource,
      }));
    },

    async analyticsVolume(query) {
      const [chats, ticketSlots] = await Promise.all([slotCounts('conversations', query), slotCounts('tickets', query)]);
      const starts = [...new Set([...chats.keys(), ...ticketSlots.keys()])].sort((a, b) => a - b);
      return starts.map(
        (start): VolumeSlot => ({
          start: new Date(start).toISOString(), conversations: chats.get(start) ?? 0, tickets: ticketSlots.get(start) ?? 0,
        }),
      );
    },

    async analyticsTopTags(query, limit) {
      const pipeline: PipelineStage[] = [
        { $match: { ...matchOf('tickets', query), 'tags.0': { $exists: true } } },
        // A tag written twice on one ticket still counts that ticket once.
        { $project: { _id: 0, tag: { $setUnion: ['$tags', []] } } },
        { $unwind: '$tag' },
        { $group: { _id: '$tag', tickets: { $sum: 1 } } },
        { $sort: { tickets: -1, _id: 1 } },
        { $limit: limit },
      ];
      const rows = await tickets.aggregate<{ _id: string; tickets: number }>(pipeline).exec();
      return rows.map((row) => ({ tag: row._id, tickets: row.tickets }));
    },

    async analyticsDeflections(query) {
      // Counted by collection name, so analytics needs none of the knowledge base's models.
      return conversations.db.collection(KB_FEEDBACK_COLLECTION).countDocuments({
        siteId: query.siteId, kind: 'deflection', value: 'solved', at: { $gte: new Date(query.from), $lt: new Date(query.to) },
      });
    },
  };
}
