/** The behaviour every Store must show, run against SQLite always and MongoDB when MONGODB_URI is set. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { MessageAuthor } from '@parley/shared';
import { newId } from '../tokens';
import { StoreConflictError, type Store } from './store';
import { openSqliteStore } from './sqlite/sqlite.store';
import { mongoFixture, sqliteFixture, type StoreFixture, type StoreLocation } from './contract/store-fixtures';
import {
  isIsoDate, plain, seedAgent, seedAgents, seedConversation, seedSite, seedVisitor,
} from './contract/seed';

const mongoUri = process.env.MONGODB_URI;
if (!mongoUri) console.info('MongoDB contract tests skipped: MONGODB_URI is not set (no MongoDB on this machine)');

const available: StoreFixture[] = [sqliteFixture, ...(mongoUri ? [mongoFixture(mongoUri)] : [])];

describe.each(available)('$name store contract', storeContract);
// Listed as skipped rather than left out, so a run without MongoDB says what it did not check.
if (!mongoUri) describe.skip.each([mongoFixture('mongodb://unset')])('$name store contract', storeContract);

function storeContract(fixture: StoreFixture): void {
  let location: StoreLocation;
  let store: Store;

  beforeEach(async () => {
    location = fixture.createLocation();
    store = await location.open();
  });
  afterEach(async () => {
    await store.close();
    await location.destroy();
  });

  it(`reports its kind as ${fixture.name}`, () => {
    expect(store.kind).toBe(fixture.name);
  });

  describe('sites', () => {
    it('creates a site and finds it by key and by id, as a plain object', async () => {
      const site = await store.createSite({ key: 'acme_site_key', name: 'Acme' });
      expect(plain.site.parse(site)).toEqual(site);
      expect(isIsoDate(site.createdAt)).toBe(true);
      expect(await store.findSiteByKey('acme_site_key')).toEqual(site);
      expect(await store.findSiteById(site.id)).toEqual(site);
      expect(await store.findSiteByKey('missing_site_key')).toBeNull();
      expect(await store.findSiteById(newId())).toBeNull();
    });

    it('refuses a second site with the same key', async () => {
      await store.createSite({ key: 'taken_site_key', name: 'First' });
      await expect(store.createSite({ key: 'taken_site_key', name: 'Second' })).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.listSites()).toHaveLength(1);
    });

    it('lists every site, oldest first', async () => {
      const created = [await seedSite(store), await seedSite(store), await seedSite(store)];
      const listed = await store.listSites();
      expect(listed.map((s) => s.id).sort()).toEqual(created.map((s) => s.id).sort());
      // Sites made within one millisecond have no defined order between them, so only times are compared.
      expect(listed.map((s) => s.createdAt)).toEqual(created.map((s) => s.createdAt));
    });
  });

  describe('agents', () => {
    it('creates an offline, active agent whose password hash is only given out by e-mail lookup', async () => {
      const site = await seedSite(store);
      const agent = await seedAgent(store, site.id, 'ann@example.com');
      expect(plain.agent.parse(agent)).toEqual(agent);
      expect(agent).toMatchObject({ siteId: site.id, email: 'ann@example.com', status: 'offline', active: true });
      expect(await store.findAgentById(agent.id)).toEqual(agent);
      expect(await store.findAgentWithSecretByEmail('ann@example.com')).toEqual({
        ...agent, passwordHash: 'scrypt$not-a-real-hash',
      });
      expect(await store.findAgentWithSecretByEmail('nobody@example.com')).toBeNull();
      expect(await store.findAgentById(newId())).toBeNull();
    });

    it('refuses an e-mail already taken, on any site', async () => {
      const [siteA, siteB] = [await seedSite(store), await seedSite(store)];
      await seedAgent(store, siteA.id, 'same@example.com');
      await expect(seedAgent(store, siteA.id, 'same@example.com')).rejects.toBeInstanceOf(StoreConflictError);
      await expect(seedAgent(store, siteB.id, 'same@example.com')).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.listAgents(siteB.id)).toEqual([]);
    });

    it('sets an agent status and keeps it', async () => {
      const site = await seedSite(store);
      const agent = await seedAgent(store, site.id);
      expect(await store.setAgentStatus(agent.id, 'online')).toEqual({ ...agent, status: 'online' });
      expect((await store.findAgentById(agent.id))?.status).toBe('online');
      expect(await store.setAgentStatus(newId(), 'online')).toBeNull();
    });

    it('lists the agents of one site only', async () => {
      const [siteA, siteB] = [await seedSite(store), await seedSite(store)];
      const first = await seedAgent(store, siteA.id);
      const second = await seedAgent(store, siteA.id);
      await seedAgent(store, siteB.id);
      expect((await store.listAgents(siteA.id)).map((a) => a.id).sort()).toEqual([first.id, second.id].sort());
    });
  });

  it('creates, finds and deletes agent sessions by token hash', async () => {
    const agent = await seedAgent(store, (await seedSite(store)).id);
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    await store.createAgentSession({ tokenHash: 'hash-of-token-one', agentId: agent.id, expiresAt });
    expect(await store.findAgentSession('hash-of-token-one')).toEqual({ agentId: agent.id, expiresAt });
    expect(await store.findAgentSession('hash-of-token-two')).toBeNull();
    await store.deleteAgentSession('hash-of-token-one');
    expect(await store.findAgentSession('hash-of-token-one')).toBeNull();
    await expect(store.deleteAgentSession('hash-of-token-one')).resolves.toBeUndefined();
  });

  it('finds a visitor by token hash only within its own site', async () => {
    const [siteA, siteB] = [await seedSite(store), await seedSite(store)];
    const visitor = await store.createVisitor({ siteId: siteA.id, tokenHash: 'visitor-token-hash', locale: 'ru' });
    expect(visitor).toEqual({
      id: expect.any(String), siteId: siteA.id, name: null, email: null, locale: 'ru', createdAt: expect.any(String),
    });
    expect(isIsoDate(visitor.createdAt)).toBe(true);
    expect(await store.findVisitorByTokenHash(siteA.id, 'visitor-token-hash')).toEqual(visitor);
    expect(await store.findVisitorByTokenHash(siteB.id, 'visitor-token-hash')).toBeNull();
    expect(await store.findVisitorByTokenHash(siteA.id, 'another-hash')).toBeNull();
  });

  describe('opening conversations', () => {
    it('opens a queued conversation once and gives the same one back on the next call', async () => {
      const site = await seedSite(store);
      const visitor = await seedVisitor(store, site.id);
      const input = { siteId: site.id, visitorId: visitor.id, visitorName: 'Vera', locale: 'en' };
      const first = await store.openConversation(input);
      expect(first.created).toBe(true);
      expect(plain.conversation.parse(first.conversation)).toEqual(first.conversation);
      expect(first.conversation).toMatchObject({
        siteId: site.id, visitorId: visitor.id, visitorName: 'Vera', locale: 'en',
        status: 'queued', assignedAgentId: null, lastSeq: 0,
      });
      const second = await store.openConversation(input);
      expect(second).toEqual({ conversation: first.conversation, created: false });
      expect(await store.findOpenConversation(site.id, visitor.id)).toEqual(first.conversation);
      expect(await store.findConversation(first.conversation.id)).toEqual(first.conversation);
      expect(await store.findConversation(newId())).toBeNull();
    });

    it('creates exactly one conversation under 20 concurrent opens', async () => {
      const site = await seedSite(store);
      const visitor = await seedVisitor(store, site.id);
      const input = { siteId: site.id, visitorId: visitor.id, visitorName: null, locale: null };
      const results = await Promise.all(Array.from({ length: 20 }, () => store.openConversation(input)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.conversation.id)).size).toBe(1);
      expect(await store.listConversations({ siteId: site.id })).toHaveLength(1);
    });

    it('opens a new conversation after the open one is resolved, and the latest is the new one', async () => {
      const { site, visitor, conversation } = await seedConversation(store);
      expect(await store.findLatestConversation(site.id, visitor.id)).toEqual(conversation);
      const resolved = await store.resolveConversation(conversation.id);
      expect(await store.findOpenConversation(site.id, visitor.id)).toBeNull();
      expect(await store.findLatestConversation(site.id, visitor.id)).toEqual(resolved);

      const next = await store.openConversation({ siteId: site.id, visitorId: visitor.id, visitorName: null, locale: null });
      expect(next.created).toBe(true);
      expect(next.conversation.id).not.toBe(conversation.id);
      expect(await store.findLatestConversation(site.id, visitor.id)).toEqual(next.conversation);
      expect(await store.findLatestConversation(site.id, (await seedVisitor(store, site.id)).id)).toBeNull();
    });
  });

  describe('listing conversations', () => {
    it('lists one site only, filtered by status, newest first, up to the limit', async () => {
      const site = await seedSite(store);
      const agent = await seedAgent(store, site.id);
      const queued = (await seedConversation(store, site)).conversation;
      const assigned = (await seedConversation(store, site)).conversation;
      const resolved = (await seedConversation(store, site)).conversation;
      await store.claimConversation({ conversationId: assigned.id, agentId: agent.id });
      await store.resolveConversation(resolved.id);
      await seedConversation(store); // another site's

      const ids = async (statuses?: ('queued' | 'assigned' | 'resolved')[]) =>
        (await store.listConversations({ siteId: site.id, ...(statuses ? { statuses } : {}) })).map((c) => c.id).sort();
      expect(await ids()).toEqual([queued.id, assigned.id, resolved.id].sort());
      expect(await ids([])).toEqual([queued.id, assigned.id, resolved.id].sort());
      expect(await ids(['queued'])).toEqual([queued.id]);
      expect(await ids(['queued', 'assigned'])).toEqual([queued.id, assigned.id].sort());
      expect(await ids(['resolved'])).toEqual([resolved.id]);

      const all = await store.listConversations({ siteId: site.id });
      const created = all.map((c) => c.createdAt);
      expect(created).toEqual([...created].sort().reverse());
      expect(await store.listConversations({ siteId: site.id, limit: 2 })).toHaveLength(2);
    });
  });

  describe('claiming and resolving (compare-and-set)', () => {
    it('lets exactly one of 10 concurrent agents claim a queued conversation', async () => {
      const { site, conversation } = await seedConversation(store);
      const agents = await seedAgents(store, site.id, 10);
      const results = await Promise.all(
        agents.map((agent) => store.claimConversation({ conversationId: conversation.id, agentId: agent.id })),
      );
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => r === null)).toHaveLength(9);
      const winner = winners[0];
      expect(winner).toMatchObject({ id: conversation.id, status: 'assigned' });
      expect(agents.map((a) => a.id)).toContain(winner?.assignedAgentId);
      expect(await store.findConversation(conversation.id)).toEqual(winner);
      expect(await store.findOpenConversation(site.id, conversation.visitorId)).toEqual(winner);
    });

    it('refuses to claim a conversation that is assigned, resolved or missing', async () => {
      const { site, conversation } = await seedConversation(store);
      const [ann, bob] = await seedAgents(store, site.id, 2);
      expect(await store.claimConversation({ conversationId: conversation.id, agentId: ann?.id ?? '' })).not.toBeNull();
      expect(await store.claimConversation({ conversationId: conversation.id, agentId: bob?.id ?? '' })).toBeNull();
      expect((await store.findConversation(conversation.id))?.assignedAgentId).toBe(ann?.id);
      await store.resolveConversation(conversation.id);
      expect(await store.claimConversation({ conversationId: conversation.id, agentId: bob?.id ?? '' })).toBeNull();
      expect(await store.claimConversation({ conversationId: newId(), agentId: bob?.id ?? '' })).toBeNull();
    });

    it('resolves an open conversation once: the second resolve gets null', async () => {
      const { site, conversation } = await seedConversation(store);
      const agent = await seedAgent(store, site.id);
      await store.claimConversation({ conversationId: conversation.id, agentId: agent.id });
      const resolved = await store.resolveConversation(conversation.id);
      expect(resolved).toMatchObject({ id: conversation.id, status: 'resolved', assignedAgentId: agent.id });
      expect(resolved && resolved.updatedAt >= conversation.updatedAt).toBe(true);
      expect(await store.resolveConversation(conversation.id)).toBeNull();
      expect(await store.resolveConversation(newId())).toBeNull();
      const racing = await seedConversation(store, site);
      const results = await Promise.all(Array.from({ length: 5 }, () => store.resolveConversation(racing.conversation.id)));
      expect(results.filter((r) => r !== null)).toHaveLength(1);
    });
  });

  describe('messages', () => {
    it('numbers messages 1..N in order and keeps each author', async () => {
      const { site, visitor, conversation } = await seedConversation(store);
      const agent = await seedAgent(store, site.id);
      const authors: MessageAuthor[] = [
        { kind: 'visitor', id: visitor.id, name: null },
        { kind: 'agent', id: agent.id, name: 'Ann Agent' },
        { kind: 'system' },
        { kind: 'visitor', id: visitor.id, name: 'Vera' },
      ];
      const stored = [];
      for (const [index, author] of authors.entries()) {
        const { message, created } = await store.appendMessage({
          conversationId: conversation.id, clientId: `client-${index}-${newId()}`, author, text: `line ${index}`,
        });
        expect(created).toBe(true);
        expect(plain.message.parse(message)).toEqual(message);
        stored.push(message);
      }
      expect(stored.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
      expect(stored.map((m) => m.author)).toEqual(authors);
      expect(await store.listMessages({ conversationId: conversation.id })).toEqual(stored);
      expect((await store.findConversation(conversation.id))?.lastSeq).toBe(4);
    });

    it('stores a retried clientId once and answers the retry with the stored message', async () => {
      const { visitor, conversation } = await seedConversation(store);
      const input = {
        conversationId: conversation.id, clientId: 'retry-me-123', author: { kind: 'visitor', id: visitor.id, name: null },
        text: 'hello',
      } as const;
      const first = await store.appendMessage(input);
      const retry = await store.appendMessage({ ...input, text: 'hello (resent)' });
      expect(first.created).toBe(true);
      expect(retry).toEqual({ message: first.message, created: false });
      expect(await store.listMessages({ conversationId: conversation.id })).toEqual([first.message]);
      expect((await store.findConversation(conversation.id))?.lastSeq).toBe(1);
    });

    it('keeps the same clientId apart in different conversations', async () => {
      const a = await seedConversation(store);
      const b = await seedConversation(store, a.site);
      const send = (conversationId: string) =>
        store.appendMessage({ conversationId, clientId: 'same-client-id', author: { kind: 'system' }, text: 'hi' });
      expect((await send(a.conversation.id)).created).toBe(true);
      expect((await send(b.conversation.id)).created).toBe(true);
    });

    it('gives 50 concurrent messages the seqs 1..50 with no gap and no duplicate', async () => {
      const { visitor, conversation } = await seedConversation(store);
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, index) =>
          store.appendMessage({
            conversationId: conversation.id, clientId: `burst-${index}-${newId()}`,
            author: { kind: 'visitor', id: visitor.id, name: null }, text: `message ${index}`,
          }),
        ),
      );
      expect(results.every((r) => r.created)).toBe(true);
      const seqs = results.map((r) => r.message.seq).sort((x, y) => x - y);
      expect(seqs).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
      const listed = await store.listMessages({ conversationId: conversation.id });
      expect(listed.map((m) => m.seq)).toEqual(seqs);
      expect((await store.findConversation(conversation.id))?.lastSeq).toBe(50);
    });

    it('stores one message when the same clientId is sent 10 times at once', async () => {
      const { conversation } = await seedConversation(store);
      const input = { conversationId: conversation.id, clientId: 'double-click', author: { kind: 'system' }, text: 'x' } as const;
      const results = await Promise.all(Array.from({ length: 10 }, () => store.appendMessage(input)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
      expect(await store.listMessages({ conversationId: conversation.id })).toHaveLength(1);
      const next = await store.appendMessage({ ...input, clientId: 'after-the-burst' });
      expect(next.message.seq).toBeGreaterThan(results[0]?.message.seq ?? Infinity);
    });

    it('lists messages after a seq, in order, up to the limit', async () => {
      const { conversation } = await seedConversation(store);
      for (let index = 0; index < 6; index += 1) {
        await store.appendMessage({ conversationId: conversation.id, clientId: `page-${index}-xyz`, author: { kind: 'system' }, text: 't' });
      }
      const seqs = async (query: { afterSeq?: number; limit?: number }) =>
        (await store.listMessages({ conversationId: conversation.id, ...query })).map((m) => m.seq);
      expect(await seqs({ afterSeq: 3 })).toEqual([4, 5, 6]);
      expect(await seqs({ afterSeq: 6 })).toEqual([]);
      expect(await seqs({ afterSeq: 1, limit: 2 })).toEqual([2, 3]);
      expect(await store.listMessages({ conversationId: newId() })).toEqual([]);
    });

    it('refuses a message for a conversation that does not exist', async () => {
      await expect(
        store.appendMessage({ conversationId: newId(), clientId: 'nowhere-123', author: { kind: 'system' }, text: 'x' }),
      ).rejects.toBeInstanceOf(StoreConflictError);
    });
  });

  describe('durability and several processes', () => {
    it('keeps everything across closing and reopening', async () => {
      const { site, visitor, conversation } = await seedConversation(store);
      const agent = await seedAgent(store, site.id);
      const claimed = await store.claimConversation({ conversationId: conversation.id, agentId: agent.id });
      const { message } = await store.appendMessage({
        conversationId: conversation.id, clientId: 'before-restart', author: { kind: 'system' }, text: 'kept',
      });
      await store.close();
      store = await location.open();

      expect(await store.findSiteById(site.id)).toEqual(site);
      expect(await store.findAgentById(agent.id)).toEqual(agent);
      expect(await store.findOpenConversation(site.id, visitor.id)).toEqual({ ...claimed, lastSeq: 1, updatedAt: expect.any(String) });
      expect(await store.listMessages({ conversationId: conversation.id })).toEqual([message]);
      const after = await store.appendMessage({
        conversationId: conversation.id, clientId: 'after-restart', author: { kind: 'system' }, text: 'next',
      });
      expect(after.message.seq).toBe(2);
    });

    it('holds the one-open and claim rules across two stores on the same storage', async () => {
      const other = await location.open();
      try {
        const site = await seedSite(store);
        const visitor = await seedVisitor(store, site.id);
        const agents = await seedAgents(store, site.id, 2);
        const input = { siteId: site.id, visitorId: visitor.id, visitorName: null, locale: null };
        const opened = await Promise.all([store, other, store, other].map((s) => s.openConversation(input)));
        expect(opened.filter((r) => r.created)).toHaveLength(1);
        const conversationId = opened[0]?.conversation.id ?? '';
        const claims = await Promise.all([
          store.claimConversation({ conversationId, agentId: agents[0]?.id ?? '' }),
          other.claimConversation({ conversationId, agentId: agents[1]?.id ?? '' }),
        ]);
        expect(claims.filter((c) => c !== null)).toHaveLength(1);
        expect(await other.findConversation(conversationId)).toEqual(claims.find((c) => c !== null));
      } finally {
        await other.close();
      }
    });
  });
}

describe('sqlite store migrations', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-store-migrations-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses a database file whose schema is newer than this code', () => {
    const filename = path.join(dir, 'parley.sqlite');
    const db = new Database(filename);
    db.pragma('user_version = 9999');
    db.close();
    expect(() => openSqliteStore({ filename })).toThrow(/newer than this Parley/);
  });

  it('creates its schema in a fresh file and reopens it without migrating again', async () => {
    const filename = path.join(dir, 'nested', 'parley.sqlite');
    const first = openSqliteStore({ filename });
    const site = await first.createSite({ key: 'migrated_site', name: 'Migrated' });
    await first.close();
    const db = new Database(filename, { readonly: true });
    const version = db.pragma('user_version', { simple: true });
    db.close();
    expect(version).toBeGreaterThan(0);
    const second = openSqliteStore({ filename });
    expect(await second.findSiteById(site.id)).toEqual(site);
    await second.close();
  });
});
