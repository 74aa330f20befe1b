/** Opening hours as the form edits them, and back: "24:00" (end of day) shows as 00:00 in a time field. */
import { formatLocale } from '@parley/shared';
import type { OpeningHours, Weekday } from '@parley/shared';

export const WEEKDAYS = [
  'mon',
  'tue',
  'wed',
  'thu',
  'fri',
  'sat',
  'sun',
] as const satisfies readonly Weekday[];
export const MAX_RANGES_PER_DAY = 4;
export const MAX_HOLIDAYS = 100;

export interface RangeDraft {
  from: string;
  to: string;
}
export type WeekDraft = Record<Weekday, RangeDraft[]>;

export const OFFICE_HOURS: RangeDraft = { from: '09:00', to: '17:00' };

export function defaultOpeningHours(timeZone: string): OpeningHours {
  const workday = () => [{ ...OFFICE_HOURS }];
  return {
    timeZone,
    week: {
      mon: workday(),
      tue: workday(),
      wed: workday(),
      thu: workday(),
      fri: workday(),
      sat: [],
      sun: [],
    },
    holidays: [],
  };
}

export const toField = (time: string) => (time === '24:00' ? '00:00' : time);
export const fromField = (time: string, end: boolean) => (end && time === '00:00' ? '24:00' : time);

/** A range the server accepts: HH:MM, and it starts before it ends (00:00 as an end is midnight). */
export function rangeIsValid(range: RangeDraft): boolean {
  const from = fromField(range.from, false);
  const to = fromField(range.to, true);
  return /^\d\d:\d\d$/.test(from) && /^(\d\d:\d\d)$/.test(to) && from < to;
}

/** Zones the browser knows, for the picker; the current one is always offered. */
export function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return known.includes(current) ? known : [current, ...known];
}

/** "Monday" in the agent's language (2024-01-01 was a Monday). */
export function weekdayName(day: Weekday, locale: string): string {
  const date = new Date(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(day)));
  return new Intl.DateTimeFormat(formatLocale(locale), { weekday: 'long', timeZone: 'UTC' }).format(date);
}
