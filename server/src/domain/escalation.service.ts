/**
 * Turning chats into tickets so no visitor is left without an answer: when nobody picks a chat
 * up in time, when the visitor leaves it unanswered, when an agent escalates it, or when the
 * visitor writes through the offline form. Exactly one ticket per conversation, held by the store.
 */
import type {
  Agent,
  Conversation,
  EscalateRequest,
  OfflineRequest,
  Site,
  Ticket,
  TicketPriority,
  TicketSource,
  TicketChange,
  Tier,
} from '@parley/shared';
import type { Store, TicketPatch, Visitor } from '../store/store';
import type { Broadcaster } from './broadcaster.port';
import { chatTranscript, ENGLISH_TRANSCRIPT_LABELS, type TranscriptLabelsFor } from './chat-transcript';
import { customerLanguage } from './customer-language';
import { DomainError } from './domain-error';
import { assertHelpingOrAdmin } from './chat-handlers';
import { NO_DOMAIN_EVENTS, type DomainEvents } from './domain-events.port';
import type { TicketNotifier } from './ticket-notifier';
import { slaDues, slaForTierAndPriority, slaResumed } from './ticket-sla';
import { ENGLISH_FALLBACK_SUBJECTS, ticketSubject, type FallbackSubjectsFor } from './ticket-subject';

export interface EscalationServiceDeps {
  store: Store;
  broadcaster: Broadcaster;
  notifier: TicketNotifier;
  now?: () => Date;
  events?: DomainEvents;
  /** Called when a chat leaves the queue or an agent's slot frees (routing reassigns, positions move). */
  onQueueChanged?: (siteId: string) => Promise<void>;
  /** The words for unnamed authors in the transcript, in the requester's language. */
  transcriptLabels?: TranscriptLabelsFor;
  /** A ticket's subject when the requester wrote no text, in their language. */
  fallbackSubjects?: FallbackSubjectsFor;
}

/**
 * What escalating a chat does to the ticket it already has: the higher of the two tiers (a move up
 * starts the new tier's clocks and hands the ticket to its queue, as a ticket update does), the
 * chosen priority, and work owed again if the ticket was solved, closed or waiting on the requester,
 * who is back in the chat.
 */
export function reEscalation(
  site: Site,
  ticket: Ticket,
  request: { tier?: Tier; priority?: TicketPriority; actor: Agent; at: Date },
): { patch: TicketPatch; changes: TicketChange[] } {
  const { at, actor } = request;
  const tier = request.tier !== undefined && request.tier > ticket.tier ? request.tier : ticket.tier;
  const priority = request.priority ?? ticket.priority;
  const changes: TicketChange[] = [];
  let patch: TicketPatch = {};
  if (ticket.status === 'solved' || ticket.status === 'closed' || ticket.status === 'pending') {
    patch = { ...slaResumed(site, ticket, at), status: 'open', solvedAt: null, closedAt: null, pendingSince: null };
    changes.push({ field: 'status', from: ticket.status, to: 'open' });
  }
  if (priority !== ticket.priority) {
    patch.priority = priority;
    changes.push({ field: 'priority', from: ticket.priority, to: priority });
  }
  // As on a first escalation: tier 1 stays with the agent who escalated, a higher tier goes to its queue.
  const assignee = tier > ticket.tier ? null : (ticket.assigneeAgentId ?? (tier === 1 ? actor.id : null));
  if (assignee !== ticket.assigneeAgentId) {
    patch.assigneeAgentId = assignee;
    changes.push({ field: 'assigneeAgentId', from: ticket.assigneeAgentId, to: assignee });
  }
  if (tier !== ticket.tier) {
    patch.tier = tier;
    changes.push({ field: 'tier', from: ticket.tier, to: tier });
  }
  Object.assign(patch, slaForTierAndPriority(site, ticket, { tier, priority, at, pausedMinutes: patch.slaPausedMinutes ?? ticket.slaPausedMinutes }));
  return { patch, changes };
}

