/** Tells a site's visitors whether someone can answer live, whenever agents' presence or the opening hours may have changed it. */
import type { Agent, Site, SiteSettingsPatch } from '@parley/shared';
import type { Store } from '../store/store';
import type { Broadcaster } from './broadcaster.port';
import { isOpenAt } from './business-hours';
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

export interface AvailabilityAnnouncerDeps {
  broadcaster: Pick<Broadcaster, 'siteAvailabilityChanged'>;
  availability: SiteAvailabilityService;
  onError: (error: unknown) => void;
}

function announceSite(siteId: string, { broadcaster, availability, onError }: AvailabilityAnnouncerDeps): Promise<void> {
  return availability.forSite(siteId).then((now) => broadcaster.siteAvailabilityChanged(siteId, now), onError);
}

interface SiteSettingsEditor {
  updateSiteSettings(actor: Agent, patch: SiteSettingsPatch): Promise<Site>;
}

/**
 * Wraps the service that saves a site's settings: new opening hours (or "always open" again) are
 * announced as soon as they are saved, so widgets already open switch between the chat and the
 * offline form without a reload.
 */
export function announceOpeningHoursChanges<T extends SiteSettingsEditor>(editor: T, deps: AvailabilityAnnouncerDeps): T {
  return {
    ...editor,
    async updateSiteSettings(actor: Agent, patch: SiteSettingsPatch): Promise<Site> {
      const site = await editor.updateSiteSettings(actor, patch);
      if (patch.openingHours !== undefined) await announceSite(site.id, deps);
      return site;
    },
  };
}

/**
 * Opening and closing times as they pass on the clock: each call announces the sites whose
 * opening hours opened or closed since the previous call (this process's sweep). Every process
 * runs it, so a boundary may be announced once per process: the same availability again, which the
 * widget takes as it is. The time of the last call is this process's own; lost in a restart, it
 * starts again from then, and pages connecting meanwhile ask for the availability anyway.
 */
export function createOpeningHoursWatch(deps: AvailabilityAnnouncerDeps & { store: Pick<Store, 'listSites'>; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  let checkedAt = now();
  return {
    /** Returns how many sites were announced. */
    async announceOpeningsAndClosings(): Promise<number> {
      const at = now();
      const since = checkedAt;
      checkedAt = at;
      const crossed = (await deps.store.listSites()).filter(
        ({ settings: { openingHours } }) => openingHours !== null && isOpenAt(since, openingHours) !== isOpenAt(at, openingHours),
      );
      await Promise.all(crossed.map((site) => announceSite(site.id, deps)));
      return crossed.length;
    },
  };
}

export type OpeningHoursWatch = ReturnType<typeof createOpeningHoursWatch>;
