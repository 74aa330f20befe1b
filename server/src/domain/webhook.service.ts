/**
 * Webhook endpoints as admins manage them: register (secret shown once), change, enable or
 * disable, rotate the secret, read the delivery log, send a test event. Targets on loopback,
 * private or link-local addresses are refused unless the admin allowed them for that endpoint.
 */
import {
  WEBHOOK_SECRET_PREFIX,
  WEBHOOK_TEST_EVENT_TYPE,
  type Agent,
  type NewWebhookEndpoint,
  type Page,
  type PageQuery,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookEndpointPatch,
  type WebhookEndpointWithSecret,
} from '@parley/shared';
import type { WebhookEndpointRecord } from '../store/webhook.store';
import type { Store } from '../store/store';
import { newSecretToken } from '../tokens';
import { decodeCursor, pageFrom } from './cursor';
import { DomainError } from './domain-error';
import { webhookEvent } from './webhook-envelope';

/** Judges where a URL points (DNS included); the webhook adapter implements it. */
export interface WebhookTargetGuard {
  check(
    url: string,
    options: { allowPrivateTargets: boolean },
  ): Promise<{ allowed: true } | { allowed: false; reason: string; privateAddress?: true }>;
}

export interface WebhookServiceDeps {
  store: Store;
  guard: WebhookTargetGuard;
  /** Asks the dispatcher to run soon (a test event should not wait for the next round). */
  onQueued?: () => void;
  now?: () => Date;
}

const DELIVERY_LOG_ORDER = 'webhook-deliveries:created_desc';

function assertAdmin(actor: Agent): void {
  if (actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only admins manage webhooks.');
}

const newSecret = () => `${WEBHOOK_SECRET_PREFIX}${newSecretToken()}`;

export function publicEndpoint(record: WebhookEndpointRecord): WebhookEndpoint {
  const { secret: _secret, ...endpoint } = record;
  return endpoint;
}

export function createWebhookService({ store, guard, onQueued = () => undefined, now = () => new Date() }: WebhookServiceDeps) {
  async function ownEndpoint(actor: Agent, id: string): Promise<WebhookEndpointRecord> {
    assertAdmin(actor);
    const endpoint = await store.findWebhookEndpoint(id);
    if (!endpoint || endpoint.siteId !== actor.siteId) throw new DomainError('NOT_FOUND', 'There is no such webhook endpoint.');
    return endpoint;
  }

  async function assertTarget(url: string, allowPrivateTargets: boolean): Promise<void> {
    const verdict = await guard.check(url, { allowPrivateTargets });
    // The path lets a form say it by the URL field, and tell "tick Allow private addresses" apart.
    if (!verdict.allowed) {
      throw new DomainError('VALIDATION_FAILED', `url: ${verdict.reason}`, { field: verdict.privateAddress ? 'url.private' : 'url' });
    }
  }

  return {
    async list(actor: Agent): Promise<WebhookEndpoint[]> {
      assertAdmin(actor);
      return (await store.listWebhookEndpoints(actor.siteId)).map(publicEndpoint);
    },

    async get(actor: Agent, id: string): Promise<WebhookEndpoint> {
      return publicEndpoint(await ownEndpoint(actor, id));
    },

    async create(actor: Agent, input: NewWebhookEndpoint): Promise<WebhookEndpointWithSecret> {
      assertAdmin(actor);
      await assertTarget(input.url, input.allowPrivateTargets);
      const secret = newSecret();
      const record = await store.createWebhookEndpoint({
        siteId: actor.siteId, url: input.url, description: input.description, events: [...new Set(input.events)],
        enabled: input.enabled, allowPrivateTargets: input.allowPrivateTargets, secret, createdByAgentId: actor.id,
        at: now().toISOString(),
      });
      return { endpoint: publicEndpoint(record), secret };
    },

    async update(actor: Agent, id: string, patch: WebhookEndpointPatch): Promise<WebhookEndpoint> {
      const current = await ownEndpoint(actor, id);
      const url = patch.url ?? current.url;
      const allowPrivateTargets = patch.allowPrivateTargets ?? current.allowPrivateTargets;
      if (url !== current.url || allowPrivateTargets !== current.allowPrivateTargets) await assertTarget(url, allowPrivateTargets);
      const changes = { ...patch, ...(patch.events ? { events: [...new Set(patch.events)] } : {}) };
      const updated = await store.updateWebhookEndpoint({ id, siteId: actor.siteId, changes, at: now().toISOString() });
      if (!updated) throw new DomainError('NOT_FOUND', 'There is no such webhook endpoint.');
      return publicEndpoint(updated);
    },

    async remove(actor: Agent, id: string): Promise<void> {
      await ownEndpoint(actor, id);
      await store.deleteWebhookEndpoint({ id, siteId: actor.siteId });
    },

    /** A new secret, shown once; deliveries signed from now on use it. */
    async rotateSecret(actor: Agent, id: string): Promise<WebhookEndpointWithSecret> {
      await ownEndpoint(actor, id);
      const secret = newSecret();
      const updated = await store.updateWebhookEndpoint({ id, siteId: actor.siteId, changes: { secret }, at: now().toISOString() });
      if (!updated) throw new DomainError('NOT_FOUND', 'There is no such webhook endpoint.');
      return { endpoint: publicEndpoint(updated), secret };
    },

    async deliveries(actor: Agent, id: string, query: PageQuery): Promise<Page<WebhookDelivery>> {
      await ownEndpoint(actor, id);
      const after = decodeCursor(DELIVERY_LOG_ORDER, query.cursor);
      const rows = await store.pageWebhookDeliveries({ endpointId: id, after, limit: query.limit + 1 });
      return pageFrom(rows, { limit: query.limit, order: DELIVERY_LOG_ORDER, keyOf: (d) => d.createdAt });
    },

    /** Queues a `webhook.test` event for this endpoint alone, enabled or not, whatever it subscribes to. */
    async sendTest(actor: Agent, id: string): Promise<WebhookDelivery> {
      const endpoint = await ownEndpoint(actor, id);
      const at = now();
      const event = webhookEvent(WEBHOOK_TEST_EVENT_TYPE, { endpointId: endpoint.id, message: 'A test event from Parley.' }, at);
      const delivery = await store.enqueueWebhookDelivery({ endpointId: endpoint.id, siteId: endpoint.siteId, event, at: at.toISOString() });
      onQueued();
      return delivery;
    },
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
