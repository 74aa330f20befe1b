/** Working tickets: agents reply, note, change status, priority, tier and assignment; requesters reply and rate. */
import type {
  Agent,
  Rating,
  Site,
  Ticket,
  TicketChange,
  TicketQuery,
  TicketReply,
  TicketStatus,
  TicketUpdate,
  TicketWithTimeline,
} from '@parley/shared';
import { hasTextOrFiles, MESSAGE_MAX_LENGTH, SendTextSchema } from '@parley/shared';
import { StoreConflictError, type NewTicketEventRecord, type Store, type TicketPatch } from '../store/store';
import type { Broadcaster } from './broadcaster.port';
import { DomainError } from './domain-error';
import { NO_DOMAIN_EVENTS, type DomainEvents } from './domain-events.port';
import type { TicketLinks } from './ticket-links';
import type { TicketNotifier } from './ticket-notifier';
import { requesterOf, withClaimedTicketFiles } from './ticket-attachments';
import { slaForTierAndPriority, slaResumed } from './ticket-sla';

/** A requester's answer to one of the ticket's e-mails, as it arrived. */
export interface RequesterEmailReply {
  /** The From address: the only sign of who wrote. */
  fromAddress: string;
  /** What they wrote above the quoted e-mail. */
  text: string;
  /** The e-mail's Message-ID: the same one delivered again is taken once. */
  messageId?: string;
  /** Stores the e-mail's files for the ticket (once the reply is known to be taken) and answers their ids. */
  storeFiles?: (ticket: Ticket) => Promise<string[]>;
}

export interface TicketServiceDeps {
  store: Store;
  broadcaster: Broadcaster;
  notifier: TicketNotifier;
  links: TicketLinks;
  now?: () => Date;
  events?: DomainEvents;
}

const notFound = () => new DomainError('NOT_FOUND', 'There is no such ticket.');
const BREACHING_SOON_MINUTES = 60;
const DAY_MS = 24 * 3600_000;
/** Tickets a sweep closes or reminds per site: a backlog (after downtime, or a site lowering its delay) goes over several sweeps, never in one long stop. */
const SWEEP_BATCH = 100;

type Field = keyof TicketUpdate;

