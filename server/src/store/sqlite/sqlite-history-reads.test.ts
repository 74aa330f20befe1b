/**
 * What runs on every new chat, every message and every sweep must read the rows it asks for, not
 * the site's history: a site a year old has 100,000 chats, and a query that walks them all stops
 * every chat on the server (routing a new chat took ~200 ms that way; bench/history.bench.mjs).
 * Each operation runs on a store with history, and SQLite's own plan for every statement it ran
 * must find its rows through an index on what it asks for. No ANALYZE: servers never run one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Store } from '../store';
import { seedAnalyticsBulk } from './sqlite-analytics-seed';
import { openSqliteStore } from './sqlite.store';

/** Tables that grow with every chat and ticket. */
const HISTORY = 'conversations|tickets|messages|ticket_events|visitors';
/** Reading a whole history table, or a whole site's part of it. */
const WALKS_HISTORY = new RegExp(`^(SCAN (${HISTORY})\\b|SEARCH (${HISTORY}) USING (COVERING )?INDEX \\w+ \\(site_id=\\?\\)$)`);

let dir: string;
let filename: string;
let statements: string[] = [];
let store: Store;
let ids: { siteId: string; agentIds: string[] };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-history-reads-'));
  filename = path.join(dir, 'parley.sqlite');
  const setup = openSqliteStore({ filename });
  const site = await setup.createSite({ key: 'history_site', name: 'History' });
  const agents = [];
  for (let i = 0; i < 5; i += 1) {
    agents.push(await setup.createAgent({ siteId: site.id, email: `agent${i}@history.test`, name: `Agent ${i}`, role: 'agent', passwordHash: 'x' }));
  }
  await setup.close();
  const db = new Database(filename);
  seedAnalyticsBulk(db, { siteId: site.id, agentIds: agents.map((a) => a.id), departmentIds: [], conversations: 3000, from: '2025-01-01T00:00:00.000Z', days: 365 });
  db.close();
  ids = { siteId: site.id, agentIds: agents.map((a) => a.id) };
  store = openSqliteStore({ filename, onStatement: (sql) => statements.push(sql) });
  for (const agentId of ids.agentIds) await store.setAgentStatus(agentId, 'online');
});

