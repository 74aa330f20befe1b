/** Tickets on MongoDB: numbered per site by $inc, one per conversation by a unique index, timeline seq by $inc. */
import { newId } from '../../tokens';
import { StoreConflictError, type NewTicketEventRecord, type Store, type TicketPatch } from '../store';
import { chatSlots } from './mongo.chat-slots';
import type { ConversationDoc, SiteDoc, TicketDoc, TicketEventDoc } from './mongo.documents';
import { toConversation, toTicket, toTicketEvent } from './mongo.mapping';
import { duplicateKeyIndex, INDEX, type MongoModels } from './mongo.models';
import { ticketFilter, ticketSortStages } from './mongo.ticket-search';

type TicketStore = Pick<
  Store,
  | 'createTicket' | 'findTicket' | 'updateTicket' | 'hasTicketEventFrom' | 'listTicketEvents'
  | 'searchTickets' | 'listTicketsToClose' | 'listTicketsToRemind' | 'listVisitorTickets' | 'listLongWaiting'
>;

const DATE_FIELDS = new Set([
  'tierStartedAt', 'firstResponseDueAt', 'resolutionDueAt', 'firstRespondedAt', 'solvedAt', 'closedAt',
  'pendingSince', 'remindedAt',
]);

/** The patch as document fields: ISO strings become Dates, undefined leaves a field alone. */
function patchFields(patch: TicketPatch): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(patch)
      .filter(([, value]) => value !== undefined)
      .map(([field, value]) => [field, DATE_FIELDS.has(field) && typeof value === 'string' ? new Date(value) : value]),
  );
}

const toDate = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));

