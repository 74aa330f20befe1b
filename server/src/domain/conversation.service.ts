/** Conversations and their messages, as seen by visitors and by agents. */
import type {
  Agent,
  AgentMessageSend,
  ChatEvent,
  Conversation,
  ConversationWithMessages,
  InviteRequest,
  Message,
  Ticket,
  TransferRequest,
  VisitorMessageSend,
} from '@parley/shared';
import { StoreConflictError, type AppendedMessage, type NewMessageRecord, type Store, type Visitor } from '../store/store';
import type { Broadcaster } from './broadcaster.port';
import { visitorViewOf } from './conversation-visitor-view';
import { chatEventLine } from './chat-event-lines';
import { assertHelpingOrAdmin } from './chat-handlers';
import { DomainError } from './domain-error';
import { assertVisitorMayAttach, withClaimedAttachments } from './message-attachments';
import { NO_DOMAIN_EVENTS, type DomainEvents } from './domain-events.port';
import type { RoutingService } from './routing.service';

/** Whether a visitor's message may be stored (rate limits); each check throws a DomainError to refuse. */
export interface VisitorMessageAdmission {
  /** Counts the message, before it is stored. */
  message(): Promise<void>;
  /** Counts a new conversation, before this message opens one. */
  conversation(): Promise<void>;
}
const ADMIT_EVERY_MESSAGE: VisitorMessageAdmission = { message: async () => undefined, conversation: async () => undefined };

export interface VisitorSendContext {
  /** The rate limits; every message is admitted when absent. */
  admit?: VisitorMessageAdmission;
  /** The connection the message came from: it is answered with the message, not sent it again. */
  origin?: string;
}

export interface ConversationServiceDeps {
  store: Store;
  broadcaster: Broadcaster;
  routing: RoutingService;
  events?: DomainEvents;
}

const notFound = () => new DomainError('CONVERSATION_NOT_FOUND', 'This conversation does not exist.');
const closed = () => new DomainError('CONVERSATION_CLOSED', 'This conversation is already resolved.');

