/** The benchmark's bulk history reads back through the analytics report exactly as it was written. */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AnalyticsRequestSchema } from '@parley/shared';
import { createAnalyticsService } from '../../domain/analytics.service';
import { seedAnalyticsBulk } from './sqlite-analytics-seed';
import { openSqliteStore } from './sqlite.store';

test('a report over the seeded days counts every chat and ticket the seeder wrote', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-analytics-seed-'));
  const filename = path.join(dir, 'parley.sqlite');
  const store = openSqliteStore({ filename });
  try {
    const site = await store.createSite({ key: 'bulk_site', name: 'Bulk' });
    const admin = await store.createAgent({ siteId: site.id, email: 'admin@bulk.test', name: 'Admin', role: 'admin', passwordHash: 'x' });
    const departments = [await store.createDepartment({ siteId: site.id, name: 'One' }), await store.createDepartment({ siteId: site.id, name: 'Two' })];
    const agents = await Promise.all(
      ['a', 'b', 'c'].map((name) => store.createAgent({ siteId: site.id, email: `${name}@bulk.test`, name, role: 'agent', passwordHash: 'x' })),
    );
    const db = new Database(filename);
    const tally = seedAnalyticsBulk(db, {
      siteId: site.id, agentIds: agents.map((a) => a.id), departmentIds: departments.map((d) => d.id),
      conversations: 3000, from: '2025-01-01T00:00:00.000Z', days: 90,
    });
    db.close();

    const analytics = createAnalyticsService({ store, now: () => new Date('2025-06-01T00:00:00.000Z') });
    const report = await analytics.report(admin, AnalyticsRequestSchema.parse({ from: '2025-01-01', to: '2025-03-31', timeZone: 'UTC' }));
    expect(report.totals).toMatchObject({
      conversations: 3000, answered: tally.answered, missed: tally.missed, resolvedInChat: tally.resolvedInChat,
      escalated: tally.escalated, tickets: tally.tickets, ticketsBySource: tally.ticketsBySource,
    });
    expect(report.totals.satisfaction.chats.count).toBe(tally.chatRatings);
    expect(report.volume.byDay.reduce((sum, day) => sum + day.conversations, 0)).toBe(3000);
    // A chat handed over after its first answer counts for both agents; its answer for the one who wrote it only.
    expect(tally.handedOver).toBeGreaterThan(0);
    expect(report.byAgent.reduce((sum, agent) => sum + agent.conversations, 0)).toBe(3000 + tally.handedOver);
    expect(report.byAgent.reduce((sum, agent) => sum + agent.answered, 0)).toBe(tally.answered);
    expect(report.byAgent.reduce((sum, agent) => sum + agent.firstResponse.chats.count, 0)).toBe(tally.answered);
    expect(tally.missed).toBeGreaterThan(0);
    // A ticket stays its assignee's; its first reply and that time are the responder's, credited once.
    expect(tally.ticketsHandedOver).toBeGreaterThan(0);
    expect(report.totals.firstResponse.tickets.count).toBe(tally.ticketsAnswered);
    expect(report.byAgent.reduce((sum, agent) => sum + agent.tickets, 0)).toBe(tally.tickets);
    expect(report.byAgent.reduce((sum, agent) => sum + agent.firstResponse.tickets.count, 0)).toBe(tally.ticketsAnswered);
    // An agent's own report reads the same figures as their row of the whole site's.
    const first = agents[0] as (typeof agents)[number];
    const own = await analytics.report(admin, AnalyticsRequestSchema.parse({ from: '2025-01-01', to: '2025-03-31', timeZone: 'UTC', agentId: first.id }));
    const row = report.byAgent.find((agent) => agent.agentId === first.id);
    expect(own.totals.tickets).toBe(row?.tickets);
    expect(own.totals.firstResponse.tickets).toEqual(row?.firstResponse.tickets);
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
