/**
 * MongoDB privacy queries. Without a transaction, an erasure deletes children before parents
 * (events, files, tickets, messages, conversations, visitors last), so an erasure cut short
 * leaves nothing orphaned and a repeat finishes it.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import type { ContactCounts, ErasureActor, ErasureRecord } from '@parley/shared';
import { newId } from '../../tokens';
import type { ContactSelector, PrivacyStore } from '../privacy.store';
import { toAttachmentRecord, type AttachmentDoc } from './mongo-attachments';
import { toOutboxEmail } from './mongo-email-outbox';
import type { KbFeedbackDoc } from './mongo-knowledge-base.models';
import type { ConversationDoc, MessageDoc, TicketDoc, TicketEventDoc, VisitorDoc } from './mongo.documents';
import { toConversation, toMessage, toTicket, toTicketEvent, toVisitor } from './mongo.mapping';
import type { MongoModels } from './mongo.models';

interface ErasureDoc {
  _id: string; siteId: string; at: Date; actorKind: ErasureActor['kind']; actorAgentId: string | null;
  actorName: string | null; counts: ContactCounts;
}

const ERASURE_SCHEMA = new Schema<ErasureDoc>(
  {
    _id: { type: String, required: true }, siteId: { type: String, required: true }, at: { type: Date, required: true },
    actorKind: { type: String, enum: ['agent', 'visitor', 'retention'], required: true },
    actorAgentId: { type: String, default: null }, actorName: { type: String, default: null },
    counts: { type: Schema.Types.Mixed, required: true },
  },
  { versionKey: false, id: false, strict: 'throw', minimize: false },
);
ERASURE_SCHEMA.index({ siteId: 1, at: -1 });

const toErasure = (d: ErasureDoc): ErasureRecord => ({
  id: d._id, siteId: d.siteId, at: d.at.toISOString(),
  actor: d.actorKind === 'agent' ? { kind: 'agent', agentId: d.actorAgentId ?? '' } : { kind: d.actorKind },
  actorName: d.actorName, counts: d.counts,
});

interface AttachmentOwners { conversationIds: string[]; ticketIds: string[]; visitorIds: string[] }

const WEBHOOK_IDS_PER_PATTERN = 500;
const idsOf = (docs: { _id: string }[]) => docs.map((d) => d._id);
const voterKeys = (visitorIds: string[]) => visitorIds.map((id) => `visitor:${id}`);

export async function mongoPrivacy(connection: Connection, models: MongoModels): Promise<PrivacyStore> {
  const { visitors, conversations, messages, tickets, ticketEvents, emailOutbox } = models;
  // Compiled by the attachment and knowledge-base parts of the store, which open first.
  const attachments = connection.models.Attachment as Model<AttachmentDoc>;
  const kbFeedback = connection.models.KbFeedback as Model<KbFeedbackDoc>;
  const erasures = (connection.models.Erasure as Model<ErasureDoc> | undefined) ?? connection.model<ErasureDoc>('Erasure', ERASURE_SCHEMA, 'erasures');
  await erasures.init();
  await erasures.createIndexes();

  /** A contact's files: those of their conversations and tickets, and every upload of their visitors. */
  const attachmentsOf = (siteId: string, { conversationIds, ticketIds, visitorIds }: AttachmentOwners) => ({
    siteId,
    $or: [
      { conversationId: { $in: conversationIds } }, { ticketId: { $in: ticketIds } },
      { uploaderKind: 'visitor' as const, uploaderId: { $in: visitorIds } },
    ],
  });

  /**
   * Webhook bodies copy the chat, ticket or message they announce: one still queued would send the
   * erased text afterwards (retried for a day), and a sent one keeps it in the delivery log. Any
   * delivery whose body holds one of these ids as a JSON string goes; ids are random, so no other matches.
   */
  async function dropWebhookDeliveriesNaming(siteId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const deliveries = connection.models.WebhookDelivery as Model<{ _id: string; siteId: string; payload: string }> | undefined;
    if (!deliveries) return;
    const quoted = ids.map((id) => JSON.stringify(id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    // MongoDB refuses a pattern past 32 KB: a few hundred ids at a time.
    for (let start = 0; start < quoted.length; start += WEBHOOK_IDS_PER_PATTERN) {
      const pattern = `(?:${quoted.slice(start, start + WEBHOOK_IDS_PER_PATTERN).join('|')})`;
      await deliveries.deleteMany({ siteId, payload: { $regex: pattern } });
    }
  }

  async function contactTickets({ siteId, visitorIds, emails }: ContactSelector): Promise<TicketDoc[]> {
    const ownConversations = idsOf(await conversations.find({ siteId, visitorId: { $in: visitorIds } }, { _id: 1 }).lean<{ _id: string }[]>());
    return tickets
      .find({ siteId, $or: [{ visitorId: { $in: visitorIds } }, { requesterEmail: { $in: emails } }, { conversationId: { $in: ownConversations } }] })
      .sort({ createdAt: 1 })
      .lean<TicketDoc[]>();
  }

  return {
    async findVisitorsByEmail(siteId, email) {
      // The schemas store addresses in lower case; the query does the same.
      const docs = await visitors.find({ siteId, email: email.toLowerCase() }).sort({ createdAt: 1 }).lean<VisitorDoc[]>();
      return docs.map(toVisitor);
    },

    async collectContactRecords(selector) {
      const { siteId, visitorIds, emails } = selector;
      const ticketDocs = await contactTickets(selector);
      const linked = ticketDocs.map((t) => t.conversationId).filter((id): id is string => id !== null);
      const conversationDocs = await conversations
        .find({ siteId, $or: [{ visitorId: { $in: visitorIds } }, { _id: { $in: linked } }] })
        .sort({ createdAt: 1 })
        .lean<ConversationDoc[]>();
      const conversationIds = idsOf(conversationDocs);
      const ticketIds = idsOf(ticketDocs);
      const [visitorDocs, messageDocs, attachmentDocs, eventDocs, feedbackDocs, emailDocs] = await Promise.all([
        visitors.find({ siteId, _id: { $in: visitorIds } }).sort({ createdAt: 1 }).lean<VisitorDoc[]>(),
        messages.find({ conversationId: { $in: conversationIds } }).sort({ conversationId: 1, seq: 1 }).lean<MessageDoc[]>(),
        attachments.find(attachmentsOf(siteId, { conversationIds, ticketIds, visitorIds })).sort({ createdAt: 1 }).lean<AttachmentDoc[]>(),
        ticketEvents.find({ ticketId: { $in: ticketIds } }).sort({ ticketId: 1, seq: 1 }).lean<TicketEventDoc[]>(),
        kbFeedback.find({ siteId, voterKey: { $in: voterKeys(visitorIds) } }).sort({ at: 1 }).lean<KbFeedbackDoc[]>(),
        emailOutbox.find({ siteId, to: { $in: emails } }).sort({ createdAt: 1 }).lean(),
      ]);
      return {
        visitors: visitorDocs.map(toVisitor),
        conversations: conversationDocs.map(toConversation),
        messages: messageDocs.map(toMessage),
        attachments: attachmentDocs.map(toAttachmentRecord),
        tickets: ticketDocs.map(toTicket),
        ticketEvents: eventDocs.map(toTicketEvent),
        kbFeedback: feedbackDocs.map((d) => ({ articleId: d.articleId, kind: d.kind, value: d.value, at: d.at.toISOString() })),
        emails: emailDocs.map(toOutboxEmail),
      };
    },

    async eraseRecords(target) {
      const { siteId, visitorIds } = target;
      const named = await tickets.find({ siteId, _id: { $in: target.ticketIds } }, { conversationId: 1 }).lean<Pick<TicketDoc, '_id' | 'conversationId'>[]>();
      const conversationIds = idsOf(
        await conversations
          .find({
            siteId,
            $or: [
              { _id: { $in: [...target.conversationIds, ...named.map((t) => t.conversationId).filter((id): id is string => id !== null)] } },
              { visitorId: { $in: visitorIds } },
            ],
          }, { _id: 1 })
          .lean<{ _id: string }[]>(),
      );
      const ticketIds = idsOf(
        await tickets
          .find({ siteId, $or: [{ _id: { $in: target.ticketIds } }, { visitorId: { $in: visitorIds } }, { conversationId: { $in: conversationIds } }] }, { _id: 1 })
          .lean<{ _id: string }[]>(),
      );
      const files = attachmentsOf(siteId, { conversationIds, ticketIds, visitorIds });
      const fileIds = (await attachments.find(files, { fileId: 1 }).lean<Pick<AttachmentDoc, 'fileId'>[]>()).map((a) => a.fileId);
      // The e-mails named, and every e-mail about a ticket or a chat going now (retention names none:
      // they are copies of the ticket's subject and replies or of the chat's transcript, and would
      // otherwise outlive them forever).
      const emailIds = idsOf(
        await emailOutbox
          .find({
            siteId,
            $or: [{ _id: { $in: target.emailIds } }, { 'data.ticketId': { $in: ticketIds } }, { 'data.conversationId': { $in: conversationIds } }],
          }, { _id: 1 })
          .lean<{ _id: string }[]>(),
      );
      const removed = async (result: Promise<{ deletedCount: number }>) => (await result).deletedCount;
      // First: a repeat after a cut-short erasure no longer finds the ids once their records are gone.
      await dropWebhookDeliveriesNaming(siteId, [...conversationIds, ...ticketIds, ...visitorIds]);
      // Files before tickets: a repeat finds the files of a ticket only while the ticket is there.
      const counts: ContactCounts = {
        ticketEvents: await removed(ticketEvents.deleteMany({ ticketId: { $in: ticketIds } })),
        attachments: await removed(attachments.deleteMany(files)),
        tickets: await removed(tickets.deleteMany({ _id: { $in: ticketIds } })),
        messages: await removed(messages.deleteMany({ conversationId: { $in: conversationIds } })),
        conversations: await removed(conversations.deleteMany({ _id: { $in: conversationIds } })),
        kbFeedback: await removed(kbFeedback.deleteMany({ siteId, voterKey: { $in: voterKeys(visitorIds) } })),
        emails: await removed(emailOutbox.deleteMany({ siteId, _id: { $in: emailIds } })),
        visitors: await removed(visitors.deleteMany({ siteId, _id: { $in: visitorIds } })),
      };
      return { counts, fileIds, conversationIds, ticketIds, emailIds };
    },

    async findExpiredRecords({ siteId, before, limit }) {
      const cutoff = new Date(before);
      const candidates = await conversations
        .find({ siteId, status: 'resolved', updatedAt: { $lt: cutoff } }, { _id: 1, ticketId: 1 })
        .sort({ updatedAt: 1 })
        .limit(limit)
        .lean<Pick<ConversationDoc, '_id' | 'ticketId'>[]>();
      const ids = idsOf(candidates);
      // A chat's ticket lives on after the chat stops changing: the two go only once the ticket too
      // was closed before the cut-off, or a ticket worked on yesterday would vanish with an old chat.
      const unfinished = await tickets
        .find({
          $and: [
            { $or: [{ conversationId: { $in: ids } }, { _id: { $in: candidates.map((c) => c.ticketId).filter((id): id is string => id !== null) } }] },
            { $or: [{ status: { $ne: 'closed' } }, { closedAt: null }, { closedAt: { $gte: cutoff } }, { updatedAt: { $gte: cutoff } }] },
          ],
        }, { conversationId: 1 })
        .lean<Pick<TicketDoc, '_id' | 'conversationId'>[]>();
      const held = new Set([...unfinished.map((t) => t.conversationId), ...unfinished.map((t) => t._id)]);
      const conversationIds = candidates.filter((c) => !held.has(c._id) && !(c.ticketId && held.has(c.ticketId))).map((c) => c._id);
      const ticketIds = idsOf(
        await tickets
          .find({ siteId, status: 'closed', closedAt: { $lt: cutoff }, conversationId: null }, { _id: 1 })
          .sort({ closedAt: 1 })
          .limit(limit)
          .lean<{ _id: string }[]>(),
      );
      return { conversationIds, ticketIds };
    },

    async recordErasure(entry) {
      const doc: ErasureDoc = {
        _id: newId(), siteId: entry.siteId, at: new Date(entry.at), actorKind: entry.actor.kind,
        actorAgentId: entry.actor.kind === 'agent' ? entry.actor.agentId : null, actorName: entry.actorName, counts: entry.counts,
      };
      await erasures.create(doc);
      return toErasure(doc);
    },

    async listErasures(siteId, limit) {
      const docs = await erasures.find({ siteId }).sort({ at: -1 }).limit(limit).lean<ErasureDoc[]>();
      return docs.map(toErasure);
    },
  };
}
