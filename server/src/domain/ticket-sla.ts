/** SLA due dates of a ticket: per priority and tier, counted in the site's opening hours. */
import type { Site, Ticket, TicketPriority, Tier } from '@parley/shared';
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

export type SlaState = 'met' | 'running' | 'breached';

/** Where a ticket stands against its clocks at `now` (for the console and analytics). */
export function slaState(ticket: Ticket, now: Date): { firstResponse: SlaState; resolution: SlaState } {
  const judge = (due: string | null, doneAt: string | null): SlaState => {
    if (!due) return 'met';
    const dueMs = Date.parse(due);
    if (doneAt) return Date.parse(doneAt) <= dueMs ? 'met' : 'breached';
    return now.getTime() > dueMs ? 'breached' : 'running';
  };
  return {
    firstResponse: judge(ticket.firstResponseDueAt, ticket.firstRespondedAt),
    resolution: judge(ticket.resolutionDueAt, ticket.solvedAt),
  };
}
