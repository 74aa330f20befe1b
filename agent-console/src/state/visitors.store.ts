/** What agents know of a visitor (page, identity, earlier chats and tickets), fetched when first shown, then kept live. */
import type { Conversation, Ticket, VisitorProfile } from '@parley/shared';
import { signal, type ReadonlySignal } from '@preact/signals';

export interface VisitorDetails {
  visitor: VisitorProfile;
  conversations: Conversation[];
  /** Their tickets, earlier chats' included, as the server lists them. */
  tickets: Ticket[];
}

export interface VisitorsStore {
  byId: ReadonlySignal<Readonly<Record<string, VisitorDetails>>>;
  /** Fetches once per visitor; later changes come through `visitor:updated`. */
  load(visitorId: string): Promise<void>;
  update(visitor: VisitorProfile): void;
}

export function createVisitorsStore(
  fetchDetails: (visitorId: string) => Promise<VisitorDetails>,
): VisitorsStore {
  const byId = signal<Readonly<Record<string, VisitorDetails>>>({});
  const inFlight = new Map<string, Promise<void>>();
  return {
    byId,
    load(visitorId) {
      if (byId.value[visitorId]) return Promise.resolve();
      let pending = inFlight.get(visitorId);
      if (!pending) {
        pending = fetchDetails(visitorId)
          .then((details) => {
            byId.value = { ...byId.value, [visitorId]: details };
          })
          .finally(() => inFlight.delete(visitorId));
        inFlight.set(visitorId, pending);
      }
      return pending;
    },
    update(visitor) {
      const known = byId.value[visitor.id];
      // Only visitors someone looked at are kept; the rest would be memory for nothing.
      if (known) byId.value = { ...byId.value, [visitor.id]: { ...known, visitor } };
    },
  };
}