export function mongoTickets(models: MongoModels): TicketStore {
  const { tickets, ticketEvents, sites, conversations } = models;
  const slots = chatSlots(models);

  async function findByConversation(conversationId: string) {
    const doc = await tickets.findOne({ conversationId }).lean<TicketDoc>();
    return doc ? toTicket(doc) : null;
  }

  async function takeNumber(siteId: string): Promise<number> {
    const site = await sites
      .findOneAndUpdate({ _id: siteId }, { $inc: { nextTicketNumber: 1 } }, { returnDocument: 'before', projection: { nextTicketNumber: 1 } })
      .lean<Pick<SiteDoc, 'nextTicketNumber'>>();
    if (!site || typeof site.nextTicketNumber !== 'number') throw new Error('site does not exist');
    return site.nextTicketNumber;
  }

  async function insertEvent(input: { ticketId: string; seq: number; event: NewTicketEventRecord; at: Date }) {
    const { event } = input;
    const doc: TicketEventDoc = {
      _id: newId(), ticketId: input.ticketId, seq: input.seq, kind: event.kind, authorKind: event.authorKind,
      authorId: event.authorId, authorName: event.authorName, text: event.text, changes: event.changes,
      attachments: event.attachments ?? [], createdAt: input.at,
      ...(event.sourceKey ? { sourceKey: event.sourceKey } : {}),
    };
    try {
      await ticketEvents.create(doc);
    } catch (error) {
      if (duplicateKeyIndex(error) === INDEX.ticketEventSource) throw new StoreConflictError('ticket event already stored');
      throw error;
    }
  }

  /** The chat became this ticket: link it and resolve it, giving back its agent's chat slot. */
  async function resolveIntoTicket(conversationId: string, ticketId: string, at: Date): Promise<void> {
    const before = await conversations
      .findOneAndUpdate(
        { _id: conversationId },
        { $set: { ticketId, status: 'resolved', open: false, awaitingAgentSince: null, updatedAt: at } },
        { returnDocument: 'before' },
      )
      .lean<ConversationDoc>();
    if (!before) return;
    if (before.resolvedAt === null) await conversations.updateOne({ _id: conversationId, resolvedAt: null }, { $set: { resolvedAt: at } });
    if (before.status === 'assigned' && before.assignedAgentId) await slots.release(before.assignedAgentId, before.slotToken);
  }

  return {
    async createTicket({ ticket: t, createdEvent }) {
      if (t.conversationId) {
        const existing = await findByConversation(t.conversationId);
        if (existing) return { ticket: existing, created: false };
      }
      const at = new Date();
      const doc: TicketDoc = {
        _id: newId(), siteId: t.siteId, number: await takeNumber(t.siteId), conversationId: t.conversationId,
        visitorId: t.visitorId, subject: t.subject, requesterName: t.requesterName, requesterEmail: t.requesterEmail,
        requesterLocale: t.requesterLocale, status: t.status, priority: t.priority, tier: t.tier,
        departmentId: t.departmentId, assigneeAgentId: t.assigneeAgentId, tags: t.tags, source: t.source,
        createdAt: at, updatedAt: at, tierStartedAt: new Date(t.tierStartedAt), firstResponseDueAt: toDate(t.firstResponseDueAt),
        resolutionDueAt: toDate(t.resolutionDueAt), firstRespondedAt: toDate(t.firstRespondedAt), solvedAt: toDate(t.solvedAt),
        closedAt: toDate(t.closedAt), pendingSince: toDate(t.pendingSince), slaPausedMinutes: 0, remindedAt: null, rating: null,
        ratingComment: null, lastEventSeq: 1,
      };
      try {
        await tickets.create(doc);
      } catch (error) {
        // Another process escalated the same conversation first: its ticket is the one.
        const existing = t.conversationId && duplicateKeyIndex(error) === INDEX.ticketConversation
          ? await findByConversation(t.conversationId) : null;
        if (existing) return { ticket: existing, created: false };
        throw error;
      }
      await insertEvent({ ticketId: doc._id, seq: 1, event: createdEvent, at });
      if (t.conversationId) await resolveIntoTicket(t.conversationId, doc._id, at);
      return { ticket: toTicket(doc), created: true };
    },
    async findTicket(id) {
      const doc = await tickets.findById(id).lean<TicketDoc>();
      return doc ? toTicket(doc) : null;
    },
    async updateTicket({ ticketId, patch, event, ifUnchanged }) {
      // Checked first, so that a second delivery changes nothing. Two arriving at once both pass it;
      // the unique index then refuses the later event (its patch, the same as the first's, stays, and
      // its seq is skipped).
      if (event?.sourceKey && (await ticketEvents.exists({ ticketId, sourceKey: event.sourceKey }))) {
        throw new StoreConflictError('ticket event already stored');
      }
      const at = new Date();
      const { firstRespondedAt, ...rest } = patch;
      const $set: Record<string, unknown> = { ...patchFields(rest), updatedAt: at };
      // A move up a tier restarts the clock: the next reply is the first response, and its author the responder.
      if (firstRespondedAt === null) Object.assign($set, { firstRespondedAt: null, firstResponseAgentId: null });
      const unchanged = ifUnchanged ? { status: ifUnchanged.status, updatedAt: new Date(ifUnchanged.updatedAt) } : {};
      const apply = (onlyIf: Record<string, unknown>, alsoSet: Record<string, unknown>) => {
        // The event's seq is taken in the same update that applies the change it records.
        const fields = { ...$set, ...alsoSet };
        const update = event ? { $set: fields, $inc: { lastEventSeq: 1 } } : { $set: fields };
        return tickets.findOneAndUpdate({ _id: ticketId, ...unchanged, ...onlyIf }, update, { returnDocument: 'after' }).lean<TicketDoc>();
      };
      // The first reply records its instant and author together, only on a ticket nobody has answered
      // yet; when another agent's reply came first, the change goes in without them (compare-and-set,
      // so the later of two answers neither moves the time nor takes the credit in analytics).
      const firstResponse = firstRespondedAt
        ? { firstRespondedAt: new Date(firstRespondedAt), firstResponseAgentId: event?.kind === 'reply' && event.authorKind === 'agent' ? event.authorId : null }
        : null;
      const doc = (firstResponse ? await apply({ firstRespondedAt: null }, firstResponse) : null) ?? (await apply({}, {}));
      if (!doc) return null;
      if (event) await insertEvent({ ticketId, seq: doc.lastEventSeq, event, at });
      return toTicket(doc);
    },
    async hasTicketEventFrom(ticketId, sourceKey) {
      return (await ticketEvents.exists({ ticketId, sourceKey })) !== null;
    },
    async listTicketEvents(ticketId, { includeNotes = true } = {}) {
      const docs = await ticketEvents
        .find({ ticketId, ...(includeNotes ? {} : { kind: { $ne: 'note' } }) })
        .sort({ seq: 1 })
        .lean<TicketEventDoc[]>();
      return docs.map(toTicketEvent);
    },
    async searchTickets(search) {
      const [total, docs] = await Promise.all([
        tickets.countDocuments(ticketFilter(search)),
        tickets.aggregate<TicketDoc>([
          { $match: ticketFilter(search) }, ...ticketSortStages(search.sort), { $skip: search.offset }, { $limit: search.limit },
        ]),
      ]);
      return { tickets: docs.map(toTicket), total };
    },
    async listTicketsToClose({ siteId, solvedBefore, limit }) {
      const docs = await tickets
        .find({ siteId, status: 'solved', solvedAt: { $lt: new Date(solvedBefore) } })
        .sort({ solvedAt: 1, _id: 1 })
        .limit(limit)
        .lean<TicketDoc[]>();
      return docs.map(toTicket);
    },
    async listTicketsToRemind({ siteId, pendingBefore, limit }) {
      const docs = await tickets
        .find({
          siteId, status: 'pending', pendingSince: { $lt: new Date(pendingBefore) },
          // Not reminded since it went pending (null sorts before every date).
          $expr: { $lt: [{ $ifNull: ['$remindedAt', null] }, '$pendingSince'] },
        })
        .sort({ pendingSince: 1, _id: 1 })
        .limit(limit)
        .lean<TicketDoc[]>();
      return docs.map(toTicket);
    },
    async listVisitorTickets(siteId, visitorId) {
      const docs = await tickets.find({ siteId, visitorId }).sort({ createdAt: -1, _id: -1 }).limit(100).lean<TicketDoc[]>();
      return docs.map(toTicket);
    },
    async listLongWaiting({ siteId, queuedBefore }) {
      const docs = await conversations
        .find({ siteId, status: { $in: ['queued', 'assigned'] }, firstResponseAt: null, queuedAt: { $lt: new Date(queuedBefore) } })
        .sort({ queuedAt: 1, _id: 1 })
        .lean<ConversationDoc[]>();
      return docs.map(toConversation);
    },
  };
}
