/** MongoDB attachment records: each claim (for a message or a ticket reply) is a conditional update; one failing midway undoes its own steps. */
import { Schema, type Connection, type Model } from 'mongoose';
import { ATTACHMENT_CONTENT_TYPES, type MessageAttachment } from '@parley/shared';
import { newId } from '../../tokens';
import type { AttachmentClaim, AttachmentRecord, AttachmentStore, TicketAttachmentClaim } from '../attachment.store';

export interface AttachmentDoc {
  _id: string; siteId: string; conversationId: string | null; uploaderKind: 'visitor' | 'agent'; uploaderId: string;
  fileId: string; name: string; size: number; contentType: AttachmentRecord['contentType']; isImage: boolean;
  createdAt: Date; messageClientId: string | null; internal: boolean;
  /** The ticket an agent uploaded it into; absent on documents stored before ticket files. */
  ticketId?: string | null;
}

const OPTIONS = { versionKey: false, id: false, strict: 'throw' } as const;
const requiredString = { type: String, required: true } as const;
const nullableString = { type: String, default: null } as const;

const ATTACHMENT_SCHEMA = new Schema<AttachmentDoc>(
  {
    _id: requiredString, siteId: requiredString, conversationId: nullableString, ticketId: nullableString,
    uploaderKind: { type: String, enum: ['visitor', 'agent'], required: true }, uploaderId: requiredString,
    fileId: requiredString, name: requiredString, size: { type: Number, required: true },
    contentType: { type: String, enum: ATTACHMENT_CONTENT_TYPES, required: true }, isImage: { type: Boolean, required: true },
    createdAt: { type: Date, required: true }, messageClientId: nullableString, internal: { type: Boolean, default: false },
  },
  OPTIONS,
);
ATTACHMENT_SCHEMA.index({ fileId: 1 }, { unique: true });
ATTACHMENT_SCHEMA.index({ conversationId: 1, messageClientId: 1 });
ATTACHMENT_SCHEMA.index({ createdAt: 1 }, { partialFilterExpression: { messageClientId: null } });
ATTACHMENT_SCHEMA.index({ ticketId: 1, messageClientId: 1 }, { partialFilterExpression: { ticketId: { $type: 'string' } } });

/** How a message document carries its files (the messages schema embeds it). */
export const MESSAGE_ATTACHMENT_SCHEMA = new Schema<MessageAttachment>(
  {
    id: requiredString, name: requiredString, size: { type: Number, required: true },
    contentType: { type: String, enum: ATTACHMENT_CONTENT_TYPES, required: true }, isImage: { type: Boolean, required: true },
  },
  { _id: false, id: false, versionKey: false, strict: 'throw' },
);

export const toAttachmentRecord = (d: AttachmentDoc): AttachmentRecord => ({
  id: d._id, siteId: d.siteId, conversationId: d.conversationId, ticketId: d.ticketId ?? null,
  uploader: { kind: d.uploaderKind, id: d.uploaderId }, fileId: d.fileId, name: d.name, size: d.size,
  contentType: d.contentType, isImage: d.isImage, createdAt: d.createdAt.toISOString(), messageClientId: d.messageClientId,
  internal: d.internal,
});

