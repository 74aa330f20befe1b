/** Clock arithmetic in a site's opening hours: when is it open, and when is an SLA due. */
import type { OpeningHours, Weekday } from '@parley/shared';
import { DateTime } from 'luxon';

const WEEKDAY_BY_LUXON: Record<number, Weekday> = { 1: 'mon', 2: 'tue', 3: 'wed', 4: 'thu', 5: 'fri', 6: 'sat', 7: 'sun' };

/**
 * The open intervals of one calendar day in the site's zone (empty on a holiday), in time order
 * and with overlapping ones merged: the ranges are stored as they were typed, and the walks below
 * move forward only and count each interval once.
 */
function openIntervals(day: DateTime, hours: OpeningHours): { start: DateTime; end: DateTime }[] {
  if (hours.holidays.includes(day.toISODate() ?? '')) return [];
  const ranges = hours.week[WEEKDAY_BY_LUXON[day.weekday] as Weekday];
  const at = (hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number) as [number, number];
    return h === 24 ? day.plus({ days: 1 }).startOf('day') : day.set({ hour: h, minute: m, second: 0, millisecond: 0 });
  };
  const intervals = ranges
    .map((range) => ({ start: at(range.from), end: at(range.to) }))
    .sort((a, b) => a.start.toMillis() - b.start.toMillis());
  const merged: { start: DateTime; end: DateTime }[] = [];
  for (const interval of intervals) {
    const last = merged.at(-1);
    if (last && interval.start.toMillis() <= last.end.toMillis()) {
      if (interval.end.toMillis() > last.end.toMillis()) last.end = interval.end;
    } else {
      merged.push({ ...interval });
    }
  }
  return merged;
}

export function isOpenAt(at: Date, hours: OpeningHours | null): boolean {
  if (!hours) return true;
  const local = DateTime.fromJSDate(at, { zone: hours.timeZone });
  return openIntervals(local.startOf('day'), hours).some(({ start, end }) => local >= start && local < end);
}

// A week with no open minute at all would loop for ever; a year of searching is plenty.
const MAX_DAYS_SEARCHED = 366;

/**
 * The moment `minutes` of open time have passed since `from`. Without opening hours, plain
 * wall-clock time. A clock started while closed begins at the next opening.
 */
export function addBusinessMinutes(from: Date, minutes: number, hours: OpeningHours | null): Date {
  if (!hours) return new Date(from.getTime() + minutes * 60_000);
  let remainingMs = minutes * 60_000;
  let cursor = DateTime.fromJSDate(from, { zone: hours.timeZone });
  for (let day = 0; day < MAX_DAYS_SEARCHED; day += 1) {
    const dayStart = cursor.startOf('day');
    for (const { start, end } of openIntervals(dayStart, hours)) {
      const begin = cursor > start ? cursor : start;
      if (begin >= end) continue;
      const available = end.toMillis() - begin.toMillis();
      if (available >= remainingMs) return new Date(begin.toMillis() + remainingMs);
      remainingMs -= available;
    }
    cursor = dayStart.plus({ days: 1 });
  }
  // No opening hours within a year: fall back to wall-clock time rather than never.
  return new Date(from.getTime() + minutes * 60_000);
}

/**
 * Open minutes between two moments (0 when `to` is not after `from`), rounded to the minute: how
 * long an SLA clock counted in these hours would have run. Without opening hours, wall-clock minutes.
 */
export function businessMinutesBetween(from: Date, to: Date, hours: OpeningHours | null): number {
  if (to <= from) return 0;
  if (!hours) return Math.round((to.getTime() - from.getTime()) / 60_000);
  const end = DateTime.fromJSDate(to, { zone: hours.timeZone });
  let openMs = 0;
  for (let day = DateTime.fromJSDate(from, { zone: hours.timeZone }).startOf('day'); day <= end; day = day.plus({ days: 1 })) {
    for (const { start, end: close } of openIntervals(day, hours)) {
      const begin = Math.max(start.toMillis(), from.getTime());
      const finish = Math.min(close.toMillis(), to.getTime());
      if (finish > begin) openMs += finish - begin;
    }
  }
  return Math.round(openMs / 60_000);
}
