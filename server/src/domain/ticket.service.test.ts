/** Agents working tickets, without a network, on the real SQLite store: SLA clocks, bulk changes, replies, assignees. */
import type { Agent, Site, Ticket, TicketPriority, Tier } from '@parley/shared';
import { seedAgent, seedSite } from '../store/contract/seed';
import { broadcasterStub } from '../test-support/broadcaster-stub';
import { useSqliteStoreForFile } from '../test-support/sqlite-store-for-file';
import type { Store } from '../store/store';
import { DomainError } from './domain-error';
import type { Mailer } from './mailer.port';
import { createTicketLinks, type TicketLinks } from './ticket-links';
import { createTicketNotifier, type TicketNotifier } from './ticket-notifier';
import { slaDues } from './ticket-sla';
import { createTicketService, type TicketService } from './ticket.service';

const MINUTE = 60_000;
let store: Store;
let service: TicketService;
let site: Site;
let agent: Agent;
let clock: Date;
/** What the requesters were e-mailed: [template, ticket number]. */
const emailed: [string, number][] = [];

/** The real notifier, its e-mails queued to a list. */
function recordingNotifier(links: TicketLinks): TicketNotifier {
  const mailer: Mailer = {
    enqueue: async (request) => {
      emailed.push([request.template, Number(request.data.ticketNumber)]);
    },
  };
  return createTicketNotifier({ mailer, links });
}

useSqliteStoreForFile((opened) => (store = opened));
beforeEach(async () => {
  emailed.length = 0;
  clock = new Date('2026-11-26T14:00:00.000Z');
  site = await seedSite(store);
  agent = await seedAgent(store, site.id);
  const links = createTicketLinks({ secret: 'test secret', publicUrl: 'https://help.example.test' });
  service = createTicketService({ store, broadcaster: broadcasterStub(), notifier: recordingNotifier(links), links, now: () => clock });
});

const later = (minutes: number) => {
  clock = new Date(clock.getTime() + minutes * MINUTE);
};

/** A new ticket an agent opened, its SLA clocks started now. */
async function openTicket(fields: { priority?: TicketPriority; tier?: Tier; assigneeAgentId?: string } = {}): Promise<Ticket> {
  const priority = fields.priority ?? 'normal';
  const tier = fields.tier ?? 1;
  const { ticket } = await store.createTicket({
    ticket: {
      siteId: site.id, conversationId: null, visitorId: null, subject: 'Broken invoice', requesterName: 'Vera',
      requesterEmail: 'vera@example.test', requesterLocale: 'en', status: 'new', priority, tier, departmentId: null,
      assigneeAgentId: fields.assigneeAgentId ?? null, tags: [], source: 'agent', tierStartedAt: clock.toISOString(),
      ...slaDues(site, { priority, tier, from: clock }),
      firstRespondedAt: null, solvedAt: null, closedAt: null, pendingSince: null,
    },
    createdEvent: { kind: 'created', authorKind: 'system', authorId: null, authorName: null, text: 'Broken invoice', changes: [] },
  });
  return ticket;
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof DomainError ? error.toParleyError() : error),
  );

const inView = async (view: 'breaching_soon' | 'breached' | 'unassigned') =>
  (await service.search(agent, { view, sort: 'created_asc', limit: 50, offset: 0 })).tickets.map((t) => t.number);

test('a closed ticket reopened runs its SLA clocks again: it no longer reads as solved or closed', async () => {
  const ticket = await openTicket({ priority: 'urgent' });
  await service.update(agent, ticket.id, { status: 'solved' });
  later(1);
  const closed = await service.update(agent, ticket.id, { status: 'closed' });
  expect(closed).toMatchObject({ solvedAt: expect.any(String), closedAt: expect.any(String) });

  const reopened = await service.update(agent, ticket.id, { status: 'open' });
  expect(reopened).toMatchObject({ status: 'open', solvedAt: null, closedAt: null, firstRespondedAt: null });
  // Nobody has answered and the urgent first response is due within the hour: the view and the ticket agree.
  expect(await inView('breaching_soon')).toEqual([ticket.number]);

  // Closed, then solved again: solved now, and no longer closed.
  await service.update(agent, ticket.id, { status: 'closed' });
  later(1);
  const solvedAgain = await service.update(agent, ticket.id, { status: 'solved' });
  expect(solvedAgain).toMatchObject({ solvedAt: clock.toISOString(), closedAt: null });
});

