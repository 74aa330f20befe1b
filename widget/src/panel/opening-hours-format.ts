/**
 * A site's opening hours as the visitor reads them: day names and times in the visitor's language
 * (Intl), consecutive days with the same hours on one line, the site's time zone named.
 */
import type { OpeningHours, Weekday } from '@parley/shared';

// Mirrors WEEKDAYS of @parley/shared (importing it would bring zod in); a test compares them.
export const WEEK: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export interface HoursRow {
  /** "Monday" or "Monday – Friday". */
  days: string;
  /** "9:00 AM – 6:00 PM", several ranges listed; ALL_DAY for 00:00–24:00; null when closed all day. */
  hours: string | null;
}

/** The `hours` of a day open from 00:00 to 24:00; the view says it in words. */
export const ALL_DAY = '24h';

// 1 January 2024 was a Monday; times and days are formatted as UTC so nothing shifts.
const dayDate = (index: number): Date => new Date(Date.UTC(2024, 0, 1 + index));
const timeDate = (time: string): Date => {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return new Date(Date.UTC(2024, 0, 1, hours, minutes));
};

export function weekRows(hours: OpeningHours, lng: string): HoursRow[] {
  const dayName = new Intl.DateTimeFormat(lng, { weekday: 'long', timeZone: 'UTC' });
  const time = new Intl.DateTimeFormat(lng, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });
  const list = new Intl.ListFormat(lng, { type: 'unit', style: 'short' });
  // A range ending at 24:00 ends on the next day, which formatRange would spell out with both dates.
  const rangeText = (from: string, to: string): string =>
    to === '24:00' ? `${time.format(timeDate(from))} – ${time.format(timeDate(to))}` : time.formatRange(timeDate(from), timeDate(to));

  const rows: { first: number; last: number; hours: string | null }[] = [];
  WEEK.forEach((day, index) => {
    const ranges = hours.week[day];
    const allDay = ranges.length === 1 && ranges[0]?.from === '00:00' && ranges[0].to === '24:00';
    const text = allDay ? ALL_DAY : ranges.length > 0 ? list.format(ranges.map((range) => rangeText(range.from, range.to))) : null;
    const previous = rows.at(-1);
    if (previous && previous.hours === text) previous.last = index;
    else rows.push({ first: index, last: index, hours: text });
  });
  return rows.map(({ first, last, hours: text }) => ({
    days:
      first === last
        ? dayName.format(dayDate(first))
        : `${dayName.format(dayDate(first))} – ${dayName.format(dayDate(last))}`,
    hours: text,
  }));
}

/** The zone's name in the visitor's language ("Central European Time"), or its IANA id. */
export function timeZoneName(timeZone: string, lng: string, now = new Date()): string {
  for (const style of ['longGeneric', 'long'] as const) {
    try {
      const parts = new Intl.DateTimeFormat(lng, { timeZone, timeZoneName: style }).formatToParts(now);
      const name = parts.find((part) => part.type === 'timeZoneName')?.value;
      if (name) return name;
    } catch {
      // An engine without this style: try the next.
    }
  }
  return timeZone;
}

const HOLIDAYS_SHOWN = 3;

/** The next few holidays from today (in the site's zone), as "25 December, 26 December". */
export function upcomingHolidays(hours: OpeningHours, lng: string, now = new Date()): string | null {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: hours.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  const next = hours.holidays.filter((date) => date >= today).sort().slice(0, HOLIDAYS_SHOWN);
  if (next.length === 0) return null;
  const date = new Intl.DateTimeFormat(lng, { day: 'numeric', month: 'long', timeZone: 'UTC' });
  return new Intl.ListFormat(lng, { type: 'conjunction' }).format(next.map((day) => date.format(new Date(`${day}T00:00:00Z`))));
}
