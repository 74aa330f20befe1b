/** Where a ticket stands against its two SLA clocks (first response, resolution) at a moment. */
import { formatLocale, type Ticket } from '@parley/shared';

export type SlaState = 'none' | 'running' | 'soon' | 'breached' | 'paused' | 'met' | 'met_late';
export type SlaClockName = 'firstResponse' | 'resolution';

export interface SlaClock {
  name: SlaClockName;
  state: SlaState;
  /** Running or paused: time left (negative once breached). Met: how early (negative: how late). */
  marginMs: number;
}

/** The server's "breaching soon" view looks this far ahead; the console warns from the same point. */
export const SOON_MS = 60 * 60_000;

function clock(
  name: SlaClockName,
  input: { due: string | null; doneAt: string | null; pausedAt: string | null; now: number },
): SlaClock {
  if (!input.due) return { name, state: 'none', marginMs: 0 };
  const due = Date.parse(input.due);
  if (input.doneAt) {
    const margin = due - Date.parse(input.doneAt);
    return { name, state: margin >= 0 ? 'met' : 'met_late', marginMs: margin };
  }
  // The server moves the due date back by the time paused once the ticket stops waiting.
  if (input.pausedAt) return { name, state: 'paused', marginMs: due - Date.parse(input.pausedAt) };
  const left = due - input.now;
  return { name, state: left < 0 ? 'breached' : left < SOON_MS ? 'soon' : 'running', marginMs: left };
}

export function slaClocks(ticket: Ticket, now: number): { firstResponse: SlaClock; resolution: SlaClock } {
  const finished = ticket.status === 'solved' || ticket.status === 'closed';
  const finishedAt = ticket.solvedAt ?? (finished ? (ticket.closedAt ?? ticket.updatedAt) : null);
  // Waiting on the requester, the clocks stand still where they were when it went pending.
  const pausedAt = ticket.status === 'pending' ? (ticket.pendingSince ?? ticket.updatedAt) : null;
  return {
    // Solving a ticket without a public reply stops its first-response clock too: nobody owes
    // that reply any more, so a solved ticket must not count down or turn "breached" for it.
    firstResponse: clock('firstResponse', {
      due: ticket.firstResponseDueAt,
      doneAt: ticket.firstRespondedAt ?? finishedAt,
      pausedAt,
      now,
    }),
    resolution: clock('resolution', {
      due: ticket.resolutionDueAt,
      doneAt: finishedAt,
      pausedAt,
      now,
    }),
  };
}

/** The clock that matters now: the first response until it is given, then the resolution. */
export function nextClock(ticket: Ticket, now: number): SlaClock | null {
  const { firstResponse, resolution } = slaClocks(ticket, now);
  const open = (c: SlaClock) => c.state === 'running' || c.state === 'soon' || c.state === 'breached' || c.state === 'paused';
  if (open(firstResponse)) return firstResponse;
  return open(resolution) ? resolution : null;
}

/** "2h 14m", "3d 4h", "35m" in the agent's language (Intl unit names, narrow). */
export function formatDuration(ms: number, locale: string): string {
  const minutes = Math.max(1, Math.floor(Math.abs(ms) / 60_000));
  const part = (value: number, unit: 'day' | 'hour' | 'minute') =>
    new Intl.NumberFormat(formatLocale(locale), { style: 'unit', unit, unitDisplay: 'narrow' }).format(value);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts =
    days > 0
      ? [part(days, 'day'), ...(hours ? [part(hours, 'hour')] : [])]
      : hours > 0
        ? [part(hours, 'hour'), ...(mins ? [part(mins, 'minute')] : [])]
        : [part(mins, 'minute')];
  return new Intl.ListFormat(formatLocale(locale), { style: 'narrow', type: 'unit' }).format(parts);
}
