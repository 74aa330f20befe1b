// A year of chat and ticket history in a fresh SQLite file, for the benchmarks that time what a
// long-running site asks of its store (analytics, and the live paths that must not slow down as
// history grows). The site, agents and departments go through the store; the year itself is bulk
// written by the server's seeder (batched inserts in transactions).
import { performance } from 'node:perf_hooks';
import { requireFromServer } from './deps.mjs';

export const SEEDED_AGENTS = 25;
const DEPARTMENTS = ['Sales', 'Support', 'Billing', 'Technical'];

/**
 * Seeds `conversations` chats over Berlin's 2025 into `filename`. `code` must export
 * openSqliteStore and seedAnalyticsBulk (see loadServerCode). The store is closed on return.
 */
export async function seedYear(code, { filename, conversations }) {
  const store = code.openSqliteStore({ filename });
  const site = await store.createSite({ key: 'bench_site', name: 'Bench' });
  const admin = await store.createAgent({ siteId: site.id, email: 'admin@bench.test', name: 'Admin', role: 'admin', passwordHash: 'x' });
  const departments = [];
  for (const name of DEPARTMENTS) departments.push(await store.createDepartment({ siteId: site.id, name }));
  const agents = [];
  for (let i = 1; i <= SEEDED_AGENTS; i += 1) {
    agents.push(await store.createAgent({ siteId: site.id, email: `agent${i}@bench.test`, name: `Agent ${i}`, role: 'agent', passwordHash: 'x' }));
  }
  await store.close();

  const Database = requireFromServer('better-sqlite3');
  const db = new Database(filename);
  try {
    db.pragma('journal_mode = WAL');
    const started = performance.now();
    const tally = code.seedAnalyticsBulk(db, {
      siteId: site.id, agentIds: agents.map((a) => a.id), departmentIds: departments.map((d) => d.id),
      // Berlin's 2025, which starts at 23:00 UTC on 31 December 2024.
      conversations, from: '2024-12-31T23:00:00.000Z', days: 365,
    });
    return { site, admin, agents, departments, tally, seedMs: performance.now() - started, db };
  } catch (error) {
    db.close();
    throw error;
  }
}
