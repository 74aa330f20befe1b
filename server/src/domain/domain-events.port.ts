/**
 * The port through which domain services announce what happened, for integrations (webhooks).
 * Called once per fact, in the process that made the change; implementations must not throw
 * and must not make the caller wait.
 */
import type { Conversation, Message, RatingEventData, Ticket } from '@parley/shared';

export interface DomainEvents {
  conversationCreated(conversation: Conversation): void;
  /** Given to an agent: by routing, by a claim, or by a transfer to another agent. */
  conversationAssigned(conversation: Conversation): void;
  /** Ended: by an agent, by the visitor, or by becoming a ticket. */
  conversationResolved(conversation: Conversation): void;
  messageCreated(conversation: Conversation, message: Message): void;
  ticketCreated(ticket: Ticket): void;
  ticketUpdated(ticket: Ticket): void;
  ratingCreated(rating: RatingEventData): void;
}

/** For services built where nobody listens (unit tests, tools). */
export const NO_DOMAIN_EVENTS: DomainEvents = {
  conversationCreated: () => undefined,
  conversationAssigned: () => undefined,
  conversationResolved: () => undefined,
  messageCreated: () => undefined,
  ticketCreated: () => undefined,
  ticketUpdated: () => undefined,
  ratingCreated: () => undefined,
};