export function createConversationService({ store, broadcaster, routing, events = NO_DOMAIN_EVENTS }: ConversationServiceDeps) {
  /** Agents see only their own site's conversations; any other id answers like a missing one. */
  async function conversationForAgent(agent: Agent, conversationId: string): Promise<Conversation> {
    const conversation = await store.findConversation(conversationId);
    if (!conversation || conversation.siteId !== agent.siteId) throw notFound();
    return conversation;
  }

  function assertHandledBy(agent: Agent, conversation: Conversation): void {
    if (conversation.status === 'resolved') throw closed();
    assertHelpingOrAdmin(agent, conversation);
  }

  async function departmentOfSite(siteId: string, departmentId: string): Promise<string> {
    const known = await store.listDepartments(siteId);
    if (!known.some((d) => d.id === departmentId)) throw new DomainError('VALIDATION_FAILED', 'departmentId: no such department');
    return departmentId;
  }

  function announce({ message, created, conversation }: AppendedMessage, origin?: string): Message {
    if (created) {
      broadcaster.messageCreated(conversation, message, origin);
      events.messageCreated(conversation, message);
    }
    return message;
  }
  // Announced as soon as the store has committed the message, while the sender's acknowledgement
  // still waits for the disk: the reader sees it a flush sooner, and a lost ack means a resend that
  // finds the stored message (announced once, since only a new message is announced).
  const appendAndAnnounce = async (input: NewMessageRecord, origin?: string): Promise<Message> =>
    (await store.appendMessage(input, (appended) => announce(appended, origin))).message;

  /** A resend of a message already stored (its ack was lost) is answered with it, even when admission refuses. */
  async function admitOrFindResent(admit: () => Promise<void>, visitor: Visitor, clientId: string): Promise<Message | null> {
    try {
      await admit();
      return null;
    } catch (error) {
      const open = await store.findOpenConversation(visitor.siteId, visitor.id);
      const stored = open && (await store.findMessageByClientId(open.id, clientId));
      if (stored) return stored;
      throw error;
    }
  }

  const service = {
    /** The visitor's current conversation (or the last one, resolved) with messages after `afterSeq`. */
    async visitorHistory(visitor: Visitor, afterSeq = 0): Promise<ConversationWithMessages | null> {
      const conversation =
        (await store.findOpenConversation(visitor.siteId, visitor.id)) ??
        (await store.findLatestConversation(visitor.siteId, visitor.id));
      if (!conversation) return null;
      const messages = await store.listMessages({ conversationId: conversation.id, afterSeq, includeInternal: false });
      const read = await store.getReadState(conversation.id);
      // The number the visitor was told when the chat became a request, so a reload still shows it.
      const ticket = conversation.ticketId ? await store.findTicket(conversation.ticketId) : null;
      return {
        conversation: visitorViewOf(conversation),
        messages,
        ...(read ? { read } : {}),
        ...(ticket ? { ticket: { ticketNumber: ticket.number, emailOnFile: Boolean(ticket.requesterEmail) } } : {}),
      };
    },

    /**
     * Stores the visitor's message once (retries return the stored one), opening a conversation if
     * needed. `admit` (rate limits) counts the message first, and a new conversation before one opens.
     */
    async visitorSend(visitor: Visitor, input: VisitorMessageSend, { admit = ADMIT_EVERY_MESSAGE, origin }: VisitorSendContext = {}): Promise<Message> {
      const departmentId = input.departmentId ? await departmentOfSite(visitor.siteId, input.departmentId) : null;
      const uploader = { kind: 'visitor', id: visitor.id } as const;
      const author = { kind: 'visitor', id: visitor.id, name: visitor.name } as const;
      const attachmentIds = input.attachments ?? [];
      // Before a conversation opens: a message with someone else's file must not open one.
      await assertVisitorMayAttach(store, { ids: attachmentIds, siteId: visitor.siteId, uploader, clientId: input.clientId });
      const resent = await admitOrFindResent(admit.message, visitor, input.clientId);
      if (resent) return resent;
      // Most messages: text into the chat already open, found and stored in one write.
      if (attachmentIds.length === 0) {
        const appended = await store.appendToOpenConversation(
          { siteId: visitor.siteId, visitorId: visitor.id, clientId: input.clientId, author, text: input.text },
          (committed) => announce(committed, origin),
        );
        if (appended) return appended.message;
      }
      const open = await store.findOpenConversation(visitor.siteId, visitor.id);
      if (!open) await admit.conversation();
      // Opening is a compare-and-set in the store: a racing first message of another tab gets the same chat.
      const opened = open
        ? { conversation: open, created: false }
        : await store.openConversation({
          siteId: visitor.siteId, visitorId: visitor.id, visitorName: visitor.name, locale: visitor.locale, departmentId,
        });
      if (opened.created) broadcaster.conversationUpdated(opened.conversation);
      if (opened.created) events.conversationCreated(opened.conversation);
      const claim = {
        ids: attachmentIds, siteId: visitor.siteId, conversationId: opened.conversation.id, uploader, clientId: input.clientId, internal: false,
      };
      const message = await withClaimedAttachments(store, claim, (attachments) => appendAndAnnounce({
        conversationId: opened.conversation.id,
        clientId: input.clientId,
        author,
        text: input.text,
        attachments,
      }, origin));
      if (opened.created) await routing.routeSite(visitor.siteId);
      return message;
    },

    visitorTyping(visitor: Visitor, typing: boolean): Promise<void> {
      return store.findOpenConversation(visitor.siteId, visitor.id).then((conversation) => {
        if (!conversation) return;
        broadcaster.typingChanged(conversation, { conversationId: conversation.id, who: 'visitor', name: visitor.name, typing });
      });
    },

    async agentList(agent: Agent): Promise<Conversation[]> {
      return store.listConversations({ siteId: agent.siteId, statuses: ['queued', 'assigned'] });
    },

    /** `watch` runs once the agent may see the chat, before its messages are read: from then on they get each new one. */
    async agentOpen(agent: Agent, conversationId: string, watch?: () => Promise<void> | void): Promise<ConversationWithMessages> {
      const conversation = await conversationForAgent(agent, conversationId);
      await watch?.();
      const [messages, read] = await Promise.all([store.listMessages({ conversationId }), store.getReadState(conversationId)]);
      return { conversation, messages, ...(read ? { read } : {}) };
    },

    /** An agent takes a waiting chat from the queue, within their capacity. */
    async agentClaim(agent: Agent, conversationId: string): Promise<Conversation> {
      const conversation = await conversationForAgent(agent, conversationId);
      if (conversation.status === 'assigned' && conversation.assignedAgentId === agent.id) return conversation;
      if (conversation.status === 'resolved') throw closed();
      // Capacity as an admin set it now, not as it was when this agent signed in.
      const current = (await store.findAgentById(agent.id)) ?? agent;
      const claimed = await store.assignConversation({ conversationId, agentId: agent.id, maxChats: current.maxChats });
      if (!claimed) {
        const now = await store.findConversation(conversationId);
        // A resend of this agent's own claim lost the race to the first attempt: same answer as the first.
        if (now?.status === 'assigned' && now.assignedAgentId === agent.id) return now;
        throw now?.status === 'queued'
          ? new DomainError('CAPACITY_REACHED', `You already have ${current.maxChats} chats open.`)
          : new DomainError('ALREADY_ASSIGNED', 'Another agent has taken this conversation.');
      }
      broadcaster.conversationUpdated(claimed);
      events.conversationAssigned(claimed);
      void routing.routeSite(agent.siteId);
      return claimed;
    },

    /** An agent's reply or internal note; replying to a queued conversation claims it first. */
    async agentSend(agent: Agent, input: AgentMessageSend): Promise<Message> {
      let conversation = await conversationForAgent(agent, input.conversationId);
      if (conversation.status === 'queued' && !input.internal) conversation = await service.agentClaim(agent, conversation.id);
      if (input.internal) {
        if (conversation.status === 'resolved') throw closed();
      } else {
        assertHandledBy(agent, conversation);
      }
      const claim = {
        ids: input.attachments ?? [], siteId: agent.siteId, conversationId: conversation.id,
        uploader: { kind: 'agent', id: agent.id } as const, clientId: input.clientId, internal: input.internal ?? false,
      };
      return withClaimedAttachments(store, claim, (attachments) => appendAndAnnounce({
        conversationId: conversation.id,
        clientId: input.clientId,
        author: { kind: 'agent', id: agent.id, name: agent.name },
        text: input.text,
        internal: input.internal ?? false,
        attachments,
      }));
    },

    async agentResolve(agent: Agent, conversationId: string): Promise<Conversation> {
      const conversation = await conversationForAgent(agent, conversationId);
      if (conversation.status === 'assigned') assertHandledBy(agent, conversation);
      const resolved = await store.resolveConversation(conversationId);
      if (!resolved) throw closed();
      broadcaster.conversationUpdated(resolved);
      events.conversationResolved(resolved);
      await routing.routeSite(agent.siteId);
      return resolved;
    },

    /** Hands a chat to another agent (within their capacity) or back to a department's queue. */
    async agentTransfer(agent: Agent, request: TransferRequest): Promise<Conversation> {
      const conversation = await conversationForAgent(agent, request.conversationId);
      assertHandledBy(agent, conversation);
      const from = conversation.assignedAgentId;
      if (!from) throw new DomainError('CONVERSATION_NOT_FOUND', 'This conversation is not assigned to anyone yet.');
      let moved: Conversation | null;
      let event: ChatEvent;
      if (request.toAgentId) {
        const target = await store.findAgentById(request.toAgentId);
        if (!target || target.siteId !== agent.siteId || !target.active) {
          throw new DomainError('AGENT_NOT_FOUND', 'There is no such agent on this site.');
        }
        moved = await store.transferConversation({
          conversationId: conversation.id, fromAgentId: from, toAgentId: target.id, maxChats: target.maxChats,
        });
        if (!moved) throw new DomainError('CAPACITY_REACHED', `${target.name} has no free chat slot.`);
        event = { type: 'transferred', from: agent.name, to: target.name };
      } else {
        const departments = await store.listDepartments(agent.siteId);
        const department = departments.find((d) => d.id === request.toDepartmentId);
        if (!department) {
          throw new DomainError('NOT_FOUND', 'There is no such department on this site.');
        }
        moved = await store.requeueConversation({
          conversationId: conversation.id, fromAgentId: from, declined: false, departmentId: request.toDepartmentId ?? null,
        });
        if (!moved) throw new DomainError('ALREADY_ASSIGNED', 'This conversation changed hands meanwhile.');
        event = { type: 'requeued', from: agent.name, department: department.name };
      }
      broadcaster.conversationUpdated(moved);
      if (request.toAgentId) events.conversationAssigned(moved);
      // The history says who has the chat now; the visitor is told who answers from here on.
      await appendAndAnnounce(chatEventLine(moved, event));
      if (request.note) {
        await appendAndAnnounce({
          conversationId: moved.id,
          clientId: `transfer-${moved.updatedAt.replace(/[^0-9]/g, '')}`,
          author: { kind: 'agent', id: agent.id, name: agent.name },
          text: request.note,
          internal: true,
        });
      }
      await routing.routeSite(agent.siteId);
      return (await store.findConversation(moved.id)) ?? moved;
    },

    /** Reopens a resolved chat into the queue (a visitor may hold one open chat at a time). */
    async agentReopen(agent: Agent, conversationId: string): Promise<Conversation> {
      await conversationForAgent(agent, conversationId);
      let reopened: Conversation | null;
      try {
        reopened = await store.reopenConversation(conversationId);
      } catch (error) {
        if (error instanceof StoreConflictError) {
          throw new DomainError('ALREADY_ASSIGNED', 'This visitor already has another open conversation.');
        }
        throw error;
      }
      if (!reopened) throw new DomainError('ALREADY_ASSIGNED', 'This conversation is already open.');
      broadcaster.conversationUpdated(reopened);
      await routing.routeSite(agent.siteId);
      return (await store.findConversation(conversationId)) ?? reopened;
    },

    /** Invites a second agent of the site to help in a chat the inviter is handling. */
    async agentInvite(agent: Agent, request: InviteRequest): Promise<Conversation> {
      const conversation = await conversationForAgent(agent, request.conversationId);
      assertHandledBy(agent, conversation);
      const invitee = await store.findAgentById(request.agentId);
      if (!invitee || invitee.siteId !== agent.siteId || !invitee.active) {
        throw new DomainError('AGENT_NOT_FOUND', 'There is no such agent on this site.');
      }
      const updated = await store.addParticipant({ conversationId: conversation.id, agentId: invitee.id });
      if (!updated) throw closed();
      broadcaster.conversationUpdated(updated);
      if (!conversation.participantAgentIds.includes(invitee.id)) {
        await appendAndAnnounce(chatEventLine(updated, { type: 'invited', by: agent.name, agent: invitee.name }));
      }
      return (await store.findConversation(updated.id)) ?? updated;
    },

    /** A visitor as agents see them, with their earlier conversations. */
    async visitorProfile(agent: Agent, visitorId: string): Promise<{ visitor: Visitor; conversations: Conversation[]; tickets: Ticket[] }> {
      const visitor = await store.findVisitorById(visitorId);
      if (!visitor || visitor.siteId !== agent.siteId) throw new DomainError('NOT_FOUND', 'There is no such visitor.');
      const [conversations, tickets] = await Promise.all([
        store.listVisitorConversations(agent.siteId, visitorId),
        store.listVisitorTickets(agent.siteId, visitorId),
      ]);
      return { visitor, conversations, tickets };
    },

    /** The visitor has seen their conversation up to `seq`: the agents' "read" ticks. */
    async visitorRead(visitor: Visitor, seq: number): Promise<void> {
      const conversation =
        (await store.findOpenConversation(visitor.siteId, visitor.id)) ??
        (await store.findLatestConversation(visitor.siteId, visitor.id));
      if (!conversation) return;
      const state = await store.markRead({ conversationId: conversation.id, reader: 'visitor', seq });
      if (state) broadcaster.readStateChanged(conversation, state);
    },

    /** An agent has seen the conversation up to `seq`: the visitor's "read" ticks. */
    async agentRead(agent: Agent, conversationId: string, seq: number): Promise<void> {
      const conversation = await conversationForAgent(agent, conversationId);
      const state = await store.markRead({ conversationId, reader: 'agent', seq });
      if (state) broadcaster.readStateChanged(conversation, state);
    },

    async agentTyping(agent: Agent, conversationId: string, typing: boolean): Promise<void> {
      const conversation = await conversationForAgent(agent, conversationId);
      broadcaster.typingChanged(conversation, { conversationId, who: 'agent', name: agent.name, typing });
    },
  };
  return service;
}

export type ConversationService = ReturnType<typeof createConversationService>;
