/** Tickets an agent (or an integration acting for one) opens on a requester's behalf. */
import type { Agent, ApiTicketCreate, Ticket } from '@parley/shared';
import type { Store } from '../store/store';
import type { Broadcaster } from './broadcaster.port';
import { customerLanguage } from './customer-language';
import { DomainError } from './domain-error';
import { NO_DOMAIN_EVENTS, type DomainEvents } from './domain-events.port';
import type { TicketNotifier } from './ticket-notifier';
import { slaDues } from './ticket-sla';

export interface TicketIntakeDeps {
  store: Store;
  broadcaster: Broadcaster;
  notifier: TicketNotifier;
  events?: DomainEvents;
  now?: () => Date;
}

export function createTicketIntakeService({ store, broadcaster, notifier, events = NO_DOMAIN_EVENTS, now = () => new Date() }: TicketIntakeDeps) {
  /** Everything the ticket names must belong to the agent's site. */
  async function assertOwnReferences(agent: Agent, input: ApiTicketCreate): Promise<void> {
    if (input.assigneeAgentId) {
      const assignee = await store.findAgentById(input.assigneeAgentId);
      if (!assignee || assignee.siteId !== agent.siteId) throw new DomainError('AGENT_NOT_FOUND', 'There is no such agent on this site.');
    }
    if (input.departmentId && !(await store.listDepartments(agent.siteId)).some((d) => d.id === input.departmentId)) {
      throw new DomainError('NOT_FOUND', 'There is no such department on this site.');
    }
    if (input.visitorId) {
      const visitor = await store.findVisitorById(input.visitorId);
      if (!visitor || visitor.siteId !== agent.siteId) throw new DomainError('NOT_FOUND', 'There is no such contact.');
    }
  }

  return {
    async createByAgent(agent: Agent, input: ApiTicketCreate): Promise<Ticket> {
      await assertOwnReferences(agent, input);
      const site = await store.findSiteById(agent.siteId);
      if (!site) throw new DomainError('SITE_NOT_FOUND', 'This site no longer exists.');
      const from = now();
      const { ticket } = await store.createTicket({
        ticket: {
          siteId: site.id, conversationId: null, visitorId: input.visitorId ?? null, subject: input.subject,
          requesterName: input.requesterName ?? null, requesterEmail: input.requesterEmail ?? null, requesterLocale: input.requesterLocale ?? customerLanguage(site.settings, []),
          status: 'new', priority: input.priority, tier: input.tier, departmentId: input.departmentId, assigneeAgentId: input.assigneeAgentId,
          tags: [...new Set(input.tags)], source: 'agent', tierStartedAt: from.toISOString(),
          ...slaDues(site, { priority: input.priority, tier: input.tier, from }),
          firstRespondedAt: null, solvedAt: null, closedAt: null, pendingSince: null,
        },
        createdEvent: {
          kind: 'created', authorKind: 'agent', authorId: agent.id, authorName: agent.name, text: input.text,
          changes: [{ field: 'source', from: null, to: 'agent' }],
        },
      });
      broadcaster.ticketUpdated(ticket);
      events.ticketCreated(ticket);
      await notifier.received(site, ticket);
      return ticket;
    },
  };
}

export type TicketIntakeService = ReturnType<typeof createTicketIntakeService>;
