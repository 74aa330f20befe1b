/**
 * A site's opening hours as the visitor reads them: day names (from the translation) and times in the
 * visitor's language (Intl), consecutive days with the same hours on one line, the site's time zone named.
 * Where the browser has no data for the language (Belarusian in Chromium: Intl then formats in Russian),
 * nothing is spelled out in words of another language: the zone as "UTC+3", holidays as numbers.
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

// Times are formatted as UTC so nothing shifts.
const timeDate = (time: string): Date => {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return new Date(Date.UTC(2024, 0, 1, hours, minutes));
};

/**
 * `dayNames`: Monday to Sunday in the visitor's language, from the translation (Intl has no Belarusian
 * in Chromium, and would name the days in Russian there).
 */
export function weekRows(hours: OpeningHours, lng: string, dayNames: readonly string[]): HoursRow[] {
  const dayName = (index: number): string => dayNames[index] ?? WEEK[index] ?? '';
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
    days: first === last ? dayName(first) : `${dayName(first)} – ${dayName(last)}`,
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

/** The zone's offset from UTC now ("UTC+3", "UTC-5", "UTC+5:30"): words in no language. Its IANA id if unknown. */
export function timeZoneOffset(timeZone: string, now = new Date()): string {
  try {
    const parts = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'shortOffset' }).formatToParts(now);
    const offset = parts.find((part) => part.type === 'timeZoneName')?.value;
    if (offset) return offset.replace(/^GMT/, 'UTC');
  } catch {
    // An unknown zone, or an engine without offsets: the id says it.
  }
  return timeZone;
}

const HOLIDAYS_SHOWN = 3;

export interface HolidayOptions {
  now?: Date;
  /** Dates as numbers ("07.01, 09.05"): Intl would write the month and "and" in another language. */
  numeric?: boolean;
}

/** The next few holidays from today (in the site's zone), as "25 December, 26 December". */
export function upcomingHolidays(hours: OpeningHours, lng: string, { now = new Date(), numeric = false }: HolidayOptions = {}): string | null {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: hours.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  const next = hours.holidays.filter((date) => date >= today).sort().slice(0, HOLIDAYS_SHOWN);
  if (next.length === 0) return null;
  const date = new Intl.DateTimeFormat(lng, { day: 'numeric', month: numeric ? 'numeric' : 'long', timeZone: 'UTC' });
  const dates = next.map((day) => date.format(new Date(`${day}T00:00:00Z`)));
  return numeric ? dates.join(', ') : new Intl.ListFormat(lng, { type: 'conjunction' }).format(dates);
}
