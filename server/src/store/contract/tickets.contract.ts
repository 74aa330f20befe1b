/** Contract: tickets — numbering, one per conversation, timeline, search views, sweeps; and shared secrets. */
import { TicketEventSchema, TicketSchema, type Agent, type MessageAttachment, type Site, type Ticket } from '@parley/shared';
import { z } from 'zod';
import { newId } from '../../tokens';
import { StoreConflictError, type NewTicketEventRecord, type NewTicketRecord, type TicketPatch, type TicketSearch } from '../store';
import type { ContractContext } from './context';
import { seedAgent, seedConversation, seedSite, untilClockTicks } from './seed';

const plainTicket = z.strictObject(TicketSchema.shape);
const plainEvent = z.strictObject(TicketEventSchema.shape);
const HOUR = 3_600_000;

const createdEvent: NewTicketEventRecord = {
  kind: 'created', authorKind: 'system', authorId: null, authorName: null, text: 'Transcript…',
  changes: [{ field: 'source', from: null, to: 'offline_form' }],
};

function newTicket(site: Site, fields: Partial<NewTicketRecord['ticket']> = {}): NewTicketRecord {
  return {
    ticket: {
      siteId: site.id, conversationId: null, visitorId: null, subject: 'Where is my order?', requesterName: 'Vera',
      requesterEmail: 'vera@example.com', requesterLocale: 'en', status: 'new', priority: 'normal', tier: 1,
      departmentId: null, assigneeAgentId: null, tags: [], source: 'offline_form', tierStartedAt: new Date().toISOString(),
      firstResponseDueAt: null, resolutionDueAt: null, firstRespondedAt: null, solvedAt: null, closedAt: null,
      pendingSince: null, ...fields,
    },
    createdEvent,
  };
}

