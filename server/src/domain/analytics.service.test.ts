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
import { broadcasterStub } from '../test-support/broadcaster-stub';
import { createAnalyticsService } from './analytics.service';
import { createTicketLinks } from './ticket-links';
import { createTicketNotifier } from './ticket-notifier';
import { createTicketService } from './ticket.service';

const LINKS = createTicketLinks({ secret: 'test secret', publicUrl: 'https://help.example.test' });

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

  it('credits a ticket’s first reply to the agent who wrote it: the ticket, its resolution and breaches stay with the assignee', async () => {
    const site = await store.createSite({ key: 'analytics_tier_site', name: 'Tiers' });
    const boss = await store.createAgent({ siteId: site.id, email: 'boss@tier.test', name: 'Boss', role: 'admin', passwordHash: 'x' });
    const agent = (name: string) =>
      store.createAgent({ siteId: site.id, email: `${name.toLowerCase()}@tier.test`, name, role: 'agent', passwordHash: 'x' });
    const [ann, ben] = [await agent('Ann'), await agent('Ben')];
    const at = (seconds: number) => new Date(Date.parse('2024-03-09T10:00:00.000Z') + seconds * 1000);
    const tickets = createTicketService({
      store, broadcaster: broadcasterStub(), notifier: createTicketNotifier({ mailer: { enqueue: async () => undefined }, links: LINKS }), links: LINKS,
    });
    /** A new unassigned tier-1 ticket, its first response due in an hour. */
    async function newTicket(start: number): Promise<string> {
      jest.setSystemTime(at(start));
      const { ticket } = await store.createTicket({
        ticket: {
          siteId: site.id, conversationId: null, visitorId: null, subject: 'Cannot log in', requesterName: 'Vera',
          requesterEmail: 'vera@tier.test', requesterLocale: 'en', status: 'new', priority: 'normal', tier: 1, departmentId: null,
          assigneeAgentId: null, tags: [], source: 'offline_form', tierStartedAt: at(start).toISOString(),
          firstResponseDueAt: at(start + 3600).toISOString(), resolutionDueAt: at(start + 7200).toISOString(),
          firstRespondedAt: null, solvedAt: null, closedAt: null, pendingSince: null,
        },
        createdEvent: { kind: 'created', authorKind: 'system', authorId: null, authorName: null, text: 'Cannot log in', changes: [] },
      });
      return ticket.id;
    }
    const step = async <T>(second: number, act: () => Promise<T>): Promise<T> => {
      jest.setSystemTime(at(second));
      return act();
    };

    jest.useFakeTimers({ doNotFake: [...ALL_TIMERS_BUT_DATE] });
    try {
      // Ann notes, then answers in 600 s (taking the ticket); it goes over to Ben, who replies too and solves it
      // two hours after it came in, past its resolution target.
      const handedOver = await newTicket(0);
      await step(300, () => tickets.reply(ann, handedOver, { text: 'Looking into it', internal: true }));
      await step(600, () => tickets.reply(ann, handedOver, { text: 'Could you send a screenshot?', internal: false }));
      await step(900, () => tickets.update(boss, handedOver, { assigneeAgentId: ben.id, priority: 'high' }));
      await step(1200, () => tickets.reply(ben, handedOver, { text: 'Fixed on our side', internal: false }));
      await step(7500, () => tickets.update(ben, handedOver, { status: 'solved' }));
      // Ben's own ticket, answered in 120 s.
      const bens = await newTicket(8000);
      await step(8120, () => tickets.reply(ben, bens, { text: 'Hello', internal: false }));
    } finally {
      jest.useRealTimers();
    }

    const figures = (m: AnalyticsMetrics) => ({
      tickets: m.tickets, resolved: m.ticketsResolved, breached: m.slaBreaches.tickets, firstResponse: m.firstResponse.tickets,
    });
    const day = request({ from: '2024-03-09', to: '2024-03-09', timeZone: 'UTC' });
    const whole = await service().report(boss, day);
    expect(whole.byAgent.map((row) => [row.name, figures(row)])).toEqual([
      ['Ann', { tickets: 0, resolved: 0, breached: 0, firstResponse: { count: 1, medianSeconds: 600, p90Seconds: 600 } }],
      ['Ben', { tickets: 2, resolved: 1, breached: 1, firstResponse: { count: 1, medianSeconds: 120, p90Seconds: 120 } }],
    ]);
    // The site and its departments count each ticket and its first response once.
    const once = { tickets: 2, resolved: 1, breached: 1, firstResponse: { count: 2, medianSeconds: 360, p90Seconds: 552 } };
    expect(figures(whole.totals)).toEqual(once);
    expect(whole.byDepartment.map((row) => figures(row))).toEqual([once]);

    const anns = await service().report(ann, day);
    expect(anns.byAgent.map((row) => row.agentId)).toEqual([ann.id]);
    expect(figures(anns.totals)).toEqual(figures(whole.byAgent[0] as AnalyticsMetrics));
    const bensReport = await service().report(boss, { ...day, agentId: ben.id });
    expect(figures(bensReport.totals)).toEqual(figures(whole.byAgent[1] as AnalyticsMetrics));
    expect(bensReport.volume.byDay).toEqual([{ date: '2024-03-09', conversations: 0, tickets: 2 }]);
  });

  it('restarts a ticket’s first response with a move up a tier: the new tier’s first reply is the one credited', async () => {
    const site = await store.createSite({ key: 'analytics_tier_up_site', name: 'Tier up' });
    const boss = await store.createAgent({ siteId: site.id, email: 'boss@up.test', name: 'Boss', role: 'admin', passwordHash: 'x' });
    const agent = (name: string) =>
      store.createAgent({ siteId: site.id, email: `${name.toLowerCase()}@up.test`, name, role: 'agent', passwordHash: 'x' });
    const [ann, ben] = [await agent('Ann'), await agent('Ben')];
    const at = (seconds: number) => new Date(Date.parse('2024-03-09T10:00:00.000Z') + seconds * 1000);
    const tickets = createTicketService({
      store, broadcaster: broadcasterStub(), notifier: createTicketNotifier({ mailer: { enqueue: async () => undefined }, links: LINKS }), links: LINKS,
    });
    const step = async <T>(second: number, act: () => Promise<T>): Promise<T> => {
      jest.setSystemTime(at(second));
      return act();
    };
    const figures = (m: AnalyticsMetrics) => ({ tickets: m.tickets, firstResponse: m.firstResponse.tickets.count });
    const day = request({ from: '2024-03-09', to: '2024-03-09', timeZone: 'UTC' });
    const byAgent = async () => (await service().report(boss, day)).byAgent.map((row) => [row.name, figures(row)]);

    jest.useFakeTimers({ doNotFake: [...ALL_TIMERS_BUT_DATE] });
    try {
      const { ticket } = await step(0, () => store.createTicket({
        ticket: {
          siteId: site.id, conversationId: null, visitorId: null, subject: 'Data export', requesterName: null,
          requesterEmail: 'vera@up.test', requesterLocale: 'en', status: 'new', priority: 'normal', tier: 1, departmentId: null,
          assigneeAgentId: null, tags: [], source: 'offline_form', tierStartedAt: at(0).toISOString(),
          firstResponseDueAt: null, resolutionDueAt: null, firstRespondedAt: null, solvedAt: null, closedAt: null, pendingSince: null,
        },
        createdEvent: { kind: 'created', authorKind: 'system', authorId: null, authorName: null, text: null, changes: [] },
      }));
      await step(300, () => tickets.reply(ann, ticket.id, { text: 'Forwarding this to our engineers', internal: false }));
      await step(600, () => tickets.update(boss, ticket.id, { tier: 2, assigneeAgentId: ben.id }));
      // Tier 2 owes a first response of its own: until Ben replies, nobody has one.
      expect(await byAgent()).toEqual([['Ben', { tickets: 1, firstResponse: 0 }]]);
      await step(900, () => tickets.reply(ben, ticket.id, { text: 'Your export is ready', internal: false }));
    } finally {
      jest.useRealTimers();
    }
    expect(await byAgent()).toEqual([['Ben', { tickets: 1, firstResponse: 1 }]]);
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