export function createTicketService({ store, broadcaster, notifier, links, now = () => new Date(), events = NO_DOMAIN_EVENTS }: TicketServiceDeps) {
  async function ticketForAgent(agent: Agent, ticketId: string): Promise<{ ticket: Ticket; site: Site }> {
    const ticket = await store.findTicket(ticketId);
    if (!ticket || ticket.siteId !== agent.siteId) throw notFound();
    const site = await store.findSiteById(ticket.siteId);
    if (!site) throw notFound();
    return { ticket, site };
  }

  /** What a status change implies for the clocks and timestamps. */
  function statusPatch(site: Site, ticket: Ticket, { status, at }: { status: Ticket['status']; at: Date }): TicketPatch {
    // Leaving pending: the SLA clocks, stopped while the requester had the ball, run on.
    const patch: TicketPatch = { ...slaResumed(site, ticket, at), status };
    const atIso = at.toISOString();
    if (status === 'solved') patch.solvedAt = atIso;
    if (status === 'closed') patch.closedAt = atIso;
    if (status === 'pending') patch.pendingSince = atIso;
    // Reopened (from solved or from closed): the old timestamps would read as the SLA met and the
    // ticket finished, while its clocks run again.
    if (ticket.solvedAt && status !== 'solved' && status !== 'closed') patch.solvedAt = null;
    if (ticket.closedAt && status !== 'closed') patch.closedAt = null;
    return patch;
  }

  /** Turns an update request into a patch, the changes for the timeline, and fresh SLA clocks. */
  async function planUpdate(site: Site, ticket: Ticket, update: TicketUpdate): Promise<{ patch: TicketPatch; changes: TicketChange[] }> {
    const at = now();
    let patch: TicketPatch = {};
    const changes: TicketChange[] = [];
    if (update.tier !== undefined && update.tier > ticket.tier && update.assigneeAgentId === undefined && ticket.assigneeAgentId) {
      // Escalating hands the ticket to the higher tier's queue, as escalating a chat does: it stays
      // with the agent who escalated only if the same update says so.
      update = { ...update, assigneeAgentId: null };
    }
    for (const field of Object.keys(update) as Field[]) {
      const to = update[field];
      const from = ticket[field];
      if (to === undefined || JSON.stringify(to) === JSON.stringify(from)) continue;
      changes.push({ field, from: Array.isArray(from) ? from.join(',') : (from ?? null), to: Array.isArray(to) ? to.join(',') : (to ?? null) });
    }
    if (update.assigneeAgentId && update.assigneeAgentId !== ticket.assigneeAgentId) {
      const assignee = await store.findAgentById(update.assigneeAgentId);
      if (!assignee || assignee.siteId !== site.id) throw new DomainError('AGENT_NOT_FOUND', 'There is no such agent on this site.');
      // A deactivated agent cannot sign in to answer it, and it would be missing from Unassigned.
      if (!assignee.active) throw new DomainError('AGENT_NOT_FOUND', `${assignee.name} is deactivated; assign the ticket to an active agent.`);
    }
    if (update.departmentId && !(await store.listDepartments(site.id)).some((d) => d.id === update.departmentId)) {
      throw new DomainError('NOT_FOUND', 'There is no such department on this site.');
    }
    const changed = new Set(changes.map((c) => c.field));
    for (const field of ['priority', 'tier', 'assigneeAgentId', 'departmentId', 'tags', 'subject'] as const) {
      if (changed.has(field)) patch = { ...patch, [field]: update[field] };
    }
    if (update.status && changed.has('status')) patch = { ...patch, ...statusPatch(site, ticket, { status: update.status, at }) };
    Object.assign(patch, slaForTierAndPriority(site, ticket, {
      tier: update.tier ?? ticket.tier, priority: update.priority ?? ticket.priority, at,
      pausedMinutes: patch.slaPausedMinutes ?? ticket.slaPausedMinutes,
    }));
    return { patch, changes };
  }

  async function apply(site: Site, ticket: Ticket, input: { patch: TicketPatch; event: NewTicketEventRecord | null }): Promise<Ticket> {
    const updated = await store.updateTicket({ ticketId: ticket.id, ...input });
    if (!updated) throw notFound();
    broadcaster.ticketUpdated(updated);
    events.ticketUpdated(updated);
    return updated;
  }

  const agentEvent = (agent: Agent, event: Omit<NewTicketEventRecord, 'authorKind' | 'authorId' | 'authorName'>): NewTicketEventRecord => ({
    ...event, authorKind: 'agent', authorId: agent.id, authorName: agent.name,
  });

  /** Records a planned update (nothing, when it changes nothing) and tells the requester of a new status. */
  async function applyPlanned(
    agent: Agent,
    { site, ticket, plan }: { site: Site; ticket: Ticket; plan: { patch: TicketPatch; changes: TicketChange[] } },
  ): Promise<Ticket> {
    if (plan.changes.length === 0) return ticket;
    const updated = await apply(site, ticket, { patch: plan.patch, event: agentEvent(agent, { kind: 'change', text: null, changes: plan.changes }) });
    if (updated.status !== ticket.status) await notifier.statusChanged(site, updated);
    return updated;
  }

  /** A requester's answer, from the page or by e-mail; it reopens a solved or pending ticket. */
  async function replyAsRequester(ticket: Ticket, reply: { text: string; sourceKey?: string; attachmentIds?: string[] }): Promise<Ticket> {
    const { text, sourceKey } = reply;
    if (ticket.status === 'closed') throw new DomainError('CONVERSATION_CLOSED', 'This request is closed; please open a new one.');
    // A file alone is a reply (a screenshot says enough); nothing at all is not.
    if (!hasTextOrFiles({ text, attachments: reply.attachmentIds })) throw new DomainError('VALIDATION_FAILED', 'The reply must have text or a file.');
    const reopen = ticket.status === 'solved' || ticket.status === 'pending' || ticket.status === 'on_hold';
    const site = reopen ? await store.findSiteById(ticket.siteId) : null;
    const claim = { ids: reply.attachmentIds ?? [], siteId: ticket.siteId, ticketId: ticket.id, uploader: requesterOf(ticket), internal: false };
    // A ticket gone meanwhile throws inside, so its files are freed again.
    const { updated } = await withClaimedTicketFiles(store, claim, async (files) => {
      const recorded = await store.updateTicket({
        ticketId: ticket.id,
        // The requester answering a pending ticket hands it back: its SLA clocks run on from here.
        patch: reopen ? { ...(site ? slaResumed(site, ticket, now()) : {}), status: 'open', solvedAt: null, pendingSince: null } : {},
        event: {
          kind: 'reply', authorKind: 'requester', authorId: ticket.visitorId, authorName: ticket.requesterName, text,
          changes: reopen ? [{ field: 'status', from: ticket.status, to: 'open' }] : [],
          ...(sourceKey ? { sourceKey } : {}),
          ...(files ? { attachments: files } : {}),
        },
      });
      if (!recorded) throw notFound();
      return recorded;
    });
    broadcaster.ticketUpdated(updated);
    events.ticketUpdated(updated);
    return updated;
  }

  const service = {
    async search(agent: Agent, query: TicketQuery): Promise<{ tickets: Ticket[]; total: number }> {
      return store.searchTickets({
        ...query, siteId: agent.siteId, agentId: agent.id, now: now().toISOString(), breachingWithinMinutes: BREACHING_SOON_MINUTES,
      });
    },

    async open(agent: Agent, ticketId: string): Promise<TicketWithTimeline> {
      const { ticket } = await ticketForAgent(agent, ticketId);
      return { ticket, events: await store.listTicketEvents(ticket.id) };
    },

    async update(agent: Agent, ticketId: string, update: TicketUpdate): Promise<Ticket> {
      const { ticket, site } = await ticketForAgent(agent, ticketId);
      return applyPlanned(agent, { site, ticket, plan: await planUpdate(site, ticket, update) });
    },

    /**
     * The same update for every ticket, or for none: all of them are found and every plan made
     * before the first is applied (and e-mailed), so a refusal never follows half a batch done.
     */
    async bulkUpdate(agent: Agent, ticketIds: string[], update: TicketUpdate): Promise<Ticket[]> {
      const ids = [...new Set(ticketIds)];
      const found = await Promise.all(ids.map((id) => store.findTicket(id)));
      const tickets = found.filter((ticket): ticket is Ticket => ticket !== null && ticket.siteId === agent.siteId);
      if (tickets.length < ids.length) {
        // Counted, not named: another site's ticket must read exactly as a missing one (tenant isolation).
        const missing = ids.length - tickets.length;
        throw new DomainError(
          'NOT_FOUND',
          `No ticket was changed: ${missing} of the ${ids.length} selected no longer exist${missing === 1 ? 's' : ''}.`,
          { field: 'ticketIds' },
        );
      }
      const site = await store.findSiteById(agent.siteId);
      if (!site) throw notFound();
      const planned = [];
      for (const ticket of tickets) planned.push({ site, ticket, plan: await planUpdate(site, ticket, update) });
      const updated: Ticket[] = [];
      for (const one of planned) updated.push(await applyPlanned(agent, one));
      return updated;
    },

    /** A public reply (e-mailed to the requester) or an internal note, optionally with a status. */
    async reply(agent: Agent, ticketId: string, reply: TicketReply): Promise<Ticket> {
      const { ticket, site } = await ticketForAgent(agent, ticketId);
      // The requester can no longer answer a closed ticket (their page says to open a new one), so
      // an e-mailed reply would ask them something they cannot reply to.
      if (!reply.internal && ticket.status === 'closed') {
        throw new DomainError('CONVERSATION_CLOSED', 'This ticket is closed; the requester has to open a new one.');
      }
      // For the same reason a public reply cannot close it: its e-mail would invite an answer that bounces.
      if (!reply.internal && reply.status === 'closed') {
        throw new DomainError(
          'VALIDATION_FAILED',
          'A public reply cannot close the ticket: the requester could not answer it. Set it to solved instead (it closes by itself later).',
          { field: 'status' },
        );
      }
      const at = now();
      let patch: TicketPatch = {};
      const changes: TicketChange[] = [];
      if (!reply.internal) {
        if (!ticket.firstRespondedAt) patch.firstRespondedAt = at.toISOString();
        const status = reply.status ?? (ticket.status === 'new' || ticket.status === 'solved' ? 'open' : ticket.status);
        if (status !== ticket.status) {
          patch = { ...patch, ...statusPatch(site, ticket, { status, at }) };
          changes.push({ field: 'status', from: ticket.status, to: status });
        }
        if (!ticket.assigneeAgentId) {
          // Taking an unassigned ticket by answering it is an assignment like any other: the timeline says so.
          patch.assigneeAgentId = agent.id;
          changes.push({ field: 'assigneeAgentId', from: null, to: agent.id });
        }
      } else if (reply.status && reply.status !== ticket.status) {
        patch = statusPatch(site, ticket, { status: reply.status, at });
        changes.push({ field: 'status', from: ticket.status, to: reply.status });
      }
      const claim = { ids: reply.attachments ?? [], siteId: site.id, ticketId: ticket.id, uploader: { kind: 'agent', id: agent.id }, internal: reply.internal } as const;
      const { updated, attachments } = await withClaimedTicketFiles(store, claim, (files) =>
        apply(site, ticket, {
          patch, event: agentEvent(agent, { kind: reply.internal ? 'note' : 'reply', text: reply.text, changes, attachments: files }),
        }),
      );
      const statusChanged = updated.status !== ticket.status;
      // A note's text stays inside; only the status it set is news to the customer.
      if (!reply.internal) {
        await notifier.reply(site, updated, { agentName: agent.name, text: reply.text, statusChanged, files: attachments });
      } else if (statusChanged) {
        await notifier.statusChanged(site, updated);
      }
      return updated;
    },

    /** The ticket a page link opens; NOT_FOUND for a link that opens none. */
    async requesterTicket(token: string): Promise<Ticket> {
      const ticketId = links.ticketIdFrom(token);
      const ticket = ticketId ? await store.findTicket(ticketId) : null;
      if (!ticket) throw notFound();
      return ticket;
    },

    /** The public page: the ticket a link opens, with its public timeline. */
    /** The requester's page: their ticket, its public timeline, and whose helpdesk it is. */
    async requesterView(token: string): Promise<TicketWithTimeline & { siteName: string }> {
      const ticket = await service.requesterTicket(token);
      const [events, site] = await Promise.all([store.listTicketEvents(ticket.id, { includeNotes: false }), store.findSiteById(ticket.siteId)]);
      return { ticket, events, siteName: site?.name ?? '' };
    },

    /** The requester answers from the public page; a reply reopens a solved or pending ticket. */
    /** `attachmentIds`: files uploaded for this ticket's requester (uploadForRequester) and not sent yet. */
    async requesterReply(token: string, text: string, attachmentIds: string[] = []): Promise<Ticket> {
      const ticket = await service.requesterTicket(token);
      return replyAsRequester(ticket, { text, attachmentIds });
    },

    /**
     * The requester answers one of the ticket's e-mails (at its reply address): as on the page, but
     * only from the address the ticket's e-mails go to, since a From line is all that says who wrote.
     */
    async requesterEmailReply(ticketId: string, { fromAddress, text, messageId, storeFiles }: RequesterEmailReply): Promise<Ticket> {
      const ticket = await store.findTicket(ticketId);
      if (!ticket) throw notFound();
      if (!ticket.requesterEmail || ticket.requesterEmail.toLowerCase() !== fromAddress.trim().toLowerCase()) {
        throw new DomainError('FORBIDDEN', "Replies are taken only from the address this request's e-mails are sent to.");
      }
      // Checked before any file is stored; a blank text is refused after, unless files came with it.
      // The sender reads this in a bounce, where the reply is lost: they are told how to still send it.
      const reply = SendTextSchema.safeParse(text);
      if (!reply.success) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `Your reply is too long: at most ${MESSAGE_MAX_LENGTH.toLocaleString('en-US')} characters. ` +
            `Please shorten it, or answer on the request's page: ${links.linkFor(ticket.id)}`,
          { field: 'text' },
        );
      }
      // A sending server that did not hear our answer delivers the same e-mail again: taken once.
      const sourceKey = messageId ? `email:${messageId}` : undefined;
      if (sourceKey && (await store.hasTicketEventFrom(ticket.id, sourceKey))) return ticket;
      // The e-mail's files are stored only now: a reply from a stranger or a second delivery leaves none behind.
      const attachmentIds = storeFiles ? await storeFiles(ticket) : [];
      if (!hasTextOrFiles({ text: reply.data, attachments: attachmentIds })) {
        throw new DomainError('VALIDATION_FAILED', 'Your e-mail has no reply in it. Write your answer above the quoted e-mail.', { field: 'text' });
      }
      try {
        return await replyAsRequester(ticket, { text: reply.data, sourceKey, attachmentIds });
      } catch (error) {
        if (!(sourceKey && error instanceof StoreConflictError)) throw error;
        return (await store.findTicket(ticket.id)) ?? ticket;
      }
    },
    async requesterRate(token: string, rating: Rating): Promise<Ticket> {
      const { ticket } = await service.requesterView(token);
      if (ticket.status !== 'solved' && ticket.status !== 'closed') {
        throw new DomainError('VALIDATION_FAILED', 'You can rate a request once it is solved.');
      }
      const updated = await store.updateTicket({
        ticketId: ticket.id,
        patch: { rating: rating.score, ratingComment: rating.comment ?? null },
        event: {
          kind: 'rating', authorKind: 'requester', authorId: ticket.visitorId, authorName: ticket.requesterName,
          text: rating.comment ?? null, changes: [{ field: 'rating', from: ticket.rating, to: rating.score }],
        },
      });
      if (!updated) throw notFound();
      broadcaster.ticketUpdated(updated);
      events.ticketUpdated(updated);
      events.ratingCreated({ target: 'ticket', ticket: updated, score: rating.score, comment: rating.comment ?? null });
      return updated;
    },

    /** Periodic duty: close tickets solved long ago; remind customers we are waiting on. */
    async sweep(): Promise<{ closed: number; reminded: number }> {
      const at = now();
      const daysAgo = (days: number) => new Date(at.getTime() - days * DAY_MS).toISOString();
      let closed = 0;
      let reminded = 0;
      // Each site's own delays, in the query: tickets still within them are not even read.
      for (const site of await store.listSites()) {
        const toClose = await store.listTicketsToClose({
          siteId: site.id, solvedBefore: daysAgo(site.settings.autoCloseSolvedAfterDays), limit: SWEEP_BATCH,
        });
        // ifUnchanged: every process sweeps; one closes, and a ticket a customer reopened meanwhile stays open.
        for (const ticket of toClose) {
          const updated = await store.updateTicket({
            ticketId: ticket.id, patch: { status: 'closed', closedAt: at.toISOString() }, ifUnchanged: ticket,
            event: { kind: 'change', authorKind: 'system', authorId: null, authorName: null, text: null, changes: [{ field: 'status', from: 'solved', to: 'closed' }] },
          });
          if (!updated) continue;
          broadcaster.ticketUpdated(updated);
          events.ticketUpdated(updated);
          closed += 1;
        }
        const toRemind = await store.listTicketsToRemind({
          siteId: site.id, pendingBefore: daysAgo(site.settings.pendingReminderAfterDays), limit: SWEEP_BATCH,
        });
        for (const ticket of toRemind) {
          // The process whose update lands sends the reminder; another that read the ticket too sends none.
          const marked = await store.updateTicket({ ticketId: ticket.id, patch: { remindedAt: at.toISOString() }, event: null, ifUnchanged: ticket });
          if (!marked) continue;
          await notifier.pendingReminder(site, ticket);
          reminded += 1;
        }
      }
      return { closed, reminded };
    },
  };
  return service;
}

