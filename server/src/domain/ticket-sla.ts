/** SLA due dates of a ticket: per priority and tier, counted in the site's opening hours. */
import type { Site, Ticket, TicketPriority, Tier } from '@parley/shared';
import type { TicketPatch } from '../store/store';
import { addBusinessMinutes, businessMinutesBetween } from './business-hours';

export interface SlaDues {
  firstResponseDueAt: string;
  resolutionDueAt: string;
}

/**
 * The due dates of a clock started at `from`, pushed back by the open minutes it has stood still
 * since (`pausedMinutes`: while the ticket waited on its requester).
 */
export function slaDues(site: Site, input: { priority: TicketPriority; tier: Tier; from: Date; pausedMinutes?: number }): SlaDues {
  const target = site.settings.sla[String(input.tier) as '1' | '2' | '3'][input.priority];
  const hours = site.settings.openingHours;
  const paused = input.pausedMinutes ?? 0;
  return {
    firstResponseDueAt: addBusinessMinutes(input.from, target.firstResponseMinutes + paused, hours).toISOString(),
    resolutionDueAt: addBusinessMinutes(input.from, target.resolutionMinutes + paused, hours).toISOString(),
  };
}

/**
 * What a pending ticket's clocks become as it stops waiting on its requester at `at` (any new
 * status): each unmet due date moves back by the open minutes spent pending, as the time was the
 * requester's, not the team's. A clock of a tier started while pending counts from its start.
 */
export function slaResumed(site: Site, ticket: Ticket, at: Date): TicketPatch {
  if (ticket.status !== 'pending') return {};
  const hours = site.settings.openingHours;
  const since = new Date(Math.max(Date.parse(ticket.pendingSince ?? ticket.updatedAt), Date.parse(ticket.tierStartedAt)));
  const paused = businessMinutesBetween(since, at, hours);
  const patch: TicketPatch = { pendingSince: null };
  if (paused === 0) return patch;
  const later = (due: string) => addBusinessMinutes(new Date(due), paused, hours).toISOString();
  patch.slaPausedMinutes = ticket.slaPausedMinutes + paused;
  if (ticket.resolutionDueAt) patch.resolutionDueAt = later(ticket.resolutionDueAt);
  if (ticket.firstResponseDueAt && !ticket.firstRespondedAt) patch.firstResponseDueAt = later(ticket.firstResponseDueAt);
  return patch;
}

/**
 * What a ticket's clocks become as its tier or priority changes at `at`. A move up a tier starts a
 * fresh clock: the new team owes a first response of its own. A move down starts none: the ticket goes
 * back to a team it has been with, and an answer already given still counts. A new priority alone
 * recounts the due dates from the tier's start, less the minutes the clocks have stood still
 * (`pausedMinutes`: the ticket's, this same change's resume included).
 */
export function slaForTierAndPriority(
  site: Site,
  ticket: Ticket,
  change: { tier: Tier; priority: TicketPriority; at: Date; pausedMinutes: number },
): TicketPatch {
  const { tier, priority, at } = change;
  if (tier > ticket.tier) {
    return { tierStartedAt: at.toISOString(), firstRespondedAt: null, slaPausedMinutes: 0, ...slaDues(site, { priority, tier, from: at }) };
  }
  if (priority === ticket.priority) return {};
  return slaDues(site, { priority, tier, from: new Date(ticket.tierStartedAt), pausedMinutes: change.pausedMinutes });
}
