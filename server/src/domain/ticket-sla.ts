/** SLA due dates of a ticket: per priority and tier, counted in the site's opening hours. */
import type { Site, TicketPriority, Tier } from '@parley/shared';
import { addBusinessMinutes } from './business-hours';

export interface SlaDues {
  firstResponseDueAt: string;
  resolutionDueAt: string;
}

export function slaDues(site: Site, input: { priority: TicketPriority; tier: Tier; from: Date }): SlaDues {
  const target = site.settings.sla[String(input.tier) as '1' | '2' | '3'][input.priority];
  const hours = site.settings.openingHours;
  return {
    firstResponseDueAt: addBusinessMinutes(input.from, target.firstResponseMinutes, hours).toISOString(),
    resolutionDueAt: addBusinessMinutes(input.from, target.resolutionMinutes, hours).toISOString(),
  };
}