export function createEscalationService(deps: EscalationServiceDeps) {
  const { store, broadcaster, notifier, now = () => new Date(), events = NO_DOMAIN_EVENTS } = deps;
  const transcriptLabels = deps.transcriptLabels ?? ENGLISH_TRANSCRIPT_LABELS;
  const fallbackSubjects = deps.fallbackSubjects ?? ENGLISH_FALLBACK_SUBJECTS;
  const onQueueChanged = deps.onQueueChanged ?? (async () => undefined);
  async function siteOf(siteId: string): Promise<Site> {
    const site = await store.findSiteById(siteId);
    if (!site) throw new DomainError('SITE_NOT_FOUND', 'This site no longer exists.');
    return site;
  }

  interface TicketFromChat {
    conversation: Conversation;
    source: TicketSource;
    tier?: Tier;
    priority?: TicketPriority;
    actor?: Agent;
    note?: string;
  }

  async function ticketFromConversation(input: TicketFromChat): Promise<Ticket> {
    const { conversation } = input;
    if (conversation.ticketId) {
      const existing = await store.findTicket(conversation.ticketId);
      if (existing) return alreadyTicket(existing, input);
    }
    const [site, visitor, messages] = await Promise.all([
      siteOf(conversation.siteId),
      store.findVisitorById(conversation.visitorId),
      store.listMessages({ conversationId: conversation.id, includeInternal: false, limit: 5000 }),
    ]);
    const priority = input.priority ?? 'normal';
    const tier = input.tier ?? 1;
    const from = now();
    const firstVisitorText = messages.find((m) => m.author.kind === 'visitor')?.text;
    const requesterLocale = customerLanguage(site.settings, [conversation.locale, visitor?.locale]);
    const { ticket, created } = await store.createTicket({
      ticket: {
        siteId: site.id, conversationId: conversation.id, visitorId: conversation.visitorId,
        subject: ticketSubject(firstVisitorText, fallbackSubjects(requesterLocale).chat(visitor?.name ?? null)),
        requesterName: visitor?.name ?? null, requesterEmail: visitor?.email ?? null,
        requesterLocale,
        status: 'new', priority, tier, departmentId: conversation.departmentId,
        assigneeAgentId: input.source === 'agent_escalation' && tier === 1 ? (input.actor?.id ?? null) : null,
        tags: [], source: input.source, tierStartedAt: from.toISOString(), ...slaDues(site, { priority, tier, from }),
        firstRespondedAt: null, solvedAt: null, closedAt: null, pendingSince: null,
      },
      createdEvent: {
        kind: 'created',
        authorKind: input.actor ? 'agent' : 'system',
        authorId: input.actor?.id ?? null,
        authorName: input.actor?.name ?? null,
        // The ticket's first timeline entry: read by the requester on their page and by agents alike.
        text: chatTranscript(messages, transcriptLabels(requesterLocale, 'anyone')) || null,
        changes: [{ field: 'source', from: null, to: input.source }],
      },
    });
    // Another trigger made this chat's ticket first (a race): the agent's choices go onto that one.
    if (!created) return alreadyTicket(ticket, input);
    // The escalating agent's note is for the next tier, not the customer: an internal note, which
    // the requester's page and e-mails leave out (the created entry, with the transcript, is public).
    if (input.note && input.actor) {
      await store.updateTicket({
        ticketId: ticket.id, patch: {},
        event: { kind: 'note', authorKind: 'agent', authorId: input.actor.id, authorName: input.actor.name, text: input.note, changes: [] },
      });
    }
    broadcaster.ticketUpdated(ticket);
    events.ticketCreated(ticket);
    const resolved = await store.findConversation(conversation.id);
    if (resolved) broadcaster.conversationUpdated(resolved);
    if (resolved) events.conversationResolved(resolved);
    broadcaster.visitorTicketCreated(conversation, { ticketNumber: ticket.number, emailOnFile: Boolean(ticket.requesterEmail) });
    await notifier.received(site, ticket);
    // The chat left the queue: everyone behind it moves up.
    await onQueueChanged(site.id);
    return ticket;
  }

  /**
   * The chat already has its ticket. Only an agent's escalation (of a chat reopened after it became
   * a ticket, or racing another trigger) brings anything: it escalates that ticket, so the tier,
   * priority and note the agent chose are never dropped, and the chat goes back to the ticket as on
   * a first escalation. Timeouts and a visitor leaving leave the ticket as it is.
   */
  async function alreadyTicket(ticket: Ticket, input: TicketFromChat): Promise<Ticket> {
    if (input.source !== 'agent_escalation' || !input.actor) return ticket;
    const { actor, note } = input;
    const site = await siteOf(ticket.siteId);
    const { patch, changes } = reEscalation(site, ticket, { tier: input.tier, priority: input.priority, actor, at: now() });
    let escalated = ticket;
    if (changes.length > 0 || note) {
      // One write: the changes and the note (internal: the next tier's, not the customer's) together.
      const updated = await store.updateTicket({
        ticketId: ticket.id, patch,
        event: { kind: note ? 'note' : 'change', authorKind: 'agent', authorId: actor.id, authorName: actor.name, text: note ?? null, changes },
      });
      if (!updated) throw new DomainError('NOT_FOUND', 'There is no such ticket.');
      escalated = updated;
      broadcaster.ticketUpdated(escalated);
      events.ticketUpdated(escalated);
    }
    const resolved = await store.resolveConversation(input.conversation.id);
    if (resolved) {
      broadcaster.conversationUpdated(resolved);
      events.conversationResolved(resolved);
      broadcaster.visitorTicketCreated(resolved, { ticketNumber: escalated.number, emailOnFile: Boolean(escalated.requesterEmail) });
      await onQueueChanged(site.id);
    }
    return escalated;
  }

  const service = {
    /** An agent hands a chat over to the ticket queue, possibly to a higher tier. */
    async escalateByAgent(agent: Agent, request: EscalateRequest): Promise<Ticket> {
      const conversation = await store.findConversation(request.conversationId);
      if (!conversation || conversation.siteId !== agent.siteId) {
        throw new DomainError('CONVERSATION_NOT_FOUND', 'This conversation does not exist.');
      }
      // A colleague's live chat is theirs to end, as with resolving it; a waiting one anyone may take on.
      if (conversation.status === 'assigned') assertHelpingOrAdmin(agent, conversation);
      return ticketFromConversation({
        conversation, source: 'agent_escalation', tier: request.tier, priority: request.priority, actor: agent, note: request.note,
      });
    },

    /** The visitor ends the chat: unanswered, it becomes a ticket; answered, it is simply resolved. */
    async visitorEnds(visitor: Visitor): Promise<{ conversation: Conversation | null; ticket: Ticket | null }> {
      const conversation = await store.findOpenConversation(visitor.siteId, visitor.id);
      if (!conversation) return { conversation: null, ticket: null };
      if (!conversation.firstResponseAt) {
        const ticket = await ticketFromConversation({ conversation, source: 'visitor_left' });
        return { conversation: await store.findConversation(conversation.id), ticket };
      }
      const resolved = await store.resolveConversation(conversation.id);
      if (resolved) broadcaster.conversationUpdated(resolved);
      if (resolved) events.conversationResolved(resolved);
      await onQueueChanged(visitor.siteId);
      return { conversation: resolved, ticket: null };
    },

    /** The offline form: nobody online or out of hours. The visitor is told the ticket number. */
    async fromOfflineForm(visitor: Visitor, request: OfflineRequest): Promise<Ticket> {
      const site = await siteOf(visitor.siteId);
      const identified = (await store.identifyVisitor(visitor.id, { email: request.email, name: request.name })) ?? visitor;
      const priority: TicketPriority = 'normal';
      const from = now();
      const requesterLocale = customerLanguage(site.settings, [identified.locale]);
      const { ticket } = await store.createTicket({
        ticket: {
          siteId: site.id, conversationId: null, visitorId: visitor.id,
          subject: ticketSubject(request.message, fallbackSubjects(requesterLocale).offlineMessage),
          requesterName: identified.name, requesterEmail: request.email,
          requesterLocale,
          status: 'new', priority, tier: 1, departmentId: site.settings.defaultDepartmentId, assigneeAgentId: null,
          tags: [], source: 'offline_form', tierStartedAt: from.toISOString(), ...slaDues(site, { priority, tier: 1, from }),
          firstRespondedAt: null, solvedAt: null, closedAt: null, pendingSince: null,
        },
        createdEvent: {
          kind: 'created', authorKind: 'requester', authorId: visitor.id, authorName: identified.name,
          text: request.message, changes: [{ field: 'source', from: null, to: 'offline_form' }],
        },
      });
      broadcaster.ticketUpdated(ticket);
      events.ticketCreated(ticket);
      await notifier.received(site, ticket);
      return ticket;
    },

    /** A visitor gave their e-mail after their chat became a ticket: now they can be told. */
    async requesterIdentified(visitor: Visitor): Promise<void> {
      if (!visitor.email) return;
      for (const ticket of await store.listVisitorTickets(visitor.siteId, visitor.id)) {
        if (ticket.requesterEmail || ticket.status === 'closed') continue;
        const updated = await store.updateTicket({
          ticketId: ticket.id,
          patch: { requesterEmail: visitor.email, requesterName: ticket.requesterName ?? visitor.name },
          event: { kind: 'change', authorKind: 'requester', authorId: visitor.id, authorName: visitor.name, text: null, changes: [{ field: 'requesterEmail', from: null, to: visitor.email }] },
        });
        if (!updated) continue;
        broadcaster.ticketUpdated(updated);
        events.ticketUpdated(updated);
        await notifier.received(await siteOf(updated.siteId), updated);
      }
    },

    /** Periodic duty: chats nobody picked up within the site's wait limit become tickets. */
    async escalateLongWaits(): Promise<number> {
      const at = now().getTime();
      let escalated = 0;
      for (const site of await store.listSites()) {
        // The site's own limit, in the query: chats still within it are not even read.
        const queuedBefore = new Date(at - site.settings.waitLimitSeconds * 1000).toISOString();
        for (const conversation of await store.listLongWaiting({ siteId: site.id, queuedBefore })) {
          await ticketFromConversation({ conversation, source: 'chat_timeout' });
          escalated += 1;
        }
      }
      return escalated;
    },
  };
  return service;
}

export type EscalationService = ReturnType<typeof createEscalationService>;
