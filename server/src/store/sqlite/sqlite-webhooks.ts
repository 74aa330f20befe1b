/** SQLite queries for webhooks: endpoints, and the delivery queue claimed by compare-and-set under a lease. */
import type Database from 'better-sqlite3';
import { WEBHOOK_EVENT_TYPES, type WebhookDelivery, type WebhookEventType } from '@parley/shared';
import { newId } from '../../tokens';
import { clipError } from '../email-outbox.store';
import type { ClaimedWebhookDelivery, QueuedWebhookEvent, WebhookEndpointRecord, WebhookStore } from '../webhook.store';
import { webhookSubscriptionCache } from './sqlite-webhook-subscriptions';
import { prepareLeasedClaim } from './sqlite-leased-claim';

interface EndpointRow {
  id: string; site_id: string; url: string; description: string; events_json: string; enabled: number;
  allow_private_targets: number; secret: string; created_by_agent_id: string; created_at: string; updated_at: string;
}

interface DeliveryRow {
  id: string; endpoint_id: string; site_id: string; event_id: string; event_type: string; payload: string;
  status: WebhookDelivery['status']; attempts: number; response_status: number | null; last_error: string | null;
  next_attempt_at: string; lease_until: string | null; created_at: string; delivered_at: string | null;
}

const KNOWN_TYPES = new Set<string>(WEBHOOK_EVENT_TYPES);

function parseEvents(json: string): WebhookEventType[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((type): type is WebhookEventType => KNOWN_TYPES.has(type)) : [];
}

const toEndpoint = (r: EndpointRow): WebhookEndpointRecord => ({
  id: r.id, siteId: r.site_id, url: r.url, description: r.description, events: parseEvents(r.events_json),
  enabled: r.enabled === 1, allowPrivateTargets: r.allow_private_targets === 1, secret: r.secret,
  createdByAgentId: r.created_by_agent_id, createdAt: r.created_at, updatedAt: r.updated_at,
});

const toDelivery = (r: DeliveryRow): WebhookDelivery => ({
  id: r.id, endpointId: r.endpoint_id, eventId: r.event_id, eventType: r.event_type, status: r.status,
  attempts: r.attempts, responseStatus: r.response_status, lastError: r.last_error, nextAttemptAt: r.next_attempt_at,
  createdAt: r.created_at, deliveredAt: r.delivered_at,
});

const toClaimed = (r: DeliveryRow): ClaimedWebhookDelivery => ({ ...toDelivery(r), siteId: r.site_id, payload: r.payload });

const CHANGE_COLUMNS = {
  url: 'url', description: 'description', events: 'events_json', enabled: 'enabled',
  allowPrivateTargets: 'allow_private_targets', secret: 'secret',
} as const;

function columnValue(value: unknown): unknown {
  if (Array.isArray(value)) return JSON.stringify(value);
  return typeof value === 'boolean' ? Number(value) : value;
}

