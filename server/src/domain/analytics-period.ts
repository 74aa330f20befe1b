/** A report's period as instants, and arrivals regrouped into the days and hours of the requested time zone. */
import type { AnalyticsReport } from '@parley/shared';
import { DateTime } from 'luxon';
import type { VolumeSlot } from '../store/analytics.store';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface ReportPeriod {
  /** The local calendar days of the period, in order. */
  days: string[];
  /** Where each local day starts, in epoch ms; one more entry than `days` (the end of the last day). */
  dayStarts: number[];
  timeZone: string;
  start: string;
  end: string;
}

/** `from` and `to` are whole local days, both included: the period runs from `from` 00:00 to the midnight after `to`. */
export function reportPeriod(input: { from: string; to: string; timeZone: string }): ReportPeriod {
  const first = DateTime.fromISO(input.from, { zone: input.timeZone }).startOf('day');
  const last = DateTime.fromISO(input.to, { zone: input.timeZone }).startOf('day');
  if (!first.isValid || !last.isValid) throw new Error(`invalid period ${input.from}..${input.to} in ${input.timeZone}`);
  const days: string[] = [];
  const dayStarts: number[] = [];
  for (let day = first; day <= last; day = day.plus({ days: 1 }).startOf('day')) {
    days.push(day.toISODate() as string);
    dayStarts.push(day.toMillis());
  }
  const endMs = last.plus({ days: 1 }).startOf('day').toMillis();
  dayStarts.push(endMs);
  return {
    days, dayStarts, timeZone: input.timeZone,
    start: new Date(first.toMillis()).toISOString(),
    end: new Date(endMs).toISOString(),
  };
}

/** The index of the local day holding `at`, or -1 outside the period (binary search: slots come in any order). */
function dayIndexOf(dayStarts: readonly number[], at: number): number {
  const lastDay = dayStarts.length - 2;
  if (lastDay < 0 || at < (dayStarts[0] as number) || at >= (dayStarts[lastDay + 1] as number)) return -1;
  let low = 0;
  let high = lastDay;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((dayStarts[middle] as number) <= at) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * Local day and hour of each 15-minute slot. Every time zone's offset is a whole number of
 * quarter hours, so a slot never straddles a local hour. On a 24-hour day the offset holds
 * all day and the hour is plain arithmetic; only days with a clock change (23 or 25 hours)
 * ask the time zone database, slot by slot — luxon is slow enough for that to matter on a year.
 */
export function volumeOf(period: ReportPeriod, slots: readonly VolumeSlot[]): AnalyticsReport['volume'] {
  const byDay = period.days.map((date) => ({ date, conversations: 0, tickets: 0 }));
  const byHour = Array.from({ length: 24 }, (_, hour) => ({ hour, conversations: 0, tickets: 0 }));
  for (const slot of slots) {
    const at = Date.parse(slot.start);
    const day = dayIndexOf(period.dayStarts, at);
    const dayStart = period.dayStarts[day];
    if (day < 0 || dayStart === undefined) continue;
    const dayLength = (period.dayStarts[day + 1] as number) - dayStart;
    const hour = dayLength === DAY_MS ? Math.floor((at - dayStart) / HOUR_MS) : DateTime.fromMillis(at, { zone: period.timeZone }).hour;
    const dayTotals = byDay[day];
    const hourTotals = byHour[hour];
    if (!dayTotals || !hourTotals) continue;
    dayTotals.conversations += slot.conversations;
    dayTotals.tickets += slot.tickets;
    hourTotals.conversations += slot.conversations;
    hourTotals.tickets += slot.tickets;
  }
  return { byDay, byHour };
}
