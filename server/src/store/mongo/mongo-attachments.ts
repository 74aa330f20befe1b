/** MongoDB attachment records: each claim is a conditional update; a claim that fails midway undoes its own steps. */
import { Schema, type Connection, type Model } from 'mongoose';
import { ATTACHMENT_CONTENT_TYPES, type MessageAttachment } from '@parley/shared';
import { newId } from '../../tokens';
import type { AttachmentClaim, AttachmentRecord, AttachmentStore } from '../attachment.store';

export interface AttachmentDoc {
  _id: string; siteId: string; conversationId: string | null; uploaderKind: 'visitor' | 'agent'; uploaderId: string;
  fileId: string; name: string; size: number; contentType: AttachmentRecord['contentType']; isImage: boolean;
  createdAt: Date; messageClientId: string | null; internal: boolean;
}

const OPTIONS = { versionKey: false, id: false, strict: 'throw' } as const;
const requiredString = { type: String, required: true } as const;
const nullableString = { type: String, default: null } as const;

const ATTACHMENT_SCHEMA = new Schema<AttachmentDoc>(
  {
    _id: requiredString, siteId: requiredString, conversationId: nullableString,
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

/** How a message document carries its files (the messages schema embeds it). */
export const MESSAGE_ATTACHMENT_SCHEMA = new Schema<MessageAttachment>(
  {
    id: requiredString, name: requiredString, size: { type: Number, required: true },
    contentType: { type: String, enum: ATTACHMENT_CONTENT_TYPES, required: true }, isImage: { type: Boolean, required: true },
  },
  { _id: false, id: false, versionKey: false, strict: 'throw' },
);

export const toAttachmentRecord = (d: AttachmentDoc): AttachmentRecord => ({
  id: d._id, siteId: d.siteId, conversationId: d.conversationId, uploader: { kind: d.uploaderKind, id: d.uploaderId },
  fileId: d.fileId, name: d.name, size: d.size, contentType: d.contentType, isImage: d.isImage,
  createdAt: d.createdAt.toISOString(), messageClientId: d.messageClientId, internal: d.internal,
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
          _id: id, siteId: claim.siteId, uploaderKind: claim.uploader.kind, uploaderId: claim.uploader.id,
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

  const release: AttachmentStore['releaseAttachments'] = async ({ ids, conversationId, clientId }) => {
    await attachments.updateMany(
      { _id: { $in: ids }, conversationId, messageClientId: clientId },
      { $set: { messageClientId: null, internal: false } },
    );
  };

  return {
    async createAttachment(input) {
      const doc: AttachmentDoc = {
        _id: newId(), siteId: input.siteId, conversationId: input.conversationId, uploaderKind: input.uploader.kind,
        uploaderId: input.uploader.id, fileId: input.fileId, name: input.name, size: input.size,
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
      const newlyClaimed: string[] = [];
      const records: AttachmentRecord[] = [];
      for (const id of claim.ids) {
        const before = await claimOne(claim, id);
        if (!before) {
          // Without a multi-document transaction: give back what this call took, not a retry's earlier claim.
          if (newlyClaimed.length > 0) await release({ ids: newlyClaimed, conversationId: claim.conversationId, clientId: claim.clientId });
          return null;
        }
        if (before.messageClientId === null) newlyClaimed.push(id);
        records.push(toAttachmentRecord({ ...before, conversationId: claim.conversationId, messageClientId: claim.clientId, internal: claim.internal }));
      }
      return records;
    },
    releaseAttachments: release,
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
