/** The analytics report over a real store holding a fixed data set: every figure against the hand-worked one. */
import {
  AnalyticsReportSchema, AnalyticsRequestSchema, type Agent, type AnalyticsMetrics, type AnalyticsRequestInput,
} from '@parley/shared';
import { mongoFixture, sqliteFixture, type StoreFixture, type StoreLocation } from '../store/contract/store-fixtures';
import type { Store } from '../store/store';
import { seedAnalyticsFixture, type AnalyticsFixture } from '../test-support/analytics-fixture';
import {
  ALICE, ALICE_VOLUME, BOB, DEFLECTION, NO_DEPARTMENT, SALES, SUPPORT, TOP_TAGS, TOTALS, UNASSIGNED, VOLUME,
} from '../test-support/analytics-fixture-figures';
import { createAnalyticsService } from './analytics.service';

const ALL_TIMERS_BUT_DATE = [
  'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame',
  'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval',
  'setTimeout', 'clearTimeout',
] as const;

const WEEKEND = { from: '2024-03-09', to: '2024-03-10', timeZone: 'Europe/Berlin' };
const request = (input: Partial<AnalyticsRequestInput> = {}) => AnalyticsRequestSchema.parse({ ...WEEKEND, ...input });

function analyticsSuite(storeFixture: StoreFixture): void {
  let location: StoreLocation;
  let store: Store;
  let fixture: AnalyticsFixture;
  let admin: Agent;

  beforeAll(async () => {
    location = storeFixture.createLocation();
    store = await location.open();
    const site = await store.createSite({ key: 'analytics_site', name: 'Analytics' });
    admin = await store.createAgent({ siteId: site.id, email: 'ada@analytics.test', name: 'Ada', role: 'admin', passwordHash: 'x' });
    jest.useFakeTimers({ doNotFake: [...ALL_TIMERS_BUT_DATE] });
    try {
      fixture = await seedAnalyticsFixture({
        store, siteId: site.id, passwordHash: 'x', setClock: (iso) => jest.setSystemTime(new Date(iso)),
      });
    } finally {
      jest.useRealTimers();
    }
  });
  afterAll(async () => {
    await store.close();
    await location.destroy();
  });

  const service = () => createAnalyticsService({ store, now: () => fixture.now });

  it('gives an admin every figure of the site, per agent and per department, in the Berlin days and hours', async () => {
    const report = await service().report(admin, request());
    expect(AnalyticsReportSchema.parse(report)).toEqual(report);
    expect(report.request).toEqual({ ...WEEKEND, agentId: null, departmentId: null });
    expect(report.period).toEqual({ start: '2024-03-08T23:00:00.000Z', end: '2024-03-10T23:00:00.000Z' });
    expect(report.generatedAt).toBe('2024-03-11T12:00:00.000Z');
    expect(report.totals).toEqual(TOTALS);
    expect(report.byAgent).toEqual([
      { agentId: fixture.alice.id, name: 'Alice', ...ALICE },
      { agentId: fixture.bob.id, name: 'Bob', ...BOB },
      { agentId: null, name: null, ...UNASSIGNED },
    ]);
    expect(report.byDepartment).toEqual([
      { departmentId: fixture.sales.id, name: 'Sales', ...SALES },
      { departmentId: fixture.support.id, name: 'Support', ...SUPPORT },
      { departmentId: null, name: null, ...NO_DEPARTMENT },
    ]);
    expect(report.volume).toEqual(VOLUME);
    expect(report.topTags).toEqual(TOP_TAGS);
    expect(report.deflection).toEqual(DEFLECTION);
  });

  it('gives an agent only their own figures, whether or not they name themselves', async () => {
    const own = await service().report(fixture.alice, request());
    expect(own.request.agentId).toBe(fixture.alice.id);
    expect(own.totals).toEqual(ALICE);
    expect(own.byAgent).toEqual([{ agentId: fixture.alice.id, name: 'Alice', ...ALICE }]);
    // All of Alice's chats and tickets are Sales'.
    expect(own.byDepartment).toEqual([{ departmentId: fixture.sales.id, name: 'Sales', ...ALICE }]);
    expect(own.volume).toEqual(ALICE_VOLUME);
    expect(own.topTags).toEqual([{ tag: 'billing', tickets: 1 }, { tag: 'shipping', tickets: 1 }]);
    expect(own.deflection).toBeNull();
    expect(await service().report(fixture.alice, request({ agentId: fixture.alice.id }))).toEqual(own);
  });

  it("refuses an agent another agent's figures, and an admin an agent or department of no site of theirs", async () => {
    await expect(service().report(fixture.alice, request({ agentId: fixture.bob.id }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(service().report(admin, request({ agentId: 'no-such-agent-0000' }))).rejects.toMatchObject({ code: 'AGENT_NOT_FOUND' });
    await expect(service().report(admin, request({ departmentId: 'no-such-department' }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("lets an admin narrow to one agent or one department", async () => {
    expect((await service().report(admin, request({ agentId: fixture.bob.id }))).totals).toEqual(BOB);
    const support = await service().report(admin, request({ departmentId: fixture.support.id }));
    expect(support.totals).toEqual(SUPPORT);
    expect(support.deflection).toBeNull();
  });

  it('counts the same instants into other days when read in UTC', async () => {
    const utc = await service().report(admin, request({ timeZone: 'UTC' }));
    expect(utc.period).toEqual({ start: '2024-03-09T00:00:00.000Z', end: '2024-03-11T00:00:00.000Z' });
    // C5 (23:10 UTC on Friday) and T1 drop out; C8 (23:20 UTC on Sunday) and T6 come in.
    expect(utc.totals.missed).toBe(1);
    expect(utc.volume.byDay).toEqual([
      { date: '2024-03-09', conversations: 4, tickets: 1 },
      { date: '2024-03-10', conversations: 4, tickets: 4 },
    ]);
    expect(utc.volume.byHour[23]).toEqual({ hour: 23, conversations: 2, tickets: 1 }); // C4, C8; T6
  });

  it('credits a first response to the agent who wrote it: a transfer or a requeue afterwards takes nothing from them', async () => {
    const site = await store.createSite({ key: 'analytics_transfer_site', name: 'Transfers' });
    const boss = await store.createAgent({ siteId: site.id, email: 'boss@transfer.test', name: 'Boss', role: 'admin', passwordHash: 'x' });
    const agent = (name: string) =>
      store.createAgent({ siteId: site.id, email: `${name.toLowerCase()}@transfer.test`, name, role: 'agent', passwordHash: 'x' });
    const [eve, carl] = [await agent('Eve'), await agent('Carl')];
    const at = (seconds: number) => new Date(Date.parse('2024-03-09T10:00:00.000Z') + seconds * 1000);
    let visitors = 0;
    const say = (conversationId: string, who: Agent, text: string) =>
      store.appendMessage({ conversationId, clientId: `${who.name}-${text}`, author: { kind: 'agent', id: who.id, name: who.name }, text });
    /** A chat `holder` claims at its start and `answerer` answers `answerAfter` seconds in. */
    async function answeredChat(start: number, holder: Agent, answerAfter: number): Promise<string> {
      jest.setSystemTime(at(start));
      visitors += 1;
      const visitor = await store.createVisitor({ siteId: site.id, tokenHash: `transfer-visitor-${visitors}`, locale: 'en' });
      const { conversation } = await store.openConversation({
        siteId: site.id, visitorId: visitor.id, visitorName: null, locale: 'en', departmentId: null,
      });
      await store.claimConversation({ conversationId: conversation.id, agentId: holder.id });
      jest.setSystemTime(at(start + answerAfter));
      await say(conversation.id, holder, 'Hello, how can I help?');
      return conversation.id;
    }

    jest.useFakeTimers({ doNotFake: [...ALL_TIMERS_BUT_DATE] });
    try {
      await answeredChat(0, carl, 60); // Carl's own chat: answered in 60 s.
      // Eve answers in 30 s and transfers the chat to Carl, who writes later and resolves it.
      const handedOver = await answeredChat(1000, eve, 30);
      jest.setSystemTime(at(1100));
      expect(await store.transferConversation({ conversationId: handedOver, fromAgentId: eve.id, toAgentId: carl.id, maxChats: 5 })).not.toBeNull();
      jest.setSystemTime(at(1200));
      await say(handedOver, carl, 'Carl here, taking over');
      await store.resolveConversation(handedOver);
      // Eve answers in 10 s, then the chat goes back to the queue (as when she is deactivated).
      const requeued = await answeredChat(2000, eve, 10);
      jest.setSystemTime(at(2100));
      expect(await store.requeueConversation({ conversationId: requeued, fromAgentId: eve.id, declined: false })).not.toBeNull();
    } finally {
      jest.useRealTimers();
    }

    const figures = (m: AnalyticsMetrics) => ({
      conversations: m.conversations, answered: m.answered, resolvedInChat: m.resolvedInChat, firstResponse: m.firstResponse.chats,
    });
    const day = request({ from: '2024-03-09', to: '2024-03-09', timeZone: 'UTC' });
    const whole = await service().report(boss, day);
    expect(whole.byAgent.map((row) => [row.name, figures(row)])).toEqual([
      ['Carl', { conversations: 2, answered: 1, resolvedInChat: 1, firstResponse: { count: 1, medianSeconds: 60, p90Seconds: 60 } }],
      ['Eve', { conversations: 2, answered: 2, resolvedInChat: 0, firstResponse: { count: 2, medianSeconds: 20, p90Seconds: 28 } }],
      // The requeued chat waits for someone to hold it; its answer stays Eve's.
      [null, { conversations: 1, answered: 0, resolvedInChat: 0, firstResponse: { count: 0, medianSeconds: null, p90Seconds: null } }],
    ]);
    // The site counts each chat once.
    expect(figures(whole.totals)).toEqual({
      conversations: 3, answered: 3, resolvedInChat: 1, firstResponse: { count: 3, medianSeconds: 30, p90Seconds: 54 },
    });

    const eves = await service().report(eve, day);
    expect(eves.byAgent.map((row) => row.agentId)).toEqual([eve.id]);
    expect(figures(eves.totals)).toEqual(figures(whole.byAgent[1] as AnalyticsMetrics));
    expect(eves.volume.byDay).toEqual([{ date: '2024-03-09', conversations: 2, tickets: 0 }]);
    expect(eves.byDepartment).toEqual([{ departmentId: null, name: null, ...eves.totals }]);
    const carls = await service().report(boss, { ...day, agentId: carl.id });
    expect(figures(carls.totals)).toEqual(figures(whole.byAgent[0] as AnalyticsMetrics));
    expect(carls.volume.byDay).toEqual([{ date: '2024-03-09', conversations: 2, tickets: 0 }]);
  });

  it('reads the same figures after the store is closed and opened again', async () => {
    const before = await service().report(admin, request());
    await store.close();
    store = await location.open();
    expect(await service().report(admin, request())).toEqual(before);
  });
}

const mongoUri = process.env.MONGODB_URI;
const available: StoreFixture[] = [sqliteFixture, ...(mongoUri ? [mongoFixture(mongoUri)] : [])];
describe.each(available)('analytics report on the $name store', analyticsSuite);
if (!mongoUri) describe.skip.each([mongoFixture('mongodb://unset')])('analytics report on the $name store', analyticsSuite);