export async function mongoAttachments(connection: Connection): Promise<AttachmentStore> {
  const existing = connection.models.Attachment as Model<AttachmentDoc> | undefined;
  const attachments = existing ?? connection.model<AttachmentDoc>('Attachment', ATTACHMENT_SCHEMA, 'attachments');
  await attachments.init();
  await attachments.createIndexes();

  /** One file for the message; the document as it was before, or null when it could not be claimed. */
  function claimOne(claim: AttachmentClaim, id: string) {
    return attachments
      .findOneAndUpdate(
        {
          // Never a ticket's file; `null` also matches documents stored before ticket files, which have no ticketId.
          _id: id, siteId: claim.siteId, uploaderKind: claim.uploader.kind, uploaderId: claim.uploader.id, ticketId: null,
          $and: [
            { $or: [{ conversationId: claim.conversationId }, { conversationId: null }] },
            { $or: [{ messageClientId: null }, { messageClientId: claim.clientId, conversationId: claim.conversationId }] },
          ],
        },
        { $set: { conversationId: claim.conversationId, messageClientId: claim.clientId, internal: claim.internal } },
        { returnDocument: 'before' },
      )
      .lean<AttachmentDoc>();
  }

  /** Frees these ids while `claimedBy` still holds them (the message or reply that claimed them). */
  async function unclaim(ids: string[], claimedBy: Partial<AttachmentDoc>): Promise<void> {
    await attachments.updateMany({ _id: { $in: ids }, ...claimedBy }, { $set: { messageClientId: null, internal: false } });
  }
  const release: AttachmentStore['releaseAttachments'] = ({ ids, conversationId, clientId }) =>
    unclaim(ids, { conversationId, messageClientId: clientId });

  /** One file for the ticket's reply; the document as it was before, or null when it could not be claimed. */
  function claimOneForTicket(claim: TicketAttachmentClaim, id: string) {
    return attachments
      .findOneAndUpdate(
        {
          _id: id, siteId: claim.siteId, uploaderKind: claim.uploader.kind, uploaderId: claim.uploader.id, ticketId: claim.ticketId,
          messageClientId: { $in: [null, claim.replyKey] },
        },
        { $set: { messageClientId: claim.replyKey, internal: claim.internal } },
        { returnDocument: 'before' },
      )
      .lean<AttachmentDoc>();
  }

  const releaseForTicket: AttachmentStore['releaseTicketAttachments'] = ({ ids, ticketId, replyKey }) =>
    unclaim(ids, { ticketId, messageClientId: replyKey });

  /**
   * Claims the ids one conditional update at a time; null when one is refused. Without a
   * multi-document transaction it then gives back what this call took, not a retry's earlier claim.
   */
  async function claimEach(
    ids: string[],
    steps: {
      claimOne: (id: string) => Promise<AttachmentDoc | null>;
      release: (ids: string[]) => Promise<void>;
      claimed: Partial<AttachmentDoc>;
    },
  ): Promise<AttachmentRecord[] | null> {
    const newlyClaimed: string[] = [];
    const records: AttachmentRecord[] = [];
    for (const id of ids) {
      const before = await steps.claimOne(id);
      if (!before) {
        if (newlyClaimed.length > 0) await steps.release(newlyClaimed);
        return null;
      }
      if (before.messageClientId === null) newlyClaimed.push(id);
      records.push(toAttachmentRecord({ ...before, ...steps.claimed }));
    }
    return records;
  }

  return {
    async createAttachment(input) {
      const doc: AttachmentDoc = {
        _id: newId(), siteId: input.siteId, conversationId: input.conversationId, ticketId: input.ticketId ?? null,
        uploaderKind: input.uploader.kind, uploaderId: input.uploader.id, fileId: input.fileId, name: input.name, size: input.size,
        contentType: input.contentType, isImage: input.isImage, createdAt: new Date(), messageClientId: null, internal: false,
      };
      await attachments.create(doc);
      return toAttachmentRecord(doc);
    },
    async findAttachment(id) {
      const doc = await attachments.findById(id).lean<AttachmentDoc>();
      return doc ? toAttachmentRecord(doc) : null;
    },
    async claimAttachments(claim) {
      return claimEach(claim.ids, {
        claimOne: (id) => claimOne(claim, id),
        release: (ids) => release({ ids, conversationId: claim.conversationId, clientId: claim.clientId }),
        claimed: { conversationId: claim.conversationId, messageClientId: claim.clientId, internal: claim.internal },
      });
    },
    releaseAttachments: release,
    async claimTicketAttachments(claim) {
      return claimEach(claim.ids, {
        claimOne: (id) => claimOneForTicket(claim, id),
        release: (ids) => releaseForTicket({ ids, ticketId: claim.ticketId, replyKey: claim.replyKey }),
        claimed: { messageClientId: claim.replyKey, internal: claim.internal },
      });
    },
    releaseTicketAttachments: releaseForTicket,
    async listUnsentAttachments({ before, limit }) {
      const docs = await attachments
        .find({ messageClientId: null, createdAt: { $lt: new Date(before) } })
        .sort({ createdAt: 1 })
        .limit(limit)
        .lean<AttachmentDoc[]>();
      return docs.map(toAttachmentRecord);
    },
    async deleteUnsentAttachment(id) {
      const result = await attachments.deleteOne({ _id: id, messageClientId: null });
      return result.deletedCount === 1;
    },
  };
}
