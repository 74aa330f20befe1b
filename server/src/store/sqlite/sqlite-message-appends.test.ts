import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MessageAuthor } from '@parley/shared';
import type { Store } from '../store';
import { seedAgent, seedConversation } from '../contract/seed';
import { openSqliteStore } from './sqlite.store';

describe('appending messages to SQLite, announced before they are written', () => {
  let dir: string;
  let store: Store;
  let other: Database.Database;
  const afterAnnouncing = jest.fn();
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-appends-'));
    const filename = path.join(dir, 'parley.sqlite');
    store = openSqliteStore({ filename, afterAnnouncing });
    // Another connection on the same file: what other readers (and processes) see.
    other = new Database(filename);
    afterAnnouncing.mockReset();
  });
  afterEach(async () => {
    other.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const storedTexts = () => other.prepare('SELECT text FROM messages ORDER BY seq').pluck().all();

  it('tells of a turn\'s messages, then lets their announcements out, before any of them can be read', async () => {
    const { site, visitor, conversation } = await seedConversation(store);
    const order: string[] = [];
    afterAnnouncing.mockImplementation(() => order.push(`let out, stored: ${storedTexts().length}`));
    const author = { kind: 'visitor', id: visitor.id, name: null } as const;
    const send = (text: string) =>
      store.appendToOpenConversation({ siteId: site.id, visitorId: visitor.id, clientId: `c-${text}`, author, text }, (appended) =>
        order.push(`${appended.message.text} #${appended.message.seq}, stored: ${storedTexts().length}`));
    const answers = await Promise.all([send('one'), send('two')]);
    expect(order).toEqual(['one #1, stored: 0', 'two #2, stored: 0', 'let out, stored: 0']);
    expect(storedTexts()).toEqual(['one', 'two']);
    expect(answers.map((a) => a?.conversation)).toEqual([
      expect.objectContaining({ id: conversation.id, lastSeq: 1 }),
      await store.findConversation(conversation.id),
    ]);
  });

  it('answers each message of one turn with its conversation as the store then holds it, whatever its author', async () => {
    const { site, visitor, conversation } = await seedConversation(store);
    const agent = await seedAgent(store, site.id);
    // Claiming starts the clock: the chat awaits the agent's answer.
    const claimed = await store.claimConversation({ conversationId: conversation.id, agentId: agent.id });
    expect(claimed?.awaitingAgentSince).toEqual(expect.any(String));
    const authors: [MessageAuthor, boolean][] = [
      [{ kind: 'visitor', id: visitor.id, name: null }, false],
      [{ kind: 'agent', id: agent.id, name: 'Ann' }, true],
      [{ kind: 'agent', id: agent.id, name: 'Ann' }, false],
      [{ kind: 'system' }, false],
    ];
    const appended = await Promise.all(authors.map(([author, internal], i) => store.appendMessage({
      conversationId: conversation.id, clientId: `kind-${i}`, author, internal, text: `line ${i}`,
      ...(author.kind === 'system' ? { event: { type: 'transferred', from: 'Ann', to: 'Bea' } } : {}),
    })));
    expect(appended.map((a) => a.message.seq)).toEqual([1, 2, 3, 4]);
    const [asked, noted, answered, systemLine] = appended.map((a) => a.conversation);
    // A note is no answer; the agent's reply is; a system line leaves the latest message as it was.
    expect(noted?.firstResponseAt).toBe(asked?.firstResponseAt ?? null);
    expect(noted?.lastMessagePreview).toMatchObject({ internal: true, text: 'line 1' });
    expect(answered?.firstResponseAt).toBe(appended[2]?.message.createdAt);
    expect(answered?.awaitingAgentSince).toBeNull();
    expect(systemLine?.lastMessagePreview).toEqual(answered?.lastMessagePreview);
    expect(systemLine).toEqual(await store.findConversation(conversation.id));
    expect(await store.listMessages({ conversationId: conversation.id })).toEqual(appended.map((a) => a.message));
  });

  it('refuses the whole turn, and stores none of it, when a write fails after the announcement', async () => {
    const { site, visitor } = await seedConversation(store);
    // A disk that fails mid-batch, as seen from SQLite: the planned INSERT is refused.
    other.exec(`CREATE TRIGGER failing_disk BEFORE INSERT ON messages WHEN NEW.text = 'poison'
      BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
    const author = { kind: 'visitor', id: visitor.id, name: null } as const;
    const told: string[] = [];
    const send = (text: string) => store.appendToOpenConversation(
      { siteId: site.id, visitorId: visitor.id, clientId: `c-${text}`, author, text }, (a) => told.push(a.message.text),
    );
    const results = await Promise.allSettled([send('fine'), send('poison'), send('also fine')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    // Told once each, and never again: no retry of a batch already announced.
    expect(told).toEqual(['fine', 'poison', 'also fine']);
    expect(storedTexts()).toEqual([]);
    other.exec('DROP TRIGGER failing_disk');
    expect(await send('fine')).toMatchObject({ created: true, message: { seq: 1 } });
  });

  it('stores once a message resent within the same turn, and answers both with it', async () => {
    const { site, visitor } = await seedConversation(store);
    const input = { siteId: site.id, visitorId: visitor.id, clientId: 'twice-1', author: { kind: 'visitor', id: visitor.id, name: null } as const };
    const [first, again] = await Promise.all([
      store.appendToOpenConversation({ ...input, text: 'hello' }),
      store.appendToOpenConversation({ ...input, text: 'hello (resent)' }),
    ]);
    expect(first?.created).toBe(true);
    expect(again).toEqual({ ...first, created: false });
    expect(storedTexts()).toEqual(['hello']);
  });
});
