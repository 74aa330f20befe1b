/**
 * Store contract for the REST API: API tokens (by hash, revocation as compare-and-set, throttled
 * use) and keyset pages (conversations, contacts, tickets) that neither repeat nor skip a row when
 * rows arrive between pages. SQLite always, MongoDB through the driver stand-in, real MongoDB when MONGODB_URI is set.
 */
import type { ApiTicketSort, Site, Ticket } from '@parley/shared';
import { hashToken, newSecretToken } from '../tokens';
import { useFreshStore, type ContractContext } from './contract/context';
import { seedAgent, seedConversation, seedSite, seedVisitor, untilClockTicks } from './contract/seed';
import { inMemoryMongoFixture, mongoFixture, sqliteFixture, type StoreFixture } from './contract/store-fixtures';
import type { KeysetAfter } from './listing.store';
import type { Store } from './store';

const T0 = '2030-01-01T10:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();

/** Walks a keyset list page by page, `limit` rows at a time, calling `between` after each page. */
async function walk<T extends { id: string }>(
  page: (after: KeysetAfter | null, limit: number) => Promise<T[]>,
  options: { limit: number; keyOf: (row: T) => string; between?: () => Promise<void> },
): Promise<T[]> {
  const seen: T[] = [];
  let after: KeysetAfter | null = null;
  for (let pages = 0; pages < 100; pages += 1) {
    const rows = await page(after, options.limit);
    seen.push(...rows);
    const last = rows[rows.length - 1];
    if (rows.length < options.limit || !last) return seen;
    after = { key: options.keyOf(last), id: last.id };
    await options.between?.();
  }
  throw new Error('the pages never ended');
}

const newestFirst = <T extends { id: string; createdAt: string }>(rows: T[]) =>
  [...rows].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (b.id < a.id ? -1 : 1));

async function seedTicket(store: Store, site: Site, subject: string): Promise<Ticket> {
  const { ticket } = await store.createTicket({
    ticket: {
      siteId: site.id, conversationId: null, visitorId: null, subject, requesterName: null, requesterEmail: null,
      requesterLocale: 'en', status: 'new', priority: 'normal', tier: 1, departmentId: null, assigneeAgentId: null, tags: [],
      source: 'agent', tierStartedAt: T0, firstResponseDueAt: null, resolutionDueAt: null, firstRespondedAt: null,
      solvedAt: null, closedAt: null, pendingSince: null,
    },
    createdEvent: { kind: 'created', authorKind: 'system', authorId: null, authorName: null, text: null, changes: [] },
  });
  await untilClockTicks();
  return ticket;
}

function apiTokensContract(ctx: ContractContext): void {
  describe('API tokens', () => {
    it('finds a token by its hash only, lists newest first, revokes once, and only on its own site', async () => {
      const site = await seedSite(ctx.store);
      const admin = await seedAgent(ctx.store, site.id);
      const token = `pk_live_${newSecretToken()}`;
      const first = await ctx.store.createApiToken({
        siteId: site.id, name: 'Zapier', scope: 'read', tokenHash: hashToken(token), prefix: token.slice(0, 12), createdByAgentId: admin.id, at: at(0),
      });
      const second = await ctx.store.createApiToken({
        siteId: site.id, name: 'CRM', scope: 'read-write', tokenHash: hashToken('other'), prefix: 'pk_live_xxxx', createdByAgentId: admin.id, at: at(1),
      });
      expect(first).toEqual({
        id: first.id, siteId: site.id, name: 'Zapier', scope: 'read', prefix: token.slice(0, 12), createdByAgentId: admin.id,
        createdAt: at(0), lastUsedAt: null, revokedAt: null,
      });
      expect(JSON.stringify(first)).not.toContain(hashToken(token));
      expect(await ctx.store.findApiTokenByHash(hashToken(token))).toEqual(first);
      expect(await ctx.store.findApiTokenByHash(token)).toBeNull();
      expect((await ctx.store.listApiTokens(site.id)).map((t) => t.id)).toEqual([second.id, first.id]);

      const otherSite = await seedSite(ctx.store);
      expect(await ctx.store.revokeApiToken({ id: first.id, siteId: otherSite.id, at: at(5) })).toBeNull();
      expect(await ctx.store.revokeApiToken({ id: first.id, siteId: site.id, at: at(5) })).toMatchObject({ revokedAt: at(5) });
      expect(await ctx.store.revokeApiToken({ id: first.id, siteId: site.id, at: at(6) })).toBeNull();
      expect((await ctx.store.findApiTokenByHash(hashToken(token)))?.revokedAt).toBe(at(5));
    });

    it('records use at most once per interval', async () => {
      const site = await seedSite(ctx.store);
      const admin = await seedAgent(ctx.store, site.id);
      const token = await ctx.store.createApiToken({
        siteId: site.id, name: 'n', scope: 'read', tokenHash: 'h1', prefix: 'pk_live_aaaa', createdByAgentId: admin.id, at: at(0),
      });
      const lastUsed = async () => (await ctx.store.findApiTokenByHash('h1'))?.lastUsedAt;
      await ctx.store.touchApiToken({ id: token.id, at: at(10), minIntervalMs: 60_000 });
      expect(await lastUsed()).toBe(at(10));
      await ctx.store.touchApiToken({ id: token.id, at: at(30), minIntervalMs: 60_000 });
      expect(await lastUsed()).toBe(at(10));
      await ctx.store.touchApiToken({ id: token.id, at: at(71), minIntervalMs: 60_000 });
      expect(await lastUsed()).toBe(at(71));
    });
  });
}

