// The live paths over a year of history: a site that has served 100,000 chats must route a new
// chat, take a message and list its queue as fast as on its first day. Seeds a year into a fresh
// SQLite file (bench/lib/seeded-year.mjs), then times, through the store and the routing service,
// what runs while people wait: routing a new chat, a message, the console's lists and filters, the
// periodic sweeps. Writes bench/results/history.json.
// Run: node bench/history.bench.mjs [conversations]   (needs no build: it bundles the TypeScript itself)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeResult } from './lib/results.mjs';
import { seedYear } from './lib/seeded-year.mjs';
import { loadServerCode } from './lib/server-code.mjs';
import { longestStopDuring, roundMs, sampled, timed } from './lib/timed.mjs';

const CONVERSATIONS = Number(process.argv[2] ?? 100_000);
const RUNS = 15;
const NOW = '2026-01-15T12:00:00.000Z';

/** Routing announces what it did; nobody listens in a benchmark. */
const silentBroadcaster = new Proxy({}, { get: () => () => {} });

async function main() {
  const code = await loadServerCode('history', `
    export { openSqliteStore } from './src/store/sqlite/sqlite.store';
    export { seedAnalyticsBulk } from './src/store/sqlite/sqlite-analytics-seed';
    export { createRoutingService } from './src/domain/routing.service';
    export { TicketQuerySchema } from '@parley/shared';
  `);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-history-bench-'));
  const filename = path.join(dir, 'parley.sqlite');
  try {
    const { site, agents, departments, tally, seedMs, db } = await seedYear(code, { filename, conversations: CONVERSATIONS });
    // The seeder leaves the year's last chats open (for analytics); a site a year on has resolved
    // them, and its agents have room for new ones.
    db.prepare("UPDATE conversations SET status = 'resolved', resolved_at = updated_at WHERE status <> 'resolved'").run();
    db.close();
    console.log(`seeded ${tally.conversations} chats and ${tally.tickets} tickets in ${Math.round(seedMs)} ms`);

    const store = code.openSqliteStore({ filename });
    const routing = code.createRoutingService({ store, broadcaster: silentBroadcaster, now: () => new Date(NOW) });
    for (const agent of agents) await store.updateAgent(agent.id, { maxChats: 1000 });
    for (const agent of agents) await store.setAgentStatus(agent.id, 'online');

    let visitorNumber = 0;
    const newVisitor = () => store.createVisitor({ siteId: site.id, tokenHash: `history-${(visitorNumber += 1)}`, locale: 'en' });
    const open = async () => {
      const visitor = await newVisitor();
      const { conversation } = await store.openConversation({ siteId: site.id, visitorId: visitor.id, visitorName: null, locale: 'en' });
      return { visitor, conversation };
    };

    const timings = {};
    const time = async (name, run) => {
      timings[name] = await sampled(run, RUNS);
      console.log(`${name}: ${timings[name].ms} ms (cpu ${timings[name].cpuMs} ms)`);
    };

    // A new chat arrives and is routed: opened, then given to the least busy fitting agent.
    await time('openConversation', async () => (await open()).conversation);
    const routeSamples = [];
    for (let i = 0; i < RUNS; i += 1) {
      await open();
      routeSamples.push(await timed(() => routing.routeSite(site.id)));
    }
    timings.routeNewChat = { ms: roundMs(routeSamples.map((s) => s.ms).sort((a, b) => a - b)[Math.floor(RUNS / 2)]) };
    console.log(`routeNewChat: ${timings.routeNewChat.ms} ms`);
    const assigned = await store.listAssignedTo(agents[0].id);
    if (assigned.length === 0) throw new Error('routing assigned no chat to the first agent');

    const { visitor, conversation } = await open();
    await routing.routeSite(site.id);
    let messageNumber = 0;
    await time('visitorMessage', () =>
      store.appendToOpenConversation({
        siteId: site.id, visitorId: visitor.id, clientId: `history-${(messageNumber += 1)}`,
        author: { kind: 'visitor', id: visitor.id, name: null }, text: 'Hello, is anyone there?',
      }),
    );
    await time('listMessages', () => store.listMessages({ conversationId: conversation.id, limit: 50 }));
    await time('listVisitorConversations', () => store.listVisitorConversations(site.id, visitor.id));
    await time('listVisitorTickets', () => store.listVisitorTickets(site.id, visitor.id));

    // The console: its chat list, its own chats, the queue, the ticket views.
    await time('consoleChatList', () => store.listConversations({ siteId: site.id, limit: 200 }));
    await time('listQueue', () => store.listQueue(site.id));
    await time('listAgentLoads', () => store.listAgentLoads(site.id));
    await time('listAssignedTo', () => store.listAssignedTo(agents[0].id));
    // What the console's ticket page asks first: every unsolved ticket, last updated first.
    const unsolved = code.TicketQuerySchema.parse({ status: ['new', 'open', 'pending', 'on_hold'] });
    await time('tickets.consoleDefault', () =>
      store.searchTickets({ ...unsolved, siteId: site.id, agentId: agents[0].id, now: NOW, breachingWithinMinutes: 60 }),
    );
    for (const view of ['all', 'mine', 'unassigned', 'breaching_soon', 'breached']) {
      const query = code.TicketQuerySchema.parse({ view });
      await time(`tickets.${view}`, () =>
        store.searchTickets({ ...query, siteId: site.id, agentId: agents[0].id, now: NOW, breachingWithinMinutes: 60 }),
      );
    }
    const filtered = code.TicketQuerySchema.parse({ status: ['open'], departmentId: departments[0].id });
    await time('tickets.openInDepartment', () =>
      store.searchTickets({ ...filtered, siteId: site.id, agentId: agents[0].id, now: NOW, breachingWithinMinutes: 60 }),
    );
    const search = code.TicketQuerySchema.parse({ search: 'refund' });
    await time('tickets.textSearch', () =>
      store.searchTickets({ ...search, siteId: site.id, agentId: agents[0].id, now: NOW, breachingWithinMinutes: 60 }),
    );
    // It runs on the SQLite read worker: what it holds up of everything else is far less than its time.
    timings['tickets.textSearch'].longestEventLoopStopMs = await longestStopDuring(() =>
      store.searchTickets({ ...search, siteId: site.id, agentId: agents[0].id, now: NOW, breachingWithinMinutes: 60 }),
    );
    await time('api.queuedConversations', () => store.pageConversations({ siteId: site.id, statuses: ['queued'], after: null, limit: 51 }));
    await time('api.contactsByEmail', () => store.pageVisitors({ siteId: site.id, email: 'someone@example.test', after: null, limit: 51 }));
    await time('privacy.findVisitorsByEmail', () => store.findVisitorsByEmail(site.id, 'someone@example.test'));
    await time('api.conversationsOfAgent', () =>
      store.pageConversations({ siteId: site.id, agentId: agents[1].id, after: null, limit: 51 }),
    );
    await time('api.conversationsInDepartment', () =>
      store.pageConversations({ siteId: site.id, departmentId: departments[1].id, statuses: ['resolved'], after: null, limit: 51 }),
    );

    // What every process does every few seconds.
    await time('routingSweep', () => routing.sweep());
    await time('listLongWaiting', () => store.listLongWaiting({ siteId: site.id, queuedBefore: NOW }));
    await time('listTicketsToRemind', () => store.listTicketsToRemind({ siteId: site.id, pendingBefore: NOW, limit: 100 }));
    await time('listTicketsToClose', () => store.listTicketsToClose({ siteId: site.id, solvedBefore: NOW, limit: 100 }));
    await store.close();

    writeResult('history', {
      conversations: tally.conversations,
      tickets: tally.tickets,
      agents: agents.length,
      seedMs: Math.round(seedMs),
      what:
        `median ms of ${RUNS} calls of each store operation (routeNewChat: the routing service giving one new chat to an agent) ` +
        `on a site with a year of history (${tally.conversations} chats, ${tally.tickets} tickets, ${agents.length} agents, all online); ` +
        '*.cpuMs: CPU time of this process (the console\'s ticket searches run on its SQLite read worker, so their wall time is not a stop of the event loop)',
      operations: timings,
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