test('moving a ticket down a tier keeps its clocks and its first response; only a move up starts fresh ones', async () => {
  const ticket = await openTicket({ priority: 'urgent', tier: 2 });
  later(5);
  const answered = await service.reply(agent, ticket.id, { text: 'Looking into it.', internal: false });
  expect(answered.firstRespondedAt).toBe(clock.toISOString());
  later(5);

  const down = await service.update(agent, ticket.id, { tier: 1 });
  expect(down).toMatchObject({
    tier: 1, tierStartedAt: ticket.tierStartedAt, firstRespondedAt: answered.firstRespondedAt,
    firstResponseDueAt: ticket.firstResponseDueAt, resolutionDueAt: ticket.resolutionDueAt, slaPausedMinutes: 0,
  });
  // Answered already: not listed as about to miss a first response it met.
  expect(await inView('breaching_soon')).toEqual([]);

  // Down a tier with a new priority: the new target, counted from the same start.
  const lowered = await service.update(agent, ticket.id, { tier: 1, priority: 'urgent' });
  expect(lowered.tierStartedAt).toBe(ticket.tierStartedAt);

  later(5);
  const up = await service.update(agent, ticket.id, { tier: 3 });
  expect(up).toMatchObject({ tierStartedAt: clock.toISOString(), firstRespondedAt: null, ...slaDues(site, { priority: 'urgent', tier: 3, from: clock }) });
});

test('a bulk update with a ticket gone meanwhile changes none of them and e-mails no one, saying how many are missing', async () => {
  const first = await openTicket();
  const third = await openTicket();
  const gone = 'BBBBBBBBBBBBBBBBBBBBBB';

  const error = await refusal(service.bulkUpdate(agent, [first.id, gone, third.id], { status: 'solved' }));
  expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'No ticket was changed: 1 of the 3 selected no longer exists.' });
  expect((await store.findTicket(first.id))?.status).toBe('new');
  expect((await store.findTicket(third.id))?.status).toBe('new');
  expect((await store.listTicketEvents(first.id)).map((e) => e.kind)).toEqual(['created']);
  expect(emailed).toEqual([]);

  // A refusal of the update itself (an assignee of another site) also comes before any change.
  const stranger = await seedAgent(store, (await seedSite(store)).id);
  expect(await refusal(service.bulkUpdate(agent, [first.id, third.id], { priority: 'low', assigneeAgentId: stranger.id })))
    .toMatchObject({ code: 'AGENT_NOT_FOUND' });
  expect((await store.findTicket(first.id))?.priority).toBe('normal');

  // All there: all changed, each requester told once (a ticket named twice is changed once).
  const solved = await service.bulkUpdate(agent, [first.id, third.id, first.id], { status: 'solved' });
  expect(solved.map((t) => [t.number, t.status])).toEqual([[first.number, 'solved'], [third.number, 'solved']]);
  expect(emailed).toEqual([['ticket_solved', first.number], ['ticket_solved', third.number]]);
});

test('a public reply cannot close the ticket (its e-mail would invite an answer that bounces); a note can', async () => {
  const ticket = await openTicket();
  const error = await refusal(service.reply(agent, ticket.id, { text: 'Solved, closing.', internal: false, status: 'closed' }));
  expect(error).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'status' }] });
  expect((error as { message: string }).message).toContain('solved');
  expect(await store.findTicket(ticket.id)).toMatchObject({ status: 'new', firstRespondedAt: null, assigneeAgentId: null });
  expect((await store.listTicketEvents(ticket.id)).map((e) => e.kind)).toEqual(['created']);
  expect(emailed).toEqual([]);

  // Solved is the way to say it; a note may still close a ticket, e-mailing nothing.
  expect((await service.reply(agent, ticket.id, { text: 'Solved.', internal: false, status: 'solved' })).status).toBe('solved');
  expect((await service.reply(agent, ticket.id, { text: 'Duplicate of #1000', internal: true, status: 'closed' })).status).toBe('closed');
  expect(emailed).toEqual([['ticket_solved', ticket.number]]);
});

test('a ticket cannot be assigned to a deactivated agent', async () => {
  const ticket = await openTicket();
  const leaver = await seedAgent(store, site.id);
  await store.updateAgent(leaver.id, { active: false });
  expect(await refusal(service.update(agent, ticket.id, { assigneeAgentId: leaver.id }))).toMatchObject({ code: 'AGENT_NOT_FOUND' });
  expect((await store.findTicket(ticket.id))?.assigneeAgentId).toBeNull();
  expect(await inView('unassigned')).toEqual([ticket.number]);
  // An active colleague can have it.
  expect((await service.update(agent, ticket.id, { assigneeAgentId: agent.id })).assigneeAgentId).toBe(agent.id);
});