function listingContract(ctx: ContractContext): void {
  describe('keyset pages', () => {
    it('pages conversations newest first by (createdAt, id), filtered, without repeats when new ones arrive', async () => {
      const site = await seedSite(ctx.store);
      const agent = await seedAgent(ctx.store, site.id);
      const made = [];
      for (let i = 0; i < 7; i += 1) {
        made.push((await seedConversation(ctx.store, site)).conversation);
        if (i % 2 === 0) await untilClockTicks(); // some share a millisecond: the id breaks the tie
      }
      await ctx.store.assignConversation({ conversationId: made[1]?.id ?? '', agentId: agent.id, maxChats: 5 });
      await ctx.store.assignConversation({ conversationId: made[4]?.id ?? '', agentId: agent.id, maxChats: 5 });
      await seedConversation(ctx.store, await seedSite(ctx.store)); // another site's: never listed

      const expected = newestFirst(made).map((c) => c.id);
      const walked = await walk((after, limit) => ctx.store.pageConversations({ siteId: site.id, after, limit }), {
        limit: 3, keyOf: (c) => c.createdAt,
        between: async () => void (await seedConversation(ctx.store, site)), // newer ones do not shift the older pages
      });
      expect(walked.map((c) => c.id)).toEqual(expected);

      const assigned = await ctx.store.pageConversations({ siteId: site.id, statuses: ['assigned'], agentId: agent.id, after: null, limit: 10 });
      expect(assigned.map((c) => c.id).sort()).toEqual([made[1]?.id, made[4]?.id].sort());
      const from = made[3]?.createdAt ?? '';
      const window = await ctx.store.pageConversations({ siteId: site.id, createdFrom: from, createdTo: at(10 ** 8), after: null, limit: 50 });
      expect(window.every((c) => c.createdAt >= from)).toBe(true);
      expect(await ctx.store.pageConversations({ siteId: site.id, createdTo: made[0]?.createdAt, after: null, limit: 50 })).toEqual([]);
    });

    it('pages contacts newest first, and finds one by e-mail', async () => {
      const site = await seedSite(ctx.store);
      const visitors = [];
      for (let i = 0; i < 5; i += 1) {
        visitors.push(await seedVisitor(ctx.store, site.id));
        await untilClockTicks();
      }
      await ctx.store.identifyVisitor(visitors[2]?.id ?? '', { email: 'greta@example.test', name: 'Greta' });
      const walked = await walk((after, limit) => ctx.store.pageVisitors({ siteId: site.id, after, limit }), { limit: 2, keyOf: (v) => v.createdAt });
      expect(walked.map((v) => v.id)).toEqual(newestFirst(visitors).map((v) => v.id));
      expect((await ctx.store.pageVisitors({ siteId: site.id, email: 'greta@example.test', after: null, limit: 5 })).map((v) => v.name)).toEqual(['Greta']);
    });

    it.each<[ApiTicketSort, (t: Ticket) => string, boolean]>([
      ['created_desc', (t) => t.createdAt, true],
      ['created_asc', (t) => t.createdAt, false],
      ['updated_desc', (t) => t.updatedAt, true],
    ])('pages tickets by %s with the console filters', async (sort, keyOf, descending) => {
      const site = await seedSite(ctx.store);
      const tickets = [];
      for (let i = 0; i < 5; i += 1) tickets.push(await seedTicket(ctx.store, site, `Printer ${i}`));
      // Touch the oldest: it becomes the most recently updated.
      const touched = await ctx.store.updateTicket({ ticketId: tickets[0]?.id ?? '', patch: { priority: 'high' }, event: null });
      const current = tickets.map((t) => (t.id === touched?.id ? touched : t));
      const filters = { siteId: site.id, agentId: 'nobody-at-all', now: at(0), breachingWithinMinutes: 60, view: 'all' as const, sort };
      const walked = await walk((after, limit) => ctx.store.pageTickets({ ...filters, after, limit }), { limit: 2, keyOf });
      const order = [...current].sort((a, b) => (descending ? -1 : 1) * (keyOf(a).localeCompare(keyOf(b)) || (a.id < b.id ? -1 : 1)));
      expect(walked.map((t) => t.id)).toEqual(order.map((t) => t.id));
      const high = await ctx.store.pageTickets({ ...filters, priority: ['high'], after: null, limit: 10 });
      expect(high.map((t) => t.id)).toEqual([touched?.id]);
      const searched = await ctx.store.pageTickets({ ...filters, search: 'Printer 3', after: null, limit: 10 });
      expect(searched.map((t) => t.subject)).toEqual(['Printer 3']);
    });
  });
}

const mongoUri = process.env.MONGODB_URI;
function contract(fixture: StoreFixture): void {
  const ctx = useFreshStore(fixture);
  apiTokensContract(ctx);
  listingContract(ctx);
}
describe.each([sqliteFixture, inMemoryMongoFixture(), ...(mongoUri ? [mongoFixture(mongoUri)] : [])])('$label API store', contract);
if (!mongoUri) describe.skip.each([mongoFixture('mongodb://unset')])('$label API store', contract);
