/** The port through which domain services tell connected clients what changed. */
import type {
  Agent, CannedReply, ContactErasedNotice, Department, Conversation, Message, QueuePosition, ReadState, SiteAvailability, Ticket, TicketReceipt, TypingNotice, VisitorProfile,
} from '@parley/shared';

export interface Broadcaster {
  /**
   * To the conversation's visitor (all tabs) and to the site's agents. `origin`: the connection that
   * sent it, which has the message in its acknowledgement and is not sent it again.
   */
  messageCreated(conversation: Conversation, message: Message, origin?: string): void;
  conversationUpdated(conversation: Conversation): void;
  /** To the other side of the conversation only. */
  typingChanged(conversation: Conversation, notice: TypingNotice): void;
  /** To the waiting visitor only. */
  queuePosition(conversation: Conversation, position: QueuePosition): void;
  /** To the site's agents: presence, capacity or profile changed. */
  agentUpdated(agent: Agent): void;
  /** To the site's agents: a visitor's page or identity changed. */
  visitorUpdated(visitor: VisitorProfile): void;
  /** To the visitor: their chat became ticket #N (by timeout, by an agent, or when they left). */
  visitorTicketCreated(conversation: Conversation, receipt: TicketReceipt): void;
  /** To both sides (every tab): how far each side has read. */
  readStateChanged(conversation: Conversation, state: ReadState): void;
  /** To the site's agents: a ticket was created or changed. */
  ticketUpdated(ticket: Ticket): void;
  /** To every visitor connected to the site: whether a live chat is possible now. */
  siteAvailabilityChanged(siteId: string, availability: SiteAvailability): void;
  /** To the site's agents: these conversations, tickets and visitors were erased or purged; drop them from view. */
  contactErased(siteId: string, notice: ContactErasedNotice): void;
}

/**
 * Changes to what the site's consoles keep for the whole session (canned replies). Apart from
 * Broadcaster so that the services and test doubles that never send these need not implement them;
 * the socket broadcaster implements both.
 */
export interface TeamBroadcaster {
  /** A personal reply to its owner's consoles; a shared one to the site's agents. */
  cannedReplySaved(reply: CannedReply): void;
  /** To those who could see it: its owner's consoles (personal) or the site's agents (shared). */
  cannedReplyDeleted(reply: CannedReply): void;
  /** To the site's agents: a department was added or renamed. */
  departmentSaved(department: Department): void;
  /** To the site's agents: a department was deleted. */
  departmentDeleted(department: { id: string; siteId: string }): void;
}
