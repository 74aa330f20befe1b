/** A Broadcaster for domain tests: every method does nothing unless the test hands in its own to watch. */
import type { Broadcaster } from '../domain/broadcaster.port';

export function broadcasterStub(watching: Partial<Broadcaster> = {}): Broadcaster {
  const ignore = () => undefined;
  return {
    messageCreated: ignore, conversationUpdated: ignore, typingChanged: ignore, queuePosition: ignore, agentUpdated: ignore,
    visitorUpdated: ignore, visitorTicketCreated: ignore, readStateChanged: ignore, ticketUpdated: ignore,
    siteAvailabilityChanged: ignore, contactErased: ignore,
    ...watching,
  };
}
