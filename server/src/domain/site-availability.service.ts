/** Whether a live chat is possible now: someone online and the site open. */
import type { SiteAvailability } from '@parley/shared';
import type { Store } from '../store/store';
import { isOpenAt } from './business-hours';
import { DomainError } from './domain-error';

export function createSiteAvailabilityService({ store, now = () => new Date() }: { store: Store; now?: () => Date }) {
  return {
    async forSite(siteId: string): Promise<SiteAvailability> {
      const site = await store.findSiteById(siteId);
      if (!site) throw new DomainError('SITE_NOT_FOUND', 'This site no longer exists.');
      const agents = await store.listAgents(siteId);
      return {
        agentsOnline: agents.some((agent) => agent.active && agent.status === 'online'),
        openNow: isOpenAt(now(), site.settings.openingHours),
      };
    },
  };
}

export type SiteAvailabilityService = ReturnType<typeof createSiteAvailabilityService>;
