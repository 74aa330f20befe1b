/** The e-mail outbox on MongoDB: its own collection, claims by one findOneAndUpdate per e-mail (compare-and-set). */
import { Schema, type Connection, type Model } from 'mongoose';
import { nowIso } from '../../clock';
import { newId } from '../../tokens';
import {
  OUTBOX_STATUSES,
  clipError,
  toEmailData,
  type EmailOutboxStore,
  type OutboxEmail,
  type OutboxStatus,
} from '../email-outbox.store';
import { claimDueDocuments } from './mongo-leased-claim';

export interface EmailOutboxDoc {
  _id: string; siteId: string | null; to: string; locale: string; template: string;
  data: Record<string, unknown>; status: OutboxStatus; attempts: number; nextAttemptAt: Date;
  leaseUntil: Date | null; lastError: string | null; createdAt: Date; sentAt: Date | null;
}

export const EMAIL_OUTBOX_SCHEMA = new Schema<EmailOutboxDoc>(
  {
    _id: { type: String, default: newId },
    siteId: { type: String, default: null },
    to: { type: String, required: true },
    locale: { type: String, required: true },
    template: { type: String, required: true },
    data: { type: Schema.Types.Mixed, required: true },
    status: { type: String, enum: OUTBOX_STATUSES, required: true },
    attempts: { type: Number, required: true },
    nextAttemptAt: { type: Date, required: true },
    leaseUntil: { type: Date, default: null },
    lastError: { type: String, default: null },
    createdAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
  },
  // minimize off: an e-mail with empty data must keep its `data: {}`, which is required.
  { versionKey: false, id: false, strict: 'throw', minimize: false },
);
EMAIL_OUTBOX_SCHEMA.index({ status: 1, nextAttemptAt: 1 });
EMAIL_OUTBOX_SCHEMA.index({ status: 1, leaseUntil: 1 });
EMAIL_OUTBOX_SCHEMA.index({ createdAt: 1, _id: 1 });

/** Compiles the model on the store's connection (once); its indexes still need `createIndexes()`. */
export function compileEmailOutboxModel(connection: Connection): Model<EmailOutboxDoc> {
  const existing = connection.models.EmailOutbox as Model<EmailOutboxDoc> | undefined;
  return existing ?? connection.model<EmailOutboxDoc>('EmailOutbox', EMAIL_OUTBOX_SCHEMA, 'email_outbox');
}

export const toOutboxEmail = (doc: EmailOutboxDoc): OutboxEmail => ({
  id: doc._id, siteId: doc.siteId, to: doc.to, locale: doc.locale, template: doc.template,
  data: toEmailData(doc.data), status: doc.status, attempts: doc.attempts,
  nextAttemptAt: doc.nextAttemptAt.toISOString(), leaseUntil: doc.leaseUntil?.toISOString() ?? null,
  lastError: doc.lastError, createdAt: doc.createdAt.toISOString(), sentAt: doc.sentAt?.toISOString() ?? null,
});

export function mongoEmailOutbox(model: Model<EmailOutboxDoc>): EmailOutboxStore {
  return {
    async enqueueEmail(email) {
      const at = new Date(email.at ?? nowIso());
      const doc: EmailOutboxDoc = {
        _id: newId(), siteId: email.siteId, to: email.to, locale: email.locale, template: email.template,
        data: { ...email.data }, status: 'pending', attempts: 0, nextAttemptAt: at, leaseUntil: null,
        lastError: null, createdAt: at, sentAt: null,
      };
      await model.create(doc);
      return toOutboxEmail(doc);
    },
    async claimDueEmails(window) {
      return (await claimDueDocuments(model, window)).map(toOutboxEmail);
    },
    async markEmailSent(id, at) {
      // A late report from a dispatcher whose lease lapsed must not undo what another one recorded.
      await model.updateOne({ _id: id, status: { $ne: 'sent' } }, { $set: { status: 'sent', sentAt: new Date(at), leaseUntil: null } });
    },
    async markEmailRetry(id, { error, nextAttemptAt }) {
      await model.updateOne(
        { _id: id, status: 'sending' },
        { $set: { status: 'pending', nextAttemptAt: new Date(nextAttemptAt), lastError: clipError(error), leaseUntil: null } },
      );
    },
    async markEmailFailed(id, error) {
      await model.updateOne({ _id: id, status: 'sending' }, { $set: { status: 'failed', lastError: clipError(error), leaseUntil: null } });
    },
    async listOutbox(filter = {}) {
      const query = {
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.siteId ? { siteId: filter.siteId } : {}),
      };
      const docs = await model.find(query).sort({ createdAt: 1, _id: 1 }).limit(filter.limit ?? 0).lean<EmailOutboxDoc[]>();
      return docs.map(toOutboxEmail);
    },
  };
}