export function sqliteWebhooks(db: Database.Database): WebhookStore {
  const endpointById = db.prepare<[string], EndpointRow>('SELECT * FROM webhook_endpoints WHERE id = ?');
  const insertDelivery = db.prepare<Record<string, unknown>, DeliveryRow>(
    `INSERT INTO webhook_deliveries (id, endpoint_id, site_id, event_id, event_type, payload, status, next_attempt_at, created_at)
     VALUES (@id, @endpointId, @siteId, @eventId, @eventType, @payload, 'pending', @at, @at)
     ON CONFLICT (endpoint_id, event_id) DO UPDATE SET event_id = excluded.event_id
     RETURNING *`,
  );
  const claimDue = prepareLeasedClaim<DeliveryRow>(db, 'webhook_deliveries');
  const markDelivered = db.prepare(
    `UPDATE webhook_deliveries SET status = 'delivered', delivered_at = ?, response_status = ?, lease_until = NULL, last_error = NULL
     WHERE id = ? AND status = 'sending'`,
  );
  const markRetry = db.prepare(
    `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?, last_error = ?, response_status = ?, lease_until = NULL
     WHERE id = ? AND status = 'sending'`,
  );
  const markFailed = db.prepare(
    `UPDATE webhook_deliveries SET status = 'failed', last_error = ?, response_status = ?, lease_until = NULL
     WHERE id = ? AND status = 'sending'`,
  );
  // INDEXED BY: without statistics SQLite prefers the status index, and then reads and sorts every
  // ended delivery of the 30-day log for each batch; the partial index holds them oldest first.
  const prune = db.prepare<[{ createdBefore: string; limit: number }]>(
    `DELETE FROM webhook_deliveries WHERE id IN (
       SELECT id FROM webhook_deliveries INDEXED BY webhook_deliveries_ended
       WHERE status IN ('delivered','failed') AND created_at < @createdBefore
       ORDER BY created_at
       LIMIT @limit)`,
  );

  const enqueueForSubscribers = db.transaction((input: { siteId: string; event: QueuedWebhookEvent; at: string }, endpointIds: string[]) => {
    for (const endpointId of endpointIds) {
      insertDelivery.get({
        id: newId(), endpointId, siteId: input.siteId, eventId: input.event.id, eventType: input.event.type,
        payload: input.event.payload, at: input.at,
      });
    }
    return endpointIds.length;
  });
  const subscriptions = webhookSubscriptionCache(db);

  return {
    async createWebhookEndpoint(input) {
      subscriptions.forget(input.siteId);
      const row = db
        .prepare<Record<string, unknown>, EndpointRow>(
          `INSERT INTO webhook_endpoints (id, site_id, url, description, events_json, enabled, allow_private_targets, secret,
             created_by_agent_id, created_at, updated_at)
           VALUES (@id, @siteId, @url, @description, @events, @enabled, @allowPrivate, @secret, @createdBy, @at, @at)
           RETURNING *`,
        )
        .get({
          id: newId(), siteId: input.siteId, url: input.url, description: input.description, events: JSON.stringify(input.events),
          enabled: Number(input.enabled), allowPrivate: Number(input.allowPrivateTargets), secret: input.secret,
          createdBy: input.createdByAgentId, at: input.at,
        });
      if (!row) throw new Error('webhook_endpoints insert returned no row');
      return toEndpoint(row);
    },
    async listWebhookEndpoints(siteId) {
      return db
        .prepare<[string], EndpointRow>('SELECT * FROM webhook_endpoints WHERE site_id = ? ORDER BY created_at, id')
        .all(siteId)
        .map(toEndpoint);
    },
    async findWebhookEndpoint(id) {
      const row = endpointById.get(id);
      return row ? toEndpoint(row) : null;
    },
    async updateWebhookEndpoint({ id, siteId, changes, at }) {
      subscriptions.forget(siteId);
      const sets = ['updated_at = @at'];
      const values: Record<string, unknown> = { id, siteId, at };
      for (const [field, column] of Object.entries(CHANGE_COLUMNS)) {
        const value = changes[field as keyof typeof CHANGE_COLUMNS];
        if (value === undefined) continue;
        sets.push(`${column} = @${column}`);
        values[column] = columnValue(value);
      }
      const row = db
        .prepare<Record<string, unknown>, EndpointRow>(
          `UPDATE webhook_endpoints SET ${sets.join(', ')} WHERE id = @id AND site_id = @siteId RETURNING *`,
        )
        .get(values);
      return row ? toEndpoint(row) : null;
    },
    async deleteWebhookEndpoint({ id, siteId }) {
      subscriptions.forget(siteId);
      return db.transaction(() => {
        db.prepare('DELETE FROM webhook_deliveries WHERE endpoint_id = ? AND site_id = ?').run(id, siteId);
        return db.prepare('DELETE FROM webhook_endpoints WHERE id = ? AND site_id = ?').run(id, siteId).changes > 0;
      }).immediate();
    },

    async enqueueWebhookEvent({ siteId, type, event, at }) {
      // Most events of most sites go nowhere: answer those from the cache, without the write lock.
      const endpointIds = subscriptions.subscribers(siteId, type);
      if (endpointIds.length === 0) return 0;
      const body = typeof event === 'function' ? event() : event;
      return enqueueForSubscribers.immediate({ siteId, event: body, at }, endpointIds);
    },
    async enqueueWebhookDelivery({ endpointId, siteId, event, at }) {
      const row = insertDelivery.get({
        id: newId(), endpointId, siteId, eventId: event.id, eventType: event.type, payload: event.payload, at,
      });
      if (!row) throw new Error('webhook_deliveries insert returned no row');
      return toDelivery(row);
    },
    async claimDueWebhookDeliveries(window) {
      return claimDue(window).map(toClaimed);
    },
    async markWebhookDelivered(id, { at, responseStatus }) {
      markDelivered.run(at, responseStatus, id);
    },
    async markWebhookRetry(id, { error, responseStatus, nextAttemptAt }) {
      markRetry.run(nextAttemptAt, clipError(error), responseStatus, id);
    },
    async markWebhookFailed(id, { error, responseStatus }) {
      markFailed.run(clipError(error), responseStatus, id);
    },
    async pruneWebhookDeliveries({ createdBefore, limit }) {
      if (limit <= 0) return 0;
      return prune.run({ createdBefore, limit }).changes;
    },
    async pageWebhookDeliveries({ endpointId, after, limit }) {
      const keyset = after ? 'AND (created_at < @key OR (created_at = @key AND id < @id))' : '';
      return db
        .prepare<Record<string, unknown>, DeliveryRow>(
          `SELECT * FROM webhook_deliveries WHERE endpoint_id = @endpointId ${keyset}
           ORDER BY created_at DESC, id DESC LIMIT @limit`,
        )
        .all({ endpointId, limit, ...(after ? { key: after.key, id: after.id } : {}) })
        .map(toDelivery);
    },
  };
}