afterAll(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** SQLite's plan for each statement `run` made the store execute, one line per step. */
async function plansOf(run: () => Promise<unknown>): Promise<string[][]> {
  statements = [];
  await run();
  const reader = new Database(filename, { readonly: true });
  try {
    return statements
      .filter((sql) => /^\s*(SELECT|UPDATE|DELETE|WITH)\b/i.test(sql))
      .map((sql) => reader.prepare(`EXPLAIN QUERY PLAN ${sql}`).all().map((row) => (row as { detail: string }).detail));
  } finally {
    reader.close();
  }
}

const NOW = '2026-01-15T12:00:00.000Z';
const operations: Array<[string, () => Promise<unknown>]> = [
  ['the agents’ loads (routing a new chat)', () => store.listAgentLoads(ids.siteId)],
  ['the queue', () => store.listQueue(ids.siteId)],
  ['chats waiting long for a first answer (escalation sweep)', () => store.listLongWaiting({ siteId: ids.siteId, queuedBefore: NOW })],
  ['unanswered assignments (routing sweep)', () => store.listUnansweredAssignments({ siteId: ids.siteId, before: NOW })],
  ['tickets due to close (ticket sweep)', () => store.listTicketsToClose({ siteId: ids.siteId, solvedBefore: NOW, limit: 100 })],
  ['tickets due a reminder (ticket sweep)', () => store.listTicketsToRemind({ siteId: ids.siteId, pendingBefore: NOW, limit: 100 })],
  ['a visitor’s tickets', () => store.listVisitorTickets(ids.siteId, 'some-visitor')],
  ['a visitor’s chats', () => store.listVisitorConversations(ids.siteId, 'some-visitor')],
  ['an agent’s open chats', () => store.listAssignedTo(ids.agentIds[0] as string)],
  // What the REST API and the privacy tools look up by a value that few rows have.
  ['chats waiting in the queue (REST listing)', () => store.pageConversations({ siteId: ids.siteId, statuses: ['queued'], after: null, limit: 51 })],
  ['open chats (REST listing)', () => store.pageConversations({ siteId: ids.siteId, statuses: ['queued', 'assigned'], after: null, limit: 51 })],
  ['contacts with an e-mail address (REST listing)', () => store.pageVisitors({ siteId: ids.siteId, email: 'someone@example.test', after: null, limit: 51 })],
  ['a contact’s records by e-mail (privacy export and erasure)', () => store.findVisitorsByEmail(ids.siteId, 'someone@example.test')],
  // The other duties of every sweep and of the outboxes, over tables that grow with every e-mail, event and file.
  ['consoles gone silent (presence sweep)', () => store.markSilentAgentsOffline(NOW)],
  ['e-mails due (outbox)', () => store.claimDueEmails({ now: NOW, leaseUntil: NOW, limit: 10 })],
  ['webhook deliveries due (outbox)', () => store.claimDueWebhookDeliveries({ now: NOW, leaseUntil: NOW, limit: 10 })],
  ['old webhook deliveries (pruning)', () => store.pruneWebhookDeliveries({ createdBefore: '2025-01-01T00:00:00.000Z', limit: 100 })],
  ['uploads never sent (purge)', () => store.listUnsentAttachments({ before: NOW, limit: 100 })],
  ['expired sign-in tokens (purge)', () => store.purgeExpiredCredentialTokens(NOW)],
  ['records past the retention period (privacy sweep)', () => store.findExpiredRecords({ siteId: ids.siteId, before: '2024-01-01T00:00:00.000Z', limit: 100 })],
];

test.each(operations)('%s reads an index on what it asks for, not the history', async (_name, run) => {
  const plans = await plansOf(run);
  expect(plans.length).toBeGreaterThan(0);
  for (const plan of plans) expect(plan.filter((step) => WALKS_HISTORY.test(step))).toEqual([]);
});

// Where a site-wide rule cannot tell "the rows asked for" from "a site's history", the index that makes the difference.
test.each([
  // MAX(assigned_at) over (assigned_agent_id, assigned_at) is one seek; over any other index it reads every chat the agent had.
  ['routing finds each agent’s latest assignment in one seek', 'the agents’ loads (routing a new chat)', 'SEARCH c USING COVERING INDEX conversations_last_assigned (assigned_agent_id=?)'],
  // Over (site_id, status) it would read every ticket the site ever solved, then sort them.
  ['the ticket sweep reads only tickets solved before the site’s delay, oldest first', 'tickets due to close (ticket sweep)', 'SEARCH tickets USING INDEX tickets_to_close (site_id=? AND solved_at<?)'],
  ['the ticket sweep reads only tickets pending since before the site’s delay, oldest first', 'tickets due a reminder (ticket sweep)', 'SEARCH tickets USING INDEX tickets_to_remind (site_id=? AND pending_since<?)'],
  // Over (status) it would read and sort every delivery in the 30-day log for each batch of 100.
  ['webhook log pruning reads the oldest ended deliveries, and stops at the batch', 'old webhook deliveries (pruning)', 'SEARCH webhook_deliveries USING INDEX webhook_deliveries_ended (created_at<?)'],
] as const)('%s', async (_name, operation, step) => {
  const [, run] = operations.find(([name]) => name === operation) as [string, () => Promise<unknown>];
  const [plan] = await plansOf(run);
  expect(plan).toContain(step);
});

test('a report’s reads over the year run on the reader’s own connection, never on the one that serves chats', async () => {
  const year = { siteId: ids.siteId, from: '2025-01-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z', now: NOW };
  statements = [];
  const [groups] = await Promise.all([
    store.analyticsConversations(year),
    store.analyticsTickets(year),
    store.analyticsVolume(year),
    store.analyticsTopTags(year, 10),
    store.analyticsDeflections(year),
  ]);
  expect(groups.reduce((sum, group) => sum + group.conversations, 0)).toBe(3000);
  expect(statements).toEqual([]);
});

test('the console’s ticket searches run on the reader’s connection too, folding case as the serving one does', async () => {
  statements = [];
  const search = (text: string) =>
    store.searchTickets({
      view: 'all', sort: 'updated_desc', limit: 50, offset: 0, search: text,
      siteId: ids.siteId, agentId: ids.agentIds[0] as string, now: NOW, breachingWithinMinutes: 60,
    });
  const seeded = await search('SEEDED');
  expect(seeded.total).toBeGreaterThan(0);
  expect(seeded.tickets).toHaveLength(Math.min(50, seeded.total));
  expect((await search('no such words')).total).toBe(0);
  expect(statements).toEqual([]);
});
