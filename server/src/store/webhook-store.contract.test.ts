/**
 * Store contract for webhooks: endpoints per site with their secret, one delivery per subscribed
 * enabled endpoint and event, claims under a lease that no two dispatchers share, outcomes only
 * while sending, and the newest-first delivery log. SQLite, MongoDB through the driver stand-in,
 * real MongoDB when MONGODB_URI is set.
 */
import type { WebhookDelivery, WebhookEventType } from '@parley/shared';
import { useFreshStore, type ContractContext } from './contract/context';
import { seedAgent, seedSite } from './contract/seed';
import { inMemoryMongoFixture, mongoFixture, sqliteFixture, type StoreFixture } from './contract/store-fixtures';
import type { Store } from './store';
import type { NewWebhookEndpointRecord, QueuedWebhookEvent } from './webhook.store';

const T0 = Date.parse('2030-01-01T10:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
let eventCount = 0;
const event = (type: string): QueuedWebhookEvent => {
  eventCount += 1;
  const id = `event-${String(eventCount).padStart(6, '0')}`;
  return { id, type, payload: JSON.stringify({ id, type, createdAt: at(0), data: {} }) };
};

async function seedEndpoint(store: Store, overrides: Partial<NewWebhookEndpointRecord> = {}) {
  const siteId = overrides.siteId ?? (await seedSite(store)).id;
  const agent = await seedAgent(store, siteId);
  return store.createWebhookEndpoint({
    siteId, url: 'https://hooks.example.com/parley', description: '', events: ['message.created'], enabled: true,
    allowPrivateTargets: false, secret: 'whsec_test', createdByAgentId: agent.id, at: at(0), ...overrides,
  });
}

function webhookContract(ctx: ContractContext): void {
  describe('webhook endpoints', () => {
    it('keeps the secret, lists per site, changes only on its own site, and removes with its log', async () => {
      const endpoint = await seedEndpoint(ctx.store, { events: ['ticket.created', 'message.created'], description: 'CRM' });
      expect(endpoint).toMatchObject({ secret: 'whsec_test', events: ['ticket.created', 'message.created'], enabled: true, allowPrivateTargets: false });
      expect(await ctx.store.findWebhookEndpoint(endpoint.id)).toEqual(endpoint);
      expect(await ctx.store.listWebhookEndpoints(endpoint.siteId)).toEqual([endpoint]);
      const other = await seedSite(ctx.store);
      expect(await ctx.store.updateWebhookEndpoint({ id: endpoint.id, siteId: other.id, changes: { enabled: false }, at: at(1) })).toBeNull();
      const updated = await ctx.store.updateWebhookEndpoint({
        id: endpoint.id, siteId: endpoint.siteId, changes: { enabled: false, events: ['rating.created'], secret: 'whsec_new' }, at: at(2),
      });
      expect(updated).toMatchObject({ enabled: false, events: ['rating.created'], secret: 'whsec_new', url: endpoint.url, updatedAt: at(2) });
      await ctx.store.enqueueWebhookDelivery({ endpointId: endpoint.id, siteId: endpoint.siteId, event: event('webhook.test'), at: at(3) });
      expect(await ctx.store.deleteWebhookEndpoint({ id: endpoint.id, siteId: other.id })).toBe(false);
      expect(await ctx.store.deleteWebhookEndpoint({ id: endpoint.id, siteId: endpoint.siteId })).toBe(true);
      expect(await ctx.store.findWebhookEndpoint(endpoint.id)).toBeNull();
      expect(await ctx.store.pageWebhookDeliveries({ endpointId: endpoint.id, after: null, limit: 10 })).toEqual([]);
    });
  });

  describe('webhook deliveries', () => {
    it('queues an event once per enabled endpoint of the site subscribed to its type', async () => {
      const subscribed = await seedEndpoint(ctx.store, { events: ['message.created', 'ticket.created'] });
      const siteId = subscribed.siteId;
      const other = await seedEndpoint(ctx.store, { siteId, events: ['ticket.created'] });
      await seedEndpoint(ctx.store, { siteId, events: ['message.created'], enabled: false });
      await seedEndpoint(ctx.store, { events: ['message.created'] }); // another site
      const message = event('message.created');
      const type: WebhookEventType = 'message.created';
      expect(await ctx.store.enqueueWebhookEvent({ siteId, type, event: message, at: at(1) })).toBe(1);
      // A repeat of the same event (a retried enqueue) adds nothing.
      await ctx.store.enqueueWebhookEvent({ siteId, type, event: message, at: at(1) });
      const log = await ctx.store.pageWebhookDeliveries({ endpointId: subscribed.id, after: null, limit: 10 });
      expect(log).toEqual([{
        id: log[0]?.id, endpointId: subscribed.id, eventId: message.id, eventType: 'message.created', status: 'pending', attempts: 0,
        responseStatus: null, lastError: null, nextAttemptAt: at(1), createdAt: at(1), deliveredAt: null,
      }]);
      expect(await ctx.store.pageWebhookDeliveries({ endpointId: other.id, after: null, limit: 10 })).toEqual([]);
      expect(await ctx.store.enqueueWebhookEvent({ siteId, type: 'ticket.created', event: event('ticket.created'), at: at(2) })).toBe(2);
      expect(await ctx.store.enqueueWebhookEvent({ siteId, type: 'rating.created', event: event('rating.created'), at: at(2) })).toBe(0);
    });

    it('builds the body only for a subscribed event, and sees a subscription change at once, or from the next event-loop turn when another store on the same storage made it', async () => {
      // A store may cache subscriptions for one turn: what another process commits meanwhile is no earlier than that turn anyway.
      const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
      const endpoint = await seedEndpoint(ctx.store, { events: ['ticket.created'] });
      const { siteId } = endpoint;
      const build = jest.fn(() => event('message.created'));
      const enqueue = (store = ctx.store) => store.enqueueWebhookEvent({ siteId, type: 'message.created', event: build, at: at(1) });
      expect(await enqueue()).toBe(0);
      expect(build).not.toHaveBeenCalled();
      await ctx.store.updateWebhookEndpoint({ id: endpoint.id, siteId, changes: { events: ['message.created'] }, at: at(2) });
      expect(await enqueue()).toBe(1);
      expect(build).toHaveBeenCalledTimes(1);

      const other = await ctx.location.open();
      try {
        expect(await enqueue(other)).toBe(1);
        await ctx.store.updateWebhookEndpoint({ id: endpoint.id, siteId, changes: { enabled: false }, at: at(3) });
        await nextTurn();
        expect(await enqueue(other)).toBe(0);
        await other.createWebhookEndpoint({
          siteId, url: 'https://hooks.example.test/second', description: '', events: ['message.created'], enabled: true,
          allowPrivateTargets: false, secret: 'whsec_second', createdByAgentId: endpoint.createdByAgentId, at: at(4),
        });
        await nextTurn();
        expect(await enqueue()).toBe(1);
      } finally {
        await other.close();
      }
    });

    it('claims the due ones oldest first with their body, each by one of several concurrent claimers', async () => {
      const endpoint = await seedEndpoint(ctx.store);
      const queued: WebhookDelivery[] = [];
      for (let i = 0; i < 6; i += 1) {
        queued.push(await ctx.store.enqueueWebhookDelivery({ endpointId: endpoint.id, siteId: endpoint.siteId, event: event('message.created'), at: at(i) }));
      }
      await ctx.store.enqueueWebhookDelivery({ endpointId: endpoint.id, siteId: endpoint.siteId, event: event('message.created'), at: at(100) });
      const claims = await Promise.all([1, 2, 3].map(() => ctx.store.claimDueWebhookDeliveries({ now: at(10), leaseUntil: at(40), limit: 4 })));
      const ids = claims.flat().map((d) => d.id);
      expect(ids.sort()).toEqual(queued.map((d) => d.id).sort());
      const first = claims.flat().find((d) => d.id === queued[0]?.id);
      expect(first).toMatchObject({ status: 'sending', attempts: 1, siteId: endpoint.siteId });
      expect(JSON.parse(first?.payload ?? '{}')).toMatchObject({ type: 'message.created' });
      expect(await ctx.store.claimDueWebhookDeliveries({ now: at(39), leaseUntil: at(80), limit: 10 })).toEqual([]);
    });

    it('gives a delivery whose lease lapsed to the next claimer, and records outcomes only while sending', async () => {
      const endpoint = await seedEndpoint(ctx.store);
      const queued = await ctx.store.enqueueWebhookDelivery({ endpointId: endpoint.id, siteId: endpoint.siteId, event: event('webhook.test'), at: at(0) });
      await ctx.store.claimDueWebhookDeliveries({ now: at(1), leaseUntil: at(30), limit: 1 });
      const [again] = await ctx.store.claimDueWebhookDeliveries({ now: at(31), leaseUntil: at(60), limit: 1 });
      expect(again).toMatchObject({ id: queued.id, attempts: 2 });
      await ctx.store.markWebhookRetry(queued.id, { error: 'the endpoint answered HTTP 503', responseStatus: 503, nextAttemptAt: at(90) });
      // The first dispatcher, late, cannot undo it.
      await ctx.store.markWebhookDelivered(queued.id, { at: at(61), responseStatus: 200 });
      const log = () => ctx.store.pageWebhookDeliveries({ endpointId: endpoint.id, after: null, limit: 1 });
      expect((await log())[0]).toMatchObject({ status: 'pending', responseStatus: 503, lastError: 'the endpoint answered HTTP 503', nextAttemptAt: at(90) });
      expect(await ctx.store.claimDueWebhookDeliveries({ now: at(89), leaseUntil: at(120), limit: 1 })).toEqual([]);
      expect(await ctx.store.claimDueWebhookDeliveries({ now: at(90), leaseUntil: at(120), limit: 1 })).toHaveLength(1);
      await ctx.store.markWebhookDelivered(queued.id, { at: at(91), responseStatus: 204 });
      expect((await log())[0]).toMatchObject({ status: 'delivered', responseStatus: 204, lastError: null, deliveredAt: at(91), attempts: 3 });
      await ctx.store.markWebhookFailed(queued.id, { error: 'late', responseStatus: null });
      expect((await log())[0]?.status).toBe('delivered');
    });

    it('prunes ended deliveries queued before a time, oldest first and at most `limit`; pending and sending ones stay', async () => {
      const endpoint = await seedEndpoint(ctx.store);
      const queue = (second: number) =>
        ctx.store.enqueueWebhookDelivery({ endpointId: endpoint.id, siteId: endpoint.siteId, event: event('webhook.test'), at: at(second) });
      const [delivered, failed, pending, sending, recent] = [await queue(1), await queue(2), await queue(3), await queue(4), await queue(50)];
      // Claim the four old ones, then settle three of them: delivered, failed, back to pending.
      await ctx.store.claimDueWebhookDeliveries({ now: at(10), leaseUntil: at(1000), limit: 4 });
      await ctx.store.markWebhookDelivered(delivered.id, { at: at(11), responseStatus: 200 });
      await ctx.store.markWebhookFailed(failed.id, { error: 'gave up', responseStatus: 500 });
      await ctx.store.markWebhookRetry(pending.id, { error: 'HTTP 503', responseStatus: 503, nextAttemptAt: at(900) });
      await ctx.store.claimDueWebhookDeliveries({ now: at(60), leaseUntil: at(70), limit: 1 });
      await ctx.store.markWebhookDelivered(recent.id, { at: at(61), responseStatus: 200 });
      const ids = async () => (await ctx.store.pageWebhookDeliveries({ endpointId: endpoint.id, after: null, limit: 10 })).map((d) => d.id).sort();

      expect(await ctx.store.pruneWebhookDeliveries({ createdBefore: at(40), limit: 1 })).toBe(1);
      expect(await ids()).toEqual([failed.id, pending.id, sending.id, recent.id].sort());
      expect(await ctx.store.pruneWebhookDeliveries({ createdBefore: at(40), limit: 10 })).toBe(1);
      expect(await ids()).toEqual([pending.id, sending.id, recent.id].sort());
      expect(await ctx.store.pruneWebhookDeliveries({ createdBefore: at(40), limit: 10 })).toBe(0);
      // The cut-off is strict: a delivery queued at the very instant stays.
      expect(await ctx.store.pruneWebhookDeliveries({ createdBefore: at(50), limit: 10 })).toBe(0);
      expect(await ctx.store.pruneWebhookDeliveries({ createdBefore: at(51), limit: 10 })).toBe(1);
      expect(await ids()).toEqual([pending.id, sending.id].sort());
    });

    it('pages the log newest first', async () => {
      const endpoint = await seedEndpoint(ctx.store);
      const queued: WebhookDelivery[] = [];
      for (let i = 0; i < 5; i += 1) {
        queued.push(await ctx.store.enqueueWebhookDelivery({ endpointId: endpoint.id, siteId: endpoint.siteId, event: event('webhook.test'), at: at(i % 3) }));
      }
      const seen: string[] = [];
      let after: { key: string; id: string } | null = null;
      for (;;) {
        const page = await ctx.store.pageWebhookDeliveries({ endpointId: endpoint.id, after, limit: 2 });
        seen.push(...page.map((d) => d.id));
        const last = page[page.length - 1];
        if (page.length < 2 || !last) break;
        after = { key: last.createdAt, id: last.id };
      }
      const expected = [...queued].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (b.id < a.id ? -1 : 1)).map((d) => d.id);
      expect(seen).toEqual(expected);
    });
  });
}

const mongoUri = process.env.MONGODB_URI;
function contract(fixture: StoreFixture): void {
  webhookContract(useFreshStore(fixture));
}
describe.each([sqliteFixture, inMemoryMongoFixture(), ...(mongoUri ? [mongoFixture(mongoUri)] : [])])('$label webhook store', contract);
if (!mongoUri) describe.skip.each([mongoFixture('mongodb://unset')])('$label webhook store', contract);