export type TicketService = ReturnType<typeof createTicketService>;

/** Tickets someone still has work on. */
const UNSOLVED: TicketStatus[] = ['new', 'open', 'pending', 'on_hold'];

/**
 * Gives a deactivated agent's unsolved tickets back to the Unassigned queue, each with the
 * timeline line any unassignment gets (by the admin who deactivated them). A ticket someone changes
 * meanwhile is read again, so a colleague who just took it over keeps it. Answers how many.
 */
export async function releaseAgentTickets(
  { store, broadcaster, events = NO_DOMAIN_EVENTS }: Pick<TicketServiceDeps, 'store' | 'broadcaster' | 'events'>,
  { actor, agent }: { actor: Agent; agent: Agent },
): Promise<number> {
  let released = 0;
  // Stops once none are left, or (against a ticket changing all the time) after rounds that release none.
  for (let idleRounds = 0; idleRounds < 3; ) {
    const { tickets } = await store.searchTickets({
      siteId: agent.siteId, agentId: actor.id, view: 'all', status: UNSOLVED, assigneeAgentId: agent.id,
      sort: 'created_asc', limit: SWEEP_BATCH, offset: 0, now: new Date().toISOString(), breachingWithinMinutes: BREACHING_SOON_MINUTES,
    });
    if (tickets.length === 0) break;
    let releasedNow = 0;
    for (const ticket of tickets) {
      const updated = await store.updateTicket({
        ticketId: ticket.id, patch: { assigneeAgentId: null }, ifUnchanged: ticket,
        event: {
          kind: 'change', authorKind: 'agent', authorId: actor.id, authorName: actor.name, text: null,
          changes: [{ field: 'assigneeAgentId', from: agent.id, to: null }],
        },
      });
      if (!updated) continue;
      broadcaster.ticketUpdated(updated);
      events.ticketUpdated(updated);
      releasedNow += 1;
    }
    released += releasedNow;
    idleRounds = releasedNow === 0 ? idleRounds + 1 : 0;
  }
  return released;
}
