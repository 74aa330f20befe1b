/** Whether a live chat is possible now: someone online and the site open. */
import type { SiteAvailability } from '@parley/shared';
import type { Store } from '../store/store';
import { isOpenAt } from './business-hours';
import type { VisitorMessageAdmission } from './conversation.service';
import { DomainError } from './domain-error';

export function createSiteAvailabilityService({ store, now = () => new Date() }: { store: Store; now?: () => Date }) {
  async function siteOf(siteId: string) {
    const site = await store.findSiteById(siteId);
    if (!site) throw new DomainError('SITE_NOT_FOUND', 'This site no longer exists.');
    return site;
  }

  return {
    async forSite(siteId: string): Promise<SiteAvailability> {
      const site = await siteOf(siteId);
      const agents = await store.listAgents(siteId);
      return {
        agentsOnline: agents.some((agent) => agent.active && agent.status === 'online'),
        openNow: isOpenAt(now(), site.settings.openingHours),
      };
    },

    /**
     * A visitor's message admitted as `admit` says, except that out of opening hours it opens no new
     * chat: the visitor is refused (FORBIDDEN) and the widget offers the offline form, whose message
     * becomes a ticket. A chat already running when the site closed goes on, as the widget keeps it.
     */
    newChatsOnlyWhileOpen(siteId: string, admit: VisitorMessageAdmission): VisitorMessageAdmission {
      return {
        message: () => admit.message(),
        conversation: async () => {
          const site = await siteOf(siteId);
          if (!isOpenAt(now(), site.settings.openingHours)) {
            throw new DomainError('SITE_CLOSED', 'We are closed now and start no new chats: leave a message instead, and we will answer by e-mail.');
          }
          await admit.conversation();
        },
      };
    },
  };
}

export type SiteAvailabilityService = ReturnType<typeof createSiteAvailabilityService>;
