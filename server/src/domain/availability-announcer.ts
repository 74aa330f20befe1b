/** Tells a site's visitors whether someone can answer live, whenever an agent's presence may have changed it. */
import type { Broadcaster } from './broadcaster.port';
import type { SiteAvailabilityService } from './site-availability.service';

/**
 * Wraps the broadcaster: every `agentUpdated` (a status, activation or profile change; never a
 * routine assignment) is followed by the site's availability, so a visitor looking at the offline
 * form sees the chat open up the moment an agent comes online, and the other way round. No cache of
 * the last value sent: another process may have sent a newer one, and these changes are rare.
 */
export function announceAvailabilityChanges(
  broadcaster: Broadcaster,
  availability: SiteAvailabilityService,
  onError: (error: unknown) => void,
): Broadcaster {
  return {
    ...broadcaster,
    agentUpdated(agent) {
      broadcaster.agentUpdated(agent);
      availability
        .forSite(agent.siteId)
        .then((now) => broadcaster.siteAvailabilityChanged(agent.siteId, now), onError);
    },
  };
}
