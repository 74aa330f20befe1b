/** Webhooks on MongoDB: endpoints, and deliveries claimed one findOneAndUpdate at a time (compare-and-set). */
import {
  WEBHOOK_DELIVERY_STATUSES, WEBHOOK_EVENT_TYPES, type WebhookDelivery, type WebhookEventType,
} from '@parley/shared';
import { Schema, type Connection, type Model } from 'mongoose';
import { newId } from '../../tokens';
import { clipError } from '../email-outbox.store';
import type { ClaimedWebhookDelivery, QueuedWebhookEvent, WebhookEndpointRecord, WebhookStore } from '../webhook.store';
import { claimDueDocuments } from './mongo-leased-claim';

interface EndpointDoc {
  _id: string; siteId: string; url: string; description: string; events: WebhookEventType[]; enabled: boolean;
  allowPrivateTargets: boolean; secret: string; createdByAgentId: string; createdAt: Date; updatedAt: Date;
}

interface DeliveryDoc {
  _id: string; endpointId: string; siteId: string; eventId: string; eventType: string; payload: string;
  status: WebhookDelivery['status']; attempts: number; responseStatus: number | null; lastError: string | null;
  nextAttemptAt: Date; leaseUntil: Date | null; createdAt: Date; deliveredAt: Date | null;
}

const OPTIONS = { versionKey: false, id: false, strict: 'throw' } as const;

