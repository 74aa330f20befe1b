// Analytics on 100,000 chats: seeds a year of history into a fresh SQLite file (batched inserts in
// transactions), then times the report the console asks for. Writes bench/results/analytics.json.
// Run: node bench/analytics.bench.mjs [conversations]   (needs no build: it bundles the TypeScript itself)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT as root } from './lib/deps.mjs';
import { seedYear } from './lib/seeded-year.mjs';
import { loadServerCode } from './lib/server-code.mjs';
import { longestStopDuring, roundMs as round, sampled, timed } from './lib/timed.mjs';

const CONVERSATIONS = Number(process.argv[2] ?? 100_000);
const RUNS = 7;

async function main() {
  const code = await loadServerCode('analytics', `
    export { openSqliteStore } from './src/store/sqlite/sqlite.store';
    export { seedAnalyticsBulk } from './src/store/sqlite/sqlite-analytics-seed';
    export { createAnalyticsService } from './src/domain/analytics.service';
    export { AnalyticsRequestSchema } from '@parley/shared';
  `);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-analytics-bench-'));
  const filename = path.join(dir, 'parley.sqlite');
  try {
    const seeded = await seedYear(code, { filename, conversations: CONVERSATIONS });
    seeded.db.close();
    const { admin, agents, tally } = seeded;
    const seeding = { ms: seeded.seedMs };
    console.log(`seeded ${tally.conversations} chats and ${tally.tickets} tickets in ${Math.round(seeding.ms)} ms`);

    // A fresh process's view: the store is opened again, nothing is warm but the OS file cache.
    const store = code.openSqliteStore({ filename });
    const analytics = code.createAnalyticsService({ store, now: () => new Date('2026-01-15T12:00:00.000Z') });
    const year = code.AnalyticsRequestSchema.parse({ from: '2025-01-01', to: '2025-12-31', timeZone: 'Europe/Berlin' });
    const month = code.AnalyticsRequestSchema.parse({ from: '2025-06-01', to: '2025-06-30', timeZone: 'America/New_York' });

    const cold = await timed(() => analytics.report(admin, year));
    if (cold.result.totals.conversations !== tally.conversations) {
      throw new Error(`the report counted ${cold.result.totals.conversations} chats, the seeder wrote ${tally.conversations}`);
    }
    const sample = (run) => sampled(run, RUNS);
    const site = await sample(() => analytics.report(admin, year));
    const agent = await sample(() => analytics.report(agents[0], year));
    const monthly = await sample(() => analytics.report(admin, month));
    const csv = await sample(() => analytics.reportCsv(admin, year));
    // SQLite reads the year on a worker thread's connection; what is left on the event loop is the arithmetic.
    const stops = [];
    for (let i = 0; i < 3; i += 1) stops.push(await longestStopDuring(() => analytics.report(admin, year)));
    await store.close();

    const results = {
      conversations: tally.conversations,
      tickets: tally.tickets,
      reportMs: site.ms,
      reportCpuMs: site.cpuMs,
      coldReportMs: round(cold.ms),
      agentReportMs: agent.ms,
      agentReportCpuMs: agent.cpuMs,
      monthReportMs: monthly.ms,
      monthReportCpuMs: monthly.cpuMs,
      csvMs: csv.ms,
      reportLongestEventLoopStopMs: [...stops].sort((a, b) => a - b)[1],
      seedMs: Math.round(seeding.ms),
      what:
        'median of 7 site-wide reports over a 365-day year (Europe/Berlin) with 25 agents and 4 departments; agent = one agent\'s own year; ' +
        'month = a site-wide June (America/New_York); cold = the first report after opening the store; *CpuMs = CPU time of this process ' +
        '(its SQLite reads run on a worker thread of it); reportLongestEventLoopStopMs = the median of 3 reports of the longest the ' +
        'event loop went without running a 1 ms timer during the report (what a report holds up of the chats)',
      loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
      cpus: os.cpus().length,
      node: process.version,
      platform: `${os.platform()} ${os.arch()}, ${os.cpus()[0]?.model ?? 'unknown cpu'}`,
      measuredAt: new Date().toISOString(),
    };
    fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
    fs.writeFileSync(path.join(root, 'bench', 'results', 'analytics.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log(results);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