export function ticketsContract(ctx: ContractContext): void {
  /** Each ticket a millisecond after the previous one, so orders by creation time are defined. */
  const create = async (site: Site, fields: Partial<NewTicketRecord['ticket']> = {}) => {
    const { ticket } = await ctx.store.createTicket(newTicket(site, fields));
    await untilClockTicks();
    return ticket;
  };

  it('gives an installation secret once: the first value stays', async () => {
    expect(await ctx.store.getOrCreateSecret('ticket-links', () => 'first-value')).toBe('first-value');
    expect(await ctx.store.getOrCreateSecret('ticket-links', () => 'second-value')).toBe('first-value');
    const racing = await Promise.all(['a', 'b', 'c'].map((v) => ctx.store.getOrCreateSecret('raced', () => v)));
    expect(new Set(racing).size).toBe(1);
  });

  describe('tickets', () => {
    it('numbers tickets per site from 1001, without duplicates under concurrency', async () => {
      const [site, other] = [await seedSite(ctx.store), await seedSite(ctx.store)];
      const first = await create(site);
      expect(plainTicket.parse(first)).toEqual(first);
      expect(first).toMatchObject({ number: 1001, status: 'new', rating: null, ratingComment: null, createdAt: first.updatedAt, slaPausedMinutes: 0 });
      expect(await ctx.store.findTicket(first.id)).toEqual(first);
      expect(await ctx.store.findTicket(newId())).toBeNull();
      const burst = await Promise.all(Array.from({ length: 10 }, () => create(site)));
      expect(burst.map((t) => t.number).sort()).toEqual(Array.from({ length: 10 }, (_, i) => 1002 + i));
      expect((await create(other)).number).toBe(1001);
    });

    it('makes one ticket of a conversation, resolving and linking the chat, even when asked twice at once', async () => {
      const { site, visitor, conversation } = await seedConversation(ctx.store);
      const agent = await seedAgent(ctx.store, site.id);
      await ctx.store.updateAgent(agent.id, { maxChats: 1 });
      await ctx.store.claimConversation({ conversationId: conversation.id, agentId: agent.id });
      const fields = { conversationId: conversation.id, visitorId: visitor.id, source: 'agent_escalation' as const };
      const results = await Promise.all([1, 2, 3].map(() => ctx.store.createTicket(newTicket(site, fields))));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const ticket = results.find((r) => r.created)?.ticket;
      expect(results.every((r) => r.ticket.id === ticket?.id)).toBe(true);
      expect(await ctx.store.findConversation(conversation.id)).toMatchObject({
        status: 'resolved', ticketId: ticket?.id, awaitingAgentSince: null, resolvedAt: expect.any(String),
      });
      expect(await ctx.store.findOpenConversation(site.id, visitor.id)).toBeNull();
      expect(await ctx.store.listTicketEvents(ticket?.id ?? '')).toHaveLength(1);
      // The agent's chat slot came back with the resolve.
      const next = (await seedConversation(ctx.store, site)).conversation;
      expect(await ctx.store.assignConversation({ conversationId: next.id, agentId: agent.id, maxChats: 1 })).not.toBeNull();
    });

    it('applies a patch and records its event in order; notes stay out of the requester view', async () => {
      const site = await seedSite(ctx.store);
      const agent = await seedAgent(ctx.store, site.id);
      const ticket = await create(site);
      const event = (kind: NewTicketEventRecord['kind'], text: string | null): NewTicketEventRecord => ({
        kind, authorKind: 'agent', authorId: agent.id, authorName: 'Ann', text, changes: [],
      });
      await untilClockTicks();
      const pendingSince = new Date().toISOString();
      const updated = await ctx.store.updateTicket({
        ticketId: ticket.id, patch: { status: 'pending', pendingSince, assigneeAgentId: agent.id, tags: ['vip', 'billing'] },
        event: { ...event('change', null), changes: [{ field: 'status', from: 'new', to: 'pending' }, { field: 'tier', from: 1, to: 2 }] },
      });
      expect(updated).toEqual({
        ...ticket, status: 'pending', pendingSince, assigneeAgentId: agent.id, tags: ['vip', 'billing'], updatedAt: expect.any(String),
      });
      expect(updated && updated.updatedAt > ticket.updatedAt).toBe(true);
      await ctx.store.updateTicket({ ticketId: ticket.id, patch: {}, event: event('note', 'internal only') });
      await ctx.store.updateTicket({ ticketId: ticket.id, patch: { rating: 5, ratingComment: 'Great' }, event: null });
      await Promise.all(['r1', 'r2', 'r3'].map((text) => ctx.store.updateTicket({ ticketId: ticket.id, patch: {}, event: event('reply', text) })));

      const events = await ctx.store.listTicketEvents(ticket.id);
      expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      events.forEach((e) => expect(plainEvent.parse(e)).toEqual(e));
      expect(events.map((e) => e.kind)).toEqual(['created', 'change', 'note', 'reply', 'reply', 'reply']);
      expect(events[0]).toMatchObject({ authorKind: 'system', text: 'Transcript…', changes: createdEvent.changes });
      expect(events[1]?.changes).toEqual([{ field: 'status', from: 'new', to: 'pending' }, { field: 'tier', from: 1, to: 2 }]);
      expect((await ctx.store.listTicketEvents(ticket.id, { includeNotes: false })).map((e) => e.kind)).not.toContain('note');
      expect(await ctx.store.findTicket(ticket.id)).toMatchObject({ rating: 5, ratingComment: 'Great', status: 'pending' });
      expect(await ctx.store.updateTicket({ ticketId: newId(), patch: { status: 'open' }, event: event('change', null) })).toBeNull();
    });

    it('keeps the files sent with a reply or a note in the timeline, through a reopen; other events have none', async () => {
      const site = await seedSite(ctx.store);
      const agent = await seedAgent(ctx.store, site.id);
      const ticket = await create(site);
      const file = (name: string, contentType: MessageAttachment['contentType']): MessageAttachment =>
        ({ id: newId(), name, size: 2048, contentType, isImage: contentType.startsWith('image/') });
      const replyFiles = [file('invoice.pdf', 'application/pdf'), file('screen.png', 'image/png')];
      const noteFiles = [file('log.txt', 'text/plain')];
      const event = (kind: NewTicketEventRecord['kind'], attachments?: MessageAttachment[]): NewTicketEventRecord => ({
        kind, authorKind: 'agent', authorId: agent.id, authorName: 'Ann', text: `${kind} text`, changes: [], ...(attachments ? { attachments } : {}),
      });
      await ctx.store.updateTicket({ ticketId: ticket.id, patch: {}, event: event('reply', replyFiles) });
      await ctx.store.updateTicket({ ticketId: ticket.id, patch: {}, event: event('note', noteFiles) });
      await ctx.store.updateTicket({ ticketId: ticket.id, patch: {}, event: event('reply', []) });
      await ctx.store.updateTicket({ ticketId: ticket.id, patch: { status: 'open' }, event: { ...event('change'), text: null } });

      const events = await ctx.store.listTicketEvents(ticket.id);
      events.forEach((e) => expect(plainEvent.parse(e)).toEqual(e));
      expect(events.map((e) => [e.kind, e.attachments])).toEqual([
        ['created', []], ['reply', replyFiles], ['note', noteFiles], ['reply', []], ['change', []],
      ]);
      expect((await ctx.store.listTicketEvents(ticket.id, { includeNotes: false })).map((e) => e.attachments)).toEqual([[], replyFiles, [], []]);

      await ctx.store.close();
      ctx.store = await ctx.location.open();
      expect(await ctx.store.listTicketEvents(ticket.id)).toEqual(events);
    });

    it('records an event from outside Parley once per ticket: a second one with its sourceKey changes nothing', async () => {
      const site = await seedSite(ctx.store);
      const ticket = await create(site, { status: 'solved' });
      const other = await create(site);
      const reply = (text: string): NewTicketEventRecord => ({
        kind: 'reply', authorKind: 'requester', authorId: null, authorName: 'Vera', text, changes: [], sourceKey: 'email:<a1@mail.example>',
      });
      expect(await ctx.store.hasTicketEventFrom(ticket.id, 'email:<a1@mail.example>')).toBe(false);
      await ctx.store.updateTicket({ ticketId: ticket.id, patch: { status: 'open' }, event: reply('Still broken') });
      expect(await ctx.store.hasTicketEventFrom(ticket.id, 'email:<a1@mail.example>')).toBe(true);
      await ctx.store.updateTicket({ ticketId: ticket.id, patch: { status: 'solved' }, event: null });

      await expect(
        ctx.store.updateTicket({ ticketId: ticket.id, patch: { status: 'open' }, event: reply('Still broken') }),
      ).rejects.toBeInstanceOf(StoreConflictError);
      expect((await ctx.store.findTicket(ticket.id))?.status).toBe('solved');
      const events = await ctx.store.listTicketEvents(ticket.id);
      expect(events.map((e) => e.text)).toEqual(['Transcript…', 'Still broken']);
      events.forEach((e) => expect(plainEvent.parse(e)).toEqual(e));
      // The key is per ticket, and events without one are never refused for it.
      await ctx.store.updateTicket({ ticketId: other.id, patch: {}, event: reply('Me too') });
      await ctx.store.updateTicket({ ticketId: ticket.id, patch: {}, event: { ...reply('No key'), sourceKey: undefined } });
      await ctx.store.updateTicket({ ticketId: ticket.id, patch: {}, event: { ...reply('No key'), sourceKey: undefined } });
      expect((await ctx.store.listTicketEvents(ticket.id)).map((e) => e.text)).toEqual(['Transcript…', 'Still broken', 'No key', 'No key']);
      expect(await ctx.store.hasTicketEventFrom(other.id, 'email:<a1@mail.example>')).toBe(true);
    });

    it('applies a change made "if unchanged" only to the ticket as its caller read it', async () => {
      const site = await seedSite(ctx.store);
      const read = await create(site, { status: 'solved' });
      const close = (ticket: Ticket) =>
        ctx.store.updateTicket({
          ticketId: ticket.id, patch: { status: 'closed' }, ifUnchanged: { status: ticket.status, updatedAt: ticket.updatedAt },
          event: { kind: 'change', authorKind: 'system', authorId: null, authorName: null, text: null, changes: [{ field: 'status', from: 'solved', to: 'closed' }] },
        });
      // The customer reopens it after it was read: the stale close changes nothing and records nothing.
      await untilClockTicks();
      const reopened = await ctx.store.updateTicket({ ticketId: read.id, patch: { status: 'open' }, event: null });
      expect(await close(read)).toBeNull();
      expect(await ctx.store.findTicket(read.id)).toEqual(reopened);
      expect((await ctx.store.listTicketEvents(read.id)).map((e) => e.kind)).toEqual(['created']);
      // Solved again and read afresh: the close applies, once.
      await untilClockTicks();
      const solvedAgain = (await ctx.store.updateTicket({ ticketId: read.id, patch: { status: 'solved' }, event: null })) as Ticket;
      expect((await close(solvedAgain))?.status).toBe('closed');
      expect(await close(solvedAgain)).toBeNull();
      expect((await ctx.store.listTicketEvents(read.id)).map((e) => e.kind)).toEqual(['created', 'change']);
    });

    it('records a ticket’s first response once: a reply that also claims it does not move it, a move up a tier clears it', async () => {
      // The author is written in the same conditional update as the instant (analytics credits the
      // response to them); analytics.service.test.ts reads it back, the in-memory stand-in having no $project.
      const site = await seedSite(ctx.store);
      const [ann, ben] = [await seedAgent(ctx.store, site.id), await seedAgent(ctx.store, site.id)];
      const ticket = await create(site, { assigneeAgentId: ben.id });
      const reply = (agent: Agent, patch: TicketPatch) =>
        ctx.store.updateTicket({
          ticketId: ticket.id, patch,
          event: { kind: 'reply', authorKind: 'agent', authorId: agent.id, authorName: agent.name, text: 'Hello', changes: [] },
        });

      const first = new Date().toISOString();
      await reply(ann, { firstRespondedAt: first, status: 'open' });
      // Ben's reply was planned from the same unanswered ticket: his status applies, the first response stays Ann's.
      await untilClockTicks();
      const second = await reply(ben, { firstRespondedAt: new Date().toISOString(), status: 'pending' });
      expect(second).toMatchObject({ status: 'pending', firstRespondedAt: first });
      expect(await ctx.store.findTicket(ticket.id)).toEqual(second);
      expect((await ctx.store.listTicketEvents(ticket.id)).map((e) => [e.kind, e.authorId])).toEqual([
        ['created', null], ['reply', ann.id], ['reply', ben.id],
      ]);

      // Up a tier the clock starts again: the next reply is the first response.
      const raised = await ctx.store.updateTicket({ ticketId: ticket.id, patch: { tier: 2, firstRespondedAt: null }, event: null });
      expect(raised).toMatchObject({ tier: 2, firstRespondedAt: null });
      await untilClockTicks();
      const third = new Date().toISOString();
      expect((await reply(ben, { firstRespondedAt: third }))?.firstRespondedAt).toBe(third);
      // A ticket that is gone stays gone, first response or not.
      expect(await ctx.store.updateTicket({ ticketId: newId(), patch: { firstRespondedAt: third }, event: null })).toBeNull();
    });

    it('finds tickets by filters, text, number and view, with a total and paging', async () => {
      const site = await seedSite(ctx.store);
      const [ann, bob] = [await seedAgent(ctx.store, site.id), await seedAgent(ctx.store, site.id)];
      const now = Date.now();
      const at = (ms: number) => new Date(now + ms).toISOString();
      const refund = await create(site, { subject: 'Refund for order 77', priority: 'urgent', tags: ['billing'], assigneeAgentId: ann.id, resolutionDueAt: at(-HOUR) });
      const login = await create(site, { subject: 'Cannot log in', requesterEmail: 'x@Corp.example', tier: 2, firstResponseDueAt: at(HOUR / 4), resolutionDueAt: at(5 * HOUR) });
      const done = await create(site, { subject: 'Thanks!', status: 'solved', assigneeAgentId: bob.id, resolutionDueAt: at(-HOUR) });
      const answered = await create(site, { subject: 'Invoice copy', firstResponseDueAt: at(-HOUR), firstRespondedAt: at(-2 * HOUR), resolutionDueAt: at(HOUR / 2) });
      const late = await create(site, { subject: 'No answer yet', priority: 'low', firstResponseDueAt: at(-HOUR / 2), resolutionDueAt: at(5 * HOUR) });
      await create(await seedSite(ctx.store), { subject: 'Refund elsewhere' });

      const search = async (query: Partial<TicketSearch>) => {
        const result = await ctx.store.searchTickets({
          siteId: site.id, agentId: ann.id, now: at(0), breachingWithinMinutes: 60, view: 'all', sort: 'created_asc',
          limit: 50, offset: 0, ...query,
        });
        return { ids: result.tickets.map((t) => t.id), total: result.total };
      };
      const all = [refund.id, login.id, done.id, answered.id, late.id];
      expect(await search({})).toEqual({ ids: all, total: 5 });
      expect((await search({ status: ['solved'] })).ids).toEqual([done.id]);
      expect((await search({ priority: ['urgent', 'high'] })).ids).toEqual([refund.id]);
      expect((await search({ tier: [2] })).ids).toEqual([login.id]);
      expect((await search({ assigneeAgentId: bob.id })).ids).toEqual([done.id]);
      expect((await search({ tag: 'billing' })).ids).toEqual([refund.id]);
      expect((await search({ search: 'refund' })).ids).toEqual([refund.id]);
      expect((await search({ search: 'corp.EXAMPLE' })).ids).toEqual([login.id]);
      expect((await search({ search: `#${login.number}` })).ids).toEqual([login.id]);
      expect((await search({ search: 'order.*' })).ids).toEqual([]);
      expect((await search({ view: 'mine' })).ids).toEqual([refund.id]);
      expect((await search({ view: 'unassigned' })).ids).toEqual([login.id, answered.id, late.id]);
      expect((await search({ view: 'breached' })).ids).toEqual([refund.id, late.id]);
      expect((await search({ view: 'breaching_soon' })).ids).toEqual([login.id, answered.id]);
      expect(await search({ limit: 2, offset: 1 })).toEqual({ ids: [login.id, done.id], total: 5 });
      expect((await search({ sort: 'created_desc' })).ids).toEqual([...all].reverse());
      expect((await search({ sort: 'priority_desc' })).ids).toEqual([refund.id, login.id, done.id, answered.id, late.id]);
      expect((await search({ sort: 'due_asc' })).ids).toEqual([refund.id, done.id, late.id, login.id, answered.id]);
    });

    it('leaves pending tickets out of the SLA views (their clocks stand still) and keeps the minutes paused', async () => {
      const site = await seedSite(ctx.store);
      const now = Date.now();
      const at = (ms: number) => new Date(now + ms).toISOString();
      const waiting = await create(site, { status: 'pending', pendingSince: at(-2 * HOUR), resolutionDueAt: at(-HOUR) });
      const soon = await create(site, { status: 'pending', pendingSince: at(-2 * HOUR), resolutionDueAt: at(HOUR / 2) });
      const open = await create(site, { status: 'open', resolutionDueAt: at(-HOUR) });
      const view = async (name: TicketSearch['view']) =>
        (await ctx.store.searchTickets({
          siteId: site.id, agentId: 'nobody', now: at(0), breachingWithinMinutes: 60, view: name, sort: 'created_asc', limit: 50, offset: 0,
        })).tickets.map((t) => t.id);
      expect(await view('breached')).toEqual([open.id]);
      expect(await view('breaching_soon')).toEqual([]);
      expect(await view('all')).toEqual([waiting.id, soon.id, open.id]);
      const resumed = await ctx.store.updateTicket({
        ticketId: waiting.id, patch: { status: 'open', pendingSince: null, slaPausedMinutes: 120, resolutionDueAt: at(HOUR / 2) }, event: null,
      });
      expect(resumed).toMatchObject({ status: 'open', pendingSince: null, slaPausedMinutes: 120, resolutionDueAt: at(HOUR / 2) });
      expect(await ctx.store.findTicket(waiting.id)).toEqual(resumed);
      expect(await view('breaching_soon')).toEqual([waiting.id]);
    });

    it('searches text case-insensitively in every script, not only Latin', async () => {
      const site = await seedSite(ctx.store);
      const hello = await create(site, { subject: 'Добры дзень! Пытанне пра ўпакоўку', requesterName: 'Алесь', requesterEmail: 'ales@example.by' });
      const tea = await create(site, { subject: 'Где мой ПУЭР и Oolong?', requesterName: 'Ελένη' });
      await create(site, { subject: 'Something else', requesterName: 'Vera' });
      const found = async (search: string) =>
        (await ctx.store.searchTickets({
          siteId: site.id, agentId: 'nobody', now: new Date().toISOString(), breachingWithinMinutes: 60, view: 'all',
          sort: 'created_asc', limit: 50, offset: 0, search,
        })).tickets.map((t) => t.id);
      for (const text of ['добры', 'ДОБРЫ', 'дОбРы ДЗЕНЬ', 'алесь', 'АЛЕСЬ', 'ЎПАКОЎКУ']) expect(await found(text)).toEqual([hello.id]);
      for (const text of ['пуэр', 'Пуэр', 'OOLONG', 'ελένη', 'ΕΛΈΝΗ']) expect(await found(text)).toEqual([tea.id]);
      expect(await found('дзень%')).toEqual([]);
    });

    it('searches text whatever its accents: "Jose" finds "María José"', async () => {
      const site = await seedSite(ctx.store);
      const maria = await create(site, { subject: 'Problème de facturación', requesterName: 'María José', requesterEmail: 'mj@example.es' });
      const zoe = await create(site, { subject: 'Ёлка не доставлена', requesterName: 'Zoe\u0308 Ωμέγα' }); // "Zoë", stored decomposed
      await create(site, { subject: 'Jos. order', requesterName: 'Josh Mariano' });
      const found = async (search: string) =>
        (await ctx.store.searchTickets({
          siteId: site.id, agentId: 'nobody', now: new Date().toISOString(), breachingWithinMinutes: 60, view: 'all',
          sort: 'created_asc', limit: 50, offset: 0, search,
        })).tickets.map((t) => t.id);
      for (const text of ['Jose', 'José', 'maria jose', 'MARÍA JOSÉ', 'Maria José', 'facturacion', 'PROBLEME']) expect(await found(text)).toEqual([maria.id]);
      for (const text of ['елка', 'ЁЛКА', 'zoe', 'Zoë', 'ωμεγα', 'ΩΜΈΓΑ']) expect(await found(text)).toEqual([zoe.id]);
      expect(await found('josé m')).toEqual([]);
    });

    it('finds solved tickets due to close, pending ones due a reminder once, a visitor’s tickets, and long waits', async () => {
      const { site, visitor, conversation } = await seedConversation(ctx.store);
      const otherSite = await seedSite(ctx.store);
      const hoursAgo = (h: number) => new Date(Date.now() - h * HOUR).toISOString();
      const solved = await create(site, { status: 'solved', solvedAt: hoursAgo(48) });
      const solvedEarlier = await create(site, { status: 'solved', solvedAt: hoursAgo(96) });
      await create(site, { status: 'solved', solvedAt: hoursAgo(1) });
      const elsewhere = await create(otherSite, { status: 'solved', solvedAt: hoursAgo(48) });
      const pending = await create(site, { status: 'pending', pendingSince: hoursAgo(72), visitorId: visitor.id });
      await create(site, { status: 'pending', pendingSince: hoursAgo(1) });
      const ids = (tickets: Ticket[]) => tickets.map((t) => t.id);
      const toClose = (siteId: string, limit = 10) => ctx.store.listTicketsToClose({ siteId, solvedBefore: hoursAgo(24), limit });
      const toRemind = () => ctx.store.listTicketsToRemind({ siteId: site.id, pendingBefore: hoursAgo(24), limit: 10 });

      // Per site, the longest solved first, at most `limit`.
      expect(ids(await toClose(site.id))).toEqual([solvedEarlier.id, solved.id]);
      expect(ids(await toClose(site.id, 1))).toEqual([solvedEarlier.id]);
      expect(ids(await toClose(otherSite.id))).toEqual([elsewhere.id]);
      expect(ids(await toRemind())).toEqual([pending.id]);
      expect(await ctx.store.listTicketsToRemind({ siteId: otherSite.id, pendingBefore: hoursAgo(24), limit: 10 })).toEqual([]);
      await ctx.store.updateTicket({ ticketId: pending.id, patch: { remindedAt: new Date().toISOString() }, event: null });
      expect(await toRemind()).toEqual([]);
      expect(ids(await ctx.store.listVisitorTickets(site.id, visitor.id))).toEqual([pending.id]);
      expect(await ctx.store.listVisitorTickets((await seedSite(ctx.store)).id, visitor.id)).toEqual([]);

      const longWaiting = (siteId: string, queuedBefore: string) => ctx.store.listLongWaiting({ siteId, queuedBefore });
      const inAMinute = new Date(Date.now() + 60_000).toISOString();
      expect((await longWaiting(site.id, inAMinute)).map((c) => c.id)).toEqual([conversation.id]);
      expect(await longWaiting(site.id, hoursAgo(1))).toEqual([]);
      expect(await longWaiting((await seedSite(ctx.store)).id, inAMinute)).toEqual([]);
    });
  });
}