const ENDPOINT_SCHEMA = new Schema<EndpointDoc>(
  {
    _id: { type: String, default: newId },
    siteId: { type: String, required: true },
    url: { type: String, required: true },
    description: { type: String, default: '' },
    events: { type: [{ type: String, enum: WEBHOOK_EVENT_TYPES }], default: [] },
    enabled: { type: Boolean, required: true },
    allowPrivateTargets: { type: Boolean, required: true },
    secret: { type: String, required: true },
    createdByAgentId: { type: String, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  OPTIONS,
);
ENDPOINT_SCHEMA.index({ siteId: 1, createdAt: 1 });

const DELIVERY_SCHEMA = new Schema<DeliveryDoc>(
  {
    _id: { type: String, default: newId },
    endpointId: { type: String, required: true },
    siteId: { type: String, required: true },
    eventId: { type: String, required: true },
    eventType: { type: String, required: true },
    payload: { type: String, required: true },
    status: { type: String, enum: WEBHOOK_DELIVERY_STATUSES, required: true },
    attempts: { type: Number, required: true },
    responseStatus: { type: Number, default: null },
    lastError: { type: String, default: null },
    nextAttemptAt: { type: Date, required: true },
    leaseUntil: { type: Date, default: null },
    createdAt: { type: Date, required: true },
    deliveredAt: { type: Date, default: null },
  },
  OPTIONS,
);
DELIVERY_SCHEMA.index({ endpointId: 1, eventId: 1 }, { unique: true, name: 'webhook_delivery_once_per_endpoint' });
DELIVERY_SCHEMA.index({ status: 1, nextAttemptAt: 1 });
DELIVERY_SCHEMA.index({ status: 1, leaseUntil: 1 });
DELIVERY_SCHEMA.index({ endpointId: 1, createdAt: -1, _id: -1 });
DELIVERY_SCHEMA.index({ status: 1, createdAt: 1 });

const toEndpoint = (d: EndpointDoc): WebhookEndpointRecord => ({
  id: d._id, siteId: d.siteId, url: d.url, description: d.description, events: d.events ?? [], enabled: d.enabled,
  allowPrivateTargets: d.allowPrivateTargets, secret: d.secret, createdByAgentId: d.createdByAgentId,
  createdAt: d.createdAt.toISOString(), updatedAt: d.updatedAt.toISOString(),
});

const toDelivery = (d: DeliveryDoc): WebhookDelivery => ({
  id: d._id, endpointId: d.endpointId, eventId: d.eventId, eventType: d.eventType, status: d.status, attempts: d.attempts,
  responseStatus: d.responseStatus, lastError: d.lastError, nextAttemptAt: d.nextAttemptAt.toISOString(),
  createdAt: d.createdAt.toISOString(), deliveredAt: d.deliveredAt?.toISOString() ?? null,
});

const AFTER = { returnDocument: 'after' } as const;

function compile<T>(connection: Connection, input: { name: string; schema: Schema<T>; collection: string }): Model<T> {
  const existing = connection.models[input.name] as Model<T> | undefined;
  return existing ?? connection.model<T>(input.name, input.schema, input.collection);
}

export async function mongoWebhooks(connection: Connection): Promise<WebhookStore> {
  const endpoints = compile(connection, { name: 'WebhookEndpoint', schema: ENDPOINT_SCHEMA, collection: 'webhook_endpoints' });
  const deliveries = compile(connection, { name: 'WebhookDelivery', schema: DELIVERY_SCHEMA, collection: 'webhook_deliveries' });
  await Promise.all([endpoints.init(), deliveries.init()]);
  await Promise.all([endpoints.createIndexes(), deliveries.createIndexes()]);

  /** Once per (endpoint, event): a repeat returns the delivery queued the first time. */
  async function enqueue(input: { endpointId: string; siteId: string; event: QueuedWebhookEvent; at: string }): Promise<WebhookDelivery> {
    const at = new Date(input.at);
    const doc = await deliveries
      .findOneAndUpdate(
        { endpointId: input.endpointId, eventId: input.event.id },
        {
          $setOnInsert: {
            _id: newId(), siteId: input.siteId, eventType: input.event.type, payload: input.event.payload, status: 'pending',
            attempts: 0, responseStatus: null, lastError: null, nextAttemptAt: at, leaseUntil: null, createdAt: at, deliveredAt: null,
          },
        },
        { ...AFTER, upsert: true },
      )
      .lean<DeliveryDoc>();
    if (!doc) throw new Error('webhook delivery upsert returned no document');
    return toDelivery(doc);
  }

  return {
    async createWebhookEndpoint(input) {
      const at = new Date(input.at);
      const doc: EndpointDoc = {
        _id: newId(), siteId: input.siteId, url: input.url, description: input.description, events: input.events,
        enabled: input.enabled, allowPrivateTargets: input.allowPrivateTargets, secret: input.secret,
        createdByAgentId: input.createdByAgentId, createdAt: at, updatedAt: at,
      };
      await endpoints.create(doc);
      return toEndpoint(doc);
    },
    async listWebhookEndpoints(siteId) {
      return (await endpoints.find({ siteId }).sort({ createdAt: 1, _id: 1 }).lean<EndpointDoc[]>()).map(toEndpoint);
    },
    async findWebhookEndpoint(id) {
      const doc = await endpoints.findOne({ _id: id }).lean<EndpointDoc>();
      return doc ? toEndpoint(doc) : null;
    },
    async updateWebhookEndpoint({ id, siteId, changes, at }) {
      const set = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      const doc = await endpoints
        .findOneAndUpdate({ _id: id, siteId }, { $set: { ...set, updatedAt: new Date(at) } }, AFTER)
        .lean<EndpointDoc>();
      return doc ? toEndpoint(doc) : null;
    },
    async deleteWebhookEndpoint({ id, siteId }) {
      const { deletedCount } = await endpoints.deleteOne({ _id: id, siteId });
      if (deletedCount > 0) await deliveries.deleteMany({ endpointId: id });
      return deletedCount > 0;
    },

    async enqueueWebhookEvent({ siteId, type, event, at }) {
      const subscribed = await endpoints.find({ siteId, enabled: true, events: type }, { _id: 1 }).lean<Pick<EndpointDoc, '_id'>[]>();
      if (subscribed.length === 0) return 0;
      const body = typeof event === 'function' ? event() : event;
      for (const endpoint of subscribed) await enqueue({ endpointId: endpoint._id, siteId, event: body, at });
      return subscribed.length;
    },
    enqueueWebhookDelivery: enqueue,
    async claimDueWebhookDeliveries(window) {
      return (await claimDueDocuments(deliveries, window)).map((doc): ClaimedWebhookDelivery => ({ ...toDelivery(doc), siteId: doc.siteId, payload: doc.payload }));
    },
    async markWebhookDelivered(id, { at, responseStatus }) {
      await deliveries.updateOne(
        { _id: id, status: 'sending' },
        { $set: { status: 'delivered', deliveredAt: new Date(at), responseStatus, leaseUntil: null, lastError: null } },
      );
    },
    async markWebhookRetry(id, { error, responseStatus, nextAttemptAt }) {
      await deliveries.updateOne(
        { _id: id, status: 'sending' },
        { $set: { status: 'pending', nextAttemptAt: new Date(nextAttemptAt), lastError: clipError(error), responseStatus, leaseUntil: null } },
      );
    },
    async markWebhookFailed(id, { error, responseStatus }) {
      await deliveries.updateOne(
        { _id: id, status: 'sending' },
        { $set: { status: 'failed', lastError: clipError(error), responseStatus, leaseUntil: null } },
      );
    },
    async pruneWebhookDeliveries({ createdBefore, limit }) {
      if (limit <= 0) return 0;
      const ended = { status: { $in: ['delivered' as const, 'failed' as const] }, createdAt: { $lt: new Date(createdBefore) } };
      const old = await deliveries.find(ended, { _id: 1 }).sort({ createdAt: 1 }).limit(limit).lean<Pick<DeliveryDoc, '_id'>[]>();
      if (old.length === 0) return 0;
      // Re-checked on delete: a row is only ever removed while it is ended and old.
      const { deletedCount } = await deliveries.deleteMany({ ...ended, _id: { $in: old.map((doc) => doc._id) } });
      return deletedCount;
    },
    async pageWebhookDeliveries({ endpointId, after, limit }) {
      const keyset = after
        ? { $or: [{ createdAt: { $lt: new Date(after.key) } }, { createdAt: new Date(after.key), _id: { $lt: after.id } }] }
        : {};
      const docs = await deliveries.find({ endpointId, ...keyset }).sort({ createdAt: -1, _id: -1 }).limit(limit).lean<DeliveryDoc[]>();
      return docs.map(toDelivery);
    },
  };
}
